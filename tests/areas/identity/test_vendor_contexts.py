"""A product's own JSON-LD context, declared in its manifest (``jsonld_contexts``): served
during the run (never fetched), so a credential using it is judged rather than left
inconclusive; a bad declaration is bad input (exit 2)."""

from __future__ import annotations

import json

import pytest

from conformance import HarnessInputError
from tests.conftest import verdicts

VENDOR = "https://contexts.acme.example/membership/v1"
CONTEXT = {"@context": {"@protected": True, "AcmeMembership": "https://contexts.acme.example/membership#Membership",
                        "tier": "https://contexts.acme.example/membership#tier"}}
CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2", VENDOR],
    "type": ["VerifiableCredential", "AcmeMembership"],
    "issuer": "did:web:acme.example",
    "validFrom": "2025-03-01T12:00:00Z",
    "credentialSubject": {"id": "did:web:acme.example:members:m1", "tier": "gold"},
}


def _manifest(tmp_path, contexts=None):
    (tmp_path / "vc.json").write_text(json.dumps(CREDENTIAL), encoding="utf-8")
    manifest = {"product": {"name": "Acme", "version": "1", "vendor": "Acme"},
                "profiles": ["identity-credentials"],
                "targets": {"credentials": {"adapter": "file", "paths": ["vc.json"]}}}
    if contexts is not None:
        manifest["jsonld_contexts"] = contexts
    return manifest


def test_an_undeclared_vendor_context_is_inconclusive_naming_the_way_out(tmp_path, run_manifest):
    result = run_manifest(_manifest(tmp_path))
    assert verdicts(result)["ID-VC-001"] == "inconclusive"
    text = json.dumps([r.model_dump(mode="json") for r in result.report.requirements])
    assert VENDOR in text and "jsonld_contexts" in text


def test_a_declared_vendor_context_is_served_and_the_credential_judged(tmp_path, run_manifest):
    (tmp_path / "acme-v1.jsonld").write_text(json.dumps(CONTEXT), encoding="utf-8")
    result = run_manifest(_manifest(tmp_path, {VENDOR: "acme-v1.jsonld"}))
    assert verdicts(result)["ID-VC-001"] == "pass"


def test_a_declared_context_that_leaves_a_type_undefined_still_fails(tmp_path, run_manifest):
    # The declared copy decides: a type it does not define maps to no IRI (VC 2.0 4.5).
    (tmp_path / "acme-v1.jsonld").write_text(json.dumps({"@context": {"tier": "https://x.example/tier"}}),
                                             encoding="utf-8")
    result = run_manifest(_manifest(tmp_path, {VENDOR: "acme-v1.jsonld"}))
    assert verdicts(result)["ID-VC-001"] == "fail"


@pytest.mark.parametrize("content, problem", [
    (None, "file does not exist"),
    ("{not json", "is not valid JSON"),
    ('{"tier": 1}', "is not a JSON-LD context document"),
])
def test_a_bad_declared_context_is_bad_input(tmp_path, run_manifest, content, problem):
    if content is not None:
        (tmp_path / "acme-v1.jsonld").write_text(content, encoding="utf-8")
    with pytest.raises(HarnessInputError, match=problem) as caught:
        run_manifest(_manifest(tmp_path, {VENDOR: "acme-v1.jsonld"}))
    assert "$.jsonld_contexts" in caught.value.where


def test_a_declared_context_is_listed_among_the_inputs_with_its_url(tmp_path, run_manifest):
    (tmp_path / "acme-v1.jsonld").write_text(json.dumps(CONTEXT), encoding="utf-8")
    result = run_manifest(_manifest(tmp_path, {VENDOR: "acme-v1.jsonld"}))
    listed = {entry["name"]: entry for entry in result.report.inputs}
    assert listed["acme-v1.jsonld"]["kind"] == "jsonld-context" and listed["acme-v1.jsonld"]["url"] == VENDOR
