"""Reference routes of identity: DID resolution (W3C DID Resolution HTTPS binding), plus
the registrar and authentication routes of the sibling ``identity_*`` modules.

``GET /1.0/identifiers/{did}`` answers from the app's :class:`Registry` (seeded with
``samples/did_documents/``, the files the demo checks as the ``did_documents`` role; did:key
documents are derived from the key), negotiating between ``application/did+json``,
``application/did+ld+json`` and ``application/did-resolution``. Errors are RFC 9457
problems: 400 not a DID, 404 unknown, 406 no acceptable representation, 410 deactivated
(with ``deactivated: true``), 501 a DID method this resolver does not support.
"""

from __future__ import annotations

import copy
import hashlib
import re
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..problems import problem
from . import auth, certificates, portability, registrar, status, vcapi, webauthn
from .registry import SUPPORTED_METHODS, Record, Registry, seed_documents

RESOLVE_PREFIX = "/1.0/identifiers/"
DID_JSON = "application/did+json"
DID_LD_JSON = "application/did+ld+json"
DID_RESOLUTION = "application/did-resolution"
RESOLUTION_CONTEXT = "https://w3id.org/did-resolution/v1"

# DID Core 1.0 section 3.1: did:method-name:method-specific-id.
_IDCHAR = r"(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})"
DID_PATTERN = re.compile(rf"did:[a-z0-9]+:(?:{_IDCHAR}*:)*{_IDCHAR}+")

DEFECTS: dict[str, str] = {
    "resolve-wrong-content-type": "DID documents are served as application/json",
    "resolve-private-key": "resolved DID documents leak the private member 'd' of their JWKs",
    "resolve-id-mismatch": "resolution percent-decodes the DID, so the document's id is not the DID asked for",
    "invalid-did-200": "a string that is not a DID resolves (200) to the first known document",
    "unknown-did-400": "an unknown DID is answered 400 instead of 404",
    "accept-ignored": "the Accept header is ignored: every answer is application/did+json",
    "resolution-result-invalid": "DID resolution results give 'deactivated' as a string and omit contentType",
    "not-acceptable-200": "an Accept header that names no DID representation still gets 200 application/did+json",
    "method-unsupported-404": "a DID of a method the resolver does not support is answered 404 instead of 501",
    "deactivated-200": "a deactivated DID resolves (200) as if it were active",
    "resolve-personal-data": "resolved DID documents carry a contact service with an e-mail address and a phone number",
    "resolution-result-secret": "DID resolution results carry the DID's private key in their resolution metadata",
    "resolution-other-document": "DID resolution results carry another DID's document",
    "ld-json-without-context": "application/did+ld+json answers lack @context",
    "not-acceptable-plain": "an Accept header naming no DID representation gets 406 as text/plain, not problem details",
    "deactivated-flag-missing": "a deactivated DID is answered 410 but its metadata does not say deactivated: true",
    "resolution-active-deactivated": "DID resolution results of an active DID say deactivated: true in its metadata",
    "resolve-plain-404": "a DID the resolver cannot resolve (not a DID, unknown, of a method it does not support) "
                         "is answered a plain-text 404, not problem details",
    **registrar.DEFECTS,
    **auth.DEFECTS,
    **webauthn.DEFECTS,
    **certificates.DEFECTS,  # a digital certificate as an authentication tool (ID-CERT-001)
    **portability.DEFECTS,
    **vcapi.DEFECTS,
    **status.DEFECTS,
}


def is_did(value: str) -> bool:
    return DID_PATTERN.fullmatch(value) is not None


def example_dids() -> list[str]:
    """The DIDs this implementation resolves (listed in its discovery document)."""
    return list(seed_documents())


def _accepted(accept: str) -> list[tuple[str, float]]:
    """Media ranges of an Accept header with their weights (RFC 9110 12.5.1)."""
    ranges = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if media:
            ranges.append((media.lower(), weight))
    return ranges


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers most (the more specific range decides an offer's weight;
    ties go to the server's order), or None when it accepts none of them."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _accepted(accept)
    best: tuple[float, str] | None = None
    for offer in offers:
        kind = offer.split("/")[0]
        weight = None
        for pattern in (offer, f"{kind}/*", "*/*"):  # most specific first
            weights = [w for media, w in ranges if media == pattern]
            if weights:
                weight = max(weights)
                break
        if weight and (best is None or weight > best[0]):
            best = (weight, offer)
    return best[1] if best else None


def _requested_did(request: Request) -> str:
    """The DID from the raw path: the decoded path would turn a DID's own pct-encoding
    (did:web:host%3A8443) into something else. A client may also percent-encode the whole
    DID (did%3Aweb%3A...), which is undone once."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    segment = raw.decode("latin-1").split(RESOLVE_PREFIX, 1)[-1]
    return unquote(segment) if segment.lower().startswith("did%3a") else segment


def _leak_private_keys(document: dict[str, Any]) -> dict[str, Any]:
    leaked = copy.deepcopy(document)
    methods = [*leaked.get("verificationMethod", []), *leaked.get("keyAgreement", [])]
    for method in methods:
        if isinstance(method, dict) and "publicKeyJwk" in method:
            fake = hashlib.sha256(method["id"].encode()).digest()  # a stand-in, not a real key
            method["publicKeyJwk"]["d"] = fake.hex()[:43]
    return leaked


def resolution_result(record: Record, content_type: str, defects: frozenset[str]) -> dict[str, Any]:
    metadata = record.metadata()
    resolution: dict[str, Any] = {"contentType": content_type}
    if "resolution-result-invalid" in defects:
        metadata["deactivated"] = str(record.deactivated).lower()
        resolution.pop("contentType")
    if "deactivated-flag-missing" in defects:
        metadata.pop("deactivated", None)
    if "resolution-active-deactivated" in defects:
        metadata["deactivated"] = True
    if "resolution-result-secret" in defects:
        resolution["privateKeyMultibase"] = "z3u2en7t5LR2WtQH5PfsRmvpnHphRznEHuwhcxTC9rPgBf"  # a stand-in
    return {"@context": RESOLUTION_CONTEXT, "didDocument": record.document,
            "didResolutionMetadata": resolution, "didDocumentMetadata": metadata}


def resolver_routes(registry: Registry, defects: frozenset[str]) -> list[Route]:
    def invalid(detail: str) -> Response:
        return problem(400, "Invalid DID", detail, kind="invalid-did", defects=defects)

    async def resolve(request: Request) -> Response:
        did = _requested_did(request)
        if "resolve-plain-404" in defects and (not is_did(did) or registry.get(did) is None):
            return Response("Not Found", status_code=404, media_type="text/plain")
        if not is_did(did):
            if "invalid-did-200" in defects:
                return JSONResponse(next(iter(seed_documents().values())), media_type=DID_JSON)
            return invalid(f"{did!r} is not a DID (did:<method>:<method-specific-id>)")
        method = did.split(":")[1]
        if method not in SUPPORTED_METHODS and "method-unsupported-404" not in defects:
            supported = ", ".join(f"did:{m}" for m in SUPPORTED_METHODS)
            return problem(501, "Method Not Supported", f"this resolver supports {supported}",
                           kind="method-not-supported", defects=defects)
        record = registry.get(did)
        if record is None:
            if did.startswith("did:key:") and "unknown-did-400" not in defects:
                return invalid(f"{did} does not encode an Ed25519 or P-256 public key")
            if "unknown-did-400" in defects:
                return invalid(f"{did} is not known")
            return problem(404, "Not Found", f"no DID document for {did}", kind="not-found", defects=defects)
        document = record.document
        if "resolve-id-mismatch" in defects:
            document = {**document, "id": unquote(did)}
        representations = [DID_JSON, DID_LD_JSON] if "@context" in document else [DID_JSON]
        accept = request.headers.get("accept")
        if "accept-ignored" in defects:
            accept = None
        media_type = negotiate(accept, [*representations, DID_RESOLUTION])
        if media_type is None:
            if "not-acceptable-plain" in defects:
                return Response("Not Acceptable", status_code=406, media_type="text/plain")
            if "not-acceptable-200" not in defects:
                return problem(406, "Not Acceptable", f"available as {', '.join([*representations, DID_RESOLUTION])}",
                               kind="representation-not-supported", defects=defects)
            media_type = DID_JSON
        if "resolve-private-key" in defects:
            document = _leak_private_keys(document)
        if "resolve-personal-data" in defects:
            contact = {"id": "#contact", "type": "ContactPoint", "serviceEndpoint": "mailto:alice@example.com",
                       "telephone": "+86 139 1234 5678"}
            document = {**document, "service": [*document.get("service", []), contact]}
        shown = Record(document, record.created, record.updated, record.version, record.deactivated)
        gone = record.deactivated and "deactivated-200" not in defects
        if gone:
            shown.deactivated = True
        elif "deactivated-200" in defects:
            shown.deactivated = False
        if media_type == DID_RESOLUTION:
            if "resolution-other-document" in defects:
                other = next(d for k, d in seed_documents().items() if k != did)
                shown = Record(other, record.created, record.updated, record.version, shown.deactivated)
            body = resolution_result(shown, representations[-1], defects)
            return JSONResponse(body, status_code=410 if gone else 200, media_type=DID_RESOLUTION)
        if gone:
            extra = {} if "deactivated-flag-missing" in defects else {"deactivated": True}
            return problem(410, "Deactivated", f"{did} has been deactivated", kind="deactivated",
                           defects=defects, **extra)
        if "ld-json-without-context" in defects and media_type == DID_LD_JSON:
            document = {k: v for k, v in document.items() if k != "@context"}
        if "resolve-wrong-content-type" in defects:
            media_type = "application/json"
        return JSONResponse(document, media_type=media_type)

    async def no_did(request: Request) -> Response:
        return invalid(f"no DID given: use {RESOLVE_PREFIX}{{did}}")

    return [
        Route(RESOLVE_PREFIX, no_did),
        Route(RESOLVE_PREFIX + "{did:path}", resolve),
    ]


def routes(defects: frozenset[str], real_name: registrar.RealName = lambda token: None) -> list[Route]:
    """Every identity route of one app instance, sharing one registry; ``real_name`` tells the
    registrar whether the user a bearer token names is real-name verified."""
    registry = Registry.seeded()
    tokens = auth.Tokens(registry, defects)  # key logins' tokens, which the VC API's status update takes too
    return [
        *resolver_routes(registry, defects),
        *registrar.routes(registry, defects, real_name),
        *auth.routes(registry, defects, tokens),
        *portability.routes(registry, defects),
        *vcapi.routes(registry, defects, tokens.bearer),
    ]
