"""The delegation to the CesiumGS 3d-tiles-validator (conformance.areas.scenes.cesium): where it
is missing the answer names the install command; where a package is there its reports are read
per file; the requirement's verdict follows the report. A stand-in package (a few lines of
JavaScript answering as the validator's ValidationResult.toJson does) drives the plumbing; the
real validator is exercised by tests/areas/scenes/test_fidelity.py's recorded verdicts and, where it
is installed, by SC-TILE-006's known-bad case."""

from __future__ import annotations

import json

import pytest
import yaml

from conformance.areas._shared import khronos
from conformance.areas.scenes import cesium
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "scenes" / "fixtures"
STAND_IN = """
exports.Validators = { validateTilesetFile: async (file) => {
  if (require("fs").readFileSync(file, "utf8").includes("THROW")) throw new Error("internal validator failure");
  const bad = require("fs").readFileSync(file, "utf8").includes("schemaUri");
  const issues = bad ? [{type: "IO_ERROR", path: "/schemaUri", message: "cannot resolve", severity: "ERROR"}]
                     : [{type: "TILE_GEOMETRIC_ERRORS_INCONSISTENT", path: "/root", message: "w", severity: "WARNING"}];
  return { toJson: () => ({date: "d", numErrors: bad ? 1 : 0, numWarnings: bad ? 0 : 1, numInfos: 0, issues}) };
} };
"""


@pytest.fixture
def stand_in(tmp_path, monkeypatch):
    try:
        khronos.node_executable()
    except khronos.Unavailable:
        pytest.skip("no Node.js")
    package = tmp_path / "3d-tiles-validator"
    package.mkdir()
    (package / "package.json").write_text(json.dumps({"name": "3d-tiles-validator", "version": cesium.PIN["version"],
                                                      "main": "index.js"}), encoding="utf-8")
    (package / "index.js").write_text(STAND_IN, encoding="utf-8")
    monkeypatch.setenv(cesium.ENV, str(package))
    cesium._cache.clear()
    yield package
    cesium._cache.clear()


def test_a_missing_validator_names_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setenv(cesium.ENV, str(tmp_path / "nowhere"))
    with pytest.raises(cesium.NotInstalled) as raised:
        cesium.validate([FIXTURES / "content-outside-tile" / "tileset.json"], FIXTURES)
    text = str(raised.value.args[0])
    assert cesium.install_command() in text and cesium.PIN["version"] in text


def test_reports_are_read_per_file(stand_in):
    good, bad = FIXTURES / "uri-unresolved" / "tileset.json", FIXTURES / "schema-uri-unresolved" / "tileset.json"
    reports = cesium.validate([good, bad], FIXTURES)
    assert cesium.error_count(reports[good]) == 0 and cesium.error_count(reports[bad]) == 1
    assert [i["type"] for i in cesium.issues(reports[bad], "ERROR")] == ["IO_ERROR"]
    assert cesium.version() == cesium.PIN["version"]


def test_another_version_than_the_pin_is_not_used(stand_in):
    """A copy of another version is found but not run: its verdicts are not the pinned ones."""
    (stand_in / "package.json").write_text(json.dumps({"name": "3d-tiles-validator", "version": "0.6.1",
                                                       "main": "index.js"}), encoding="utf-8")
    with pytest.raises(cesium.NotInstalled) as raised:
        cesium.validate([FIXTURES / "uri-unresolved" / "tileset.json"], FIXTURES)
    text = str(raised.value.args[0])
    assert "0.6.1" in text and f"pinned {cesium.PIN['version']}" in text and str(stand_in) in text


def test_the_pin_names_a_published_release_and_its_tag():
    """The pin is a version with a release tag and commit (docs/scenes.md says how it was chosen)."""
    assert cesium.PIN["tag"] == f"v{cesium.PIN['version']}"
    assert len(cesium.PIN["commit"]) == 40 and cesium.PIN["version"] in cesium.install_command()


def test_a_package_that_does_not_load_is_an_error_not_a_pass(stand_in):
    (stand_in / "index.js").write_text("throw new Error('broken build')", encoding="utf-8")
    with pytest.raises(cesium.Failed) as raised:
        cesium.validate([FIXTURES / "uri-unresolved" / "tileset.json"], FIXTURES)
    assert "broken build" in str(raised.value.args[0])


@pytest.mark.parametrize(("fixture", "verdict"), [("schema-uri-unresolved", "fail"), ("uri-unresolved", "pass"),
                                                ("uri-escapes", "inconclusive")])
def test_the_requirement_follows_the_validator(stand_in, tmp_path, fixture, verdict):
    assert _judged(tmp_path, fixture, "whole-specification").verdict.value == verdict


def _judged(tmp_path, fixture, feature):
    """SC-TILE-006 as a run of scene-3d-tiles claiming ``feature`` judges it (a run of the whole
    profile where the feature is another: a requirement not selected cannot be asked for)."""
    from conformance._run.engine import run

    tmp_path.mkdir(exist_ok=True)
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "t", "version": "1"}, "profiles": [{"id": "scene-3d-tiles", "features": [feature]}],
        "targets": {"tilesets": {"adapter": "file", "paths": [str(FIXTURES / fixture / "tileset.json")]}}}))
    only = ["SC-TILE-006"] if feature == "whole-specification" else []
    result = run(manifest, requirements=only, out_dir=tmp_path / "out", formats=["json"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-TILE-006"]
    if judged.verdict.value == "fail":
        assert any(item.get("check") == "IO_ERROR" for item in judged.evidence)
    return judged


def test_the_validator_is_a_feature_a_run_opts_into(tmp_path, monkeypatch):
    """Issue 46: where the whole-specification feature is not claimed SC-TILE-006 does not apply
    (saying so), whether the validator is there or not; claimed without it, it is inconclusive,
    naming how to install it."""
    monkeypatch.setenv(cesium.ENV, str(tmp_path / "nowhere"))
    cesium._cache.clear()
    try:
        unclaimed = _judged(tmp_path / "a", "uri-unresolved", "georeferenced")
        claimed = _judged(tmp_path / "b", "uri-unresolved", "whole-specification")
    finally:
        cesium._cache.clear()
    assert unclaimed.verdict.value == "not_applicable"
    assert "whole-specification" in unclaimed.message
    assert claimed.verdict.value == "inconclusive" and cesium.install_command() in claimed.message


def test_a_read_the_permission_model_denied_makes_the_report_refused(stand_in):
    """A denial the runner's guard did not record (an fs call it does not wrap) still shows in
    the validator's report as Node.js's ERR_ACCESS_DENIED: the report is a refusal, not a verdict."""
    (stand_in / "index.js").write_text("""
exports.Validators = { validateTilesetFile: async () => ({ toJson: () => ({numErrors: 1, issues: [
  {type: "IO_ERROR", path: "", message: "Error: Access to this API has been restricted (ERR_ACCESS_DENIED)",
   severity: "ERROR"}]}) }) };""", encoding="utf-8")
    good = FIXTURES / "uri-unresolved" / "tileset.json"
    report = cesium.validate([good], FIXTURES)[good]
    assert report["refused"] and "permission model" in str(report["refused"][0])


def test_a_file_the_validator_throws_on_is_unjudged_not_failed(stand_in, tmp_path):
    """Issue 59: a validator that throws (or gives no report) observed nothing of the tileset:
    SC-TILE-006 is inconclusive, naming it, never a fail of the product."""
    from conformance._run.engine import run

    data = json.loads((FIXTURES / "uri-unresolved" / "tileset.json").read_text(encoding="utf-8"))
    data["extras"] = {"note": "THROW"}
    folder = tmp_path / "throws"
    folder.mkdir()
    (folder / "tileset.json").write_text(json.dumps(data), encoding="utf-8")
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "t", "version": "1"},
        "profiles": [{"id": "scene-3d-tiles", "features": ["whole-specification"]}],
        "targets": {"tilesets": {"adapter": "file", "paths": [str(folder / "tileset.json")]}}}))
    result = run(manifest, requirements=["SC-TILE-006"], out_dir=tmp_path / "out", formats=["json"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-TILE-006"]
    assert judged.verdict.value == "inconclusive"
    assert "internal validator failure" in judged.message
