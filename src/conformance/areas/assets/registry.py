"""What the assets area checks of an asset registry's answers (docs/assets.md, "The registry
API"): a step's status, the state and the listing of an asset. The client the checks call
through (identities, calls, sessions) is shared: :mod:`conformance.areas._shared.registry`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Message, NonConformance, alternatives, msg

from .._shared.dependent import served_body, unparsed, unread
from .._shared.ownread import own_json
from .._shared.problems import check_problem
from .._shared.registry import Identity, Registry

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import JsonObject, Response, SchemaRegistry

STATE_KEYS = ("owner", "burned", "locked", "supply")
HISTORY_SCHEMA = "https://metaverse-conformance.org/schemas/assets/asset-history.json"


def expect(evidence: Evidence, schemas: SchemaRegistry, response: Response, allowed: frozenset[int] | set[int],
           what: Message, rule: str | None = None) -> bool:
    """Whether the status is one of ``allowed``; a refusal must also be an RFC 9457 problem.
    ``what``: the step, as a message (``assets.step-*``) that findings name; ``rule``: the
    R-number of the caller's requirement the status serves (the report's rule column)."""
    where = f"{response.method} {response.url}"
    if response.status not in allowed:
        evidence.finding(msg("assets.answered", what=what, status=response.status), file=where,
                         expected=alternatives(sorted(allowed)), actual=response.status, rule=rule)
        return False
    if response.status >= 400:
        check_problem(response, schemas, evidence, rule=rule)
    return True


def check_state(evidence: Evidence, registry: Registry, asset_id: str, expected: JsonObject, what: Message,
                keys: tuple[str, ...] = STATE_KEYS, judged_by: str | None = None,
                rule: str | None = None) -> JsonObject | None:
    """GET the asset's state and compare it with ``expected``; returns what the target said.
    ``judged_by``: the requirement that judges how the state is served (AS-REG-001), when it is
    not the calling one: a state not served (not 200, or a body that does not parse) is then
    left unread, naming it, not a finding. ``rule``: the R-number of the caller's requirement
    the state serves; when the read is the caller's own, every finding carries it."""
    response = registry.state(asset_id)
    where = response.requested
    if judged_by is not None:
        state, status = served_body(response)
        if state is None:
            unread(evidence, where, msg("assets.state-of", asset=asset_id), status, judged_by)
            return None
    elif response.status != 200:
        evidence.finding(msg("assets.state-status", what=what, asset=asset_id, status=response.status), file=where,
                         expected=200, actual=response.status, rule=rule)
        return None
    else:
        try:
            state = response.json()
        except NonConformance as exc:
            evidence.finding(msg("assets.state-status", what=what, asset=asset_id, status=unparsed(exc)),
                             file=where, expected=200, actual=response.status, rule=rule)
            return None
    if not isinstance(state, dict):
        evidence.finding(msg("assets.state-not-object", what=what), file=where, actual=type(state).__name__,
                         rule=rule)
        return None
    for key in keys:
        if key in expected and state.get(key) != expected[key]:
            evidence.finding(msg("assets.state-member", what=what, key=key, asset=asset_id), file=where,
                             pointer=f"/{key}",
                             expected=expected[key], actual=state.get(key), rule=rule)
    return state


def history_read(evidence: Evidence, schemas: SchemaRegistry, registry: Registry, asset_id: str,
                 judged_by: str = "AS-REG-001", own: bool = False) -> tuple[str, list[JsonObject]] | None:
    """(where, events) of GET /assets/{asset_id}/history for a requirement that reads the record
    (a trade's, a refusal's): a history not answered 200 is ``judged_by``'s to judge and is left
    unread, naming it. A body that does not parse, or one off the history schema, is that too
    when the record is a set-up of the caller (one state, one verdict); ``own``: the caller
    judges the record itself (AS-TRADE-001's trade schema, AS-TRADE-005's chain), so such a body
    is the caller's finding. None: nothing to read."""
    response = registry.history(asset_id)
    where = response.requested
    body, status = served_body(response) if not own or response.status != 200 else (own_json(response, None), 200)
    if body is None:
        unread(evidence, where, msg("assets.history-of", asset=asset_id), status, judged_by)
        return None
    if own:
        if evidence.findings_from(schemas.findings(body, HISTORY_SCHEMA), file=where):
            return None
    elif off := schemas.findings(body, HISTORY_SCHEMA):
        unread(evidence, where, msg("assets.history-of", asset=asset_id),
               msg("assets.history-off-schema", detail=off[0].message), judged_by)
        return None
    events = body.get("events") if isinstance(body, dict) else None
    return where, [event for event in events if isinstance(event, dict)] if isinstance(events, list) else []


def listed(evidence: Evidence, registry: Registry, owner: Identity, rule: str | None = None) -> set[str] | None:
    """The asset IDs GET /assets?owner= lists for ``owner`` (first page); ``rule``: the R-number
    of the caller's requirement the listing serves."""
    response = registry.owned(owner.did)
    if response.status != 200:
        evidence.finding(msg("assets.listing-status", who=owner.name, status=response.status),
                         file=response.requested, expected=200, actual=response.status, rule=rule)
        return None
    body = own_json(response, rule)
    items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(items, list):
        evidence.finding(msg("assets.listing-no-items"), file=response.requested,
                         pointer="/items", actual=type(items).__name__, rule=rule)
        return None
    return {i["asset_id"] for i in items if isinstance(i, dict) and isinstance(i.get("asset_id"), str)}
