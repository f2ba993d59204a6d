"""A service's data (its folder: the database, the key) made once a test session, and an app of
each test module's own over a copy of it. The app is made in each process (it holds a database
engine; a live app cannot be shared between xdist workers), the accounts, products and runs
only once: the signed-in browsers are the same sessions, their cookies given to new clients."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import once_per_session
from tests.service.test_service import client

#: what a module's ``make`` returns: data (JSON) and the browsers (TestClients) whose sessions
#: it signed in, by name
Made = tuple[dict[str, Any], dict[str, Any]]


def service_made_once(factory: pytest.TempPathFactory, name: str, app_of: Callable[[Path], Starlette],
                      make: Callable[[Starlette, Path], Made]) -> tuple[Starlette, dict[str, Any], dict[str, Any]]:
    """``make(app, folder)`` run once a session on ``app_of(folder / "service")``; this module's
    app ``app_of`` a copy of that service folder (the tests change the copy: tokens, sessions),
    its data and its browsers. Paths ``make`` wrote outside the service folder stay the
    original's, read only."""

    def making(folder: Path) -> dict[str, Any]:
        app = app_of(folder / "service")
        data, browsers = make(app, folder)
        app.state.service.sessions.kw["bind"].dispose()  # the database's file whole before it is copied
        return {"service": str(folder / "service"), "data": data,
                "cookies": {who: dict(browser.cookies) for who, browser in browsers.items()}}

    made = once_per_session(factory, name, making)
    own = factory.mktemp(name) / "service"
    shutil.copytree(made["service"], own)
    app = app_of(own)
    browsers = {}
    for who, cookies in made["cookies"].items():
        browsers[who] = browser = client(app)
        for cookie, value in cookies.items():
            browser.cookies.set(cookie, value, domain="service.test")
    return app, made["data"], browsers
