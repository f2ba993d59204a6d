"""Wall time of the sanction requirements with the test moderation clock, side by side with the
same requirements waiting the periods out (run by hand, never from the test suite).

    PYTHONPATH=src python bench/sanctions.py [--rounds 3]

Per round, against a fresh reference server each, ``conformance._run.engine.run`` of the profile
interfaces-reporting (feature linked-identities) filtered to IF-CODE-004, IF-CODE-005 and
IF-CODE-006, twice:

- clock: the profile's own parameters; the reference's ``/test-moderation/clock`` advances
  past each period, so nothing sleeps;
- wait: ``moderation_clock_path`` set to a path the reference does not serve (404), so the
  harness imposes ``sanction_period_s`` (3 s) and waits it out, and leaves the ban's
  permanence unchecked.

Prints both wall times, the seconds spent in ``time.sleep``, the ratio wait / clock (min,
median, max over the rounds), each run's verdicts (all must pass: the clock must not weaken a
check) and the load average. Goal (issue 29, item 3): the sanction checks sleep 0 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from conformance import load_catalog
from conformance._catalog.catalog import Catalog
from conformance._run.engine import run
from conformance.reference import create_app
from conformance.reference.server import serve

REQUIREMENTS = ("IF-CODE-004", "IF-CODE-005", "IF-CODE-006")
NO_CLOCK = "/bench-no-test-clock"


def one_run(catalog: Catalog, work: Path, parameters: dict[str, Any]) -> tuple[float, float, dict[str, str]]:
    """(wall seconds, seconds slept, verdict by requirement) of one run against a fresh server."""
    with serve(create_app()) as url:
        claim = {"id": "interfaces-reporting", "features": ["linked-identities"], "parameters": parameters}
        manifest = {"product": {"name": "bench", "version": "1"}, "profiles": [claim],
                    "targets": {"api": {"adapter": "http", "base_url": url}}}
        path = work / "manifest.yaml"
        path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        slept = [0.0]
        sleep = time.sleep

        def counted(seconds: float) -> None:
            slept[0] += max(seconds, 0.0)
            sleep(seconds)
        time.sleep = counted
        try:
            started = time.perf_counter()
            result = run(path, catalog=catalog, requirements=REQUIREMENTS, out_dir=work / "out", formats=["json"])
            wall = time.perf_counter() - started
        finally:
            time.sleep = sleep
    verdicts = {r.requirement: str(r.verdict.value) for r in result.report.requirements
                if r.requirement in REQUIREMENTS}
    return wall, slept[0], verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    catalog = load_catalog()
    ratios: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in range(1, rounds + 1):
            clock_s, clock_slept, clock_v = one_run(catalog, work, {})
            wait_s, wait_slept, wait_v = one_run(catalog, work, {"moderation_clock_path": NO_CLOCK})
            ratios.append(wait_s / clock_s)
            print(f"round {n}: clock {clock_s:6.2f} s (slept {clock_slept:5.2f} s)  "
                  f"wait {wait_s:6.2f} s (slept {wait_slept:5.2f} s)  wait/clock {ratios[-1]:5.1f}x")
            print(f"  verdicts clock {clock_v}")
            print(f"  verdicts wait  {wait_v}")
            if any(v != "pass" for v in (*clock_v.values(), *wait_v.values())):
                print("  a verdict is not pass: the comparison does not hold", file=sys.stderr)
    print(f"wait/clock min {min(ratios):.1f}x median {statistics.median(ratios):.1f}x max {max(ratios):.1f}x; "
          f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
