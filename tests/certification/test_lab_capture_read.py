"""The laboratory assessment reads a capture's declared instruments from the file the harness opens and then
hashes whole, never by opening its path again (conformance._run.laboratory.declared_capture): a capture
swapped after the run read it, a FIFO or a link out of the run's folder put in its place, is a reason the run
cannot certify, named in one line, never a hang or instruments the record was not compared with."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from conformance._catalog.catalog import load_catalog
from conformance._run.laboratory import assess, declared_capture
from conformance.cli import main

from .labfixtures import CAPTURES, lab_key, record, write_key, write_record

HAPTIC, OTHER = "haptic-bench.ndjson.gz", "tracking-rig.ndjson.gz"


def _subject(name: str, sha256: str) -> dict[str, object]:
    return {"name": name, "digest": {"sha256": sha256}, "annotations": {"kind": "file", "role": "captures"}}


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, str]:
    """A run's folder holding the haptic capture, and the SHA-256 the run read it with."""
    shutil.copy(CAPTURES / HAPTIC, tmp_path / HAPTIC)
    return tmp_path, hashlib.sha256((tmp_path / HAPTIC).read_bytes()).hexdigest()


def _problems(base: Path, sha256: str) -> list[tuple[str, str]]:
    member, _ = assess(load_catalog(), ["TD-HAPT-003"], [_subject(HAPTIC, sha256)], base)
    assert member is not None
    return [(p["capture"], p["problem"]) for p in member["problems"]  # type: ignore[index,union-attr]
            if p["capture"] == HAPTIC]  # type: ignore[index]


def test_the_declarations_and_the_hash_are_of_one_open_file(folder):
    base, sha256 = folder
    found = declared_capture(base / HAPTIC, HAPTIC, root=base)
    assert found is not None and found.sha256 == sha256 and [i.serial for i in found.instruments] == ["AX3-0001"]
    assert _problems(base, sha256) == [(HAPTIC, "no laboratory record names its SHA-256")]


def test_a_capture_swapped_after_the_run_read_it_is_not_the_runs(folder):
    base, sha256 = folder
    shutil.copy(CAPTURES / OTHER, base / HAPTIC)
    (name, why), = _problems(base, sha256)
    assert name == HAPTIC and why.startswith("changed after the run read it (SHA-256 " + sha256[:12])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_the_captures_place_is_named_not_waited_on(folder):
    base, sha256 = folder
    (base / HAPTIC).unlink()
    os.mkfifo(base / HAPTIC)
    (name, why), = _problems(base, sha256)
    assert name == HAPTIC and why.startswith("cannot be read again for the instruments it declares: ")
    assert "not a regular file" in why


def test_a_link_out_of_the_runs_folder_is_not_followed(folder, tmp_path_factory):
    base, sha256 = folder
    outside = tmp_path_factory.mktemp("outside") / HAPTIC
    shutil.move(base / HAPTIC, outside)
    (base / HAPTIC).symlink_to(outside)
    (name, why), = _problems(base, sha256)
    assert "leads outside its folder" in why


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_lab_check_names_a_capture_it_cannot_read_in_one_line(tmp_path, capsys):
    fifo = tmp_path / HAPTIC
    os.mkfifo(fifo)
    key = write_key(tmp_path / "lab.key", lab_key())
    source = write_record(tmp_path / "record.yaml", record([HAPTIC], ["TD-HAPT-003"], ["AX3-0001"]))
    assert main(["lab", "sign", str(source), "--key", str(key), "--out", str(tmp_path / "record.json")]) == 0
    capsys.readouterr()
    code = main(["lab", "check", str(tmp_path / "record.json"), "--capture", str(fifo)])
    err = capsys.readouterr().err
    assert code == 2 and str(fifo) in err and len(err.strip().splitlines()) == 1
