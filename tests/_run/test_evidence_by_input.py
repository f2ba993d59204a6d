"""Evidence of a batch run stays per input: every failing file keeps its findings, what is cut
is counted per file, and report.json (format 2.0) types each evidence item by its kind."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from conformance._catalog.catalog import REPORT_SCHEMA
from conformance._record.grouping import PER_INPUT, input_of
from conformance._run.engine import run
from conformance.reference import SAMPLES
from tests.conftest import manifest_for

#: Four identity members (AS-META-001's) of a good metadata document made the wrong type, and
#: eight content references that are not objects: twelve schema findings.
BROKEN_MEMBERS = ("asset_type", "issuer", "issued_at", "creator")
BAD_CONTENT = 8
PER_FILE = len(BROKEN_MEMBERS) + BAD_CONTENT
FILES = 24  # 24 x 12 findings: more than a test keeps in all, so the per-input rule decides


def name(number: int) -> str:
    """A file's display name in the report (relative to the manifest's folder)."""
    return f"metadata/meta-{number:02d}.json"


def broken_metadata(number: int) -> dict:
    document = json.loads((SAMPLES / "asset_metadata" / "ref-helmet-0001.json").read_text(encoding="utf-8"))
    document["asset_id"] = f"broken-{number:04d}"
    for member in BROKEN_MEMBERS:
        document[member] = 7
    document["content"] = [5] * BAD_CONTENT
    return document


@pytest.fixture(scope="module")
def batch(tmp_path_factory, catalog):
    """A run of AS-META-001 over FILES failing files, one of them with more findings than
    an input keeps (30 more bad content references)."""
    root = tmp_path_factory.mktemp("batch")
    (root / "metadata").mkdir()
    for number in range(FILES):
        document = broken_metadata(number)
        if number == 0:
            document["content"] += [5] * 30
        (root / name(number)).write_text(json.dumps(document), encoding="utf-8")
    manifest = manifest_for(catalog, "asset-metadata")
    manifest["targets"]["asset_metadata"] = {"adapter": "file", "paths": ["metadata/*.json"]}
    (root / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    out = root / "report"
    result = run(root / "manifest.yaml", catalog=catalog, out_dir=out, formats=["json", "junit", "html"],
                 requirements=["AS-META-001"])
    return result, out


def test_every_failing_file_keeps_its_evidence(batch):
    result, _ = batch
    (requirement,) = result.report.requirements
    assert requirement.verdict.value == "fail"
    (test,) = result.report.tests
    for evidence in (test.evidence, requirement.evidence):
        failing = {item["file"] for item in evidence if item["kind"] == "finding"}
        assert failing == {name(n) for n in range(FILES)}, "a failing file lost its evidence"


def test_what_is_cut_is_counted_per_file(batch):
    result, _ = batch
    (requirement,) = result.report.requirements
    evidence = requirement.evidence
    notes = {item["file"]: item for item in evidence if item["kind"] == "note" and "omitted" in item}
    crowded = [item for item in evidence if item.get("file") == name(0) and item["kind"] == "finding"]
    assert len(crowded) == PER_INPUT
    assert notes[name(0)]["message"] == f"{PER_FILE + 30 - PER_INPUT} more items about {name(0)} omitted"
    # Later files, past the overall bound, keep their first finding and say how many more there were.
    last = name(FILES - 1)
    assert [i["kind"] for i in evidence if i.get("file") == last] == ["finding", "note"]
    assert notes[last]["omitted"] == PER_FILE - 1
    # Grouped: each file's items sit together, in the order the files were read.
    order = [input_of(item) for item in evidence]
    runs = [key for index, key in enumerate(order) if index == 0 or order[index - 1] != key]
    assert len(runs) == len(set(runs))


def test_views_show_a_heading_per_file(batch):
    _, out = batch
    html = (out / "report.html").read_text(encoding="utf-8")
    junit = (out / "junit.xml").read_text(encoding="utf-8")
    for number in (0, FILES - 1):
        assert f'<span class="input-name">{name(number)}</span> <small>' in html
        assert f"== {name(number)} ==" in junit


def test_the_report_matches_its_schema(batch, catalog):
    _, out = batch
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["report_format"] == "2.0"
    assert catalog.schemas.findings(report, REPORT_SCHEMA) == []


@pytest.mark.parametrize(("item", "why"), [
    # an area's own kind (conformance_evidence_kinds) is checked against the area's schema when
    # it is recorded (tests/toplevel/test_plugins.py); the report admits any other named kind
    ({"kind": "", "message": "x"}, "an empty kind"),
    ({"kind": 7, "message": "x"}, "a kind that is not text"),
    ({"message": "no kind"}, "no kind"),
    ({"kind": "finding"}, "a finding without its message"),
    ({"kind": "finding", "message": "x", "line": "seven"}, "a line that is not a number"),
    ({"kind": "http", "response": None}, "an exchange without its request"),
    ({"kind": "http", "request": {"method": "GET"}, "response": None}, "a request without its URL"),
    ({"kind": "note"}, "a note without its message"),
    ({"kind": "note", "message": "x", "omitted": 0}, "an omission of nothing"),
    ({"kind": "error", "message": 3}, "an error whose message is not text"),
])
def test_an_evidence_item_must_match_its_kind(batch, catalog, item, why):
    _, out = batch
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(report)
    broken["requirements"][0]["evidence"].append(item)
    assert catalog.schemas.findings(broken, REPORT_SCHEMA), why


def test_a_repeated_finding_is_counted_and_kept_once() -> None:
    """The same request answered the same way twice is one finding, not two (a contract
    check that reads the discovery document in three tests reports its defect once)."""
    from conformance._record.evidence import Evidence
    from conformance._record.grouping import grouped

    evidence = Evidence()
    for _ in range(5):
        evidence.finding("Content-Type is not documented", file="GET http://x/a", expected=["application/json"],
                         actual="text/plain")
    evidence.finding("Content-Type is not documented", file="GET http://x/b", expected=["application/json"],
                     actual="text/plain")
    evidence.finding("Content-Type is not documented", file="GET http://x/a", expected=["application/json"],
                     actual="text/html")  # same place, another answer: a finding of its own
    assert evidence.findings_count == 3
    assert [i["file"] for i in evidence.export() if i["kind"] == "finding"] == [
        "GET http://x/a", "GET http://x/a", "GET http://x/b"]
    # across the tests of one requirement, too
    twice = grouped([*evidence.export(), *evidence.export()])
    assert sum(i["kind"] == "finding" for i in twice) == 3
