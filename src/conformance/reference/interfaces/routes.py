"""Reference routes of the interfaces area: the discovery document and the contract."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Route

from ..._version import REFERENCE_PRODUCT, __version__
from .. import problems
from ..assets import playtime, review, trading
from ..identity import routes as identity
from . import (agents, harassment, moderation, pagination, removal, reporting, scenes, screening, sessions, standing,
               userdata)
from .standing import Community

DISCOVERY_PATH = "/.well-known/metaverse-interop"

#: Endpoints the discovery document may declare, by name -> path. Only those the app
#: actually routes are declared, so the document never promises what is not served.
ENDPOINTS = {
    "did_resolution": identity.RESOLVE_PREFIX,
    "assets": "/assets",
}

#: The risk assessment behind the reference's grade (IF-RISK-003): a social platform with a market, minors,
#: biometric templates (face-login, userdata.py: IF-BIO-001), user-generated and AI-generated content and few
#: users, which GB/T 22240-2020's model puts at level 2 (the default programme's medium: the rights of citizens
#: reach level 2 at most, however serious the harm).
ASSESSMENT = {
    "method": "GB/T 22240-2020",
    "field": "social",
    "inputs": {"minors": True, "trading": True, "biometric_data": True, "user_generated_content": True,
               "generated_content": True, "registered_users": 1200},
}
#: The measures the reference's grade claims: each is in force unless a planted defect breaks it.
RISK_MEASURES = ("misconduct-reporting", "content-review", "minors-age-gate", "minors-trading-refused",
                 "playtime-limits", "ai-labels")

DEFECTS = {
    "discovery-invalid": "the discovery document has no api_versions",
    "discovery-html": "the discovery document is served as text/html",
    "discovery-profile-without-endpoint": "the discovery document declares asset-registry but not its endpoint",
    "discovery-dead-endpoint": "the discovery document lists an endpoint that does not answer",
    "discovery-profile-endpoint-gone": "the discovery document sends clients of asset-registry to an assets "
                                       "endpoint that answers 404",
    "discovery-plaintext-endpoint": "the discovery document sends clients to a non-loopback http:// URL",
    "discovery-no-risk-grade": "the discovery document declares no risk grade",
    # not a defect of AS-MINOR-002 (whose statement applies to declared limits): its test's not-applicable case
    "discovery-no-playtime": "the discovery document declares no play-time limits for minors",
    "discovery-other-product": "the discovery document names another product than the one under test",
    "discovery-no-sessions": "the discovery document declares no sessions (no sessions.join): the product offers "
                             "none of the session profile's shared spaces",
    "discovery-no-reporting-endpoint": "the discovery document's reporting object declares no endpoint: the product "
                                       "takes none of the reports its profiles file",
    "discovery-risk-grade-without-scheme": "the discovery document's risk grade names no grading scheme",
    "risk-grade-measures-missing": "the discovery document's risk grade claims ai-labels only, not the measures "
                                   "its grade requires",
    "risk-assessment-missing": "the discovery document's risk grade declares no assessment (method, field, inputs)",
    "risk-grade-understated": "the discovery document declares the grade low, below the medium its own assessment "
                              "inputs are assigned",
    "risk-inputs-deny-trading": "the risk assessment declares no trading while the discovery document declares a "
                                "market",
    "risk-grade-unknown": "the discovery document declares the grade 'severe', which the standard's scheme does not name",
    **problems.DEFECTS,
    **reporting.DEFECTS,
    **agents.DEFECTS,
    **standing.DEFECTS,
    **moderation.DEFECTS,
    **removal.DEFECTS,
    **screening.DEFECTS,
    **harassment.DEFECTS,
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
        "platform": {"name": REFERENCE_PRODUCT, "version": __version__},
        "api_versions": ["1.0"],
        "profiles": implemented_profiles(),
        "features": list(implemented_features()),
        "endpoints": endpoints,
        "did_methods": ["web", "key"],
        "example_dids": identity.example_dids(),
        "key_types": ["Ed25519", "P-256"],
        # The reference names a scheme of its own: no public metaverse risk-grading scheme exists yet.
        # and the measures that scheme asks for at its grade (each exercised by IF-RISK-001).
        "risk_grade": {"scheme": "https://metaverse-conformance.org/risk-grades/example", "grade": "medium",
                       "measures": list(RISK_MEASURES), "assessment": copy.deepcopy(ASSESSMENT)},
        "trading": trading.TERMS,  # the market's currencies, tokens, fees and cooling-off window
        "reporting": reporting.TERMS,  # where misconduct is reported and how soon it is answered
        "content_review": review.terms(defects),  # the rating scheme, its rules and the review outcomes
        "minors": {"playtime": playtime.terms(defects)},  # when and how long identities of minors are served
        "ai_agents": agents.TERMS,  # where its AI agents are listed and spoken to
        "user_data": userdata.terms(defects),  # where a user's data is exported and imported, and limits
        "shared_scenes": copy.deepcopy(scenes.TERMS),  # where scenes are published and how they are loaded
        "sessions": dict(sessions.TERMS),  # where a shared space is joined (a WebSocket) and how many it takes
        "pagination": {"max_page_size": pagination.MAX_LIMIT},  # the largest limit a listing honours
    }
    if "discovery-other-product" in defects:
        document["platform"] = {"name": "Another platform", "version": "9.9"}
    if "discovery-no-risk-grade" in defects:
        del document["risk_grade"]
    if "discovery-no-playtime" in defects:
        del document["minors"]
    if "discovery-no-sessions" in defects:
        del document["sessions"]
    if "discovery-no-reporting-endpoint" in defects:
        document["reporting"] = {k: v for k, v in reporting.TERMS.items() if k != "endpoint"}
    if "risk-grade-measures-missing" in defects:
        document["risk_grade"] = {**document["risk_grade"], "measures": ["ai-labels"]}  # type: ignore[dict-item]
    if "discovery-risk-grade-without-scheme" in defects:
        document["risk_grade"] = {"grade": "low"}
    risk = document.get("risk_grade")
    grade: dict[str, Any] = risk if isinstance(risk, dict) else {}
    if "risk-assessment-missing" in defects:
        grade.pop("assessment", None)
    if "risk-grade-understated" in defects:
        grade["grade"] = "low"
    if "risk-grade-unknown" in defects:
        grade["grade"] = "severe"
    if "risk-inputs-deny-trading" in defects and "assessment" in grade:
        grade["assessment"]["inputs"]["trading"] = False
    if "discovery-invalid" in defects:
        del document["api_versions"]
    if "scenes-undeclared" in defects:
        del document["shared_scenes"]
    if "discovery-profile-without-endpoint" in defects:
        endpoints.pop("assets", None)
    if "discovery-profile-endpoint-gone" in defects:
        endpoints["assets"] = f"{base_url}/asset-registry-retired"
    return document


@cache
def implemented_profiles() -> list[str]:
    """The reference implements every HTTP profile of the catalog it ships with."""
    from ..._catalog.catalog import load_catalog

    profiles = load_catalog().profiles.values()
    return [p.id for p in profiles if any(t.kind == "http" for t in p.targets.values())]


@cache
def implemented_features() -> tuple[str, ...]:
    """The optional features of those profiles, each of which the reference implements too: annex D's operations
    of a feature (``x-features``) are offered by a platform listing it (:func:`conformance.area.offered`). Read once:
    the discovery document answers a burst of requests (IF-RATE-001), each too slow if it loaded the catalog."""
    from ..._catalog.catalog import load_catalog

    profiles = load_catalog().profiles.values()
    return tuple(sorted({f for p in profiles if any(t.kind == "http" for t in p.targets.values()) for f in p.features}))


def routes(defects: frozenset[str], community: Community | None = None) -> list[Route]:
    async def discovery(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        document = discovery_document(base, defects, request.app.routes)
        if "discovery-html" in defects:
            return Response(json.dumps(document), media_type="text/html")
        return JSONResponse(document)

    async def openapi(request: Request) -> Response:
        document = {**bundled_contract(), "servers": [{"url": str(request.base_url).rstrip("/")}]}
        return JSONResponse(document)

    community = community or Community(defects)
    return [Route(DISCOVERY_PATH, discovery), Route(OPENAPI_PATH, openapi), *reporting.routes(defects, community),
            *agents.routes(defects)]


#: Where the reference serves its contract, bundled (conformance._catalog.bundle), and the contract.
OPENAPI_PATH = "/openapi.json"
CONTRACT_URI = "{base}interfaces/platform.openapi.yaml"


@cache
def bundled_contract() -> Mapping[str, object]:
    from ..._catalog.bundle import bundle_contract
    from ..._catalog.catalog import load_catalog
    from ..._catalog.schemas import BASE_URI

    return bundle_contract(load_catalog().schemas, CONTRACT_URI.format(base=BASE_URI))
