"""The seventy-second reading, b's doubtful 1: the checks taking every operation of a kind of annex D (IF-ROB-001 to
-003, IF-AUTH-001 to -003, IF-CON-001) probe an operation of an optional service only where the platform's discovery
document declares it (``x-profiles``, ``x-features``, ``x-discovery``; :func:`conformance.area.offered`). Before, a
platform claiming `interfaces-robustness` without a generation service, cloud rendering or credential issuance
failed IF-ROB-002 on `POST /generate`, `POST /render/stream` and `POST /credentials/issue`, and IF-AUTH-001 on
the operations of profiles it never claimed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conformance.area import offered
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import reasons, verdicts
from tests.conftest import manifest_for

DISCOVERY = "/.well-known/metaverse-interop"
#: the services this platform does not offer: their profiles leave its discovery document
DROPPED = ("generation-interface", "cloud-rendering", "identity-credentials-api", "interop-pair", "asset-trading",
           "asset-minors", "interfaces-risk-grade", "interfaces-sessions", "identity-auth", "identity-portability",
           "identity-registrar")
NOT_FOUND = json.dumps({"type": "about:blank", "title": "Not Found", "status": 404}).encode()


def _unoffered(method: str, path: str) -> bool:
    """The requests the platform answers 404: those of the services it does not offer."""
    return (path in ("/generate", "/render/stream", "/blocks", "/follows", "/messages", "/play-sessions",
                     "/account", "/payments", "/assets/import")
            or path.startswith(("/credentials/", "/orders/", "/1.0/auth/", "/1.0/create", "/1.0/update",
                                "/1.0/deactivate", "/1.0/export", "/1.0/import"))
            or (path.startswith("/assets/") and path.endswith(("/orders", "/export"))))


class Lesser:
    """The reference without some optional services: its discovery document lists none of ``dropped`` and the
    requests ``_unoffered`` picks are answered 404 problem details, unless ``declared`` (the discovery document still
    lists them: a platform declaring a service it does not serve)."""

    def __init__(self, declared: bool = False) -> None:
        self.app, self.declared = create_app(), declared
        self.state = getattr(self.app, "state", None)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and _unoffered(scope["method"], scope["path"]):
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"application/problem+json")]})
            await send({"type": "http.response.body", "body": NOT_FOUND})
            return
        if scope["type"] != "http" or scope["path"] != DISCOVERY or self.declared:
            await self.app(scope, receive, send)
            return
        parts: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        document = json.loads(b"".join(parts))
        document["profiles"] = [p for p in document["profiles"] if p not in DROPPED]
        body = json.dumps(document).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


CASES = ["IF-ROB-001", "IF-ROB-002", "IF-ROB-003", "IF-AUTH-001", "IF-AUTH-002", "IF-AUTH-003"]


def test_a_platform_without_the_optional_services_passes_the_robustness_profile(run_manifest, catalog):
    """Before: IF-ROB-002 failed on generateContent, renderStream and issueCredential, IF-AUTH-001 on the secured
    operations of the trading, sessions and identity profiles, each answering 404."""
    with serve(Lesser()) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=CASES)
    assert verdicts(result, CASES) == dict.fromkeys(CASES, "pass")
    said = reasons(result, "IF-ROB-002")
    assert "generateContent" in said and "not probed" in said  # recorded, never dropped silently


def test_a_platform_declaring_a_service_it_does_not_serve_still_fails(run_manifest, catalog):
    """The discovery document lists `generation-interface` and the others: their 404s fail IF-ROB-002 and
    IF-AUTH-001 as before."""
    with serve(Lesser(declared=True)) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=["IF-ROB-002", "IF-AUTH-001"])
    assert verdicts(result, ["IF-ROB-002", "IF-AUTH-001"]) == {"IF-ROB-002": "fail", "IF-AUTH-001": "fail"}
    assert "generateContent" in reasons(result, "IF-ROB-002")


def test_the_core_contract_in_core_runs_is_unchanged(run_manifest, catalog):
    """IF-CON-001 on the lesser platform: the reads of the services it does not offer are not sent."""
    with serve(Lesser()) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-core", base_urls={"api": url}),
                              requirements=["IF-CON-001"])
    assert verdicts(result, ["IF-CON-001"]) == {"IF-CON-001": "pass"}
    assert "getGenerationLabel" in reasons(result, "IF-CON-001")


@pytest.mark.parametrize(("declared", "expected"), [
    ({"profiles": ["generation-interface"]}, True),
    ({"profiles": ["interfaces-robustness"]}, False),
    (None, None),
])
def test_offered_reads_the_profiles_the_document_lists(declared, expected, catalog):
    operation = {"x-profiles": ["generation-interface"]}
    assert offered(operation, declared) is expected
    assert offered({}, None) is True  # an operation of annex D's core


def test_offered_reads_features_and_discovery_members():
    lock = {"x-profiles": ["asset-registry"], "x-features": ["lifecycle-lock"]}
    assert offered(lock, {"profiles": ["asset-registry"], "features": []}) is False
    assert offered(lock, {"profiles": ["asset-registry"], "features": ["lifecycle-lock"]}) is True
    export = {"x-discovery": "user_data.export"}
    assert offered(export, {"user_data": {"export": "/users/{did}/export"}}) is True
    assert offered(export, {"user_data": {}}) is False
