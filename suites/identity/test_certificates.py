"""A digital certificate as an authentication tool (认证工具, SH-GUIDE 3.1.3; ID-CERT-001, feature
certificate-login of identity-auth). The harness logs in as a did:key identity whose key it holds
(ID-AUTH-001's exchange), asks the platform for a certificate of a fresh P-256 key naming that DID,
and logs in with it; a certificate for the same key and DID from an authority the harness made, and
the platform's certificate once its holder revoked it, are refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Message, NonConformance, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.problems import check_problem
from conformance.areas.identity import certificates as certs
from conformance.areas.identity import did as didlib
from conformance.areas.identity.registration import new_key
from conformance.areas.identity.requestbodies import (
    certificate_proof,
    certificate_request,
    certificate_revocation,
    challenge_request,
    key_proof,
)

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from conformance.area import Response

CHALLENGES = "/1.0/auth/challenges"
PROOFS = "/1.0/auth/proofs"
ENROL = "/1.0/auth/certificates"
REVOKE = "/1.0/auth/certificates/revoke"
CERTIFICATE_PROOFS = "/1.0/auth/certificate-proofs"


def _challenge(api: HttpTarget, did: str) -> str:
    """A challenge for ``did`` (a set-up: ID-AUTH-001 judges how challenges are issued)."""
    with precondition(msg("identity.pre-challenge", path=CHALLENGES),
                      msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        response = api.post(CHALLENGES, json=challenge_request(did))
        body = response.json() if response.status in (200, 201) else None
        value = body.get("challenge") if isinstance(body, dict) else None
        if not isinstance(value, str):
            raise NonConformance(msg("identity.auth-no-challenge"), file=response.requested, actual=response.status)
        return value


def _token(response: Response) -> str | None:
    try:
        body = response.json() if response.status == 200 else None
    except NonConformance:
        return None
    token = body.get("access_token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else None


def _key_login(api: HttpTarget) -> tuple[str, str]:
    """(DID, access token) of a key login as a fresh did:key identity (ID-AUTH-001 judges it)."""
    key = new_key("Ed25519")
    did = didlib.did_key(key.public_key())
    kid = f"{did}#{didlib.multikey(key.public_key())}"
    challenge = _challenge(api, did)
    with precondition(msg("identity.pre-key-login", path=PROOFS), msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        response = api.post(PROOFS, json=key_proof(did, challenge, kid,
                                                   didlib.b64url(didlib.sign(key, challenge.encode("utf-8")))))
        token = _token(response)
        if token is None:
            raise NonConformance(msg("identity.auth-proof-not-accepted"), file=response.requested, expected=200,
                                 actual=response.status)
    return did, token


def _certificate_login(api: HttpTarget, did: str, key: certs.ec.EllipticCurvePrivateKey,
                       certificate: certs.x509.Certificate) -> Response:
    challenge = _challenge(api, did)
    return api.post(CERTIFICATE_PROOFS, json=certificate_proof(did, challenge, certs.proof(key, certificate, challenge)),
                    provoked=True)


def _refused(response: Response, schemas: SchemaRegistry, evidence: Evidence, why: Message, rule: str) -> None:
    """A certificate login the platform must refuse: 4xx problem details and no token."""
    if not 400 <= response.status < 500 or _token(response) is not None:
        evidence.finding(why, file=response.requested, rule=rule, expected=msg("identity.expect-401-problem"),
                         actual=response.status)
    else:
        check_problem(response, schemas, evidence)


@pytest.mark.requirement("ID-CERT-001")
def test_a_certificate_the_platform_issued_logs_in_and_an_untrusted_or_revoked_one_does_not(
        targets: Targets, schemas: SchemaRegistry, evidence: Evidence) -> None:
    api = targets.http("api")
    did, token = _key_login(api)
    bearer = {"Authorization": f"Bearer {token}"}
    key = certs.new_key()
    # R3 first: a certificate for the same key and DID from an authority the platform never trusted
    _refused(_certificate_login(api, did, key, certs.untrusted(key, did)), schemas, evidence,
             msg("identity.cert-untrusted-accepted"), "R3")
    # R1: the platform issues a certificate for the key and DID the request names
    enrolled = api.post(ENROL, json=certificate_request(certs.request(key, did)), headers=bearer, auth=None)
    body = enrolled.json() if enrolled.status in (200, 201) else None
    certificate = certs.issued(body.get("certificate") if isinstance(body, dict) else None)
    if certificate is None or not certs.names(certificate, key, did):
        evidence.finding(msg("identity.cert-not-issued", did=did), file=enrolled.requested, pointer="/certificate",
                         rule="R1", expected=msg("identity.expect-certificate"), actual=enrolled.status)
        return  # no certificate of the platform's to log in with or revoke
    # R2: it logs in
    accepted = _certificate_login(api, did, key, certificate)
    if _token(accepted) is None:
        evidence.finding(msg("identity.cert-login-refused"), file=accepted.requested, rule="R2", expected=200,
                         actual=accepted.status)
        return  # a refusal after the revocation would show nothing
    # R4: once its holder revoked it, it no longer does
    revoked = api.post(REVOKE, json=certificate_revocation(certs.pem(certificate)), headers=bearer, auth=None)
    if not 200 <= revoked.status < 300:
        evidence.finding(msg("identity.cert-revocation-refused"), file=revoked.requested, rule="R4",
                         expected="2xx", actual=revoked.status)
        return
    _refused(_certificate_login(api, did, key, certificate), schemas, evidence, msg("identity.cert-revoked-accepted"),
             "R4")
    evidence.note(msg("identity.cert-checked", did=did))
