"""The JSON API, a start: a run's status for scripts and vendors' CI (the next round adds the
rest, for the CLI to call). Signed in by the same session; tenancy as the pages."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import tenancy
from .pages import REPORTS
from .web import Visit, route


@route(signed_in=True)
async def run_status(visit: Visit) -> Response:
    run = tenancy.run_of(visit.db, visit.organisation_id, visit.request.path_params["run_id"])
    return JSONResponse({"id": run.id, "status": run.status, "exit_code": run.exit_code, "detail": run.detail,
                         "reports": {view: f"/runs/{run.id}/report/{view}" for view in sorted(REPORTS)}
                         if run.report_dir else {}})


ROUTES = [Route("/api/runs/{run_id}", run_status, methods=["GET"])]
