"""Authentication: every mutating operation of the contract needs the caller's own bearer token.

The harness acts as two holder identities (A and B, from the test provisioning endpoint),
issues a probe asset as A, then calls every operation the contract secures with a bearer
token (one reached through a member of the discovery document at the path the platform declares
there, seventy-fourth reading): without a token, with malformed ones (401 expected), and, for operations only the
holder may perform, as B (403 expected). IF-AUTH-002 calls only the operations only the holder may perform, which its
step 2 lists (seventy-fifth reading, b2: an operation outside them whose declared path it could not fill left it
inconclusive). After each refused call it reads the asset back:
a refused call changes nothing. For IF-AUTH-001 the paths also take A's DID, a purpose the
platform declares and B's order of the probe asset, so that every operation table D.3 marks
"Protection: bearer token" is called (thirty-first reading b7); one whose value the platform
did not hand out leaves the verdict inconclusive, as the case's text says.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, msg
from conformance.area import SchemaRegistry, holder_only
from conformance.areas._shared.dependent import served_body, unreadable
from conformance.areas._shared.discovery import declared_member
from conformance.areas._shared.registry import Identity, Registry, Session
from conformance.areas._shared.trading import Market, declared_probe_price, terms
from conformance.areas.interfaces.offers import Offers
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import JSON, fill_path, filled, normative_operations, secured, spec

#: the path parameters step 1 of IF-AUTH-001 hands out a value for; an operation taking another one (a play
#: session's heartbeat) is no row of table D.3 and is only noted
STEP_ONE = ("asset_id", "did", "purpose", "order_id")

def bad_authorization() -> list[tuple[str, str | None]]:
    """Authorization headers that carry no usable bearer token (RFC 6750 2.1), with what they are. The unknown
    token is generated afresh for each run, as IF-AUTH-001's step says: a fixed one a platform could recognise."""
    return [
        (msg("interfaces.caller-no-header"), None),
        (msg("interfaces.caller-scheme-only"), "Bearer"),
        (msg("interfaces.caller-basic"), "Basic Y29uZm9ybWFuY2U6cHJvYmU="),
        (msg("interfaces.caller-unknown-token"), f"Bearer {secrets.token_urlsafe(32)}"),
    ]


def _snapshot(registry: Registry, asset_id: str) -> Any:
    """The probe asset's state, a read AS-REG-001 judges: a 200 whose body does not parse leaves
    whether a refused call changed it unseen, so the test is inconclusive naming AS-REG-001."""
    response = registry.state(asset_id)
    body, state = served_body(response)
    if response.status == 200 and body is None:
        raise unreadable(msg("assets.state-of", asset=asset_id), response.requested, state, "AS-REG-001")
    return response.status, body


@dataclass
class Refusal:
    """One call without the caller's own token, and what it did."""

    operation: str
    where: str
    label: str
    expected: int
    status: int
    #: (before, after) when the call changed the asset's state or issued an asset
    changed: tuple[Any, Any] | None = None


def _declared(read: Any) -> Any:
    """What ``read`` gets of the discovery document, None where it declares nothing of it (the declaration is
    another requirement's to judge; here it only gives a value a path takes)."""
    try:
        return read()
    except (Inconclusive, NonConformance):
        return None


def _step_one_values(api: Any, a: Identity, b: Identity, asset_id: str, evidence: Any) -> dict[str, str]:
    """IF-AUTH-001 step 1's values beyond the probe asset: A's DID, a purpose of consent the platform declares
    (user_data.purposes), and the ID of an order B places for the probe asset (as the AS-TRADE cases do)."""
    values = {"did": a.did}
    user_data = _declared(lambda: declared_member(api, ("user_data",), msg("interfaces.udp-no-declaration", paths="purposes")))
    purposes = user_data.get("purposes") if user_data else None
    purpose = next((name for name, entry in purposes.items() if isinstance(entry, dict)
                    and entry.get("basis") == "consent"), None) if isinstance(purposes, dict) else None
    if purpose is not None:
        values["purpose"] = purpose
    price = _declared(lambda: declared_probe_price(terms(api)))  # None: no market, or no currency it offers
    if price is not None:
        response = Market(api).order(b, asset_id, price)
        body = _declared(response.json) if response.status == 201 else None
        order = body.get("order") if isinstance(body, dict) else None
        if isinstance(order, dict) and isinstance(order.get("order_id"), str):
            values["order_id"] = order["order_id"]
        else:
            evidence.note(msg("interfaces.auth-no-order", status=response.status), file=response.requested)
    return values


def _probe(targets: Any, schemas: Any, identity_path: str, evidence: Any, *,
           unprobed: list[str] | None = None, holder: bool = False) -> tuple[list[Refusal], Offers]:
    """Call every operation the contract secures with a bearer token without the caller's
    own token (as nobody, with malformed tokens, and as another identity where only the
    holder may act), reading the probe asset back after each call. With ``unprobed`` (IF-AUTH-001)
    the paths take step 1's values too, and each operation one of them is missing for is added to it. With
    ``holder`` (IF-AUTH-002) only the operations only the asset's holder may perform are called, the others neither
    called nor recorded: whether the platform offers them, or serves them at a path the case can fill, is no part of
    that case's verdict."""
    api = targets["api"]
    contract = Contract(schemas)
    session = Session(targets, identity_path, count=2)
    a, b = session.ids[:2]
    asset_id = session.issue(evidence, a, "auth")
    if asset_id is None:
        raise Inconclusive(msg("interfaces.no-probe-asset-to-guard"))
    given = {"asset_id": asset_id}
    if unprobed is not None:
        given.update(_step_one_values(api, a, b, asset_id, evidence))
    registry = session.registry
    before = _snapshot(registry, asset_id)
    refusals: list[Refusal] = []
    unusable = bad_authorization()  # one unknown token for the run, fresh at each run
    offers = Offers(api, contract)
    for op in normative_operations(contract):  # annex D's: not those used only by candidate requirements
        if holder and not holder_only(spec(contract, op)):  # IF-AUTH-002's step 2 lists the holder's alone
            continue
        if not secured(contract, op) or not offers.probed(op, evidence):  # or of a service not offered
            continue
        template = offers.path(op)  # the path its discovery member declares (seventy-fourth reading, paths)
        path = fill_path(template, given)
        if path is None and template != op.path and fill_path(op.path, given) is not None:
            offers.unfilled(op, template, evidence)  # the platform's declared path: not probed, recorded
            continue
        if path is None:
            evidence.note(msg("interfaces.not-probed", operation=op.operation_id))
            if unprobed is not None and fill_path(op.path, dict.fromkeys(STEP_ONE, "")) is not None:
                unprobed.append(op.operation_id)
            continue
        operation = spec(contract, op)
        media = operation.get("requestBody", {}).get("content", {}).get(JSON, {})
        fresh = session.new_id("auth")
        values = {"fresh-id": fresh, "holder": a.did, "other-holder": b.did}
        body = filled(media["example"], media.get("x-fill", {}), values) if "example" in media else {}
        callers: list[tuple[str, str | None, int]] = [(k, v, 401) for k, v in unusable]
        if holder_only(operation):
            callers.append((msg("interfaces.caller-other-identity"), f"Bearer {b.token}", 403))
        for label, authorization, expected in callers:
            headers = {"Authorization": authorization} if authorization else {}
            response = api.request(op.method, path, headers=headers, json=body, auth=None)
            refusal = Refusal(op.operation_id, response.requested, label, expected, response.status)
            after = _snapshot(registry, asset_id)
            if after != before:
                refusal.changed = (before[1], after[1])
                before = after
            elif "fresh-id" in media.get("x-fill", {}).values():
                issued = registry.call("GET", Registry.path(fresh), None)
                if issued.status != 404:
                    refusal.changed = (msg("interfaces.expect-answers-404", path=Registry.path(fresh)), issued.status)
            refusals.append(refusal)
    if not refusals:
        raise Inconclusive(msg("interfaces.nothing-secured"))
    return refusals, offers


def _statuses(refusals: list[Refusal], expected: int, evidence: Any) -> None:
    mine = [r for r in refusals if r.expected == expected]
    if not mine:
        raise Inconclusive(msg("interfaces.nothing-expecting", status=expected))
    moved: Refusal | None = None  # the first 401 probe that changed the shared probe asset
    for r in refusals:
        if moved is None and r.expected == 401 and r.changed is not None:
            moved = r
        if r.expected != expected or r.status == expected:
            continue
        if expected == 403 and moved is not None:
            # another identity's call on an asset a call without a token had moved: a 404 or 409 there is
            # IF-AUTH-001's and IF-AUTH-003's defect, which IF-AUTH-002's steps never provoke
            evidence.unjudged(r.where, msg("interfaces.auth-after-moved", operation=r.operation, caller=r.label,
                                           status=r.status, by=moved.operation))
            continue
        evidence.finding(msg("interfaces.auth-answered", operation=r.operation, caller=r.label, status=r.status),
                         file=r.where, expected=expected, actual=r.status)
    evidence.note(msg("interfaces.calls-expecting", count=len(mine), status=expected))


@pytest.mark.requirement("IF-AUTH-001")
def test_calls_without_a_usable_token_get_401(targets: Targets, schemas: SchemaRegistry, params: Parameters,
                                              evidence: Evidence):
    unprobed: list[str] = []
    refusals, offers = _probe(targets, schemas, params.identity_path, evidence, unprobed=unprobed)
    _statuses(refusals, 401, evidence)
    if unprobed and not evidence.findings_count:
        raise Inconclusive(msg("interfaces.auth-unprobed", count=len(unprobed), operations=", ".join(unprobed)))
    offers.close(evidence)


@pytest.mark.requirement("IF-AUTH-002")
def test_calls_with_another_identitys_token_get_403(targets: Targets, schemas: SchemaRegistry, params: Parameters,
                                                    evidence: Evidence):
    refusals, offers = _probe(targets, schemas, params.identity_path, evidence, holder=True)
    _statuses(refusals, 403, evidence)
    offers.close(evidence)


@pytest.mark.requirement("IF-AUTH-003")
def test_refused_calls_change_nothing(targets: Targets, schemas: SchemaRegistry, params: Parameters,
                                      evidence: Evidence):
    refusals, offers = _probe(targets, schemas, params.identity_path, evidence)
    for r in refusals:
        if r.changed is not None and r.status >= 400:
            evidence.finding(msg("interfaces.refused-but-changed", operation=r.operation, caller=r.label,
                                 status=r.status), file=r.where, expected=r.changed[0], actual=r.changed[1])
        elif r.changed is not None:
            evidence.finding(msg("interfaces.acted-without-token", operation=r.operation, caller=r.label,
                                 status=r.status), file=r.where, expected=r.changed[0], actual=r.changed[1])
    evidence.note(msg("interfaces.calls-read-back", count=len(refusals)))
    offers.close(evidence)
