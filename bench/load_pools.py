"""Benchmark: IF-LAT-001's load profile driven through one shared httpx pool (as before issue 77
item 7's twenty-first round) and through one client of one connection per profile client (as now),
side by side in one run (run by hand, never from the test suite).

    PYTHONPATH=src python bench/load_pools.py [--rounds 5]

The reference is served over TLS in a thread of this process (as the demo and the tests serve
it) and the profile is interfaces-core's (16 clients x 16 requests, the two-request mix). Each
round runs the two ways one after the other, the order alternating; each way's CPU is that of
this thread alone (``time.thread_time``: the load's event loop, not the server's threads), with
its wall time and the p95 it measured. Printed: per round and way the CPU, wall and p95, then
the ratio shared ÷ per-client of CPU and p95 (min / median / max over the rounds) and the load
average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import ssl
import time
from collections.abc import Mapping, Sequence

import httpx

from conformance.areas.interfaces import apparatus, load
from conformance.reference import create_app
from conformance.reference.server import serve
from conformance.reference.tls import trust_anchor

from spread import spread


async def _shared_pool(urls: Sequence[str], profile: load.Profile, verify: ssl.SSLContext | bool,
                       headers: Mapping[str, str]) -> load.Record:
    """The former ``load._run``: every client's requests through one AsyncClient's pool."""
    record = load.Record(profile)
    limits = httpx.Limits(max_connections=profile.clients, max_keepalive_connections=profile.clients)
    async with httpx.AsyncClient(verify=verify, timeout=httpx.Timeout(profile.timeout_s), limits=limits,
                                 follow_redirects=False, headers=dict(headers)) as http:
        await asyncio.gather(*(load._warm(http, urls[kinds[0]]) for kinds in load.plan(profile) if kinds))
        start = asyncio.Event()
        tasks = [asyncio.create_task(load._client(http, urls, kinds, record, start)) for kinds in load.plan(profile)]
        began = time.perf_counter()
        async with apparatus.probing(record.lateness_ms):
            start.set()
            await asyncio.gather(*tasks)
        record.wall_s = time.perf_counter() - began
    return record


def _measure(way: str, urls: list[str], profile: load.Profile, context: ssl.SSLContext) -> tuple[float, float, float]:
    cpu, wall = time.thread_time(), time.perf_counter()
    if way == "shared":
        record = asyncio.run(_shared_pool(urls, profile, context, {"User-Agent": "bench"}))
    else:
        record = load.run(urls, profile, context, {"User-Agent": "bench"})
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    assert record.count == profile.clients * profile.requests_each and record.errors() == 0, record.failures
    q = load.quantile(record.answered_ms(), 95)
    assert q is not None
    return cpu, wall, q.value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    profile = load.Profile(16, 16, 10.0)
    context = ssl.create_default_context(cafile=str(trust_anchor()))
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    ratios: dict[str, list[float]] = {"cpu": [], "p95": []}
    with serve(create_app(), tls=True) as url:
        urls = [url.rstrip("/") + path for _, path in load.MIX]
        _measure("per-client", urls, profile, context)  # untimed: imports, the first handshakes
        for n in range(args.rounds):
            ways = ("shared", "per-client") if n % 2 == 0 else ("per-client", "shared")
            got = {way: _measure(way, urls, profile, context) for way in ways}
            for way in ("shared", "per-client"):
                cpu, wall, p95 = got[way]
                print(f"round {n + 1} {way:10} {cpu:6.2f} CPU-s {wall:6.2f} s wall  p95 {p95:7.1f} ms")
            ratios["cpu"].append(got["shared"][0] / got["per-client"][0])
            ratios["p95"].append(got["shared"][2] / got["per-client"][2])
    for name, values in ratios.items():
        print(f"shared ÷ per-client, {name}, min / median / max of {args.rounds} rounds: {spread(values)}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
