"""The reference's router (conformance/reference/routing.py) picks the route Starlette's own loop picks."""

from __future__ import annotations

import re

from starlette.routing import Match, Route

from conformance.reference import create_app
from conformance.reference.routing import IndexedRouter


def _first(routes, scope):
    """What Starlette's loop finds first: (route, FULL or PARTIAL), or (None, NONE)."""
    partial = None
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return route, match
        if match is Match.PARTIAL and partial is None:
            partial = route
    return (partial, Match.PARTIAL) if partial is not None else (None, Match.NONE)


def test_each_request_is_offered_the_route_starlettes_loop_would_take():
    router = create_app().router
    assert isinstance(router, IndexedRouter)
    routes = router.routes
    paths = {"/", "/nope", "/assets/", "//assets", "/assets//x", "/.well-known/metaverse-interop/"}
    for route in routes:
        if isinstance(route, Route):
            filled = re.sub(r"\{[^}]+\}", "x1", route.path)
            paths |= {filled, filled + "/", filled.rstrip("/") + "/extra", re.sub(r"\{[^}]+\}", "", route.path)}
    offered = []
    for path in sorted(paths):
        candidates = router.candidates(path)
        offered.append(len(candidates))
        for method in ("GET", "POST", "DELETE"):
            scope = {"type": "http", "method": method, "path": path, "root_path": ""}
            assert _first(candidates, scope) == _first(routes, scope), (method, path)
    # the point of the index: a request is offered a fraction of the routes, not all of them
    assert max(offered) < len(routes) / 2, (max(offered), len(routes))


def test_a_route_with_a_parameter_first_is_offered_to_every_request():
    async def endpoint(request):  # never called: only matching is compared
        raise AssertionError

    routes = [Route("/a/{x}", endpoint, methods=["POST"]), Route("/{name}/x", endpoint), Route("/a/x", endpoint),
              Route("/b", endpoint)]
    router = IndexedRouter(routes)
    for path in ("/a/x", "/b/x", "/c/x", "/b", "/a/y"):
        for method in ("GET", "POST"):
            scope = {"type": "http", "method": method, "path": path, "root_path": ""}
            assert _first(router.candidates(path), scope) == _first(routes, scope), (method, path)
    assert _first(router.candidates("/a/x"), {"type": "http", "method": "GET", "path": "/a/x"})[0] is routes[1]
