"""CPU of asking the installed packages' entry points, this tree beside another (issue 77 item 7):
one ``installed_entry_points`` call (a stat fingerprint of every ``sys.path`` folder's
distributions, then the kept scan), and the cycle test_catalog_lint.py runs for each of its
cases (a small catalog loaded, then linted) with how many fingerprints it takes.

    python bench/entry_point_scan.py --before /tmp/base --rounds 3 --calls 400 --cycles 15

``--before``: a ``git archive`` of the base commit with the vendored validators copied in. Each
round measures the other tree, then this one, each in a process of its own, and prints the
milliseconds of CPU per call and per cycle and this tree's ratios.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _trees import ROOT, child_json, tree_options  # noqa: E402
from spread import spread  # noqa: E402

PROBE = """
import json, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, ".")
try:
    from conformance import _entrypoints as scan
except ImportError:  # the base: the scan was part of _areas
    from conformance import _areas as scan
from conformance._catalog.catalog import load_catalog
from conformance.drafting.lint import lint
from tests.drafting.test_catalog_lint import catalog_with

calls, cycles = int(sys.argv[1]), int(sys.argv[2])
taken = [0]
fingerprint = scan._fingerprint
def counted():
    taken[0] += 1
    return fingerprint()
scan._fingerprint = counted
scan.installed_entry_points("conformance.adapters")
started = time.process_time()
for _ in range(calls):
    scan.installed_entry_points("conformance.adapters")
call_ms = (time.process_time() - started) / calls * 1000
roots = [Path(tempfile.mkdtemp()) for _ in range(cycles + 1)]
lint(load_catalog(catalog_with(roots[0])))  # warm-up: imports, the collection of the shared test module
taken[0] = 0
started = time.process_time()
for root in roots[1:]:
    assert lint(load_catalog(catalog_with(root))) == []
cycle_ms = (time.process_time() - started) / cycles * 1000
print(json.dumps({"call": call_ms, "cycle": cycle_ms, "fingerprints": taken[0] / cycles}))
"""


def main() -> None:
    parser = tree_options("entry-point scan, this tree beside another")
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--cycles", type=int, default=15)
    args = parser.parse_args()
    import os

    print(f"load average before: {os.getloadavg()[0]:.1f}")
    ratios: dict[str, list[float]] = {"call": [], "cycle": []}
    for number in range(1, args.rounds + 1):
        before = child_json(args.before.resolve(), PROBE, str(args.calls), str(args.cycles))
        after = child_json(ROOT, PROBE, str(args.calls), str(args.cycles))
        for key in ratios:
            ratios[key].append(after[key] / before[key])
        print(f"round {number}: installed_entry_points {before['call']:.3f} -> {after['call']:.3f} ms a call "
              f"({ratios['call'][-1]:.2f}); a lint test's load and lint {before['cycle']:.1f} -> "
              f"{after['cycle']:.1f} ms ({ratios['cycle'][-1]:.2f}), fingerprints a cycle "
              f"{before['fingerprints']:.1f} -> {after['fingerprints']:.1f}")
    for key, label in (("call", "a call"), ("cycle", "a lint test's cycle")):
        print(f"after ÷ before, {label}, min / median / max of {args.rounds} rounds: {spread(ratios[key])}")
    print(f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
