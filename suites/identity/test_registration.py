"""DID registration (DIF Universal Registrar shape) with keys the harness generates: create,
refusals of malformed, duplicate and not real-name requests, updates only by a controlling key,
and deactivation that resolution then reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Parameters, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body, unread
from conformance.areas._shared.minors import unverified_identity
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem, check_refused
from conformance.areas._shared.registry import Identity as TestIdentity
from conformance.areas._shared.registry import provisioned
from conformance.areas.identity import did as didlib
from conformance.areas.identity.didcore import data_model
from conformance.areas.identity.registration import (
    CREATE,
    CREATED,
    DEACTIVATE,
    UPDATE,
    Identity,
    holds_key,
    new_key,
    proven_create,
    register,
    registrar_state,
    signed,
)
from conformance.areas.identity.requestbodies import create_request, deactivate_request, update_request
from conformance.areas.identity.resolution import RESOLVE

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget

RESOLUTION_SCHEMA = "https://metaverse-conformance.org/schemas/identity/did-resolution-result.json"
#: the requirement judging that a registered DID resolves (to a valid document with its keys)
RESOLVES = "ID-REG-001"


def registered(api: HttpTarget, identity: Identity, evidence: Evidence, schemas: SchemaRegistry,
               did_method: str) -> dict:
    """Registration as the set-up of a requirement other than ID-REG-001 (which judges it)."""
    with precondition(msg("identity.pre-registered", path=CREATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-001")):
        return register(api, identity, evidence, schemas, did_method)


def on_behalf_of(api: HttpTarget, create: str, user: TestIdentity):
    """A proven create of fresh keys, asked with ``user``'s bearer token: registered on its behalf."""
    return api.post(create, json=proven_create(Identity.generate()), headers={"Authorization": f"Bearer {user.token}"},
                    auth=None)


def real_name_rule(api: HttpTarget, create: str, identity_path: str, evidence: Evidence,
                   schemas: SchemaRegistry) -> None:
    """R4: a DID is registered on behalf of a real-name verified user only (Cybersecurity Law
    art. 24). The users are test identities (set-up); a platform that will not even provision a
    user without real-name verification keeps the rule at its own registration, noted."""
    verified = provisioned(api, identity_path, 1)[0]
    with precondition(msg("shared.pre-provisioned", path=identity_path), msg("shared.pre-fix-provision")):
        guest = unverified_identity(api, identity_path)
    if guest is None:
        evidence.note(msg("identity.reg-unverified-not-provisioned", path=identity_path))
    else:
        check_refused(on_behalf_of(api, create, guest), schemas, evidence, msg("identity.refuse-unverified-create"),
                      rule="R4")
    registrar_state(on_behalf_of(api, create, verified), evidence, schemas, ok=CREATED, rule="R4")


def resolve(api: HttpTarget, did: str, accept: str = "application/did+json"):
    return api.get(RESOLVE + did, headers={"Accept": accept})


def resolved_document(api: HttpTarget, did: str, evidence: Evidence, schemas: SchemaRegistry,
                      judged_by: str | None = None):
    """The DID document ``did`` resolves to (None: none), and the request really sent (where
    the target's paths moved the resolver), as findings name it. ``judged_by``: the requirement
    judging how a registered DID resolves (ID-REG-001), when the caller only reads the document
    (ID-REG-002, ID-REG-003): a DID that does not resolve is then left unread, naming it, and the
    document's data model (ID-DOC-001's) is not judged here."""
    response = resolve(api, did)
    where = response.requested
    if judged_by is not None:
        document, state = served_body(response)  # a body that does not parse is judged_by's finding
        if not isinstance(document, dict):
            unread(evidence, where, msg("identity.reg-resolved-document", did=did), state, judged_by)
            return None, where
        return document, where
    if response.status != 200:
        evidence.finding(msg("identity.reg-not-resolved"), file=where, expected=200, actual=response.status, rule="R3")
        return None, where
    document = own_json(response, "R3")
    # ID-DOC-001's checks, whose findings carry no rule: R3 states that the document is a valid one
    findings, _, unjudged = data_model(document, schemas)
    evidence.findings_from(findings, file=where, rule="R3")
    for part in unjudged:  # key text past 5.1's reading bound 「密钥文本的长度」
        evidence.unjudged(where, part.message, pointer=part.pointer, rule="R3")
    return (document if isinstance(document, dict) else None), where


@pytest.mark.requirement("ID-REG-001")
def test_registered_identity_resolves_with_its_keys(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                    evidence: Evidence):
    api = targets.http("api")
    identity = Identity.generate()
    state = register(api, identity, evidence, schemas, params.text("did_method"), "R1", "R2")
    evidence.note(msg("identity.reg-registered"), did=identity.did, state_document=bool(state.get("didDocument")))
    document, where = resolved_document(api, identity.did, evidence, schemas)
    if document is None:
        return
    if document.get("id") != identity.did:
        evidence.finding(msg("identity.reg-wrong-document"), file=where, pointer="/id",
                         expected=identity.did, actual=document.get("id"), rule="R3")
    authentication = [e if isinstance(e, str) else e.get("id") for e in document.get("authentication") or []
                      if isinstance(e, str | dict)]
    authentication = [identity.did + a if isinstance(a, str) and a.startswith("#") else a for a in authentication]
    for fragment, key in identity.keys.items():
        method_id = holds_key(document, key.public_key())
        curve = "Ed25519" if fragment == "key-1" else "P-256"
        if method_id is None:
            evidence.finding(msg("identity.reg-key-missing", curve=curve), file=where,
                             pointer="/verificationMethod", rule="R3")
            continue
        absolute = identity.did + method_id if method_id.startswith("#") else method_id
        if absolute not in authentication:
            evidence.finding(msg("identity.reg-key-not-authentication", curve=curve), file=where,
                             pointer="/authentication", expected=absolute, actual=authentication, rule="R3")


@pytest.mark.requirement("ID-REG-002")
def test_malformed_and_duplicate_requests_are_refused(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                      evidence: Evidence):
    api = targets.http("api")
    create = f"{CREATE}?method={params.text('did_method')}"
    identity = Identity.generate()
    private = identity.draft()
    methods = private["verificationMethod"]
    first = methods[0] if isinstance(methods, list) else None  # the draft's: its first method a JWK
    if isinstance(first, dict) and isinstance(jwk := first["publicKeyJwk"], dict):
        first["publicKeyJwk"] = {**jwk, "d": "AAAA-not-a-real-secret-AAAA"}
    no_key = {"verificationMethod": [{"id": "#key-1", "type": "JsonWebKey2020"}], "authentication": ["#key-1"]}
    cases = {
        "identity.refuse-not-an-object": ["not", "an", "object"],
        "identity.refuse-no-document": {"options": {}, "secret": {}},
        "identity.refuse-no-key-material": {"didDocument": no_key},
        "identity.refuse-private-key": {"didDocument": private},
    }
    for why, body in cases.items():
        check_refused(api.post(create, json=body), schemas, evidence, msg(why), rule="R1")
    # R3: a well-formed draft whose registrant does not prove control of its keys
    stranger = Identity.generate()
    unproven = {
        "identity.refuse-unproven-create": create_request(stranger.draft()),
        "identity.refuse-foreign-create": proven_create(stranger, key=new_key("Ed25519")),
    }
    for why, body in unproven.items():
        check_refused(api.post(create, json=body), schemas, evidence, msg(why), rule="R3")
    registered(api, identity, evidence, schemas, params.text("did_method"))
    again = Identity.generate()
    # proven by its own key, so that only the DID already registered is wrong with it
    duplicate = didlib.signed_operation(create_request({**again.draft(), "id": identity.did}),
                                        again.keys["key-1"], "#key-1", "create")
    check_refused(api.post(create, json=duplicate), schemas, evidence, msg("identity.refuse-duplicate"), rule="R2")
    # R2 "registering nothing": the DID still resolves to its own keys, not the duplicate's
    document, where = resolved_document(api, identity.did, evidence, schemas, RESOLVES)
    if document is not None and holds_key(document, again.keys["key-1"].public_key()):
        evidence.finding(msg("identity.reg-refused-duplicate-applied"), file=where, pointer="/verificationMethod",
                         rule="R2")
    real_name_rule(api, create, params.text("identity_path"), evidence, schemas)


@pytest.mark.requirement("ID-REG-003")
def test_only_a_controlling_key_updates_or_deactivates(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                       evidence: Evidence):
    api = targets.http("api")
    identity = Identity.generate()
    registered(api, identity, evidence, schemas, params.text("did_method"))
    identity.keys["key-3"] = new_key("P-256")
    body = update_request(identity.did, identity.draft(["key-1", "key-3"]))
    outsider = new_key("Ed25519")
    check_refused(api.post(UPDATE, json=signed(identity, body, "key-1", "update", key=outsider)), schemas, evidence,
              msg("identity.refuse-foreign-update"), rule="R2")
    document, where = resolved_document(api, identity.did, evidence, schemas, RESOLVES)
    if document is not None and holds_key(document, identity.keys["key-3"].public_key()):
        evidence.finding(msg("identity.reg-refused-update-applied"), file=where, rule="R2")
    deactivation = deactivate_request(identity.did)
    check_refused(api.post(DEACTIVATE, json=signed(identity, deactivation, "key-1", "deactivate", key=outsider)),
              schemas, evidence, msg("identity.refuse-foreign-deactivation"), rule="R2")
    # R2 "changes nothing": a forged deactivation that took effect leaves the DID resolving as deactivated (410),
    # which the later reads would only leave unjudged
    response = resolve(api, identity.did)
    if response.status == 410:
        evidence.finding(msg("identity.reg-refused-deactivation-applied"), file=response.requested,
                         expected="the DID still active", actual=response.status, rule="R2")
        return

    registrar_state(api.post(UPDATE, json=signed(identity, body, "key-1", "update")), evidence, schemas, rule="R1",
                    private_rule="R3")
    document, where = resolved_document(api, identity.did, evidence, schemas, RESOLVES)
    if document is not None and not holds_key(document, identity.keys["key-3"].public_key()):
        evidence.finding(msg("identity.reg-update-not-applied"), file=where, pointer="/verificationMethod", rule="R1")


@pytest.mark.requirement("ID-REG-004")
def test_deactivated_dids_resolve_as_deactivated(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                 evidence: Evidence):
    api = targets.http("api")
    identity = Identity.generate()
    registered(api, identity, evidence, schemas, params.text("did_method"))
    body = signed(identity, deactivate_request(identity.did), "key-1", "deactivate")
    with precondition(msg("identity.pre-deactivated", path=DEACTIVATE),
                      msg("shared.pre-fix-see", requirement="ID-REG-003")):
        registrar_state(api.post(DEACTIVATE, json=body), evidence, schemas)

    response = resolve(api, identity.did)
    check_problem(response, schemas, evidence, expected_status=410, rule="R1")
    if response.status == 410 and isinstance(body := response.json(), dict) and body.get("deactivated") is not True:
        evidence.finding(msg("identity.reg-410-not-deactivated"), file=response.requested,
                         pointer="/deactivated", expected=True, actual=body.get("deactivated"), rule="R1")
    response = resolve(api, identity.did, "application/did-resolution")
    where = f"{response.requested} (Accept: application/did-resolution)"
    if response.status != 410:
        evidence.finding(msg("identity.reg-not-410"), file=where, expected=410, actual=response.status, rule="R2")
        return
    result = own_json(response, "R2")
    evidence.findings_from(schemas.findings(result, RESOLUTION_SCHEMA, "R2"), file=where)
    metadata = result.get("didDocumentMetadata") if isinstance(result, dict) else None
    flag = metadata.get("deactivated") if isinstance(metadata, dict) else None
    if flag is not True:
        evidence.finding(msg("identity.reg-result-not-deactivated"), file=where,
                         pointer="/didDocumentMetadata/deactivated", expected=True, actual=flag, rule="R2")
