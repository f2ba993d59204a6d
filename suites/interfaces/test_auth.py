"""Authentication: every mutating operation of the contract needs the caller's own bearer token.

The harness acts as two holder identities (A and B, from the test provisioning endpoint),
issues a probe asset as A, then calls every operation the contract secures with a bearer
token: without a token, with malformed ones (401 expected), and, for operations only the
holder may perform, as B (403 expected). After each refused call it reads the asset back:
a refused call changes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance import Inconclusive
from conformance.checks.assets.registry import Registry, Session
from conformance.checks.interfaces.openapi import Contract
from conformance.checks.interfaces.robustness import JSON, fill_path, filled, secured, spec

#: Authorization headers that carry no usable bearer token (RFC 6750 2.1), by what they are.
BAD_AUTHORIZATION: dict[str, str | None] = {
    "no Authorization header": None,
    "the Bearer scheme without a token": "Bearer",
    "another scheme (Basic)": "Basic Y29uZm9ybWFuY2U6cHJvYmU=",
    "a token the platform never issued": "Bearer conformance-never-issued-token",
}


def _snapshot(registry: Registry, asset_id: str) -> Any:
    response = registry.state(asset_id)
    return response.status, (response.json() if response.status == 200 else None)


@pytest.mark.requirement("IF-AUTH-001")
def test_mutating_operations_need_the_callers_token(targets, schemas, params, evidence):
    api = targets["api"]
    contract = Contract(schemas)
    session = Session(targets, params.identity_path, count=2)
    a, b = session.ids[:2]
    asset_id = session.issue(evidence, a, "auth")
    if asset_id is None:
        raise Inconclusive("the registry did not issue the probe asset: no asset to guard")
    registry = session.registry
    before = _snapshot(registry, asset_id)
    checked = 0
    for op in contract.operations:
        if not secured(contract, op):
            continue
        path = fill_path(op.path, {"asset_id": asset_id})
        if path is None:
            evidence.note(f"{op.operation_id}: no value for its path parameters, not probed")
            continue
        operation = spec(contract, op)
        media = operation.get("requestBody", {}).get("content", {}).get(JSON, {})
        fresh = session.new_id("auth")
        values = {"fresh-id": fresh, "holder": a.did, "other-holder": b.did}
        body = filled(media["example"], media.get("x-fill", {}), values) if "example" in media else {}
        callers: list[tuple[str, str | None, int]] = [(k, v, 401) for k, v in BAD_AUTHORIZATION.items()]
        if operation.get("x-mutating", {}).get("as") == "holder":
            callers.append(("the token of an identity that does not hold the asset", f"Bearer {b.token}", 403))
        for label, authorization, expected in callers:
            headers = {"Authorization": authorization} if authorization else {}
            response = api.request(op.method, path, headers=headers, json=body, auth=None)
            checked += 1
            where = f"{op.method} {path}"
            if response.status != expected:
                evidence.finding(f"{op.operation_id} with {label}: answered {response.status}", file=where,
                                 expected=expected, actual=response.status)
            after = _snapshot(registry, asset_id)
            if after != before:
                evidence.finding(f"{op.operation_id} with {label} changed the asset's state", file=where,
                                 expected=before[1], actual=after[1])
                before = after
            if "fresh-id" in media.get("x-fill", {}).values():
                issued = registry.call("GET", Registry.path(fresh), None)
                if issued.status != 404:
                    evidence.finding(f"{op.operation_id} with {label} issued the asset {fresh}", file=where,
                                     expected="GET answers 404", actual=issued.status)
    if not checked:
        raise Inconclusive("the contract secures no operation with a bearer token")
    evidence.note(f"{checked} call(s) without the caller's own token, each refused and changing nothing")
