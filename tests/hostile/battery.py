"""The battery: each case runs the ``conformance`` command as a separate process, as an
attacker or a broken product would make it run, and checks every promise of a run:

- it ends within its bound (for a hostile target, ``timeout_s × requests + 30 s``, the
  requests counted by the hostile server: a correctness bound, not a performance figure);
- its peak RSS stays under 300 MB (the child's own, from ``wait4``);
- no traceback, no "harness fault" anywhere;
- its exit code is one the case documents (2 with one line for bad input);
- when it writes a report, report.json is valid against its schema and junit.xml parses;
- the secret canary appears in no output, in no encoding (raw, escaped, percent-encoded,
  base64), in no file of the output folder.

``tests/hostile/test_*.py`` run the cases under pytest; ``bench/hostile.py`` runs them all
and prints "N/M cases held" with each failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson
import yaml

from conformance._record.redaction import encodings

from .forkserver import ForkServer, apply_file_size_limit
from .server import HostileServer

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "src" / "conformance" / "reference" / "samples"
CANARY = "CANARY-7f3a9c-d41d8cd98f00b204"
TOKEN_ENV = "HOSTILE_TOKEN"
MAX_RSS_MB = 300
#: What every case may always take on top of its own bound: start-up, catalog, reports.
SLACK_S = 30.0
#: A run of the interfaces profile narrowed to the requirements that read answers closely.
#: A manifest whose ten levels of nine aliases stand for 9^10 values ("billion laughs").
ALIAS_BOMB_TEXT = "product: {name: x, version: '1'}\nprofiles: [identity-document]\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(10)
)
HTTP_REQUIREMENTS = ("IF-DISC-001", "IF-ERR-001", "IF-PAGE-001", "IF-REQ-001", "IF-CON-001")


@dataclass
class Servers:
    hostile: HostileServer
    hanging: HostileServer  # accepts, then never reads nor answers
    #: Where the cases' commands start (forked, warm); None: each a fresh ``python -m conformance.cli``.
    forks: ForkServer | None = None


@dataclass
class Case:
    """One hostile situation. ``prepare`` writes what it needs into the case's folder and
    returns the command's arguments (after ``conformance``)."""

    name: str
    prepare: Callable[[Path, Servers], list[str]]
    exit_codes: frozenset[int]
    #: The hostile server's mode whose requests bound the time (timeout_s × requests + 30 s).
    mode: str | None = None
    timeout_s: float = 0.0
    env: dict[str, str] = field(default_factory=dict)
    #: (seconds after start, signal) to send the process, e.g. SIGTERM mid-run (counted from the first request of
    #: ``mode`` the hostile server sees, where the case has one: on a loaded machine a fixed offset from the process's
    #: start fell before the run had begun, and the run rightly wrote no report)...
    signal_after: tuple[float, int] | None = None
    #: ...and again every this many seconds until it ends (a storm: late signals too).
    signal_every: float | None = None
    #: Text the output folder held before the run (a stale report) that must not be there after.
    stale: bool = False
    slow: bool = True
    #: Standard output as the case gives it: "full" (/dev/full) or "closed-pipe"; None: a file.
    stdout: str | None = None
    #: RLIMIT_FSIZE in bytes (SIGXFSZ ignored): a disk that fills up part-way through the reports.
    file_size_limit: int | None = None
    #: The outputs may stop part-way (a full disk): report.json, if there is one, is marked incomplete.
    partial_output: bool = False
    #: What else must hold afterwards (nothing outside the outputs touched...): problems found.
    #: Called as soon as the command ended, before its outputs are checked.
    after: Callable[[Path], list[str]] | None = None
    #: No raw escape or control character may reach stdout or stderr.
    no_escapes: bool = False
    #: A command that writes no report (verify, report export): exit 1 is a rejection, not a run.
    writes_report: bool = True
    #: The seconds a case may take beyond its requests' timeouts: a bound against a hang, not a
    #: speed claim; a case that reads a large tree gets more (a loaded CI machine is slow at it).
    slack_s: float = SLACK_S


@dataclass
class Outcome:
    name: str
    seconds: float = 0.0
    rss_mb: float = 0.0
    exit_code: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return not self.problems

    def line(self) -> str:
        state = "held" if self.held else "FAILED"
        text = f"{self.name}: {state} (exit {self.exit_code}, {self.seconds:.1f} s, {self.rss_mb:.0f} MB)"
        return text + "".join(f"\n    - {p}" for p in self.problems)


# -- checking what a run left ------------------------------------------------------------

_SCHEMAS: list[Any] = []


def report_problems(report_path: Path) -> list[str]:
    from conformance._catalog.catalog import REPORT_SCHEMA, load_catalog

    if not _SCHEMAS:
        _SCHEMAS.append(load_catalog().schemas)
    try:
        report = orjson.loads(report_path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        return [f"report.json unreadable: {exc}"]
    problems = [f"report.json invalid at {f.pointer}: {f.message}" for f in _SCHEMAS[0].findings(report, REPORT_SCHEMA)]
    text = report_path.read_text(encoding="utf-8", errors="replace")
    if "harness fault" in text:
        problems.append("the report holds a harness fault")
    return problems[:5]


def leak_forms() -> list[str]:
    """The canary in every encoding, and its first 11 characters (what a cut made before
    redaction would leave)."""
    return sorted({CANARY[:11], *(f for f in encodings(CANARY) if len(f) >= 8)})


def leaks(data: bytes, forms: list[str]) -> list[str]:
    text = data.decode("utf-8", "replace")
    return [form for form in forms if form in text]


def file_leaks(path: Path, forms: list[str]) -> list[str]:
    """:func:`leaks` of a file, read past its holes: a hole reads as zeros, and no form holds a
    zero byte, so a sparse 1 GiB earlier report is checked in its written parts only (a file
    without holes is read whole, as before)."""
    found: set[str] = set()
    with path.open("rb") as handle:
        fd, start = handle.fileno(), 0
        size = os.fstat(fd).st_size
        while start < size:
            try:
                start = os.lseek(fd, start, os.SEEK_DATA)
                end = os.lseek(fd, start, os.SEEK_HOLE)
            except OSError as exc:
                if exc.errno == errno.ENXIO:  # no data after start: the rest is a hole
                    break
                end = size  # no SEEK_DATA on this file system: read the rest
            handle.seek(start)
            found.update(leaks(handle.read(end - start), forms))
            start = end
    return [form for form in forms if form in found]


def check_outputs(case: Case, out: Path, stdout: bytes, stderr: bytes, code: int | None) -> list[str]:
    problems = []
    for name, data in (("stdout", stdout), ("stderr", stderr)):
        if b"Traceback (most recent call last)" in data:
            problems.append(f"a traceback on {name}: {data.decode('utf-8', 'replace')[-300:]!r}")
    if code not in case.exit_codes:
        problems.append(f"exit code {code}, documented for this case: {sorted(case.exit_codes)}")
    if code == 2:
        lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        if len(lines) != 1 or not lines[0].startswith("conformance"):
            problems.append(f"bad input is not one line on stderr: {lines[:3]!r}")
    forms = leak_forms()
    for name, data in (("stdout", stdout), ("stderr", stderr)):
        found = leaks(data, forms)
        if found:
            problems.append(f"the secret canary is on {name} (as {found[0]!r})")
    if out.is_dir():
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            found = file_leaks(path, forms)
            if found:
                problems.append(f"the secret canary is in {path.relative_to(out)} (as {found[0]!r})")
    if case.no_escapes:
        for name, data in (("stdout", stdout), ("stderr", stderr)):
            text = data.decode("utf-8", "replace")
            raw = sorted({c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0})
            if raw:
                problems.append(f"raw control characters on {name}: {raw!r}")
    report = out / "report.json"
    if case.partial_output and code == 3:
        if report.is_file():
            problems += report_problems(report)
            if orjson.loads(report.read_bytes()).get("complete") is not False:
                problems.append("a report left by a run that could not write its outputs is not marked incomplete")
    elif code in (0, 1, 3) and case.writes_report:
        if not report.is_file():
            problems.append("no report.json")
        else:
            problems += report_problems(report)
            junit = out / "junit.xml"
            try:
                ET.parse(junit)
            except (OSError, ET.ParseError) as exc:
                problems.append(f"junit.xml is not well-formed XML: {exc}")
            if case.signal_after and orjson.loads(report.read_bytes()).get("complete") is not False:
                problems.append("an interrupted run's report is not marked incomplete")
    if case.stale and report.is_file() and b"STALE-REPORT" in report.read_bytes():
        problems.append("the earlier run's report is still in the output folder")
    return problems


# -- running one case ---------------------------------------------------------------------


def child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    # HOSTILE_SRC: run the battery against another checkout's code (e.g. to see it fail before a fix).
    src = os.environ.get("HOSTILE_SRC", str(REPO / "src"))
    env["PYTHONPATH"] = os.pathsep.join([src, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env[TOKEN_ENV] = CANARY
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "200"
    env.update(extra)
    return env


def run_case(case: Case, servers: Servers, workdir: Path, *, hard_limit_s: float = 600.0) -> Outcome:
    """Run one case in ``workdir`` (created, left in place for a look afterwards)."""
    workdir.mkdir(parents=True, exist_ok=True)
    outcome = Outcome(case.name)
    try:
        args = case.prepare(workdir, servers)
    except OSError as exc:  # e.g. no FIFOs on this system
        outcome.problems.append(f"could not prepare the case: {exc}")
        return outcome
    out = workdir / "out"
    if case.stale:
        out.mkdir(exist_ok=True)
        (out / "report.json").write_text('{"note": "STALE-REPORT"}')
        (out / "junit.xml").write_text("<testsuites name='STALE-REPORT'/>")
    before = servers.hostile.requests[case.mode] if case.mode else 0
    stdout_path, stderr_path = workdir / "stdout.txt", workdir / "stderr.txt"
    started = time.monotonic()
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr, _stdout_of(case, stdout) as given:
        if servers.forks is not None:
            pid = servers.forks.spawn(args, workdir, child_env(case.env), given if isinstance(given, int)
                                      else given.fileno(), stderr.fileno(), case.file_size_limit)
            ended = servers.forks.poll
        else:
            child = subprocess.Popen([sys.executable, "-m", "conformance.cli", *args], cwd=workdir,
                                     env=child_env(case.env), stdout=given, stderr=stderr, stdin=subprocess.DEVNULL,
                                     preexec_fn=_file_size_limit(case.file_size_limit))
            pid, ended = child.pid, _reaper(child)
        begun = (lambda: servers.hostile.requests[case.mode] > before) if case.mode else None
        status, peak_kb, waited = _wait(pid, ended, started, hard_limit_s, case.signal_after, case.signal_every, begun)
    outcome.seconds = time.monotonic() - started
    outcome.rss_mb = peak_kb / 1024
    if status is None:
        outcome.problems.append(f"still running after {hard_limit_s:g} s: killed")
    else:
        outcome.exit_code = os.waitstatus_to_exitcode(status)
        if outcome.exit_code < 0:
            outcome.problems.append(f"ended by signal {-outcome.exit_code}, not an exit code")
    requests = servers.hostile.requests[case.mode] - before if case.mode else 0
    bound = case.timeout_s * requests + case.slack_s + (case.signal_after[0] + waited if case.signal_after else 0)
    if outcome.seconds > bound:
        outcome.problems.append(f"took {outcome.seconds:.1f} s, over its bound of {bound:.1f} s "
                                f"({requests} requests × {case.timeout_s:g} s + {case.slack_s:g} s)")
    if outcome.rss_mb >= MAX_RSS_MB:
        outcome.problems.append(f"peak RSS {outcome.rss_mb:.0f} MB, over {MAX_RSS_MB} MB")
    if case.after is not None:  # first: it may settle the case (another run it started ends)
        outcome.problems += case.after(workdir)
    outcome.problems += check_outputs(case, out, stdout_path.read_bytes(), stderr_path.read_bytes(),
                                      outcome.exit_code)
    return outcome


@contextlib.contextmanager
def _stdout_of(case: Case, file: Any) -> Iterator[Any]:
    """The child's standard output: ``file``, /dev/full, or a pipe whose reader has gone."""
    if case.stdout == "full":
        with open("/dev/full", "wb") as full:
            yield full
    elif case.stdout == "closed-pipe":
        reader, writer = os.pipe()
        os.close(reader)
        try:
            yield writer
        finally:
            os.close(writer)
    else:
        yield file


def _file_size_limit(limit: int | None) -> Callable[[], None] | None:
    if limit is None:
        return None

    def apply() -> None:  # in the child, before exec: an ignored signal stays ignored
        apply_file_size_limit(limit)

    return apply


#: Whether the command has ended: given a timeout (None: wait), its wait status and ru_maxrss in kB, or None.
Ended = Callable[[float | None], "tuple[int, int] | None"]


def _reaper(child: subprocess.Popen[bytes]) -> Ended:
    def ended(timeout: float | None) -> tuple[int, int] | None:
        pid, status, usage = os.wait4(child.pid, 0 if timeout is None else os.WNOHANG)
        if not pid:
            return None
        child.returncode = os.waitstatus_to_exitcode(status)
        return status, usage.ru_maxrss

    return ended


def _wait(pid: int, ended: Ended, started: float, limit: float, signal_after: tuple[float, int] | None,
          every: float | None = None, begun: Callable[[], bool] | None = None) -> tuple[int | None, int, float]:
    """Wait for the command (process ``pid``; ``ended`` says when it has); kill it past
    ``limit``. Returns its wait status (None: killed), its peak RSS in kilobytes and the seconds
    waited for ``begun`` (the signals of ``signal_after`` are counted from when it first holds).

    The peak is the VmHWM of the child and of its descendants alive at the time (the
    glTF-Validator's Node.js), summed, read while it runs: rusage's ru_maxrss would also
    count the pages of this (forking) process, which Linux carries across exec."""
    next_signal = signal_after[0] if signal_after and begun is None else None
    waited, armed = 0.0, begun is None  # the seconds before ``begun`` held: the signals' clock starts then
    peak_kb = 0
    while True:
        peak_kb = max(peak_kb, _tree_high_water_kb(pid))
        done = ended(0.0)
        if done:
            return done[0], peak_kb or done[1], waited
        elapsed = time.monotonic() - started
        if signal_after and not armed and begun is not None and begun():
            waited, armed = elapsed, True
            next_signal = elapsed + signal_after[0]
        if signal_after and next_signal is not None and elapsed >= next_signal:
            os.kill(pid, signal_after[1])  # not reaped until ``ended`` says so: still the command
            next_signal = next_signal + every if every else None
        if elapsed > limit:
            os.kill(pid, signal.SIGKILL)
            done = ended(None)
            return None, peak_kb or (done[1] if done else 0), waited
        time.sleep(0.02)


def _tree_high_water_kb(pid: int) -> int:
    """The VmHWM of ``pid`` plus its descendants' (a bound on the tree's peak: they may peak apart)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _high_water_kb(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def _high_water_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


# -- writing inputs -----------------------------------------------------------------------


def write_yaml(path: Path, document: Any) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def http_manifest(base_url: str, timeout_s: float, **target: Any) -> dict[str, Any]:
    """A manifest for one hostile target. The hostile server picks its behaviour by the base URL's first path
    segment (``/slow-body/``), while the harness asks for the discovery document at the origin's root (RFC 8615
    3); the manifest's ``paths`` moves it under the base URL, so the first request meets the behaviour too."""
    if urlsplit(base_url).path.strip("/"):
        target.setdefault("paths", {"discovery": "/.well-known/metaverse-interop"})
    return {
        "product": {"name": "Hostile target", "version": "0"},
        "profiles": ["interfaces-core"],
        "targets": {"api": {"adapter": "http", "base_url": base_url, "timeout_s": timeout_s,
                            "auth": {"bearer_token_env": TOKEN_ENV}, **target}},
    }


def file_manifest(paths: list[str], **target: Any) -> dict[str, Any]:
    return {
        "product": {"name": "Hostile files", "version": "0"},
        "profiles": ["identity-document"],
        "targets": {"did_documents": {"adapter": "file", "paths": paths, **target}},
    }


def run_args(manifest: Path, *extra: str) -> list[str]:
    return ["run", "--manifest", str(manifest), "--out", "out", "--no-progress", *extra]


def http_args(manifest: Path) -> list[str]:
    return run_args(manifest, *(a for r in HTTP_REQUIREMENTS for a in ("--requirement", r)))
