"""Sessions, CSRF and the sign-in rate limit. Every visitor has a session (anonymous until
sign-in) whose CSRF token every form carries; signing in replaces the session with a new one
(no fixation), and a session expires after ``session_hours``. The cookie holds a random token;
the database only its SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.responses import Response

from .config import ServiceConfig
from .models import LoginSession, now

COOKIE = "session"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find(db: Session, token: str | None) -> LoginSession | None:
    """The unexpired session the cookie's token opens, if any."""
    if not token:
        return None
    found = db.get(LoginSession, _hash(token))
    if found is None or found.expires <= now():
        return None
    return found


def start(db: Session, config: ServiceConfig, user_id: str | None = None,
          organisation_id: str | None = None, replacing: LoginSession | None = None) -> str:
    """A new session (its token, for the cookie); ``replacing`` is ended: sign-in and sign-out rotate."""
    if replacing is not None:
        db.execute(delete(LoginSession).where(LoginSession.token_hash == replacing.token_hash))
    db.execute(delete(LoginSession).where(LoginSession.expires <= now()))  # visitors' sessions do not pile up
    token = secrets.token_urlsafe(32)
    db.add(LoginSession(token_hash=_hash(token), csrf=secrets.token_urlsafe(32), user_id=user_id,
                        organisation_id=organisation_id, expires=now() + timedelta(hours=config.session_hours)))
    return token


def set_cookie(response: Response, token: str, config: ServiceConfig) -> None:
    response.set_cookie(COOKIE, token, max_age=config.session_hours * 3600, httponly=True, samesite="lax",
                        secure=config.secure_cookies, path="/")


def check_csrf(session: LoginSession, form: dict[str, str]) -> None:
    if not hmac.compare_digest(session.csrf.encode(), form.get("csrf", "").encode()):
        raise HTTPException(403, "the form's CSRF token is missing or stale: reload the page and send it again")


class SignInLimit:
    """At most ``attempts`` failed sign-ins per key (an account, an address) in ``window_s``;
    kept in memory (one process: the embedded service); past it, 429 until the window moves."""

    def __init__(self, attempts: int, window_s: float) -> None:
        self.attempts, self.window_s = attempts, window_s
        self._failures: defaultdict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, moment: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= moment - self.window_s:
            failures.popleft()
        return failures

    def refuse_if_over(self, *keys: str) -> None:
        moment = time.monotonic()
        with self._lock:
            if any(len(self._recent(key, moment)) >= self.attempts for key in keys):
                raise HTTPException(429, "too many failed sign-ins: wait a quarter of an hour",
                                    headers={"Retry-After": str(int(self.window_s))})

    def failed(self, *keys: str) -> None:
        moment = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, moment).append(moment)
