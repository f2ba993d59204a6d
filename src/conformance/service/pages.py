"""The vendors' pages: products, versions with their manifests, secrets, self-test runs and
their reports. Every object is found through tenancy.py, so another organisation's is a 404."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from ..messages import render
from . import assessing, tenancy, uploads
from .config import RUN_RETRY_AFTER_S
from .models import Application, Product, Run, Secret, Version
from .products import add_version, manifest_problem, store_secret
from .runs import QUEUED, RUNNING
from .web import Service, Visit, route, see

#: a run's views, by the name the page links: (file, media type)
REPORTS = {"html": ("report.html", "text/html; charset=utf-8"), "json": ("report.json", "application/json"),
           "junit": ("junit.xml", "application/xml")}
#: a report is the product's data rendered: served with no script, no plug-in, in a sandbox
REPORT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@route(signed_in=False)
def home(visit: Visit) -> Response:
    return visit.page("home.html.j2")


#: the pages' own files (the CSP takes styles and scripts from the service's origin only, none inline)
PAGE_FILES = {"/service.css": "text/css; charset=utf-8", "/service.js": "text/javascript; charset=utf-8"}


async def page_file(request: Request) -> Response:
    return FileResponse(Path(__file__).with_name(request.url.path.lstrip("/")), media_type=PAGE_FILES[request.url.path])


async def no_icon(request: Request) -> Response:
    """The site has no icon: a browser's own request for one is answered 204, not 404 (which a browser reports
    as a failed resource in every page's console)."""
    return Response(status_code=204)


@route(signed_in=True)
def products_page(visit: Visit) -> Response:
    products = visit.db.scalars(select(Product).where(Product.organisation_id == visit.organisation_id)
                                .order_by(Product.name)).all()
    return visit.page("products.html.j2", products=products)


@route(signed_in=True)
def add_product(visit: Visit) -> Response:
    name = visit.form.get("name", "").strip()
    if not 0 < len(name) <= 200:
        raise HTTPException(400, "a product's name is 1 to 200 characters")
    product = Product(organisation_id=visit.organisation_id, name=name)
    visit.db.add(product)
    visit.db.flush()
    return see(f"/products/{product.id}")


def runs_of_product(db: Session, product_id: str) -> list[tuple[Run, str]]:
    """The product's runs, newest first, each with its version's number (what a compare form offers)."""
    return [(run, number) for run, number in db.execute(
        select(Run, Version.version).join(Version, Run.version_id == Version.id)
        .where(Version.product_id == product_id).order_by(Run.created.desc(), Run.id)).all()]


def _product_view(visit: Visit, product: Product, status: int = 200, **more: object) -> Response:
    versions = visit.db.scalars(select(Version).where(Version.product_id == product.id)).all()
    names = visit.db.scalars(select(Secret.name).where(Secret.product_id == product.id)).all()
    runs = runs_of_product(visit.db, product.id)
    return visit.page("product.html.j2", status=status, product=product, versions=versions, secrets=names,
                      runs=runs, **more)


@route(signed_in=True)
def product_page(visit: Visit) -> Response:
    product = tenancy.product_of(visit.db, visit.organisation_id, visit.request.path_params["product_id"])
    return _product_view(visit, product)


@route(signed_in=True)
def add_version_page(visit: Visit) -> Response:
    """A version and its manifest, if the harness takes the manifest; else its located line."""
    product = tenancy.product_of(visit.db, visit.organisation_id, visit.request.path_params["product_id"])
    number, manifest = visit.form.get("version", "").strip(), visit.form.get("manifest", "")
    folder = visit.service.config.folder
    problem, placed = ("a version is 1 to 100 characters", manifest) if not 0 < len(number) <= 100 else \
        manifest_problem(folder, manifest, uploads.folder_of(folder, visit.organisation_id),
                         local_files=visit.service.config.local_files)
    if problem:
        return _product_view(visit, product, status=400, problem=problem, manifest=manifest)
    add_version(visit.db, folder, product, number, manifest, placed)
    return see(f"/products/{product.id}")


@route(signed_in=True)
def add_secret(visit: Visit) -> Response:
    product = tenancy.product_of(visit.db, visit.organisation_id, visit.request.path_params["product_id"])
    try:
        store_secret(visit.db, visit.service.vault, product, visit.form.get("name", ""), visit.form.get("value", ""))
    except ValueError as refused:
        return _product_view(visit, product, status=400, problem=str(refused))
    return see(f"/products/{product.id}")


class RunsQueued(Exception):
    """The organisation has its ``limit`` of self-tests queued or running already."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"{limit} self-tests of this organisation are queued or running already: "
                         f"start another when one is done")
        self.limit = limit


def begin_run(db: Session, service: Service, organisation_id: str, version: Version) -> Run:
    """A queued run of ``version``, committed (the worker reads it from its own session) and
    enqueued; :class:`RunsQueued` when the organisation has its limit queued or running (the
    request's transaction is a writer's: the count and the new run are one step)."""
    limit = service.config.queued_runs
    waiting = db.scalar(select(func.count()).select_from(Run).where(
        Run.organisation_id == organisation_id, Run.status.in_((QUEUED, RUNNING))))
    if (waiting or 0) >= limit:
        raise RunsQueued(limit)
    run = Run(organisation_id=organisation_id, version_id=version.id)
    db.add(run)
    db.flush()
    db.commit()
    service.worker.enqueue(run.id)
    return run


@route(signed_in=True)
def start_run(visit: Visit) -> Response:
    version, product = tenancy.version_of(visit.db, visit.organisation_id, visit.request.path_params["version_id"])
    try:
        run = begin_run(visit.db, visit.service, visit.organisation_id, version)
    except RunsQueued as refused:
        shown = _product_view(visit, product, status=429,
                              problem=render("service.runs-queued", {"limit": refused.limit}, visit.lang))
        shown.headers["Retry-After"] = str(RUN_RETRY_AFTER_S)
        return shown
    return see(f"/runs/{run.id}")


def _passed(run: Run) -> bool:
    """Conformant: the run finished and its exit code said so (0), as `conformance run` says it;
    or incomplete only for manual requirements officers assess (assessing.py)."""
    return (run.status == "finished" and run.exit_code == 0) or assessing.awaits_assessment(run)


@route(signed_in=True)
def run_page(visit: Visit) -> Response:
    run = tenancy.run_of(visit.db, visit.organisation_id, visit.request.path_params["run_id"])
    application = visit.db.scalar(select(Application).where(Application.run_id == run.id))
    certificate = None  # its state as the programme log says (`programme watch` may have suspended it)
    if application is not None and application.certificate_id and visit.service.certifying is not None:
        certificate = visit.service.certifying.state_of(application.certificate_id)
    version, _ = tenancy.version_of(visit.db, visit.organisation_id, run.version_id)
    others = [(other, number) for other, number in runs_of_product(visit.db, version.product_id) if other.id != run.id]
    return visit.page("run.html.j2", run=run, reports=sorted(REPORTS) if run.report_dir else [],
                      application=application, can_apply=application is None and _passed(run),
                      certificate_state=certificate, others=others)


@route(signed_in=True)
def apply(visit: Visit) -> Response:
    """Apply for certification of a conformant run, once (officers review it: review.py)."""
    run = tenancy.run_of(visit.db, visit.organisation_id, visit.request.path_params["run_id"])
    if not _passed(run):
        raise HTTPException(400, "only a conformant run (finished, exit code 0) may be applied with")
    if visit.db.scalar(select(Application).where(Application.run_id == run.id)) is None:
        visit.db.add(Application(organisation_id=visit.organisation_id, run_id=run.id))
    return see(f"/runs/{run.id}")


@route(signed_in=True)
def run_report(visit: Visit) -> Response:
    run = tenancy.run_of(visit.db, visit.organisation_id, visit.request.path_params["run_id"])
    return report_file(run, visit.request.path_params["view"])


def report_file(run: Run, name: str) -> Response:
    """One of the run's views, served inert (the product's data: a sandbox, no script)."""
    view = REPORTS.get(name)
    path = Path(run.report_dir) / view[0] if view and run.report_dir else None
    if view is None or path is None or not path.is_file():
        raise tenancy.not_found()
    response = FileResponse(path, media_type=view[1])
    response.headers["Content-Security-Policy"] = REPORT_CSP
    return response


@route(signed_in=True)
def files_page(visit: Visit) -> Response:
    return visit.page("files.html.j2", files=uploads.listed(visit.service.config.folder, visit.organisation_id))


@route(signed_in=True, upload=True)
def upload_file(visit: Visit) -> Response:
    """Keep the uploaded file for the organisation, under its own name if that name is plain."""
    folder, organisation = visit.service.config.folder, visit.organisation_id
    if visit.upload is None or not visit.upload.filename:
        raise HTTPException(400, "choose a file to upload")
    if uploads.name_problem(visit.upload.filename):
        return visit.page("files.html.j2", status=400, problem=render("service.file-name-refused", {}, visit.lang),
                          files=uploads.listed(folder, organisation))
    stored = uploads.store(folder, organisation, visit.upload.filename, visit.upload.file,
                           visit.service.config.max_upload_bytes)
    return visit.page("files.html.j2", stored=stored, files=uploads.listed(folder, organisation))


ROUTES = [
    Route("/", home, methods=["GET"]), *(Route(path, page_file, methods=["GET"]) for path in PAGE_FILES),
    Route("/favicon.ico", no_icon, methods=["GET"]),
    Route("/products", products_page, methods=["GET"]), Route("/products", add_product, methods=["POST"]),
    Route("/products/{product_id}", product_page, methods=["GET"]),
    Route("/products/{product_id}/versions", add_version_page, methods=["POST"]),
    Route("/products/{product_id}/secrets", add_secret, methods=["POST"]),
    Route("/versions/{version_id}/runs", start_run, methods=["POST"]),
    Route("/runs/{run_id}", run_page, methods=["GET"]),
    Route("/runs/{run_id}/report/{view}", run_report, methods=["GET"]),
    Route("/runs/{run_id}/apply", apply, methods=["POST"]),
    Route("/files", files_page, methods=["GET"]), Route("/files", upload_file, methods=["POST"]),
]
