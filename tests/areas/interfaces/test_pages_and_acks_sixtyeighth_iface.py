"""The sixty-eighth reading of issue 76, part h131-iface, as behaviour (read68b b1, b2 and the class of b1; the texts
are tests/drafting/test_reading_sixtyeighth_iface.py's).

b1: ``held_by`` returned the pages read before 5.1's bound 「跟随的列表页数」 as the asset listing when the 1 000th page
still linked a next one, so IF-UDP-003 failed a holding on a later page; it gives no list now. Class: IF-PAGE-001's step
4 compared the pages it read with the whole listing after as many pages as the listing has items plus one, so a paging
with empty pages between its items failed though each item came once; it is inconclusive when no item came twice. b2:
IF-CODE-001 passed with no outcome looked at when no acknowledgement carried a ``report_id``; it is inconclusive. Each
test failed on the branch's base (ffa3fd452)."""

from __future__ import annotations

import json
from typing import Any

from conformance.areas.interfaces import userplatform
from conformance.areas.interfaces.pagination import MAX_LISTING_PAGES
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import reasons, verdicts
from tests.areas.interfaces.test_pagination import issue_assets
from tests.conftest import manifest_for


class _Listing:
    """A stub API whose asset listing has ``pages`` pages of one item each (None: it never ends)."""

    def __init__(self, pages: int | None) -> None:
        self.pages, self.calls = pages, 0

    def get(self, url: str) -> Any:
        self.calls += 1
        last = self.pages is not None and self.calls >= self.pages
        return _Answer({"items": [{"asset_id": f"a{self.calls}"}],
                        "next": None if last else f"/assets?owner=x&page={self.calls + 1}"})


class _Answer:
    """A listing page answered 200, as ``served_body`` reads it."""

    def __init__(self, body: Any) -> None:
        self.status, self.body = 200, body

    def json(self) -> Any:
        return self.body


def test_b1_a_listing_that_never_ends_gives_no_list() -> None:
    endless = _Listing(None)
    assert userplatform.held_by(endless, "did:example:subject") is None  # type: ignore[arg-type]
    assert endless.calls == MAX_LISTING_PAGES
    # a listing whose last page is the bound's is read whole
    whole = _Listing(MAX_LISTING_PAGES)
    held = userplatform.held_by(whole, "did:example:subject")  # type: ignore[arg-type]
    assert held is not None and len(held) == MAX_LISTING_PAGES


class _EmptyPagesForever:
    """The reference, its ``GET /assets?limit=…`` answered by empty pages each linking the next, never ending."""

    def __init__(self, app: Any) -> None:
        self.app, self.state = app, getattr(app, "state", None)
        self.pages = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == "/assets" \
                and b"limit=" in scope.get("query_string", b""):
            self.pages += 1
            body = json.dumps({"items": [], "next": f"/assets?limit=1&cursor=empty-{self.pages}"}).encode()
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def test_b1_class_if_page_001_leaves_a_paging_past_its_items_unjudged(catalog, run_manifest) -> None:
    """Step 4 stops once its pages outnumber the listing's items; still linking on with no item twice, the rest is
    unread: inconclusive, not failed for the items on pages it never read."""
    app = _EmptyPagesForever(create_app(()))
    with serve(app) as url:
        issue_assets(url, 4)
        result = run_manifest(manifest_for(catalog, "interfaces-core", base_urls={"api": url}),
                              requirements=["IF-PAGE-001"])
    assert verdicts(result, ["IF-PAGE-001"]) == {"IF-PAGE-001": "inconclusive"}, reasons(result, "IF-PAGE-001")
    assert "more pages than the" in reasons(result, "IF-PAGE-001")


class _AcknowledgedWithoutId:
    """The reference, the ``report_id`` dropped from each 201 acknowledgement of ``POST /reports``."""

    def __init__(self, app: Any) -> None:
        self.app, self.state = app, getattr(app, "state", None)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if not (scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == "/reports"):
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def rewrite(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            if start["status"] == 201:
                ack = json.loads(body)
                body = json.dumps({k: v for k, v in ack.items() if k != "report_id"}).encode()
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)


def test_b2_if_code_001_without_a_report_id_is_inconclusive_not_passed(catalog, run_manifest) -> None:
    with serve(_AcknowledgedWithoutId(create_app(()))) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=["IF-CODE-001"])
    assert verdicts(result, ["IF-CODE-001"]) == {"IF-CODE-001": "inconclusive"}, reasons(result, "IF-CODE-001")
    assert "carried a readable report_id" in reasons(result, "IF-CODE-001")
