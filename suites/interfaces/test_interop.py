"""Cross-platform interoperability (profile interop-pair): what is made at one platform works
at the other, in both directions, recorded as the A x B matrix of the report.

- identity: registered at the source, exported (signed by its controller), imported at the
  target, and authenticated there with the original key;
- asset: issued and transferred at the source, exported with its history, imported at the
  target with the same history (provenance) and the same holder (ownership).
- credential: issued at the source through the W3C VC API (``/credentials/issue``),
  verified at the target (``/credentials/verify``); the same credential with its subject
  altered must not verify there.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, InteropMatrix, Parameters, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body, unread
from conformance.areas._shared.registry import Session
from conformance.areas.identity import did as didlib
from conformance.areas.identity.registration import CREATED, Identity, holds_key, register, registrar_state, signed
from conformance.areas.identity.requestbodies import (
    challenge_request,
    credential_draft,
    export_request,
    import_request,
    issue_request,
    key_proof,
    verify_request,
)
from conformance.areas.identity.vcapi import REFUSED, VERIFIED, verification_outcome
from conformance.areas.interfaces.requestbodies import asset_import_request

ROLES = ("api", "api_b")
#: the claim of the credential issued at one platform and verified at the other
PROBE_CLAIMS = {"memberOf": "metaverse-conformance interop probe"}
EXPORT, IMPORT = "/1.0/export", "/1.0/import"
CHALLENGES, PROOFS = "/1.0/auth/challenges", "/1.0/auth/proofs"


def _directions() -> list[tuple[str, str]]:
    return [(ROLES[0], ROLES[1]), (ROLES[1], ROLES[0])]


def _authenticates(api: Any, did: str, kid: str, key: Any) -> tuple[bool, str]:
    answer = api.post(CHALLENGES, json=challenge_request(did))
    # the challenge and the token are this case's own reads: one answered with a body that does not parse
    # fails this direction's cell (the fail line: a challenge not authenticated), never the whole case
    body, state = served_body(answer, ok=(200, 201))
    challenge = body.get("challenge") if isinstance(body, dict) else None
    if not isinstance(challenge, str):
        return False, msg("interfaces.iop-no-challenge", path=CHALLENGES, status=state)
    proof = key_proof(did, challenge, kid, didlib.b64url(didlib.sign(key, challenge.encode("utf-8"))))
    answer = api.post(PROOFS, json=proof)
    body, state = served_body(answer)
    token = body.get("access_token") if isinstance(body, dict) else None
    return isinstance(token, str), msg("interfaces.iop-post-answered", path=PROOFS, status=state)


@pytest.mark.requirement("IF-IOP-001")
def test_an_identity_from_one_platform_authenticates_at_the_other(targets: Targets, params: Parameters,
                                                                  schemas: SchemaRegistry, evidence: Evidence,
                                                                  interop: InteropMatrix):
    for source, target in _directions():
        identity = Identity.generate()
        # a set-up (ID-REG-001 judges the registration): a source that does not register it leaves the case
        # inconclusive, as its text says
        with precondition(msg("identity.pre-registered", path="/1.0/create"),
                          msg("shared.pre-fix-see", requirement="ID-REG-001")):
            register(targets[source], identity, evidence, schemas, params.did_method)
        exported = targets[source].post(EXPORT, json=signed(identity, export_request(identity.did), "key-1", "export"))
        export = _export(exported, source, interop, "identity", target)
        if export is None:
            continue
        # the import is judged here (the case's fail line: an import refused): annex D's 201 alone (table D.3)
        state = registrar_state(targets[target].post(
            IMPORT, json=signed(identity, import_request(export), "key-1", "import")), evidence, schemas,
            ok=CREATED)
        new_did = state.get("did", "")
        document = state.get("didDocument")
        method = holds_key(document, identity.keys["key-1"].public_key()) if isinstance(document, dict) else None
        if not new_did or method is None:
            interop.record(source, target, "identity", False, msg("interfaces.iop-key-lost"))
            continue
        kid = new_did + method if method.startswith("#") else method
        ok, detail = _authenticates(targets[target], new_did, kid, identity.keys["key-1"])
        interop.record(source, target, "identity", ok,
                       msg("interfaces.iop-identity", did=identity.did, new_did=new_did, detail=detail))


def _export(exported: Any, source: str, interop: InteropMatrix, kind: str, target: str) -> Any:
    """The export's JSON body, judged by this case (its fail line: an export refused, or not JSON):
    None with the direction's cell failed when it is not 200 or its body does not parse."""
    body, state = served_body(exported)
    if body is None:
        interop.record(source, target, kind, False,
                       msg("interfaces.iop-export-answered", platform=source, status=state))
    return body


def _history(api: Any, asset_id: str) -> tuple[Any, Any]:
    """The events of the asset's history at ``api`` and, when there are none, the answer's state."""
    response = api.get(f"/assets/{quote(asset_id, safe='')}/history")
    body, state = served_body(response)
    events = body.get("events") if isinstance(body, dict) else None
    return events, state


@pytest.mark.requirement("IF-IOP-002")
def test_an_asset_moves_with_its_history_and_holder(targets: Targets, params: Parameters, evidence: Evidence,
                                                    interop: InteropMatrix):
    for source, target in _directions():
        at_source = Session({"api": targets[source]}, params.identity_path, count=2)
        # Two at the target: the importer must not be the holder's namesake there, or an import
        # that hands the asset to its importer would look like one that kept its holder.
        at_target = Session({"api": targets[target]}, params.identity_path, count=2)
        a, b = at_source.ids[:2]
        importer = next(i for i in at_target.ids if i.did != b.did)
        asset_id = at_source.issue(evidence, a, "iop")
        if asset_id is None:
            raise Inconclusive(msg("interfaces.iop-not-issued", platform=source))
        moved = at_source.registry.transfer(a, asset_id, b.did)
        if moved.status != 200:
            raise Inconclusive(msg("interfaces.iop-not-transferred", platform=source, status=moved.status))
        history, unserved = _history(targets[source], asset_id)
        if history is None:  # how the source's registry serves a history is AS-REG-001's: not compared
            unread(evidence, f"GET /assets/{asset_id}/history at {source}", msg("interfaces.iop-source-history"),
                   unserved, "AS-REG-001")
        export = _export(targets[source].get(f"/assets/{quote(asset_id, safe='')}/export"), source, interop, "asset",
                         target)
        if export is None:
            continue
        imported = targets[target].request("POST", "/assets/import", json=asset_import_request(export),
                                           auth=None, headers={"Authorization": f"Bearer {importer.token}"})
        if imported.status != 201:  # annex D's contract gives 201 alone for an asset imported
            interop.record(source, target, "asset", False,
                           msg("interfaces.iop-import-answered", platform=target, status=imported.status))
            continue
        carried, _ = _history(targets[target], asset_id)
        state = at_target.registry.state(asset_id)
        shown, _ = served_body(state)  # how the state is served is AS-REG-001's: no holder read, this cell's problem
        owner = shown.get("owner") if isinstance(shown, dict) else None
        problems = []
        if history is not None and carried != history:
            problems.append(msg("interfaces.iop-history-differs", target=target, source=source,
                                carried=len(carried or []), events=len(history or [])))
        if owner != b.did:
            problems.append(msg("interfaces.iop-holder-differs", owner=repr(owner), target=target,
                                holder=repr(b.did), source=source))
        interop.record(source, target, "asset", not problems, _joined(problems) or
                       msg("interfaces.iop-asset-moved", asset=asset_id, events=len(history or []), holder=b.did))



@pytest.mark.requirement("IF-IOP-003")
def test_a_credential_issued_at_one_platform_verifies_at_the_other(targets: Targets, params: Parameters,
                                                                   evidence: Evidence, interop: InteropMatrix):
    for source, target in _directions():
        holder = Session({"api": targets[source]}, params.identity_path, count=1).ids[0]
        credential = credential_draft(holder.did, claims=PROBE_CLAIMS)
        issued = targets[source].request("POST", "/credentials/issue", json=issue_request(credential), auth=None,
                                         headers={"Authorization": f"Bearer {holder.token}"})
        if issued.status in (404, 405, 501):
            raise Inconclusive(msg("interfaces.iop-no-issue", platform=source, status=issued.status))
        body, state = served_body(issued, ok=201)  # annex D: 201 alone, judged by ID-VCAPI-001
        vc = body.get("verifiableCredential") if isinstance(body, dict) else None
        if not isinstance(vc, dict):  # no credential to carry over: ID-VCAPI-001's to judge, not this pair's
            evidence.unjudged(f"{source} -> {target}",
                              msg("interfaces.iop-issue-answered", platform=source, status=state))
            continue
        # The verdict to match is the issuer's own: a credential its issuer does not verify is not one
        # the other platform can be held to verify (ID-VCAPI-002 judges the issuer's verifier).
        own, why = verification_outcome(*_answer(targets[source].post("/credentials/verify", json=verify_request(vc))))
        if own != VERIFIED:
            evidence.unjudged(f"{source} -> {target}", msg("interfaces.iop-issuer-does-not-verify", platform=source,
                                                            why=why))
            continue
        tampered = {**vc, "credentialSubject": {**credential["credentialSubject"], "id": "did:web:tampered.invalid"}}
        problems = []
        # One rule for verification answers (ID-VCAPI-002 states it): verified, or refused.
        for copy_of, wanted in ((vc, VERIFIED), (tampered, REFUSED)):
            outcome, why = verification_outcome(*_answer(targets[target].post("/credentials/verify",
                                                                             json=verify_request(copy_of))))
            if outcome != wanted:
                key = "interfaces.iop-not-verified" if wanted == VERIFIED else "interfaces.iop-not-refused"
                problems.append(msg(key, target=target, why=why))
        interop.record(source, target, "credential", not problems, _joined(problems) or
                       msg("interfaces.iop-credential-moved", issuer=vc.get("issuer"), holder=holder.did))


def _answer(response: Any) -> tuple[int, Any]:
    """A verify answer's status and JSON body (None when it has none)."""
    return response.status, served_body(response)[0]  # a body that is not JSON is no verification result


def _joined(problems: list[str]) -> str:
    """The problems of one cell as one detail ("first; second"), each still in its template."""
    if not problems:
        return ""
    joined = problems[0]
    for problem in problems[1:]:
        joined = msg("interfaces.iop-and", first=joined, then=problem)
    return joined
