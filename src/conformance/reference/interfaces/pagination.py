"""Pagination of the reference's asset listing (``GET /assets?limit=n``), as ASGI middleware.

The listing route answers every asset at once; this layer cuts the answer into pages when a
client asks for ``limit`` and links the next one in ``next`` (an opaque ``cursor``), the
shape ``asset-list.json`` documents. Without ``limit`` the answer is unchanged.

The page's window rides in the scope (``PAGE_WINDOW``): a listing route that honours it builds
only the page's items and records how many the whole listing holds in ``total``, so a page of ten
costs ten items, not the whole registry; a route that does not gets its whole answer sliced here.
Either way the bytes answered are the same.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..problems import problem

DEFECTS = {
    "pagination-ignored": "GET /assets ignores limit: every asset comes in one page",
    "pagination-no-next": "GET /assets?limit= answers the first page with next null although more items follow",
    "pagination-overlap": "each page of GET /assets after the first is shifted back one item "
    "(one repeated, the last lost)",
    "pagination-page-not-json": "GET /assets?limit= answers each page 200 with a body that is not JSON",
}
LIST_PATH = "/assets"
MAX_LIMIT = 1000
#: Scope key of the page asked: {"start": i, "stop": j}; the listing route adds "total".
PAGE_WINDOW = "conformance.page_window"


class Paginate:
    def __init__(self, app: ASGIApp, defects: frozenset[str] = frozenset()) -> None:
        self.app, self.defects = app, defects

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        paged = {k: v for k, v in query if k in ("limit", "cursor")}
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != LIST_PATH or not paged:
            await self.app(scope, receive, send)
            return
        try:
            limit = int(paged.get("limit", "50"))
            offset = int(paged.get("cursor", "0"))
            if not (1 <= limit <= MAX_LIMIT and offset >= 0):
                raise ValueError
        except ValueError:
            await problem(400, "Bad Request", f"limit must be 1..{MAX_LIMIT}, cursor a cursor from next",
                          kind="bad-request")(scope, receive, send)
            return
        rest = [(k, v) for k, v in query if k not in ("limit", "cursor")]
        following = offset + limit
        shift = 1 if "pagination-overlap" in self.defects and offset > 0 else 0
        window: dict[str, int] = {"start": offset - shift, "stop": following - shift}
        inner = {**scope, "query_string": urlencode(rest).encode(), PAGE_WINDOW: window}
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            else:
                chunks.append(message.get("body", b""))

        await self.app(inner, receive, capture)
        body = b"".join(chunks)
        if start.get("status") == 200:
            listing = orjson.loads(body)
            items = listing.get("items", [])
            if "total" in window:  # the route built the page alone
                total = window["total"]
            else:
                total = len(items)
                items = items[window["start"]:window["stop"]]
            listing["items"] = items
            listing["next"] = (f"{LIST_PATH}?{urlencode([*rest, ('limit', limit), ('cursor', following)])}"
                               if following < total and "pagination-no-next" not in self.defects else None)
            body = orjson.dumps(listing)
            kept = (b"content-length", b"content-type") if "pagination-page-not-json" in self.defects \
                else (b"content-length",)
            headers = [(k, v) for k, v in start.get("headers", []) if k not in kept]
            if "pagination-page-not-json" in self.defects:
                body = b"items: see the web page"
                headers.append((b"content-type", b"text/plain"))
            start = {**start, "headers": headers + [(b"content-length", str(len(body)).encode())]}
        await send(start)
        await send({"type": "http.response.body", "body": body})
