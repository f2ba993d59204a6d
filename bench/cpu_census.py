"""Where the test suite's CPU goes: each test's own CPU (its worker's process time while it
runs, threads included) and its waited-for children's, and every Python subprocess by kind
and by the test that started it. The profile a junit XML gives is wall time, which on a
shared two-core machine mostly measures the queue; this measures the work.

    python bench/cpu_census.py                     # the README's test command, -n auto
    python bench/cpu_census.py -- -p no:xdist tests/drafting
    python bench/cpu_census.py --top 60 --keep /tmp/census -- -n 2 tests/e2e

A temporary folder goes first on ``PYTHONPATH`` with a ``sitecustomize`` that records every
Python process at its exit, and pytest loads ``bench/_census_hooks.py`` as a plugin. Processes
that end by ``os._exit`` or a signal leave no record (forked servers, killed workers); their
CPU still shows in their parent's children when it waited for them. Exit status: pytest's.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent


def read(folder: Path, kind: str) -> list[dict[str, object]]:
    return [json.loads(line) for path in sorted(folder.glob(f"{kind}-*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def process_kind(argv: list[str]) -> str:
    """``conformance run``, ``interlab.py``, ``pytest worker``: what a reader recognises."""
    if not argv:
        return "?"
    head = Path(argv[0]).name
    if head in ("__main__.py", "conformance") and len(argv) > 1:
        return "pytest" if "pytest" in argv[0] else f"conformance {argv[1]}"
    return "pytest worker (-c)" if head == "-c" else head


def summary(folder: Path, top: int) -> str:
    tests, processes = read(folder, "test"), read(folder, "process")
    lines = [f"{len(tests)} tests: own CPU {sum(t['own'] for t in tests):.0f} s, "
             f"their waited-for children {sum(t['children'] for t in tests):.0f} s"]
    by_file: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for t in tests:
        row = by_file[str(t["test"]).split("::")[0]]
        row[0] += t["own"]; row[1] += t["children"]; row[2] += 1
    lines.append(f"\n{'own':>8} {'children':>8} {'tests':>6}  file")
    for name, (own, children, count) in sorted(by_file.items(), key=lambda r: -(r[1][0] + r[1][1]))[:top]:
        lines.append(f"{own:8.1f} {children:8.1f} {count:6d}  {name}")
    lines.append(f"\n{'own':>8} {'children':>8} {'wall':>7}  test")
    for t in sorted(tests, key=lambda t: -(t["own"] + t["children"]))[:top]:
        lines.append(f"{t['own']:8.1f} {t['children']:8.1f} {t['wall']:7.1f}  {t['test']}")
    kinds: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0])
    for p in processes:
        row = kinds[process_kind(list(p["argv"]))]
        row[0] += p["own"]; row[1] += 1
    lines.append(f"\n{'own':>8} {'count':>6}  Python process (own CPU; pytest's own line counts its workers' too)")
    for name, (own, count) in sorted(kinds.items(), key=lambda r: -r[1][0])[:top]:
        lines.append(f"{own:8.1f} {count:6d}  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=40, help="rows in each table (default 40)")
    parser.add_argument("--keep", type=Path, help="write the records here and keep them (default: a temporary folder)")
    parser.add_argument("pytest_args", nargs="*", help="after --: pytest's arguments (default: -n auto)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cpu-census-") as tmp:
        folder = args.keep or Path(tmp) / "records"
        folder.mkdir(parents=True, exist_ok=True)
        hooks = Path(tmp) / "site"
        hooks.mkdir()
        (hooks / "sitecustomize.py").write_text("from _census_hooks import record_process_at_exit\n"
                                                "record_process_at_exit()\n", encoding="utf-8")
        path = os.pathsep.join([str(hooks), str(BENCH), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
        env = {**os.environ, "PYTHONPATH": path.rstrip(os.pathsep), "CONFORMANCE_CPU_CENSUS": str(folder)}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "_census_hooks",
                   *(args.pytest_args or ["-n", "auto"])]
        status = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        print(summary(folder, args.top))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
