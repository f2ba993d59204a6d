"""What one run of the multi-user session requirements (IF-SES-001..006: a session of 8, one of 32,
each with a late joiner) costs in CPU against the reference over TLS, in two source trees side by
side (run by hand, never from the test suite).

    git worktree add /tmp/before <base commit>
    python bench/sessions_cpu.py --before /tmp/before [--runs 4] [--rounds 3]

Each round, in a child process per tree (its ``src`` on PYTHONPATH, run in the tree, so its own suites
and tests' helpers), serves the reference over TLS (as the week of runs and the session tests do),
runs the requirements once to import what they need, then ``--runs`` times, and prints the CPU a run
of the whole process (every thread), of the harness's thread and of the others (the reference's
server thread most of it), read from /proc. The ratio is this tree ÷ the other's total. The
verdicts of each tree's first round are printed, one line when they agree (IF-SES-002 is a timing
that load can move).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _trees import child_json, rounds_side_by_side, tree_options  # noqa: E402  (bench/'s helper, run as a script)

CHILD = """
import json, os, sys, tempfile, time
from pathlib import Path
from tests.conftest import manifest_for, manifest_runner, shipped_catalog
from conformance.reference import create_app
from conformance.reference.server import serve

REQUIREMENTS = [f"IF-SES-00{n}" for n in range(1, 7)]

def threads_cpu():
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for task in os.listdir("/proc/self/task"):
        try:
            fields = open(f"/proc/self/task/{task}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[task] = (int(fields[11]) + int(fields[12])) / ticks
    return found

runs = int(sys.argv[1])
catalog = shipped_catalog()
with serve(create_app(), tls=True) as url:
    run = manifest_runner(Path(tempfile.mkdtemp()), catalog)
    manifest = manifest_for(catalog, "interfaces-sessions", base_urls={"api": url})
    run(manifest, requirements=REQUIREMENTS)
    before, started = threads_cpu(), time.process_time()
    for _ in range(runs):
        result = run(manifest, requirements=REQUIREMENTS)
    total, after = time.process_time() - started, threads_cpu()
harness = after[str(os.getpid())] - before[str(os.getpid())]
verdicts = {r.requirement: r.verdict.value for r in result.report.requirements}
print(json.dumps([total / runs, harness / runs, verdicts]))
"""

_verdicts: dict[str, dict[str, str]] = {}


def run_cpu(tree: Path, runs: int) -> float:
    """CPU seconds of one IF-SES run from ``tree`` (the harness's thread and the others printed)."""
    total, harness, verdicts = child_json(tree, CHILD, str(runs))
    print(f"  {tree}: {total:.3f} s a run (harness thread {harness:.3f} s, the others {total - harness:.3f} s)")
    _verdicts.setdefault(str(tree), verdicts)
    return float(total)


def main() -> None:
    parser = tree_options(__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    rounds_side_by_side(args.before, args.rounds, lambda tree: run_cpu(tree, args.runs), "CPU s a run")
    print("verdicts (one line: the trees agree):", *sorted(set(map(str, _verdicts.values()))), sep="\n  ")


if __name__ == "__main__":
    main()
