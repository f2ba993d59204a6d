"""Participant runs dispatched through Dask distributed (conformance.programme.dispatch), on
a local cluster the test starts: every run is recorded as with the local pool, each in its
own folder, resumable, over its budget stopped; a cluster-wide stop event stops a running
task's child."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.programme.history import History
from conformance.programme.runner import PID_FILE

from .test_programme import HEADSET_CAPTURES, programme_file, write

pytestmark = pytest.mark.slow  # a cluster and participant processes


@pytest.fixture(scope="module", autouse=True)
def distributed():
    """Dask distributed, imported when a test of this (slow) module runs, not when the fast
    layer collects it (0.2 s in every worker); every test skipped where it is not installed."""
    return pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster(distributed):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as started:
        yield started.scheduler_address


@pytest.fixture
def silent_url():
    """A server that accepts connections and never answers: a run against it waits."""
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        yield f"http://127.0.0.1:{silent.getsockname()[1]}"
    finally:
        silent.close()


def _slow(folder: Path, url: str) -> str:
    write(folder / "slow.yaml", {"product": {"name": "slow", "version": "1"}, "profiles": ["interfaces-core"],
                                 "targets": {"api": {"adapter": "http", "base_url": url}}})
    return "slow.yaml"


def _headset(folder: Path, name: str = "headset") -> str:
    write(folder / f"{name}.yaml", {"product": {"name": name, "version": "1"}, "profiles": ["terminal-hmd-6dof"],
                                    "targets": {"captures": {"adapter": "file",
                                                             "paths": HEADSET_CAPTURES}}})
    return f"{name}.yaml"


def test_participant_runs_on_the_cluster_are_recorded_and_resumed(cluster, tmp_path, capsys):
    write(tmp_path / "broken.yaml", {"product": {"name": "broken", "version": "1"}})
    participants = [{"id": "a", "manifest": _headset(tmp_path, "a")}, {"id": "b", "manifest": _headset(tmp_path, "b")},
                    {"id": "broken", "manifest": "broken.yaml"}]
    path = programme_file(tmp_path, participants, dispatch={"engine": "dask", "scheduler": cluster})
    out = tmp_path / "out"
    assert main(["programme", "run", str(path), "--out", str(out)]) == 3  # broken: bad input
    with History(tmp_path / "programme.history.sqlite") as history:
        runs = {r["participant"]: r for r in history.runs()}
        assert {p: (r["status"], r["complete"]) for p, r in runs.items()} == {
            "a": ("finished", 1), "b": ("finished", 1), "broken": ("bad-input", 0)}
        assert {(r["participant"], r["outcome"]) for r in history.status()} >= {("a", "conformant"),
                                                                               ("b", "conformant")}
    assert (out / "a" / runs["a"]["run_id"] / "report.events.ndjson").is_file()
    capsys.readouterr()
    assert main(["programme", "run", str(path), "--out", str(out)]) == 3  # only broken runs again
    assert "2 participant(s) finished earlier, not rerun" in capsys.readouterr().err
    with History(tmp_path / "programme.history.sqlite") as history:
        assert sorted(r["participant"] for r in history.runs()) == ["a", "b", "broken", "broken"]


def test_a_local_cluster_of_the_programmes_own(tmp_path):
    path = programme_file(tmp_path, [{"id": "a", "manifest": _headset(tmp_path, "a")}],
                          dispatch={"engine": "dask", "workers": 1})
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 0
    with History(tmp_path / "programme.history.sqlite") as history:
        assert [r["status"] for r in history.runs()] == ["finished"]


def test_a_run_over_its_budget_on_a_worker_is_stopped_and_recorded(cluster, tmp_path, silent_url):
    path = programme_file(tmp_path, [{"id": "slow", "manifest": _slow(tmp_path, silent_url)}], run_timeout_s=3,
                          dispatch={"engine": "dask", "scheduler": cluster})
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 3
    with History(tmp_path / "programme.history.sqlite") as history:
        (run,) = history.runs()
        assert run["status"] == "timeout" and "over its budget of 3 s" in run["detail"], run


def test_the_cluster_wide_stop_stops_a_running_task(distributed, cluster, tmp_path, catalog, silent_url):
    from conformance.programme.dispatch import run_in_place, stop_runs
    from conformance.programme.runner import Job
    from conformance.programme.spec import load_programme

    path = programme_file(tmp_path, [{"id": "slow", "manifest": _slow(tmp_path, silent_url)}], run_timeout_s=600)
    job = Job(kind="participant", participant="slow", manifest=tmp_path / "slow.yaml", folder=tmp_path / "out")
    stop_name = f"stop-test-{job.run_id}"
    with distributed.Client(cluster) as client:
        future = client.submit(run_in_place, job, load_programme(path, catalog), stop_name, pure=False)
        threading.Timer(3.0, lambda: client.run(stop_runs, stop_name)).start()
        record = future.result(timeout=120)  # a bound against hanging (the run alone would take ten minutes)
    # Stopped while it ran (a run that ended on its own is never "interrupted"), and its
    # process is gone, not left running on the worker.
    assert record.status == "interrupted" and record.detail == "the programme was interrupted", record
    with pytest.raises(ProcessLookupError):
        os.kill(int((record.report_dir / PID_FILE).read_text(encoding="ascii")), 0)


def test_an_unknown_engine_is_the_programmes_bad_input(tmp_path, capsys):
    path = programme_file(tmp_path, [{"id": "a", "manifest": _headset(tmp_path, "a")}], dispatch={"engine": "ray"})
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "$.dispatch.engine" in err, err


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path, capsys):
    import socket

    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{free.getsockname()[1]}"
    path = programme_file(tmp_path, [{"id": "a", "manifest": _headset(tmp_path, "a")}],
                          dispatch={"engine": "dask", "scheduler": address, "connect_timeout_s": 2})
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot reach the Dask scheduler" in err, err
    assert "after 2 s" in err, err  # the declared timeout, not the default 30 s
