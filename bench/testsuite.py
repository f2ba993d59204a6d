"""What the harness's own test suite costs: the README's test commands, timed whole.

    python bench/testsuite.py                # the fast layer: pytest -n auto -m "not slow and not container"
    python bench/testsuite.py --full         # every test, as .ci/run runs them (pytest -n auto)
    python bench/testsuite.py --cold         # first, empty the session's byte-code folder (tests/bytecode.py)
    python bench/testsuite.py -- -x tests/hostile   # other pytest arguments after --

Prints pytest's summary line, then wall seconds, CPU seconds of pytest and every process it
waited for (workers, the battery's fork server and its commands, subprocesses), and the load
average before and after: on a shared machine compare CPU seconds, not wall time. Where
``PYTHONDONTWRITEBYTECODE`` is set, the test session keeps byte code in a folder of the
user's own that later sessions reuse: ``--cold`` empties it first, to time a first session
(as a fresh CI machine runs). Exit status: pytest's.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-n", "auto", "-m", "not slow and not container"]
FULL = ["-n", "auto"]


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv[: argv.index("--") if "--" in argv else len(argv)]):
        print(__doc__)
        return 0
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    ours = argv[: argv.index("--")] if "--" in argv else argv
    unknown = [a for a in ours if a not in ("--full", "--cold")]
    if unknown:
        print(f"bench/testsuite.py: unknown argument {unknown[0]} (--full, --cold, then -- and pytest's)",
              file=sys.stderr)
        return 2
    if "--cold" in ours:
        environment = dict(os.environ)  # importing tests.bytecode sets the session's variables: pytest sets its own
        sys.path.insert(0, str(ROOT))
        from tests.bytecode import cache_folder

        folder = cache_folder()
        if folder is not None:
            shutil.rmtree(folder)
        os.environ.clear()
        os.environ.update(environment)
    command = [sys.executable, "-m", "pytest", *(FULL if "--full" in ours else FAST), "-q", "-p", "no:cacheprovider",
               *extra]
    load_before = os.getloadavg()
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    print(lines[-1] if lines else done.stderr[-500:])
    print(f"command: {' '.join(command[1:])}")
    print(f"{wall:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU "
          f"({usage.ru_utime:.1f} user + {usage.ru_stime:.1f} system); "
          f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
