"""The application factory: the service's routes over its database, the built-in worker
(started and stopped with the app's lifespan), and the security headers on every answer."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import HarnessInputError
from ..programme.database import open_engine
from . import accounts, api, compare, pages, public, review
from .assessing import signing_assessor
from .certifying import ServiceProgramme
from .config import SIGN_IN_WINDOW_S, ServiceConfig
from .models import Base, User, add_missing_columns
from .oidc import OidcClient
from .runs import Worker
from .sessions import SignInLimit
from .vault import Vault
from .web import Service

#: on every answer: no script but the service's own files (none inline), no framing, no sniffing
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class SecurityHeaders:
    """ASGI middleware: the headers above, unless a route set its own (a report's stricter CSP)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, sending)


def create_app(config: ServiceConfig) -> Starlette:
    engine = open_engine(config.database)
    Base.metadata.create_all(engine)
    add_missing_columns(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    vault = Vault(config.key)
    certifying = ServiceProgramme(config) if config.programme is not None else None
    signing_assessor(config, certifying)  # a key the plan does not list: one line at start
    with sessions.begin() as db:  # the configured officers (accounts that exist): never made by sign-up
        known = set(db.scalars(select(User.email).where(User.email.in_(sorted(config.officers)))))
        if missing := sorted(config.officers - known):
            raise HarnessInputError(f"--officer {missing[0]}", "has no account on this service",
                                    "sign up with that address first, then start the service again with it")
        db.execute(update(User).where(User.email.in_(sorted(known))).values(officer=True))
    service = Service(config=config, sessions=sessions, vault=vault,
                      worker=Worker(config, sessions, vault, certifying),
                      limit=SignInLimit(config.sign_in_attempts, SIGN_IN_WINDOW_S), certifying=certifying,
                      oidc=OidcClient(config.oidc) if config.oidc is not None else None)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.worker.start()
        try:
            yield
        finally:
            service.worker.stop()

    routes = [*compare.ROUTES, *pages.ROUTES, *accounts.ROUTES, *api.ROUTES, *review.ROUTES, *public.routes(certifying)]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(SecurityHeaders)
    app.state.service = service
    return app
