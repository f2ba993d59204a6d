"""Issue 62: a reference the harness declines to follow is no defect of the file.

An OpenUSD layer of an asset library that references a sibling folder (``../_common/axis.usda``)
is not failed when validated alone: AS-USD-001 is inconclusive, naming the reason and the fix
(``--root``). With the library declared as the root (``validate --root DIR``, a file target's
``root``) the reference resolves and the stage is judged; a layer really missing inside the
root still fails. The layers are small hand-written usda text in a temporary library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.areas._shared import openusd
from conformance.cli import main
from tests.conftest import manifest_for, verdicts

needs_usd = pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)")

HEADER = '#usda 1.0\n(\n    defaultPrim = "{prim}"\n    metersPerUnit = 1\n    upAxis = "Y"\n{extra})\n\n'
AXIS = HEADER.format(prim="Axis", extra="") + 'def Xform "Axis"\n{\n    double3 xformOp:translate = (0, 1, 0)\n' \
    '    uniform token[] xformOpOrder = ["xformOp:translate"]\n}\n'


def chair(reference: str) -> str:
    return HEADER.format(prim="Chair", extra="") + (
        f'def Xform "Chair" (\n    kind = "component"\n    references = @{reference}@\n)\n{{\n}}\n')


def library(tmp_path: Path, reference: str = "../_common/axis.usda") -> tuple[Path, Path]:
    """An asset library: ``_common/axis.usda`` shared, ``chair/chair.usda`` referencing it."""
    root = tmp_path / "library"
    (root / "_common").mkdir(parents=True)
    (root / "chair").mkdir()
    (root / "_common" / "axis.usda").write_text(AXIS, encoding="utf-8")
    layer = root / "chair" / "chair.usda"
    layer.write_text(chair(reference), encoding="utf-8")
    return root, layer


def _run(catalog, run_manifest, layer: Path, root: Path | None = None, requirements=("AS-USD-001",)):
    manifest = manifest_for(catalog, "asset-usd")
    target = {"adapter": "file", "paths": [str(layer)]}
    if root is not None:
        target["root"] = str(root)
    manifest["targets"]["usd_assets"] = target
    result = run_manifest(manifest, requirements=list(requirements))
    return result, {r.requirement: r for r in result.report.requirements}


@needs_usd
def test_a_reference_to_a_sibling_folder_is_inconclusive_not_failed(tmp_path, catalog, run_manifest):
    _, layer = library(tmp_path)
    result, records = _run(catalog, run_manifest, layer, requirements=("AS-USD-001", "AS-USD-002", "AS-USD-010"))
    assert verdicts(result) == {"AS-USD-001": "inconclusive", "AS-USD-002": "inconclusive",
                                "AS-USD-010": "inconclusive"}
    message = records["AS-USD-001"].message
    assert "../_common/axis.usda" in message and "--root" in message  # the reason and the fix


@needs_usd
def test_with_the_library_as_root_the_sibling_reference_resolves(tmp_path, catalog, run_manifest):
    root, layer = library(tmp_path)
    result, _ = _run(catalog, run_manifest, layer, root=root, requirements=("AS-USD-001", "AS-USD-002"))
    assert verdicts(result) == {"AS-USD-001": "pass", "AS-USD-002": "pass"}


@needs_usd
def test_a_layer_missing_inside_the_root_still_fails(tmp_path, catalog, run_manifest):
    root, layer = library(tmp_path, reference="../_common/missing.usda")
    result, records = _run(catalog, run_manifest, layer, root=root)
    assert verdicts(result) == {"AS-USD-001": "fail"}
    assert "MissingReferenceValidator" in json.dumps(records["AS-USD-001"].evidence)


@needs_usd
def test_a_uri_no_resolver_serves_is_a_missing_reference(tmp_path, catalog, run_manifest):
    # usd-core registers no resolver for https: OpenUSD reads the path as a relative one and
    # UsdValidation reports a missing reference (AS-USD-001 1.4; it was declined before)
    root, layer = library(tmp_path, reference="https://example.org/axis.usda")
    result, records = _run(catalog, run_manifest, layer, root=root)
    assert verdicts(result) == {"AS-USD-001": "fail"}
    assert "MissingReferenceValidator" in json.dumps(records["AS-USD-001"].evidence)


@needs_usd
def test_a_failing_file_beside_a_declined_one_fails_the_set(tmp_path, catalog, run_manifest):
    root, layer = library(tmp_path)
    broken = root / "broken.usda"
    broken.write_text(chair("./gone.usda"), encoding="utf-8")
    manifest = manifest_for(catalog, "asset-usd")
    manifest["targets"]["usd_assets"] = {"adapter": "file", "paths": [str(layer), str(broken)]}
    result = run_manifest(manifest, requirements=["AS-USD-001"])
    assert verdicts(result) == {"AS-USD-001": "fail"}
    evidence = json.dumps(result.report.requirements[0].evidence)
    assert "not judged" in evidence  # the declined file is said so beside the failure


def _validate(tmp_path: Path, *args: str) -> tuple[int, dict[str, str]]:
    out = tmp_path / "out"
    code = main(["validate", "--profile", "asset-usd", "--format", "json", "--no-progress", "-q",
                 "--out", str(out), *args])
    if code == 2:
        return code, {}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return code, {r["requirement"]: r["verdict"] for r in report["requirements"]}


@needs_usd
def test_validate_one_file_as_a_user_would_and_with_root(tmp_path):
    root, layer = library(tmp_path)
    _, alone = _validate(tmp_path / "alone", str(layer))
    assert alone["AS-USD-001"] == "inconclusive"
    assert "fail" not in {alone[r] for r in ("AS-USD-001", "AS-USD-002", "AS-USD-003", "AS-USD-009")}
    _, rooted = _validate(tmp_path / "rooted", "--root", str(root), str(layer))
    assert rooted["AS-USD-001"] == "pass"


@needs_usd
@pytest.mark.parametrize("case", ["not-a-folder", "file-outside"])
def test_a_bad_root_is_bad_input(tmp_path, capsys, case):
    root, layer = library(tmp_path)
    given = root / "nowhere" if case == "not-a-folder" else root / "chair" / "deeper"
    if case == "file-outside":
        given.mkdir()
    code, _ = _validate(tmp_path, "--root", str(given), str(layer))
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--root" in err[0]


@needs_usd
def test_a_manifest_root_that_does_not_hold_its_files_is_bad_input(tmp_path, catalog, run_manifest):
    from conformance import HarnessInputError

    root, layer = library(tmp_path)
    with pytest.raises(HarnessInputError, match="not inside the root"):
        _run(catalog, run_manifest, layer, root=root / "_common")


# --- glTF: an external buffer in a sibling folder of the library (the Khronos validator) ---

def gltf_library(tmp_path: Path) -> tuple[Path, Path]:
    """``_common/triangle.bin`` shared, ``triangle/triangle.gltf`` naming it as ``../_common/``."""
    import base64

    sample = Path(openusd.HERE.parents[1] / "reference" / "samples" / "models" / "triangle.gltf")
    model = json.loads(sample.read_text(encoding="utf-8"))
    data = base64.b64decode(model["buffers"][0]["uri"].split(",", 1)[1])
    root = tmp_path / "library"
    (root / "_common").mkdir(parents=True)
    (root / "triangle").mkdir()
    (root / "_common" / "triangle.bin").write_bytes(data)
    model["buffers"][0]["uri"] = "../_common/triangle.bin"
    path = root / "triangle" / "triangle.gltf"
    path.write_text(json.dumps(model), encoding="utf-8")
    return root, path


@pytest.mark.parametrize("rooted", [False, True])
def test_a_gltf_buffer_in_a_sibling_folder_is_inconclusive_alone_and_judged_under_root(
        tmp_path, catalog, run_manifest, rooted):
    root, path = gltf_library(tmp_path)
    manifest = manifest_for(catalog, "asset-3d-content")
    manifest["targets"]["models"] = {"adapter": "file", "paths": [str(path)], **({"root": str(root)} if rooted else {})}
    result = run_manifest(manifest, requirements=["AS-GLTF-001", "AS-GLTF-002"])
    if rooted:
        assert verdicts(result) == {"AS-GLTF-001": "pass", "AS-GLTF-002": "pass"}
    else:
        assert verdicts(result) == {"AS-GLTF-001": "inconclusive", "AS-GLTF-002": "inconclusive"}
        message = result.report.requirements[0].message
        assert "/buffers/0/uri" in message and "--root" in message


def test_a_model_over_the_validators_bound_is_inconclusive_not_failed(tmp_path, catalog, run_manifest, monkeypatch):
    from conformance.areas._shared import khronos

    _, path = gltf_library(tmp_path)
    monkeypatch.setattr(khronos, "MAX_INPUT_BYTES", 100)  # the sample is larger: not handed over
    manifest = manifest_for(catalog, "asset-3d-content")
    manifest["targets"]["models"] = {"adapter": "file", "paths": [str(path)]}
    result = run_manifest(manifest, requirements=["AS-GLTF-001", "AS-GLTF-002"])
    assert verdicts(result) == {"AS-GLTF-001": "inconclusive", "AS-GLTF-002": "inconclusive"}
    assert "safety bound" in result.report.requirements[0].message
