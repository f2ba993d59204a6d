"""What shrinking costs the two state machines (AS-REG-005, AS-TRADE-007) on the planted
defects of their known-bad cases (suites/assets/known_bad.yaml), side by side with finding
the defect without shrinking (run by hand, never from the test suite; about a minute).

    PYTHONPATH=src python bench/stateful_shrink.py [--seeds 20240501,1,2] [--steps 8 --examples 200]

For each defect and seed, against a fresh reference server each, with the profile's
defaults: ``run_machine`` with ``shrink=False`` (the sequences run until the first
departure) and with shrinking, as a run does. Prints the sequences run and the CPU time
(the process's: the server runs in a thread of it) of each, their ratio, the steps of the
sequence each reports, and when shrinking last found a shorter departing sequence: the
sequences shrinking runs after that only lower the values inside the steps (which
identity, which price), which is what a bound on shrinking by "no shorter sequence for K
sequences in a row" would leave out (shown for K = 100 and 150: the sequences it would run
and the steps it would report). Issue 61: the known-bad cases of the two requirements were
among the suite's longest tests. ``--steps``/``--examples`` replace the profile's defaults
(both sides), to see whether shorter sequences would make shrinking cheaper.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from conformance import Evidence, load_catalog
from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.areas._shared.registry import Session
from conformance.areas._shared.trading import price_currency, terms
from conformance.areas.assets import stateful
from conformance.areas.assets.sequences import Sequences
from conformance.areas.assets.trading_stateful import trading_machine_for
from conformance.reference import create_app
from conformance.reference.server import serve

#: (profile, planted defect) of each known-bad case of AS-REG-005 and AS-TRADE-007
CASES = (("asset-registry", "registry-lock-ignored-after-transfer"),
         ("asset-registry", "registry-holding-period-ignored"),
         ("asset-trading", "trade-settlement-unrecorded"),
         ("asset-trading", "trade-order-locked-after-trade"),
         ("asset-trading", "trade-refund-after-resale"),
         ("asset-trading", "trade-settle-after-cancel"))
STALLS = (100, 150)


def _departures() -> list[tuple[int, int]]:
    """(sequence number, steps run) of every departure raised from now on: the machines raise
    :class:`stateful.Divergence` for each, so its constructor is where the bench listens."""
    seen: list[tuple[int, int]] = []
    original = stateful.Divergence.__init__

    def listening(self: Any, *args: Any) -> None:
        seen.append((len(LOG.runs), len(LOG.current.steps) if LOG.runs else 0))
        original(self, *args)

    stateful.Divergence.__init__ = listening  # type: ignore[method-assign]
    return seen


#: the sequences of the machine running (a fresh :class:`Sequences` for each run)
LOG = Sequences()


def _run(profile: str, defect: str, seed: int, shrink: bool, tmp: Path,
         budget: dict[str, int]) -> tuple[int, float, int | None]:
    """(sequences run, CPU seconds, steps of the reported sequence or None when not found)."""
    global LOG
    p = {name: spec.default for name, spec in load_catalog().profile(profile).parameters.items()}
    p.update(budget)
    with serve(create_app([defect])) as url:
        api = HttpAdapter("api", {"adapter": "http", "base_url": url}, AdapterContext(tmp / "m.yaml", {}))
        s = Session({"api": api}, p["identity_path"], count=max(2, p["stateful_identities"]))
        LOG = Sequences()
        machine = stateful.machine_for(s, True, LOG) if profile == "asset-registry" else \
            trading_machine_for(s, True, price_currency(terms(api)), LOG)
        evidence = Evidence()
        start = time.process_time()
        stateful.run_machine(machine, LOG, evidence, random_seed=seed, examples=p["stateful_examples"],
                             steps=p["stateful_steps"], shrink=shrink)
        cpu = time.process_time() - start
    found = [e for e in evidence.items if e["kind"] == "finding"]
    return len(LOG.runs), cpu, len(found[0].get("sequence") or []) if found else None


def _bounded(departures: list[tuple[int, int]], total: int, stall: int) -> tuple[int, int]:
    """(sequences run, steps reported) had shrinking stopped after ``stall`` sequences in a
    row without a shorter departure."""
    best, at = None, 0
    for number, steps in departures:
        if number - at > stall and best is not None:
            return at + stall, best
        if best is None or steps < best:
            best, at = steps, number
    return min(total, at + stall), best or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="20240501", help="comma-separated seeds (default: the profiles' default)")
    parser.add_argument("--steps", type=int, help="stateful_steps instead of the profile's default")
    parser.add_argument("--examples", type=int, help="stateful_examples instead of the profile's default")
    args = parser.parse_args()
    budget = {name: value for name, value in (("stateful_steps", args.steps), ("stateful_examples", args.examples))
              if value is not None}
    departures = _departures()
    tmp = Path(tempfile.mkdtemp())
    totals = {"found": 0.0, "shrunk": 0.0}
    print(f"{'defect':38} {'seed':>8} | {'found: seqs':>11} {'cpu s':>6} {'steps':>5} | {'shrunk: seqs':>12} "
          f"{'cpu s':>6} {'steps':>5} | {'ratio':>5} | last shorter at | " +
          " | ".join(f"K={k}: seqs steps" for k in STALLS))
    for profile, defect in CASES:
        for seed in (int(s) for s in args.seeds.split(",")):
            found = _run(profile, defect, seed, False, tmp, budget)
            departures.clear()
            shrunk = _run(profile, defect, seed, True, tmp, budget)
            shorter = [n for n, steps in departures if steps == min((st for _, st in departures), default=0)]
            bounds = [_bounded(list(departures), shrunk[0], k) for k in STALLS]
            totals["found"] += found[1]
            totals["shrunk"] += shrunk[1]
            print(f"{defect:38} {seed:>8} | {found[0]:>11} {found[1]:>6.2f} {found[2]!s:>5} | {shrunk[0]:>12} "
                  f"{shrunk[1]:>6.2f} {shrunk[2]!s:>5} | {shrunk[1] / max(found[1], 1e-9):>5.1f} | "
                  f"{(shorter[0] if shorter else '-')!s:>15} | " +
                  " | ".join(f"{n:>8} {steps:>5}" for n, steps in bounds), flush=True)
    print(f"CPU: finding {totals['found']:.1f} s, with shrinking {totals['shrunk']:.1f} s, "
          f"ratio {totals['shrunk'] / max(totals['found'], 1e-9):.1f}; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
