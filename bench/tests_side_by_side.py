"""The CPU of the same test files in two source trees, run alternately: where a change to the
tests (a shared fixture, a cache) is claimed to save time, this measures it.

    python bench/tests_side_by_side.py --before /path/to/other/tree --rounds 3 -- -n 2 tests/house
    python bench/tests_side_by_side.py --before TREE -- -p no:xdist tests/programme/test_watch.py

Each round runs ``python -m pytest -q -p no:cacheprovider <pytest arguments>`` in the other
tree (its tests and its ``src`` on PYTHONPATH), then in this one, and prints for each side
the summary line, the CPU seconds of pytest and every process it waited for (workers,
subprocesses), the wall seconds, and the ratio this tree ÷ the other within the round;
then the ratio's min / median / max over the rounds and the load average before and after.
The machine is shared: compare the CPU ratios, not wall times. Exit status: 1 if any run
failed, else 0.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spread import spread  # noqa: E402  (bench/'s helper, run as a script)

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(tree: Path, pytest_args: list[str]) -> tuple[str, float, float, int]:
    """pytest's summary line, CPU s, wall s and exit status of one run in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    before, started = _children_cpu(), time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
                          cwd=tree, env=env, capture_output=True, text=True)
    wall, cpu = time.monotonic() - started, _children_cpu() - before
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return (lines[-1] if lines else done.stderr.strip()[-200:]), cpu, wall, done.returncode


def main(argv: list[str]) -> int:
    ours = argv[: argv.index("--")] if "--" in argv else argv
    pytest_args = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other source tree (its tests/ and src/)")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(ours)
    if not (options.before / "tests" / "conftest.py").is_file():
        print(f"bench/tests_side_by_side.py: {options.before} holds no tests/conftest.py", file=sys.stderr)
        return 2
    print(f"pytest {' '.join(pytest_args)}; load average {os.getloadavg()[0]:.1f}")
    ratios, failed = [], False
    for round_ in range(1, options.rounds + 1):
        cpu = {}
        for side, tree in (("before", options.before.resolve()), ("after", ROOT)):
            summary, cpu[side], wall, code = run_once(tree, pytest_args)
            failed |= code != 0
            print(f"round {round_} {side:6s} {cpu[side]:7.1f} s CPU {wall:7.1f} s wall  {summary}")
        ratios.append(cpu["after"] / cpu["before"])
        print(f"round {round_} after ÷ before (CPU): {ratios[-1]:.2f}")
    print(f"after ÷ before, CPU, min / median / max of {len(ratios)} rounds: {spread(ratios)}; "
          f"load average now {os.getloadavg()[0]:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
