"""Issue 59: every finding names the request really sent. A target's ``paths`` move the
endpoints (here all under ``/moved``); the reference, with defects planted, answers
there, and each finding's location is the moved URL, never the endpoint's default path."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import pytest

from conformance._areas import endpoints
from conformance.cli.manifests import demo_manifest
from conformance.reference import create_app
from conformance.reference.server import serve

Scope = MutableMapping[str, Any]
App = Callable[[Scope, Any, Any], Awaitable[None]]
PREFIX = "/moved"
#: a defect that makes each of these requirements fail on an answer of a moved endpoint
DEFECTS = ["resolve-wrong-content-type", "resolve-private-key", "register-drops-keys", "export-private-key",
           "vc-issue-bad-proof", "vc-verify-accepts-tampered"]
FAILING = ("ID-RES-001", "ID-PRIV-002", "ID-REG-001", "ID-PORT-001", "ID-VCAPI-001", "ID-VCAPI-002")
REQUEST = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (\S+)")


def _moved(app: App) -> App:
    """The app served under PREFIX: a request outside it gets 404, as a product's would."""
    async def wrapper(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            if not scope["path"].startswith(PREFIX + "/"):
                await send({"type": "http.response.start", "status": 404, "headers": []})
                await send({"type": "http.response.body", "body": b""})
                return
            scope = {**scope, "path": scope["path"][len(PREFIX):],
                     "raw_path": scope.get("raw_path", b"")[len(PREFIX):]}
        await app(scope, receive, send)
    return wrapper


def _places(catalog, run_manifest, defects, prefixes):
    """Run the HTTP profiles whose ids start with ``prefixes`` against the reference with
    ``defects``, every named endpoint moved under PREFIX; (base URL, requirement -> result,
    requirement -> the locations its findings name as a request)."""
    named = endpoints()  # every endpoint the areas name (the discovery document's too), moved
    with serve(_moved(create_app(defects))) as url:
        manifest = demo_manifest(catalog, {"api": url, "api_b": url, "runtime": url})  # runtime: left out below
        manifest["profiles"] = [p for p in manifest["profiles"] if p["id"].startswith(prefixes)
                                and set(catalog.profile(p["id"]).targets) <= {"api", "api_b"}]
        paths = {name: PREFIX + template for name, template in named.items()}
        manifest["targets"] = {role: {**manifest["targets"][role], "paths": paths} for role in ("api", "api_b")}
        result = run_manifest(manifest)
    found = {r.requirement: r for r in result.report.requirements}
    places = {requirement: [item["file"] for item in record.evidence
                            if item.get("kind") == "finding" and REQUEST.match(str(item.get("file", "")))]
              for requirement, record in found.items()}
    return url.rstrip("/"), found, places


@pytest.mark.slow
def test_every_identity_finding_names_the_moved_url(catalog, run_manifest):
    url, found, places = _places(catalog, run_manifest, DEFECTS, ("identity-",))
    for requirement in FAILING:
        assert found[requirement].verdict.value == "fail", (requirement, found[requirement].message)
        assert places[requirement], (requirement, found[requirement].evidence)
    moved = url + PREFIX + "/"
    wrong = {requirement: [p for p in where if not REQUEST.match(p).group(2).startswith(moved)]
             for requirement, where in places.items()}
    assert not any(wrong.values()), {k: v for k, v in wrong.items() if v}


@pytest.mark.slow
def test_interfaces_and_assets_findings_name_the_url_requested(catalog, run_manifest):
    defects = ["asset-invalid-metadata", "pagination-ignored", "no-request-id", "discovery-no-risk-grade"]
    url, found, places = _places(catalog, run_manifest, defects, ("interfaces-", "asset-"))
    for requirement in ("AS-API-001", "IF-PAGE-001", "IF-REQ-001", "IF-DISC-004"):
        assert found[requirement].verdict.value == "fail", (requirement, found[requirement].message)
        assert places[requirement], (requirement, found[requirement].evidence)
    for requirement in ("AS-API-001", "IF-PAGE-001", "IF-DISC-004"):
        assert all(REQUEST.match(p).group(2).startswith(url + PREFIX + "/") for p in places[requirement]), \
            places[requirement]
    assert f"GET {url}{PREFIX}/.well-known/metaverse-interop" in places["IF-REQ-001"]
    # a request no area names (IF-REQ-001's unknown path) is not moved, but still named in full
    relative = {requirement: [p for p in where if not REQUEST.match(p).group(2).startswith(url + "/")]
                for requirement, where in places.items()}
    assert not any(relative.values()), {k: v for k, v in relative.items() if v}
