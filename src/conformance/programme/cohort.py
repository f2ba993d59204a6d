"""``conformance programme run``: every participant, then every interop pair, then the grid."""

from __future__ import annotations

import errno
import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .._catalog.catalog import Catalog
from ..errors import HarnessInputError, OutputFailed
from .causes import run_cause
from .dispatch import run_jobs_dask
from .history import FINISHED, REJECTED, History, RunRecord, open_history
from .interop import grid, pair_jobs, write_grid
from .runner import Job, recover, run_jobs
from .spec import Programme

_STYLE = {FINISHED: "green", "timeout": "red", "crashed": "red", "bad-input": "yellow", "incomplete": "yellow",
          "interrupted": "yellow", "rejected": "red"}


@dataclass
class ProgrammeResult:
    records: list[RunRecord] = field(default_factory=list)
    recovered: list[RunRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def all_finished(self) -> bool:
        return all(r.status == FINISHED for r in self.records)


def participant_jobs(programme: Programme, out: Path, history: History, rerun: bool) -> tuple[list[Job], list[str]]:
    jobs, skipped = [], []
    for participant in programme.participants:
        if not rerun and history.finished("participant", participant.id):
            skipped.append(participant.id)
            continue
        jobs.append(Job(kind="participant", participant=participant.id, manifest=participant.manifest,
                        folder=out / participant.id, plan=programme.plan, env=participant.env,
                        assessments=participant.assessments))
    return jobs, skipped


@contextmanager
def _exclusive(programme: Programme) -> Iterator[None]:
    """One ``programme run`` of a history at a time: a second one would run the same
    participants again, and would take the first one's running children for a killed
    programme's leftovers (see runner.recover). The lock goes with the process."""
    path = programme.lock_path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+b")
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # a full disk: the run could not complete (exit 3)
            raise OutputFailed(str(path), f"cannot write beside the history: {exc.strerror or exc}",
                               "free some space and run the programme again") from None
        raise HarnessInputError(str(path), f"cannot write beside the history: {exc.strerror or exc}",
                                "name a writable place for it ($.database)") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise HarnessInputError(str(programme.path), "another `conformance programme run` is running this "
                                    f"programme (it holds {path})", "wait for it to finish, or stop it") from None
        yield


def run_programme(programme: Programme, catalog: Catalog, out: Path, *, rerun: bool = False,
                  interop: bool = True, console: Console | None = None) -> ProgrammeResult:
    """Run the programme's participants and its interop pairs (queued after them) and record every run."""
    console = console or Console(stderr=True)
    started = time.monotonic()
    out = out.absolute()  # the history and the children's command lines name it whatever their cwd
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HarnessInputError(f"--out {out}", f"cannot write there: {exc.strerror or exc}",
                                "choose a writable folder") from None
    result = ProgrammeResult()
    with _exclusive(programme), open_history(programme) as history:
        result.recovered = recover(history, programme, out)
        for record in result.recovered:
            console.print(f"recorded a run the last programme run left: {record.participant} {record.run_id} "
                          f"({record.status})", style="dim", highlight=False)
        jobs, result.skipped = participant_jobs(programme, out, history, rerun)
        if result.skipped:
            console.print(f"{len(result.skipped)} participant(s) finished earlier, not rerun (--rerun to run "
                          f"them again): {', '.join(result.skipped)}", style="dim", highlight=False)
        # A pair run needs its participants' manifests, not their runs: the pairs queue behind
        # the participants in one dispatch, so no worker waits for the last participant run.
        pairs = pair_jobs(programme, catalog, out, history, rerun) if interop else []
        what = "participants and interop pairs" if pairs else "participants"
        result.records += _run_with_progress([*jobs, *pairs], programme, history, console, what)
        if interop:
            data = grid(history, out)
            if data["cells"]:
                result.files += write_grid(data, out, programme.title)
    result.seconds = time.monotonic() - started
    return result


def _run_with_progress(jobs: list[Job], programme: Programme, history: History, console: Console,
                       what: str) -> list[RunRecord]:
    if not jobs:
        return []
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True, disable=not console.is_terminal)
    task = progress.add_task(f"{programme.id}: {what}", total=len(jobs))

    def done(job: Job, record: RunRecord) -> None:
        progress.advance(task)
        line = f"{job.label:<32} {record.status:<12} exit {record.exit_code}  {record.run_id}"
        if record.detail:
            line += f"  ({record.detail})"
        progress.console.print(line, style=_STYLE.get(record.status), highlight=False, markup=False, soft_wrap=True)
        if record.status not in (FINISHED, REJECTED):  # why, where people look: profile, requirements, files
            for cause in run_cause(Path(record.report_dir)):
                progress.console.print(f"  {cause}", style=_STYLE.get(record.status), highlight=False, markup=False,
                                       soft_wrap=True)

    with progress:
        if programme.engine == "dask":  # runs as tasks of a cluster (batched), or each a local child
            def note(text: str) -> None:
                progress.console.print(text, style="dim", highlight=False, markup=False, soft_wrap=True)

            return run_jobs_dask(jobs, programme, history, done, note)
        return run_jobs(jobs, programme, history, done)
