"""A file the test equipment refuses to read (over its ``max_file_bytes`` cap, or a link out of
its declared folder) cannot be obtained: the model and history checks leave it unjudged, naming
it, never a finding of the product (thirty-seventh reading, a1 and a2); a file that opens but
does not parse stays a finding."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from conformance import Inconclusive
from conformance._record.evidence import Evidence, recording
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.areas.assets.history import judge_histories
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_3d_content", ROOT / "suites/assets/test_3d_content.py")
assert _spec is not None and _spec.loader is not None
content = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(content)
_usd_spec = importlib.util.spec_from_file_location("suite_usd", ROOT / "suites/assets/test_usd.py")
assert _usd_spec is not None and _usd_spec.loader is not None
usd_suite = importlib.util.module_from_spec(_usd_spec)
_usd_spec.loader.exec_module(usd_suite)


def _adapter(tmp_path: Path, **config) -> FileAdapter:
    return FileAdapter("files", {"adapter": "file", "paths": ["data/*"], **config}, AdapterContext(tmp_path / "m.yaml", {}))


def _data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_a_model_over_the_cap_is_unjudged_not_a_finding(tmp_path):
    folder = _data(tmp_path)
    (folder / "small.gltf").write_bytes(b'{"asset": {"version": "2.0"}}')
    (folder / "large.gltf").write_bytes(b'{"asset": {"version": "2.0"}, "pad": "' + b"x" * 200 + b'"}')
    evidence = Evidence()
    kept = content._model_files(_adapter(tmp_path, max_file_bytes=100), evidence)
    assert [p.name for p in kept] == ["small.gltf"]
    assert evidence.findings_count == 0
    assert list(evidence.unjudged_inputs) == ["data/large.gltf"]


def test_a_model_linked_outside_its_folder_is_unjudged(tmp_path):
    folder = _data(tmp_path)
    (tmp_path / "elsewhere.gltf").write_bytes(b'{"asset": {"version": "2.0"}}')
    os.symlink(tmp_path / "elsewhere.gltf", folder / "linked.gltf")
    evidence = Evidence()
    assert content._model_files(_adapter(tmp_path), evidence) == []
    assert evidence.findings_count == 0
    assert list(evidence.unjudged_inputs) == ["data/linked.gltf"]


def test_a_refused_history_file_is_kept_apart_and_the_rest_is_read(tmp_path, catalog):
    folder = _data(tmp_path)
    (tmp_path / "elsewhere.ndjson").write_bytes(b"{}\n")
    os.symlink(tmp_path / "elsewhere.ndjson", folder / "linked.ndjson")
    (folder / "broken.ndjson").write_bytes(b"not json\n")
    found = judge_histories(_adapter(tmp_path), catalog.schemas)
    assert list(found.refused) == ["data/linked.ndjson"]
    assert [f.file for f in found.record_findings] == ["data/broken.ndjson"]  # opens, does not parse: a finding


def test_a_stage_linked_outside_its_folder_is_unjudged_not_a_finding(tmp_path):
    """AS-USD-001 to -010 (part h94-small): a stage the equipment refuses is named unjudged, as a model is."""
    folder = _data(tmp_path)
    (folder / "kept.usda").write_text("#usda 1.0\n")
    (tmp_path / "elsewhere.usda").write_text("#usda 1.0\n")
    os.symlink(tmp_path / "elsewhere.usda", folder / "linked.usda")
    evidence = Evidence()
    with recording(evidence):
        kept = usd_suite._usd_files(_adapter(tmp_path), evidence)
    assert [p.name for p in kept] == ["kept.usda"]
    assert evidence.findings_count == 0
    assert list(evidence.unjudged_inputs) == ["data/linked.usda"]


def test_a_refused_package_leaves_the_packaging_requirement_inconclusive_not_inapplicable(tmp_path):
    folder = _data(tmp_path)
    (tmp_path / "elsewhere.usdz").write_bytes(b"PK")
    os.symlink(tmp_path / "elsewhere.usdz", folder / "linked.usdz")
    evidence = Evidence()
    with recording(evidence), pytest.raises(Inconclusive):
        next(usd_suite._judged(_adapter(tmp_path), evidence, packages_only=True))
    assert list(evidence.unjudged_inputs) == ["data/linked.usdz"]
