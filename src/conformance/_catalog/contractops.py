"""Which operations of the OpenAPI contract (annex D) a check that takes every operation of a kind calls, read from
the operation object alone: those only a bearer token opens (IF-AUTH-001 probes them; annex D marks them
"Protection: bearer token"), those of them only the asset's holder may perform (IF-AUTH-002), those whose JSON
request body the contract gives an example of (IF-ROB-001 breaks that example) and those of them the contract marks ``x-valid-probe`` (IF-ROB-002 sends the filled example as a valid
request). The checks and annex D's "Requirements" column read them here, so the column lists such a
requirement in every row its check calls (thirty-first reading b6).
"""

from __future__ import annotations

from urllib.parse import urlsplit

JSON = "application/json"


def _object(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def bearer_only(operation: object) -> bool:
    """Whether the operation needs a bearer token. OpenAPI lists alternatives; an empty one (``{}``) means
    anonymous access is allowed ("Protection: optional bearer token"), so the operation is not secured."""
    alternatives = _object(operation).get("security", [])
    return isinstance(alternatives, list) and bool(alternatives) and all(alternatives) \
        and any(isinstance(a, dict) and "bearer" in a for a in alternatives)


def holder_only(operation: object) -> bool:
    """Whether only the holder of the asset the path names may perform the operation (``x-mutating``'s ``as:
    holder``): IF-AUTH-002 sends it another identity's token, and annex D marks it "the asset's holder only"."""
    mutating = _object(_object(operation).get("x-mutating"))
    return bearer_only(operation) and mutating.get("as") == "holder"


def example_body(operation: object) -> dict[str, object] | None:
    """The operation's JSON request body (its media type object) where the contract gives both its schema and an
    example, else None: the bodies a robustness check can break one rule of."""
    media = _object(_object(_object(_object(operation).get("requestBody")).get("content")).get(JSON))
    return media if "example" in media and "schema" in media else None


def valid_probe(operation: object) -> bool:
    """Whether the operation's filled example is sent as a valid request: the contract marks it ``x-valid-probe``
    and gives its JSON body's example (the others need a signature only the identity suite makes)."""
    return bool(_object(operation).get("x-valid-probe")) and example_body(operation) is not None


def candidate_only(operation: object) -> bool:
    """Whether the contract marks the operation ``x-candidate``: used only by candidate requirements (annex C), so
    annex D does not define it and a normative check calling every operation of a kind leaves it out (fifty-ninth
    reading b6, d3: IF-ROB-001 and IF-ROB-003 probed `POST /appeals` and `GET /identities/{did}/standing`)."""
    return _object(operation).get("x-candidate") is True


def path_read(operation: object, method: str, path: str) -> bool:
    """Whether IF-ROB-003 generates values for the operation: a read (``GET``) of annex D with one path parameter."""
    return method == "GET" and path.count("{") == 1 and not candidate_only(operation)


def probed_read(operation: object, method: str, path: str) -> bool:
    """Whether IF-CON-001 may send the operation a request: a read (``GET``) of annex D each of whose path parameters
    has a value the platform hands out (``x-probe``) or a value that does not exist (``x-probe-missing``); the
    operation object's ``parameters`` resolved, the path item's among them."""
    if method != "GET" or candidate_only(operation):
        return False
    listed = _object(operation).get("parameters")
    inpath = [p for p in (listed if isinstance(listed, list) else []) if _object(p).get("in") == "path"]
    return "{" not in path or bool(inpath) and all("x-probe" in p or "x-probe-missing" in p for p in inpath)


def _names(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def offer_marks(operation: object) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """What declares that a platform offers the operation, as the contract marks it: the test profiles whose claim
    offers it (``x-profiles``), the optional features it serves (``x-features``) and the member of the discovery
    document giving its path (``x-discovery``); all empty for an operation of annex D's core (the asset registry the
    contract-wide cases issue their probe asset in, the discovery document, the test deployment's operations)."""
    op = _object(operation)
    member = op.get("x-discovery")
    return _names(op.get("x-profiles")), _names(op.get("x-features")), member if isinstance(member, str) else ""


def _member(declared: object, dotted: str) -> object:
    for name in dotted.split("."):
        declared = _object(declared).get(name)
    return declared


def declared_path(operation: object, declared: object) -> str | None:
    """The path template a request for the operation goes to on a platform whose discovery document (``declared``:
    its JSON) gives the path at the operation's ``x-discovery`` member (table D.3's "Discovery" column): that
    member's value (an absolute URL's path, as the reporting cases read ``reporting.endpoint``) followed by the
    contract's ``x-discovery-suffix`` where it gives one (a report is read at ``reporting.endpoint`` followed by
    ``/{report_id}``). None: the operation is reached through no member, or the document holds no path there. The one
    reading of a declared path: :func:`offered` and the checks probing every operation of a kind (seventy-third
    reading, b1's class: they sent such an operation's probes to the contract's path, which the platform need not
    serve)."""
    _, _, member = offer_marks(operation)
    at = _member(declared, member) if member else None
    if not isinstance(at, str) or not at:
        return None
    try:
        path = urlsplit(at).path or at
    except ValueError:  # not a URL (an unclosed IPv6 host): the document's to judge (IF-DISC-002), sent as given
        path = at
    suffix = _object(operation).get("x-discovery-suffix")
    return path.rstrip("/") + suffix if isinstance(suffix, str) and suffix else path


def offered(operation: object, declared: object) -> bool | None:
    """Whether a platform offers the operation by the discovery document it serves (``declared``: its JSON, None when
    it could not be read): an unmarked operation always; a marked one when the document lists one of its
    ``x-profiles`` in ``profiles``, one of its ``x-features`` in ``features`` and a path at its ``x-discovery``
    member (:func:`declared_path`). None: a marked operation and no document to decide by. The one rule every check
    taking every operation of a kind reads (seventy-second reading, b's doubtful 1: a platform claiming
    `interfaces-robustness` without the generation service failed IF-ROB-002 on `POST /generate`)."""
    profiles, features, member = offer_marks(operation)
    if not (profiles or features or member):
        return True
    if not isinstance(declared, dict):
        return None
    listed = set(_names(declared.get("profiles"))) | set(_names(declared.get("features")))
    return (not profiles or bool(listed & set(profiles))) and (not features or bool(listed & set(features))) \
        and (not member or declared_path(operation, declared) is not None)
