"""Assembles the reference app from each area's routes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import clock as reference_clock
from . import cloudrender, faults, tls, twinfeed, twinmqtt
from . import identifiers as identifier_resolution
from .assets import portability as assets_portability
from .assets import routes as assets
from .identity import routes as identity
from .interfaces import community as online_community
from .interfaces import pagination, scenes, sessions, userdata
from .interfaces import routes as interfaces
from .interfaces.standing import Community
from .problems import problem
from .routing import IndexedRouter
from .terminal import runtime as terminal_runtime

SAMPLES = Path(__file__).parent / "samples"

#: Planted defects, each breaking exactly one behaviour, by name -> what it breaks.
DEFECTS: dict[str, str] = {
    **identity.DEFECTS,
    **assets.DEFECTS,
    **interfaces.DEFECTS,
    **faults.DEFECTS,
    **tls.DEFECTS,
    **pagination.DEFECTS,
    **assets_portability.DEFECTS,
    **identifier_resolution.DEFECTS,
    **twinfeed.DEFECTS,
    **userdata.DEFECTS,
    **scenes.DEFECTS,
    **sessions.DEFECTS,
    **online_community.DEFECTS,
    **cloudrender.DEFECTS,
    **terminal_runtime.DEFECTS,
    "no-request-id": "responses do not echo X-Request-ID",
    "not-found-html": "a path no route serves is answered a 404 text/html page, not problem details",
}


class EchoRequestId:
    """Echoes a request's X-Request-ID in its response, so both sides can trace an exchange."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = dict(scope.get("headers", [])).get(b"x-request-id") if scope["type"] == "http" else None
        if request_id is None:
            await self.app(scope, receive, send)
            return

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id[:200])]
            await send(message)

        await self.app(scope, receive, send_with_id)


def create_app(defects: Iterable[str] = (), clock: Callable[[], datetime] | None = None) -> Starlette:
    """The reference implementation with ``defects`` planted; ``clock`` (default: the wall
    clock, UTC) is its time, for everything that ages (reference/clock.py), so that a test
    passes days between runs without waiting."""
    with reference_clock.using(clock or reference_clock.wall):
        return _create_app(defects, clock or reference_clock.wall)


def _create_app(defects: Iterable[str], clock: Callable[[], datetime]) -> Starlette:
    planted = frozenset(defects)
    unknown = planted - set(DEFECTS)
    if unknown:
        raise ValueError(f"unknown defect(s): {', '.join(sorted(unknown))}")

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        if status == 405:  # RFC 9110 15.5.6: a 405 names the methods the resource supports
            response = problem(405, "Method Not Allowed", f"{request.method} is not supported here",
                               kind="method-not-allowed", defects=planted)
            response.headers.update(getattr(exc, "headers", None) or {})
            return response
        if status == 404 and "not-found-html" in planted:
            return Response("<html><body><h1>404 Not Found</h1></body></html>", status_code=404,
                            media_type="text/html")
        return problem(status, "Not Found" if status == 404 else "Error", f"no route for {request.url.path}",
                       kind="not-found" if status == 404 else "error", defects=planted)

    mqtt = twinmqtt.MqttSide()  # the twin feed's broker, started by conformance.reference.server.serve
    community = Community(planted)  # one user's linked identities and sanctions, shared by both areas
    # the registrar asks the registry (set up below) whether a token's user is real-name verified
    routes = [*identity.routes(planted, lambda token: community.real_name(token)),
              *assets.routes(planted, community), *interfaces.routes(planted, community),
              *identifier_resolution.routes(planted), *twinfeed.routes(planted, mqtt, clock),
              *cloudrender.routes(planted), *terminal_runtime.routes(planted)]
    middleware = [] if "no-request-id" in planted else [Middleware(EchoRequestId)]
    middleware.append(Middleware(assets_portability.TokenTap))
    if "pagination-ignored" not in planted:
        middleware.append(Middleware(pagination.Paginate, defects=planted))
    if planted & set(faults.DEFECTS):
        middleware.append(Middleware(faults.Faults, defects=planted))
    middleware.insert(0, Middleware(reference_clock.Clocked, clock=clock))  # outermost: every part reads it
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found}, middleware=middleware)
    app.router = IndexedRouter(routes)  # Starlette's routing, each request offered only the routes it can match
    app.state.defects = planted
    # Context managers serve() enters around the app (uvicorn runs it with lifespan off)
    app.state.companions = [mqtt.running]
    app.state.mqtt = mqtt
    return app
