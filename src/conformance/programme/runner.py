"""Running a programme: each participant's manifest in its own OS process, a few at a time.

A participant run is ``conformance run`` in a child process of its own (its own session, so
a signal to the programme's terminal does not reach it): a hostile participant can crash,
hang or exhaust its process, never the programme or the other participants. Each child has
the programme's time budget; over it, the child is asked to stop (SIGTERM: it writes an
incomplete report) and killed if it does not. Threads only wait for children, so a few
threads give the concurrency; the main thread alone writes the history.

Every run gets its own folder, ``OUT/<participant>/<run-id>/`` (``OUT/_pairs/<a>__<b>/...``
for interop pairs), holding ``job.json`` (written before the child starts), the child's
console output and its reports. A programme killed outright leaves folders whose runs are
not in the history: the next ``programme run`` records them first (nothing lost), and the
history's unique run IDs keep anything from being recorded twice.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import orjson

from .._io.printable import excerpt, printable
from .._io.vendorfiles import MAX_DOCUMENT_BYTES, open_regular, read_capped
from ..errors import OutputFailed
from .history import FINISHED, REJECTED, History, RunRecord
from .spec import HARNESS_ENV, HARNESS_ENV_PREFIXES, Programme
from .trust import PAIRS, Untrusted, check_run

JOB_FILE = "job.json"
CONSOLE_FILE = "console.log"
PID_FILE = "child.pid"
#: a run's folder name (new_run_id)
_RUN_ID = re.compile(r"[0-9]{8}T[0-9]{6}-[0-9a-f]{6}", re.ASCII)
#: how long a child asked to stop (SIGTERM) may take to write its incomplete report
STOP_GRACE_S = 15.0


@dataclass(frozen=True)
class Job:
    """One run to make: a participant's own manifest, or an interop pair's."""

    kind: str
    participant: str
    manifest: Path
    folder: Path  # OUT/<participant> or OUT/_pairs/<a>__<b>
    partner: str | None = None
    plan: Path | None = None
    #: the environment variables the run may read besides the harness's own
    env: tuple[str, ...] = ()
    #: a pair run's credentials, (owner, variable): each reaches the process bound to its owner
    #: (adapters.credentials.owned_name), and only the targets it owns read it
    credentials: tuple[tuple[str, str], ...] = ()
    #: the assessment records the run takes (the programme file's, for a participant's own run)
    assessments: tuple[Path, ...] = ()
    #: the report's views the run writes (``--format``); the service adds JUnit for its vendors' CI
    formats: tuple[str, ...] = ("json", "html")
    run_id: str = field(default_factory=lambda: new_run_id())

    @property
    def label(self) -> str:
        return f"{self.participant} → {self.partner}" if self.partner else self.participant

    @property
    def report_dir(self) -> Path:
        return self.folder / self.run_id


def child_environment(job: Job, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The run's environment: the harness's own variables and the ones its participant
    declared in the programme, nothing else: a manifest naming another participant's token
    variable finds it unset. A pair run's credentials come bound to their owners, never
    under their own names (an owned name in the programme's own environment is dropped)."""
    from ..adapters.credentials import OWNED_PREFIX, owned_name

    environ = dict(os.environ) if environ is None else environ
    mine = {k: v for k, v in environ.items() if not k.startswith(OWNED_PREFIX)
            and (k in HARNESS_ENV or k.startswith(HARNESS_ENV_PREFIXES) or k in job.env)}
    return {**mine, **{owned_name(owner, var): environ[var] for owner, var in job.credentials if var in environ}}


def new_run_id() -> str:
    """Sortable by time, unique across processes."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def command(job: Job, programme: Programme) -> list[str]:
    """The child's command line: ``conformance run`` with the programme's terms."""
    limits = ["--memory-mb", str(programme.memory_limit_mb)] if programme.memory_limit_mb else []
    cmd = [sys.executable, "-m", "conformance.cli.child", *limits, "run", "--manifest", str(job.manifest),
           "--out", str(job.report_dir), "--format", ",".join(job.formats), "--no-progress"]  # console.log: all it says
    if job.plan:
        cmd += ["--plan", str(job.plan)]
    for assessment in job.assessments:
        cmd += ["--assessment", str(assessment)]
    if programme.signing_key:
        cmd += ["--sign", str(programme.signing_key)]
    return cmd


def run_job(job: Job, programme: Programme, stop: threading.Event,
            environ: dict[str, str] | None = None) -> RunRecord:
    """Run one job in its own process within the programme's budget; how it ended. ``environ``
    is what its environment is drawn from (:func:`child_environment`; default ``os.environ``):
    the service hands a product's decrypted secrets there, never to its own environment."""
    job.report_dir.mkdir(parents=True, exist_ok=False)
    started = _stamp()
    (job.report_dir / JOB_FILE).write_bytes(orjson.dumps({
        "run_id": job.run_id, "programme": programme.id, "kind": job.kind, "participant": job.participant,
        "partner": job.partner, "manifest": str(job.manifest), "started": started,
    }))
    deadline = time.monotonic() + programme.run_timeout_s
    status, detail = FINISHED, ""
    with (job.report_dir / CONSOLE_FILE).open("wb") as console:
        child = subprocess.Popen(command(job, programme), stdin=subprocess.DEVNULL, stdout=console,
                                 stderr=subprocess.STDOUT, start_new_session=True, env=child_environment(job, environ))
        (job.report_dir / PID_FILE).write_text(str(child.pid), encoding="ascii")
        while True:
            try:
                code: int | None = child.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                pass
            if stop.is_set() or time.monotonic() > deadline:
                status = "interrupted" if stop.is_set() else "timeout"
                detail = ("the programme was interrupted" if stop.is_set()
                          else f"over its budget of {programme.run_timeout_s:g} s")
                code = _stop(child)
                break
    if status == FINISHED:
        status, detail = _status_of(code, job.report_dir / CONSOLE_FILE)
    if job.kind == "participant" and status in (FINISHED, "incomplete"):
        problem = _product_problem(job, programme)
        if problem:
            status, detail = REJECTED, problem
    return RunRecord(run_id=job.run_id, programme=programme.id, kind=job.kind, participant=job.participant,
                     partner=job.partner, report_dir=job.report_dir, status=status, exit_code=code,
                     detail=detail, started=started, finished=_stamp())


def _stop(child: subprocess.Popen[bytes]) -> int | None:
    """Ask the child's whole process group to stop; kill it if it does not in time."""
    for sig, grace in ((signal.SIGTERM, STOP_GRACE_S), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            return child.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
    return None


def _product_problem(job: Job, programme: Programme) -> str | None:
    """Why the product a participant's run judged (its report's) is not the participant's
    own: not the product it registered, or one another participant registered."""
    try:
        report = orjson.loads(read_capped(job.report_dir / "report.json", MAX_DOCUMENT_BYTES))
        product = report["manifest"]["product"]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return None  # no report to judge: the history records why the run did not finish
    if not isinstance(product, dict):
        return None
    return programme.product_problem(job.participant, product)


def _status_of(code: int | None, console: Path) -> tuple[str, str]:
    if code in (0, 1):
        return FINISHED, ""
    if code == 2:
        return "bad-input", f"the participant's input was refused (see {console})"
    if code == 3:
        return "incomplete", f"the run could not complete (see {console})"
    if code is not None and code < 0:
        return "crashed", f"killed by signal {-code}"
    return "crashed", f"exit code {code}"


def recover(history: History, programme: Programme, out: Path) -> list[RunRecord]:
    """Record the runs a programme killed outright left in ``out`` but not in the history.
    Nothing in such a folder is believed unchecked (whoever can write the run folder can
    forge one): a folder that is not where the programme puts the run its ``job.json`` names,
    whose attestation does not hold, or whose signed report judged another product than its
    participant's, is recorded ``rejected`` with the reason (see :mod:`.trust`)."""
    recorded = []
    for job_file in [*sorted(out.glob(f"*/*/{JOB_FILE}")), *sorted(out.glob(f"{PAIRS}/*/*/{JOB_FILE}"))]:
        unwritten = None
        try:
            job = orjson.loads(read_capped(job_file, MAX_DOCUMENT_BYTES))
        except (OSError, orjson.JSONDecodeError):
            job = unwritten = _unwritten_job(job_file, programme)  # the programme could not write it (a full disk)
            if job is None:
                continue
        if not (isinstance(job, dict) and job.get("programme") == programme.id
                and job.get("kind") in ("participant", "pair")
                and all(isinstance(job.get(key), str) for key in ("run_id", "participant"))):
            continue  # not a job file of this programme's runs
        if history.known(job["run_id"]):
            continue
        _stop_orphan(job_file.parent)
        partner = job.get("partner") if isinstance(job.get("partner"), str) else None
        record = RunRecord(run_id=job["run_id"], programme=programme.id, kind=job["kind"],
                           participant=job["participant"], partner=partner, report_dir=job_file.parent,
                           status=unwritten["status"] if unwritten else "interrupted", exit_code=None,
                           started=job.get("started") if isinstance(job.get("started"), str) else None,
                           detail=unwritten["detail"] if unwritten else "recovered: the programme stopped before "
                           "recording this run" + _last_words(job_file.parent))
        try:
            trusted = check_run(programme, record.report_dir, record.kind, record.participant, record.partner,
                                record.run_id, out)
        except Untrusted as exc:
            record = dataclasses.replace(record, status=REJECTED, detail=f"recovered, not believed: {exc}")
        else:
            if trusted.report is not None:
                exit_code = trusted.report.get("exit_code")
                record = dataclasses.replace(record, status=FINISHED if exit_code in (0, 1) else "incomplete",
                                             exit_code=exit_code if isinstance(exit_code, int) else None)
        stored = history.record(record)
        if stored is not None:
            recorded.append(stored)
    return recorded


def _unwritten_job(job_file: Path, programme: Programme) -> dict[str, str] | None:
    """A run folder whose ``job.json`` is empty or cut short (the programme could not write
    it: a full disk), at the place of a participant's run: the run as ``crashed``, with the
    reason; None for anything else (not a run of this programme's participants)."""
    folder = job_file.parent
    participant = folder.parent.name
    if not _RUN_ID.fullmatch(folder.name) or folder.parent.parent.name == PAIRS \
            or participant not in {p.id for p in programme.participants}:
        return None
    return {"run_id": folder.name, "programme": programme.id, "kind": "participant", "participant": participant,
            "status": "crashed", "detail": f"recovered: the programme could not write its {JOB_FILE} (a full disk?), "
            "so the run was not made or not recorded" + _last_words(folder)}


def _last_words(folder: Path) -> str:
    """The last line the run's process said (its console), as an excerpt: why a run the
    programme could not record ended (``... No space left on device``); "" when none."""
    try:
        with open_regular(folder / CONSOLE_FILE) as console:
            console.seek(max(0, console.seek(0, os.SEEK_END) - 2048))
            lines = console.read().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return f"; its last words: {excerpt(printable(lines[-1]))}" if lines else ""


def _stop_orphan(folder: Path) -> None:
    """A child the killed programme left running (its own session outlives the programme):
    ask it to stop, and wait for its incomplete report, before its run is recorded. Only a
    process whose command line names this run's folder is ours (a PID may have been reused)."""
    try:
        pid = int(read_capped(folder / PID_FILE, 64).decode("ascii"))
        if str(folder).encode() not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return
        os.killpg(pid, signal.SIGTERM)
    except (OSError, ValueError):  # no such process (or no /proc): nothing runs any more
        return
    deadline = time.monotonic() + STOP_GRACE_S
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.1)
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def run_jobs(jobs: Iterable[Job], programme: Programme, history: History,
             on_done: Callable[[Job, RunRecord], None] = lambda job, record: None) -> list[RunRecord]:
    """Run the jobs, at most ``programme.concurrency`` at a time; record each as it ends.
    On KeyboardInterrupt (SIGINT, or SIGTERM through the CLI) the running children are
    stopped, recorded as interrupted, and the interrupt goes on."""
    stop = threading.Event()
    records: list[RunRecord] = []
    pending: dict[Future[RunRecord], Job] = {}
    with ThreadPoolExecutor(max_workers=programme.concurrency, thread_name_prefix="participant") as pool:
        try:
            for job in jobs:
                pending[pool.submit(run_job, job, programme, stop)] = job
            while pending:
                done, _ = wait(list(pending), timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    job = pending.pop(future)
                    records.append(_finish(job, future, programme, history, on_done))
        except KeyboardInterrupt:
            stop.set()
            for future in list(pending):
                future.cancel()
            for future, job in list(pending.items()):
                if not future.cancelled():
                    records.append(_finish(job, future, programme, history, on_done))
            raise
        except OutputFailed:
            # the history cannot be written (a full disk): no run more; the running ones are
            # stopped and left in their folders, which the next programme run records (recover)
            stop.set()
            for future in list(pending):
                future.cancel()
            raise
    return records


def _finish(job: Job, future: Future[RunRecord], programme: Programme, history: History,
            on_done: Callable[[Job, RunRecord], None]) -> RunRecord:
    try:
        record = future.result()
    except Exception as exc:  # the programme's own side failed (e.g. the folder): still recorded
        record = crashed_record(job, programme, f"the programme could not run it: {exc}")
    record = record_run(history, programme, record)
    on_done(job, record)
    return record


def record_run(history: History, programme: Programme, record: RunRecord) -> RunRecord:
    """Record a run the programme made, once its folder is believed (:mod:`.trust`): the
    folder is shared with whoever runs the child, so a report swapped in during the run, or
    an attestation that does not hold, makes the run ``rejected`` with the reason."""
    try:
        check_run(programme, record.report_dir, record.kind, record.participant, record.partner, record.run_id)
    except Untrusted as exc:
        record = dataclasses.replace(record, status=REJECTED, detail=f"not believed: {exc}")
    return history.record(record) or record


def crashed_record(job: Job, programme: Programme, detail: str) -> RunRecord:
    return RunRecord(run_id=job.run_id, programme=programme.id, kind=job.kind, participant=job.participant,
                     partner=job.partner, report_dir=job.report_dir, status="crashed", exit_code=None, detail=detail)
