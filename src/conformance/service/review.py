"""Officers' pages: the queue of applications, an application's review page (the run's
verdicts, links to its evidence) and the actions: certify, refuse with a reason, suspend,
reinstate, revoke. Each action is one call into the programme (certifying.py), one audit row
and one logged event; anyone who is not an officer finds none of these pages (404)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import orjson
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Route

from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from ..errors import HarnessInputError
from ..messages import Message, msg, render
from ..programme.spec import Programme
from . import assessing, tenancy, uploads
from .certifying import CERTIFY, LOG, REFUSE, REINSTATE, REVOKE, SUSPEND, Declined, ServiceProgramme, participant_of
from .models import Application, AssessmentRow, AuditRow, Organisation, Product, Run, Version
from .pages import REPORTS, report_file
from .web import Visit, route, see

#: what an application's state allows: action -> the states it may be taken from, the state after it
ACTIONS = {CERTIFY: (("submitted", "refused"), "certified"), REFUSE: (("submitted",), "refused"),
           SUSPEND: (("certified",), "suspended"), REINSTATE: (("suspended",), "certified"),
           REVOKE: (("certified", "suspended"), "revoked")}
#: the longest reason an officer gives (the programme log's bound on a revocation's reason)
MAX_REASON = 2000


def _application(visit: Visit) -> tuple[Application, Run, Version, Product, Organisation]:
    visit.officer()
    found = visit.db.execute(
        select(Application, Run, Version, Product, Organisation).join(Run, Application.run_id == Run.id)
        .join(Version, Run.version_id == Version.id).join(Product, Version.product_id == Product.id)
        .join(Organisation, Application.organisation_id == Organisation.id)
        .where(Application.id == visit.request.path_params["application_id"])).first()
    if found is None:
        raise tenancy.not_found()
    return found[0], found[1], found[2], found[3], found[4]


#: applications a queue page lists (a city's programme has a thousand: bench/service_scale.py)
QUEUE_PAGE = 50


@route(signed_in=True)
def queue_page(visit: Visit) -> Response:
    """The applications, submitted first, oldest first, ``QUEUE_PAGE`` a page (``?page=N``)."""
    visit.officer()
    number = visit.request.query_params.get("page", "0")
    page = int(number) if number.isdigit() and len(number) < 7 else 0
    rows = visit.db.execute(
        select(Application, Organisation.name, Product.name, Version.version).join(Run, Application.run_id == Run.id)
        .join(Version, Run.version_id == Version.id).join(Product, Version.product_id == Product.id)
        .join(Organisation, Application.organisation_id == Organisation.id)
        .order_by((Application.status != "submitted"), Application.created, Application.id)
        .offset(page * QUEUE_PAGE).limit(QUEUE_PAGE + 1)).all()
    return visit.page("queue.html.j2", applications=rows[:QUEUE_PAGE], page=page,
                      more=len(rows) > QUEUE_PAGE)


def _verdicts(run: Run) -> list[dict[str, object]]:
    """The run's requirements and verdicts, from its report.json (the product's data: escaped on the page)."""
    if not run.report_dir:
        return []
    try:
        report = orjson.loads(read_capped(Path(run.report_dir) / "report.json", MAX_DOCUMENT_BYTES))
        return [{"id": r["requirement"], "level": r.get("level", ""), "verdict": r["verdict"],
                 "message": str(r.get("message", ""))[:300]} for r in report["requirements"]]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return []


@route(signed_in=True)
def review_page(visit: Visit) -> Response:
    return _review(visit)


def _review(visit: Visit, problem: str | None = None, status: int = 200) -> Response:
    application, run, version, product, organisation = _application(visit)
    audit = visit.db.scalars(select(AuditRow).where(AuditRow.application_id == application.id)
                             .order_by(AuditRow.id)).all()
    allowed = [a for a, (before, _) in ACTIONS.items() if application.status in before]
    return visit.page("review.html.j2", status=status, application=application, run=run, version=version,
                      product=product, organisation=organisation, verdicts=_verdicts(run), audit=audit,
                      actions=allowed, reports=sorted(REPORTS) if run.report_dir else [], problem=problem,
                      certifies=visit.service.certifying is not None, declined=lambda row: _declined(row, visit.lang),
                      after={action: state for action, (_, state) in ACTIONS.items()},
                      **_assessing_view(visit, application, run))


def _assessing_view(visit: Visit, application: Application, run: Run) -> dict[str, object]:
    """The review page's manual assessments and laboratory records (assessing.py)."""
    report = assessing.report_of(run)
    records = assessing.records_of(visit.db, visit.service.config.folder, application.id)
    assessed = visit.db.get(Run, application.assessed_run_id) if application.assessed_run_id else None
    return {"needing": assessing.needing(report), "records": records, "assessed_run": assessed,
            "laboratory": assessing.laboratory_of(report), "verdict_choices": assessing.VERDICTS,
            "can_assess": application.status in ASSESSABLE and visit.service.certifying is not None,
            "evidence_files": [f.name for f in uploads.listed(visit.service.config.folder,
                                                              application.organisation_id)]}


def _declined(row: AuditRow, lang: str) -> str:
    """Why the audit row's action was declined, in ``lang`` where it was kept as a message (the
    programme's own refusals are English lines, as every harness input error)."""
    if row.declined:
        with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError):
            message = Message.of(orjson.loads(row.declined))
            return render(message.key, message.args, lang)
    return row.outcome.removeprefix("declined: ")


@route(signed_in=True)
def review_report(visit: Visit) -> Response:
    _, run, _, _, _ = _application(visit)
    return report_file(run, visit.request.path_params["view"])


#: one officer action at a time, in this process: the application's state is read again under it
#: (two officers acting on one application: the second sees the first's outcome), and the
#: programme's log takes its appends one after another
_ACTING = threading.Lock()


@route(signed_in=True)
def act(visit: Visit) -> Response:
    """One officer action on one application: the programme's call, an audit row, a logged event.
    The programme's work (certify's signing and log append, the status lists published again)
    holds no database transaction: it runs between two, in this request's worker thread."""
    officer = visit.officer()
    application, run, version, _, _ = _application(visit)
    action = visit.request.path_params["action"]
    if action not in ACTIONS:
        raise tenancy.not_found()
    if action == CERTIFY and application.assessed_run_id:  # the run that took the officers' records
        run = visit.db.get(Run, application.assessed_run_id) or run
    before, after = ACTIONS[action]
    reason = visit.form.get("reason", "").strip()
    if action != CERTIFY and not 0 < len(reason) <= MAX_REASON:
        raise HTTPException(400, f"{action} needs a reason of 1 to {MAX_REASON} characters")
    visit.db.commit()  # the write lock given back while this waits its turn
    with _ACTING:
        visit.db.refresh(application)
        if application.status not in before:
            raise HTTPException(409, f"an application {application.status} cannot be given {action}")
        programme = _programme_of(visit, action, version)
        visit.db.commit()  # no snapshot held through the programme's work
        try:
            try:
                outcome = _perform(visit.service.certifying, programme, action, application, run, version, reason)
            except HarnessInputError as refused:  # the programme's own refusal (its log, its files)
                raise Declined(refused.line()) from None
        except Declined as declined:
            outcome = f"declined: {declined}"
            why = declined.args[0] if declined.args else ""
            visit.db.add(AuditRow(officer_id=officer.id, action=action, application_id=application.id,
                                  reason=reason, outcome=outcome, declined=orjson.dumps(why.text()).decode()
                                  if isinstance(why, Message) else None))
            LOG.warning("officer %s %s application %s: %s", officer.id, action, application.id, outcome)
            return _review(visit, problem=render(why.key, why.args, visit.lang) if isinstance(why, Message)
                           else str(why), status=409)
        application.status, application.reason = after, reason
        visit.db.add(AuditRow(officer_id=officer.id, action=action, application_id=application.id, reason=reason,
                              outcome=outcome))
        visit.db.commit()  # the next officer's action reads this outcome
    LOG.info("officer %s %s application %s: %s", officer.id, action, application.id, outcome)
    return see(f"/officer/applications/{application.id}")


def _programme_of(visit: Visit, action: str, version: Version) -> Programme | None:
    """The programme with the version as its participant (None: refuse needs none, or no programme)."""
    service = visit.service.certifying
    if action == REFUSE or service is None:
        return None
    return service.with_participants([participant_of(visit.db, visit.service.config.folder, version)])


def _perform(service: ServiceProgramme | None, programme: Programme | None, action: str, application: Application,
             run: Run, version: Version, reason: str) -> str:
    """The programme's own function for ``action``; what it did, for the audit row."""
    if action == REFUSE:
        return "refused"
    if service is None or programme is None:
        raise Declined(msg("service.declined-no-programme"))
    if action == CERTIFY:
        run_id = Path(run.report_dir).name if run.report_dir else ""
        application.certificate_id, application.certificate_file = service.certify(programme, version.id, run_id)
        return f"certificate {application.certificate_id}"
    assert application.certificate_id is not None  # certified, suspended: a certificate was issued
    if action == REVOKE:
        service.revoke(programme, application.certificate_id, reason)
    else:
        service.change_suspension(programme, application.certificate_id, action == SUSPEND, reason)
    return f"certificate {application.certificate_id} {ACTIONS[action][1]}"


# -- manual assessments (assessing.py) ---------------------------------------------------------------

#: an officer's recording of an assessment and the run queued with the records, as audit rows name them
ASSESS, ASSESSED_RUN = "assess", "assessed-run"
#: the application's states in which officers assess it
ASSESSABLE = ("submitted", "refused")


@route(signed_in=True)
def assess(visit: Visit) -> Response:
    """Record one manual requirement's assessment for the application: the record written in the
    existing format (signed where the plan lists assessors), checked as a run checks it; an audit
    row and a logged event, whether it was kept or refused."""
    officer = visit.officer()
    application, run, version, _, _ = _application(visit)
    service = visit.service.certifying
    if service is None:
        return _review(visit, problem=render("service.declined-no-programme", {}, visit.lang), status=409)
    if application.status not in ASSESSABLE:
        raise HTTPException(409, f"an application {application.status} is not assessed")
    form = visit.form
    given = assessing.Recording(
        requirement=form.get("requirement", "").strip()[:100], verdict=form.get("verdict", ""),
        reasoning=form.get("reasoning", "").strip(), not_applicable_reason=form.get("not_applicable_reason", "").strip(),
        evidence=form.get("evidence", ""), date=form.get("date", "").strip())
    if problem := assessing.form_problem(given):
        raise HTTPException(400, problem)
    folder = visit.service.config.folder
    try:
        with visit.unlocked():  # the record's signature and checks hold no transaction
            path, signed_by = assessing.record(visit.service.config, service, application, version, given,
                                               officer.email)
        if given.requirement not in {r["id"] for r in assessing.needing(assessing.report_of(run))}:
            path.unlink(missing_ok=True)
            raise HarnessInputError(f"requirement {given.requirement}", "is no manual requirement this run left "
                                    "awaiting assessment", "assess a requirement the review page lists")
    except HarnessInputError as refused:
        line = refused.line().replace(str(folder.absolute()) + "/", "").replace(str(folder) + "/", "")
        visit.db.add(AuditRow(officer_id=officer.id, action=ASSESS, application_id=application.id,
                              reason=given.requirement, outcome=f"declined: {line}"))
        LOG.warning("officer %s %s application %s: declined: %s", officer.id, ASSESS, application.id, line)
        return _review(visit, problem=line, status=400)
    kept = visit.db.scalar(select(AssessmentRow).where(AssessmentRow.application_id == application.id,
                                                      AssessmentRow.requirement == given.requirement))
    if kept is not None:
        visit.db.delete(kept)
        visit.db.flush()
    application.assessed_run_id = None  # a run queued before took the earlier records: run again with these
    visit.db.add(AssessmentRow(application_id=application.id, requirement=given.requirement, verdict=given.verdict,
                               file=path.relative_to(folder).as_posix(), signed_by=signed_by, officer_id=officer.id))
    outcome = f"assessment {given.requirement} {given.verdict}" + (f" signed by {signed_by}" if signed_by else "")
    visit.db.add(AuditRow(officer_id=officer.id, action=ASSESS, application_id=application.id,
                          reason=given.requirement, outcome=outcome))
    LOG.info("officer %s %s application %s: %s", officer.id, ASSESS, application.id, outcome)
    return see(f"/officer/applications/{application.id}")


@route(signed_in=True)
def assessed_run(visit: Visit) -> Response:
    """Queue the version's programme run taking the application's records (``--assessment``, as a
    programme file's participant's ``assessments``): the run certify then certifies."""
    officer = visit.officer()
    application, _, version, _, _ = _application(visit)
    if visit.service.certifying is None:
        return _review(visit, problem=render("service.declined-no-programme", {}, visit.lang), status=409)
    if application.status not in ASSESSABLE:
        raise HTTPException(409, f"an application {application.status} is not assessed")
    records = assessing.records_of(visit.db, visit.service.config.folder, application.id)
    if not records:
        raise HTTPException(409, "record the assessments first")
    queued = Run(organisation_id=application.organisation_id, version_id=version.id)
    visit.db.add(queued)
    visit.db.flush()
    application.assessed_run_id = queued.id
    outcome = f"run {queued.id} queued with {len(records)} assessment records"
    visit.db.add(AuditRow(officer_id=officer.id, action=ASSESSED_RUN, application_id=application.id,
                          outcome=outcome))
    visit.db.commit()  # the worker reads the run and its application's records
    visit.service.worker.enqueue(queued.id)
    LOG.info("officer %s %s application %s: %s", officer.id, ASSESSED_RUN, application.id, outcome)
    return see(f"/officer/applications/{application.id}")


ROUTES = [
    Route("/officer", queue_page, methods=["GET"]),
    Route("/officer/applications/{application_id}", review_page, methods=["GET"]),
    Route("/officer/applications/{application_id}/report/{view}", review_report, methods=["GET"]),
    Route(f"/officer/applications/{{application_id}}/{ASSESS}", assess, methods=["POST"]),
    Route(f"/officer/applications/{{application_id}}/{ASSESSED_RUN}", assessed_run, methods=["POST"]),
    Route("/officer/applications/{application_id}/{action}", act, methods=["POST"]),
]
