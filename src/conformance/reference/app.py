"""Assembles the reference app from each area's routes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from . import assets, identity, interfaces
from .problems import problem

SAMPLES = Path(__file__).parent / "samples"

#: Planted defects, each breaking exactly one behaviour, by name -> what it breaks.
DEFECTS: dict[str, str] = {
    **identity.DEFECTS,
    **assets.DEFECTS,
    **interfaces.DEFECTS,
}


def create_app(defects: Iterable[str] = ()) -> Starlette:
    planted = frozenset(defects)
    unknown = planted - set(DEFECTS)
    if unknown:
        raise ValueError(f"unknown defect(s): {', '.join(sorted(unknown))}")

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return problem(status, "Not Found" if status == 404 else "Error", f"no route for {request.url.path}",
                       kind="not-found" if status == 404 else "error", defects=planted)

    routes = [*identity.routes(planted), *assets.routes(planted), *interfaces.routes(planted)]
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found})
    app.state.defects = planted
    return app
