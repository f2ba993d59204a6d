"""Small HTTP(S) and WebSocket servers for the tests that need a product's side the reference does not play
(a token endpoint, a server that asks for a client certificate, one that serves no route, a session server that
misbehaves): threaded, on 127.0.0.1 with a free port, stopped when the block ends."""

from __future__ import annotations

import asyncio
import http.server
import ssl
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager


@contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """Serve ``handler`` (over TLS with ``tls``) while the block runs; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serving_websocket(handler: Callable[..., Awaitable[None]], subprotocol: str = "jsonrpc-2.0",
                      max_size: int | None = 2**20) -> Iterator[str]:
    """Serve the WebSocket ``handler`` (websockets' asyncio server, one event loop on a thread of its own) while the
    block runs; yields the base URL (http://, as a platform's discovery document gives it)."""
    from websockets.asyncio.server import serve

    loop = asyncio.new_event_loop()
    ready: list[int] = []
    started, stop = threading.Event(), asyncio.Event()

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0, subprotocols=[subprotocol], max_size=max_size) as server:
            ready.append(server.sockets[0].getsockname()[1])
            started.set()
            await stop.wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    assert started.wait(10)
    try:
        yield f"http://127.0.0.1:{ready[0]}/"
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)


class NoRoutes(http.server.BaseHTTPRequestHandler):
    """A product serving nothing where the harness looks: 404 to every GET, 405 to every POST."""

    def _nothing(self, status: int) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        body = b"<html><body>Not Found</body></html>"
        self.send_response(status)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        if self.path.startswith("/v1/problems"):  # a route saying what is not there: judged
            body = b'{"type": "about:blank", "title": "Not Found", "status": 404}'
            self.send_response(404)
            self.send_header("content-type", "application/problem+json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self._nothing(404)

    def do_POST(self) -> None:  # noqa: N802
        self._nothing(405)

    def log_message(self, *args: object) -> None:
        pass
