"""The public's pages, read from the programme log (never from the service's own rows): the
certified products and their certificates' state, a certificate's lookup (and its JSON), a
verification page that runs the programme's own ``verify`` on a pasted certificate, and the
log's checkpoint and tiles at their C2SP tlog-tiles paths (``/programme/log/checkpoint``,
``/programme/log/tile/...``), as ``certify`` publishes them. No sign-in; no object is looked
up by a path id (a query names a certificate), and nothing a vendor sent is served here."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import orjson
from sqlalchemy import select
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .._io.vendorfiles import MAX_DOCUMENT_BYTES, read_capped
from ..errors import HarnessInputError, Rejected
from ..programme.certformat import CERTIFICATES, ISSUERS
from ..programme.certread import local
from ..programme.certverify import verify_certificate
from ..programme.statuslist import STATUS_PATH
from ..programme.trust import programme_keys
from . import tenancy
from .certifying import ServiceProgramme
from .models import Organisation, Product, Version
from .web import Visit, route

#: the pasted certificate's bound (a certificate is a few KiB; the form's own bound is larger)
MAX_PASTE = 64 * 1024


def _programme(visit: Visit) -> ServiceProgramme:
    if visit.service.certifying is None:
        raise tenancy.not_found()
    return visit.service.certifying


@dataclass(frozen=True)
class Listed:
    """A certificate as the public sees it: the log's row, the product it names, its state."""

    certificate_id: str
    issued: str
    valid_until: str
    product: str
    version: str
    organisation: str
    state: str


def _certificates(visit: Visit, service: ServiceProgramme) -> list[Listed]:
    """Every certificate the log issued, newest first, with its state and the product it names."""
    view = service.view()
    names = {version_id: (product, number, organisation) for version_id, product, number, organisation in
             visit.db.execute(select(Version.id, Product.name, Version.version, Organisation.name)
                              .join(Product, Version.product_id == Product.id)
                              .join(Organisation, Product.organisation_id == Organisation.id))}
    rows: list[Listed] = []
    for certificate_id, (_, row) in view.certificates.items():
        product, number, organisation = names.get(str(row["participant"]), ("?", "?", "?"))
        rows.append(Listed(certificate_id, str(row["issued"]), str(row["valid_until"]), product, number,
                           organisation, service.state_of(certificate_id)))
    return sorted(rows, key=lambda r: r.issued, reverse=True)


@route(signed_in=False)
def programme_page(visit: Visit) -> Response:
    service = _programme(visit)
    return visit.page("programme.html.j2", title=service.base.title_in(visit.lang),
                      certificates=_certificates(visit, service))


@route(signed_in=False)
def lookup(visit: Visit) -> Response:
    """A certificate by its id (``?id=urn:uuid:...``): its product, state and dates."""
    service = _programme(visit)
    wanted = visit.request.query_params.get("id", "")
    found = [c for c in _certificates(visit, service) if c.certificate_id == wanted] if wanted else []
    return visit.page("lookup.html.j2", status=200 if found or not wanted else 404, wanted=wanted,
                      found=found[0] if found else None)


@route(signed_in=False)
def certificate_json(visit: Visit) -> Response:
    """The certificate's file as the programme issued it (its JSON, never active content)."""
    service = _programme(visit)
    wanted = visit.request.query_params.get("id", "")
    rows = [row for _, row in service.view().certificates.values() if row["certificate_id"] == wanted]
    if not rows:
        raise tenancy.not_found()
    try:
        data = read_capped(service.out / str(rows[0]["file"]), MAX_DOCUMENT_BYTES, root=service.out)
    except OSError:  # the log issued it, its file is gone (or is not a regular file): not found here
        raise tenancy.not_found() from None
    return Response(data, media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{Path(str(rows[0]["file"])).name}"'})


@route(signed_in=False)
def verify_page(visit: Visit) -> Response:
    _programme(visit)
    return visit.page("verify.html.j2")


def verify_pasted(service: ServiceProgramme, text: str) -> tuple[bool, list[str]]:
    """``conformance verify`` on the pasted certificate against the programme's key, its published
    status lists, issuers, the report the certificate names (inside the run folder only) and its
    log: (accepted, what was checked or the reason it was rejected)."""
    out, site = service.out, service.base.site_url or ""
    with tempfile.TemporaryDirectory(prefix="conformance-verify-") as place:
        path = Path(place) / "certificate.json"
        path.write_text(text, encoding="utf-8")
        try:
            named = orjson.loads(text)["credentialSubject"]["report"]["id"]
            report = local(str(named), site, out, "report")
            check = verify_certificate(path, programme_keys(service.base), status_list=out / STATUS_PATH,
                                       report=report, issuers=out / CERTIFICATES / ISSUERS, log=service.log_folder)
        except Rejected as rejected:
            return False, [str(rejected)]
        except (HarnessInputError, ValueError, KeyError, TypeError) as bad:
            return False, [bad.line() if isinstance(bad, HarnessInputError) else
                           f"not a certificate the programme issues ({type(bad).__name__})"]
    return True, [*check.checked]


@route(signed_in=False, upload=True, max_upload=MAX_PASTE)
def verify(visit: Visit) -> Response:
    """``verify`` on the pasted certificate, or on the uploaded one (a file of at most ``MAX_PASTE``)."""
    service = _programme(visit)
    text = visit.form.get("certificate", "")
    if visit.upload is not None and visit.upload.filename and not text.strip():
        text = visit.upload.file.read(MAX_PASTE + 1).decode("utf-8", "replace")
    if not 0 < len(text.encode("utf-8")) <= MAX_PASTE:
        return visit.page("verify.html.j2", status=400, refused=True)
    accepted, lines = verify_pasted(service, text)  # file reads and signatures: this runs in a worker thread
    return visit.page("verify.html.j2", accepted=accepted, lines=lines, pasted=True)


def routes(service: ServiceProgramme | None) -> list[Route | Mount]:
    """The public's routes; the log's files only when a programme is configured."""
    found: list[Route | Mount] = [
        Route("/programme", programme_page, methods=["GET"]),
        Route("/programme/certificates", lookup, methods=["GET"]),
        Route("/programme/certificate.json", certificate_json, methods=["GET"]),
        Route("/programme/verify", verify_page, methods=["GET"]),
        Route("/programme/verify", verify, methods=["POST"]),
    ]
    if service is not None:  # C2SP tlog-tiles: <prefix>/checkpoint, <prefix>/tile/<L>/<N>[.p/<W>]
        found.append(Mount("/programme/log", app=StaticFiles(directory=service.log_folder, check_dir=False)))
    return found
