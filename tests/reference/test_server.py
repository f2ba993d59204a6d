"""Serving an app in a background thread (conformance.reference.server): it answers while served, and
once the context ends its thread has ended."""

from __future__ import annotations

import asyncio
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from conformance.reference.server import _listening, _PromptServer, serve


async def _ok(request: object) -> PlainTextResponse:
    return PlainTextResponse("ok")


_ARRIVED = threading.Event()
_RELEASE = threading.Event()


async def _held(request: object) -> PlainTextResponse:
    _ARRIVED.set()
    while not _RELEASE.is_set():
        await asyncio.sleep(0.01)
    return PlainTextResponse("finished")


def _app() -> Starlette:
    # an async endpoint: a plain function would run in AnyIO's worker threads, which outlive
    # the request by design and would be counted here as a thread the server left behind
    return Starlette(routes=[Route("/", _ok), Route("/held", _held)])


def test_a_served_app_answers_and_is_gone_when_the_context_ends():
    before = set(threading.enumerate())
    # the client's connection is still open when the server stops, as the harness's adapters keep theirs
    with httpx.Client() as client, serve(_app()) as url:
        assert client.get(url + "/").text == "ok"
    assert set(threading.enumerate()) <= before  # the serving thread ended (stop() and join)


def test_stopping_a_server_that_never_ran_only_marks_it_to_exit():
    server = _PromptServer(uvicorn.Config(_app()))
    server.stop()
    assert server.should_exit


class _HourlyTick(_PromptServer):
    TICK_S = 3600.0


@pytest.mark.parametrize("how", ["stop", "signal"])
def test_a_stop_ends_the_tick_under_way(how):
    """stop() from another thread, or a signal (Ctrl-C), ends the wait of the tick in progress:
    a server whose tick lasts an hour still stops at once (else it would look at should_exit
    an hour later). The signal's handler is called as Python calls it: in the main thread,
    the loop's thread here being another."""
    server = _HourlyTick(uvicorn.Config(_app(), log_level="warning", lifespan="off"))
    sock = _listening("127.0.0.1", 0)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not (server.started and server._tick is not None) and thread.is_alive():
            time.sleep(0.01)
        server.stop() if how == "stop" else server.handle_exit(signal.SIGINT, None)
        thread.join(60)
        assert not thread.is_alive()
    finally:
        server.should_exit = server.force_exit = True
        sock.close()


def _refused_within(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/", timeout=1)
        except httpx.TransportError:
            return True
        time.sleep(0.01)
    return False


def test_a_request_in_flight_when_the_server_stops_is_answered_before_it_ends():
    """Stopping waits for the requests under way (as uvicorn's own shutdown does), and the
    serving thread ends once they are answered."""
    _ARRIVED.clear()
    _RELEASE.clear()
    with httpx.Client() as client, ThreadPoolExecutor(2) as pool:
        context = serve(_app())
        url = context.__enter__()
        answer = pool.submit(client.get, url + "/held")
        assert _ARRIVED.wait(10)
        stopping = pool.submit(context.__exit__, None, None, None)  # waits on the request
        assert _refused_within(url, 10)  # the shutdown began: it listens no more
        assert not answer.done() and not stopping.done()
        _RELEASE.set()
        assert answer.result(10).text == "finished"
        stopping.result(10)


def test_conformance_serve_answers_without_waiting_for_the_clients_delayed_ack():
    """``conformance serve`` listens on ``_listening``'s socket: each connection it accepts has
    Nagle's algorithm off (TCP_NODELAY), as ``serve``'s do. asyncio turns it off only on a socket
    made with proto IPPROTO_TCP; without it an answer's body, written after its headers, waited
    for the client's delayed ACK: ~40 ms an answer, most of a platform run's wall time."""
    with _listening("127.0.0.1", 0) as listening:
        listening.listen()
        with socket.create_connection(listening.getsockname()[:2]), listening.accept()[0] as accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
