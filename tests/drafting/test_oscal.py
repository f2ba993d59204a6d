"""Every OSCAL document the harness exports (the catalog, each profile, a certification
plan's assessment plan, a run's assessment plan and assessment results) validates with
jsonschema against NIST's released schema (tests/corpora/oscal/SOURCES.md) and loads in
compliance-trestle's OSCAL models; a broken copy fails both. Findings target the objectives
the catalog declares, and the results import the plan."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from trestle.oscal.assessment_plan import AssessmentPlan
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog as TrestleCatalog
from trestle.oscal.profile import Profile as TrestleProfile

from conformance.certification.plans import load_plan
from conformance.cli import main
from conformance.drafting.facts import ordered
from conformance.drafting.oscal import oscal_catalog, oscal_profile
from conformance.drafting.oscal_assessment import terms_of_plan, terms_of_report
from tests.paths import ROOT

CORPUS = ROOT / "tests" / "corpora" / "oscal"
SCHEMA = CORPUS / "oscal_complete_schema.json"
#: the OSCAL model of each document kind, as compliance-trestle reads it
TRESTLE = {"catalog": TrestleCatalog, "profile": TrestleProfile, "assessment-plan": AssessmentPlan,
           "assessment-results": AssessmentResults}


@pytest.fixture(scope="module")
def validator():
    # NIST's patterns use \p{L} and \p{N}, which Python's re lacks: the same classes, spelt for re.
    text = SCHEMA.read_text(encoding="utf-8").replace("\\\\p{L}", "[^\\\\W\\\\d_]").replace("\\\\p{N}", "\\\\d")
    return jsonschema.Draft7Validator(json.loads(text), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def exported(catalog, tmp_path_factory) -> Path:
    """`catalog export --oscal --plan` and `report export --oscal` of the sample report."""
    out = tmp_path_factory.mktemp("oscal")
    plan = (ROOT / "examples" / "certification" / "plan.yaml").read_text(encoding="utf-8")
    plan = re.sub(r"(?m)^catalog_digest: .*$", f"catalog_digest: {catalog.digest}", plan)
    (out / "plan.yaml").write_text(plan, encoding="utf-8")
    assert main(["catalog", "export", "--oscal", "--out", str(out / "export"), "--plan", str(out / "plan.yaml")]) == 0
    (out / "run").mkdir()
    shutil.copy(ROOT / "reports" / "sample" / "report.json", out / "run" / "report.json")
    assert main(["report", "export", str(out / "run"), "--oscal"]) == 0
    return out


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if p.name != "report.json")


def _errors(validator, document) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(document)]


def _trestle_loads(path: Path) -> str:
    """The kind of the document compliance-trestle read (it raises on an invalid one)."""
    [kind] = json.loads(path.read_text(encoding="utf-8"))
    assert TRESTLE[kind].oscal_read(path) is not None
    return kind


def test_the_schema_is_the_release_tags_file():
    digest = hashlib.sha256(SCHEMA.read_bytes()).hexdigest()
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert f"`{digest}`" in sources and "`v1.0.6`" in sources
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["$id"].endswith("/1.0.6/oscal-complete-schema.json")


def test_every_exported_document_validates_and_loads_in_trestle(catalog, exported, validator):
    documents = _documents(exported)
    kinds = {}
    for path in documents:
        assert _errors(validator, json.loads(path.read_text(encoding="utf-8"))) == [], path
        kinds[path.relative_to(exported).as_posix()] = _trestle_loads(path)
    assert sorted(set(kinds.values())) == sorted(TRESTLE)
    assert list(kinds.values()).count("profile") == len(catalog.profiles)
    assert kinds["export/assessment-plans/example-terminal-round-1.json"] == "assessment-plan"


@pytest.mark.parametrize("kind", sorted(TRESTLE))
def test_a_broken_copy_fails_the_schema_and_trestle(exported, validator, kind, tmp_path):
    path = next(p for p in _documents(exported) if next(iter(json.loads(p.read_text(encoding="utf-8")))) == kind)
    document = json.loads(path.read_text(encoding="utf-8"))
    broken = copy.deepcopy(document)
    del broken[kind]["metadata"]["title"]
    assert _errors(validator, broken)
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(Exception, match="title"):
        _trestle_loads(tmp_path / "broken.json")


def test_the_results_import_the_plan_and_findings_target_its_objectives(catalog, exported):
    run = exported / "run"
    results = json.loads((run / "oscal-assessment-results.json").read_text(encoding="utf-8"))["assessment-results"]
    href = results["import-ap"]["href"]
    assert href == "oscal-assessment-plan.json" and (run / href).is_file()  # an assessment plan, not report.json
    plan = json.loads((run / href).read_text(encoding="utf-8"))["assessment-plan"]
    planned = {o["objective-id"] for s in plan["reviewed-controls"]["control-objective-selections"]
               for o in s["include-objectives"]}
    exported_catalog = json.loads((exported / "export" / "catalog.json").read_text(encoding="utf-8"))
    objectives = {p["id"] for g in exported_catalog["catalog"]["groups"] for c in g["controls"]
                  for p in c["parts"] if p["name"] == "assessment-objective"}
    [result] = results["results"]
    targets = [f["target"] for f in result["findings"]]
    assert targets and all(t["type"] == "objective-id" for t in targets)
    assert {t["target-id"] for t in targets} <= planned <= objectives
    assert not {t["target-id"] for t in targets} & set(catalog.requirements)  # objectives, not control IDs
    report = json.loads((run / "report.json").read_text(encoding="utf-8"))
    states = {t["target-id"].removesuffix("_obj"): t["status"]["state"] for t in targets}
    for item in report["requirements"]:
        assert states[item["requirement"]] == {"pass": "satisfied"}.get(item["verdict"], "not-satisfied")
    metadata = results["metadata"]
    assert metadata["version"] == report["harness"]["version"]  # a version; the digest is a prop
    assert {"name": "catalog-digest", "value": report["catalog_digest"]}.items() <= {
        k: v for p in metadata["props"] if p["name"] == "catalog-digest" for k, v in p.items()}.items()


def test_a_run_under_a_plan_imports_the_plan_catalog_export_writes(catalog, exported):
    plan = load_plan(exported / "plan.yaml", catalog)
    from_plan = json.loads((exported / "export" / "assessment-plans" / f"{plan.id}.json").read_text(encoding="utf-8"))
    report = json.loads((ROOT / "reports" / "sample" / "report.json").read_text(encoding="utf-8"))
    report["certification_plan"] = plan.summary()
    assert terms_of_report(report).uuid == terms_of_plan(catalog, plan).uuid == from_plan["assessment-plan"]["uuid"]
    terms = from_plan["assessment-plan"]["terms-and-conditions"]["parts"]
    [hmd] = [p for p in terms if p["title"] == "terminal-hmd-6dof"]
    props = {(p["name"], p["value"]) for p in hmd["props"]}
    assert ("parameter", "rate_tolerance=0.03") in props and ("promoted", "TD-RATE-002") in props


def test_a_plan_pinned_to_another_catalog_stops_the_export(tmp_path, capsys):
    code = main(["catalog", "export", "--oscal", "--out", str(tmp_path / "x"),
                 "--plan", str(ROOT / "examples" / "certification" / "plan.yaml")])
    assert code == 2 and "catalog_digest" in capsys.readouterr().err
    assert not (tmp_path / "x" / "catalog.json").exists()  # nothing written


def test_catalog_controls_and_objectives(catalog, validator):
    document = oscal_catalog(catalog)
    controls = [c["id"] for g in document["catalog"]["groups"] for c in g["controls"]]
    assert controls == [r.id for r in ordered(catalog)]
    by_id = {c["id"]: c for g in document["catalog"]["groups"] for c in g["controls"]}
    for req in catalog.requirements.values():  # one objective per requirement, one sub-objective per rule
        [objective] = [p for p in by_id[req.id]["parts"] if p["name"] == "assessment-objective"]
        assert objective["id"] == f"{req.id}_obj"
        assert [p["id"] for p in objective.get("parts", [])] == [f"{req.id}_obj.{r.id}" for r in req.rules]
    assert document["catalog"]["metadata"]["version"] != catalog.digest  # a version, the digest a prop


def test_parameters_have_constraints_and_profiles_set_them(catalog, validator):
    document = oscal_catalog(catalog)
    controls = {c["id"]: c for g in document["catalog"]["groups"] for c in g["controls"]}
    [param] = controls["TD-HAND-002"]["params"]
    assert (param["id"], param["label"], param["values"]) == ("td-hand-002_prm_bone_tolerance_m", "bone_tolerance_m",
                                                             ["0.005"])
    [test] = param["constraints"][0]["tests"]
    # the constraint holds for the default and fails outside the bounds
    assert eval(test["expression"], {}, {"value": 0.005}) and not eval(test["expression"], {}, {"value": 10.0})
    declared = {p["id"] for c in controls.values() for p in c.get("params", [])}
    assert len(declared) == sum(len(r.parameters) for r in catalog.requirements.values() if any(
        r.id in p.all_requirements() for p in catalog.profiles.values()))
    profile = oscal_profile(catalog, "terminal-hand-tracking", "catalog.json")["profile"]
    assert "props" not in profile["metadata"]  # parameters are params and set-parameters, not strings
    settings = {s["param-id"]: s["values"] for s in profile["modify"]["set-parameters"]}
    assert settings["td-hand-002_prm_bone_tolerance_m"] == ["0.005"] and set(settings) <= declared
    broken = json.loads(json.dumps(document))
    controls = {c["id"]: c for g in broken["catalog"]["groups"] for c in g["controls"]}
    controls["TD-HAND-002"]["params"][0]["constraints"][0]["tests"] = [{"remarks": "no expression"}]
    assert _errors(validator, broken)


def test_report_export_of_a_folder_without_a_report(tmp_path, capsys):
    assert main(["report", "export", str(tmp_path), "--oscal"]) == 2
    assert "has no report.json" in capsys.readouterr().err
