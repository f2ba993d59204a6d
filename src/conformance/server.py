"""Serving an ASGI app (the reference implementation) on 127.0.0.1 in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import uvicorn


@contextmanager
def companions(app: Any) -> Iterator[None]:
    """Enter the context managers an app names in ``app.state.companions`` (services it needs
    alongside it, such as the reference twin feed's MQTT broker); uvicorn runs apps with
    lifespan off, so this is where they start and stop."""
    with ExitStack() as stack:
        for companion in getattr(getattr(app, "state", None), "companions", None) or []:
            stack.enter_context(companion())
        yield


@contextmanager
def serve(app: Any, host: str = "127.0.0.1", port: int = 0, startup_timeout: float = 15.0) -> Iterator[str]:
    """Serve ``app`` on a free port (``port=0``) with its companions; yields its base URL, stops both on exit."""
    with companions(app), _serve(app, host, port, startup_timeout) as url:
        yield url


@contextmanager
def _serve(app: Any, host: str, port: int, startup_timeout: float) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it, a pre-bound socket handed to uvicorn
    # meets Nagle's algorithm and the client's delayed ACK, ~40 ms per request.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
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
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
