"""Reference routes of identity: DID resolution (W3C DID Resolution HTTPS binding).

``GET /1.0/identifiers/{did}`` answers the DID documents of ``samples/did_documents/``
(the same files the demo checks as the ``did_documents`` role), negotiating between
``application/did+json`` and ``application/did+ld+json``; errors are RFC 9457 problems:
400 for a string that is not a DID, 404 for a DID it does not know, 406 for an Accept
header it cannot satisfy.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .problems import problem

RESOLVE_PREFIX = "/1.0/identifiers/"
DID_JSON = "application/did+json"
DID_LD_JSON = "application/did+ld+json"
SEED_DIR = Path(__file__).parent / "samples" / "did_documents"

# DID Core 1.0 section 3.1: did:method-name:method-specific-id.
_IDCHAR = r"(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})"
DID_PATTERN = re.compile(rf"did:[a-z0-9]+:(?:{_IDCHAR}*:)*{_IDCHAR}+")

DEFECTS: dict[str, str] = {
    "resolve-wrong-content-type": "DID documents are served as application/json",
    "resolve-private-key": "resolved DID documents leak the private member 'd' of their JWKs",
    "resolve-id-mismatch": "resolution percent-decodes the DID, so the document's id is not the DID asked for",
    "invalid-did-200": "a string that is not a DID resolves (200) to the first known document",
    "unknown-did-400": "an unknown DID is answered 400 instead of 404",
}


def is_did(value: str) -> bool:
    return DID_PATTERN.fullmatch(value) is not None


@cache
def _seed() -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for path in sorted(SEED_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        documents[document["id"]] = document
    return documents


def example_dids() -> list[str]:
    """The DIDs this implementation resolves (listed in its discovery document)."""
    return list(_seed())


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


def routes(defects: frozenset[str]) -> list[Route]:
    def invalid(detail: str) -> Response:
        return problem(400, "Invalid DID", detail, kind="invalid-did", defects=defects)

    async def resolve(request: Request) -> Response:
        did = _requested_did(request)
        documents = _seed()
        if not is_did(did):
            if "invalid-did-200" in defects:
                return JSONResponse(next(iter(documents.values())), media_type=DID_JSON)
            return invalid(f"{did!r} is not a DID (did:<method>:<method-specific-id>)")
        document = documents.get(did)
        if document is None:
            if "unknown-did-400" in defects:
                return invalid(f"{did} is not known")
            return problem(404, "Not Found", f"no DID document for {did}", kind="not-found", defects=defects)
        if "resolve-id-mismatch" in defects:
            document = {**document, "id": unquote(did)}
        offers = [DID_JSON, DID_LD_JSON] if "@context" in document else [DID_JSON]
        media_type = negotiate(request.headers.get("accept"), offers)
        if media_type is None:
            return problem(406, "Not Acceptable", f"available as {', '.join(offers)}",
                           kind="representation-not-supported", defects=defects)
        if "resolve-private-key" in defects:
            document = _leak_private_keys(document)
        if "resolve-wrong-content-type" in defects:
            media_type = "application/json"
        return JSONResponse(document, media_type=media_type)

    async def no_did(request: Request) -> Response:
        return invalid(f"no DID given: use {RESOLVE_PREFIX}{{did}}")

    return [
        Route(RESOLVE_PREFIX, no_did),
        Route(RESOLVE_PREFIX + "{did:path}", resolve),
    ]
