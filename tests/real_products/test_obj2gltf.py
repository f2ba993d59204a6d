"""obj2gltf (CesiumGS's OBJ to glTF converter, on npm), run as its README runs it
(``obj2gltf -i model.obj -o model.glb``) on a small model the test writes: a textured crate as
an OBJ with its MTL and PNG, the way a modelling tool exports one (Phong values: ``Ks 0.1``,
``Ns 10``). A vendor converts it the four ways the converter offers (binary; separate .gltf,
.bin and .png; and the two modes in which the MTL's values are taken as PBR values as they are)
and describes the folder in one manifest claiming asset-3d-content. The verdict of every
requirement the profile selects is written down below with the evidence that decides it and the
clause it rests on (docs/real-products.md, "obj2gltf"). The pinned version is
tests/real_products/obj2gltf/package-lock.json's."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.real_products.products import INSTALLED, Run, differences, installed, run_harness

pytestmark = [pytest.mark.real_products, pytest.mark.slow]

PRODUCT = {"name": "obj2gltf", "version": "3.2.0", "vendor": "CesiumGS"}

#: a unit cube of six textured quads (12 triangles; 24 distinct position/uv/normal corners), one
#: material, as a modelling tool writes it
OBJ = """mtllib crate.mtl
o crate
v 0 0 0
v 1 0 0
v 1 1 0
v 0 1 0
v 0 0 1
v 1 0 1
v 1 1 1
v 0 1 1
vt 0 0
vt 1 0
vt 1 1
vt 0 1
vn 0 0 -1
vn 0 0 1
vn 0 -1 0
vn 0 1 0
vn -1 0 0
vn 1 0 0
usemtl wood
f 1/1/1 4/4/1 3/3/1 2/2/1
f 5/1/2 6/2/2 7/3/2 8/4/2
f 1/1/3 2/2/3 6/3/3 5/4/3
f 4/1/4 8/2/4 7/3/4 3/4/4
f 1/1/5 5/2/5 8/3/5 4/4/5
f 2/1/6 3/2/6 7/3/6 6/4/6
"""
#: Phong values, as most MTL files carry them: Ns is a specular exponent (0 to 1000), not a 0..1 factor
MTL = "newmtl wood\nKd 0.8 0.6 0.4\nKs 0.1 0.1 0.1\nNs 10\nmap_Kd crate.png\n"

#: output file -> the converter's options that made it (its README's and --help's)
CONVERSIONS: dict[str, list[str]] = {
    "crate.glb": [],                                         # binary, Phong converted to metallic-roughness
    "crate.gltf": ["--separate"],                            # .gltf with crate.bin and crate.png beside it
    "crate-metallic-roughness.glb": ["--metallicRoughness"],  # "the values in the .mtl are already PBR values"
    "crate-specular-glossiness.glb": ["--specularGlossiness"],
}

#: requirement -> (verdict, why): the evidence that decides it and the clause it rests on
EXPECTED: dict[str, tuple[str, str]] = {
    "AS-GLTF-001": ("fail", "--metallicRoughness writes the MTL's Ns 10 as pbrMetallicRoughness.roughnessFactor 10 "
                            "and --specularGlossiness as KHR_materials_pbrSpecularGlossiness.glossinessFactor 10; both "
                            "are bounded to [0, 1] (glTF 2.0's properties reference, material.pbrMetallicRoughness; "
                            "the extension's schema): the validator's VALUE_NOT_IN_RANGE error. obj2gltf takes the values as they "
                            "are without checking them. The default conversion and --separate are valid"),
    "AS-GLTF-002": ("pass", "no warning from the glTF-Validator on any of the four files"),
    "AS-GLTF-003": ("pass", "each file is one primitive of 12 triangles and 24 vertices, a few kilobytes"),
    "AS-VRM-001": ("not_applicable", "feature vrm-avatars not claimed (the files are no avatars)"),
}

#: the two findings of AS-GLTF-001: (file, JSON pointer), each the validator's VALUE_NOT_IN_RANGE
OUT_OF_RANGE = {
    ("models/crate-metallic-roughness.glb", "/materials/0/pbrMetallicRoughness/roughnessFactor"),
    ("models/crate-specular-glossiness.glb",
     "/materials/0/extensions/KHR_materials_pbrSpecularGlossiness/glossinessFactor"),
}


def _png(size: int = 8) -> bytes:
    """An 8x8 RGB checkerboard PNG (the crate's texture), written with zlib alone."""
    rows = b"".join(b"\x00" + b"".join(bytes([(x + y) % 2 * 255] * 3) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _glb_json(path: Path) -> dict[str, Any]:
    """The JSON chunk of a GLB (glTF 2.0 4.4: a 12-byte header, then the JSON chunk first)."""
    data = path.read_bytes()
    length, kind = struct.unpack_from("<II", data, 12)
    assert kind == 0x4E4F534A, path  # "JSON"
    loaded: dict[str, Any] = json.loads(data[20:20 + length])
    return loaded


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The vendor's folder: source/ as exported, models/ as obj2gltf converted it."""
    if not (INSTALLED / "obj2gltf" / "installed").is_file():
        installed("obj2gltf", "node")  # skips with the install script's reason
    converter = INSTALLED / "obj2gltf" / "node_modules" / "obj2gltf" / "bin" / "obj2gltf.js"
    root = tmp_path_factory.mktemp("obj2gltf")
    source, models = root / "source", root / "models"
    source.mkdir()
    models.mkdir()
    (source / "crate.obj").write_text(OBJ, encoding="ascii")
    (source / "crate.mtl").write_text(MTL, encoding="ascii")
    (source / "crate.png").write_bytes(_png())
    for output, options in CONVERSIONS.items():
        done = subprocess.run(["node", str(converter), "-i", str(source / "crate.obj"), "-o", str(models / output),
                               *options], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and (models / output).is_file(), done.stdout + done.stderr
    return root


def manifest(**parameters: int) -> dict[str, Any]:
    claim: dict[str, Any] = {"id": "asset-3d-content"}
    if parameters:
        claim["parameters"] = parameters
    return {"product": PRODUCT, "profiles": [claim],
            "targets": {"models": {"adapter": "file", "paths": ["models/*.glb", "models/*.gltf"]}}}


@pytest.fixture(scope="module")
def run(folder: Path) -> Run:
    """One run of the harness on the converted folder, for every test here."""
    return run_harness(manifest(), folder, {})


def _findings(run: Run, requirement: str) -> list[dict[str, Any]]:
    entry = next(e for e in run.report["requirements"] if e["requirement"] == requirement)
    return [item for item in entry["evidence"] if item.get("kind") == "finding"]


def test_every_verdict_is_the_one_written_down(run: Run):
    assert not differences(EXPECTED, run), "\n".join(differences(EXPECTED, run))
    assert run.returncode == 1, run.console  # not conformant: the fails are the product's
    findings = _findings(run, "AS-GLTF-001")
    assert {(f["file"], f["pointer"]) for f in findings} == OUT_OF_RANGE, findings
    assert all(f.get("check") == "VALUE_NOT_IN_RANGE" and "Value 10 " in f["message"] for f in findings), findings
    assert "validated 4 file(s)" in run.evidence("AS-GLTF-001")


def test_the_findings_are_what_the_files_hold(folder: Path):
    """Read without the validator: the two factors are 10, the MTL's Ns as it was; the default
    conversion's are inside [0, 1]."""
    models = folder / "models"
    rough = _glb_json(models / "crate-metallic-roughness.glb")["materials"][0]["pbrMetallicRoughness"]
    glossy = _glb_json(models / "crate-specular-glossiness.glb")["materials"][0]["extensions"]
    assert rough["roughnessFactor"] == 10, rough
    assert glossy["KHR_materials_pbrSpecularGlossiness"]["glossinessFactor"] == 10, glossy
    for name in ("crate.glb", "crate.gltf"):
        document = _glb_json(models / name) if name.endswith(".glb") else json.loads((models / name).read_text())
        factors = document["materials"][0]["pbrMetallicRoughness"]
        assert all(0 <= factors[k] <= 1 for k in ("metallicFactor", "roughnessFactor") if k in factors), factors
    assert (models / "crate.bin").is_file() and (models / "crate.png").is_file()  # --separate's files


def test_the_budget_counts_are_the_models(folder: Path, tmp_path: Path):
    """AS-GLTF-003 counts what the converter wrote: each file draws one primitive of 12 triangles
    (six quads) and 24 vertices (each corner's position, uv and normal), so a manifest lowering the
    budgets to 11 triangles and 23 vertices fails each file on both, naming those counts, and one
    draw call is within budget."""
    shutil.copytree(folder / "models", tmp_path / "models")
    lowered = run_harness(manifest(max_triangles=11, max_vertices=23, max_draw_calls=1), tmp_path, {})
    assert lowered.verdicts["AS-GLTF-003"] == "fail", lowered.console
    seen = {(f["file"], f["text"]["args"]["parameter"], f["actual"]) for f in _findings(lowered, "AS-GLTF-003")}
    assert seen == {(f"models/{name}", parameter, count) for name in CONVERSIONS
                    for parameter, count in (("max_triangles", 12), ("max_vertices", 24))}, seen
