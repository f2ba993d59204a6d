"""Part h92-ruleID's open row, closed by part aX (docs/drafting.md, "Leftovers of the thirty-ninth reading, part aX"):
the set-up reads of a 201 challenge answer outside a precondition (ID-AUTH-004's loop and last challenge, ID-PORT-004's
logins after the first) failed the case under no rule when the body did not parse; `served_body` now takes the
expected status, its unparsed state naming the status answered, and those reads leave the case inconclusive naming
ID-AUTH-001, which judges the challenge."""

from __future__ import annotations

import httpx
import pytest

from conformance import Inconclusive
from conformance.adapters.response import Response
from conformance.areas._shared.dependent import served_body
from conformance.areas.identity.keylogin import issued_challenge


def _answer(status: int, content: bytes) -> Response:
    return Response(method="POST", url="http://t/1.0/auth/challenges", status=status,
                    headers=httpx.Headers({"content-type": "application/json"}), content=content, elapsed_s=0.0)


def test_served_body_takes_the_expected_status_and_names_the_one_answered():
    assert served_body(_answer(201, b'{"a": 1}')) == (None, 201)  # 200 unless given
    assert served_body(_answer(201, b'{"a": 1}'), (200, 201)) == ({"a": 1}, 201)
    body, state = served_body(_answer(201, b"<html>"), 201)
    assert body is None and isinstance(state, str) and state.startswith("201 ")
    assert served_body(_answer(200, b"<html>"))[1].startswith("200 ")


def test_a_challenge_that_does_not_parse_leaves_the_case_to_id_auth_001():
    assert issued_challenge(_answer(201, b'{"challenge": "abcdefghijklmnop"}')) == "abcdefghijklmnop"
    assert issued_challenge(_answer(429, b"{}")) is None  # refused: a refused attempt
    with pytest.raises(Inconclusive, match="ID-AUTH-001"):
        issued_challenge(_answer(201, b"<html>"))
