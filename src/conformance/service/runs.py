"""Self-test runs: queued in the database, run one at a time by the built-in worker thread
through the programme's runner (``programme.runner.run_job``: the same child process, budget
and statuses as a cohort run), with the product's secrets handed to that child alone.

With ``--dask`` the worker thread hands each run to Dask instead (the programme's own client:
:func:`conformance.programme.dispatch.client`, a local cluster of N processes or a
scheduler's address) and records it as it completes, so self-tests run as many at once as
the cluster has workers. The workers run it in place: they see the service's folder at the
same path, as a programme's workers see its participants' manifests."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import queue
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..programme.history import RunRecord, open_history
from ..programme.runner import Job, crashed_record, record_run, run_job
from ..programme.spec import HARNESS_ENV, HARNESS_ENV_PREFIXES, Programme
from .assessing import assessments_for_run
from .certifying import ServiceProgramme, participant_of
from .config import ServiceConfig
from .models import Run, Version, writing
from .products import manifest_path, secrets_of
from .vault import Vault

QUEUED, RUNNING = "queued", "running"
#: the views a self-test writes: the JUnit XML is for vendors' CI
FORMATS = ("json", "html", "junit")
#: a self-test's wall-clock budget (the programme's default is for whole cohorts)
RUN_TIMEOUT_S = 900.0


def harness_environment() -> dict[str, str]:
    """What of the service's own environment a run may see: the harness's settings only."""
    return {k: v for k, v in os.environ.items() if k in HARNESS_ENV or k.startswith(HARNESS_ENV_PREFIXES)}


class Worker:
    """The built-in worker: one thread draining the queue of run ids, running each itself or
    handing it to Dask (``config.dask``) and recording it when it completes."""

    def __init__(self, config: ServiceConfig, sessions: sessionmaker[Session], vault: Vault,
                 certifying: ServiceProgramme | None = None) -> None:
        self.config, self.sessions, self.vault, self.certifying = config, sessions, vault, certifying
        dispatch: dict[str, Any] = {}
        if config.dask is not None:
            dispatch = {"engine": "dask", "results": "shared", **(
                {"workers": config.dask} if isinstance(config.dask, int) else {"scheduler": config.dask})}
        self.programme = Programme(path=config.folder / "service.yaml", id="service", title="self-tests",
                                   participants=(), run_timeout_s=RUN_TIMEOUT_S, **dispatch)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._held = ExitStack()
        self._dask: Any = None
        self._recording = threading.Lock()  # runs complete on Dask's threads: one history write at a time
        self._pending: set[Any] = set()

    def start(self) -> None:
        if self.config.dask is not None:
            from ..programme.dispatch import client

            self._dask = self._held.enter_context(client(self.programme))
        with self.sessions() as db:  # what a stopped service left queued or running runs again
            for run in db.scalars(select(Run).where(Run.status.in_((QUEUED, RUNNING))).order_by(Run.created)):
                self._queue.put(run.id)
        self._thread = threading.Thread(target=self._drain, name="service-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self._dask is not None:
            from ..programme.dispatch import stop_runs

            with contextlib.suppress(Exception):  # a cluster already gone has nothing left to stop
                self._dask.run(stop_runs, self._stop_name)
            self._held.close()
            self._dask = None

    @property
    def _stop_name(self) -> str:
        return f"service:{self.config.folder}"

    def enqueue(self, run_id: str) -> None:
        self._queue.put(run_id)

    def _drain(self) -> None:
        while not self._stop.is_set():
            run_id = self._queue.get()
            if run_id is None:
                return
            try:
                self.run(run_id)
            except Exception as exc:  # the worker outlives one broken run, which says why
                self._crashed(run_id, exc)

    def _crashed(self, run_id: str, exc: BaseException) -> None:
        with self.sessions.begin() as db:
            run = db.get(Run, run_id)
            if run is not None:
                run.status, run.detail = "crashed", f"the service could not run it: {type(exc).__name__}"

    def run(self, run_id: str) -> None:
        """Start the run ``run_id``: here, to its end; on Dask, recorded when its task completes."""
        started = self._prepare(run_id)
        if started is None:
            return
        job, programme, env = started
        with contextlib.suppress(FileExistsError):  # a run restarted: its earlier try stays beside it
            Path(job.folder).mkdir(parents=True, exist_ok=True)
        if self._dask is None:
            self._record(run_id, programme, run_job(job, programme, self._stop, {**harness_environment(), **env}))
            return
        from ..programme.dispatch import run_in_place

        future = self._dask.submit(run_in_place, job, programme, self._stop_name, {**harness_environment(), **env},
                                   key=f"self-test-{run_id}", pure=False)
        self._pending.add(future)
        future.add_done_callback(lambda done: self._completed(run_id, job, programme, done))

    def _completed(self, run_id: str, job: Job, programme: Programme, future: Any) -> None:
        self._pending.discard(future)
        try:
            record: RunRecord = future.result()
        except Exception as exc:  # a lost worker, a cancelled task: the run is recorded crashed, named
            record = crashed_record(job, programme, f"the cluster could not run it: {type(exc).__name__}")
        try:
            self._record(run_id, programme, record)
        except Exception as exc:  # as the drain thread: one broken run says why, the others go on
            self._crashed(run_id, exc)

    def _prepare(self, run_id: str) -> tuple[Job, Programme, dict[str, str]] | None:
        with self.sessions.begin() as db:
            writing(db)  # it reads, then marks the run running: pages write beside it
            run = db.get(Run, run_id)
            if run is None or run.status not in (QUEUED, RUNNING):
                return None
            version = db.get(Version, run.version_id)
            assert version is not None  # a run is made for a version, and versions are never deleted
            run.status = RUNNING
            env = secrets_of(db, self.vault, version.product_id)
            job = Job(kind="self-test", participant=run.organisation_id,
                      manifest=manifest_path(self.config.folder, version), folder=self.config.runs / run.id,
                      env=tuple(sorted(env)), formats=FORMATS)
            programme = self.programme
            if self.certifying is not None:  # the version's programme run: the plan, the key, the history
                programme = self.certifying.with_participants([participant_of(db, self.config.folder, version)])
                job = dataclasses.replace(job, kind="participant", participant=version.id, plan=programme.plan,
                                          folder=self.certifying.out / version.id,
                                          assessments=assessments_for_run(db, self.config.folder, run.id))
                programme = dataclasses.replace(programme, run_timeout_s=RUN_TIMEOUT_S)
        return job, programme, env

    def _record(self, run_id: str, programme: Programme, record: RunRecord) -> None:
        with self._recording:
            if self.certifying is not None:
                with open_history(programme) as history:
                    record = record_run(history, programme, record)
            with self.sessions.begin() as db:
                run = db.get(Run, run_id)
                assert run is not None
                run.status, run.exit_code, run.detail = record.status, record.exit_code, record.detail
                run.report_dir = str(record.report_dir)
