"""Portability: an identity exported from one platform (role ``api``) is imported at another
(role ``api_b``) and resolves there with the same keys, linked to its original DID; that its
controller then authenticates there with the original key is IF-IOP-001's (interop-pair). The
identity's security at ``api``: a key rotated out of it, and the identity once deactivated, no
longer log in, and the tokens they were given are revoked (observed by RFC 7662 introspection)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, NonConformance, Parameters, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem, check_refused
from conformance.areas.identity import did as didlib
from conformance.areas.identity.keylogin import issued_challenge, key_login
from conformance.areas.identity.privacy import private_key_material
from conformance.areas.identity.registration import (
    CREATE,
    CREATED,
    DEACTIVATE,
    UPDATE,
    Identity,
    holds_key,
    new_key,
    register,
    registrar_state,
    signed,
)
from conformance.areas.identity.requestbodies import (
    challenge_request,
    deactivate_request,
    export_request,
    import_request,
    introspect_request,
    key_proof,
    update_request,
)
from conformance.areas.identity.resolution import RESOLVE

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget, Message
    from conformance.area import JsonObject, Response

CHALLENGES = "/1.0/auth/challenges"
PROOFS = "/1.0/auth/proofs"
INTROSPECT = "/1.0/auth/introspect"
USERINFO = "/1.0/auth/userinfo"
EXPORT = "/1.0/export"
IMPORT = "/1.0/import"
CURVES = {"key-1": "Ed25519", "key-2": "P-256"}


def exported(api: HttpTarget, did_method: str, schemas: SchemaRegistry, evidence: Evidence
             ) -> tuple[Identity, JsonObject, str]:
    """A registered identity, its export bundle, and the export request really sent."""
    identity = Identity.generate()
    with precondition(msg("identity.pre-registered", path=CREATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-001")):
        register(api, identity, evidence, schemas, did_method)
    response = api.post(EXPORT, json=signed(identity, export_request(identity.did), "key-1", "export"))
    where = response.requested  # where the target's paths moved the export
    if response.status != 200:
        raise NonConformance(msg("identity.port-not-exported"), file=where, expected=200,
                             actual=response.status)
    bundle = own_json(response, None)  # ID-PORT-001's own read (its statement, no rules)
    evidence.findings_from(private_key_material(bundle), file=where,
                           expected=msg("identity.expect-public-data"))
    document = bundle.get("didDocument") if isinstance(bundle, dict) else None
    if not isinstance(bundle, dict) or not isinstance(document, dict) or document.get("id") != identity.did:
        raise NonConformance(msg("identity.port-no-document"), file=where,
                             pointer="/didDocument/id", expected=identity.did,
                             actual=document.get("id") if isinstance(document, dict) else document)
    return identity, bundle, where


def exported_before(api: HttpTarget, did_method: str, schemas: SchemaRegistry, evidence: Evidence
                    ) -> tuple[Identity, JsonObject]:
    """An export as the set-up of a requirement other than ID-PORT-001 (which judges it)."""
    with precondition(msg("identity.pre-exported", path=EXPORT),
                      msg("shared.pre-fix-see", requirement="ID-PORT-001")):
        identity, bundle, _ = exported(api, did_method, schemas, evidence)
        return identity, bundle


def missing_keys(document: object, identity: Identity) -> list[str]:
    return [CURVES.get(f, f) for f, key in identity.keys.items() if holds_key(document, key.public_key()) is None]


@pytest.mark.requirement("ID-PORT-001")
def test_an_identity_exports_with_its_keys(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                           evidence: Evidence):
    identity, bundle, where = exported(targets.http("api"), params.text("did_method"), schemas, evidence)
    missing = missing_keys(bundle["didDocument"], identity)
    if missing:
        evidence.finding(msg("identity.port-export-lacks-keys"), file=where,
                         pointer="/didDocument/verificationMethod", expected=list(CURVES.values()), actual=missing)


@pytest.mark.requirement("ID-PORT-002")
def test_an_imported_identity_resolves_at_the_other_platform(targets: Targets, params: Parameters,
                                                             schemas: SchemaRegistry, evidence: Evidence):
    identity, bundle = exported_before(targets.http("api"), params.text("did_method"), schemas, evidence)
    other = targets.http("api_b")
    state = registrar_state(other.post(IMPORT, json=signed(identity, import_request(bundle), "key-1", "import")),
                            evidence, schemas, ok=CREATED)
    new_did = str(state["did"])  # registrar_state refused any other
    response = other.get(RESOLVE + new_did, headers={"Accept": "application/did+json"})
    where = f"api_b GET {RESOLVE}{new_did}"
    if response.status != 200:
        raise NonConformance(msg("identity.port-import-unresolved"), file=where, expected=200, actual=response.status)
    document = own_json(response, None)  # ID-PORT-002's own read (its statement, no rules)
    missing = missing_keys(document, identity)
    if missing:
        evidence.finding(msg("identity.port-import-lacks-keys"), file=where,
                         pointer="/verificationMethod", expected=list(CURVES.values()), actual=missing)
    linked = isinstance(document, dict) and (document.get("id") == identity.did
                                             or identity.did in (document.get("alsoKnownAs") or []))
    if not linked:
        evidence.finding(msg("identity.port-not-linked"), file=where,
                         pointer="/alsoKnownAs", expected=identity.did,
                         actual=document.get("alsoKnownAs") if isinstance(document, dict) else None)
    # That it then authenticates there with its original key is IF-IOP-001's.


@pytest.mark.requirement("ID-PORT-003")
def test_an_import_not_signed_by_the_controller_is_refused(targets: Targets, params: Parameters,
                                                           schemas: SchemaRegistry, evidence: Evidence):
    identity, bundle = exported_before(targets.http("api"), params.text("did_method"), schemas, evidence)
    forged = signed(identity, import_request(bundle), "key-1", "import", key=new_key("Ed25519"))
    response = targets.http("api_b").post(IMPORT, json=forged)
    if not 400 <= response.status < 500:
        evidence.finding(msg("identity.port-forged-accepted"),
                         file=f"api_b POST {IMPORT}", expected=msg("shared.expect-4xx-problem"),
                         actual=response.status)
    else:
        check_problem(response, schemas, evidence)


def login(api: HttpTarget, identity: Identity, fragment: str, *, provoked: bool = True) -> Response:
    """A key login (ID-AUTH-001's exchange) as ``identity`` with its key ``fragment``: the
    proof's answer, or the challenge's when no challenge was given (a refusal too).
    ``provoked``: after a first login accepted through the same routes with the run's
    credentials, a 401 is the platform's answer to this login, not a refusal of the run's
    credentials (as ID-AUTH-002 sends its wrong proofs)."""
    response = api.post(CHALLENGES, json=challenge_request(identity.did), provoked=provoked)
    challenge = issued_challenge(response)  # a body that does not parse: ID-AUTH-001's to judge
    if challenge is None:
        return response
    signature = didlib.b64url(didlib.sign(identity.keys[fragment], challenge.encode("utf-8")))
    return api.post(PROOFS, json=key_proof(identity.did, challenge, identity.kid(fragment), signature),
                    provoked=provoked)


def token_in(response: Response, rule: str | None = None) -> bool:
    """Whether a 200 answer holds an access token; a 200 whose body does not parse is a finding under
    ``rule``, the caller's R-number stating the acceptance (None in a set-up, whose precondition names
    the requirement judging it)."""
    if response.status != 200:
        return False
    body = own_json(response, rule)
    return isinstance(body, dict) and isinstance(body.get("access_token"), str)


def token_in_any(response: Response) -> bool:
    try:
        body = response.json()
    except NonConformance:
        return False  # check_problem's finding: the body is no problem document
    return isinstance(body, dict) and "access_token" in body


def refused_login(response: Response, schemas: SchemaRegistry, evidence: Evidence, why: Message,
                  rule: str | None = None) -> None:
    """A login the platform must refuse: 4xx problem details, and no token in the answer;
    ``rule``: the caller's R-number stating the refusal."""
    check_refused(response, schemas, evidence, why, rule=rule)
    if 400 <= response.status < 500 and token_in_any(response):
        evidence.finding(msg("identity.auth-refusal-token", request=why), file=response.requested,
                         pointer="/access_token", expected=msg("identity.expect-no-token"),
                         actual=msg("identity.actual-token-issued"), rule=rule)


@pytest.mark.requirement("ID-PORT-004")
def test_a_rotated_out_key_and_a_deactivated_identity_no_longer_log_in(targets: Targets, params: Parameters,
                                                                      schemas: SchemaRegistry, evidence: Evidence):
    api = targets.http("api")
    identity = Identity.generate()
    with precondition(msg("identity.pre-registered", path=CREATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-001")):
        register(api, identity, evidence, schemas, params.text("did_method"))
    with precondition(msg("identity.pre-key-login", path=PROOFS),
                      msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        first = login(api, identity, "key-1", provoked=False)
        if not token_in(first):
            raise NonConformance(msg("identity.auth-proof-not-accepted"), file=first.requested, expected=200,
                                 actual=first.status)
    # the controller replaces key-1 (say, once it is compromised) with key-3, key-2 staying
    identity.keys["key-3"] = new_key("Ed25519")
    rotation = update_request(identity.did, identity.draft(["key-2", "key-3"]))
    with precondition(msg("identity.pre-rotated", path=UPDATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-003")):
        registrar_state(api.post(UPDATE, json=signed(identity, rotation, "key-1", "update")), evidence, schemas)
    refused_login(login(api, identity, "key-1"), schemas, evidence, msg("identity.port-rotated-out-login"), "R1")
    rotated_in = login(api, identity, "key-3")
    if not token_in(rotated_in, "R2"):
        evidence.finding(msg("identity.port-rotated-in-refused"), file=rotated_in.requested, expected=200,
                         actual=rotated_in.status, rule="R2")
    with precondition(msg("identity.pre-deactivated", path=DEACTIVATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-003")):
        registrar_state(api.post(DEACTIVATE, json=signed(identity, deactivate_request(identity.did), "key-2",
                                                         "deactivate")), evidence, schemas)
    refused_login(login(api, identity, "key-3"), schemas, evidence, msg("identity.port-deactivated-login"), "R3")


def introspected(api: HttpTarget, token: str, caller: str, evidence: Evidence, rule: str) -> bool | None:
    """RFC 7662's answer for ``token``, asked with the bearer token ``caller`` (2.1: the endpoint requires
    authorization): its ``active`` (2.2), or None, with a finding under ``rule``, when the answer is no 200
    JSON object with a boolean ``active``."""
    response = api.request("POST", INTROSPECT, content=introspect_request(token), auth=None,
                           headers={"Content-Type": "application/x-www-form-urlencoded",
                                    "Authorization": f"Bearer {caller}"})
    body = response.json() if response.status == 200 else None
    active = body.get("active") if isinstance(body, dict) else None
    if not isinstance(active, bool):
        evidence.finding(msg("identity.port-introspect-unusable"), file=response.requested, pointer="/active",
                         rule=rule, expected=msg("identity.expect-200-active-boolean"),
                         actual=response.status if body is None else active)
        return None
    return active


def honoured(api: HttpTarget, token: str) -> tuple[object, Response]:
    """What the bearer operation GET /1.0/auth/userinfo (OpenID Connect Core 1.0 5.3) answers
    ``token``: the ``sub`` of a 200 JSON object (None without one), and the answer. Sent with
    the token alone (not the run's credentials), a 401 is the platform's answer to this token."""
    response = api.request("GET", USERINFO, headers={"Authorization": f"Bearer {token}"}, auth=None, provoked=True)
    try:
        body = response.json() if response.status == 200 else None
    except NonConformance:
        body = None  # a 200 that is no JSON honours no subject
    return body.get("sub") if isinstance(body, dict) else None, response


def still_honoured(api: HttpTarget, token: str, evidence: Evidence, why: Message) -> None:
    """R5: a token introspection must call inactive is refused where it is presented (RFC 6750 3.1)."""
    _, response = honoured(api, token)
    if response.status != 401:
        evidence.finding(why, file=response.requested, rule="R5", expected=msg("identity.expect-401-invalid-token"),
                         actual=response.status)


def logged_in(api: HttpTarget, identity: Identity, fragment: str, requirement: str) -> str:
    """The access token of a key login with ``fragment`` (a set-up: ``requirement`` judges it)."""
    with precondition(msg("identity.pre-key-login", path=PROOFS), msg("shared.pre-fix-see", requirement=requirement)):
        response = login(api, identity, fragment, provoked=False)
        if not token_in(response):
            raise NonConformance(msg("identity.auth-proof-not-accepted"), file=response.requested, expected=200,
                                 actual=response.status)
    return str(response.json()["access_token"])


@pytest.mark.requirement("ID-PORT-005")
def test_the_tokens_of_a_rotated_out_key_and_of_a_deactivated_identity_are_revoked(
        targets: Targets, params: Parameters, schemas: SchemaRegistry, evidence: Evidence):
    api = targets.http("api")
    identity = Identity.generate()
    with precondition(msg("identity.pre-registered", path=CREATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-001")):
        register(api, identity, evidence, schemas, params.text("did_method"))
    first = logged_in(api, identity, "key-1", "ID-AUTH-001")
    # the introspections' own authorization (RFC 7662 2.1): a token of another identity, which no step revokes
    _, caller = key_login(api)
    # R1: a token just issued is active, so that "not active" below is an answer, not a broken interface
    state = introspected(api, first, caller, evidence, "R1")
    if state is False:
        evidence.finding(msg("identity.port-token-not-active"), file=api.requested("POST", INTROSPECT),
                         pointer="/active", rule="R1", expected=True, actual=False)
    if state is not True:
        return
    # R4: the token is honoured where it is presented, so that a refusal below is the revocation's
    subject, answer = honoured(api, first)
    fresh = subject == identity.did
    if not fresh:
        evidence.finding(msg("identity.port-userinfo-not-honoured"), file=answer.requested, pointer="/sub",
                         rule="R4", expected=msg("identity.expect-200-sub", did=identity.did),
                         actual=subject if answer.status == 200 else answer.status)
    identity.keys["key-3"] = new_key("Ed25519")  # key-1 replaced (say, once compromised), key-2 staying
    rotation = update_request(identity.did, identity.draft(["key-2", "key-3"]))
    with precondition(msg("identity.pre-rotated", path=UPDATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-003")):
        registrar_state(api.post(UPDATE, json=signed(identity, rotation, "key-1", "update")), evidence, schemas)
    if introspected(api, first, caller, evidence, "R2") is True:  # R2
        evidence.finding(msg("identity.port-token-rotated-active"), file=api.requested("POST", INTROSPECT),
                         pointer="/active", rule="R2", expected=False, actual=True)
    if fresh:  # R5
        still_honoured(api, first, evidence, msg("identity.port-userinfo-rotated-honoured"))
    later = logged_in(api, identity, "key-3", "ID-PORT-004")
    if introspected(api, later, caller, evidence, "R1") is False:  # R1 again: issued after the rotation
        evidence.finding(msg("identity.port-token-not-active"), file=api.requested("POST", INTROSPECT),
                         pointer="/active", rule="R1", expected=True, actual=False)
        return
    with precondition(msg("identity.pre-deactivated", path=DEACTIVATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-003")):
        registrar_state(api.post(DEACTIVATE, json=signed(identity, deactivate_request(identity.did), "key-2",
                                                         "deactivate")), evidence, schemas)
    if introspected(api, later, caller, evidence, "R3") is True:  # R3
        evidence.finding(msg("identity.port-token-deactivated-active"), file=api.requested("POST", INTROSPECT),
                         pointer="/active", rule="R3", expected=False, actual=True)
    if fresh:  # R5
        still_honoured(api, later, evidence, msg("identity.port-userinfo-deactivated-honoured"))
