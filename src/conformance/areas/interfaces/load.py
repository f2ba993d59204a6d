"""The platform interfaces under the standard's load profile (IF-LAT-001): a fixed number of
concurrent clients, each sending a fixed number of requests of a fixed mix one after another,
each through an async httpx client of its own (one connection); then each answer's time and
status, the 95th and 99th percentiles of the times with their order-statistic confidence
intervals, and the share of requests answered with a 5xx or not at all.

A fixed request count rather than a duration: the same number of samples in every laboratory,
so the percentiles' uncertainty does not depend on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import math
import ssl
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import httpx
import numpy as np

from conformance.areas._shared.uncertainty import u_percentile, u_proportion

from . import apparatus

# httpcore asks ``import sniffio`` at every request of an async client (its lock, semaphore and
# cancellation shield, to tell asyncio from trio); without sniffio installed (httpx no longer
# requires it) each ask is a failed import that searches all of sys.path again, about 50 µs,
# some 10 000 times a load profile, spent on the loop whose requests are being timed. A None
# in sys.modules is Python's own "no such module": the same ImportError, at once. Set only
# when sniffio cannot be found, so an installed sniffio is imported as before.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

#: the request mix: every client alternates between these, starting at its own index so that the
#: mix in flight at any moment is even (method, path)
MIX: tuple[tuple[str, str], ...] = (("GET", "/.well-known/metaverse-interop"), ("GET", "/assets?limit=10"))
#: the two-sided confidence of a percentile's interval (a normal quantile for 95 %)
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Profile:
    """The load the standard fixes: clients in parallel, requests each, a timeout per request."""

    clients: int
    requests_each: int
    timeout_s: float


@dataclass
class Record:
    """What the load run observed: per request its mix index, status (None: no answer within the
    timeout or the connection failed) and time in ms."""

    profile: Profile
    statuses: list[int | None] = field(default_factory=list)
    elapsed_ms: list[float] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    wall_s: float = 0.0
    failures: list[str] = field(default_factory=list)
    #: the apparatus probe (.apparatus): each tick's wake-up lateness (ms) while the clients ran
    lateness_ms: list[float] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statuses)

    def errors(self) -> int:
        """Requests answered 5xx or not answered at all."""
        return sum(1 for status in self.statuses if status is None or status >= 500)

    def answered_ms(self) -> list[float]:
        """Times of the requests answered without a server error: a 5xx's or a timeout's time is
        not a served answer's (the error share judges those)."""
        return [ms for ms, status in zip(self.elapsed_ms, self.statuses, strict=True)
                if status is not None and status < 500]


@dataclass(frozen=True)
class Quantile:
    """A percentile of the answer times with its distribution-free 95 % interval and type A."""

    percent: float
    value: float
    low: float
    high: float
    u_a: float


def quantile(samples: Sequence[float], percent: float) -> Quantile | None:
    """The ``percent`` percentile (NumPy's linear definition) of ``samples``, the interval between the
    order statistics at ranks n p -/+ z sqrt(n p (1 - p)) (the binomial normal approximation,
    clipped to the sample), and its standard uncertainty (:func:`u_percentile`)."""
    x = np.sort(np.asarray(samples, dtype=np.float64))
    n = len(x)
    if n == 0:
        return None
    p = percent / 100
    spread = Z_95 * math.sqrt(n * p * (1 - p))
    low = int(np.clip(math.floor(n * p - spread) - 1, 0, n - 1))  # ranks from 1, indices from 0
    high = int(np.clip(math.ceil(n * p + spread) - 1, 0, n - 1))
    return Quantile(percent, float(np.percentile(x, percent)), float(x[low]), float(x[high]),
                    u_percentile(x, percent))


@dataclass(frozen=True)
class ErrorShare:
    errors: int
    count: int

    @property
    def share(self) -> float:
        return self.errors / self.count if self.count else 0.0

    @property
    def u_a(self) -> float:
        return u_proportion(self.errors, self.count)


def error_share(record: Record) -> ErrorShare:
    return ErrorShare(record.errors(), record.count)


def plan(profile: Profile) -> list[list[int]]:
    """Each client's requests as mix indices: client c's request r is MIX[(c + r) % len(MIX)]."""
    return [[(c + r) % len(MIX) for r in range(profile.requests_each)] for c in range(profile.clients)]


async def _client(http: httpx.AsyncClient, urls: Sequence[str], kinds: Sequence[int], record: Record,
                  start: asyncio.Event) -> None:
    await start.wait()
    for kind in kinds:
        began = time.perf_counter()
        status: int | None
        try:
            response = await http.get(urls[kind])
            await response.aread()  # the whole answer, as the time's definition says
            status = response.status_code
        except httpx.HTTPError as exc:  # a timeout, a refused or reset connection: no answer
            status = None
            if len(record.failures) < 3:
                record.failures.append(f"{type(exc).__name__}: {exc}"[:200])
        record.elapsed_ms.append((time.perf_counter() - began) * 1000)
        record.statuses.append(status)
        record.kinds.append(kind)


async def _warm(http: httpx.AsyncClient, url: str) -> None:
    try:
        response = await http.get(url)
        await response.aread()
    except httpx.HTTPError:
        pass  # the timed requests meet it again and count it


async def _run(urls: Sequence[str], profile: Profile, verify: ssl.SSLContext | bool,
               headers: Mapping[str, str]) -> Record:
    record = Record(profile)
    planned = plan(profile)
    # Each client its own httpx client of one connection, as the profile's clients are apart: one
    # pool shared by all scanned every connection and every waiting request at each request
    # (httpcore): at 16 clients over twice the load's CPU, and that delay added to the times
    # measured (bench/load_pools.py). One TLS context for all of them
    # (the trust ``verify`` names, made once rather than once a client).
    context = verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with contextlib.AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(httpx.AsyncClient(
            verify=context, timeout=httpx.Timeout(profile.timeout_s), limits=limits, follow_redirects=False,
            headers=dict(headers))) for _ in planned]
        # Each client's connection opened (TLS handshake included) by one untimed request first:
        # the figures are the interface's answers under load, not 16 handshakes at once.
        await asyncio.gather(*(_warm(http, urls[kinds[0]]) for http, kinds in zip(clients, planned, strict=True)
                               if kinds))
        start = asyncio.Event()
        tasks = [asyncio.create_task(_client(http, urls, kinds, record, start))
                 for http, kinds in zip(clients, planned, strict=True)]
        began = time.perf_counter()
        # the clients' times are read on this loop: its own delay is recorded beside them
        async with apparatus.probing(record.lateness_ms):
            start.set()  # every client starts together: the concurrency is the profile's from the first request
            await asyncio.gather(*tasks)
        record.wall_s = time.perf_counter() - began
    return record


def run(urls: Sequence[str], profile: Profile, verify: ssl.SSLContext | bool = True,
        headers: Mapping[str, str] | None = None) -> Record:
    """Drive the load profile against ``urls`` (one per MIX entry) and return what was observed."""
    return asyncio.run(_run(urls, profile, verify, headers or {"User-Agent": "metaverse-conformance (load profile)"}))
