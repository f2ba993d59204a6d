"""A file the test equipment refuses to read (over its ``max_file_bytes`` cap, or a link out of
its declared folder) cannot be obtained: the model and history checks leave it unjudged, naming
it, never a finding of the product (thirty-seventh reading, a1 and a2); a file that opens but
does not parse stays a finding."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.areas.assets.history import judge_histories
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_3d_content", ROOT / "suites/assets/test_3d_content.py")
assert _spec is not None and _spec.loader is not None
content = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(content)


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
