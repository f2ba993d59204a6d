"""Credentials and presentations two open-source libraries issued (DIDKit, Digital Bazaar's
@digitalbazaar/vc: Ed25519Signature2018/2020, EcdsaSecp256r1Signature2019,
EcdsaSecp256k1Signature2019, eddsa-rdfc-2022, ecdsa-rdfc-2019, did:key and did:jwk issuers, a
VC-JWT), recorded in tests/corpora/identity/issued-by-libraries/ (sources.yaml): each verifies as
issued, and does not with a claim changed or one signature character changed. The
items are made afresh, and compared with each library's own verify, by
tests/real_products/test_issuing_libraries.py when the libraries are installed."""

from __future__ import annotations

import base64
import copy
import json

import pytest
import yaml

from conformance.areas.identity import proofs, vcjwt
from tests.paths import ROOT

ISSUED = ROOT / "tests" / "corpora" / "identity" / "issued-by-libraries"
FILES = [item["file"] for item in yaml.safe_load((ISSUED / "sources.yaml").read_text(encoding="utf-8"))["items"]]


def _load(name: str) -> dict | str:
    text = (ISSUED / name).read_text(encoding="utf-8")
    return text.strip() if name.endswith(".jwt") else json.loads(text)


def _verify(document: dict | str) -> tuple[str, object]:
    if isinstance(document, str):
        return vcjwt.verify(vcjwt.decode(document), vcjwt.key_resolver({}))
    return proofs.verify_presentation(document, proofs.offline_resolver({}))


def _other_character(text: str, at: int) -> str:
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1:]


def _claim_changed(document: dict | str) -> dict | str:
    if isinstance(document, str):  # the payload changed, the issuer's signature kept
        header, payload, signature = document.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["vc"]["credentialSubject"]["alumniOf"] = "Another University"
        encoded = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        return ".".join((header, encoded, signature))
    changed = copy.deepcopy(document)
    credential = changed["verifiableCredential"][0] if "verifiableCredential" in changed else changed
    credential["credentialSubject"]["alumniOf"] = "Another University"
    return changed


def _signature_changed(document: dict | str) -> dict | str:
    if isinstance(document, str):
        return _other_character(document, len(document) - 10)
    changed = copy.deepcopy(document)
    proof = changed["proof"]
    member = "proofValue" if "proofValue" in proof else "jws"
    proof[member] = _other_character(proof[member], len(proof[member]) - 10)  # the signature, never a JWS header
    return changed


def test_every_recorded_item_is_listed_in_its_sources():
    assert sorted(FILES) == sorted(path.name for path in ISSUED.iterdir() if path.suffix in (".json", ".jwt"))


@pytest.mark.parametrize("name", FILES)
def test_an_issued_item_verifies_and_its_altered_copies_do_not(name):
    document = _load(name)
    outcome, why = _verify(document)
    assert outcome == proofs.VERIFIED, why
    for altered in (_claim_changed(document), _signature_changed(document)):
        outcome, why = _verify(altered)
        assert outcome == proofs.FAILED, why


def test_an_ed25519signature2020_proof_with_its_own_context_is_read_in_the_documents_context_plus_its_own():
    """DIDKit writes the suite's context into the proof; the proof is a node of the credential,
    so both contexts are active (JSON-LD 1.1 4.1). Read under the credential's alone the proof's
    terms would be others, and the signature (made over both) does not verify."""
    document = _load("didkit-vc11-ed25519signature2020-valid.json")
    assert isinstance(document, dict)
    assert "@context" in document["proof"]
    assert proofs.verify(document, proofs.offline_resolver({}))[0] == proofs.VERIFIED
    # the same proof with its @context replaced by one that defines nothing: not the signed reading
    moved = copy.deepcopy(document)
    moved["proof"]["@context"] = [{"@version": 1.1}]
    assert proofs.verify(moved, proofs.offline_resolver({}))[0] != proofs.VERIFIED


def _signed_2020(proof_context: list) -> dict:
    """A credential with an Ed25519Signature2020 proof carrying ``proof_context``, signed here
    over the proof as that context reads it (key from the ``cryptography`` package)."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric import ed25519

    from conformance.codecs.keys import base58_encode, did_key

    key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([3]) * 32)
    did = did_key(key.public_key())
    credential = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                  "issuer": did, "issuanceDate": "2026-01-01T00:00:00Z", "credentialSubject": {"id": "did:example:a"}}
    proof = {"@context": proof_context, "type": "Ed25519Signature2020", "created": "2026-01-01T00:00:00Z",
             "verificationMethod": f"{did}#{did[8:]}", "proofPurpose": "assertionMethod"}
    data = proofs.hash_data(credential, proof, hashlib.sha256)
    return {**credential, "proof": {**proof, "proofValue": "z" + base58_encode(key.sign(data))}}


def test_a_proof_carried_context_that_gives_the_proofs_members_another_meaning_does_not_verify():
    """The proof's own context adds to the document's, so it can only define what the document's
    contexts leave open: here it maps ``assertionMethod`` elsewhere, and the signature covers that
    reading. The context check (VC Data Integrity 4.6) reads the proof with the known contexts
    only and refuses the proof whose JSON says what its signed data does not."""
    suite = "https://w3id.org/security/suites/ed25519-2020/v1"
    assert proofs.verify(_signed_2020([suite]), proofs.offline_resolver({}))[0] == proofs.VERIFIED
    security = "https://w3id.org/security#"
    hostile = _signed_2020([{"Ed25519Signature2020": f"{security}Ed25519Signature2020",
                             "created": {"@id": "http://purl.org/dc/terms/created"},
                             "verificationMethod": {"@id": f"{security}verificationMethod", "@type": "@id"},
                             "proofPurpose": {"@id": f"{security}proofPurpose", "@type": "@vocab"},
                             "assertionMethod": "https://example.invalid/not-an-assertion",
                             "proofValue": f"{security}proofValue"}])
    outcome, why = proofs.verify(hostile, proofs.offline_resolver({}))
    assert outcome == proofs.FAILED, why
