"""The harness's own loop as part of the apparatus (IF-SES-002, IF-LAT-001).

A measurement that times many clients from one asyncio loop reads its clock only when the loop
gets to it: on a busy machine the harness's scheduling delay is added to every time it measures.
While the clients run, a probe on the same loop (a timer of fixed period) records how late each
of its ticks wakes; the record gives its statistics beside the measured ones.

That delay only lengthens a measured time (a send is timed before it leaves, an answer once it is
read), never shortens it: a statistic within its limit stands whatever the probe. A statistic over
its limit is valid when the probe's same statistic stayed within the standard's share of that
limit, or when it is over the limit by more than the apparatus could have added (twice the probe's
largest lateness: a send and its receipt each read that late); otherwise (:func:`overrun`) the
measurement is made again (:func:`until_valid`), and with none valid the requirement is left
inconclusive, never failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .latency import percentile

#: the probe's period: a tick every 5 ms while the clients run (the catalog's own number: 20
#: ticks in a session's update interval, a few hundred in a measurement)
PROBE_PERIOD_S = 0.005
#: a statistic over its limit is valid when the probe's same statistic is at most this share of
#: that limit (the catalog's own: 10 %)
SHARE = 0.10
#: how many measurements are made at most to find a valid one (the catalog's own)
ATTEMPTS = 3
#: how many times the probe's largest lateness a measured time can hold of the apparatus's own
#: delay: its start and its end each read late (a send timed, an answer or a receipt read)
READINGS = 2

Measured = TypeVar("Measured")


async def probe(lateness_ms: list[float], period_s: float = PROBE_PERIOD_S) -> None:
    """Tick every ``period_s`` on a fixed grid of the loop's clock and record how late each tick
    woke (ms). The ticks due during a stall all wake when it ends, each as late as a message due
    then would have been read: a stall weighs as long as it lasted, and a loop that falls behind
    does not pile up a backlog of its own ticks."""
    loop = asyncio.get_running_loop()
    due = loop.time() + period_s
    while True:
        await asyncio.sleep(max(0.0, due - loop.time()))
        woke = loop.time()
        while due <= woke:
            lateness_ms.append((woke - due) * 1000)
            due += period_s


@contextlib.asynccontextmanager
async def probing(lateness_ms: list[float]) -> AsyncIterator[None]:
    """The probe running on the current loop for the block."""
    task = asyncio.create_task(probe(lateness_ms))
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@dataclass(frozen=True)
class Apparatus:
    """The probe's lateness (ms) over a measurement: how many ticks, percentiles and the largest."""

    ticks: int
    p95: float
    p99: float
    max: float

    def statistic(self, name: str) -> float:
        """``"p95"``, ``"p99"`` or ``"max"``."""
        return {"p95": self.p95, "p99": self.p99, "max": self.max}[name]


def apparatus(lateness_ms: Sequence[float]) -> Apparatus:
    if not lateness_ms:
        return Apparatus(0, math.inf, math.inf, math.inf)  # never observed: no condition shown to hold
    return Apparatus(len(lateness_ms), percentile(lateness_ms, 95), percentile(lateness_ms, 99), max(lateness_ms))


def allowed(limit: float) -> float:
    """What the apparatus may add to a statistic judged against ``limit``."""
    return SHARE * limit


@dataclass(frozen=True)
class Overrun:
    """The first validity condition a measurement broke: the probe's ``quantity`` ("p95", "p99"
    or "max") was ``value`` ms, over the ``allowed`` ms."""

    quantity: str
    value: float
    allowed: float


def overrun(probe: Apparatus, judged: Sequence[tuple[str, float, float]]) -> Overrun | None:
    """None when the measurement is valid: each statistic judged, ``(name, value, limit)`` (a
    maximum), that is over its limit was measured while the probe's same statistic stayed within
    the standard's share of that limit, or is over it by more than the apparatus could have added;
    else the first condition broken."""
    for name, value, limit in judged:
        lateness = probe.statistic(name)
        beyond_the_apparatus = value - READINGS * probe.max > limit
        if value > limit and not lateness <= allowed(limit) and not beyond_the_apparatus:
            return Overrun(name, lateness, allowed(limit))
    return None


@dataclass(frozen=True)
class Attempt(Generic[Measured]):
    """One measurement and its validity (``overrun`` None: valid)."""

    record: Measured
    overrun: Overrun | None

    @property
    def valid(self) -> bool:
        return self.overrun is None


def until_valid(measure: Callable[[int], Measured], check: Callable[[Measured], Overrun | None],
                attempts: int = ATTEMPTS) -> list[Attempt[Measured]]:
    """Measure (``measure(attempt)``, attempt from 0) until one is valid, at most ``attempts``
    times; every attempt made, the valid one last when there is one."""
    made: list[Attempt[Measured]] = []
    for attempt in range(attempts):
        record = measure(attempt)
        made.append(Attempt(record, check(record)))
        if made[-1].valid:
            break
    return made
