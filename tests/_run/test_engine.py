"""The plugin maps what tests do to verdicts; the engine turns verdicts into a report."""

from __future__ import annotations

import os
import subprocess
import sys

import orjson
import pytest
import yaml

from conformance import HarnessInputError, Verdict, load_catalog, run
from conformance._catalog.catalog import REPORT_SCHEMA
from tests.minicatalog import REQUIREMENT, write_catalog

IDS = {
    "901": "pass", "902": "assert fails", "903": "harness fault", "904": "inconclusive",
    "905": "finding without raising", "906": "one of two tests fails", "907": "optional feature",
    "908": "manual", "909": "SHOULD that fails", "910": "parameters", "911": "finding, then inconclusive",
    "912": "interoperability matrix",
}
MODULE = '''
import pytest
from conformance import Inconclusive


@pytest.mark.requirement("ID-DOC-901")
def test_pass(targets, evidence):
    assert targets["files"].files()
    evidence.note("looked at the files")


@pytest.mark.requirement("ID-DOC-902")
def test_assert():
    assert 1 + 1 == 3, "arithmetic is broken"


@pytest.mark.requirement("ID-DOC-903")
def test_fault():
    raise KeyError("boom")


@pytest.mark.requirement("ID-DOC-904")
def test_undecided():
    raise Inconclusive("nothing to look at")


@pytest.mark.requirement("ID-DOC-905")
def test_finding(evidence):
    evidence.finding("bad value", file="x.json", pointer="/a/0", expected=1, actual=2)


@pytest.mark.requirement("ID-DOC-906")
def test_half_good():
    pass


@pytest.mark.requirement("ID-DOC-906")
def test_half_bad():
    assert False, "second test of 906 fails"


@pytest.mark.requirement("ID-DOC-907")
def test_optional():
    pass


@pytest.mark.requirement("ID-DOC-909")
def test_should():
    assert False, "a SHOULD is not met"


@pytest.mark.requirement("ID-DOC-911")
def test_finding_then_undecided(evidence):
    evidence.finding("definitely wrong")
    raise Inconclusive("could not finish")


@pytest.mark.requirement("ID-DOC-912")
def test_matrix(interop):
    interop.record("api", "api_b", "authenticate", True)
    interop.record("api_b", "api", "authenticate", False, "signature refused")


@pytest.mark.requirement("ID-DOC-910")
def test_params(params, evidence):
    assert params == {"limit": 7, "fixed": "x"}, params
'''


def _requirement(number: str) -> dict:
    level = "SHOULD" if number == "909" else "MUST"
    testing = "manual" if number == "908" else "automated"
    taken = {"parameters": ["limit", "fixed"]} if number == "910" else {}
    return {**REQUIREMENT, "id": f"ID-DOC-{number}", "level": level, "testing": testing, **taken}


@pytest.fixture
def mini(tmp_path):
    profile = {
        "id": "mini", "version": "1.0.0", "title": {"en": "Mini", "zh": "迷你"},
        "targets": {"files": {"kind": "file"}},
        "requirements": [f"ID-DOC-{n}" for n in IDS if n != "907"],
        "features": {"extra": {"title": {"en": "Extra", "zh": "附加"}, "requirements": ["ID-DOC-907"]}},
        "parameters": {"limit": {"default": 5, "overridable": True, "bounds": {"min": 0, "max": 10}},
                       "fixed": {"default": "x"}},
    }
    root = write_catalog(tmp_path / "catalog", [_requirement(n) for n in IDS], MODULE, profile)
    (tmp_path / "data.json").write_text("{}")
    manifest = {
        "product": {"name": "Mini", "version": "1"},
        "profiles": [{"id": "mini", "parameters": {"limit": 7}}],
        "targets": {"files": {"adapter": "file", "paths": ["data.json"]}},
    }
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest))
    return load_catalog(root), tmp_path / "m.yaml"


def test_every_outcome_maps_to_its_verdict(mini, tmp_path):
    catalog, manifest = mini
    result = run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    verdicts = {r.requirement[-3:]: r.verdict for r in result.report.requirements}
    assert verdicts == {
        "901": Verdict.PASS, "902": Verdict.FAIL, "903": Verdict.ERROR, "904": Verdict.INCONCLUSIVE,
        "905": Verdict.FAIL, "906": Verdict.FAIL, "907": Verdict.NOT_APPLICABLE,
        "908": Verdict.INCONCLUSIVE, "909": Verdict.FAIL, "910": Verdict.PASS, "911": Verdict.FAIL,
        "912": Verdict.FAIL,
    }
    by_id = {r.requirement[-3:]: r for r in result.report.requirements}
    assert by_id["902"].message.startswith("arithmetic is broken")
    assert "harness fault: KeyError" in by_id["903"].message
    assert by_id["905"].evidence[0] | {"test": ""} == {
        "kind": "finding", "message": "bad value", "file": "x.json", "pointer": "/a/0",
        "expected": 1, "actual": 2, "test": "",
    }
    assert by_id["906"].message.startswith("second test of 906 fails") and len(by_id["906"].tests) == 2
    assert "optional feature 'extra' is not claimed" in by_id["907"].message
    profile = result.report.profiles[0]
    assert profile.outcome.value == "not_conformant"
    assert profile.blocking == ["ID-DOC-902", "ID-DOC-905", "ID-DOC-906", "ID-DOC-911", "ID-DOC-912"]  # not 909
    cells = [(c.source, c.target, c.capability, c.verdict.value) for c in result.report.interop]
    assert cells == [("api", "api_b", "authenticate", "pass"), ("api_b", "api", "authenticate", "fail")]
    assert "authenticate: made at api_b, refused at api" in by_id["912"].message
    assert result.exit_code == 1


def test_report_is_valid_against_its_schema(mini, tmp_path):
    catalog, manifest = mini
    result = run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json", "junit", "html"])
    written = orjson.loads((tmp_path / "out" / "report.json").read_bytes())
    assert load_catalog().schemas.findings(written, REPORT_SCHEMA) == []
    assert written["catalog_digest"] == catalog.digest
    assert sorted(p.name for p in result.files) == ["junit.xml", "report.events.ndjson", "report.html", "report.json"]


def test_a_requirement_filter_runs_only_that_requirement(mini, tmp_path):
    catalog, manifest = mini
    result = run(manifest, catalog=catalog, requirements=["ID-DOC-901"], out_dir=tmp_path / "o", formats=["json"])
    assert [r.requirement for r in result.report.requirements] == ["ID-DOC-901"]
    assert [t.nodeid.split("::")[1] for t in result.report.tests] == ["test_pass"]
    # a partial run is judged over what ran, and says it is partial: never conformant (only
    # a full run can be), so a pass leaves the profile incomplete (exit 3), a MUST failure
    # makes it not conformant
    assert result.report.scope == "partial"
    assert result.report.selection == {"requirements": ["ID-DOC-901"]}
    assert result.report.profiles[0].outcome.value == "incomplete"
    assert result.report.profiles[0].blocking == []
    assert result.exit_code == 3
    data = orjson.loads((tmp_path / "o" / "report.json").read_bytes())
    assert data["scope"] == "partial" and data["complete"] is True


def test_a_run_pinned_to_another_catalog_is_refused(mini, tmp_path):
    catalog, manifest = mini
    data = yaml.safe_load(manifest.read_text())
    data["catalog_digest"] = "sha256:" + "0" * 64
    manifest.write_text(yaml.safe_dump(data))
    with pytest.raises(HarnessInputError, match=r"at \$\.catalog_digest: the manifest is pinned to .* sha256:0000"):
        run(manifest, catalog=catalog, out_dir=tmp_path / "o")
    assert not (tmp_path / "o").exists()
    data["catalog_digest"] = catalog.digest
    manifest.write_text(yaml.safe_dump(data))
    pinned = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"])
    assert pinned.report.catalog_digest == catalog.digest


def test_claiming_the_feature_runs_its_requirement(mini, tmp_path):
    catalog, manifest = mini
    data = yaml.safe_load(manifest.read_text())
    data["profiles"][0]["features"] = ["extra"]
    manifest.write_text(yaml.safe_dump(data))
    result = run(manifest, catalog=catalog, requirements=["ID-DOC-907"], out_dir=tmp_path / "o", formats=["json"])
    assert result.report.requirements[0].verdict is Verdict.PASS


@pytest.mark.slow
def test_pytest_driven_run_reports_bad_manifest_as_usage_error(mini, tmp_path):
    catalog, _ = mini
    (tmp_path / "bad.yaml").write_text("product: {}\n")
    env = {**os.environ, "CONFORMANCE_CATALOG": str(catalog.root)}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(catalog.root / "suites"),
         "--conformance-manifest", str(tmp_path / "bad.yaml"), "--rootdir", str(catalog.root), "-c", os.devnull],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert completed.returncode == 2  # bad input: the CLI's code, from both drivers
    assert "bad.yaml at $: 'profiles' is a required property" in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.slow
def test_suites_can_be_driven_from_pytest_directly(mini, tmp_path):
    catalog, manifest = mini
    out = tmp_path / "direct"
    env = {**os.environ, "CONFORMANCE_CATALOG": str(catalog.root)}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(catalog.root / "suites"),
         "--conformance-manifest", str(manifest), "--conformance-out", str(out), "--rootdir", str(catalog.root),
         "-c", os.devnull],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    report = orjson.loads((out / "report.json").read_bytes())
    assert {r["requirement"]: r["verdict"] for r in report["requirements"]}["ID-DOC-901"] == "pass"


def test_an_interrupted_run_leaves_a_report_marked_incomplete(tmp_path):
    module = MODULE.replace('    assert 1 + 1 == 3, "arithmetic is broken"', "    raise KeyboardInterrupt")
    profile = {
        "id": "mini", "version": "1.0.0", "title": {"en": "Mini", "zh": "迷你"},
        "targets": {"files": {"kind": "file"}}, "requirements": ["ID-DOC-901", "ID-DOC-902", "ID-DOC-903"],
    }
    root = write_catalog(tmp_path / "c", [_requirement(n) for n in IDS], module, profile)
    (tmp_path / "data.json").write_text("{}")
    manifest = {"product": {"name": "M", "version": "1"}, "profiles": ["mini"],
                "targets": {"files": {"adapter": "file", "paths": ["data.json"]}}}
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(manifest))
    result = run(tmp_path / "m.yaml", catalog=load_catalog(root), out_dir=tmp_path / "out", formats=["json"])
    report = orjson.loads((tmp_path / "out" / "report.json").read_bytes())
    assert report["complete"] is False and "interrupted" in report["notes"]
    assert report["profiles"][0]["outcome"] == "incomplete"
    assert {r["requirement"]: r["verdict"] for r in report["requirements"]}["ID-DOC-901"] == "pass"
    assert result.exit_code == 3
