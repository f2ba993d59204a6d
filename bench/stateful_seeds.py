"""Whether the registry state machine (AS-REG-005) finds each planted defect of its known-bad
cases with every seed, with and without shrinking (run by hand, never from the test suite;
a few minutes on a quiet machine).

    PYTHONPATH=src python bench/stateful_seeds.py [--seeds 0-9] [--profile asset-registry]

For each defect and seed, against a fresh reference server each, with the profile's
default budget: ``run_machine`` as a run calls it (shrinking) and with ``shrink=False``
(the first departing sequence reported as found). Prints, per defect, the seeds whose run
reported no finding on each side and the count found out of the seeds tried; the claim in
docs/assets.md ("found with every seed ...") is read from this table.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from stateful_shrink import CASES, _run  # bench/ is on sys.path when a script of it runs


def _seeds(text: str) -> list[int]:
    """``0-9`` or ``0,4,20240501``."""
    if "-" in text and "," not in text:
        low, high = (int(part) for part in text.split("-"))
        return list(range(low, high + 1))
    return [int(part) for part in text.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="0-9", help="a range (0-9) or comma-separated seeds")
    parser.add_argument("--profile", default="asset-registry", help="whose known-bad defects (asset-registry "
                                                                    "for AS-REG-005, asset-trading for AS-TRADE-007)")
    args = parser.parse_args()
    seeds = _seeds(args.seeds)
    tmp = Path(tempfile.mkdtemp())
    print(f"{'defect':38} {'seed':>8} | {'shrinking: steps':>16} | {'no shrinking: steps':>19}")
    missed: dict[tuple[str, bool], list[int]] = {}
    defects = [defect for profile, defect in CASES if profile == args.profile]
    for defect in defects:
        for seed in seeds:
            steps = {}
            for shrink in (True, False):
                steps[shrink] = _run(args.profile, defect, seed, shrink, tmp, {})[2]
                if steps[shrink] is None:
                    missed.setdefault((defect, shrink), []).append(seed)
            print(f"{defect:38} {seed:>8} | {steps[True]!s:>16} | {steps[False]!s:>19}", flush=True)
    for defect in defects:
        for shrink in (True, False):
            lost = missed.get((defect, shrink), [])
            print(f"{defect}, {'shrinking' if shrink else 'no shrinking'}: found with {len(seeds) - len(lost)} "
                  f"of {len(seeds)} seeds" + (f"; missed with {lost}" if lost else ""))


if __name__ == "__main__":
    main()
