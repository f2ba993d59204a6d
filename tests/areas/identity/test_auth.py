"""The reference authentication routes on their own: a full two-factor login, and hostile
inputs refused rather than crashed on."""

from __future__ import annotations

import time

import httpx
import pytest

from conformance.adapters.deadline import verifying_context
from conformance.areas.identity import did as didlib
from conformance.areas.identity.registration import new_key
from conformance.codecs.totp import decode_seed, totp


@pytest.fixture(scope="module")
def client(reference_url):
    with httpx.Client(verify=verifying_context(), base_url=reference_url) as http:
        yield http


def _login(client, key, acr=None):
    did = didlib.did_key(key.public_key())
    kid = f"{did}#{didlib.multikey(key.public_key())}"
    body = {"did": did, **({"acr": acr} if acr else {})}
    challenge = client.post("/1.0/auth/challenges", json=body).json()["challenge"]
    signature = didlib.b64url(didlib.sign(key, challenge.encode()))
    return client.post("/1.0/auth/proofs", json={"did": did, "challenge": challenge, "verificationMethod": kid,
                                                  "signature": signature})


def test_two_factor_login(client):
    key = new_key("P-256")
    first = _login(client, key).json()
    assert first["amr"] == ["pop"] and first["acr"] == "low"
    seed = client.post("/1.0/auth/totp", headers={"Authorization": f"Bearer {first['access_token']}"}).json()
    pending = _login(client, key, acr="high").json()
    assert pending["mfa_required"] is True and "access_token" not in pending
    code = totp(decode_seed(seed["secret"]), time.time())
    token = client.post("/1.0/auth/otp", json={"mfa_token": pending["mfa_token"], "code": code}).json()
    assert token["acr"] == "high" and set(token["amr"]) == {"pop", "otp", "mfa"}


@pytest.mark.parametrize("body", [
    [], {"did": 5}, {"did": "did:key:zNotAKey"}, {"did": "did:web:unknown.invalid"},
])
def test_hostile_challenge_requests(client, body):
    assert client.post("/1.0/auth/challenges", json=body).status_code == 400


@pytest.mark.parametrize("change", [
    {"signature": 5}, {"signature": "!!"}, {"verificationMethod": 7}, {"challenge": None}, {"did": ["x"]},
])
def test_hostile_proofs(client, change):
    key = new_key("Ed25519")
    did = didlib.did_key(key.public_key())
    challenge = client.post("/1.0/auth/challenges", json={"did": did}).json()["challenge"]
    proof = {"did": did, "challenge": challenge, "verificationMethod": f"{did}#{did[8:]}",
             "signature": didlib.b64url(didlib.sign(key, challenge.encode())), **change}
    assert client.post("/1.0/auth/proofs", json=proof).status_code == 401


@pytest.mark.parametrize("code", ["１２３４５６", 123456, None, "abcdef"])
def test_hostile_one_time_codes(client, code):
    key = new_key("Ed25519")
    first = _login(client, key).json()
    client.post("/1.0/auth/totp", headers={"Authorization": f"Bearer {first['access_token']}"})
    pending = _login(client, key, acr="high").json()
    assert client.post("/1.0/auth/otp", json={"mfa_token": pending["mfa_token"], "code": code}).status_code == 401
