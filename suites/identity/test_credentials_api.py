"""Issuing and verifying credentials over HTTP, shaped after the W3C VC API: an issued
credential follows the data model and carries a Data Integrity proof the harness verifies
itself, under the issuer the request named; the issuer refuses a credential without claims, an
issuer of the wrong JSON type, an issuer it cannot hold and a credential that breaks a MUST of the
data model (or issues it mended); the platform's verifier accepts an issued credential and refuses
a tampered copy and every credential that breaks a MUST of the data model, signed by a key it takes."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, msg, precondition, reason
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body
from conformance.areas._shared.ownread import own_json
from conformance.areas.identity import did as didlib
from conformance.areas.identity import dataintegrity, proofs, requestbodies
from conformance.areas.identity.keylogin import key_login
from conformance.areas.identity.registration import new_key
from conformance.areas.identity.resolution import RESOLVE
from conformance.areas.identity.unchecked import Unavailable
from conformance.areas.identity.vcapi import REFUSED, VERIFIED, issued_proof_problem, verification_outcome
from conformance.areas.identity.vcmodel import UNJUDGED, document_findings

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget

ISSUE = "/credentials/issue"
VERIFY = "/credentials/verify"


def issue_requests(issuer, proof_type, cryptosuite, verification_method) -> list[dict]:
    """The issue requests a case sends (requestbodies.issue_requests), for a holder of its own."""
    holder = didlib.did_key(new_key("Ed25519").public_key())
    return requestbodies.issue_requests(holder, issuer, proof_type, cryptosuite, verification_method)


def issued(api: HttpTarget, request: dict, rule: str | None = None) -> tuple[dict, str]:
    """The credential issued for ``request``, and the request really sent (where the target's
    paths moved /credentials/issue), as findings name it; ``rule``: the caller's R-number stating
    the issuance (ID-VCAPI-001 R1), None where it is a set-up."""
    response = api.post(ISSUE, json=requestbodies.issue_request(request["credential"], request["options"]))
    if response.status != 201:  # annex D's contract gives 201 alone
        raise NonConformance(msg("identity.vcapi-not-issued"), file=response.requested, expected=201,
                             actual=response.status, rule=rule)
    body = own_json(response, rule)
    credential = body.get("verifiableCredential") if isinstance(body, dict) else None
    if not isinstance(credential, dict):
        raise NonConformance(msg("identity.vcapi-no-credential"), file=response.requested,
                             pointer="/verifiableCredential", rule=rule)
    return credential, response.requested


def key_resolver(api: HttpTarget):
    """Public keys of verification methods: did:key derived locally, others resolved at the target."""
    def key_of(method_id: str):
        did = method_id.split("#")[0]
        if did.startswith("did:key:"):
            return proofs.key_from_multikey(did.removeprefix("did:key:"))
        response = api.get(RESOLVE + did, headers={"Accept": "application/did+json"})
        document, state = served_body(response)
        if response.status == 200 and document is None:  # how the resolver serves it is ID-RES-001's finding
            raise Unavailable(msg("shared.unread", what=msg("identity.vcapi-issuer-document", did=did),
                                  request=response.requested, status=state, requirement="ID-RES-001"))
        method = didlib.find_method(document, method_id)
        if method is None:
            raise ValueError(msg("identity.vcapi-method-unresolved", method=method_id))
        return didlib.key_of_method(method)
    return key_of


@pytest.mark.requirement("ID-VCAPI-001")
def test_issued_credentials_are_valid_and_verifiably_signed(targets: Targets, schemas: SchemaRegistry,
                                                            evidence: Evidence, params: Parameters):
    requests = issue_requests(params.issuer, params.proof_type, params.cryptosuite, params.verification_method)
    unjudged: Inconclusive | None = None
    for request in requests:
        try:
            _judge_issued(targets.http("api"), request, evidence)
        except Inconclusive as why:  # a proof the harness cannot check: the other rules still judge
            unjudged = unjudged or why
    # Every request was issued (a refusal raised before here): a refusal of what follows is the
    # product's judgement of what it was sent, not a refusal of everything.
    _judge_refusals(targets.http("api"), requests[0], evidence)
    _judge_probes_issued(targets.http("api"), requests[0], evidence)
    if unjudged is not None:
        raise unjudged


def _issuer_id(issuer) -> object:
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _judge_issued(api: HttpTarget, request: dict, evidence: Evidence) -> None:
    credential, requested = issued(api, request, "R1")
    issuer = request["credential"].get("issuer")
    where = requested + (f" (issuer {issuer})" if issuer else "")
    if issuer and _issuer_id(credential.get("issuer")) != issuer:  # R2: never replaced silently
        evidence.finding(msg("identity.vcapi-issuer-not-asked", asked=issuer), file=where, pointer="/issuer",
                         rule="R2", expected=issuer, actual=credential.get("issuer"))
    evidence.findings_from([f for f in document_findings(credential) if f.extra.get("check") not in UNJUDGED],
                           file=where, rule="R1")
    proof = credential.get("proof")
    if not isinstance(proof, dict):
        evidence.finding(msg("identity.vcapi-no-proof"), file=where, pointer="/proof", rule="R1")
        return
    # R1 asks for a DataIntegrityProof of a cryptosuite ID-VC-003 lists, not any proof that verifies:
    # another type or an unlisted cryptosuite breaks it (1.5), it is not left undecided
    problem = issued_proof_problem(proof)
    if problem is not None:
        evidence.finding(problem[1], file=where, pointer="/proof/type", rule="R1",
                         expected=msg("identity.expect-data-integrity-proof"),
                         actual={"type": proof.get("type"), "cryptosuite": proof.get("cryptosuite")})
        return
    outcome, why = proofs.verify(credential, key_resolver(api))
    if outcome == proofs.NOT_VERIFIED:
        raise Inconclusive(msg("identity.vcapi-proof-unverified", reason=why))
    if outcome == proofs.FAILED:
        evidence.finding(msg("identity.vcapi-proof-fails", reason=why), file=where, pointer="/proof", rule="R1")


def _judge_refusals(api: HttpTarget, valid: dict, evidence: Evidence) -> None:
    """R3-R5: the issue requests an issuer must refuse, each the valid request with one member
    wrong (requestbodies.refused_drafts), sent with the same options."""
    holder = valid["credential"]["credentialSubject"]["id"]
    unheld = didlib.did_key(new_key("Ed25519").public_key())  # its private key never leaves this test
    for rule, member, value, credential in requestbodies.refused_drafts(holder, valid["credential"].get("issuer"),
                                                                        unheld):
        # provoked: the route took the run's credentials for the valid request, so any 4xx refuses this one
        response = api.post(ISSUE, json=requestbodies.issue_request(credential, valid["options"]), provoked=True)
        shown = json.dumps(value)
        if 400 <= response.status < 500:
            continue
        try:
            body = response.json() if response.status in (200, 201) else None
        except NonConformance:
            body = None  # issued or not, the answer is no refusal
        got = body.get("verifiableCredential") if isinstance(body, dict) else None
        given = _issuer_id(got.get("issuer")) if isinstance(got, dict) else None
        if rule == "R5" and given is not None:
            message = (msg("identity.vcapi-unheld-issuer-claimed", asked=value) if given == value
                       else msg("identity.vcapi-unheld-issuer-replaced", asked=value, got=str(given)))
        else:
            message = msg("identity.vcapi-not-refused", member=member, value=shown, status=response.status)
        evidence.finding(message, file=response.requested, pointer=f"/credential/{member}", rule=rule,
                         expected=msg("identity.expect-4xx-refusal"), actual=response.status)


def _judge_probes_issued(api: HttpTarget, valid: dict, evidence: Evidence) -> None:
    """R6-R31: each probe (requestbodies.PROBES), the valid request with one MUST of VC Data Model
    2.0 broken, is refused with a 4xx or issued as a credential that conforms (the issuer may
    mend what it signs), never signed with the violation as sent."""
    holder = valid["credential"]["credentialSubject"]["id"]
    for probe, credential in requestbodies.probe_drafts(holder, valid["credential"].get("issuer")):
        response = api.post(ISSUE, json=requestbodies.issue_request(credential, valid["options"]), provoked=True)
        if 400 <= response.status < 500:
            continue
        where = f"{response.requested} (probe {probe.key})"  # each probe its own input in the report
        try:
            body = response.json() if response.status in (200, 201) else None
        except NonConformance:
            body = None
        got = body.get("verifiableCredential") if isinstance(body, dict) else None
        if not isinstance(got, dict):
            evidence.finding(msg("identity.vcapi-probe-not-refused", probe=probe.key, section=probe.section,
                                 status=response.status), file=where, rule=probe.issuer_rule,
                             expected=msg("identity.expect-probe-refused"), actual=response.status)
            continue
        found = [f for f in document_findings(got) if f.extra.get("check") not in UNJUDGED]
        if found:
            evidence.finding(msg("identity.vcapi-probe-signed", probe=probe.key, section=probe.section,
                                 reason=found[0].message), file=where,
                             pointer="/verifiableCredential" + (found[0].pointer or ""), rule=probe.issuer_rule,
                             expected=msg("identity.expect-probe-refused"),
                             actual=[f"{f.extra.get('check')} {f.pointer}" for f in found])


def _outcome(api: HttpTarget, credential: dict) -> tuple[str, str, str]:
    """The verifier's outcome for ``credential``, why, and the request really sent."""
    response = api.post(VERIFY, json=requestbodies.verify_request(credential))
    try:
        body = response.json() if response.status == 200 else None
    except NonConformance:
        body = None
    return (*verification_outcome(response.status, body), response.requested)


@pytest.mark.requirement("ID-VCAPI-002")
def test_the_verifier_accepts_issued_and_refuses_tampered_credentials(targets: Targets, evidence: Evidence,
                                                                      params: Parameters):
    requests = issue_requests(params.issuer, params.proof_type, params.cryptosuite, params.verification_method)
    for request in requests:
        _judge_verifier(targets.http("api"), request, evidence)
    _judge_probes_verified(targets.http("api"), requests[0]["credential"]["credentialSubject"]["id"], evidence)


def _signed_by_harness(credential: dict, key, did: str) -> dict:
    return dataintegrity.add_proof(credential, key, f"{did}#{did.removeprefix('did:key:')}",
                                   datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _judge_probes_verified(api: HttpTarget, holder: str, evidence: Evidence) -> None:
    """R3-R28: each probe's credential (requestbodies.PROBES), signed by a did:key issuer of the
    harness's own, is refused: only the data model can make it fail. The same credential without
    the violation, signed alike, must verify first: a verifier that does not take the harness's
    key leaves the probes unjudged (the proof, not the data model, would decide)."""
    key = new_key("Ed25519")
    issuer = didlib.did_key(key.public_key())
    control, why, where = _outcome(api, _signed_by_harness(requestbodies.credential_draft(holder, issuer), key, issuer))
    if control != VERIFIED:
        raise Inconclusive(msg("identity.vcapi-probe-control-refused", issuer=issuer, reason=why))
    for probe, credential in requestbodies.probe_drafts(holder, issuer):
        outcome, why, where = _outcome(api, _signed_by_harness(credential, key, issuer))
        if outcome != REFUSED:
            evidence.finding(msg("identity.vcapi-probe-verified", probe=probe.key, section=probe.section, reason=why),
                             file=f"{where} (probe {probe.key})", rule=probe.verifier_rule,
                             pointer="/verifiableCredential" + probe.findings[0][1],
                             expected=msg("identity.expect-not-verified"))


def _judge_verifier(api: HttpTarget, request: dict, evidence: Evidence) -> None:
    # The verifier is judged on what it was given: no credential issued, nothing to judge.
    with precondition(msg("identity.pre-issued", path=ISSUE), msg("shared.pre-fix-see", requirement="ID-VCAPI-001")):
        credential, _ = issued(api, request)
    outcome, why, where = _outcome(api, credential)
    if outcome != VERIFIED:
        evidence.finding(msg("identity.vcapi-issued-not-verified", reason=why),
                         file=where, expected=msg("identity.expect-verified"), rule="R1")
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["displayName"] = "Someone Else"
    outcome, why, where = _outcome(api, tampered)
    if outcome != REFUSED:
        evidence.finding(msg("identity.vcapi-tampered-accepted", reason=why), file=where,
                         expected=msg("identity.expect-not-verified"), rule="R2")


STATUS = "/credentials/status"


def _status_entry(credential: dict, where: str) -> tuple[str, int]:
    """R1: the issued credential's revocation entry (Bitstring Status List 2.1): its list's URL
    and its index; NonConformance when there is none."""
    status = credential.get("credentialStatus")
    for entry in status if isinstance(status, list) else [status]:
        if isinstance(entry, dict) and entry.get("type") == "BitstringStatusListEntry" \
                and entry.get("statusPurpose") == "revocation":
            index, url = entry.get("statusListIndex"), entry.get("statusListCredential")
            if isinstance(index, str) and index.isdigit() and isinstance(url, str):
                return url, int(index)
    raise NonConformance(msg("identity.status-no-entry"), file=where, rule="R1",
                         pointer="/verifiableCredential/credentialStatus", expected=msg("identity.expect-status-entry"),
                         actual=status)


def _listed(api: HttpTarget, url: str, index: int, evidence: Evidence, rule: str) -> bool | None:
    """The bit of ``index`` in the list the platform serves at ``url`` (under its base URL);
    None, with a finding under ``rule``, when the list cannot be read; None, the list unjudged, when it expands past
    5.1's reading bound 「状态列表的解压大小」."""
    from conformance.areas.identity.statuslist import OverBound, bit, expanded

    base = str(api.base_url)
    if not url.startswith(base):
        evidence.finding(msg("identity.status-list-elsewhere"), rule=rule, expected=base, actual=url)
        return None
    response = api.get("/" + url.removeprefix(base))
    body = response.json() if response.status == 200 else None
    subject = body.get("credentialSubject") if isinstance(body, dict) else None
    try:
        if not isinstance(subject, dict) or subject.get("statusPurpose") != "revocation" \
                or "BitstringStatusListCredential" not in (body.get("type") or []):
            raise ValueError(msg("identity.status-list-not-a-list"))
        return bit(expanded(subject.get("encodedList")), index)
    except OverBound as exc:
        evidence.unjudged(response.requested, reason(exc), rule=rule, pointer="/credentialSubject/encodedList")
        return None
    except ValueError as exc:
        evidence.finding(msg("identity.status-list-unreadable", reason=reason(exc)), file=response.requested,
                         rule=rule, pointer="/credentialSubject/encodedList", actual=response.status)
        return None


@pytest.mark.requirement("ID-VCAPI-003")
def test_a_revoked_credential_is_listed_and_refused_by_the_verifier(targets: Targets, evidence: Evidence,
                                                                    params: Parameters):
    api = targets.http("api")
    credential_id = f"urn:uuid:{uuid.uuid4()}"
    request = requestbodies.revocable_request(issue_requests(params.issuer, params.proof_type, params.cryptosuite,
                                                             params.verification_method)[0], credential_id)
    with precondition(msg("identity.pre-issued", path=ISSUE), msg("shared.pre-fix-see", requirement="ID-VCAPI-001")):
        credential, where = issued(api, request)
    url, index = _status_entry(credential, where)  # R1
    if _listed(api, url, index, evidence, "R2") is True:  # R2: not revoked yet
        evidence.finding(msg("identity.status-set-before"), rule="R2", file=url, expected=0, actual=1)
    with precondition(msg("identity.pre-verified", path=VERIFY), msg("shared.pre-fix-see", requirement="ID-VCAPI-002")):
        outcome, why, checked = _outcome(api, credential)
        if outcome != VERIFIED:
            raise NonConformance(msg("identity.vcapi-issued-not-verified", reason=why), file=checked)
    # R3: the VC API's update status revokes it, asked with a bearer token (the VC API secures the operation)
    _, token = key_login(api)
    response = api.request("POST", STATUS, json=requestbodies.status_update_request(credential_id), auth=None,
                           headers={"Authorization": f"Bearer {token}"})
    if response.status != 200:  # annex D's contract and the VC API's updateCredentialStatus give 200 alone
        raise NonConformance(msg("identity.status-not-updated"), file=response.requested, rule="R3",
                             expected=200, actual=response.status)
    if _listed(api, url, index, evidence, "R4") is False:  # R4: the list shows it
        evidence.finding(msg("identity.status-not-listed"), rule="R4", file=url, expected=1, actual=0)
    outcome, why, checked = _outcome(api, credential)  # R5: the verifier refuses it
    if outcome != REFUSED:
        evidence.finding(msg("identity.status-revoked-verified", reason=why), file=checked, rule="R5",
                         expected=msg("identity.expect-not-verified"))
