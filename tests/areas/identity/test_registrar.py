"""The reference registrar on its own, driven the way the suite drives it."""

from __future__ import annotations

import httpx
import pytest

from conformance.adapters.deadline import verifying_context
from conformance.areas.identity import did as didlib
from conformance.areas.identity.registration import Identity, holds_key, new_key, proven_create, signed


@pytest.fixture(scope="module")
def client(reference_url):
    with httpx.Client(verify=verifying_context(), base_url=reference_url) as http:
        yield http


def _create(client, identity):
    response = client.post("/1.0/create?method=web", json=proven_create(identity))
    assert response.status_code == 201, response.text
    identity.did = response.json()["didState"]["did"]
    return response.json()


def test_create_resolve_update_deactivate(client):
    identity = Identity.generate()
    state = _create(client, identity)["didState"]
    for key in identity.keys.values():
        assert holds_key(state["didDocument"], key.public_key())
    identity.keys["key-3"] = new_key("Ed25519")
    body = {"did": identity.did, "didDocumentOperation": ["setDidDocument"],
            "didDocument": [identity.draft(["key-3"])]}
    assert client.post("/1.0/update", json=signed(identity, body, "key-1", "update")).status_code == 200
    document = client.get(f"/1.0/identifiers/{identity.did}").json()
    assert holds_key(document, identity.keys["key-3"].public_key())
    assert not holds_key(document, identity.keys["key-1"].public_key())
    # key-1 no longer controls the DID: its signature is refused now.
    deactivation = {"did": identity.did}
    assert client.post("/1.0/deactivate", json=signed(identity, deactivation, "key-1", "deactivate")).status_code == 403
    assert client.post("/1.0/deactivate", json=signed(identity, deactivation, "key-3", "deactivate")).status_code == 200
    gone = client.get(f"/1.0/identifiers/{identity.did}")
    assert gone.status_code == 410 and gone.json()["deactivated"] is True


@pytest.mark.parametrize("secret", [None, "x", {"signingResponse": "x"}, {"signingResponse": {"update": {"kid": 1}}},
                                    {"signingResponse": {"update": {"kid": "#key-1", "signature": "!!"}}}])
def test_hostile_signing_responses_are_refused_not_crashed_on(client, secret):
    identity = Identity.generate()
    _create(client, identity)
    body = {"did": identity.did, "didDocument": [identity.draft()], "secret": secret}
    assert client.post("/1.0/update", json=body).status_code in (401, 403)


def test_p256_signatures_authorise_too(client):
    identity = Identity({"key-1": new_key("P-256")})
    _create(client, identity)
    body = {"did": identity.did}
    response = client.post("/1.0/deactivate", json=signed(identity, body, "key-1", "deactivate"))
    assert response.status_code == 200
    payload = didlib.operation_payload(body)
    assert payload == b'{"did":"' + identity.did.encode() + b'"}'
