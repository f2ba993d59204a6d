"""The contexts W3C publishes under https://www.w3.org/ns/ that issuers and DID methods name
(issue 62): VC Data Model 2.0's ``undefined-terms/v2`` (section 5.2), Controlled Identifiers
``cid/v1`` (and ``controller/v1``, its name until December 2024) and DID 1.1's ``did/v1.1`` are
bundled, so documents naming them are decided offline: signed here with a did:key
(``cryptography``'s Ed25519 over the harness's own eddsa-rdfc-2022 hashing), each verifies, and a
copy with one value changed does not. Every bundled ``/ns/`` context is W3C's own bytes (from the
W3C repository that publishes it, at the digest its specification pins) and a document naming it
expands with no network."""

from __future__ import annotations

import copy
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from conformance.areas._shared import jsonld
from conformance.areas.identity import proofs
from conformance.areas.identity.vcmodel import document_findings, undefined_term_findings
from conformance.codecs.keys import base58_encode, did_key

V2 = "https://www.w3.org/ns/credentials/v2"
UNDEFINED_TERMS = "https://www.w3.org/ns/credentials/undefined-terms/v2"
DID_V11 = "https://www.w3.org/ns/did/v1.1"
CID_V1 = "https://www.w3.org/ns/cid/v1"
CONTROLLER_V1 = "https://www.w3.org/ns/controller/v1"
W3C_NS = "https://www.w3.org/ns/"
DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2"

KEY = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32)
ISSUER = did_key(KEY.public_key())


def _credential() -> dict:
    """``favouriteColour`` and ``MembershipCredential`` are defined by no context but the
    undefined-terms one, which the issuer names last as VC Data Model 2.0 section 5.2 says."""
    return {"@context": [V2, UNDEFINED_TERMS], "type": ["VerifiableCredential", "MembershipCredential"],
            "issuer": ISSUER, "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:member", "favouriteColour": "green"}}


def _controller_document(context: list[str]) -> dict:
    return {"@context": context, "id": ISSUER, "verificationMethod": [
        {"id": f"{ISSUER}#{ISSUER[8:]}", "type": "Multikey", "controller": ISSUER,
         "publicKeyMultibase": ISSUER[8:]}], "assertionMethod": [f"{ISSUER}#{ISSUER[8:]}"]}


def _signed(document: dict) -> dict:
    proof = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-01-01T00:00:00Z",
             "verificationMethod": f"{ISSUER}#{ISSUER[8:]}", "proofPurpose": "assertionMethod"}
    data = proofs.hash_data(document, proof, hashlib.sha256)
    return {**document, "proof": {**proof, "proofValue": "z" + base58_encode(KEY.sign(data))}}


def _changed(document: dict) -> dict:
    changed = copy.deepcopy(document)
    if "credentialSubject" in changed:
        changed["credentialSubject"]["favouriteColour"] = "red"
    else:
        changed["alsoKnownAs"] = ["https://attacker.example/"]
    return changed


@pytest.mark.parametrize("document", [
    _credential(),
    _controller_document([DID_V11, DATA_INTEGRITY]),
    _controller_document([CID_V1, DATA_INTEGRITY]),
    _controller_document([CONTROLLER_V1, DATA_INTEGRITY]),
], ids=["undefined-terms-v2", "did-v1.1", "cid-v1", "controller-v1"])
def test_a_document_naming_the_context_verifies_and_a_changed_copy_does_not(document):
    signed = _signed(document)
    assert proofs.verify(signed, proofs.offline_resolver({})) == (proofs.VERIFIED, "every proof verifies")
    outcome, why = proofs.verify(_changed(signed), proofs.offline_resolver({}))
    assert outcome == proofs.FAILED, why


def test_the_changed_term_is_signed_under_the_undefined_term_vocabulary():
    """The term the test changes is one only undefined-terms/v2 gives an IRI: without that
    context it would be dropped from what is signed, and the changed copy could not fail."""
    expanded = jsonld.expand(_credential())
    subject = expanded[0]["https://www.w3.org/2018/credentials#credentialSubject"][0]
    assert subject["https://www.w3.org/ns/credentials/undefined-term#favouriteColour"] == [{"@value": "green"}]


def test_a_credential_naming_undefined_terms_is_judged_not_left_undecided():
    found = [f for f in document_findings(_signed(_credential()))
             if f.extra.get("check") in ("context-known", "jsonld-unprocessed")]
    assert found == [], [str(f.message) for f in found]


def test_a_term_defined_only_by_undefined_terms_is_still_called_undefined():
    """The context gives such terms an IRI, not a meaning: what the harness itself sends an
    issuer must define every term, and this one is caught."""
    terms = {str(f.message) for f in undefined_term_findings(_credential())}
    assert any("favouriteColour" in message for message in terms), terms
    assert any("MembershipCredential" in message for message in terms), terms


def test_did_v1_1_is_the_digest_did_1_1_pins_and_the_cid_context_byte_for_byte():
    """DID 1.1 ("Remote Resource Integrity") pins https://www.w3.org/ns/did/v1.1 to the digest
    of its v1.1rc1 context, which is the Controlled Identifiers v1 context."""
    pins = {entry["url"]: entry["sha256"] for entry in jsonld.listing()}
    assert pins[DID_V11] == pins[CID_V1] == "ea216ecc1cb02cd39b693dba2250141e270ba0bf95890be107dd9a9e8e43de85"
    assert jsonld.bundled()[DID_V11] == jsonld.bundled()[CID_V1]


def test_controller_v1_is_the_digest_its_candidate_recommendation_pins():
    """Controller Documents 1.0 CR (2024, section 4.2) pins https://www.w3.org/ns/controller/v1
    to SHA2-256 ea216ecc...: the context renamed cid/v1 later, byte for byte."""
    pins = {entry["url"]: entry["sha256"] for entry in jsonld.listing()}
    assert pins[CONTROLLER_V1] == pins[CID_V1] == "ea216ecc1cb02cd39b693dba2250141e270ba0bf95890be107dd9a9e8e43de85"


def test_credentials_v2_is_the_digest_vc_data_model_2_0_pins():
    """VC Data Model 2.0 ("Base Context"): implementations treat the URL as already retrieved,
    with SHA2-256 59955ced...; the bytes bundled are those, not a reformatted copy."""
    pins = {entry["url"]: entry["sha256"] for entry in jsonld.listing()}
    assert pins[V2] == "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"


W3C_NS_ENTRIES = [entry for entry in jsonld.listing() if entry["url"].startswith(W3C_NS)]


def test_the_w3c_ns_contexts_bundled_are_the_ones_issuers_name():
    assert {entry["url"] for entry in W3C_NS_ENTRIES} >= {
        V2, UNDEFINED_TERMS, "https://www.w3.org/ns/credentials/examples/v2",
        "https://www.w3.org/ns/credentials/status/v1", "https://www.w3.org/ns/did/v1", DID_V11, CID_V1, CONTROLLER_V1}


@pytest.mark.parametrize("entry", W3C_NS_ENTRIES, ids=[e["url"][len(W3C_NS):] for e in W3C_NS_ENTRIES])
def test_each_w3c_ns_context_is_w3cs_own_and_a_document_naming_it_expands_offline(entry):
    """Taken from a W3C repository, pinned with licence and date; the file is the pinned bytes
    (bundled() checks each digest); a document whose context is only this URL expands with
    the loader that serves bundled contexts and refuses every other URL (no network)."""
    assert entry["repository"].startswith("w3c/") and len(entry["commit"]) == 40 and entry["path"]
    assert entry["licence"] == "W3C Software and Document License" and entry["retrieved"]
    term = _a_term(jsonld.bundled()[entry["url"]]["@context"])
    expanded = jsonld.expand({"@context": entry["url"], "@id": "urn:uuid:00000000-0000-4000-8000-000000000000",
                              term: "value"})
    [node] = expanded
    keys = [key for key in node if not key.startswith("@")]
    assert len(keys) == 1 and keys[0].startswith(("https://", "http://")) and not jsonld.was_relative(keys[0]), node


def _a_term(context) -> str:
    """A term the context defines (its first that is no keyword's alias), or one its @vocab covers."""
    for part in context if isinstance(context, list) else [context]:
        if not isinstance(part, dict):
            continue
        for term, definition in part.items():
            if term.startswith("@") or ":" in term:
                continue
            iri = definition if isinstance(definition, str) else (
                definition.get("@id") if isinstance(definition, dict) and "@reverse" not in definition else None)
            if isinstance(iri, str) and not iri.startswith("@"):  # not a keyword's alias (id, type)
                return term
        if "@vocab" in part:
            return "favouriteColour"
    raise AssertionError("the context defines no term")


def test_a_w3c_ns_url_not_bundled_is_refused_not_fetched():
    """The loader serves bundled contexts only: a URL under /ns/ that W3C's repositories do not
    publish as a context (issuers sometimes write credentials/v1 there) is UnknownContext."""
    with pytest.raises(jsonld.UnknownContext) as refused:
        jsonld.expand({"@context": "https://www.w3.org/ns/credentials/v1", "@id": "urn:x"})
    assert refused.value.url == "https://www.w3.org/ns/credentials/v1"
