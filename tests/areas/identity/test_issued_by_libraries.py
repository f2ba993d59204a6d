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
