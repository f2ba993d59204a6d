"""The machine to one test for a timed measurement: a reader-writer lock across the xdist workers.

A few of the suite's own runs of the whole reference time a live exchange against a limit the
machine's contention can reach (tests/conftest.py's ``UNDER_LOAD``): the demo's stream paced at
60 frames a second, the shared space's relay latency. On two cores four workers run tests beside
them, and a timing the reference meets on an idle machine can fail there (a fresh clone's CI
failed so, twice). What such a run times again, it times on a quiet machine: every test holds a
share of the machine while it runs (:func:`share`, an autouse fixture), and :func:`quiet` takes
the machine whole, once the other workers' current tests have ended; they start their next test
when it is done. The limits are never loosened: the quiet run is judged as the first was.

Two files in the session's shared temporary folder: ``machine.lock``, held shared by each running
test and exclusively by a quiet block, and ``machine.turnstile``, which a quiet block holds while
it waits, so that tests starting meanwhile wait behind it (a reader-writer lock that prefers the
writer; flock alone would let the other workers' next tests take their share first, forever).
Without ``fcntl`` (not POSIX), or with one worker, nothing is locked."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

#: how long a test waits for a share, or a quiet block for the machine, before it goes on
#: without (a lock never held this long is a bug of its holder; the test then runs as before
#: and its timing is judged as it finds the machine)
PATIENCE_S = 900.0

#: how many times a run takes its timed requirements again on a quiet machine before its verdict stands
ATTEMPTS = 3

_folder: Path | None = None
_held: IO[str] | None = None  # this process's share, while one of its tests runs


def configure(shared: Path) -> None:
    """Where the lock files are: the folder every worker of the session shares."""
    global _folder
    _folder = shared


def _lock(handle: IO[str], how: int) -> bool:
    """``flock`` within :data:`PATIENCE_S`: True once held."""
    deadline = time.monotonic() + PATIENCE_S
    while True:
        try:
            fcntl.flock(handle, how | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)


def _active() -> bool:
    return fcntl is not None and _folder is not None and int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1) > 1


@contextmanager
def _taken() -> Iterator[IO[str]]:
    """A share of the machine, taken behind any quiet block waiting; closing the file releases it."""
    assert _folder is not None
    with (_folder / "machine.lock").open("a") as handle:
        with (_folder / "machine.turnstile").open("a") as turnstile:
            if _lock(turnstile, fcntl.LOCK_EX):
                _lock(handle, fcntl.LOCK_SH)
                fcntl.flock(turnstile, fcntl.LOCK_UN)
        yield handle


@contextmanager
def share() -> Iterator[None]:
    """A test's share of the machine while it runs (its worker's main thread: the share a quiet
    block it asks for gives up), or a thread's, for work it does beside the tests
    (tests/e2e/test_known_bad.py's set-up B, a process an area). A thread takes it before any other
    lock its work holds: a test may hold its share and wait for that lock."""
    global _held
    if not _active():
        yield
    elif threading.current_thread() is not threading.main_thread():
        with _taken():
            yield
    elif _held is not None:  # the test's own, taken already
        yield
    else:
        with _taken() as handle:
            _held = handle
            try:
                yield
            finally:
                _held = None


@contextmanager
def quiet() -> Iterator[None]:
    """The machine to this block alone: the other workers' tests ended, none started until it
    ends. The calling test's own share is given up first (two quiet blocks asked at once would
    otherwise each wait for the other's share). Never call it holding another lock a test may
    wait for (:func:`tests.conftest.once_per_session`'s): that test would hold its share and wait."""
    if not _active():
        yield
        return
    assert _folder is not None
    if _held is not None:
        fcntl.flock(_held, fcntl.LOCK_UN)
    with (_folder / "machine.turnstile").open("a") as turnstile, (_folder / "machine.lock").open("a") as whole:
        try:
            if _lock(turnstile, fcntl.LOCK_EX):
                _lock(whole, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(whole, fcntl.LOCK_UN)
            if _held is not None:
                _lock(_held, fcntl.LOCK_SH)  # still holding the turnstile: no quiet block comes between
            fcntl.flock(turnstile, fcntl.LOCK_UN)
