"""The JSON API, for the CLI and vendors' CI: an organisation's API token (made on its members'
page, shown once, kept as its SHA-256) sent as ``Authorization: Bearer``; list products, start
a run, read a run's state and its reports. Tenancy as the pages: another organisation's object
is not found (404). A run's state is also read by the pages' session (``/api/runs/{id}``)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import tenancy
from .config import RUN_RETRY_AFTER_S
from .models import ApiToken, Product, Run, Version, writing
from .pages import REPORTS, RunsQueued, begin_run, report_file
from .web import Service, Visit, route

#: a token's prefix: a secret scanner (and a person) knows one when it leaks
TOKEN_PREFIX = "mvc_"
#: RFC 9457's media type: a refusal's body says what and why
PROBLEM = "application/problem+json"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@route(signed_in=True)
def make_token(visit: Visit) -> Response:
    """A new token for the session's organisation, shown on this page once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    visit.db.add(ApiToken(token_hash=_hash(token), organisation_id=visit.organisation_id))
    return visit.page("token.html.j2", token=token)


@dataclass
class Caller:
    """An API request: its organisation (the token's) and a database session."""

    request: Request
    service: Service
    db: Session
    organisation_id: str


def api(handler: Callable[[Caller], Response]) -> Callable[[Request], Awaitable[Response]]:
    """The handler, run in a worker thread (as the pages', web.route), given a caller whose bearer
    token is an organisation's; else 401. No cookie is read, so no CSRF: a browser never sends
    the token by itself."""

    async def endpoint(request: Request) -> Response:
        return await run_in_threadpool(_call, handler, request)

    endpoint.__name__ = handler.__name__
    return endpoint


def _call(handler: Callable[[Caller], Response], request: Request) -> Response:
    service: Service = request.app.state.service
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    with service.sessions() as db:  # committed when the handler answers; an exception rolls it back
        if request.method == "POST":
            writing(db)
        found = db.get(ApiToken, _hash(token.strip())) if scheme.lower() == "bearer" and token else None
        if found is None:
            return JSONResponse({"error": "send an organisation's API token: Authorization: Bearer mvc_..."},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
        answer = handler(Caller(request, service, db, found.organisation_id))
        db.commit()
        return answer


def _run_state(run: Run, prefix: str) -> dict[str, object]:
    return {"id": run.id, "version": run.version_id, "status": run.status, "exit_code": run.exit_code,
            "detail": run.detail, "created": run.created.isoformat() + "Z",
            "reports": {view: f"{prefix}/runs/{run.id}/report/{view}" for view in sorted(REPORTS)}
            if run.report_dir else {}}


@api
def products(caller: Caller) -> Response:
    rows = caller.db.scalars(select(Product).where(Product.organisation_id == caller.organisation_id)
                             .order_by(Product.name)).all()
    versions = caller.db.scalars(select(Version).where(Version.product_id.in_([p.id for p in rows]))).all()
    return JSONResponse({"products": [{"id": p.id, "name": p.name, "versions": [
        {"id": v.id, "version": v.version} for v in versions if v.product_id == p.id]} for p in rows]})


@api
def start(caller: Caller) -> Response:
    version, _ = tenancy.version_of(caller.db, caller.organisation_id, caller.request.path_params["version_id"])
    try:
        run = begin_run(caller.db, caller.service, caller.organisation_id, version)
    except RunsQueued as refused:  # RFC 9457: about:blank, so the title is the status's own phrase
        return JSONResponse({"type": "about:blank", "title": "Too Many Requests", "status": 429,
                             "detail": str(refused), "limit": refused.limit}, status_code=429,
                            media_type=PROBLEM, headers={"Retry-After": str(RUN_RETRY_AFTER_S)})
    return JSONResponse(_run_state(run, "/api/v1"), status_code=202, headers={"Location": f"/api/v1/runs/{run.id}"})


@api
def state(caller: Caller) -> Response:
    run = tenancy.run_of(caller.db, caller.organisation_id, caller.request.path_params["run_id"])
    return JSONResponse(_run_state(run, "/api/v1"))


@api
def report(caller: Caller) -> Response:
    run = tenancy.run_of(caller.db, caller.organisation_id, caller.request.path_params["run_id"])
    return report_file(run, caller.request.path_params["view"])


@route(signed_in=True)
def run_status(visit: Visit) -> Response:
    run = tenancy.run_of(visit.db, visit.organisation_id, visit.request.path_params["run_id"])
    state = _run_state(run, "")
    return JSONResponse({k: state[k] for k in ("id", "status", "exit_code", "detail", "reports")})


ROUTES = [
    Route("/api/runs/{run_id}", run_status, methods=["GET"]),
    Route("/organisation/tokens", make_token, methods=["POST"]),
    Route("/api/v1/products", products, methods=["GET"]),
    Route("/api/v1/versions/{version_id}/runs", start, methods=["POST"]),
    Route("/api/v1/runs/{run_id}", state, methods=["GET"]),
    Route("/api/v1/runs/{run_id}/report/{view}", report, methods=["GET"]),
]
