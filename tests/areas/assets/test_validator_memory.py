"""The glTF-Validator's memory (issue 76, sixty-seventh reading, b3): a file whose validation runs out of the
validator's capped memory is the only file left unjudged; the files after it in the same call are validated in a fresh
process, and a file that ran out after others shared its process is validated again alone before it is left so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conformance.areas._shared import gltf_reports, khronos
from conformance.reference import SAMPLES


def _models(folder: Path, heavy_accessors: int) -> list[Path]:
    """good1, heavy, good2: a triangle, a triangle of ``heavy_accessors`` accessors, a triangle."""
    folder.mkdir()
    model = json.loads((SAMPLES / "models" / "triangle.gltf").read_bytes())
    model["accessors"] = [dict(model["accessors"][0]) for _ in range(heavy_accessors)]
    (folder / "heavy.gltf").write_text(json.dumps(model))
    for name in ("good1.gltf", "good2.gltf"):
        shutil.copyfile(SAMPLES / "models" / "triangle.gltf", folder / name)
    return [folder / "good1.gltf", folder / "heavy.gltf", folder / "good2.gltf"]


def test_only_the_file_exceeding_the_memory_is_left_unjudged(tmp_path, monkeypatch):
    """With the real validator under a small cap (16 MiB, so a file of 20 000 accessors exceeds it): before, the
    file after the heavy one was left unjudged with it ("on this file (or an earlier one)")."""
    monkeypatch.setattr(khronos, "NODE_FLAGS", ("--max-old-space-size=16", "--max-semi-space-size=1"))
    monkeypatch.setattr(khronos, "_nodes", {})  # not a process another test in this worker left running
    good1, heavy, good2 = _models(tmp_path / "models", 20_000)
    try:
        reports = khronos.validate([good1, heavy, good2])
    finally:
        khronos.close()
    assert gltf_reports.over_bound(reports[heavy]) and "validated alone" in reports[heavy]["error"], reports[heavy]
    for path in (good1, good2):
        assert "error" not in reports[path] and gltf_reports.counts(reports[path])["numErrors"] == 0, reports[path]


class _FakeNode:
    """A validator process without Node.js: ``heavy*`` files exhaust its memory always, ``tipping*`` files only
    after another file shared the process; the others are answered."""

    started: list[_FakeNode] = []

    def __init__(self, package: Path, drain: bool = True) -> None:
        self.package, self.cap, self.kept, self.served, self.dead = package, khronos.MAX_INPUT_BYTES, False, 0, False
        self.given: list[str] = []
        _FakeNode.started.append(self)

    def alive(self) -> bool:
        return not self.dead

    def close(self) -> None:
        self.dead = True

    def validate(self, files: list[Path], roots: Any = None) -> dict[Path, Any]:
        answered: dict[Path, Any] = {}
        for path in files:
            self.given.append(path.name)
            if path.name.startswith("heavy") or (path.name.startswith("tipping") and self.served):
                self.dead = True
                return answered
            answered[path] = {"issues": {"numErrors": 0, "messages": []}}
            self.served += 1
        return answered


@pytest.fixture
def fake_nodes(tmp_path, monkeypatch) -> Path:
    package = tmp_path / "package"
    package.mkdir()
    (package / "package.json").write_text("{}")
    monkeypatch.setattr(khronos, "_Node", _FakeNode)
    monkeypatch.setattr(khronos, "_nodes", {})
    _FakeNode.started = []
    return package


def _files(folder: Path, *names: str) -> list[Path]:
    folder.mkdir()
    for name in names:
        (folder / name).write_text("{}")
    return [folder / name for name in names]


def test_a_file_that_ran_out_after_others_is_validated_again_alone(tmp_path, fake_nodes):
    files = _files(tmp_path / "m", "a.gltf", "tipping.gltf", "heavy.gltf", "b.gltf")
    reports = khronos.validate(files, package=fake_nodes)
    assert "error" not in reports[files[1]]  # it ran out only beside a.gltf: alone, it is judged
    assert gltf_reports.over_bound(reports[files[2]])  # alone in a fresh process, it still runs out
    assert "error" not in reports[files[0]] and "error" not in reports[files[3]]
    # a, tipping (out) | tipping, heavy (out: not its process's first) | heavy (out, alone) | b
    assert [node.given for node in _FakeNode.started] == [
        ["a.gltf", "tipping.gltf"], ["tipping.gltf", "heavy.gltf"], ["heavy.gltf"], ["b.gltf"]]


def test_a_heavy_first_file_is_left_at_once_and_the_rest_validated(tmp_path, fake_nodes):
    files = _files(tmp_path / "m", "heavy1.gltf", "heavy2.gltf", "c.gltf")
    reports = khronos.validate(files, package=fake_nodes)
    assert gltf_reports.over_bound(reports[files[0]]) and gltf_reports.over_bound(reports[files[1]])
    assert "error" not in reports[files[2]]
    assert [node.given for node in _FakeNode.started] == [["heavy1.gltf"], ["heavy2.gltf"], ["c.gltf"]]
