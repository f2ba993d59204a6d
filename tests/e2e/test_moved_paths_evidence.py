"""Issue 59: every finding names the request really sent. A target's ``paths`` move the
endpoints (here all under ``/moved``); the reference, with defects planted, answers
there, and each finding's location is the moved URL, never the endpoint's default path."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import pytest

from conformance._areas import endpoints
from conformance.cli.commands import demo_manifest
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


@pytest.mark.slow
def test_every_finding_names_the_moved_url(catalog, run_manifest):
    named = endpoints()  # every endpoint the areas name (the discovery document's too), moved
    with serve(_moved(create_app(DEFECTS))) as url:
        manifest = demo_manifest(catalog, {"api": url, "api_b": url})
        manifest["profiles"] = [p for p in manifest["profiles"] if p["id"].startswith("identity-")
                                and set(catalog.profile(p["id"]).targets) <= {"api", "api_b"}]
        paths = {name: PREFIX + template for name, template in named.items()}
        manifest["targets"] = {role: {**manifest["targets"][role], "paths": paths} for role in ("api", "api_b")}
        result = run_manifest(manifest)
    found = {r.requirement: r for r in result.report.requirements}
    places = {requirement: [item["file"] for item in record.evidence
                            if item.get("kind") == "finding" and REQUEST.match(str(item.get("file", "")))]
              for requirement, record in found.items()}
    for requirement in FAILING:
        assert found[requirement].verdict.value == "fail", (requirement, found[requirement].message)
        assert places[requirement], (requirement, found[requirement].evidence)
    moved = url.rstrip("/") + PREFIX + "/"
    wrong = {requirement: [p for p in where if not REQUEST.match(p).group(2).startswith(moved)]
             for requirement, where in places.items()}
    assert not any(wrong.values()), {k: v for k, v in wrong.items() if v}
