"""What every route shares: the visit (database session, the visitor's session, language,
form), the pages' rendering (Jinja2, autoescaped, labels in en and zh from the message
templates ``service.*``) and the decorator that checks sign-in and CSRF."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..messages import render
from . import sessions
from .certifying import ServiceProgramme
from .config import ServiceConfig
from .forms import read_form, read_upload
from .models import LoginSession, User, writing
from .oidc import OidcClient
from .runs import Worker
from .sessions import SignInLimit
from .vault import Vault

LANGUAGES = ("en", "zh")
#: every label a page shows, by its message key (src/conformance/messages/service.yaml)
LABELS = ("service.title", "service.sign-up", "service.sign-in", "service.sign-out", "service.email",
          "service.password", "service.organisation", "service.code", "service.enrol", "service.products",
          "service.product", "service.add", "service.version", "service.manifest", "service.secrets",
          "service.secret-name", "service.secret-value", "service.run", "service.runs", "service.status",
          "service.report", "service.refused", "service.members", "service.role", "service.language", "service.apply",
          "service.applied", "service.queue", "service.review", "service.certificate", "service.verdicts",
          "service.requirement", "service.verdict", "service.evidence", "service.actions", "service.reason",
          "service.audit", "service.action-certify", "service.action-refuse", "service.action-suspend",
          "service.action-reinstate", "service.action-revoke", "service.programme", "service.participants",
          "service.lookup", "service.certificate-id", "service.verify", "service.paste", "service.outcome",
          "service.accepted", "service.rejected", "service.valid-until", "service.tokens", "service.new-token",
          "service.token-once", "service.log-checkpoint", "service.files", "service.file", "service.file-name",
          "service.file-size", "service.file-stored", "service.upload", "service.files-note",
          "service.file-name-refused", "service.earlier", "service.later",
          "service.sign-in-oidc", "service.certificate-file",
          # comparing two runs (compare.py)
          "service.compare", "service.compare-with", "service.run-a", "service.run-b", "service.change",
          "service.change-fixed", "service.change-regressed", "service.change-changed", "service.change-same")
#: every state word a page shows (a run's: the programme history's statuses; an application's; a
#: certificate's, as the programme log says; a role), by its key: a page shows ``state(word)``, never the word
STATES = {
    "queued": "service.state-queued", "running": "service.state-running", "finished": "service.state-finished",
    "bad-input": "service.state-bad-input", "incomplete": "service.state-incomplete",
    "crashed": "service.state-crashed", "timeout": "service.state-timeout",
    "interrupted": "service.state-interrupted", "rejected": "service.state-rejected",
    "submitted": "service.state-submitted", "certified": "service.state-certified",
    "refused": "service.state-refused", "suspended": "service.state-suspended", "revoked": "service.state-revoked",
    "valid": "service.state-valid", "unknown": "service.state-unknown", "owner": "service.state-owner",
    "member": "service.state-member", "declined": "service.state-declined"}
_PAGES = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                     autoescape=select_autoescape(default=True, default_for_string=True))


@dataclass(frozen=True)
class Service:
    """What the app holds (``app.state.service``)."""

    config: ServiceConfig
    sessions: sessionmaker[Session]
    vault: Vault
    worker: Worker
    limit: SignInLimit
    #: the programme that certifies (None: the service runs self-tests only)
    certifying: ServiceProgramme | None = None
    #: the OpenID Connect provider accounts may sign in with (None: passwords and TOTP only)
    oidc: OidcClient | None = None


@dataclass
class Visit:
    request: Request
    service: Service
    db: Session
    login: LoginSession
    lang: str
    form: dict[str, str] = field(default_factory=dict)
    #: an upload form's file (routes made with ``route(upload=True)``), spooled to a temporary file
    upload: UploadFile | None = None
    #: a new session's token, to set as the cookie on the answer
    token: str | None = None

    @property
    def organisation_id(self) -> str:
        if self.login.organisation_id is None:
            raise HTTPException(404, "not found")
        return self.login.organisation_id

    def officer(self) -> User:
        """The signed-in officer; anyone else finds officers' pages not there (404)."""
        user = self.db.get(User, self.login.user_id) if self.login.user_id else None
        if user is None or not user.officer:
            raise HTTPException(404, "not found")
        return user

    def _is_officer(self) -> bool:
        user = self.db.get(User, self.login.user_id) if self.login.user_id else None
        return user is not None and user.officer

    def page(self, template: str, status: int = 200, **values: object) -> HTMLResponse:
        lang = self.lang

        def label(key: str) -> str:
            return render(f"service.{key}", {}, lang)

        def state(word: str) -> str:
            """A stored state in the page's language (a word the service does not know: as stored)."""
            return render(STATES[word], {}, lang) if word in STATES else word

        text = _PAGES.get_template(template).render(t=label, state=state, lang=lang, csrf=self.login.csrf,
                                                    signed_in=self.login.user_id is not None,
                                                    programme=self.service.certifying is not None,
                                                    officer=self._is_officer(),
                                                    oidc=self.service.oidc is not None, **values)
        return HTMLResponse(text, status_code=status)

    @contextlib.contextmanager
    def unlocked(self) -> Iterator[None]:
        """Slow work (argon2, a signature) with no transaction open: this one committed, the
        write lock given back to other requests, and a writer's transaction begun again after."""
        self.db.commit()
        yield
        writing(self.db)

    def rotate(self, user_id: str | None, organisation_id: str | None) -> None:
        """Sign in (or out): a new session replaces this one."""
        self.token = sessions.start(self.db, self.service.config, user_id, organisation_id, replacing=self.login)


def _language(request: Request) -> str:
    chosen = request.query_params.get("lang") or request.cookies.get("lang") or ""
    if chosen in LANGUAGES:
        return chosen
    accepted = request.headers.get("accept-language", "").lower()
    return "zh" if accepted.startswith("zh") else "en"


#: a route's handler: plain (blocking) code, run in a worker thread (``run_in_threadpool``) so that
#: what it waits on (the database, argon2, the programme's signing and log appends, verifying a
#: certificate, reading an upload) never holds the event loop, and a slow request delays no other
Handler = Callable[[Visit], Response]


def route(*, signed_in: bool, upload: bool = False, max_upload: int | None = None,
          writes: bool = False) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """A handler given its visit, run in a worker thread: POSTs carry the session's CSRF token
    (else 403); ``signed_in`` pages send others to sign in (a POST: 403); ``upload``: the POST
    may be multipart, its file (within ``max_upload`` bytes, else the service's bound) the
    visit's ``upload``; ``writes``: a GET that writes (a writer's transaction, as a POST's)."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            service: Service = request.app.state.service
            form: dict[str, str] = {}
            file = None
            multipart = request.headers.get("content-type", "").lower().startswith("multipart/form-data")
            if request.method == "POST" and upload and multipart:
                form, file = await read_upload(request, max_upload or service.config.max_upload_bytes)
            elif request.method == "POST":
                form = await read_form(request)
            try:
                return await run_in_threadpool(_visit, handler, request, service, form, signed_in, file, writes)
            finally:
                if file is not None:
                    await file.close()

        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    return wrap


def _visit(handler: Handler, request: Request, service: Service, form: dict[str, str], signed_in: bool,
           file: UploadFile | None, writes: bool) -> Response:
    cookie = request.cookies.get(sessions.COOKIE)
    with service.sessions() as db:  # committed when the handler answers; an exception rolls it back
        if request.method == "POST" or writes or not cookie:  # it writes: a session, or what the form asks
            writing(db)
        login = sessions.find(db, cookie)
        token = None
        if login is None:
            if request.method != "POST" and cookie:  # a stale cookie: read, now write
                db.commit()
                writing(db)
            token = sessions.start(db, service.config)
            db.flush()
            login = sessions.find(db, token)
            assert login is not None
        visit = Visit(request, service, db, login, _language(request), form=form, token=token, upload=file)
        if request.method == "POST":
            sessions.check_csrf(login, form)
        if signed_in and login.user_id is None:
            if request.method == "POST":
                raise HTTPException(403, "sign in first")
            response: Response = RedirectResponse("/signin", status_code=303)
        else:
            response = handler(visit)
        db.commit()
    if visit.token is not None:
        sessions.set_cookie(response, visit.token, service.config)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", visit.lang, samesite="lax", secure=service.config.secure_cookies)
    return response


def see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)
