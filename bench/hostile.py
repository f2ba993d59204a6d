"""The hostile battery of issue 13, outside pytest: every case of tests/hostile/cases.py run
as a separate ``conformance`` process against the hostile server or with hostile input.

    python bench/hostile.py            # all cases
    python bench/hostile.py gzip SIG   # cases whose name contains one of these words

Prints each case (exit code, wall time, peak RSS of its process tree, and what failed), then
"N/M cases held" and the highest peak RSS of any case.
A case holds when the run ended within its bound (timeout_s × requests + 30 s), peaked under
300 MB, printed no traceback, exited with a documented code, wrote a valid report when it
ran, and let the secret canary out nowhere. Exit status 0 when every case held.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.hostile.battery import Servers, run_case  # noqa: E402
from tests.hostile.cases import ALL_CASES  # noqa: E402
from tests.hostile.server import running  # noqa: E402


def main(words: list[str]) -> int:
    if any(w in ("-h", "--help") for w in words):
        print(__doc__)
        return 0
    cases = [c for c in ALL_CASES if not words or any(w.lower() in c.name.lower() for w in words)]
    if not cases:
        print(f"no case matches {' '.join(words)!r}", file=sys.stderr)
        return 2
    started = time.monotonic()
    failures = []
    peak = (0.0, "")
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp, running() as hostile, \
            running(accept_and_hang=True) as hanging:
        servers = Servers(hostile, hanging)
        for index, case in enumerate(cases):
            outcome = run_case(case, servers, Path(tmp) / f"case-{index}")
            print(outcome.line(), flush=True)
            peak = max(peak, (outcome.rss_mb, outcome.name))
            if not outcome.held:
                failures.append(outcome)
    held = len(cases) - len(failures)
    print(f"\n{held}/{len(cases)} cases held ({time.monotonic() - started:.0f} s); "
          f"peak RSS of a case's process tree {peak[0]:.0f} MB ({peak[1]})")
    for outcome in failures:
        print(outcome.line())
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
