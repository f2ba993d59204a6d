"""Compare two runs of one product (any versions): per requirement, the two verdicts side by
side, the changed ones first and marked fixed, regressed or changed; each side's reports
linked. A page (``/runs/compare?a=ID&b=ID``, the session's organisation) and the JSON API
(``/api/v1/runs/compare``, the token's). Both runs are found through tenancy.py: another
organisation's run is not found (404), as on every route. The verdicts are read from each
run's report.json by the review page's reader, not by a second one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..messages import render
from . import tenancy
from .api import Caller, api
from .models import Product, Run, Version
from .pages import REPORTS
from .review import _verdicts
from .web import Visit, route

PASS = "pass"
#: how a requirement's verdict moved from run A to run B, changed ones first in this order
FIXED, REGRESSED, CHANGED, SAME = "fixed", "regressed", "changed", "same"
ORDER = (REGRESSED, FIXED, CHANGED, SAME)
#: the verdicts a page names in its language, by their keys (a word the service does not know: as stored)
VERDICTS = {"pass": "service.verdict-pass", "fail": "service.verdict-fail",
            "inconclusive": "service.verdict-inconclusive", "not_applicable": "service.verdict-not-applicable",
            "error": "service.verdict-error"}


@dataclass(frozen=True)
class Side:
    run: Run
    version: Version


@dataclass(frozen=True)
class Row:
    requirement: str
    a: str | None  # None: the requirement is not in that run's report
    b: str | None
    change: str


def change_of(a: str | None, b: str | None) -> str:
    """Fixed: B passes where A did not; regressed: A passed, B does not; changed: another difference."""
    if a == b:
        return SAME
    if b == PASS:
        return FIXED
    if a == PASS:
        return REGRESSED
    return CHANGED


def compared(a: Run, b: Run) -> list[Row]:
    """Every requirement of either run, changed first (regressed, fixed, changed), then by id."""
    before = {str(v["id"]): str(v["verdict"]) for v in _verdicts(a)}
    after = {str(v["id"]): str(v["verdict"]) for v in _verdicts(b)}
    rows = [Row(r, before.get(r), after.get(r), change_of(before.get(r), after.get(r)))
            for r in sorted(before.keys() | after.keys())]
    return sorted(rows, key=lambda row: (ORDER.index(row.change), row.requirement))


def _sides(db: Session, organisation_id: str, a_id: str, b_id: str, lang: str = "en") -> tuple[Side, Side]:
    """The two runs, the organisation's (else 404), of one product (else 400, said in ``lang``)."""
    if not a_id or not b_id:
        raise HTTPException(400, render("service.compare-two-runs", {}, lang))
    runs = [tenancy.run_of(db, organisation_id, run_id) for run_id in (a_id, b_id)]
    found = []
    for run in runs:
        version, product = tenancy.version_of(db, organisation_id, run.version_id)
        found.append((Side(run, version), product))
    if found[0][1].id != found[1][1].id:
        raise HTTPException(400, render("service.compare-one-product", {}, lang))
    return found[0][0], found[1][0]


@route(signed_in=True)
def compare_page(visit: Visit) -> Response:
    query = visit.request.query_params
    a, b = _sides(visit.db, visit.organisation_id, query.get("a", ""), query.get("b", ""), visit.lang)
    product = visit.db.get(Product, a.version.product_id)
    lang = visit.lang

    def verdict(word: str | None) -> str:
        if word is None:
            return render("service.verdict-absent", {}, lang)
        return render(VERDICTS[word], {}, lang) if word in VERDICTS else word

    return visit.page("compare.html.j2", a=a, b=b, product=product, rows=compared(a.run, b.run),
                      verdict=verdict, reports=sorted(REPORTS))


@api
def compare_api(caller: Caller) -> Response:
    query = caller.request.query_params
    a, b = _sides(caller.db, caller.organisation_id, query.get("a", ""), query.get("b", ""))

    def side(found: Side) -> dict[str, object]:
        run = found.run
        return {"run": run.id, "version": found.version.version, "status": run.status, "exit_code": run.exit_code,
                "reports": {view: f"/api/v1/runs/{run.id}/report/{view}" for view in sorted(REPORTS)}
                if run.report_dir else {}}

    return JSONResponse({"a": side(a), "b": side(b), "requirements": [
        {"requirement": row.requirement, "a": row.a, "b": row.b, "change": row.change}
        for row in compared(a.run, b.run)]})


#: before the pages' and the API's routes: ``/runs/{run_id}`` would take ``/runs/compare``
ROUTES = [
    Route("/runs/compare", compare_page, methods=["GET"]),
    Route("/api/v1/runs/compare", compare_api, methods=["GET"]),
]
