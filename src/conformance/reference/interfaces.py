"""Reference routes of the interfaces area: the discovery document."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .._version import __version__

DISCOVERY_PATH = "/.well-known/metaverse-interop"

DEFECTS = {
    "discovery-invalid": "the discovery document has no api_versions",
    "discovery-dead-endpoint": "the discovery document lists an endpoint that does not answer",
}


def discovery_document(base_url: str, defects: frozenset[str]) -> dict[str, object]:
    endpoints = {
        "did_resolution": f"{base_url}/1.0/identifiers/",
        "assets": f"{base_url}/assets/",
    }
    if "discovery-dead-endpoint" in defects:
        endpoints["credentials"] = f"{base_url}/credentials/verify"
    document: dict[str, object] = {
        "platform": {"name": "Reference platform", "version": __version__},
        "api_versions": ["1.0"],
        "profiles": ["interfaces-core", "identity-resolution"],
        "features": [],
        "endpoints": endpoints,
        "did_methods": ["web", "key"],
        "key_types": ["Ed25519", "P-256"],
    }
    if "discovery-invalid" in defects:
        del document["api_versions"]
    return document


def routes(defects: frozenset[str]) -> list[Route]:
    async def discovery(request: Request) -> JSONResponse:
        base = str(request.base_url).rstrip("/")
        return JSONResponse(discovery_document(base, defects))

    return [Route(DISCOVERY_PATH, discovery)]
