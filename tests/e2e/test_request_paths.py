"""No request of a run goes out with a path template left unfilled (``{asset_id}`` sent
literally, or percent-encoded as ``%7Basset_id%7D``): such a request tests nothing and its
answer would be judged as if it were a real one."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import ExitStack
from typing import Any

import pytest

from conformance.cli.manifests import demo_manifest, http_roles
from conformance.reference import create_app
from conformance.reference.server import serve

Scope = MutableMapping[str, Any]
TEMPLATE = re.compile(r"(\{|%7B)[A-Za-z_][A-Za-z0-9_-]*(\}|%7D)", re.IGNORECASE)
App = Callable[[Scope, Any, Any], Awaitable[None]]


def _recording(app: App, paths: list[str]) -> App:
    """The app, with the raw path of every HTTP request it receives appended to ``paths``."""
    async def wrapper(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            paths.append(f"{scope['method']} {scope.get('raw_path', b'').decode('latin-1')}")
        await app(scope, receive, send)
    return wrapper


@pytest.mark.slow
def test_no_request_path_holds_an_unfilled_template(catalog, run_manifest):
    paths: list[str] = []
    with ExitStack() as stack:
        base_urls = {role: stack.enter_context(serve(_recording(create_app(), paths)))
                     for role in http_roles(catalog)}
        manifest = demo_manifest(catalog, base_urls)
        manifest["profiles"] = [p for p in manifest["profiles"]
                                if any(s.kind == "http" for s in catalog.profile(p["id"]).targets.values())]
        run_manifest(manifest)
    assert len(paths) > 100
    # A generated path parameter may hold a brace (the fuzzer's values are any text): what
    # must never go out is a template, {name} sent as is or percent-encoded.
    unfilled = [p for p in paths if TEMPLATE.search(p)]
    assert not unfilled, unfilled[:5]
