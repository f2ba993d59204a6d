"""The reference app's router: Starlette's, asking only the routes a request's first path segment can match.

Starlette's router tries every route in order until one matches; the reference has 92 routes, so each
HTTP request tried about 35 path patterns (a tenth of the servers' CPU in a demo HTTP run, bench/README.md,
issue 77 item 7). A route whose path starts with a literal segment (``/assets/{asset_id}/state``) can only
match a request whose path starts with that segment; here each request is offered, in their order, the routes
of its first segment and the routes that could match any (a parameter in their first segment, a mount, a
non-HTTP route). The first route to match is the one Starlette's loop would find, since every route left out
cannot match. A request none of them answers (404, 405's partial match found first among the same routes, a
trailing slash to redirect) goes through Starlette's own loop over every route, unchanged.
"""

from __future__ import annotations

from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, Route, Router
from starlette.types import Receive, Scope, Send


def _first_segment(path: str) -> str | None:
    """The literal first segment of a route's path, or None when a parameter is in it."""
    segment = path.lstrip("/").split("/", 1)[0]
    return None if "{" in segment else segment


class IndexedRouter(Router):
    """A Router whose HTTP requests are matched against the routes of their first path segment only."""

    def __init__(self, routes: list[BaseRoute]) -> None:
        super().__init__(routes)
        literal = {segment for route in self.routes if isinstance(route, Route)
                   and (segment := _first_segment(route.path)) is not None}
        self._by_segment: dict[str, list[BaseRoute]] = {segment: [] for segment in literal}
        self._anywhere: list[BaseRoute] = []
        for route in self.routes:
            segment = _first_segment(route.path) if isinstance(route, Route) else None
            for name, bucket in self._by_segment.items():
                if segment is None or segment == name:
                    bucket.append(route)
            if segment is None:
                self._anywhere.append(route)

    def candidates(self, path: str) -> list[BaseRoute]:
        """The routes, in order, that can match a request for ``path`` (the path as routes match it)."""
        return self._by_segment.get(path.lstrip("/").split("/", 1)[0], self._anywhere)

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for route in self.candidates(get_route_path(scope)):
                match, child_scope = route.matches(scope)
                if match is Match.FULL:
                    scope.setdefault("router", self)
                    scope["route"] = route
                    scope.update(child_scope)
                    await route.handle(scope, receive, send)
                    return
                if match is Match.PARTIAL:
                    break  # Starlette's loop decides: it keeps looking for a full match, then takes the first partial
        await super().app(scope, receive, send)
