"""The fortieth reading's leftovers, part cREF (issue 76): a file the test equipment refuses to read (over
``max_file_bytes``, not a regular file, a link out of its declared folder) is left unjudged by every reader of a
target's files, not only ``documents()`` (row c2: the IFC head, CityJSON text sequences, CityGML, legacy tile
content, quilts, captures), and a refused runtime descriptor is recorded in every runtime test, not only the first
(row c14); the cases' inconclusive lines say so."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance import Inconclusive, NotApplicable
from conformance._record.evidence import Evidence, recording
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.areas.scenes import cityjson, ifc
from conformance.areas.terminal import suite
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

IFC = b"ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n" + b"/* pad */\n" * 50 + b"ENDSEC;\nEND-ISO-10303-21;\n"
REFUSAL = "（大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取"


def _suite(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _adapter(tmp_path: Path, **config) -> FileAdapter:
    return FileAdapter("files", {"adapter": "file", "paths": ["data/*"], **config},
                       AdapterContext(tmp_path / "m.yaml", {}))


def _linked(tmp_path: Path, name: str, body: bytes) -> Path:
    """``data/<name>``: a link to a file outside the folder the target declares (refused when read)."""
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    (tmp_path / f"outside-{name}").write_bytes(body)
    os.symlink(tmp_path / f"outside-{name}", folder / name)
    return folder / name


def _unjudged_only(evidence: Evidence, name: str) -> None:
    assert evidence.findings_count == 0
    assert list(evidence.unjudged_inputs) == [f"data/{name}"]


# c2: the IFC header


def test_an_ifc_model_over_the_cap_still_has_its_header_read(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "big.ifc").write_bytes(IFC)
    files = _adapter(tmp_path, max_file_bytes=100)
    evidence = Evidence()
    with recording(evidence):
        data = ifc.head(files, files.files()[0])
    assert data is not None and ifc.header(data) == ([], "IFC4")
    assert evidence.findings_count == 0 and not evidence.unjudged_inputs


def test_an_ifc_model_linked_out_of_its_folder_is_unjudged_in_every_header_case(tmp_path):
    _linked(tmp_path, "linked.ifc", IFC)
    content = _suite("suite_city_models_cref", "suites/scenes/test_city_models.py")
    files = _adapter(tmp_path)
    for check in (content.test_ifc_header, content.test_ifc_model_view_declared):
        evidence = Evidence()
        with recording(evidence):
            check({"bim_models": files}, evidence)
        _unjudged_only(evidence, "linked.ifc")
    evidence = Evidence()
    with recording(evidence), pytest.raises(NotApplicable):  # SC-BIM-006: no file declares the view
        content.test_ifc_reference_view_geometry({"bim_models": files}, evidence)
    _unjudged_only(evidence, "linked.ifc")


# c2: CityGML (SC-CITY-010/-011) and CityJSON text sequences


@pytest.mark.parametrize("check", ["test_citygml_encoding", "test_citygml_schema_valid"])
def test_a_citygml_file_refused_is_unjudged(tmp_path, check):
    _linked(tmp_path, "linked.gml", b"<CityModel/>")
    content = _suite("suite_city_models_cref2", "suites/scenes/test_city_models.py")
    evidence = Evidence()
    with recording(evidence):
        try:
            getattr(content, check)({"citygml_models": _adapter(tmp_path)}, evidence)
        except (Inconclusive, NotApplicable):
            pass  # nothing else to judge: the state, not a finding
    _unjudged_only(evidence, "linked.gml")


def test_a_cityjson_text_sequence_refused_is_unjudged(tmp_path):
    _linked(tmp_path, "linked.jsonl", b'{"type": "CityJSON", "version": "2.0"}\n')
    evidence = Evidence()
    with recording(evidence):
        try:
            cityjson.city_models(_adapter(tmp_path))
        except Inconclusive:
            pass  # no model left to judge
    _unjudged_only(evidence, "linked.jsonl")


# c2: legacy tile content (SC-TILE-009) and quilts (TD-HOLO-002)


def test_legacy_tile_content_over_the_cap_is_unjudged(tmp_path, monkeypatch, catalog):
    (tmp_path / "data").mkdir()
    tile = tmp_path / "data" / "big.b3dm"
    tile.write_bytes(b"b3dm" + b"\0" * 200)
    tilesets = _suite("suite_tilesets_cref", "suites/scenes/test_tilesets.py")
    monkeypatch.setattr(tilesets, "_local_content", lambda files, suffixes: {tile: "data/big.b3dm"})
    evidence = Evidence()
    with recording(evidence):
        try:
            tilesets.test_legacy_tile_content_laid_out_as_its_format({"tilesets": _adapter(tmp_path, max_file_bytes=100)},
                                                                       evidence, catalog.schemas)
        except Exception as exc:  # noqa: BLE001 - only the glTF validator's absence may end it, never the refusal
            assert type(exc).__name__ == "Unavailable", exc
    _unjudged_only(evidence, "big.b3dm")


def test_a_quilt_over_the_cap_is_unjudged(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "quilt.png").write_bytes(b"\x89PNG" + b"\0" * 200)
    holographic = _suite("suite_holographic_cref", "suites/terminal/test_holographic.py")
    declared = {"quilt": {"columns": 2, "rows": 1, "origin": "top-left"}, "view_resolution": {"width": 4, "height": 4},
                "views": {"horizontal": 2}}
    monkeypatch.setattr(holographic, "_the_declaration", lambda targets, schemas: declared)
    params = SimpleNamespace(max_view_step_ratio=0.5, quilt_size_tolerance=0)
    evidence = Evidence()
    with recording(evidence), pytest.raises(Inconclusive):  # no quilt judged
        holographic.test_quilts_match_the_display_and_keep_view_order(
            {"quilts": _adapter(tmp_path, max_file_bytes=100)}, None, evidence, params)
    _unjudged_only(evidence, "quilt.png")


# c2: captures (every terminal case reading captures; clause 5.9 states it once)


def test_a_capture_linked_out_of_its_folder_is_unjudged_in_every_test(tmp_path):
    _linked(tmp_path, "linked.ndjson", b'{"format": "mvx-capture"}\n')
    files = _adapter(tmp_path)
    for _ in range(2):  # each test that asks records it
        evidence = Evidence()
        with recording(evidence):
            assert list(suite.analyses(files)) == []
        _unjudged_only(evidence, "linked.ndjson")


def test_clause_5_9_names_a_refused_capture(zh_markdown, en_markdown):
    assert "以及测试设备拒绝读取的采集文件（不是普通文件，或是指向其所声明目录之外的链接），其数据流无法作出判定" in zh_markdown
    assert "or one the test equipment refuses to read (not a regular file, or a link outside its declared folder), " \
           "leaves its streams unjudged" in en_markdown


# c14: the runtime cases


class _Bridge:
    """A runtime target (the module keeps what it held per target, by weak reference)."""


def test_a_refused_descriptor_is_unjudged_in_every_runtime_test(tmp_path, monkeypatch):
    _linked(tmp_path, "linked.json", b"{}")
    runtime = _suite("suite_runtime_cref", "suites/terminal/test_runtime.py")
    monkeypatch.setattr(runtime, "_hold", lambda bridge, descriptors: "none")  # _held reads the descriptors
    targets = {"runtime": _Bridge(), "descriptors": _adapter(tmp_path)}
    for _ in range(3):  # the first test holds the dialogue, the others take it held
        evidence = Evidence()
        with recording(evidence), pytest.raises(Inconclusive):
            runtime._held(targets)
        _unjudged_only(evidence, "linked.json")


# the cases' inconclusive lines


@pytest.mark.parametrize("rid", ["SC-BIM-001", "SC-BIM-005", "SC-BIM-006", "SC-BIM-007", "SC-BIM-008", "SC-BIM-009",
                                 "SC-BIM-010", "SC-CITY-010", "SC-CITY-011"])
def test_the_cases_reading_refused_files_name_the_state(zh_markdown, en_markdown, rid):
    assert REFUSAL in _cases(zh_markdown)[rid]
    assert "max_file_bytes" in _cases(en_markdown)[rid]
