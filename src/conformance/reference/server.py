"""Serving an ASGI app (the reference implementation): on 127.0.0.1 in a background thread
(:func:`serve`, for the demo and the tests), or in the foreground (:func:`run`, for
``conformance serve``)."""

from __future__ import annotations

import asyncio
import errno
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

from ..errors import HarnessInputError
from . import tls


class _PromptServer(uvicorn.Server):
    """uvicorn's server, told to stop from another thread without waiting out its tick:
    uvicorn looks at ``should_exit`` every 0.1 s, and a test session starts and stops a
    server for each known-bad case (over a thousand a run)."""

    #: How often the server looks at its Date header and at ``should_exit`` (uvicorn: every 0.1 s,
    #: the Date every tenth time): once a second, the Date's own resolution; a stop asked by
    #: stop() or a signal ends the tick under way, so none waits for it.
    TICK_S = 1.0
    _loop: asyncio.AbstractEventLoop | None = None
    _tick: asyncio.Future[None] | None = None

    async def main_loop(self) -> None:
        # Each tick waits on a bare future that a timer or a stop resolves: an idle server ticks
        # for as long as it serves (a session's shared servers, the week of runs' for minutes),
        # and uvicorn's ten ticks a second, each a ``wait_for`` on an event here before (a task,
        # a timeout and a cancelled wait), were most of an idle server's CPU (bench/server_tick.py).
        self._loop = loop = asyncio.get_running_loop()
        while not await self.on_tick(0):  # uvicorn's tick, as its every tenth: the Date header, should_exit
            self._tick = tick = loop.create_future()
            if self.should_exit:  # asked while the tick ran: the stop found no future to resolve
                break
            timer = loop.call_later(self.TICK_S, _resolve, tick)
            await tick
            timer.cancel()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Stop listening, ask each connection to close, and wait until the connections and
        their requests are done, as uvicorn's own shutdown does, but looking every 5 ms:
        uvicorn pauses 0.1 s after asking, and again for each 0.1 s it still waits, so
        every server stopped cost at least 0.1 s (a test starts and stops dozens)."""
        for server in getattr(self, "servers", []):
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        while (self.server_state.connections or self.server_state.tasks) and not self.force_exit:
            await asyncio.sleep(0.005)
        if not self.force_exit:
            await self.lifespan.shutdown()

    def stop(self) -> None:
        """Stop serving (from any thread): at once where the loop runs, else at its next tick."""
        self.should_exit = True
        self._end_tick()

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        """A signal (``conformance serve``'s Ctrl-C): uvicorn's handling, then the tick ended."""
        super().handle_exit(sig, frame)
        self._end_tick()

    def _end_tick(self) -> None:
        loop = self._loop
        if loop is not None:
            with suppress(RuntimeError):  # the loop already closed: it stopped
                loop.call_soon_threadsafe(self._resolve_tick)

    def _resolve_tick(self) -> None:
        if self._tick is not None:
            _resolve(self._tick)


def _resolve(tick: asyncio.Future[None]) -> None:
    """End a tick's wait (the timer's or stop()'s, whichever comes first)."""
    if not tick.done():
        tick.set_result(None)


@contextmanager
def companions(app: Any) -> Iterator[None]:
    """Enter the context managers an app names in ``app.state.companions`` (services it needs
    alongside it, such as the reference twin feed's MQTT broker); uvicorn runs apps with
    lifespan off, so this is where they start and stop."""
    with ExitStack() as stack:
        for companion in getattr(getattr(app, "state", None), "companions", None) or []:
            stack.enter_context(companion())
        yield


def _tls_config(app: Any, **options: Any) -> uvicorn.Config:
    """uvicorn's configuration serving ``app`` over TLS: the test CA's certificate, the TLS
    settings and the transport defects planted in the app (reference/tls.py)."""
    planted = getattr(getattr(app, "state", None), "defects", ())
    return uvicorn.Config(app, ssl_context_factory=lambda _config, _default: tls.server_context(planted), **options)


class _ReadyServer(_PromptServer):
    """uvicorn's server that calls ``ready(url)`` once its sockets listen: a client started
    then is answered, never refused; stopped (SIGINT) as promptly as the tests' servers."""

    def __init__(self, config: uvicorn.Config, ready: Callable[[str], None] | None) -> None:
        super().__init__(config)
        self._ready = ready
        self._scheme = "https" if config.is_ssl else "http"

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and not self.should_exit and self._ready is not None:
            bound = [s.getsockname() for server in getattr(self, "servers", []) for s in server.sockets]
            host, port = (bound[0][:2] if bound else (self.config.host, self.config.port))
            self._ready(f"{self._scheme}://{f'[{host}]' if ':' in str(host) else host}:{port}/")


def run(app: Any, host: str, port: int, ready: Callable[[str], None] | None = None, tls: bool = True) -> None:
    """Serve ``app`` and its companions on ``host:port`` until interrupted, logging each
    request, over TLS (the test CA's chain, :func:`trust_anchor`) unless ``tls`` is false;
    ``ready(url)`` is called once it accepts connections (not before)."""
    # Each request is logged (uvicorn.access); uvicorn's own start and stop lines are not: the
    # ready line says where it serves, and a stop is the operator's own Ctrl-C.
    options: dict[str, Any] = {"log_config": _QUIET_LIFECYCLE, "access_log": True}
    planted = getattr(getattr(app, "state", None), "defects", ())
    secure = tls and "plain-http" not in planted
    config = _tls_config(app, **options) if secure else uvicorn.Config(app, **options)
    sock = _listening(host, port)
    with sock, companions(app):  # the twin feed's MQTT broker, on 127.0.0.1 and a free port
        _ReadyServer(config, ready).run(sockets=[sock])


_QUIET_LIFECYCLE: dict[str, Any] = {
    "version": 1, "disable_existing_loggers": False,
    "formatters": {"access": {"()": "uvicorn.logging.AccessFormatter",
                              "fmt": '%(client_addr)s - "%(request_line)s" %(status_code)s'}},
    "handlers": {"access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stderr"}},
    "loggers": {"uvicorn.error": {"level": "ERROR"},
                "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False}},
}


def _listening(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or one line of bad input when it cannot be (a port in
    use, an address not of this machine): uvicorn would log six lines and exit 3."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise HarnessInputError(f"--host {host}", f"cannot listen there ({exc})",
                                "give an address of this machine, e.g. 127.0.0.1") from None
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # As _serve's: accepted connections inherit it. asyncio sets it only on a socket made with
    # proto IPPROTO_TCP, and this one has proto 0, so without it every answer whose body
    # follows its headers in a second write waited out the client's delayed ACK (~40 ms an
    # answer: `conformance serve` under a platform run, issue 77 item 7).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        reason = (f"{host}:{port} is in use" if exc.errno == errno.EADDRINUSE
                  else f"cannot listen on {host}:{port} ({exc.strerror or exc})")
        raise HarnessInputError(f"--port {port}", reason,
                                "choose another port with --port, or stop what listens there") from None
    return sock


def trust_anchor() -> Path:
    """The CA certificate (PEM) every TLS server of this process chains to: a manifest's ``ca_bundle``."""
    return tls.trust_anchor()


@contextmanager
def serve(app: Any, host: str = "127.0.0.1", port: int = 0, startup_timeout: float = 15.0,
          tls: bool = False) -> Iterator[str]:
    """Serve ``app`` on a free port (``port=0``) with its companions; yields its base URL, stops both on exit.
    With ``tls``, the URL is https and the server's chain leads to :func:`trust_anchor`."""
    planted = getattr(getattr(app, "state", None), "defects", ())
    with companions(app), _serve(app, host, port, startup_timeout, tls and "plain-http" not in planted) as url:
        yield url


@contextmanager
def _serve(app: Any, host: str, port: int, startup_timeout: float, use_tls: bool) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it, a pre-bound socket handed to uvicorn
    # meets Nagle's algorithm and the client's delayed ACK, ~40 ms per request.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, "lifespan": "off"}
    config = _tls_config(app, **options) if use_tls else uvicorn.Config(app, **options)
    server = _PromptServer(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError(f"the server on {host}:{bound_port} did not start")
        time.sleep(0.01)
    try:
        yield f"{'https' if use_tls else 'http'}://{host}:{bound_port}"
    finally:
        server.stop()
        thread.join(timeout=10)
        sock.close()
