"""The reference's paged asset listing (``GET /assets?limit=n``) builds only the page asked
(interfaces/pagination.py's window, honoured by assets/registry.py) and answers the bytes that
slicing the whole listing answers, the planted pagination defects' included."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import orjson
import pytest
from starlette.testclient import TestClient

from conformance.reference import create_app
from conformance.reference.interfaces.pagination import LIST_PATH, PAGE_WINDOW, Paginate
from tests.assetbodies import cdn_asset

#: assets issued by the first holder, then by the second: pages of 1, 3 and 4 cut both unevenly
FIRST, SECOND = 7, 4


def _expected(whole: bytes, query: list[tuple[str, str]], limit: int, cursor: int, defects: set[str]) -> bytes:
    """The page as slicing the whole listing gives it (the behaviour before pages were built alone)."""
    listing = orjson.loads(whole)
    items = listing["items"]
    following = cursor + limit
    shift = 1 if "pagination-overlap" in defects and cursor > 0 else 0
    listing["items"] = items[cursor - shift:following - shift]
    listing["next"] = (f"{LIST_PATH}?{urlencode([*query, ('limit', limit), ('cursor', following)])}"
                       if following < len(items) and "pagination-no-next" not in defects else None)
    return orjson.dumps(listing)


def _issue(client: TestClient, count: int, prefix: str) -> str:
    holder = client.post("/test-identities", json={})
    assert holder.status_code == 201, holder.text
    headers = {"Authorization": f"Bearer {holder.json()['token']}"}
    for n in range(count):
        body = cdn_asset(f"{prefix}-{n:03d}", holder.json()["did"])
        answer = client.post("/assets", json=body, headers=headers)
        assert answer.status_code == 201, answer.text
    return holder.json()["did"]


@pytest.mark.parametrize("defects", [set(), {"pagination-overlap"}, {"pagination-no-next"},
                                     {"asset-list-without-ids"}, {"registry-list-ignores-owner"},
                                     {"pagination-overlap", "asset-list-without-ids"}],
                         ids=lambda d: "+".join(sorted(d)) or "none")
def test_each_page_is_the_slice_of_the_whole_listing(defects: set[str]) -> None:
    with TestClient(create_app(defects)) as client:
        first = _issue(client, FIRST, "first")
        second = _issue(client, SECOND, "second")
        for query in ([], [("owner", first)], [("owner", second)], [("owner", "did:web:nobody.example")]):
            whole = client.get(LIST_PATH, params=query)
            assert whole.status_code == 200
            total = len(orjson.loads(whole.content)["items"])
            if not query or "registry-list-ignores-owner" in defects:
                assert total >= FIRST + SECOND  # the reference's own seeded assets besides
            else:
                assert total == {first: FIRST, second: SECOND}.get(query[0][1], 0)
            for limit in (1, 3, 4, FIRST + SECOND, 1000):
                for cursor in sorted({0, 1, 2, limit, total - 1, total, total + 5} - {-1}):
                    answer = client.get(LIST_PATH, params=[*query, ("limit", limit), ("cursor", cursor)])
                    assert answer.status_code == 200, answer.text
                    assert answer.content == _expected(whole.content, query, limit, cursor, defects), \
                        (query, limit, cursor)
                    assert answer.headers["content-length"] == str(len(answer.content))
            # a limit or cursor out of range is refused before the listing is asked, as before
            assert client.get(LIST_PATH, params=[*query, ("limit", 0)]).status_code == 400
            assert client.get(LIST_PATH, params=[*query, ("cursor", -1)]).status_code == 400


def test_a_listing_that_ignores_the_window_is_sliced_whole() -> None:
    """A route that builds the whole listing (no ``total`` in the window) still gets its page cut."""
    whole = orjson.dumps({"items": [{"n": n} for n in range(9)], "next": None})
    seen: list[dict] = []

    async def listing(scope, receive, send):
        seen.append(dict(scope[PAGE_WINDOW]))
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"1")]})
        await send({"type": "http.response.body", "body": whole})

    for defects in (frozenset(), frozenset({"pagination-overlap"})):
        sent: list[dict] = []

        async def send(message, sent=sent):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b""}

        scope = {"type": "http", "method": "GET", "path": LIST_PATH, "query_string": b"limit=4&cursor=4"}
        asyncio.run(Paginate(listing, defects=defects)(scope, receive, send))
        assert sent[1]["body"] == _expected(whole, [], 4, 4, set(defects))
    assert seen == [{"start": 4, "stop": 8}, {"start": 3, "stop": 7}]
