"""Closing a run's targets never hangs the run (target_adapters.close_targets)."""

from __future__ import annotations

import threading

import pytest

from conformance._run.target_adapters import close_targets


class _Stuck:
    """An adapter whose client's lock was left taken (what an interrupt inside the lock's
    ``__enter__`` leaves behind): its close waits until released."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.lock.acquire()

    def close(self) -> None:
        with self.lock:
            pass


class _Closes:
    closed = False

    def close(self) -> None:
        self.closed = True


class _Fails:
    def close(self) -> None:
        raise OSError("socket gone")


def test_a_stuck_close_is_left_behind_and_the_others_close():
    stuck, fine = _Stuck(), _Closes()
    close_targets({"api": fine, "api_b": stuck}, timeout=0.2)
    assert fine.closed
    stuck.lock.release()  # let the daemon thread finish


def test_an_error_closing_is_raised_in_the_callers_thread():
    with pytest.raises(OSError, match="socket gone"):
        close_targets({"api": _Fails()})
