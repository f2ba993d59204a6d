"""Time and memory bounds of the commands that are not a run, and of a run's preparation.

A run is bounded by its time budget (:mod:`conformance._run.runguard`) and by the caps on what it
reads. What happens before the run's budget starts (reading the manifest, the plan, the
assessments, expanding globs, loading the catalog) and the commands that run no tests
(``verify``, ``keys``, ``report export``/``replay``, ``generate``) get the same two bounds
here:

- **time**: the end of the budget (``SIGALRM``) interrupts the command;
- **memory**: the address space the command may add to what it holds when it starts
  (``RLIMIT_AS``, soft limit only, restored afterwards); an allocation past it is a
  ``MemoryError``.

Either way the command stops with one line naming the bound and the option that sets it, and
exit code 3 (could not complete), never a hang or a traceback. Outputs are written
atomically, so a command stopped part-way leaves no half-written file. A bound of 0 is no bound.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType
from typing import Any


@dataclass(frozen=True)
class Limits:
    """A command's bounds: seconds of wall-clock time and megabytes of memory (0: none)."""

    seconds: float
    memory_mb: int


#: The defaults, per command: far above what a correct harness takes on honest input (a
#: signed demo verifies in about 1 s, a report exports in well under that), low enough that
#: a hostile input cannot hold a CI job or a machine's memory.
DEFAULTS: dict[str, Limits] = {
    "prepare": Limits(300.0, 1024),  # a run's preparation: manifest, plan, assessments, globs, catalog
    "verify": Limits(600.0, 1024),
    "keys": Limits(60.0, 256),
    "report": Limits(300.0, 1024),
    "generate": Limits(600.0, 1024),
}


class BudgetSpent(BaseException):
    """A command went past one of its bounds. A BaseException, as KeyboardInterrupt is: no
    ``except Exception`` of the command turns it into something else."""

    def __init__(self, line: object) -> None:
        super().__init__(str(line))
        self.line = str(line)


def _address_space() -> int | None:
    """This process's address space in bytes now (None where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def _memory_bound(memory_mb: int) -> Iterator[bool]:
    """RLIMIT_AS (soft) at the current address space plus ``memory_mb``; yields whether set."""
    try:
        import resource
    except ImportError:  # not a POSIX system
        yield False
        return
    now = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if not memory_mb or now is None:
        yield False
        return
    limit = now + memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield False  # a tighter limit is already set (e.g. a programme's --memory-mb): kept
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield True
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def bounded(what: str, limits: Limits, *, option: str = "--time-limit/--memory-limit") -> Iterator[None]:
    """Run the block within ``limits``; past one, raise :class:`BudgetSpent` with one line.
    ``what`` names the command in that line, ``option`` the options that set the bounds.
    Signals are only handled on the main thread: elsewhere the time bound is not set."""
    on_main = threading.current_thread() is threading.main_thread()
    with _memory_bound(limits.memory_mb if on_main else 0) as capped:
        try:
            with _time_bound(what, limits.seconds if on_main else 0, option):
                yield
        except MemoryError:
            if not capped:
                raise
            from ..messages import msg  # only now: loading the CLI or the plugin loads no YAML

            raise BudgetSpent(msg("engine.command-memory-spent", what=what, mb=limits.memory_mb,
                                  option=option)) from None


@contextlib.contextmanager
def _time_bound(what: str, seconds: float, option: str) -> Iterator[None]:
    """SIGALRM after ``seconds`` raises BudgetSpent; the alarm is cancelled on the way out."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    fired: list[BudgetSpent] = []

    def spent(signum: int, frame: FrameType | None) -> None:
        if frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
            # importlib's module locks break when interrupted (an exception there leaves a
            # KeyError in their bookkeeping instead of ours): the bound holds a moment later
            signal.setitimer(signal.ITIMER_REAL, 0.001)
            return
        from ..messages import msg

        fired.append(BudgetSpent(msg("engine.command-time-spent", what=what, seconds=f"{seconds:g}", option=option)))
        raise fired[0]

    def quiet(unraisable: Any) -> None:
        # Raised where Python cannot raise (a weakref callback such as importlib's module
        # lock's, a finalizer): Python would print it with a traceback. It is raised below.
        if not (fired and unraisable.exc_value is fired[0]):
            hook(unraisable)

    previous: Any = signal.signal(signal.SIGALRM, spent)
    hook, sys.unraisablehook = sys.unraisablehook, quiet
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = hook
    if fired:  # the handler ran, yet the block went on: C code that discards a handler's
        raise fired[0]  # exception (compile() of a module without its .pyc, a callback) lost it


def positive_seconds(text: str) -> float:
    """An argparse type: seconds, a finite number >= 0 (0: no bound)."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise ValueError(text) from None
    if not math.isfinite(value) or value < 0 or value > 10**7:
        raise ValueError(text)
    return value


def megabytes(text: str) -> int:
    """An argparse type: megabytes, a whole number >= 0 (0: no bound)."""
    value = int(text)
    if value < 0 or value > 2**24:
        raise ValueError(text)
    return value


positive_seconds.__name__ = "seconds"  # argparse names the type in its one-line error
megabytes.__name__ = "megabytes"
