"""Where the test suite's CPU goes, counting what ``rusage`` cannot see: each test runs with
the pytest process in a fresh cgroup v1 ``cpuacct`` group of its own, so every process the test
starts is charged to it, reaped or not (Chromium's renderers forked by its zygote, servers
killed by a signal, ``os._exit`` children, grandchildren nobody waits for). Beside the
group's CPU each row keeps the figures ``bench/cpu_census.py`` has (the test's own process
time and its waited-for children), and "unseen" is the difference.

    sudo python bench/cgroup_census.py --keep /tmp/cg -- -p no:xdist tests/drafting
    sudo python bench/cgroup_census.py --split 2 --keep /tmp/cg          # the suite, two halves at once
    python bench/cgroup_census.py --summary /tmp/cg --top 60             # the tables of kept records

Needs root and a writable ``/sys/fs/cgroup/cpuacct`` (cgroup v1); run pytest without xdist
(``-p no:xdist``): the groups follow the pytest process, not its workers. ``--split N`` runs
N pytest processes at once, the test files dealt out in turn, each ``-p no:xdist``.

How to read the columns:

- ``cgroup`` is the group's CPU when the session ends: what the test's own process did
  between its setup and its teardown, and everything it started, for as long as that ran.
  ``at end`` is the same group read when the test's teardown ended; ``cgroup − at end`` is
  what its processes burnt after it (a server or browser left running, idle or busy).
- A session- or module-scoped fixture is charged to the first test that uses it, with every
  process it starts (a Chromium serving the whole module is charged to its first test).
- ``rusage`` charges a child to the test that reaps it, the group to the test that started
  it: a single test's "unseen" can be negative (it reaped an earlier test's server); by
  file the two agree where nothing is unseen.
- The pytest process's own time outside every test (collection, the session's end) is the
  ``(outside tests)`` line, with what a test module starts in the background as the session
  starts (tests/conftest.py ``pytest_collection_finish``: test_known_bad.py's set-up B
  process); that thread's own work in the pytest process goes to whichever test is running.
- A process still running (a session-scoped server, the hostile battery's fork server) and a
  zombie nobody reaped are unseen by ``rusage`` until reaped: for a census read while the
  session runs, "unseen" includes them; at the session's end most are reaped.

Records are JSON lines in the ``--keep`` folder, one file per pytest process, written as
each test ends (a run stopped early still has its tables). Exit status: the largest of the
pytest processes', or 2 where no cgroup can be made.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CPUACCT = Path("/sys/fs/cgroup/cpuacct")
FOLDER_VARIABLE = "CONFORMANCE_CGROUP_CENSUS"


def _usage(group: Path) -> float:
    """CPU seconds of every task ever in ``group`` (cpuacct counts nanoseconds)."""
    return int((group / "cpuacct.usage").read_text()) / 1e9


def _join(group: Path) -> None:
    (group / "cgroup.procs").write_text(str(os.getpid()))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_group() -> str:
    """This process's cpuacct group, as /proc/self/cgroup names it ("/" for the root)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, group = line.split(":", 2)
        if "cpuacct" in controllers.split(","):
            return group
    return "/"


def _alive(group: Path) -> list[str]:
    """The command names of the processes still in ``group``."""
    names = []
    for pid in (group / "cgroup.procs").read_text().split():
        with contextlib.suppress(OSError):  # ended between the two reads
            names.append(Path(f"/proc/{pid}/comm").read_text().strip())
    return names


class Census:
    """The pytest plugin: one cgroup per test under ``census-<pid>``, records in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.home = CPUACCT / _own_group().lstrip("/")
        self.base = CPUACCT / f"census-{os.getpid()}"
        self.outside = self.base / "outside"
        self.outside.mkdir(parents=True, exist_ok=True)
        _join(self.outside)
        self.records = folder / f"tests-{os.getpid()}.jsonl"
        self.groups: list[tuple[str, Path, float]] = []

    def _write(self, record: dict[str, Any]) -> None:
        with self.records.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Iterator[None]:
        group = self.base / f"t{len(self.groups):05d}"
        group.mkdir()
        own, children, wall = time.process_time(), _children_cpu(), time.monotonic()
        _join(group)
        try:
            yield
        finally:
            _join(self.outside)
            at_end = _usage(group)
            self.groups.append((item.nodeid, group, at_end))
            self._write({"test": item.nodeid, "at_end": at_end, "own": time.process_time() - own,
                         "children": _children_cpu() - children, "wall": time.monotonic() - wall,
                         "alive": _alive(group)})

    def pytest_unconfigure(self, config: Any) -> None:
        """The groups read again at the session's end (what lingering processes burnt since),
        removed where empty; a group with a process still in it stays until that one ends."""
        for nodeid, group, at_end in self.groups:
            final = _usage(group)
            if final - at_end > 0.05:
                self._write({"test": nodeid, "final": final, "alive": _alive(group)})
            with contextlib.suppress(OSError):  # a process still in it
                group.rmdir()
        self._write({"test": "(outside tests)", "at_end": _usage(self.outside), "own": 0.0,
                     "children": 0.0, "wall": 0.0, "alive": []})
        _join(self.home)
        for group in (self.outside, self.base):
            with contextlib.suppress(OSError):  # a test's process still running in one of its groups
                group.rmdir()


def pytest_configure(config: Any) -> None:
    folder = os.environ.get(FOLDER_VARIABLE)
    if folder and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Census(Path(folder)), "cgroup-census")


def _live(group: Path, at_end: float) -> float:
    """A group's CPU now, while its pytest process still runs (a census read before its end)."""
    try:
        return _usage(group)
    except (OSError, ValueError):
        return at_end


def read(folder: Path) -> list[dict[str, Any]]:
    """One row a test: the records of every pytest process in ``folder``, the session's end
    reading folded into its test's row; for a session still running, its groups read now and
    its time outside tests so far as a row."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(folder.glob("tests-*.jsonl")):
        base = CPUACCT / f"census-{path.stem.removeprefix('tests-')}"
        groups = 0  # the n-th test's group is t<n> (Census.pytest_runtest_protocol)
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            key = (path.name, record["test"])
            if "final" in record:
                rows[key]["cgroup"] = record["final"]
                rows[key]["alive"] = record["alive"]
            elif record["test"] == "(outside tests)":
                rows[key] = {**record, "cgroup": record["at_end"]}
            else:
                rows[key] = {**record, "cgroup": _live(base / f"t{groups:05d}", record["at_end"])}
                groups += 1
        outside = (path.name, "(outside tests)")
        if outside not in rows:  # still running: the groups live, the outside one beside them
            group = base / "outside"
            if group.is_dir():
                rows[outside] = {"test": "(outside tests)", "at_end": _usage(group),
                                 "cgroup": _usage(group), "own": 0.0, "children": 0.0, "wall": 0.0, "alive": []}
    return list(rows.values())


def summary(folder: Path, top: int) -> str:
    rows = read(folder)
    tests = [r for r in rows if r["test"] != "(outside tests)"]
    total = sum(r["cgroup"] for r in rows)
    seen = sum(r["own"] + r["children"] for r in tests)
    lines = [f"{len(tests)} tests: cgroup CPU {total:.0f} s (outside tests "
             f"{total - sum(r['cgroup'] for r in tests):.0f} s), rusage {seen:.0f} s "
             f"(own {sum(r['own'] for r in tests):.0f}, children {sum(r['children'] for r in tests):.0f}), "
             f"after their tests {sum(r['cgroup'] - r['at_end'] for r in tests):.0f} s"]
    by_file: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for r in tests:
        row = by_file[r["test"].split("::")[0]]
        row[0] += r["cgroup"]
        row[1] += r["own"] + r["children"]
        row[2] += r["cgroup"] - r["at_end"]
        row[3] += 1
    header = f"{'cgroup':>8} {'rusage':>8} {'unseen':>8} {'after':>7}"
    lines.append(f"\nby file, most cgroup CPU first\n{header} {'tests':>6}  file")
    for name, (cg, seen_, after, count) in sorted(by_file.items(), key=lambda r: -r[1][0])[:top]:
        lines.append(f"{cg:8.1f} {seen_:8.1f} {cg - seen_:8.1f} {after:7.1f} {count:6d}  {name}")
    lines.append(f"\nby file, most unseen first\n{header} {'tests':>6}  file")
    for name, (cg, seen_, after, count) in sorted(by_file.items(), key=lambda r: -(r[1][0] - r[1][1]))[:top]:
        lines.append(f"{cg:8.1f} {seen_:8.1f} {cg - seen_:8.1f} {after:7.1f} {count:6d}  {name}")
    lines.append(f"\ntests, most unseen first\n{header} {'wall':>6}  test  [still running at its end]")
    for r in sorted(tests, key=lambda r: -(r["cgroup"] - r["own"] - r["children"]))[:top]:
        seen_ = r["own"] + r["children"]
        alive = f"  [{', '.join(sorted(set(r['alive'])))}]" if r["alive"] else ""
        lines.append(f"{r['cgroup']:8.1f} {seen_:8.1f} {r['cgroup'] - seen_:8.1f} {r['cgroup'] - r['at_end']:7.1f} "
                     f"{r['wall']:6.1f}  {r['test']}{alive}")
    lines.append(f"\ntests, most cgroup CPU first\n{header} {'wall':>6}  test")
    for r in sorted(tests, key=lambda r: -r["cgroup"])[:top]:
        seen_ = r["own"] + r["children"]
        lines.append(f"{r['cgroup']:8.1f} {seen_:8.1f} {r['cgroup'] - seen_:8.1f} {r['cgroup'] - r['at_end']:7.1f} "
                     f"{r['wall']:6.1f}  {r['test']}")
    return "\n".join(lines)


def _dealt(parts: int, first: Path | None) -> list[list[str]]:
    """The suite's test files dealt out in turn into ``parts`` lists: those ``first`` names
    (one a line, its first word a test file, as the by-file tables print them) in its order,
    then the others by name."""
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py"))
    named = [w for line in (first.read_text(encoding="utf-8").splitlines() if first else [])
             for w in line.split() if w.endswith(".py")]
    order = {name: rank for rank, name in reversed(list(enumerate(named)))}
    files.sort(key=lambda f: order.get(f, len(order)))
    return [files[i::parts] for i in range(parts)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=40, help="rows in each table (default 40)")
    parser.add_argument("--keep", type=Path, help="write the records here and keep them (default: a temporary folder)")
    parser.add_argument("--split", type=int, default=0, help="run the whole suite as N pytest processes at once")
    parser.add_argument("--first", type=Path, help="with --split: a file naming the test files to run first "
                        "(an earlier census's by-file table), so a run stopped early has measured the costliest")
    parser.add_argument("--summary", type=Path, help="only print the tables of the records kept in this folder")
    parser.add_argument("pytest_args", nargs="*", help="after --: pytest's arguments (default: -p no:xdist)")
    args = parser.parse_args(argv)
    if args.summary:
        print(summary(args.summary, args.top))
        return 0
    try:
        probe = CPUACCT / f"census-probe-{os.getpid()}"
        probe.mkdir()
        probe.rmdir()
    except OSError as error:
        print(f"cgroup_census: cannot make a cgroup under {CPUACCT} ({error.strerror}); "
              "needs root and cgroup v1 cpuacct", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cgroup-census-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = os.pathsep.join([str(ROOT / "bench"), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
        env = {**os.environ, "PYTHONPATH": path.rstrip(os.pathsep), FOLDER_VARIABLE: str(folder)}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "cgroup_census"]
        runs = ([[*command, "-p", "no:xdist", *args.pytest_args, *files] for files in _dealt(args.split, args.first)]
                if args.split else [[*command, *(args.pytest_args or ["-p", "no:xdist"])]])
        started = [subprocess.Popen(run, cwd=ROOT, env=env) for run in runs]
        status = max(process.wait() for process in started)
        print(summary(folder, args.top))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
