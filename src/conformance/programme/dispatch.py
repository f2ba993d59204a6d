"""Participant runs dispatched through Dask distributed (``dispatch:`` in the programme file).

By default a programme runs its participants with a local pool (:func:`.runner.run_jobs`:
threads waiting on child processes). With ``dispatch: {engine: dask}`` each run is a Dask
task instead: on a ``LocalCluster`` the programme starts (``workers`` processes of one
thread each), or on an existing cluster (``scheduler: tcp://host:8786``) whose workers were
started with ``dask worker tcp://host:8786``. A task is :func:`_batch`: one or more
participant runs (:func:`.runner.run_job`: the same child process with the same budget,
environment filter and folder layout), as many as keep dispatch under
:data:`DISPATCH_SHARE` of a run (:func:`batch_size`, from costs measured at the start, or
``dispatch.batch``). The programme file goes to each worker once (``Client.scatter``).

Results return through the engine (``dispatch.results: return``, the default): a worker
makes each run in a private temporary folder of its own and sends the folder back, packed
(:func:`_pack`, at most ``result_limit_mb``), with the run's record; the programme's main
process writes it into place whole or not at all (:func:`unpack`), then checks and records
the run from its event log as each task completes. Workers need no shared run folder. With
``results: shared`` they write the run folder in place, at the programme's paths.

Why Dask rather than Ray: a task here is a child process whose result is a record and a
packed folder of a few kB to a few MB, which the scheduler's ordinary result transfer
carries, so no object store or actors are needed, and Dask distributed is pure Python (one
``pip install``), starts a local cluster in-process for the tests, and deploys with two
commands (``dask scheduler``, ``dask worker``); Ray brings a large native runtime (its own
object store and control services) that a 2-core machine pays for in start-up and memory.

Workers must see the participants' manifests and inputs at the same paths as the programme.
An interrupt reaches every worker process through ``Client.run`` (a flag in the worker's
memory, which a running task reads five times a second for free), so children stop and
write incomplete reports as with the local pool. Polling a ``distributed.Event`` instead
cost each busy worker about 4 % of a core (a round trip to the scheduler every second),
more than the worker's own upkeep.

A cluster's own upkeep runs on the same cores as the participant runs, so the programme's
local cluster is started with :data:`CLUSTER_CONFIG` (measured idle on two workers, the
workers, nannies and scheduler together: 0.07 of a core with Dask's defaults, 0.01 with
these): no statistical profiler in the workers (a sampling thread every 10 ms, of a task
that only waits on its child); the event-loop watchdog every second, not every 20 ms;
memory and system monitors every 1 and 2 s, not 0.1 and 0.5 s; and this module imported
when a worker starts (a preload), not in its first task (the harness's modules, about half
a second of CPU on the first run's path). A deployed cluster is started with the same
settings (docs/programme.md, "Deploying workers").
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import shutil
import statistics
import tarfile
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import HarnessInputError, install_hint
from .history import History, RunRecord
from .runner import Job, crashed_record, record_run, run_job
from .spec import Programme

#: Dask settings of a cluster that runs participant runs (see the module's text)
CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.preload": [__name__],
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
#: dispatch may cost at most this share of a run: tasks carry as many runs as it takes
DISPATCH_SHARE = 0.05
#: with batch auto, each worker still gets at least this many tasks of what is left (so the
#: last tasks do not leave workers idle while one works through a long batch)
TASKS_PER_WORKER = 4
#: where the programme unpacks a returned run before it moves it into place, under the
#: participant's folder: one level deeper than a run folder, so recovery never reads it
INCOMING = ".incoming"

#: the programme runs this worker process was told to stop (by :func:`stop_runs`, through ``Client.run``)
_STOPPED: set[str] = set()


def stop_runs(name: str) -> None:
    """On a worker: stop the running tasks of the programme run ``name`` (their children)."""
    _STOPPED.add(name)


class _WorkerStop:
    """``threading.Event``'s ``is_set`` for one programme run, read in the worker's memory."""

    def __init__(self, name: str) -> None:
        self.name = name

    def is_set(self) -> bool:
        return self.name in _STOPPED


def run_in_place(job: Job, programme: Programme, stop_name: str, environ: dict[str, str] | None = None) -> RunRecord:
    """A task of one run in place (the run folder as the programme names it), stopped by
    :func:`stop_runs` of ``stop_name``; its child's environment drawn from ``environ`` (the
    service's self-tests: the product's secrets) or the worker's own."""
    return run_job(job, programme, _WorkerStop(stop_name), environ)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Returned:
    """What a worker sends back for one run: its record (``report_dir`` the programme's
    place for it), its folder packed (None when written in place, or not sent: ``problem``)
    and how long the run took on the worker."""

    record: RunRecord
    archive: bytes | None
    seconds: float
    problem: str = ""


def _batch(jobs: list[Job], programme: Programme, stop_name: str) -> list[Returned]:
    """A task: its runs one after the other on the worker. With ``results: return`` each runs
    in a private temporary folder of the worker's, packed and sent back with the result."""
    stop = _WorkerStop(stop_name)
    returned = []
    for job in jobs:
        if stop.is_set():
            break  # the runs not started are not made (as the local pool's cancelled ones)
        started = time.monotonic()
        if programme.results == "shared":
            record = run_job(job, programme, stop)  # type: ignore[arg-type]
            returned.append(Returned(record, None, time.monotonic() - started))
            continue
        with tempfile.TemporaryDirectory(prefix="conformance-run-") as private:
            local = replace(job, folder=Path(private) / "run")
            record = replace(run_job(local, programme, stop), report_dir=job.report_dir)  # type: ignore[arg-type]
            archive, problem = _pack(local.report_dir, programme.result_limit_mb * 2**20)
        returned.append(Returned(record, archive, time.monotonic() - started, problem))
    return returned


def _pack(folder: Path, limit: int) -> tuple[bytes | None, str]:
    """The run folder's regular files as a gzip'd tar, or why not (over ``limit`` bytes)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    size = sum(p.stat().st_size for p in files)
    if size > limit:
        return None, f"its reports were {size / 2**20:.1f} MB, over the programme's result_limit_mb"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as tar:  # reports are text: a cheap level
        for path in files:
            tar.add(path, arcname=path.relative_to(folder).as_posix(), recursive=False)
    return buffer.getvalue(), ""


def unpack(archive: bytes, report_dir: Path, limit: int) -> None:
    """Write a returned run folder at ``report_dir``, whole or not at all: unpacked beside it
    (regular files and folders only, at most ``limit`` bytes), then renamed into place."""
    staging_root = report_dir.parent / INCOMING
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{report_dir.name}-", dir=staging_root))
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
            members = tar.getmembers()
            odd = [m.name for m in members if not (m.isfile() or m.isdir())]
            if odd:
                raise ValueError(f"the returned run holds {odd[0]!r}, not a file")
            if sum(m.size for m in members) > limit:
                raise ValueError("the returned run is over the programme's result_limit_mb")
            tar.extractall(staging / "run", filter="data")  # no absolute paths, no way out of the folder
        os.rename(staging / "run", report_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            staging_root.rmdir()  # empty once no other run is being unpacked


@contextmanager
def client(programme: Programme) -> Iterator[Any]:
    """A Dask client: on the programme's scheduler, or on a local cluster of its own."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise HarnessInputError(f"{programme.path} at $.dispatch.engine", "dask dispatch needs Dask distributed",
                                install_hint("distributed")) from None
    if programme.scheduler:
        try:
            connected = Client(programme.scheduler, timeout=f"{programme.connect_timeout_s}s")
        except (OSError, TimeoutError) as exc:
            raise HarnessInputError(f"{programme.path} at $.dispatch.scheduler", f"cannot reach the Dask "
                                    f"scheduler {programme.scheduler}: {exc}", "start it (dask scheduler), or "
                                    "fix the address") from None
        with connected:
            yield connected
        return
    import dask

    with dask.config.set(CLUSTER_CONFIG), \
            LocalCluster(n_workers=programme.workers or programme.concurrency, threads_per_worker=1,
                         processes=True, dashboard_address=":0") as cluster, Client(cluster) as connected:
        yield connected


def run_jobs_dask(jobs: Iterable[Job], programme: Programme, history: History,
                  on_done: Callable[[Job, RunRecord], None] = lambda job, record: None,
                  note: Callable[[str], None] = lambda text: None) -> list[RunRecord]:
    """As :func:`.runner.run_jobs`, the jobs in tasks of the cluster (``programme.batch`` runs
    a task, or as many as keep dispatch under :data:`DISPATCH_SHARE` of a run: see
    :func:`batch_size`); each run recorded as its task's result arrives. ``note``: one line
    saying how the runs were batched."""
    queue = deque(jobs)
    if not queue:
        return []
    records: list[RunRecord] = []
    with client(programme) as dask:
        from distributed import as_completed

        workers = max(1, sum(dask.nthreads().values()))  # runs at once (scheduler_info lists only a few workers)
        shared = dask.scatter(programme, broadcast=True, hash=False)  # once per worker, not in every task
        stop_name = f"conformance-stop-{queue[0].run_id}"
        pending: dict[Any, list[Job]] = {}
        stream = as_completed()

        def submit(size: int, tasks: int | None = None) -> None:
            while queue and (tasks is None or tasks > 0):
                batch = [queue.popleft() for _ in range(min(size, len(queue)))]
                future = dask.submit(_batch, batch, shared, stop_name, key=f"runs-{batch[0].run_id}", pure=False)
                pending[future] = batch
                stream.add(future)
                tasks = None if tasks is None else tasks - 1

        size = programme.batch
        if size is None:  # one run a task on each worker first: their times decide the rest
            round_trip = _round_trip(dask)
            submit(1, tasks=workers)
        else:
            submit(size)
        try:
            for future in stream:
                returned = _finish(pending.pop(future), future, programme, history, on_done)
                records += [r for r, _ in returned]
                if size is None and queue:
                    run_s = statistics.median(s for _, s in returned) if returned else 1.0
                    size = batch_size(round_trip, run_s, len(queue), workers)
                    note(f"dask: {workers} worker(s), {size} run(s) a task (dispatch {1000 * round_trip:.0f} ms a "
                         f"task, a run {run_s:.2f} s on its worker: {100 * round_trip / size / run_s:.1f} % a run)")
                    submit(size)
        except KeyboardInterrupt:
            dask.run(stop_runs, stop_name)  # running tasks stop their children (incomplete reports)
            for future, batch in list(pending.items()):
                if future.status == "pending" and not _started(dask, future):
                    future.cancel()
                    continue
                records += [r for r, _ in _finish(batch, future, programme, history, on_done)]
            raise
    return records


def batch_size(round_trip_s: float, run_s: float, left: int, workers: int) -> int:
    """Runs a task: enough that a task's dispatch (``round_trip_s``) is at most
    :data:`DISPATCH_SHARE` of its runs (``run_s`` each), yet each worker still gets
    :data:`TASKS_PER_WORKER` tasks of the ``left`` runs (the share is a goal, balance first)."""
    wanted = math.ceil(round_trip_s / (DISPATCH_SHARE * max(run_s, 1e-3)))
    return max(1, min(wanted, left // (workers * TASKS_PER_WORKER)))


def _noop() -> None:
    return None


def _round_trip(dask: Any) -> float:
    """What one task costs the cluster besides its work: submit, schedule, run, result back
    (the median of three tasks that do nothing)."""
    times = []
    for _ in range(3):
        started = time.monotonic()
        dask.submit(_noop, pure=False).result()
        times.append(time.monotonic() - started)
    return statistics.median(times)


def _started(dask: Any, future: Any) -> bool:
    processing = dask.processing()
    return any(future.key in keys for keys in processing.values())


def _finish(batch: list[Job], future: Any, programme: Programme, history: History,
            on_done: Callable[[Job, RunRecord], None]) -> list[tuple[RunRecord, float]]:
    """Record the runs of a finished task (each with its time on the worker): a returned run
    folder is written into place first; a task that failed records each of its runs crashed."""
    try:
        returned: list[Returned] = future.result()
    except Exception as exc:  # the task failed on the programme's side (a lost worker, a folder): recorded
        returned = [Returned(crashed_record(job, programme, f"the cluster could not run it: {exc}"), None, 0.0)
                    for job in batch]
    jobs = {job.run_id: job for job in batch}
    done = []
    for result in returned:
        job = jobs.get(result.record.run_id)
        if job is None:
            continue  # not a run of this task (the worker's word): nothing to record
        # where the run belongs and whose it is are the programme's, not the worker's word
        record = replace(result.record, programme=programme.id, kind=job.kind, participant=job.participant,
                         partner=job.partner, report_dir=job.report_dir)
        if result.problem:
            record = replace(record, status="crashed", detail=f"its reports could not come back: {result.problem}")
        elif result.archive is not None:
            try:
                unpack(result.archive, record.report_dir, programme.result_limit_mb * 2**20)
            except Exception as exc:  # noqa: BLE001  (a corrupt archive raises zlib.error, struct.error, …:
                # whatever one worker sent back fails that run, recorded and named, never the cohort)
                record = replace(record, status="crashed", detail=f"its returned reports could not be written: "
                                 f"{type(exc).__name__}: {exc}")
        record = record_run(history, programme, record)
        on_done(job, record)
        done.append((record, result.seconds))
    return done
