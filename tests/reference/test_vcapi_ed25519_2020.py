"""The reference's VC API verifier checks Ed25519Signature2020 proofs (the vector of
w3c-ccg/vc-api-verifier-test-suite's "MUST verify a valid VC" is one): credentials signed so by
other implementations verify, a changed claim or a missing member does not, and a context the
reference does not hold is said so, never fetched."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import httpx
import pytest

from conformance.reference import create_app
from tests.conftest import serve

CORPORA = Path(__file__).resolve().parents[1] / "corpora" / "identity"
SIGNED = [CORPORA / "proof-vectors" / "ed25519signature2020.json",
          CORPORA / "issued-by-libraries" / "didkit-vc11-ed25519signature2020-valid.json",
          CORPORA / "issued-by-libraries" / "digitalbazaar-vc11-ed25519signature2020-valid.json"]


@pytest.fixture(scope="module")
def client():
    with serve(create_app()) as url, httpx.Client(base_url=url) as c:
        yield c


def _verify(client: httpx.Client, credential: dict) -> httpx.Response:
    return client.post("/credentials/verify", json={"verifiableCredential": credential,
                                                     "options": {"checks": ["proof"]}})


@pytest.mark.parametrize("path", SIGNED, ids=lambda p: p.stem)
def test_a_credential_signed_by_another_implementation_verifies(client, path):
    response = _verify(client, json.loads(path.read_text()))
    assert response.status_code == 200, response.text
    assert response.json()["verified"] is True


def _altered(change) -> dict:
    credential = copy.deepcopy(json.loads(SIGNED[0].read_text()))
    change(credential)
    return credential


@pytest.mark.parametrize("change, words", [
    (lambda c: c["credentialSubject"].update(alumniOf="Another School"), "does not verify"),
    (lambda c: c["proof"].update(created="2023-02-24T23:36:39Z"), "does not verify"),
    (lambda c: c["proof"].pop("created"), "needs created"),
    (lambda c: c["proof"].pop("proofValue"), "proofValue"),
    (lambda c: c["@context"].append("https://contexts.invalid/v1"), "https://contexts.invalid/v1"),
    (lambda c: c.update({"@context": "string"}), "@context"),
    (lambda c: c.update({"@context": [4]}), "@context"),
    (lambda c: c.update({"@context": ["string", *c["@context"]]}), "@context"),  # the data-model check refuses it first
], ids=["claim", "created", "no-created", "no-proofValue", "unknown-context", "context-string", "context-item",
        "relative-context"])
def test_an_altered_credential_does_not_verify(client, change, words):
    response = _verify(client, _altered(change))
    assert response.status_code == 400, response.text
    assert words in response.json()["detail"]
