"""glTF 2.0 validity is the Khronos glTF-Validator's (shipped with the harness, run for real
here); VRM 0.x and 1.0 checks: what each rule reports, and hostile files judged, never crashed on."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from conformance.areas._shared import gltf_reports, khronos
from conformance.areas.assets import gltf, vrm
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "assets" / "fixtures"
SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "models"


def codes(path: Path) -> list[tuple[str, str, str | None]]:
    report = khronos.validate([path])[path]
    return [(m.severity, m.code, m.pointer) for m in gltf_reports.messages(report)
            if m.severity in ("error", "warning")]


def test_the_validator_is_installed_at_its_pinned_version():
    assert (khronos.PACKAGE / "package.json").is_file(), "build the package: pip install -e ."
    assert (khronos.PACKAGE / ".integrity").read_text().strip() == khronos.PIN["integrity"]
    report = khronos.validate([SAMPLES / "triangle.gltf"])[SAMPLES / "triangle.gltf"]
    assert report["validatorVersion"] == khronos.PIN["version"]


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_samples_are_clean(path):
    assert codes(path) == []
    asset = gltf.read(path.read_bytes(), path.name)
    if path.suffix == ".vrm":
        assert asset.is_glb and vrm.version_of(asset.document) == "1.0" and vrm.check(asset.document) == []


@pytest.mark.parametrize(("name", "code", "pointer"), [
    ("no-version.gltf", "UNDEFINED_PROPERTY", "/asset"),
    ("index-out-of-range.gltf", "UNRESOLVED_REFERENCE", "/meshes/0/primitives/0/attributes/NORMAL"),
    ("matrix-and-trs.gltf", "NODE_MATRIX_TRS", "/nodes/0/matrix"),
    ("rotation-not-unit.gltf", "ROTATION_NON_UNIT", "/nodes/0/rotation"),
    ("accessor-overflow.gltf", "ACCESSOR_TOO_LONG", "/accessors/0"),
    ("buffer-length-mismatch.gltf", "BUFFER_BYTE_LENGTH_MISMATCH", "/buffers/0"),
])
def test_each_bad_fixture_is_a_validator_error(name, code, pointer):
    errors = [(c, p) for s, c, p in codes(FIXTURES / "3d" / name) if s == "error"]
    assert (code, pointer) in errors


def test_a_warning_only_fixture_has_no_error():
    assert codes(FIXTURES / "3d" / "warning-incompatible-mode.gltf") == [
        ("warning", "MESH_PRIMITIVE_INCOMPATIBLE_MODE", "/meshes/0/primitives/0")]


@pytest.mark.parametrize("data", [
    b"", b"glTF", b"glTF" + b"\xff" * 30, b"\x00" * 64, b"[1, 2, 3]", b'"text"', b"null",
    b'{"asset": 7, "nodes": {"a": 1}, "accessors": [null, 3, {"count": -1}], "buffers": [{"byteLength": true}]}',
    b'{"asset": {"version": "2.0"}, "buffers": [{"byteLength": 4, "uri": "../../etc/passwd"}],'
    b' "nodes": [{"rotation": [1e308, 1e308, 0, 0]}], "extensions": {"A~/b": {}}}',
])
def test_hostile_files_are_judged_not_crashed_on(data, tmp_path):
    path = tmp_path / "hostile.glb"
    path.write_bytes(data)
    report = khronos.validate([path])[path]
    assert "error" in report or gltf_reports.counts(report)["numErrors"] > 0
    assert vrm.check(gltf.read(data, "h").document) != []


def test_external_resources_are_read_beside_the_file_and_never_outside(tmp_path):
    inside = tmp_path / "in"
    inside.mkdir()
    (inside / "data.bin").write_bytes(b"\0" * 36)
    (tmp_path / "outside.bin").write_bytes(b"\0" * 8)
    doc = inside / "m.gltf"
    doc.write_bytes(b'{"asset": {"version": "2.0"}, "buffers": [{"byteLength": 36, "uri": "data.bin"},'
                    b' {"byteLength": 8, "uri": "../outside.bin"}]}')
    errors = [(c, p) for s, c, p in codes(doc) if s == "error"]
    assert errors == []  # declined for the harness's safety, not an error of the asset (issue 62)
    report = khronos.validate([doc])[doc]
    assert [d["pointer"] for d in gltf_reports.declined(report)] == ["/buffers/1/uri"]
    assert "outside the declared folder" in gltf_reports.declined(report)[0]["message"]
    assert gltf_reports.external_files(doc, report) == [(inside / "data.bin").resolve()]
    # with the parent declared as the root, the resource is read
    rooted = khronos.validate([doc], roots={doc: tmp_path})[doc]
    assert gltf_reports.declined(rooted) == [] and gltf_reports.counts(rooted)["numErrors"] == 0
    assert sorted(gltf_reports.external_files(doc, rooted, tmp_path)) == sorted(
        [(inside / "data.bin").resolve(), (tmp_path / "outside.bin").resolve()])


def test_the_glb_reader_notes_why_a_file_cannot_be_read():
    header = struct.pack("<III", 0x46546C67, 1, 99)
    chunk = struct.pack("<II", 3, 0x004E4942) + b"abc"
    messages = [i.message for i in gltf.read(header + chunk + b"\0" * 9, "bad.glb").issues]
    assert any("version is not 2" in m for m in messages)
    assert any("first GLB chunk is not the JSON chunk" in m for m in messages)


def test_vrm_findings_point_into_the_extension():
    document = gltf.read((SAMPLES / "avatar.vrm").read_bytes(), "avatar.vrm").document
    ext = document["extensions"]["VRMC_vrm"]
    ext["specVersion"] = "0.0"
    ext["meta"]["licenseUrl"] = "https://example.com/license"
    ext["humanoid"]["humanBones"]["spine"] = {"node": 1}  # the hips' node
    ext["humanoid"]["humanBones"]["tail"] = {"node": 2}
    document["extensionsUsed"] = []
    pointers = [i.pointer for i in vrm.check(document)]
    assert pointers == ["/extensionsUsed", "/extensions/VRMC_vrm/specVersion", "/extensions/VRMC_vrm/meta/licenseUrl",
                        "/extensions/VRMC_vrm/humanoid/humanBones/spine/node",
                        "/extensions/VRMC_vrm/humanoid/humanBones/tail"]


def test_vrm_0x_is_judged_on_its_own_rules_and_a_profile_may_require_1_0():
    good = gltf.read((FIXTURES / "3d" / "vrm0-avatar.vrm").read_bytes(), "a.vrm").document
    assert vrm.version_of(good) == "0.x"
    assert vrm.check(good) == []
    (refused,) = vrm.check(good, min_version="1.0")
    assert refused.message == "VRM 0.x found; this profile requires VRM 1.0"
    bad = gltf.read((FIXTURES / "3d" / "vrm0-missing-bones.vrm").read_bytes(), "b.vrm").document
    found = {i.pointer: i for i in vrm.check(bad)}
    assert found["/extensions/VRM/humanoid/humanBones"].actual == ["chest", "leftHand"]
    assert "/extensions/VRM/meta/commercialUssageName" in found
    neither = {"asset": {"version": "2.0"}, "extensions": {}}
    assert "neither" in vrm.check(neither)[0].message


def test_validator_that_cannot_start_is_an_error_with_the_reason(tmp_path):
    with pytest.raises(khronos.Unavailable, match="not installed"):
        khronos.validate([SAMPLES / "triangle.gltf"], package=tmp_path)
    # a stand-in package that throws on load: the runner reports it, never a silent pass
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "package.json").write_text('{"name": "gltf-validator", "main": "index.js"}')
    (broken / "index.js").write_text('throw new Error("stand-in that cannot start");')
    with pytest.raises(khronos.Unavailable, match="stand-in that cannot start"):
        khronos.validate([SAMPLES / "triangle.gltf"], package=broken)


def test_without_node_the_reason_is_given(monkeypatch):
    monkeypatch.setattr(khronos.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(khronos.shutil, "which", lambda name: None)
    with pytest.raises(khronos.Unavailable, match="no Node.js"):
        khronos.node_executable()
    assert shutil.which  # the real one is untouched outside this test
