"""trimesh (on PyPI), the Python library for triangular meshes, exporting glTF 2.0 with its own API
(tests/real_products/trimesh_driver.py, run by trimesh's own interpreter in its venv): a
vertex-coloured crate, a sign textured with a 5x3 RGBA image, and a yard of both plus three
instances of one sphere, as .glb and as a .gltf with its buffers beside it. A vendor describes the
folder in one manifest claiming asset-3d-content. The verdict of every requirement the profile
selects is written down below with the evidence that decides it (docs/real-products.md,
"trimesh"); the budget counts are compared with trimesh's own count of what each file draws.
The pinned versions are scripts/install-real-products.sh's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.real_products.products import Run, differences, installed, run_harness

pytestmark = [pytest.mark.real_products, pytest.mark.slow]

PRODUCT = {"name": "trimesh", "version": "5.2.0", "vendor": "trimesh contributors"}
DRIVER = Path(__file__).parent / "trimesh_driver.py"
FILES = ("crate.glb", "sign.glb", "yard.glb", "model.gltf")

#: requirement -> (verdict, why): the evidence that decides it and the clause it rests on
EXPECTED: dict[str, tuple[str, str]] = {
    "AS-GLTF-001": ("pass", "the glTF-Validator reports no error on the four files (glTF 2.0 3, 4)"),
    "AS-GLTF-002": ("pass", "no warning; its hints (BUFFER_VIEW_TARGET_MISSING: trimesh sets no bufferView.target) "
                            "and its info on the sign's 5x3 image (IMAGE_NPOT_DIMENSIONS) are notes, as the "
                            "requirement's notes say"),
    "AS-GLTF-003": ("pass", "at most 974 triangles, 498 vertices and 5 draw calls a file, a few kilobytes"),
    "AS-VRM-001": ("not_applicable", "feature vrm-avatars not claimed (the files are no avatars)"),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, int]]]:
    """The vendor's folder (models/ as trimesh wrote it) and trimesh's own count of each file."""
    python = installed("trimesh", "python")
    root = tmp_path_factory.mktemp("trimesh")
    (root / "models").mkdir()
    done = subprocess.run([str(python), str(DRIVER), str(root / "models")], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    counted: dict[str, dict[str, int]] = json.loads(done.stdout)
    assert sorted(counted) == sorted(FILES), counted
    return root, counted


def manifest(**parameters: int) -> dict[str, Any]:
    claim: dict[str, Any] = {"id": "asset-3d-content"}
    if parameters:
        claim["parameters"] = parameters
    return {"product": PRODUCT, "profiles": [claim],
            "targets": {"models": {"adapter": "file", "paths": ["models/*.glb", "models/*.gltf"]}}}


@pytest.fixture(scope="module")
def run(exported: tuple[Path, dict[str, dict[str, int]]]) -> Run:
    return run_harness(manifest(), exported[0], {})


def _items(run: Run, requirement: str, kind: str) -> list[dict[str, Any]]:
    entry = next(e for e in run.report["requirements"] if e["requirement"] == requirement)
    return [item for item in entry["evidence"] if item.get("kind") == kind]


def test_every_verdict_is_the_one_written_down(run: Run):
    assert not differences(EXPECTED, run), "\n".join(differences(EXPECTED, run))
    assert run.returncode == 0, run.console  # conformant
    notes = _items(run, "AS-GLTF-002", "note")
    codes = {(n.get("file"), n["text"]["args"].get("code")) for n in notes if "code" in n["text"]["args"]}
    assert ("models/sign.glb", "IMAGE_NPOT_DIMENSIONS") in codes, codes
    assert {f"models/{name}" for name in FILES} <= {f for f, code in codes if code == "BUFFER_VIEW_TARGET_MISSING"}
    assert "validated 4 file(s)" in run.evidence("AS-GLTF-001")


def test_the_budget_counts_are_trimeshs_own(exported: tuple[Path, dict[str, dict[str, int]]], tmp_path: Path):
    """With every budget lowered to 1 in the manifest, AS-GLTF-003 fails each file on triangles and
    vertices, and the yard on draw calls, each count the one trimesh gives for what its nodes draw
    (the sphere three nodes draw counts three times: trimesh writes a mesh for each node, the three
    sharing one POSITION accessor)."""
    folder, counted = exported
    shutil.copytree(folder / "models", tmp_path / "models")
    lowered = run_harness(manifest(max_triangles=1, max_vertices=1, max_draw_calls=1), tmp_path, {})
    assert lowered.verdicts["AS-GLTF-003"] == "fail", lowered.console
    seen = {(f["file"], f["text"]["args"]["parameter"], f["actual"]) for f in _items(lowered, "AS-GLTF-003", "finding")}
    want = {(f"models/{name}", f"max_{what}", count) for name, own in counted.items() for what, count in own.items()
            if count > 1}
    assert seen == want, (seen, want)
