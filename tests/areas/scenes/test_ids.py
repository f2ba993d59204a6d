"""IDS information requirements of building models (conformance.areas.scenes.ids, SC-BIM-004):
the vendored IDS 1.0 schema is the published one, the reference's IDS passes the reference
building and each fixture fails its rule, a malformed or entity-laden IDS is bad input (one
line, exit 2, before any test), any bytes are judged without raising (hypothesis), ifctester's
absence is inconclusive, and the bench's IDS section compares each case with its label."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.scenes import ids, ifc
from conformance.errors import HarnessInputError
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples"
BUILDING = SAMPLES / "bim_models" / "building.ifc"
HANDOVER = SAMPLES / "information_requirements" / "handover.ids"
FIXTURES = ROOT / "suites" / "scenes" / "fixtures" / "bim" / "ids"
CLAIM = {"id": "scene-ifc", "features": ["information-requirements"]}


def _manifest(*ids_paths: Path) -> dict:
    return {"product": {"name": "t", "version": "1"}, "profiles": [CLAIM],
            "targets": {"bim_models": {"adapter": "file", "paths": [str(BUILDING)]},
                        "information_requirements": {"adapter": "file", "paths": [str(p) for p in ids_paths]}}}


def _audit(path: Path) -> list:
    import ifcopenshell

    item = ids.IdsFile(path, path.name, path.read_text(encoding="utf-8"))
    found, count = ids.audit(ids.load(item), ifcopenshell.open(str(BUILDING)), path.name)
    assert count >= 1
    return found


def test_the_vendored_schema_is_the_published_one():
    table = (ids.XSD.parent / "SOURCES.md").read_text(encoding="utf-8")
    [(name, digest)] = re.findall(r"^\| (\S+\.xsd) \| ([0-9a-f]{64}) \|$", table, re.MULTILINE)
    assert name == "ids.xsd" and hashlib.sha256(ids.XSD.read_bytes()).hexdigest() == digest


def test_the_reference_ids_is_valid_and_the_reference_building_meets_it():
    assert ids.problems(HANDOVER.read_bytes()) == []
    assert _audit(HANDOVER) == []


@pytest.mark.parametrize(("fixture", "rule", "entities"), [
    ("wall-description-required", "R1", ["#33 IfcWall 3t5py2tWr2iQ8HFNJmYi3$"]),
    ("door-required", "R2", None),
    ("wall-prohibited", "R3", ["#33 IfcWall 3t5py2tWr2iQ8HFNJmYi3$"]),
])
def test_each_ids_fixture_fails_its_rule_naming_the_entities(fixture, rule, entities):
    [finding] = _audit(FIXTURES / f"{fixture}.ids")
    assert (finding.rule, finding.actual) == (rule, entities)
    assert f"{fixture}.ids" in finding.message


def test_the_reference_ids_passes_in_a_run(run_manifest):
    result = run_manifest(_manifest(HANDOVER))
    verdicts = {r.requirement: r.verdict.value for r in result.report.requirements}
    assert verdicts["SC-BIM-004"] == "pass" and verdicts["SC-BIM-002"] == "pass"


MALFORMED = {
    "unknown element": HANDOVER.read_text(encoding="utf-8").replace("title>", "titel>"),
    "entity expansion": ('<?xml version="1.0"?><!DOCTYPE ids [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                         '<ids xmlns="http://standards.buildingsmart.org/IDS">&b;</ids>'),
    "external entity": ('<?xml version="1.0"?><!DOCTYPE ids [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        '<ids xmlns="http://standards.buildingsmart.org/IDS">&x;</ids>'),
    "not XML": "IDS, but not XML",
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_ids_is_bad_input_before_any_test(case, tmp_path, run_manifest):
    bad = tmp_path / "bad.ids"
    bad.write_text(MALFORMED[case], encoding="utf-8")
    with pytest.raises(HarnessInputError, match="not a valid IDS 1.0 document") as raised:
        run_manifest(_manifest(HANDOVER, bad))
    assert "bad.ids" in raised.value.where and "ids.xsd" in (raised.value.fix or "")
    assert "root:" not in str(raised.value)  # an external entity is refused, never read


def test_the_cli_says_one_line_and_exits_2(tmp_path):
    import yaml

    bad = tmp_path / "bad.ids"
    bad.write_text(MALFORMED["unknown element"], encoding="utf-8")
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(_manifest(bad)), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(tmp_path / "m.yaml"),
                           "--out", str(tmp_path / "out"), "-q", "--no-progress"], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in lines[0] and "titel" in lines[0]
    assert not any((tmp_path / "out").glob("*"))  # no report, no event log: nothing half-written


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: f"<ids>{t}</ids>".encode())))
def test_any_bytes_are_judged_without_raising(data):
    found = ids.problems(data)
    assert found and all(isinstance(where, str) and isinstance(what, str) for where, what in found)


def test_without_ifctester_the_requirement_is_inconclusive(monkeypatch, run_manifest):
    monkeypatch.setitem(sys.modules, "ifctester", None)
    result = run_manifest(_manifest(HANDOVER))
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-BIM-004"]
    assert judged.verdict.value == "inconclusive" and ifc.INSTALL in judged.message


def test_without_the_role_the_requirement_is_not_applicable(run_manifest):
    manifest = _manifest(HANDOVER)
    del manifest["targets"]["information_requirements"]
    result = run_manifest(manifest)
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-BIM-004"]
    assert judged.verdict.value == "not_applicable"


def test_the_bench_compares_each_case_with_its_label(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_fidelity_scenes_ids", ROOT / "bench" / "fidelity_scenes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = tmp_path / "ids" / "files" / "x"
    files.mkdir(parents=True)
    for name, source in (("pass-handover", HANDOVER), ("fail-walls", FIXTURES / "wall-prohibited.ids"),
                         ("invalid-walls", FIXTURES / "door-required.ids")):
        shutil.copy(source, files / f"{name}.ids")
        shutil.copy(BUILDING, files / f"{name}.ifc")
    labels = {f"x/{n}": {"expected": n.split("-")[0]} for n in ("pass-handover", "fail-walls", "invalid-walls")}
    (tmp_path / "ids" / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    result = module.measure_ids(tmp_path)
    assert (result["total"], result["agree"]) == (3, 3)
    labels["x/fail-walls"]["expected"] = "pass"
    (tmp_path / "ids" / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    [miss] = module.measure_ids(tmp_path)["disagreements"]
    assert miss["item"] == "x/fail-walls" and miss["actual"] == "fail"
