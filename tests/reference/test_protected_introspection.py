"""Table D.3's token introspection (RFC 7662 2.1: the endpoint requires authorization, against token
scanning) and the VC API's status update (secured in the VC API's issuer.yml) answer 401 without a
usable bearer token (RFC 6750 3.1), and serve a caller presenting a key login's token; the planted
defect introspect-unprotected answers introspection without one (IF-AUTH-001's known-bad case)."""

from __future__ import annotations

import httpx
import pytest

from conformance.areas.identity.keylogin import Subject
from conformance.areas.identity.requestbodies import challenge_request, introspect_request, status_update_request
from conformance.reference import create_app
from tests.conftest import serve

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UNUSABLE = [{}, {"Authorization": "Bearer"}, {"Authorization": "Basic Y29uZm9ybWFuY2U6cHJvYmU="},
            {"Authorization": "Bearer never-issued"}]


def _token(client: httpx.Client) -> str:
    """A key login's access token, as ID-PORT-005 and ID-VCAPI-003 take one."""
    subject = Subject()
    challenge = client.post("/1.0/auth/challenges", json=challenge_request(subject.did)).json()["challenge"]
    return client.post("/1.0/auth/proofs", json=subject.proof(challenge)).json()["access_token"]


@pytest.fixture(scope="module")
def client():
    with serve(create_app()) as url, httpx.Client(base_url=url) as c:
        yield c


@pytest.mark.parametrize("headers", UNUSABLE)
def test_both_operations_refuse_a_request_without_a_usable_token(client, headers):
    introspection = client.post("/1.0/auth/introspect", content=introspect_request("t"), headers={**FORM, **headers})
    update = client.post("/credentials/status", json=status_update_request("urn:uuid:0"), headers=headers)
    for response in (introspection, update):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_key_logins_token_opens_both(client):
    caller = _token(client)
    introspected = client.post("/1.0/auth/introspect", content=introspect_request(_token(client)),
                               headers={**FORM, "Authorization": f"Bearer {caller}"})
    assert introspected.status_code == 200 and introspected.json()["active"] is True
    update = client.post("/credentials/status", json=status_update_request("urn:uuid:0"),
                         headers={"Authorization": f"Bearer {caller}"})
    assert update.status_code == 400  # past the token: a credential this platform never issued


def test_the_planted_defect_answers_introspection_without_a_token():
    with serve(create_app(["introspect-unprotected"])) as url, httpx.Client(base_url=url) as c:
        answer = c.post("/1.0/auth/introspect", content=introspect_request("t"), headers=FORM)
    assert answer.status_code == 200 and answer.json() == {"active": False}
