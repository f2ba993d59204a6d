"""The HTTP resolution binding of device, product and asset identifiers.

Modelled on the W3C DID Resolution HTTP(S) binding: ``GET /1.0/resolve?identifier=...``
answers a resolution result (``schemas/identifiers/resolution-result.json``), or an RFC 9457
problem whose ``error`` member is the binding's code: 400 ``invalidIdentifier``, 404
``notFound``, 501 ``schemeNotSupported`` (DID resolution's invalidDid, notFound,
methodNotSupported). ``GET /identifiers`` lists what the platform resolves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from conformance import Inconclusive, msg

from .._shared.dependent import served_body
from .._shared.ownread import own_json

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget
    from conformance.area import JsonObject, JsonValue, SchemaRegistry

LIST_PATH = "/identifiers"
RESOLVE_PATH = "/1.0/resolve"
RESULT_SCHEMA = "https://metaverse-conformance.org/schemas/identifiers/resolution-result.json"
LIST_SCHEMA = "https://metaverse-conformance.org/schemas/identifiers/identifier-list.json"
#: the problem details answering a failed resolution, with the binding's `error` member (annex D gives its values)
PROBLEM_SCHEMA = "https://metaverse-conformance.org/schemas/identifiers/resolution-problem.json"
ACCEPT = {"Accept": "application/json"}
#: the binding's error code for each status it defines (the enumeration of PROBLEM_SCHEMA's `error`)
ERRORS = {400: "invalidIdentifier", 404: "notFound", 501: "schemeNotSupported", 406: "representationNotSupported"}


def resolve_path(identifier: str) -> str:
    return f"{RESOLVE_PATH}?{urlencode({'identifier': identifier})}"


def listed(api: HttpTarget, schemas: SchemaRegistry, evidence: Evidence, judged: bool = False) -> list[JsonObject]:
    """The platform's identifier list; Inconclusive without one. ``judged``: the caller judges the
    list (IR-SYN-001), so its schema findings are recorded; the others only read it."""
    response = api.get(LIST_PATH, headers=ACCEPT)
    if judged and response.status == 200:
        body = own_json(response, None)  # a list that is not JSON is IR-SYN-001's own finding (it has no rules)
    else:  # a list not served, or not JSON, leaves the others nothing to read
        body, state = served_body(response)
        if body is None and state != 200:
            raise Inconclusive(msg("identifiers.list-unavailable", path=LIST_PATH, status=state))
    if judged:
        evidence.findings_from(schemas.findings(body, LIST_SCHEMA), file=response.requested)
    items = body.get("identifiers") if isinstance(body, dict) else None
    found = [i for i in items if isinstance(i, dict) and isinstance(i.get("identifier"), str)] \
        if isinstance(items, list) else []
    if not found:
        raise Inconclusive(msg("identifiers.list-empty"))
    return found


def value_of(result: JsonValue, value_type: str) -> JsonValue:
    """The data value of the first Handle value of ``value_type`` in a resolution result."""
    values = result.get("values") if isinstance(result, dict) else None
    for item in values if isinstance(values, list) else []:
        if isinstance(item, dict) and item.get("type") == value_type and isinstance(data := item.get("data"), dict):
            return data.get("value")
    return None


#: the member of a described document that carries its own identifier, by kind
ID_MEMBER = {"asset": "asset_id", "device": "model", "product": "model"}
