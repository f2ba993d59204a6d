"""Recorded DID resolution results in the did_documents role (areas/identity/didresults.py):
a successful one stands for its DID document, an unsuccessful one makes a proof naming its
DID fail with the error it records, a malformed one is a finding of ID-DOC-001."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.adapters.file import Document
from conformance.areas.identity import didresults, envelopes, proofs
from tests.paths import ROOT

CORPUS = ROOT / "tests" / "corpora" / "identity" / "deployed-proofs"
SHAPES = ROOT / "tests" / "corpora" / "identity" / "resolution-results"
BAD_DID = "did:web:digitalcredentials.github.io:dcc-did-web-bad"
GOOD_DOCUMENT = ROOT / "src" / "conformance" / "reference" / "samples" / "did_documents" / "did-key-ed25519.json"


def _json(name: str):
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def test_an_unsuccessful_result_records_that_its_did_does_not_resolve():
    known = didresults.by_did([_json("did-web-dcc-did-web-bad.resolution.json")])
    assert known == {BAD_DID: didresults.Unresolved(BAD_DID, "notFound")}
    # the DID can also be a top-level "did" member
    assert didresults.by_did([{"did": "did:web:x.example", "didResolutionMetadata": {"error": "invalidDid"}}]) == {
        "did:web:x.example": didresults.Unresolved("did:web:x.example", "invalidDid")}


def test_a_successful_result_stands_for_its_document_as_a_document_does():
    document = _json("did-web-dcc-did-web.json")
    result = {"didResolutionMetadata": {"contentType": "application/did+ld+json"}, "didDocument": document,
              "didDocumentMetadata": {}}
    assert didresults.by_did([result]) == didresults.by_did([document]) == {document["id"]: document}
    judged = list(didresults.published([Document(Path("r.json"), "r.json", result)]))
    assert [(d.name, d.data, problem) for d, problem in judged] == [("r.json#/didDocument", document, None)]


def test_a_malformed_result_is_a_problem_and_stands_for_nothing():
    cases = {
        "no document, no error": {"didResolutionMetadata": {}, "didDocumentMetadata": {}},
        "error with a document": {"didResolutionMetadata": {"error": "notFound"},
                                  "didDocument": {"id": BAD_DID}},
        "no didResolutionMetadata": json.loads((SHAPES / "no-resolution-metadata.json").read_text(encoding="utf-8")),
        "didDocumentMetadata null": json.loads(
            (SHAPES / "failed-null-document-metadata.json").read_text(encoding="utf-8")),
        "failed, with document metadata": {"didResolutionMetadata": {"error": "notFound", "did": BAD_DID},
                                           "didDocumentMetadata": {"versionId": "1"}},
    }
    for name, result in cases.items():
        problem = didresults.result_problem(result)
        assert problem is not None and problem.rule is None, name
        assert didresults.by_did([result]) == {}, name
        assert [p for _, p in didresults.published([Document(Path("r.json"), "r.json", result)])] == [problem]
    failed = _json("did-web-dcc-did-web-bad.resolution.json")
    assert didresults.result_problem(failed) is None
    assert list(didresults.published([Document(Path("r.json"), "r.json", failed)])) == []


def test_a_proof_under_a_did_recorded_as_not_resolving_does_not_verify():
    credential = _json("v2WithBadDidWeb.json")
    outcome, why = proofs.verify(credential, proofs.offline_resolver({}))
    assert outcome == proofs.NOT_VERIFIED  # not given: undecided offline
    known = didresults.by_did([_json("did-web-dcc-did-web-bad.resolution.json")])
    outcome, why = proofs.verify(credential, proofs.offline_resolver(known))
    assert outcome == proofs.FAILED
    assert "does not resolve" in str(why) and "notFound" in str(why)


def test_an_enveloped_credential_whose_kid_did_does_not_resolve_does_not_verify():
    token = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImRpZDp3ZWI6eC5leGFtcGxlI2tleS0xIn0.e30.AAAA"  # kid did:web:x.example#key-1
    known = {"did:web:x.example": didresults.Unresolved("did:web:x.example", "notFound")}
    outcome, why = envelopes.verify_enveloped("data:application/vc+jwt," + token, proofs.offline_resolver(known))
    assert outcome == proofs.FAILED and "does not resolve" in str(why)


def test_a_result_without_resolution_metadata_is_a_result_and_a_problem():
    """DID Core 7.1: didResolutionMetadata is required. Such a result (the Sidetree vectors'
    shape) is still read as a result, not as a DID document without an id."""
    result = json.loads((SHAPES / "no-resolution-metadata.json").read_text(encoding="utf-8"))
    assert didresults.is_result(result)
    problem = didresults.result_problem(result)
    assert problem is not None and problem.pointer == "/didResolutionMetadata"
    assert "didResolutionMetadata" in problem.message


def test_an_unsuccessful_result_naming_no_did_is_well_formed_and_stands_for_none():
    """DID Core 7.1 gives a resolution result no DID member: a failed one that names no DID
    (as web5's resolvers answer) is no finding; it is noted and stands for no DID."""
    for name, error in (("failed-unnamed.json", "methodNotSupported"), ("failed-unnamed-bare.json", "notFound")):
        result = json.loads((SHAPES / name).read_text(encoding="utf-8"))
        assert didresults.result_problem(result) is None, name
        assert didresults.unresolved(result) is None, name
        assert didresults.unnamed_failure(result) == error, name
        assert didresults.by_did([result]) == {}, name
        assert list(didresults.published([Document(Path(name), name, result)])) == [], name
    named = _json("did-web-dcc-did-web-bad.resolution.json")
    assert didresults.unnamed_failure(named) is None


def test_a_run_of_only_unsuccessful_results_judges_no_document(tmp_path, run_manifest):
    """identity-document on a role holding only unsuccessful resolution results (one naming
    its DID, one naming none): nothing to pass, so ID-DOC-001 and ID-DOC-003 are inconclusive,
    never a pass on nothing; a result without didResolutionMetadata fails ID-DOC-001."""
    def run(paths: list[Path], out: str) -> dict[str, str]:
        manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-document"],
                    "targets": {"did_documents": {"adapter": "file", "paths": [str(p) for p in paths]}}}
        report = run_manifest(manifest, out_dir=tmp_path / out).report
        return {r.requirement: r.verdict.value for r in report.requirements}

    failed = run([CORPUS / "did-web-dcc-did-web-bad.resolution.json", SHAPES / "failed-unnamed.json"], "failed")
    assert (failed["ID-DOC-001"], failed["ID-DOC-003"]) == ("inconclusive", "inconclusive")
    assert failed["ID-DOC-002"] == "pass"
    malformed = run([SHAPES / "no-resolution-metadata.json"], "malformed")
    assert malformed["ID-DOC-001"] == "fail"
    # ID-DOC-003 1.2: beside a good document, a malformed result is a member not judged, not a pass
    mixed = run([SHAPES / "no-resolution-metadata.json", GOOD_DOCUMENT], "mixed")
    assert (mixed["ID-DOC-001"], mixed["ID-DOC-003"]) == ("fail", "inconclusive")
