"""What the harness's own test suite costs: docs/development.md's test commands, timed whole.

    python bench/testsuite.py                # the fast layer: pytest -n auto -m "not slow and not container"
    python bench/testsuite.py --full         # every test, as .ci/run runs them (pytest -n auto)
    python bench/testsuite.py --cold         # first, empty the session's byte-code folder (tests/bytecode.py)
    python bench/testsuite.py --by-file      # then where the CPU went: by test file, by test, outside tests
    python bench/testsuite.py -- -x tests/hostile   # other pytest arguments after --

Prints pytest's summary line, then wall seconds, CPU seconds of pytest and every process it
waited for (workers, the battery's fork server and its commands, subprocesses), and the load
average before and after: on a shared machine compare CPU seconds, not wall time. Where
``PYTHONDONTWRITEBYTECODE`` is set, the test session keeps byte code in a folder of the
user's own that later sessions reuse: ``--cold`` empties it first, to time a first session
(as a fresh CI machine runs). ``--by-file`` loads ``tests/cpu_costs.py`` into every
pytest process and prints the CPU seconds of each test file and of the costliest tests (own
process and reaped children), and what each process spent outside its tests (its start and
collection): where to look first. Exit status: pytest's.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
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
    unknown = [a for a in ours if a not in ("--full", "--cold", "--by-file")]
    if unknown:
        print(f"bench/testsuite.py: unknown argument {unknown[0]} (--full, --cold, --by-file, then -- and pytest's)",
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
    costs = Path(tempfile.mkdtemp(prefix="testsuite-costs-")) if "--by-file" in ours else None
    plugin = ["-p", "tests.cpu_costs"] if costs else []
    command = [sys.executable, "-m", "pytest", *(FULL if "--full" in ours else FAST), "-q", "-p", "no:cacheprovider",
               *plugin, *extra]
    environment = {**os.environ, **({"CONFORMANCE_CPU_COSTS": str(costs)} if costs else {})}
    load_before = os.getloadavg()
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment)
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    print(lines[-1] if lines else done.stderr[-500:])
    for line in lines:  # which tests failed (pytest's -ra summary), so a long run need not be repeated to know
        if line.startswith(("FAILED ", "ERROR ")):
            print(line[:300])
    print(f"command: {' '.join(command[1:])}")
    print(f"{wall:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU "
          f"({usage.ru_utime:.1f} user + {usage.ru_stime:.1f} system); "
          f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")
    if costs:
        print_costs(costs)
        shutil.rmtree(costs)
    return done.returncode


def print_costs(folder: Path, files: int = 30, tests: int = 30) -> None:
    """What tests/cpu_costs.py recorded in each process, summed by file and by test."""
    records = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]
    by_file: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    rows = []
    for record in records:
        inside = sum(row[1] for row in record["tests"])
        print(f"{record['process']}: {record['own']:.1f} s CPU own, {record['children']:.1f} s children; "
              f"{record['own'] - inside:.1f} s own outside its {len(record['tests'])} tests (start, collection)")
        for nodeid, own, children, *_ in record["tests"]:
            entry = by_file[nodeid.split("::")[0]]
            entry[0] += own
            entry[1] += children
            entry[2] += 1
            rows.append((own + children, own, children, nodeid))
    total = sum(own + children for own, children, _ in by_file.values())
    print(f"\nCPU s in tests {total:.1f}; by file (own + children = total, tests), costliest {files}:")
    for name, (own, children, count) in sorted(by_file.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))[:files]:
        print(f"{own + children:7.2f} = {own:6.2f} + {children:6.2f}  {count:4d}  {name}")
    print(f"\ncostliest {tests} tests (CPU s: total = own + children):")
    for cost, own, children, nodeid in sorted(rows, reverse=True)[:tests]:
        print(f"{cost:6.2f} = {own:5.2f} + {children:5.2f}  {nodeid}")
    print_tail(records)


def print_tail(records: list[dict], longest: int = 12) -> None:
    """The end of the run: when each worker ended its last test (seconds after the first
    test started anywhere), and the longest tests that ran on after the first worker had
    nothing left to do: what a worker finished alone while cores idled."""
    timed = [(record["process"], row) for record in records for row in record["tests"] if len(row) > 4]
    if not timed:
        return
    start = min(row[4] - row[3] for _, row in timed)
    ends = {process: max(row[4] for p, row in timed if p == process) - start for process in {p for p, _ in timed}}
    print("\nthe tail: each worker's last test ended at " +
          ", ".join(f"{process} {ends[process]:.0f} s" for process in sorted(ends)) + " (after the first test started)")
    first_idle = min(ends.values())
    late = [(process, row) for process, row in timed if row[4] - start > first_idle]
    print(f"after {first_idle:.0f} s, {len(late)} tests ended, {sum(row[3] for _, row in late):.0f} s of them; "
          f"the longest {longest}:")
    for process, row in sorted(late, key=lambda pr: -pr[1][3])[:longest]:
        print(f"  ended {row[4] - start:6.1f} s, ran {row[3]:5.1f} s  {process}  {row[0]}")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
