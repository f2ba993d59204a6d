"""Dask runs whose workers share no folder with the programme (issue 46): each run's folder
comes back packed with its task's result and the programme writes it into place. The
workers of the cluster here cannot write the programme's run folder at all: an audit hook
(a preload of theirs, and a ``sitecustomize`` on the PYTHONPATH their participant runs
inherit) refuses any write under it, so a run written in place fails there, and one returned is recorded and
reported as on a shared folder. Also: batching (runs per task) and the unpacking's bounds."""

from __future__ import annotations

import io
import os
import re
import tarfile
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.programme.dispatch import DISPATCH_SHARE, batch_size, unpack
from conformance.programme.history import History
from tests.paths import ROOT

from .test_dispatch import _headset
from .test_programme import programme_file

#: refuses, in every process it is loaded in, writes under $CONFORMANCE_TEST_READONLY
_READONLY_HOOK = '''
import os, sys

_ROOT = os.environ.get("CONFORMANCE_TEST_READONLY")
_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _under(path):
    try:
        return _ROOT and os.path.abspath(os.fsdecode(path)).startswith(_ROOT)
    except TypeError:
        return False  # a file descriptor


def _hook(event, args):
    if event == "open" and _under(args[0]):
        mode, flags = args[1], args[2]
        if (mode and any(c in mode for c in "wax+")) or (mode is None and flags & _WRITES):
            raise PermissionError(f"this worker cannot write {args[0]}")
    elif event in ("os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir") and any(
            _under(a) for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))):
        raise PermissionError(f"this worker cannot write {args[0]}")


if _ROOT:
    sys.addaudithook(_hook)
'''

pytestmark = pytest.mark.slow  # a cluster and participant processes


@pytest.fixture(scope="module")
def readonly_root(tmp_path_factory):
    return tmp_path_factory.mktemp("programme-side")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, readonly_root):
    """Two workers that cannot write under ``readonly_root`` (nor can their children), with
    a temporary folder of their own."""
    distributed = pytest.importorskip("distributed")
    hooks = tmp_path_factory.mktemp("hooks")
    (hooks / "sitecustomize.py").write_text(_READONLY_HOOK, encoding="utf-8")
    private = tmp_path_factory.mktemp("worker-private")
    src = str(ROOT / "src")
    env = {"PYTHONPATH": os.pathsep.join([str(hooks), src, os.environ.get("PYTHONPATH", "")]),
           "CONFORMANCE_TEST_READONLY": str(readonly_root), "TMPDIR": str(private)}
    # the environment reaches a worker after its interpreter started: the worker loads the
    # hook as a preload, its participant runs' interpreters as their sitecustomize
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  env=env, preload=[str(hooks / "sitecustomize.py")]) as started:
        yield started.scheduler_address, private


def test_the_workers_cannot_write_the_programmes_folder(cluster, readonly_root):
    """The hook holds on the workers (else the next test proves nothing)."""
    from distributed import Client

    def write_there(path: str) -> str:
        try:
            Path(path).write_text("x")
        except PermissionError as exc:
            return f"refused: {exc}"
        return "written"

    with Client(cluster[0]) as client:
        assert client.submit(write_there, str(readonly_root / "probe.txt"), pure=False).result().startswith("refused")
    assert not (readonly_root / "probe.txt").exists()


def test_runs_come_back_through_the_engine_to_a_folder_workers_cannot_write(cluster, readonly_root, capsys):
    address, private = cluster
    base = readonly_root / "returned"
    base.mkdir()
    participants = [{"id": name, "manifest": _headset(base, name)} for name in ("a", "b", "c")]
    path = programme_file(base, participants, dispatch={"engine": "dask", "scheduler": address})
    out = base / "out"
    assert main(["programme", "run", str(path), "--out", str(out)]) == 0
    with History(base / "programme.history.sqlite") as history:
        runs = {r["participant"]: r for r in history.runs()}
        assert {p: (r["status"], r["complete"]) for p, r in runs.items()} == {
            p: ("finished", 1) for p in ("a", "b", "c")}
        assert {(r["participant"], r["outcome"]) for r in history.status()} == {
            (p, "conformant") for p in ("a", "b", "c")}
    for participant, run in runs.items():
        folder = out / participant / run["run_id"]
        assert {"job.json", "console.log", "report.json", "report.html", "report.events.ndjson"} <= {
            p.name for p in folder.iterdir()}, participant
        mentions = [p.name for p in folder.iterdir() if str(private).encode() in p.read_bytes()]
        # the reports do not name where the worker made them (its console says where it wrote)
        assert set(mentions) <= {"console.log"}, (participant, mentions)
    assert not any(p.name == ".incoming" for p in out.rglob("*"))  # nothing left half-written
    assert not list(private.glob("conformance-run-*"))  # the workers' private folders are cleaned up
    said = capsys.readouterr().err  # batch auto: the measured costs and the choice, in one line
    assert re.search(r"dask: 2 worker\(s\), \d+ run\(s\) a task \(dispatch \d+ ms a task, a run [\d.]+ s", said), said
    assert main(["programme", "status", str(path)]) == 0  # the programme reports every run
    status = capsys.readouterr().out
    assert all(p in status for p in ("a", "b", "c")) and status.count("conformant") >= 3, status


def test_runs_written_in_place_fail_where_workers_cannot_write(cluster, readonly_root):
    """The known-bad arm: ``results: shared`` (the folder written in place) on the same
    workers records every run crashed: the test above would catch a run written in place."""
    base = readonly_root / "shared"
    base.mkdir()
    path = programme_file(base, [{"id": "a", "manifest": _headset(base, "a")}],
                          dispatch={"engine": "dask", "scheduler": cluster[0], "results": "shared"})
    assert main(["programme", "run", str(path), "--out", str(base / "out")]) == 3
    with History(base / "programme.history.sqlite") as history:
        (run,) = history.runs()
        assert run["status"] == "crashed" and "cannot write" in run["detail"], run


def test_declared_batches_run_several_participants_a_task(cluster, tmp_path, capsys):
    participants = [{"id": f"p{i}", "manifest": _headset(tmp_path, f"p{i}")} for i in range(5)]
    path = programme_file(tmp_path, participants, dispatch={"engine": "dask", "scheduler": cluster[0], "batch": 3})
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 0
    with History(tmp_path / "programme.history.sqlite") as history:
        assert sorted((r["participant"], r["status"]) for r in history.runs()) == [
            (f"p{i}", "finished") for i in range(5)]


def test_the_batch_keeps_dispatch_under_its_share_of_a_run_and_every_worker_busy():
    assert batch_size(0.02, 2.0, 100, 2) == 1  # 20 ms of a 2 s run: 1 %
    assert batch_size(0.03, 0.2, 100, 2) == 3  # 30 ms of a 0.2 s run: 15 %, so 3 runs a task (5 %)
    assert 0.03 / batch_size(0.03, 0.2, 100, 2) / 0.2 <= DISPATCH_SHARE
    assert batch_size(0.03, 0.01, 100, 2) == 12  # very short runs: 4 tasks per worker of what is left
    assert batch_size(0.03, 0.01, 5, 2) == 1


def _archive(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_a_returned_run_is_written_whole_or_not_at_all(tmp_path):
    folder = tmp_path / "a" / "20260101T000000-abcdef"
    unpack(_archive(**{"job.json": b"{}", "sub/report.json": b"{}"}), folder, 1000)
    assert (folder / "sub" / "report.json").read_bytes() == b"{}"
    other = tmp_path / "a" / "20260101T000001-abcdef"
    with pytest.raises(ValueError, match="over the programme's result_limit_mb"):
        unpack(_archive(big=b"x" * 2000), other, 1000)
    with pytest.raises(tarfile.TarError):  # a path out of the run's folder
        unpack(_archive(**{"../escaped": b"x"}), other, 1000)
    link = io.BytesIO()
    with tarfile.open(fileobj=link, mode="w:gz") as tar:
        info = tarfile.TarInfo("report.json")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)
    with pytest.raises(ValueError, match="not a file"):
        unpack(link.getvalue(), other, 1000)
    assert not other.exists() and not (tmp_path / "escaped").exists()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [folder.name]  # no staging left



def _corrupt_archive() -> bytes:
    """A gzip'd tar whose deflate stream breaks in its member's data: tarfile opens it and
    lists the member, then extracting raises zlib.error (not a TarError)."""
    report = b"".join(b'{"verdict": "pass", "n": %d}\n' % i for i in range(20000))
    archive = bytearray(_archive(**{"report.json": report}))
    for offset in range(int(len(archive) * 0.7), int(len(archive) * 0.7) + 8):
        archive[offset] ^= 0xFF
    return bytes(archive)


def test_a_worker_returning_a_corrupt_archive_fails_its_own_run_not_the_cohort(tmp_path, catalog):
    """Issue 60: one worker sends back a corrupt archive (zlib.error while extracting). Before,
    the error escaped `_finish` and stopped the whole programme; now that participant's run is
    recorded crashed with the reason and the other run of the task is recorded too."""
    import zlib
    from dataclasses import replace

    from conformance.programme.dispatch import Returned, _finish
    from conformance.programme.history import open_history
    from conformance.programme.runner import Job, crashed_record
    from conformance.programme.spec import load_programme

    with pytest.raises(zlib.error):
        unpack(_corrupt_archive(), tmp_path / "probe" / "r", 10**7)
    path = programme_file(tmp_path, [{"id": "headset", "manifest": _headset(tmp_path)},
                                     {"id": "other", "manifest": _headset(tmp_path, "other")}])
    programme = load_programme(path, catalog)
    out = tmp_path / "out"
    jobs = [Job("participant", name, tmp_path / f"{name}.yaml", out / name) for name in ("headset", "other")]
    records = [crashed_record(job, programme, "placeholder") for job in jobs]
    returned = [Returned(replace(records[0], status="finished", exit_code=0, detail=""), _corrupt_archive(), 1.0),
                Returned(replace(records[1], detail="its run crashed on the worker"), None, 1.0)]

    class Done:
        def result(self):
            return returned

    seen = []
    with open_history(programme) as history:
        done = _finish(jobs, Done(), programme, history, lambda job, record: seen.append(job.participant))
        rows = {run["participant"]: run for run in history.runs()}
    assert seen == ["headset", "other"] and len(done) == 2
    assert rows["headset"]["status"] == "crashed", rows["headset"]
    assert "its returned reports could not be written: error" in rows["headset"]["detail"], rows["headset"]
    assert rows["other"]["status"] == "crashed" and rows["other"]["detail"] == "its run crashed on the worker"
    assert not (out / "headset" / jobs[0].run_id).exists()
