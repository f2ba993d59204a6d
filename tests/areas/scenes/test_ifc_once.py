"""An IFC model is opened once a run and shared by every requirement that judges it, its header
read once a run (issue 48), and a file-only run's time budget grows with the file size cap its
manifest raises."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from conformance._catalog.model import Testing
from conformance._run import runguard
from conformance.adapters.file import DEFAULT_MAX_FILE_BYTES, FileAdapter
from conformance.areas.scenes import ifc
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "bim_models" / "reference-view.ifc"
FEATURES = ["georeferenced", "model-view"]


def _run(run_manifest, paths, monkeypatch):
    """The run's result, the files whose model was read (through read_bytes, part h94-file: each read
    is parsed once) and the files whose header was read (through open, its first bytes only, part
    cREF: a model of any size has one)."""
    pytest.importorskip("ifcopenshell")
    opened: list[str] = []
    real_read, real_open = FileAdapter.read_bytes, FileAdapter.open
    monkeypatch.setattr(FileAdapter, "read_bytes", lambda self, path: opened.append(path.name) or real_read(self, path))
    read: list[str] = []
    monkeypatch.setattr(FileAdapter, "open", lambda self, path: read.append(path.name) or real_open(self, path))
    result = run_manifest({"product": {"name": "once", "version": "1"},
                           "profiles": [{"id": "scene-ifc", "features": FEATURES}],
                           "targets": {"bim_models": {"adapter": "file", "paths": [str(p) for p in paths]}}})
    return result, opened, read


def test_one_model_is_opened_and_read_once_by_all_its_requirements(run_manifest, monkeypatch):
    result, opened, read = _run(run_manifest, [SAMPLE], monkeypatch)
    judged = [r.requirement for r in result.report.requirements if r.verdict.value in ("pass", "fail")]
    # the Reference View sample is judged by every requirement but SC-BIM-004 (no IDS claimed)
    assert len(judged) == 9, judged
    assert opened == ["reference-view.ifc"]
    assert read == ["reference-view.ifc"]


def test_past_the_kept_size_a_model_is_let_go_and_opened_again(run_manifest, monkeypatch, tmp_path):
    copies = []
    for name in ("a.ifc", "b.ifc"):
        shutil.copy(SAMPLE, tmp_path / name)
        copies.append(tmp_path / name)
    monkeypatch.setattr(ifc, "KEEP_BYTES", SAMPLE.stat().st_size)  # room for one model only
    result, opened, _ = _run(run_manifest, copies, monkeypatch)
    assert opened.count("a.ifc") > 1 and opened.count("b.ifc") > 1
    both = dict.fromkeys([r.requirement for r in result.report.requirements])
    monkeypatch.setattr(ifc, "KEEP_BYTES", 2 * SAMPLE.stat().st_size)  # room for both
    again, opened, _ = _run(run_manifest, copies, monkeypatch)
    assert sorted(opened) == ["a.ifc", "b.ifc"]
    assert [(r.requirement, r.verdict, r.evidence) for r in again.report.requirements] == \
        [(r.requirement, r.verdict, r.evidence) for r in result.report.requirements if r.requirement in both]


def _plan(caps: list[int | None]):
    profile = SimpleNamespace(id="p", targets={f"t{i}": SimpleNamespace(kind="file") for i in range(len(caps))})
    targets = {f"t{i}": ({"max_file_bytes": cap} if cap is not None else {}) for i, cap in enumerate(caps)}
    requirement = SimpleNamespace(testing=Testing.AUTOMATED)
    return SimpleNamespace(profiles=[SimpleNamespace(profile=profile, requirement_ids=["R1", "R2"],
                                                     target_of=lambda role: role)],
                           selected={"R1", "R2"}, catalog=SimpleNamespace(requirements={"R1": requirement,
                                                                                       "R2": requirement}),
                           manifest=SimpleNamespace(targets=targets))


def test_a_raised_file_size_cap_raises_the_run_budget_in_proportion():
    base = runguard.BASE_S + 2 * runguard.FILE_S_PER_REQUIREMENT
    assert runguard.run_budget(_plan([None]))[0] == base
    assert runguard.run_budget(_plan([DEFAULT_MAX_FILE_BYTES // 2]))[0] == base  # a lowered cap: as before
    seconds, how = runguard.run_budget(_plan([None, DEFAULT_MAX_FILE_BYTES + (100 << 20)]))
    assert seconds == base + 2 * 100 * runguard.FILE_S_PER_EXTRA_MIB
    assert "100.0 MiB over the default file size cap" in how
