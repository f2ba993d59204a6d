"""One wall-clock deadline per HTTP exchange, enforced at the socket.

httpx's timeouts bound each socket operation on its own: a server that sends one header byte
a second never trips a 3-second read timeout and keeps a run going forever. Here every
connect, TLS handshake, write and read of an exchange gets only the time left until the
exchange's deadline, so connect + headers + body together end by it, however the bytes
trickle. The deadline lives on a :class:`Deadline` the adapter sets before each exchange
(an adapter is used from one thread at a time, like its httpx client).
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Iterable

import httpcore
import httpx


class Deadline:
    """When the current exchange must be over (``time.monotonic()`` seconds), or None."""

    def __init__(self) -> None:
        self.at: float | None = None

    def left(self, timeout: float | None, error: type[Exception]) -> float | None:
        """The time an operation may take: its own timeout, cut to what is left; raises
        ``error`` when nothing is left."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("the exchange's deadline has passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # A big body is written in one call: a server reading slowly is bounded by the socket
        # timeout of that call, which is cut to the deadline too.
        self._stream.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, deadline: Deadline) -> None:
        self._backend = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, left, local_address, socket_options)
        return _Stream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_unix_socket(path, left, socket_options), self._deadline)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def deadline_transport(
    deadline: Deadline, *, verify: bool | ssl.SSLContext, proxy: str | None = None
) -> httpx.HTTPTransport:
    """httpx's own transport (connection pool, TLS, proxies) whose sockets keep ``deadline``."""
    transport = httpx.HTTPTransport(verify=verify, proxy=proxy)
    pool = getattr(transport, "_pool", None)
    if not hasattr(pool, "_network_backend"):  # pragma: no cover - an httpcore without the seam
        raise RuntimeError("this httpx/httpcore version offers no network backend to bound exchanges with")
    pool._network_backend = _Backend(deadline)  # type: ignore[union-attr]
    return transport
