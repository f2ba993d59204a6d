"""A model the glTF-Validator could not read (no report, its own exception) though the adapter read it is one
state with one verdict in AS-GLTF-001 and AS-GLTF-002: not judged, so a run with nothing else is inconclusive in
both, never a fail of the product in one and a pass on nothing in the other (thirty-eighth reading, a2)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_3d_content_unreadable", ROOT / "suites/assets/test_3d_content.py")
assert _spec is not None and _spec.loader is not None
content = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(content)


@pytest.mark.parametrize("check", [content.test_gltf_valid_per_khronos_validator,
                                   content.test_gltf_no_validator_warnings])
def test_a_model_the_validator_cannot_read_is_unjudged_in_both_cases(tmp_path: Path, monkeypatch, check):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "m.gltf").write_bytes(b'{"asset": {"version": "2.0"}}')
    monkeypatch.setattr(content.khronos, "validate", lambda paths, roots=None: {
        p: {"error": "the validator's process gave no report"} for p in paths})
    monkeypatch.setattr(content.khronos, "version", lambda: "test")
    files = FileAdapter("models", {"adapter": "file", "paths": ["data/*"]}, AdapterContext(tmp_path / "m.yaml", {}))
    evidence = Evidence()
    check({"models": files}, evidence)
    assert evidence.findings_count == 0
    assert list(evidence.unjudged_inputs) == ["data/m.gltf"]
