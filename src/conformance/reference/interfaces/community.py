"""The reference's online community (IF-COMM-001): members follow and message one another
beyond any shared space.

``POST /follows`` (``{"did": ...}`` with the follower's bearer token) follows a member; ``GET
/follows`` answers the caller's ``{"following": [...], "followers": [...]}``. ``POST /messages``
(``{"to": did, "text": ...}``) sends a direct message, refused 403 when the addressee blocked the
sender (``POST /blocks``, the same blocks the shared spaces keep); ``GET /messages`` answers the
caller's inbox: the messages addressed to it, and only those.
"""

from __future__ import annotations

import secrets
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import clock as reference_clock
from ..problems import problem

DEFECTS = {
    "community-follow-unlisted": "a follow is accepted (201) but the followed member's followers never list "
                                 "the follower",
    "community-message-undelivered": "a direct message is accepted (201) but never reaches its addressee's inbox",
    "community-message-broadcast": "a direct message reaches every member's inbox, not its addressee's alone",
    "community-block-ignored": "a direct message from a member the addressee blocked is delivered, not refused",
    "community-answered-200": "a follow and a direct message take effect but are answered 200, not the contract's 201",
    "community-inbox-not-json": "GET /messages answers 200 with a body that is not JSON, not the contract's inbox",
}
FOLLOWS_PATH, MESSAGES_PATH = "/follows", "/messages"
MAX_TEXT = 2000


def routes(defects: frozenset[str], tokens: dict[str, str], blocked: dict[str, set[str]]) -> list[Route]:
    """``tokens`` (bearer token -> DID) are the registry's; ``blocked`` (blocker DID -> the DIDs it
    blocked) the shared spaces' (reference/interfaces/sessions.py)."""
    following: dict[str, list[str]] = {}  # follower DID -> the DIDs it follows, in order
    inboxes: dict[str, list[dict[str, Any]]] = {}  # addressee DID -> its messages
    created = 200 if "community-answered-200" in defects else 201

    def caller(request: Request) -> str | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return tokens.get(token) if scheme.lower() == "bearer" else None

    def unauthenticated(realm: str) -> Response:
        response = problem(401, "Unauthorized", "a bearer token of a member is required",
                           kind="unauthenticated", defects=defects)
        response.headers["WWW-Authenticate"] = f'Bearer realm="{realm}"'
        return response

    async def body_of(request: Request) -> dict[str, Any]:
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return {}
        return body if isinstance(body, dict) else {}

    def a_did(value: object, me: str) -> bool:
        return isinstance(value, str) and value.startswith("did:") and len(value) <= 2048 and value != me

    async def follow(request: Request) -> Response:
        me = caller(request)
        if me is None:
            return unauthenticated("follows")
        did = (await body_of(request)).get("did")
        if not a_did(did, me):
            return problem(400, "Bad Request", 'the body is {"did": <the DID of another member to follow>}',
                           kind="invalid-follow", defects=defects)
        if did not in following.setdefault(me, []):
            following[me].append(str(did))
        at = reference_clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        return JSONResponse({"follower": me, "followed": did, "at": at}, status_code=created)

    async def follows(request: Request) -> Response:
        me = caller(request)
        if me is None:
            return unauthenticated("follows")
        followers = [] if "community-follow-unlisted" in defects else \
            [who for who, followed in following.items() if me in followed]
        return JSONResponse({"following": following.get(me, []), "followers": followers})

    async def send(request: Request) -> Response:
        me = caller(request)
        if me is None:
            return unauthenticated("messages")
        body = await body_of(request)
        to, text = body.get("to"), body.get("text")
        if not a_did(to, me) or not isinstance(text, str) or not 0 < len(text) <= MAX_TEXT:
            return problem(400, "Bad Request", f'the body is {{"to": <another member\'s DID>, "text": <1 to {MAX_TEXT} '
                           'characters>}', kind="invalid-message", defects=defects)
        if me in blocked.get(str(to), ()) and "community-block-ignored" not in defects:
            return problem(403, "Forbidden", "the addressee has blocked the sender", kind="blocked", defects=defects)
        message = {"id": f"m-{secrets.token_hex(8)}", "from": me, "to": to, "text": text,
                   "at": reference_clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")}
        if "community-message-broadcast" in defects:
            for member in set(tokens.values()) - {me}:
                inboxes.setdefault(member, []).append(message)
        elif "community-message-undelivered" not in defects:
            inboxes.setdefault(str(to), []).append(message)
        return JSONResponse(message, status_code=created)

    async def inbox(request: Request) -> Response:
        me = caller(request)
        if me is None:
            return unauthenticated("messages")
        if "community-inbox-not-json" in defects:
            return Response("messages: see the web page", media_type="text/plain")
        return JSONResponse({"messages": inboxes.get(me, [])})

    return [Route(FOLLOWS_PATH, follow, methods=["POST"]), Route(FOLLOWS_PATH, follows, methods=["GET"]),
            Route(MESSAGES_PATH, send, methods=["POST"]), Route(MESSAGES_PATH, inbox, methods=["GET"])]
