"""Two costs paid again and again, timed in this tree and in another side by side:
``installed_digest()`` (every ``verify``, so every participant a programme run or certification
checks; every catalog load walks the same way) and httpcore's async-library check (every
request of the load profile's async client, IF-LAT-001).

    python bench/repeated_asks.py --before /path/to/other/tree --calls 200 --rounds 3

Each round runs one child process per tree (its ``src`` on PYTHONPATH); each child warms up,
then times the calls with ``time.process_time``. Prints CPU per call for each tree and the
ratio this tree / the other, then the load average.
"""

from __future__ import annotations

import os
from pathlib import Path

from _trees import ROOT, child_json, tree_options


CHILD = r"""
import json, sys, time
calls = int(sys.argv[1])
from conformance.certification.verify import installed_digest
import conformance.areas.interfaces.load  # what a run of IF-LAT-001 imports before its client
from httpcore._synchronization import current_async_library
installed_digest()
started = time.process_time()
for _ in range(calls):
    installed_digest()
digest_ms = (time.process_time() - started) / calls * 1e3
started = time.process_time()
for _ in range(calls * 50):
    current_async_library()
library_us = (time.process_time() - started) / (calls * 50) * 1e6
print(json.dumps({"installed_digest_ms": digest_ms, "async_library_check_us": library_us}))
"""


def measure(tree: Path, calls: int) -> dict[str, float]:
    found: dict[str, float] = child_json(tree, CHILD, str(calls))
    return found


def main() -> int:
    parser = tree_options(__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    for round_no in range(1, args.rounds + 1):
        before, after = measure(args.before.resolve(), args.calls), measure(ROOT, args.calls)
        for name in before:
            print(f"round {round_no}: {name}: before {before[name]:.2f}, after {after[name]:.2f}, "
                  f"ratio {after[name] / before[name]:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
