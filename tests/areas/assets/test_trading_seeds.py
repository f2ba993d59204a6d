"""The trading state machine (AS-TRADE-007) finds every planted trading defect of the
reference market with each of several seeds, within the profile's default example budget
(issue 29's goal: "with every seed tried").

The seeds are a fixed list, so the test IDs are the same on every xdist worker. The machine runs as
a run runs it (:class:`conformance._run.surroundings.HypothesisHome`): hypothesis draws no
constants from the modules a process has imported, so a seed explores the same alone and inside
the whole suite (with them, seed 2 missed both refund defects once this suite's modules changed;
checked alone and with every test module collected, ``pytest tests -k test_every_seed -n 0``).
The machine's sales weigh double so that each defect is found with each seed. Sequences are not shrunk here: whether a
defect is found does not depend on shrinking, which only shortens the sequence a report shows."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from conformance import Evidence, load_catalog
from conformance.adapters import AdapterContext
from conformance._run.surroundings import HypothesisHome
from conformance.adapters.http import HttpAdapter
from conformance.areas._shared.registry import Session
from conformance.areas._shared.trading import price_currency, terms
from conformance.areas.assets.sequences import Sequences
from conformance.areas.assets.stateful import run_machine
from conformance.areas.assets.trading_stateful import trading_machine_for
from conformance.reference import create_app
from conformance.reference.assets.trading import DEFECTS
from conformance.reference.server import serve

pytestmark = pytest.mark.slow  # thirteen defects x the seeds, each up to the full example budget

SEEDS = (20240501, 1, 2, 3, 4)
#: asset-trading's stateful_seed default (the test below checks it is)
_DEFAULT_SEED = 20240501
#: The planted trading defects the machine is for: all but the one a test clock reaches (AS-TRADE-008),
#: the two AS-TRADE-004's own steps plant (a refund by someone else, a second refund) and the two that
#: break one of AS-TRADE-006's transfer rules alone (its rules R2 and R3), which their tests find
#: directly (their known-bad cases) and this machine is not built to reach; and self-dealing
#: (AS-TRADE-009) and circular trades (AS-TRADE-010), which need a linked identity the machine's buyers never
#: have, as do flagged circular and wash trades settled anyway (trade-flag-settles, trade-wash-held-settles)
#: and a circle through two intermediaries (trade-circular-long-accepted); a settle request repeated for a
#: settled order (AS-TRADE-002 R2), which that requirement's own step plants; and fees shown differently when
#: an order is read before settlement (AS-TRADE-003 R3), a read the machine does not make.
DIRECT_ONLY = {"trade-refund-after-window", "trade-refund-by-anyone", "trade-refund-twice", "trade-settle-twice",
               "trade-circular-accepted", "trade-flag-settles", "trade-circular-long-accepted",
               "trade-wash-held-settles", "trade-fees-shown-differ",
               "trade-order-holding-accepted", "trade-order-holder-lock-accepted", "trade-self-dealing-accepted"}
TRADING_DEFECTS = sorted(d for d in DEFECTS if d.startswith("trade-") and d not in DIRECT_ONLY)


@functools.cache
def _defaults() -> dict[str, Any]:
    """asset-trading's parameter defaults, read once a process (each of the file's 69 machine
    runs loaded and checked the whole catalog for them; read only, never changed)."""
    profile = load_catalog().profile("asset-trading")
    return {name: spec.default for name, spec in profile.parameters.items()}


def machine_findings(url: str, seed: int, tmp_path: Path) -> list[dict[str, Any]]:
    """AS-TRADE-007's machine against ``url`` with the profile's defaults and ``seed``."""
    p = _defaults()
    api = HttpAdapter("api", {"adapter": "http", "base_url": url}, AdapterContext(tmp_path / "m.yaml", {}))
    s = Session({"api": api}, p["identity_path"], count=max(2, p["stateful_identities"]))
    log = Sequences()
    evidence = Evidence()
    declared = terms(api)
    home = HypothesisHome()  # as a run draws: no local constants, so the seed alone fixes the sequences
    home.apply()
    try:
        run_machine(trading_machine_for(s, True, price_currency(declared), log, declared), log, evidence,
                    random_seed=seed, examples=p["stateful_examples"], steps=p["stateful_steps"], shrink=False)
    finally:
        home.restore()
    return [e for e in evidence.items if e["kind"] == "finding"]


def test_there_are_thirteen_planted_trading_defects():
    assert len(TRADING_DEFECTS) == 13


def test_the_correct_market_is_left_to_other_runs_with_the_profiles_default_seed_only():
    assert _defaults()["stateful_seed"] == _DEFAULT_SEED
    assert set(SEEDS) - set(OTHER_SEEDS) == {_DEFAULT_SEED}


@pytest.mark.parametrize("defect", TRADING_DEFECTS)
def test_every_seed_finds_the_defect(defect, tmp_path):
    missed = []
    for seed in SEEDS:  # a fresh market for each seed, as each run of the profile meets its own
        with serve(create_app([defect])) as url:
            if not machine_findings(url, seed, tmp_path):
                missed.append(seed)
    assert not missed, f"{defect} not found with seeds {missed}"


#: The seeds the correct market is run with here: all but the profile's default. The default is
#: what every demo-like run judges AS-TRADE-007 with, at the same budget and with the lifecycle lock
#: claimed, against the reference's correct market: the week of runs (tests/reference/test_week_of_runs.py)
#: asserts it conformant four times, so a false departure under that seed fails there already.
OTHER_SEEDS = tuple(seed for seed in SEEDS if seed != _DEFAULT_SEED)


@pytest.mark.parametrize("seed", OTHER_SEEDS)
def test_the_correct_market_passes_with_every_seed(seed, tmp_path):
    """Each seed a test of its own: each runs the whole example budget (nothing departs), and
    one test of them all would be the suite's longest, left to end the run alone."""
    with serve(create_app()) as url:
        found = machine_findings(url, seed, tmp_path)
    assert not found, found
