"""What keeps a run to its promises when it is cut short: signals and the time budget.

While a run goes, SIGINT, SIGTERM and the end of the run's time budget (SIGALRM) all
interrupt it the way pytest expects (KeyboardInterrupt): pytest stops, the session is
marked interrupted, and the run still writes a valid report marked incomplete (exit 3).
Once the report is being written the guard is shielded: a late signal is only noted, so it
can neither break the report nor end the process by a signal.

An interrupt can be swallowed: Python runs a signal handler wherever the interpreter next
checks, and a KeyboardInterrupt raised inside a garbage-collector callback (hypothesis
installs one), a ``__del__`` or a weakref callback is only printed as "unraisable". So each
interrupt arms a watchdog: unless pytest (or the engine) acknowledged it within
:data:`GRACE_S`, the alarm interrupts again.

The budget is derived from what the run will do (:func:`run_budget`): a bound on how long
a correct harness can take against the slowest target the manifest allows, shown in the
report. HTTP adapters also stop sending requests once it is spent (``run_deadline``).
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType, TracebackType
from typing import Any

from .._catalog.model import Testing
from ..messages import msg

#: Seconds a run may always take (start-up, collection, reports).
BASE_S = 60.0
#: Per automated requirement: exchanges of an HTTP profile, each up to its target's timeout...
REQUESTS_PER_REQUIREMENT = 20
#: ...or seconds of a profile that reads files only, for files up to the default size cap...
FILE_S_PER_REQUIREMENT = 60.0
#: ...and more per MiB by which a file target's ``max_file_bytes`` exceeds that default: a
#: manifest that admits larger files admits a longer run (issue 48: IfcOpenShell's own validate
#: takes about 5 s of CPU per MB of IFC here; four times that leaves room for a loaded machine).
FILE_S_PER_EXTRA_MIB = 20.0
DEFAULT_TIMEOUT_S = 10.0
#: After an interrupt, further signals are only noted for this long (see RunGuard._handle);
#: an interrupt nobody acknowledged within it is raised again.
GRACE_S = 5.0

#: The guard of the run going in this process (signals are per process), for acknowledge().
_active: RunGuard | None = None


def acknowledge_interrupt() -> None:
    """The run's own machinery caught the interrupt (pytest's ``pytest_keyboard_interrupt``,
    the direct runner): it is winding down, and the watchdog must not interrupt it again."""
    if _active is not None:
        _active.acknowledged = True


def run_budget(plan: Any) -> tuple[float, str]:
    """The run's overall time budget in seconds, and how it was derived."""
    total = BASE_S
    parts = [f"{BASE_S:g} s"]
    for planned in plan.profiles:
        profile = planned.profile
        automated = [r for r in planned.requirement_ids if r in plan.selected
                     and plan.catalog.requirements[r].testing is Testing.AUTOMATED]
        if not automated:
            continue
        timeouts = [float(plan.manifest.targets.get(planned.target_of(role), {}).get("timeout_s", DEFAULT_TIMEOUT_S))
                    for role, spec in profile.targets.items() if spec.kind == "http"]
        if timeouts:
            seconds = len(automated) * REQUESTS_PER_REQUIREMENT * max(timeouts)
            parts.append(f"{profile.id}: {len(automated)} requirements × {REQUESTS_PER_REQUIREMENT} "
                         f"requests × {max(timeouts):g} s")
        else:
            from ..adapters.file import DEFAULT_MAX_FILE_BYTES

            caps = [int(plan.manifest.targets.get(planned.target_of(role), {}).get("max_file_bytes",
                                                                                  DEFAULT_MAX_FILE_BYTES))
                    for role, spec in profile.targets.items() if spec.kind == "file"]
            extra_mib = max([0.0, *((cap - DEFAULT_MAX_FILE_BYTES) / (1 << 20) for cap in caps)])
            per = FILE_S_PER_REQUIREMENT + extra_mib * FILE_S_PER_EXTRA_MIB
            seconds = len(automated) * per
            parts.append(f"{profile.id}: {len(automated)} requirements × {per:g} s"
                         + (f" ({FILE_S_PER_REQUIREMENT:g} s + {extra_mib:.1f} MiB over the default file size cap "
                            f"× {FILE_S_PER_EXTRA_MIB:g} s)" if extra_mib else ""))
        total += seconds
    return total, " + ".join(parts)


class RunGuard:
    """Signals and the budget's alarm turned into KeyboardInterrupt while a run goes
    (main thread only: elsewhere signals cannot be handled, and adapters' deadlines still
    bound the run). ``reason`` says what interrupted it, if anything did."""

    def __init__(self, budget_s: float | None = None) -> None:
        self.budget_s = budget_s
        self.reason: str | None = None
        self.budget_spent = False
        self._shielded = False
        self._raised_at: float | None = None
        self._previous: dict[int, Any] = {}
        #: The last interrupt reached code that winds the run down (see acknowledge_interrupt).
        self.acknowledged = False

    def __enter__(self) -> RunGuard:
        global _active
        if threading.current_thread() is not threading.main_thread():
            return self
        _active = self
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._handle)
        if hasattr(signal, "setitimer"):  # the budget's alarm and the watchdog's
            self._previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, self._handle)
            if self.budget_s:
                signal.setitimer(signal.ITIMER_REAL, self.budget_s)
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.reason is None:
            if signum == getattr(signal, "SIGALRM", None):
                self.budget_spent = True
                self.reason = msg("engine.budget-spent", seconds=f"{self.budget_s:g}")
            else:
                self.reason = msg("engine.interrupted-by", signal=signal.Signals(signum).name)
        # One interrupt, then a grace period in which pytest and the run wind down undisturbed
        # (a storm of signals must not break the report); only if the run is still going
        # after it does another signal interrupt again. The watchdog's alarm at the end of the
        # grace period interrupts again only if nothing acknowledged the interrupt (it was
        # swallowed somewhere): a run that is winding down is left to finish.
        now = time.monotonic()
        if self._shielded:
            return
        watchdog = self._raised_at is not None and signum == getattr(signal, "SIGALRM", None)
        if watchdog and self.acknowledged:
            return
        if watchdog or self._raised_at is None or now - self._raised_at > GRACE_S:
            self._raised_at = now
            self.acknowledged = False
            if hasattr(signal, "setitimer") and signal.SIGALRM in self._previous:
                signal.setitimer(signal.ITIMER_REAL, GRACE_S)
            raise KeyboardInterrupt

    def shield(self) -> None:
        """From now on signals are only noted: the report is being made."""
        self._shielded = True
        if hasattr(signal, "SIGALRM") and signal.SIGALRM in self._previous:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        global _active
        if _active is self:
            _active = None
        if hasattr(signal, "SIGALRM") and signal.SIGALRM in self._previous:
            signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
