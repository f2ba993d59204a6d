"""EARL 1.0 as JSON-LD: parsed as RDF (rdflib), one assertion per requirement with the
verdict mapped to EARL's outcome, the assertor, the subject and the criterion's source."""

from __future__ import annotations

import pytest

from conformance._catalog.model import Verdict
from conformance._version import REFERENCE_PRODUCT
from conformance.report import write_reports
from conformance.report.earl import render_earl
from tests.conftest import manifest_for

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
rdflib = pytest.importorskip("rdflib", reason="rdflib is a test extra (pip install -e '.[test]')")

EARL = rdflib.Namespace("http://www.w3.org/ns/earl#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
DOAP = rdflib.Namespace("http://usefulinc.com/ns/doap#")
EXPECTED = {"pass": "passed", "fail": "failed", "inconclusive": "cantTell", "not_applicable": "inapplicable",
            "error": "untested"}


def _graph(report) -> rdflib.Graph:
    return rdflib.Graph().parse(data=render_earl(report).decode(), format="json-ld")


def _outcomes(graph) -> dict[str, str]:
    found = {}
    for assertion in graph.subjects(rdflib.RDF.type, EARL.Assertion):
        test = str(graph.value(assertion, EARL.test))
        outcome = graph.value(graph.value(assertion, EARL.result), EARL.outcome)
        found[test.rsplit(":", 1)[1]] = str(outcome).removeprefix(str(EARL))
    return found


@pytest.fixture
def report(catalog, run_manifest):
    manifest = manifest_for(catalog, "asset-3d-content", features=[])
    manifest["profiles"].append({"id": "identity-document", "features": []})
    manifest["targets"].update(manifest_for(catalog, "identity-document", files={
        "did_documents": ["did-doc-private-jwk.json"]})["targets"])
    return run_manifest(manifest).report


def test_every_requirement_is_one_assertion_with_its_outcome_mapped(report):
    graph = _graph(report)
    outcomes = _outcomes(graph)
    verdicts = {r.requirement: r.verdict.value for r in report.requirements}
    assert outcomes == {req: EXPECTED[v] for req, v in verdicts.items()}
    assert {"failed", "passed", "inapplicable"} <= set(outcomes.values())


def test_every_verdict_has_an_earl_outcome(report):
    results = list(report.requirements)
    changed = [r.model_copy(update={"verdict": v}) for r, v in zip(results * 5, Verdict, strict=False)]
    outcomes = _outcomes(_graph(report.model_copy(update={"requirements": changed})))
    assert sorted(outcomes.values()) == sorted(EXPECTED[v.value] for v in Verdict)


def test_assertor_subject_and_criterion(report):
    graph = _graph(report)
    assertor = graph.value(next(graph.subjects(rdflib.RDF.type, EARL.Assertion)), EARL.assertedBy)
    assert (assertor, rdflib.RDF.type, EARL.Software) in graph
    release = graph.value(assertor, DOAP.release)
    assert str(graph.value(release, DOAP.revision)) == report.harness.version
    subject = next(graph.subjects(rdflib.RDF.type, EARL.TestSubject))
    assert str(graph.value(subject, DOAP.name)) == REFERENCE_PRODUCT
    criterion = rdflib.URIRef("urn:metaverse-conformance:requirement:ID-DOC-002")
    sources = {str(s) for s in graph.objects(criterion, DCT.source)}
    assert any(s.startswith("SH-GUIDE") for s in sources), sources
    assert rdflib.Literal("DID documents carry no private key material", lang="en") in set(
        graph.objects(criterion, DCT.title))


def test_format_earl_writes_the_file(report, tmp_path):
    files = write_reports(report, tmp_path, ["earl"], "en")
    assert [p.name for p in files] == ["report.json", "report.earl.jsonld"]


def test_a_templated_verdict_message_is_described_in_english_and_chinese(report):
    graph = _graph(report)
    failing = next(r for r in report.requirements if r.verdict is Verdict.FAIL)
    assertion = next(a for a in graph.subjects(rdflib.RDF.type, EARL.Assertion)
                     if str(graph.value(a, EARL.test)).endswith(":" + failing.requirement))
    described = {lit.language: str(lit) for lit in graph.objects(graph.value(assertion, EARL.result), DCT.description)}
    assert set(described) == {"en", "zh"}
    assert described["en"] == failing.message and "个不符合项" in described["zh"]
