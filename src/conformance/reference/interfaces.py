"""Reference routes of the interfaces area: the discovery document."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Match, Route

from .._version import __version__
from . import identity, problems

DISCOVERY_PATH = "/.well-known/metaverse-interop"

#: Endpoints the discovery document may declare, by name -> path. Only those the app
#: actually routes are declared, so the document never promises what is not served.
ENDPOINTS = {
    "did_resolution": identity.RESOLVE_PREFIX,
    "assets": "/assets",
}

DEFECTS = {
    "discovery-invalid": "the discovery document has no api_versions",
    "discovery-dead-endpoint": "the discovery document lists an endpoint that does not answer",
    "discovery-plaintext-endpoint": "the discovery document sends clients to a non-loopback http:// URL",
    **problems.DEFECTS,
}


def _served(routes: list[BaseRoute], path: str) -> bool:
    scope = {"type": "http", "path": path, "root_path": "", "method": "GET"}
    return any(route.matches(scope)[0] is not Match.NONE for route in routes)


def discovery_document(base_url: str, defects: frozenset[str],
                       routes: list[BaseRoute] | None = None) -> dict[str, object]:
    endpoints = {
        name: f"{base_url}{path}" for name, path in ENDPOINTS.items()
        if routes is None or _served(routes, path)
    }
    if "discovery-dead-endpoint" in defects:
        endpoints["presentations"] = f"{base_url}/presentations/verify"
    if "discovery-plaintext-endpoint" in defects:
        endpoints["events"] = "http://events.example.com/1.0/events"
    document: dict[str, object] = {
        "platform": {"name": "Reference platform", "version": __version__},
        "api_versions": ["1.0"],
        "profiles": ["interfaces-core", "identity-resolver"],
        "features": [],
        "endpoints": endpoints,
        "did_methods": ["web", "key"],
        "example_dids": identity.example_dids(),
        "key_types": ["Ed25519", "P-256"],
    }
    if "discovery-invalid" in defects:
        del document["api_versions"]
    return document


def routes(defects: frozenset[str]) -> list[Route]:
    async def discovery(request: Request) -> JSONResponse:
        base = str(request.base_url).rstrip("/")
        return JSONResponse(discovery_document(base, defects, request.app.routes))

    return [Route(DISCOVERY_PATH, discovery)]
