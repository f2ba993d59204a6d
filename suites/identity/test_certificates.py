"""A digital certificate as an authentication tool (认证工具, SH-GUIDE 3.1.3; ID-CERT-001, feature
certificate-login of identity-auth). The harness logs in as a did:key identity whose key it holds
(ID-AUTH-001's exchange), asks the platform for a certificate of a fresh P-256 key naming that DID,
and logs in with it; a certificate for the same key and DID from an authority the harness made, and
the platform's certificate once its holder revoked it, are refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Message, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem
from conformance.areas.identity import certificates as certs
from conformance.areas.identity.keylogin import access_token, key_login, set_up_challenge
from conformance.areas.identity.requestbodies import (
    certificate_proof,
    certificate_request,
    certificate_revocation,
)

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from conformance.area import Response

ENROL = "/1.0/auth/certificates"
REVOKE = "/1.0/auth/certificates/revoke"
CERTIFICATE_PROOFS = "/1.0/auth/certificate-proofs"


def _certificate_login(api: HttpTarget, did: str, key: certs.ec.EllipticCurvePrivateKey,
                       certificate: certs.x509.Certificate) -> Response:
    challenge, _ = set_up_challenge(api, did)
    return api.post(CERTIFICATE_PROOFS, json=certificate_proof(did, challenge, certs.proof(key, certificate, challenge)),
                    provoked=True)


def _refused(response: Response, schemas: SchemaRegistry, evidence: Evidence, why: Message, rule: str) -> None:
    """A certificate login the platform must refuse: 4xx problem details and no token."""
    if not 400 <= response.status < 500 or access_token(response) is not None:
        evidence.finding(why, file=response.requested, rule=rule, expected=msg("identity.expect-401-problem"),
                         actual=response.status)
    else:
        check_problem(response, schemas, evidence, rule=rule)  # the rule stating the 4xx problem answer


@pytest.mark.requirement("ID-CERT-001")
def test_a_certificate_the_platform_issued_logs_in_and_an_untrusted_or_revoked_one_does_not(
        targets: Targets, schemas: SchemaRegistry, evidence: Evidence) -> None:
    api = targets.http("api")
    subject, token = key_login(api)
    did = subject.did
    bearer = {"Authorization": f"Bearer {token}"}
    key = certs.new_key()
    # R3 first: a certificate for the same key and DID from an authority the platform never trusted
    _refused(_certificate_login(api, did, key, certs.untrusted(key, did)), schemas, evidence,
             msg("identity.cert-untrusted-accepted"), "R3")
    # R1: the platform issues a certificate for the key and DID the request names
    enrolled = api.post(ENROL, json=certificate_request(certs.request(key, did)), headers=bearer, auth=None)
    body = own_json(enrolled, "R1") if enrolled.status == 201 else None  # annex D: a certificate issued is 201
    certificate = certs.issued(body.get("certificate") if isinstance(body, dict) else None)
    if certificate is None or not certs.names(certificate, key, did):
        evidence.finding(msg("identity.cert-not-issued", did=did), file=enrolled.requested, pointer="/certificate",
                         rule="R1", expected=msg("identity.expect-certificate"), actual=enrolled.status)
        return  # no certificate of the platform's to log in with or revoke
    # R2: it logs in
    accepted = _certificate_login(api, did, key, certificate)
    if access_token(accepted) is None:
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
