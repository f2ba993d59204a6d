"""The sixty-ninth reading of issue 76, part h133-ocaps3: the caps of c2's class (a check judging part of a target's
input, silently) that part h133-ocaps left, as far as this part reached.

Removed, the input judged whole (each already bounded by 5.1's file or response bound, and judged in linear time):
``data.quality.MAX_ROWS`` (image listing rows past 1 000 000), ``data.pricing.MAX_NODES`` (policy nodes past 10 000),
``identity.vcjwt.MAX_TOKEN`` (a token over 1 000 000 characters was not taken as a JWT; the patterns match linearly).
Made no longer cutting: ``scenes.mqtt.MAX_MESSAGES`` keeps evidence only, every packet read matched against every
wanted message (``Client.wait_all``); ``scenes.solids.MAX_RING`` chooses a method, a longer ring tested for val3dity
104 by a grid (``solids_fast.folded_large``). Each test fails on the branch's base (00c6a4a05)."""

from __future__ import annotations

import importlib
import json

from tests.drafting.module_caps import module_caps
from tests.drafting.test_reading_sixtyninth_ocaps import AREAS, CAPS, LEFT

REMOVED = ("data/quality.py:MAX_ROWS", "data/pricing.py:MAX_NODES", "identity/vcjwt.py:MAX_TOKEN")


def test_class_the_removed_caps_are_gone_and_the_others_classified():
    census = module_caps(*AREAS)
    for key in REMOVED:
        assert key not in census and key not in CAPS, key
    assert CAPS["scenes/mqtt.py:MAX_MESSAGES"][0] == "evidence"
    assert CAPS["scenes/solids.py:MAX_RING"][0] == "method"
    assert not {"scenes/mqtt.py:MAX_MESSAGES", "scenes/solids.py:MAX_RING", *REMOVED} & LEFT


def test_every_row_of_an_image_listing_is_read():
    quality = importlib.import_module("conformance.areas.data.quality")
    data = ("file_name\n" + "".join(f"{i}.png\n" for i in range(1_000_100))).encode()
    header, rows = quality.listing(data)
    assert len(rows) == 1_000_100 and rows[-1] == {"file_name": "1000099.png"}


def test_a_long_token_is_taken_as_a_jwt():
    from conformance.areas.identity import vcjwt

    token = "eyJhbGciOiJFUzI1NiJ9." + "a" * 1_200_000 + ".sig"
    assert vcjwt.is_token(token)


def test_every_policy_node_is_walked():
    from conformance.areas.data import pricing

    source = importlib.util.find_spec("conformance.areas.data.pricing").origin
    text = open(source, encoding="utf-8").read()
    assert "MAX_NODES" not in text and "while queue:" in text
    assert json is not None and pricing._policy_nodes
