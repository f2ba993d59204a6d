"""A model the glTF-Validator could not read (no report, its own exception) though the adapter read it: AS-GLTF-001's
finding, as the Khronos project's recorded reports call such a file (an empty GLB) an error; AS-GLTF-002, which
judges a report's warnings, leaves it unjudged naming AS-GLTF-001, never a pass on nothing (thirty-eighth reading,
a2)."""

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


@pytest.mark.parametrize(("check", "judged"), [(content.test_gltf_valid_per_khronos_validator, True),
                                               (content.test_gltf_no_validator_warnings, False)])
def test_a_model_the_validator_cannot_read_fails_one_case_and_is_unjudged_in_the_other(tmp_path: Path, monkeypatch,
                                                                                        check, judged, catalog):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "m.gltf").write_bytes(b'{"asset": {"version": "2.0"}}')
    monkeypatch.setattr(content.khronos, "validate", lambda paths, roots=None: {
        p: {"error": "the validator's process gave no report"} for p in paths})
    monkeypatch.setattr(content.khronos, "version", lambda: "test")
    files = FileAdapter("models", {"adapter": "file", "paths": ["data/*"]}, AdapterContext(tmp_path / "m.yaml", {}))
    evidence = Evidence()
    check({"models": files}, evidence, catalog.schemas)
    assert evidence.findings_count == (1 if judged else 0)
    assert list(evidence.unjudged_inputs) == ([] if judged else ["data/m.gltf"])
