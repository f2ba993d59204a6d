"""What the reference's VC API issuer refuses (400 with RFC 9457 problem details): a credential
without claims (VC Data Model 2.0 4.8), an issuer that is neither a URL string nor an object
with an id (4.7), and an issuer it holds no key of (VCALM, post /credentials/issue: never
replaced silently); and what it still issues (its own DID, as a string or an object, or none)."""

from __future__ import annotations

import httpx
import pytest

from conformance.reference import create_app
from tests.conftest import serve

HOLDER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
V2 = ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"]
V1 = ["https://www.w3.org/2018/credentials/v1"]


def _credential(**members) -> dict:
    return {"@context": V2, "type": ["VerifiableCredential"],
            "credentialSubject": {"id": HOLDER, "displayName": "Conformance Avatar"}, **members}


def _issue(client: httpx.Client, credential: dict):
    return client.post("/credentials/issue", json={"credential": credential, "options": {}})


@pytest.fixture(scope="module")
def client():
    """A reference of this module's own, served on 127.0.0.1 (starlette's TestClient over httpx is
    deprecated)."""
    with serve(create_app()) as url, httpx.Client(base_url=url) as c:
        yield c


@pytest.fixture(scope="module")
def own_did(client) -> str:
    response = _issue(client, _credential())
    assert response.status_code == 201
    return response.json()["verifiableCredential"]["issuer"]


def _assert_refused(response, words: str) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 400 and body["type"] and words in body["detail"]


@pytest.mark.parametrize("subject", [[], {}, [{}], [{"id": HOLDER, "displayName": "A"}, {}],
                                     "did:example:1234", 4, True, None])
def test_a_credential_without_claims_is_refused(client, subject):
    _assert_refused(_issue(client, _credential(credentialSubject=subject)), "credentialSubject")


@pytest.mark.parametrize("issuer", [None, True, 4, [], "", {"name": "no id"}, {"id": 4}])
def test_an_issuer_that_is_no_url_nor_object_with_id_is_refused(client, issuer):
    _assert_refused(_issue(client, _credential(issuer=issuer)), "issuer")


@pytest.mark.parametrize("foreign", ["did:web:someone.example",
                                     {"id": "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH"}])
def test_an_issuer_it_holds_no_key_of_is_refused_not_replaced(client, foreign):
    _assert_refused(_issue(client, _credential(issuer=foreign)), "holds no key of the issuer")


def test_its_own_issuer_is_kept_in_the_form_given(client, own_did):
    as_string = _issue(client, _credential(issuer=own_did))
    assert as_string.status_code == 201 and as_string.json()["verifiableCredential"]["issuer"] == own_did
    named = {"id": own_did, "name": "Reference Platform"}
    as_object = _issue(client, _credential(issuer=named))
    assert as_object.status_code == 201 and as_object.json()["verifiableCredential"]["issuer"] == named


def test_a_subject_with_only_an_id_is_issued(client):
    # the W3C VC 2.0 test suite's conforming input credential-ok.json has such a subject; the
    # CCG issuer suite's valid credential (VC 1.1) too
    for context in (V2, V1):
        response = _issue(client, {**_credential(credentialSubject={"id": HOLDER}), "@context": context})
        assert response.status_code == 201, response.text


@pytest.mark.parametrize(("defect", "credential"), [
    ("vc-issue-empty-subject", _credential(credentialSubject=[])),
    ("vc-issue-any-issuer", _credential(issuer=None)),
    ("vc-issue-replaces-issuer", _credential(issuer="did:web:someone.example")),
])
def test_each_planted_defect_issues_what_the_reference_refuses(defect, credential):
    with serve(create_app([defect])) as url, httpx.Client(base_url=url) as planted:
        response = _issue(planted, credential)
    assert response.status_code == 201
    assert response.json()["verifiableCredential"]["issuer"].startswith("did:key:")
