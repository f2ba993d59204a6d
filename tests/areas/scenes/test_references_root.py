"""Issue 62: SC-TILE-004 and a tileset reference the harness declines to follow.

A tileset of a library that names content in a sibling folder (``../_shared/triangle.glb``) is
not failed when its files are validated each as named: the reference leads outside the folder
the tileset's references may resolve in, which is the harness's boundary and no defect of the
tileset, so SC-TILE-004 is inconclusive, naming the reference and the fix (``--root``). With
the library declared as the root (``validate --root DIR``, a file target's ``root``), or the
library named by a glob, the reference resolves and is judged; content really missing inside
the root still fails, and so does an absolute path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conformance.cli import main
from tests.conftest import manifest_for, verdicts
from tests.paths import SUITES

FIXTURES = SUITES / "scenes" / "fixtures"


def library(tmp_path: Path, uri: str = "../_shared/triangle.glb") -> tuple[Path, list[Path]]:
    """``building/tileset.json`` whose first child's content is ``uri``, beside its own
    ``triangle.glb``, and ``_shared/triangle.glb``: the root and the files, each named."""
    root = tmp_path / "library"
    (root / "building").mkdir(parents=True)
    (root / "_shared").mkdir()
    tileset = json.loads((FIXTURES / "uri-escapes" / "tileset.json").read_text(encoding="utf-8"))
    tileset["root"]["children"][0]["content"]["uri"] = uri
    (root / "building" / "tileset.json").write_text(json.dumps(tileset), encoding="utf-8")
    for folder in ("building", "_shared"):
        shutil.copyfile(FIXTURES / "uri-escapes" / "triangle.glb", root / folder / "triangle.glb")
    return root, [root / "building" / "tileset.json", root / "building" / "triangle.glb",
                  root / "_shared" / "triangle.glb"]


def _run(catalog, run_manifest, paths: list[Path], root: Path | None = None,
         requirements=("SC-TILE-004",)):
    manifest = manifest_for(catalog, "scene-3d-tiles")
    target = {"adapter": "file", "paths": [str(p) for p in paths]}
    if root is not None:
        target["root"] = str(root)
    manifest["targets"]["tilesets"] = target
    result = run_manifest(manifest, requirements=list(requirements))
    return result, {r.requirement: r for r in result.report.requirements}


def test_a_reference_to_a_sibling_folder_is_inconclusive_not_failed(tmp_path, catalog, run_manifest):
    _, paths = library(tmp_path)
    result, records = _run(catalog, run_manifest, paths)
    assert verdicts(result) == {"SC-TILE-004": "inconclusive"}
    evidence = json.dumps(records["SC-TILE-004"].evidence, ensure_ascii=False)
    assert "../_shared/triangle.glb" in evidence and "--root" in evidence  # the reason and the fix
    assert "outside-root" in evidence and '"finding"' not in evidence


def test_with_the_library_as_root_the_sibling_reference_resolves(tmp_path, catalog, run_manifest):
    root, paths = library(tmp_path)
    result, records = _run(catalog, run_manifest, paths, root=root, requirements=("SC-TILE-004", "SC-TILE-005"))
    assert verdicts(result) == {"SC-TILE-004": "pass", "SC-TILE-005": "pass"}
    assert "3 relative URI(s) resolved" in json.dumps(records["SC-TILE-004"].evidence)


def test_a_library_named_by_a_glob_is_its_own_root(tmp_path, catalog, run_manifest):
    root, _ = library(tmp_path)
    result, _ = _run(catalog, run_manifest, [root / "**" / "*"])
    assert verdicts(result) == {"SC-TILE-004": "pass"}


def test_content_missing_inside_the_root_still_fails(tmp_path, catalog, run_manifest):
    root, paths = library(tmp_path, uri="../_shared/missing.glb")
    result, records = _run(catalog, run_manifest, paths, root=root)
    assert verdicts(result) == {"SC-TILE-004": "fail"}
    assert "names no file" in records["SC-TILE-004"].message


def test_an_absolute_path_still_fails(tmp_path, catalog, run_manifest):
    root, paths = library(tmp_path, uri="/triangle.glb")
    result, records = _run(catalog, run_manifest, paths, root=root)
    assert verdicts(result) == {"SC-TILE-004": "fail"}
    assert "not a relative path" in records["SC-TILE-004"].message


def test_a_failing_tileset_beside_a_declined_one_fails_the_set(tmp_path, catalog, run_manifest):
    _, paths = library(tmp_path)
    broken, _ = library(tmp_path / "other", uri="gone.glb")
    result, _ = _run(catalog, run_manifest, [*paths, broken / "building" / "tileset.json",
                                             broken / "building" / "triangle.glb"])
    assert verdicts(result) == {"SC-TILE-004": "fail"}


def _validate(tmp_path: Path, *args: str) -> dict[str, str]:
    out = tmp_path / "out"
    code = main(["validate", "--profile", "scene-3d-tiles", "--format", "json", "--no-progress", "-q",
                 "--out", str(out), *args])
    assert code in (0, 1, 3), code
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {r["requirement"]: r["verdict"] for r in report["requirements"]}


def test_validate_the_files_as_a_user_would_and_with_root(tmp_path):
    root, paths = library(tmp_path)
    alone = _validate(tmp_path / "alone", *map(str, paths))
    assert alone["SC-TILE-004"] == "inconclusive"
    rooted = _validate(tmp_path / "rooted", "--root", str(root), *map(str, paths))
    assert rooted["SC-TILE-004"] == "pass"
