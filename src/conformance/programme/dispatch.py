"""Participant runs dispatched through Dask distributed (``dispatch:`` in the programme file).

By default a programme runs its participants with a local pool (:func:`.runner.run_jobs`:
threads waiting on child processes). With ``dispatch: {engine: dask}`` each run is a Dask
task instead: on a ``LocalCluster`` the programme starts (``workers`` processes of one
thread each), or on an existing cluster (``scheduler: tcp://host:8786``) whose workers were
started with ``dask worker tcp://host:8786``. A task is :func:`.runner.run_job`: the same
child process with the same budget, environment filter and folder; what comes back is its
:class:`~.history.RunRecord` (a few hundred bytes), and the programme's main process alone
writes the history, from the run's event log, as each task completes.

Why Dask rather than Ray: a task here is a child process that writes its reports to a
folder, so no object store or actors are needed, and Dask distributed is pure Python (one
``pip install``), starts a local cluster in-process for the tests, and deploys with two
commands (``dask scheduler``, ``dask worker``); Ray brings a large native runtime (its own
object store and control services) that a 2-core machine pays for in start-up and memory.

Workers must see the participants' manifests and inputs and the run folder at the same
paths as the programme (one machine, or a shared folder): reports are written in place, not
returned through the scheduler. An interrupt reaches every worker process through
``Client.run`` (a flag in the worker's memory, which a running task reads five times a
second for free), so children stop and write incomplete reports as with the local pool.
Polling a ``distributed.Event`` instead cost each busy worker about 4 % of a core (a round
trip to the scheduler every second), more than the worker's own upkeep.

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

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import HarnessInputError
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


def _task(job: Job, programme: Programme, stop_name: str) -> RunRecord:
    return run_job(job, programme, _WorkerStop(stop_name))  # type: ignore[arg-type]


@contextmanager
def client(programme: Programme) -> Iterator[Any]:
    """A Dask client: on the programme's scheduler, or on a local cluster of its own."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise HarnessInputError(f"{programme.path} at $.dispatch.engine", "dask dispatch needs Dask distributed",
                                "pip install 'metaverse-conformance[distributed]'") from None
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
                  on_done: Callable[[Job, RunRecord], None] = lambda job, record: None) -> list[RunRecord]:
    """As :func:`.runner.run_jobs`, each job a task of the cluster."""
    jobs = list(jobs)
    if not jobs:
        return []
    records: list[RunRecord] = []
    with client(programme) as dask:
        from distributed import as_completed

        stop_name = f"conformance-stop-{jobs[0].run_id}"
        pending = {dask.submit(_task, job, programme, stop_name, key=f"run-{job.run_id}", pure=False): job
                   for job in jobs}
        try:
            for future in as_completed(list(pending)):
                records.append(_finish(pending.pop(future), future, programme, history, on_done))
        except KeyboardInterrupt:
            dask.run(stop_runs, stop_name)  # running tasks stop their children (incomplete reports)
            for future, job in list(pending.items()):
                if future.status == "pending" and not _started(dask, future):
                    future.cancel()
                    continue
                records.append(_finish(job, future, programme, history, on_done))
            raise
    return records


def _started(dask: Any, future: Any) -> bool:
    processing = dask.processing()
    return any(future.key in keys for keys in processing.values())


def _finish(job: Job, future: Any, programme: Programme, history: History,
            on_done: Callable[[Job, RunRecord], None]) -> RunRecord:
    try:
        record = future.result()
    except Exception as exc:  # the task failed on the programme's side (a lost worker, a folder): recorded
        record = crashed_record(job, programme, f"the cluster could not run it: {exc}")
    record = record_run(history, programme, record)
    on_done(job, record)
    return record
