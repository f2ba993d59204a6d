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
returned through the scheduler. An interrupt sets a cluster-wide ``distributed.Event``
that every running task polls, so children stop and write incomplete reports as with the
local pool.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import HarnessInputError
from .history import History, RunRecord
from .runner import Job, crashed_record, run_job
from .spec import Programme


class _ClusterStop:
    """``threading.Event``'s ``is_set`` over a ``distributed.Event``, asked at most once a
    second (run_job polls five times a second)."""

    def __init__(self, name: str) -> None:
        self.name, self._checked, self._set = name, 0.0, False

    def is_set(self) -> bool:
        now = time.monotonic()
        if not self._set and now - self._checked >= 1.0:
            from distributed import Event

            self._checked = now
            self._set = Event(self.name).is_set()
        return self._set


def _task(job: Job, programme: Programme, stop_name: str) -> RunRecord:
    return run_job(job, programme, _ClusterStop(stop_name))  # type: ignore[arg-type]


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
            connected = Client(programme.scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise HarnessInputError(f"{programme.path} at $.dispatch.scheduler", f"cannot reach the Dask "
                                    f"scheduler {programme.scheduler}: {exc}", "start it (dask scheduler), or "
                                    "fix the address") from None
        with connected:
            yield connected
        return
    with LocalCluster(n_workers=programme.workers or programme.concurrency, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as connected:
        yield connected


def run_jobs_dask(jobs: Iterable[Job], programme: Programme, history: History,
                  on_done: Callable[[Job, RunRecord], None] = lambda job, record: None) -> list[RunRecord]:
    """As :func:`.runner.run_jobs`, each job a task of the cluster."""
    jobs = list(jobs)
    if not jobs:
        return []
    records: list[RunRecord] = []
    with client(programme) as dask:
        from distributed import Event, as_completed

        stop_name = f"conformance-stop-{jobs[0].run_id}"
        pending = {dask.submit(_task, job, programme, stop_name, key=f"run-{job.run_id}", pure=False): job
                   for job in jobs}
        try:
            for future in as_completed(list(pending)):
                records.append(_finish(pending.pop(future), future, programme, history, on_done))
        except KeyboardInterrupt:
            Event(stop_name, client=dask).set()  # running tasks stop their children (incomplete reports)
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
    record = history.record(record) or record
    on_done(job, record)
    return record
