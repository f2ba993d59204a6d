"""The fortieth reading's a10 and a12 (docs/drafting.md, "Leftovers of the fortieth reading, part aIF"), as
behaviour: a platform paging its unparameterised GET /assets passes IF-PAGE-001 when its paging is exact (before:
the first page was taken for the whole listing and the case failed); IF-UDP-013's known-bad case
`recommendations-off-contract` is run by tests/e2e/test_known_bad.py. Each failed before the fix."""

from __future__ import annotations

from typing import Any

from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import verdicts
from tests.areas.interfaces.test_pagination import issue_assets
from tests.conftest import manifest_for


class DefaultPaged:
    """The reference, its GET /assets without a query answered as its first page of two (with `next`)."""

    def __init__(self, app: Any) -> None:
        self.app, self.state = app, getattr(app, "state", None)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == "/assets" \
                and not scope.get("query_string"):
            scope = {**scope, "query_string": b"limit=2"}
        await self.app(scope, receive, send)


def test_a10_a_platform_paging_its_whole_listing_passes_if_page_001(catalog, run_manifest) -> None:
    with serve(DefaultPaged(create_app(()))) as url:
        issue_assets(url, 7)
        result = run_manifest(manifest_for(catalog, "interfaces-core", base_urls={"api": url}),
                              requirements=["IF-PAGE-001"])
    assert verdicts(result, ["IF-PAGE-001"]) == {"IF-PAGE-001": "pass"}
