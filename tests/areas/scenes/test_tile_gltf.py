"""glTF tile content (SC-TILE-005) and the binary glTF legacy tiles embed (SC-TILE-009) are judged
as AS-GLTF-001 judges a model: a file a bound of the harness kept from the validator, or whose
resources it declined to read, is unjudged (the requirement inconclusive), never a product's fail,
and never a pass either (issue 59: a set passes only when every member passes)."""

from __future__ import annotations

import json
import shutil
import struct

import pytest

from tests.conftest import verdicts
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "scenes" / "fixtures"
TRIANGLE = FIXTURES / "gltf-invalid" / "triangle.glb"


def _tileset(folder, uris):
    """A copy of the gltf-invalid fixture's tileset whose three contents are ``uris``."""
    data = json.loads((FIXTURES / "gltf-invalid" / "tileset.json").read_text(encoding="utf-8"))
    root = data["root"]
    for tile, uri in zip([root, *root["children"]], uris, strict=True):
        tile["content"]["uri"] = uri
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tileset.json").write_text(json.dumps(data), encoding="utf-8")
    return folder / "tileset.json"


def _split(glb: bytes):
    """(the JSON, the BIN chunk) of a GLB."""
    json_length = struct.unpack_from("<I", glb, 12)[0]
    document = json.loads(glb[20:20 + json_length])
    bin_at = 20 + json_length
    bin_length = struct.unpack_from("<I", glb, bin_at)[0]
    return document, glb[bin_at + 8:bin_at + 8 + bin_length]


def _run(run_manifest, tileset, requirement="SC-TILE-005"):
    return run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-3d-tiles"],
                         "targets": {"tilesets": {"adapter": "file", "paths": [str(tileset.parent / "*")]}}},
                        requirements=[requirement])


def test_valid_glb_content_passes(tmp_path, run_manifest):
    folder = tmp_path / "tiles"
    tileset = _tileset(folder, ["triangle.glb"] * 3)
    shutil.copy(TRIANGLE, folder / "triangle.glb")
    assert verdicts(_run(run_manifest, tileset)) == {"SC-TILE-005": "pass"}


def test_content_over_the_validators_bound_is_inconclusive_not_failed(tmp_path, run_manifest, monkeypatch):
    from conformance.areas._shared import khronos

    folder = tmp_path / "tiles"
    tileset = _tileset(folder, ["triangle.glb"] * 3)
    shutil.copy(TRIANGLE, folder / "triangle.glb")
    monkeypatch.setattr(khronos, "MAX_INPUT_BYTES", 100)  # the triangle is larger: not handed over
    result = _run(run_manifest, tileset)
    assert verdicts(result) == {"SC-TILE-005": "inconclusive"}
    assert "safety bound" in result.report.requirements[0].message


def test_content_whose_buffer_was_not_read_is_inconclusive_not_passed(tmp_path, run_manifest):
    document, data = _split(TRIANGLE.read_bytes())
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "triangle.bin").write_bytes(data)
    document["buffers"][0]["uri"] = "../elsewhere/triangle.bin"  # outside the tileset's folder
    folder = tmp_path / "tiles"
    tileset = _tileset(folder, ["triangle.gltf"] * 3)
    (folder / "triangle.gltf").write_text(json.dumps(document), encoding="utf-8")
    result = _run(run_manifest, tileset)
    assert verdicts(result) == {"SC-TILE-005": "inconclusive"}
    assert "/buffers/0/uri" in result.report.requirements[0].message


def test_an_error_beside_an_unjudged_file_still_fails(tmp_path, run_manifest):
    document, data = _split(TRIANGLE.read_bytes())
    document["buffers"][0]["uri"] = "../elsewhere/triangle.bin"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "triangle.bin").write_bytes(data)
    folder = tmp_path / "tiles"
    tileset = _tileset(folder, ["triangle.gltf", "broken.gltf", "triangle.gltf"])
    (folder / "triangle.gltf").write_text(json.dumps(document), encoding="utf-8")
    shutil.copy(FIXTURES / "gltf-invalid" / "broken.gltf", folder / "broken.gltf")
    assert verdicts(_run(run_manifest, tileset)) == {"SC-TILE-005": "fail"}


@pytest.mark.parametrize("bound", [False, True])
def test_binary_gltf_in_a_legacy_tile_over_the_bound_is_inconclusive(tmp_path, run_manifest, monkeypatch, bound):
    import importlib.util

    from conformance.areas._shared import khronos

    spec = importlib.util.spec_from_file_location("scenes_fixtures_generate", FIXTURES / "generate.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    folder = tmp_path / "tiles"
    tileset = _tileset(folder, ["a.b3dm"] * 3)
    (folder / "a.b3dm").write_bytes(gen.legacy_tile(b"b3dm", {"BATCH_LENGTH": 0}, TRIANGLE.read_bytes()))
    if bound:
        monkeypatch.setattr(khronos, "MAX_INPUT_BYTES", 100)
    result = _run(run_manifest, tileset, "SC-TILE-009")
    assert verdicts(result) == {"SC-TILE-009": "inconclusive" if bound else "pass"}
