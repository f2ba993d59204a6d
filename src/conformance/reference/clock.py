"""The reference implementation's time: one clock per app, which every part of its state that
ages reads (challenges and tokens and their expiry, registries' timestamps, the ledger's
holding periods, reports' deadlines, sanctions, daily limits, the twin feed).

``create_app(clock=...)`` gives the app its clock (default: the wall clock, UTC); the
:class:`Clocked` middleware makes it the clock of each request it serves (a context variable,
so two apps in one process, each with its own clock, never see each other's), and
:func:`using` makes it the clock of the app's construction (its seeded state). A test passes
days between runs by moving its clock, never by waiting (tests/reference/test_week_of_runs.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

Clock = Callable[[], datetime]


def wall() -> datetime:
    """The wall clock, in UTC."""
    return datetime.now(UTC)


_current: ContextVar[Clock] = ContextVar("reference_clock", default=wall)


def now() -> datetime:
    """The time of the app serving this request (aware, UTC unless its clock says otherwise)."""
    return _current.get()()


def seconds() -> float:
    """:func:`now` as seconds since the epoch (what ``time.time()`` gives on the wall clock)."""
    return now().timestamp()


@contextmanager
def using(clock: Clock) -> Iterator[None]:
    """``clock`` is the time of what runs inside (an app's construction)."""
    token = _current.set(clock)
    try:
        yield
    finally:
        _current.reset(token)


class Clocked:
    """ASGI middleware: each request the app serves reads ``clock`` (outermost, so that every
    other middleware and route sees it)."""

    def __init__(self, app: Any, clock: Clock) -> None:
        self.app, self.clock = app, clock

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        token = _current.set(self.clock)
        try:
            await self.app(scope, receive, send)
        finally:
            _current.reset(token)
