"""glTF 2.0 and VRM 1.0 checks: what each rule reports, and that hostile files are judged,
never crashed on; the Khronos validator delegation with a test double and without Node."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from conformance.checks.assets import gltf, khronos, vrm

FIXTURES = Path(__file__).resolve().parents[1] / "suites" / "assets" / "fixtures"
SAMPLES = Path(__file__).parents[1] / "src" / "conformance" / "reference" / "samples" / "models"


def findings(data: bytes, name: str = "x.gltf", base: Path | None = None) -> list[tuple[str, str]]:
    asset = gltf.read(data, name)
    return [(i.pointer, i.message) for i in gltf.check(asset, base)]


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_samples_are_clean(path):
    asset = gltf.read(path.read_bytes(), path.name)
    assert gltf.check(asset, path.parent) == []
    if path.suffix == ".vrm":
        assert asset.is_glb and vrm.is_vrm(asset.document) and vrm.check(asset.document) == []


@pytest.mark.parametrize(("name", "pointer"), [
    ("no-version.gltf", "/asset/version"),
    ("required-not-used.gltf", "/extensionsRequired/0"),
    ("index-out-of-range.gltf", "/meshes/0/primitives/0/attributes/NORMAL"),
    ("matrix-and-trs.gltf", "/nodes/0"),
    ("rotation-not-unit.gltf", "/nodes/0/rotation"),
    ("accessor-overflow.gltf", "/accessors/0"),
    ("buffer-length-mismatch.gltf", "/buffers/0/byteLength"),
])
def test_each_bad_fixture_breaks_exactly_its_rule(name, pointer):
    path = FIXTURES / "3d" / name
    assert [p for p, _ in findings(path.read_bytes(), name, path.parent)] == [pointer]


@pytest.mark.parametrize("data", [
    b"", b"glTF", b"glTF" + b"\xff" * 30, b"\x00" * 64, b"[1, 2, 3]", b'"text"', b"null",
    b'{"asset": 7, "nodes": {"a": 1}, "accessors": [null, 3, {"count": -1}], "buffers": [{"byteLength": true}]}',
    b'{"asset": {"version": "2.0"}, "accessors": [{"bufferView": 0, "componentType": 5126, "count": 1e400,'
    b' "type": "VEC3"}], "bufferViews": [{"buffer": 0, "byteLength": 4, "byteStride": "x"}],'
    b' "buffers": [{"byteLength": 4, "uri": "data:,abcd"}]}',
    b'{"asset": {"version": "2.0"}, "buffers": [{"byteLength": 4, "uri": "../../etc/passwd"}],'
    b' "nodes": [{"rotation": [1e308, 1e308, 0, 0]}], "extensions": {"A~/b": {}}}',
])
def test_hostile_files_are_judged_not_crashed_on(data, tmp_path):
    found = findings(data, "hostile.glb", tmp_path)
    assert found, "a malformed file must have findings"
    assert vrm.check(gltf.read(data, "h").document) != []


def test_glb_header_and_chunks_are_checked():
    header = struct.pack("<III", 0x46546C67, 1, 99)
    chunk = struct.pack("<II", 3, 0x004E4942) + b"abc"
    messages = [m for _, m in findings(header + chunk + b"\0" * 9, "bad.glb")]
    assert any("version is not 2" in m for m in messages)
    assert any("length is not the file's length" in m for m in messages)
    assert any("not padded to 4 bytes" in m for m in messages)
    assert any("first GLB chunk is not the JSON chunk" in m for m in messages)


def test_external_buffers_resolve_beside_the_file_and_never_outside(tmp_path):
    (tmp_path / "data.bin").write_bytes(b"\0" * 36)
    doc = b'{"asset": {"version": "2.0"}, "buffers": [{"byteLength": 36, "uri": "data.bin"},' \
          b' {"byteLength": 8, "uri": "../outside.bin"}, {"byteLength": 8, "uri": "https://cdn.example/b.bin"}]}'
    assert findings(doc, "m.gltf", tmp_path) == [("/buffers/1/uri", "the buffer's file cannot be read")]


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


def test_khronos_validator_unavailable_without_node(monkeypatch):
    monkeypatch.setattr(khronos.shutil, "which", lambda name: None)
    with pytest.raises(khronos.Unavailable, match="Node.js is not installed"):
        khronos.validate([SAMPLES / "triangle.gltf"])


@pytest.mark.skipif(khronos.shutil.which("node") is None, reason="needs Node.js")
def test_khronos_validator_package_missing_and_test_double(tmp_path, monkeypatch):
    monkeypatch.delenv("NODE_PATH", raising=False)
    with pytest.raises(khronos.Unavailable, match="gltf-validator is not installed"):
        khronos.validate([SAMPLES / "triangle.gltf"], str(tmp_path))
    reports = khronos.validate([SAMPLES / "triangle.gltf"], os.fspath(FIXTURES / "gltf-validator-double"))
    found = list(khronos.messages(reports[SAMPLES / "triangle.gltf"]))
    assert [(m.severity, m.code, m.pointer) for m in found] == [
        ("error", "TEST_DOUBLE_ERROR", "/asset"), ("warning", "TEST_DOUBLE_WARNING", None)]
    assert list(khronos.messages({"issues": {"messages": [None, {"severity": "x"}]}}))[0].severity == "error"
