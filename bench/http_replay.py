"""Per-request cost of the HTTP suites, side by side with a bare httpx client replaying the
very same requests (run by hand, never from the test suite).

    PYTHONPATH=src python bench/http_replay.py [--rounds 5]

Per round, against fresh reference servers (one per HTTP role, as ``conformance demo``):

- harness: ``conformance._run.engine.run`` of every profile with an HTTP target (with the
  profiles' own parameters), in-process, the catalog already loaded; the servers
  record every request they receive (method, raw path, headers, body);
- httpx: one ``httpx.Client`` per role (keep-alive) sending those recorded requests again,
  in the same order, to fresh servers, reading each body and nothing else.

The process's first run imports the suites and the areas they judge with (once per
process, as any run of the command line does), from byte code as an installed harness does
(``compiled.compile_tree`` compiles the checkout first): its ratios are printed on their own
line, and the rounds after it alternate which side goes first. Each side starts from a collected
heap (``gc.collect()``).

Prints ms per request for both and the ratio harness ÷ httpx (min/median/max over the
rounds after the first), also without the time the harness spends waiting on purpose (``time.sleep``: a
challenge left to expire), which no replay of the requests reproduces; the same ratio in
CPU time of the client's thread (``time.thread_time``: the servers run in a process of
their own, so this is the client side alone, and other processes on a shared machine
disturb it far less than wall time); the number of requests; any request path that holds
a path template (``{name}``, as is or percent-encoded); and the load average. Goal
(issue 17): wall ratio without deliberate waits ≤ 1.3.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import re
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import ExitStack, contextmanager
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
import yaml
from compiled import compile_tree, project_folders
from spread import spread

from conformance import load_catalog
from conformance._catalog.catalog import Catalog
from conformance._run.engine import run
from conformance.cli.manifests import demo_manifest, http_roles
from conformance.reference import create_app
from conformance.reference.server import serve

ROOT = Path(__file__).resolve().parents[1]
#: the checkout's folders of the project's own modules
PROJECT = project_folders(ROOT)

#: the table's columns: min, median, max, each 8 characters wide
column = partial(spread, width=8, sep=" ")

Scope = MutableMapping[str, Any]
App = Callable[[Scope, Any, Any], Awaitable[None]]
Recorded = tuple[str, str, str, list[tuple[bytes, bytes]], bytes]  # role, method, raw path, headers, body
TEMPLATE = re.compile(r"(\{|%7B)[A-Za-z_][A-Za-z0-9_-]*(\}|%7D)", re.IGNORECASE)  # {name}, sent unfilled
SKIPPED_HEADERS = {b"host", b"content-length", b"connection", b"accept-encoding", b"user-agent"}


def recording(app: App, role: str, log: list[Recorded]) -> App:
    async def wrapper(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        body = bytearray()
        messages: list[Any] = []
        while True:
            message = await receive()
            messages.append(message)
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        path = scope.get("raw_path", b"").decode("latin-1")
        if scope.get("query_string"):
            path += "?" + scope["query_string"].decode("latin-1")
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in SKIPPED_HEADERS]
        log.append((role, scope["method"], path, headers, bytes(body)))

        async def replay() -> Any:
            return messages.pop(0) if messages else {"type": "http.disconnect"}
        await app(scope, replay, send)
    return wrapper


@contextmanager
def servers_apart(catalog: Catalog, *, record: bool) -> Iterator[tuple[dict[str, str], list[Recorded]]]:
    """The reference servers of every HTTP role, in a process of their own: (their URLs, the
    requests they received, filled when the block ends when ``record``). In this process they
    would take the client's turn at the interpreter lock, which made the client's own CPU time
    vary by a fifth from round to round."""
    here, there = multiprocessing.get_context("fork").Pipe()
    server = multiprocessing.get_context("fork").Process(
        target=_serve_roles, args=(there, sorted(http_roles(catalog)), record), daemon=True)
    server.start()
    log: list[Recorded] = []
    try:
        yield here.recv(), log
    finally:
        here.send("stop")
        log.extend(here.recv())
        server.join(30)


def _serve_roles(conn: Connection, roles: list[str], record: bool) -> None:
    log: list[Recorded] = []
    with ExitStack() as stack:
        conn.send({role: stack.enter_context(serve(recording(create_app(), role, log) if record else create_app()))
                   for role in roles})
        conn.recv()
    conn.send(log)


#: Features of HTTP profiles whose requirements judge files, not answers: interop-pair's
#: ``asset-pairs`` (AS-USD-012 compares a glTF and an OpenUSD export of one asset). No request of
#: theirs is replayed, so they are left unclaimed: the harness side judges what the replay sends.
FILE_FEATURES = frozenset({"asset-pairs"})


def http_manifest(catalog: Catalog, urls: dict[str, str], work: Path) -> Path:
    """A manifest claiming every profile with an HTTP target (the demo's, with the profiles'
    own parameters, without :data:`FILE_FEATURES`) against ``urls``, its HTTP targets alone,
    written in ``work``. A profile that still needs a file target is an error: its file
    checks would be counted as the cost of HTTP."""
    manifest = demo_manifest(catalog, urls)
    manifest["profiles"] = [p for p in manifest["profiles"]
                            if any(s.kind == "http" for s in catalog.profile(p["id"]).targets.values())]
    for claim in manifest["profiles"]:
        claim["features"] = [f for f in claim.get("features", []) if f not in FILE_FEATURES]
        needs = [r for r, s in catalog.profile(claim["id"]).targets.items() if s.kind != "http" and not s.optional]
        if needs:
            raise SystemExit(f"profile {claim['id']} needs the file target(s) {needs}: "
                             "add its feature to FILE_FEATURES or leave the profile out")
    manifest["targets"] = {role: t for role, t in manifest["targets"].items() if t.get("adapter") == "http"}
    path = work / "manifest.yaml"
    path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return path


def harness(catalog: Catalog, work: Path) -> tuple[float, float, float, list[Recorded]]:
    """(wall seconds of the run, seconds of it spent in deliberate waits, CPU seconds of
    this thread during the run, the requests)."""
    with servers_apart(catalog, record=True) as (urls, log):
        path = http_manifest(catalog, urls, work)
        waited = [0.0]
        sleep = time.sleep

        def counted_sleep(seconds: float) -> None:
            waited[0] += max(seconds, 0)
            sleep(seconds)
        time.sleep = counted_sleep  # a test that waits on purpose (a challenge expiring) is not judging cost
        try:
            gc.collect()
            started, cpu = time.perf_counter(), time.thread_time()
            run(path, catalog=catalog, out_dir=work / "out", formats=["json"])
            elapsed, spent = time.perf_counter() - started, time.thread_time() - cpu
        finally:
            time.sleep = sleep
    return elapsed, waited[0], spent, log


def replay(catalog: Catalog, log: list[Recorded]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this thread) of sending the requests again."""
    with servers_apart(catalog, record=False) as (urls, _), ExitStack() as stack:
        clients = {role: stack.enter_context(httpx.Client(base_url=url)) for role, url in urls.items()}
        gc.collect()
        started, cpu = time.perf_counter(), time.thread_time()
        for role, method, path, headers, body in log:
            response = clients[role].request(method, path, headers=headers, content=body or None)
            response.read()
        return time.perf_counter() - started, time.thread_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds after the first run (default 5)")
    args = parser.parse_args()
    compile_tree(ROOT)  # the bare side's httpx comes compiled from site-packages
    catalog = load_catalog()
    per: dict[str, list[float]] = {"harness": [], "judging": [], "httpx": [], "ratio": [], "ratio_judging": [],
                                   "ratio_cpu": []}
    count, unfilled = 0, set()
    first: tuple[float, float] = (0.0, 0.0)
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        log: list[Recorded] = []
        for index in range(args.rounds + 1):
            # Round 0 is the process's first run: it imports the suites and the areas they use,
            # once per process, and is shown on its own. After it, odd rounds replay first, so
            # that neither side always meets the heap the other left behind.
            replay_first = index % 2 == 1
            if replay_first:
                bare, bare_cpu = replay(catalog, log)
            elapsed, waited, cpu, log = harness(catalog, Path(tmp))
            if not replay_first:
                bare, bare_cpu = replay(catalog, log)
            if index == 0:
                first = ((elapsed - waited) / bare, cpu / bare_cpu)
                continue
            count = len(log)
            unfilled |= {f"{m} {p}" for _, m, p, _, _ in log if TEMPLATE.search(p)}
            per["harness"].append(elapsed / count * 1000)
            per["judging"].append((elapsed - waited) / count * 1000)
            per["httpx"].append(bare / count * 1000)
            per["ratio"].append(elapsed / bare)
            per["ratio_judging"].append((elapsed - waited) / bare)
            per["ratio_cpu"].append(cpu / bare_cpu)
    print(f"HTTP suites, {count:,} requests a run, {args.rounds} rounds; load average {os.getloadavg()}")
    print(f"{'':28} {'min':>8} {'median':>8} {'max':>8}")
    print(f"{'harness ms/request':28} {column(per['harness'], 3)}   (the whole run, start-up included)")
    print(f"{'  without deliberate waits':28} {column(per['judging'], 3)}   (e.g. a challenge left to expire)")
    print(f"{'bare httpx ms/request':28} {column(per['httpx'], 3)}")
    print(f"{'harness ÷ httpx':28} {column(per['ratio'])}")
    print(f"{'  without deliberate waits':28} {column(per['ratio_judging'])}   (goal <= 1.3)")
    print(f"{'  in CPU time of the client':28} {column(per['ratio_cpu'])}   (the servers' threads left out)")
    print(f"the process's first run (suites imported), without waits {first[0]:.2f}, in CPU {first[1]:.2f}")
    print(f"request paths holding a template: {sorted(unfilled) or 'none'}")


if __name__ == "__main__":
    sys.exit(main())
