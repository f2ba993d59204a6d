"""A disk that fills mid-programme (issue 45): the programme's run folder and history on a
small tmpfs, filled after the first runs. The programme does not end in a traceback (one
line, exit 3: it could not complete), the runs recorded before stay recorded, the runs it
could not write are recorded as failed, with the reason (by the run itself or, if it could
not, by the next ``programme run``), and the history stays readable. Needs root (to mount
a tmpfs); skipped otherwise."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conformance.programme.history import History
from conformance.reference import SAMPLES
from tests.paths import ROOT

SRC = ROOT / "src"


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs at tmp_path/disk, unmounted however the test ends."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _documents(where: Path, copies: int) -> Path:
    """The shipped DID documents, each copied ``copies`` times: runs large enough that a run's
    folder (~220 KB at 48 copies) dwarfs what the history writes to start one (~24-32 KB)."""
    folder = where / "documents"
    folder.mkdir(exist_ok=True)
    for sample in sorted((SAMPLES / "did_documents").glob("*.json")):
        for n in range(copies):
            shutil.copyfile(sample, folder / f"{sample.stem}-{n:02d}.json")
    return folder


def _programme(where: Path, manifests: Path, copies: int = 1) -> Path:
    documents = _documents(manifests, copies)
    for name in ("alpha", "beta"):
        (manifests / f"{name}.yaml").write_text(yaml.safe_dump({
            "product": {"name": name, "version": "1"}, "profiles": ["identity-document"],
            "targets": {"did_documents": {"adapter": "file", "paths": [str(documents / "*.json")]}}}),
            encoding="utf-8")
    path = where / "programme.yaml"
    path.write_text(yaml.safe_dump({"id": "full-round", "title": "Full round", "concurrency": 1, "participants": [
        {"id": name, "manifest": str(manifests / f"{name}.yaml")} for name in ("alpha", "beta")]}), encoding="utf-8")
    return path


def _conformance(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "conformance.cli", *argv], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(SRC)})


def _fill(disk: Path) -> Path:
    """The disk filled to its last byte by one file."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (1 << 20, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    return filler


def _bytes_on_disk(folder: Path) -> int:
    return sum(f.stat().st_blocks * 512 for f in folder.rglob("*") if f.is_file())


@pytest.mark.parametrize("room", ["none", "half a run"])
def test_a_disk_that_fills_after_the_first_runs(small_disk, tmp_path, room):
    programme = _programme(small_disk, tmp_path, copies=48)
    out = small_disk / "out"
    first = _conformance("programme", "run", str(programme), "--out", str(out), "--no-interop")
    assert first.returncode == 0, first.stdout + first.stderr
    with History(programme.with_name("programme.history.sqlite")) as history:
        before = history.runs()
    assert [r["status"] for r in before] == ["finished", "finished"]

    # "none": not even the history opens. "half a run": half of what one run's folder took,
    # measured here (paths in the reports make it vary by machine). A run's folder is ~220 KB
    # and the history needs ~24-32 KB to start one, so no run started can be written whole
    # whatever the machine's paths. Room for "one run" was flaky: on some machines the first
    # run fitted, and only the history's record of it failed.
    alpha = next(r["run_id"] for r in before if r["participant"] == "alpha")
    free = 0 if room == "none" else _bytes_on_disk(out / "alpha" / alpha) // 2
    filler = _fill(small_disk)
    os.truncate(filler, filler.stat().st_size - free)
    full = _conformance("programme", "run", str(programme), "--out", str(out), "--no-interop", "--rerun")
    said = (full.stdout + full.stderr).strip()
    assert full.returncode == 3, said
    assert "Traceback" not in said
    assert "the disk is full" in said or "No space left on device" in said, said
    if room == "none":  # the history cannot open: the one line says why
        last = said.splitlines()[-1]
        assert last.startswith("conformance: ") and "the disk is full" in last, said

    filler.unlink()
    after = _conformance("programme", "run", str(programme), "--out", str(out), "--no-interop")
    assert after.returncode == 0 and "Traceback" not in after.stdout + after.stderr, after.stdout + after.stderr
    with History(programme.with_name("programme.history.sqlite")) as history:
        runs = history.runs()
    assert runs[:2] == before  # recorded before the disk filled: still there, unchanged
    left = sorted(p.parent.name for p in out.glob("*/*/job.json"))
    assert sorted(r["run_id"] for r in runs) == left  # every run folder recorded, once
    for run in runs[2:]:  # the runs the full disk stopped: recorded with the reason, by the run
        assert run["detail"], run  # itself or, if it could not, by the next start ("recovered: ")
        whole = (out / run["participant"] / run["run_id"] / "report.json").is_file()
        assert whole or run["status"] != "finished", run  # finished only with the whole report
    if room != "none":
        assert runs[2:] and all(r["status"] != "finished" for r in runs[2:]), runs[2:]
    status = _conformance("programme", "status", str(programme))
    assert status.returncode == 0 and "alpha" in status.stdout and "Traceback" not in status.stderr, status.stderr


def test_a_run_folder_whose_job_file_could_not_be_written_is_recorded_crashed(tmp_path):
    from conformance._catalog.catalog import load_catalog
    from conformance.programme.runner import recover
    from conformance.programme.spec import load_programme

    programme = load_programme(_programme(tmp_path, tmp_path), load_catalog())
    out = tmp_path / "out"
    folder = out / "alpha" / "20261124T154112-c94ac7"
    folder.mkdir(parents=True)
    (folder / "job.json").write_bytes(b"")  # created, never written: the disk was full
    (folder / "console.log").write_text("conformance: report.json: [Errno 28] No space left on device\n")
    stray = out / "alpha" / "not-a-run"
    stray.mkdir()
    (stray / "job.json").write_bytes(b"{")
    with History(tmp_path / "h.sqlite") as history:
        recorded = recover(history, programme, out)
        assert [(r.run_id, r.participant, r.status) for r in recorded] == [
            ("20261124T154112-c94ac7", "alpha", "crashed")]
        assert "could not write its job.json" in recorded[0].detail
        assert "No space left on device" in recorded[0].detail
        assert recover(history, programme, out) == []  # once


def test_a_long_path_does_not_cut_the_reason_from_a_runs_cause(tmp_path):
    """The console's last line is "path: what happened: why"; cut to fit, it keeps the why."""
    from conformance.programme.causes import MAX_REASON, run_cause

    deep = tmp_path / ("x" * 200) / "alpha" / "20261124T154112-c94ac7"
    deep.mkdir(parents=True)
    (deep / "console.log").write_text(
        f"conformance: {deep / 'report.json'}: could not be written: [Errno 28] No space left on device\n")
    [cause] = run_cause(deep, files=False)
    assert len(cause) <= MAX_REASON and "…" in cause
    assert cause.startswith("conformance: ") and cause.endswith("No space left on device")
