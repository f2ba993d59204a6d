"""One wall-clock deadline per HTTP exchange, enforced at the socket.

httpx's timeouts bound each socket operation on its own: a server that sends one header byte
a second never trips a 3-second read timeout and keeps a run going forever. Here every
connect, TLS handshake, write and read of an exchange gets only the time left until the
exchange's deadline, so connect + headers + body together end by it, however the bytes
trickle. The deadline lives on a :class:`Deadline` the adapter sets before each exchange
(an adapter is used from one thread at a time, like its httpx client). A transport the
adapter is given keeps it too (:class:`DeadlineTransport`).
"""

from __future__ import annotations

import os
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
    def __init__(self, deadline: Deadline, backend: httpcore.NetworkBackend | None = None) -> None:
        self._backend = backend or httpcore.SyncBackend()
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


#: The verifying TLS context, by the environment variables httpx reads for it.
_VERIFYING: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def verifying_context() -> ssl.SSLContext:
    """The context httpx builds for ``verify=True`` (its CA bundle, or the ``SSL_CERT_FILE`` /
    ``SSL_CERT_DIR`` the environment names), built once per process for those settings and
    shared by every client and transport, as httpx's docs offer (``httpx.Client(verify=ctx)``):
    loading the CA bundle costs 20-170 ms of CPU each time, more than the rest of making a
    client. Connections take their own state from it; the one setting httpcore writes on it
    at each connection, the ALPN protocols, is the same for every client here (HTTP/1.1:
    none asks for HTTP/2)."""
    key = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    context = _VERIFYING.get(key)
    if context is None:
        context = _VERIFYING[key] = httpx.create_ssl_context()
    return context


def deadline_transport(
    deadline: Deadline, *, verify: bool | ssl.SSLContext, proxy: str | None = None
) -> httpx.HTTPTransport:
    """httpx's own transport (connection pool, TLS, proxies) whose sockets keep ``deadline``;
    ``verify=True`` takes the process's shared :func:`verifying_context`."""
    transport = httpx.HTTPTransport(verify=verifying_context() if verify is True else verify, proxy=proxy)
    if not _bound_sockets(transport, deadline):  # pragma: no cover - an httpcore without the seam
        raise RuntimeError("this httpx/httpcore version offers no network backend to bound exchanges with")
    return transport


def _bound_sockets(transport: httpx.BaseTransport, deadline: Deadline) -> bool:
    """Make the sockets of a transport built on httpx's own (``httpx.HTTPTransport`` or a
    subclass: its connection pool) keep ``deadline``; False when it has no such pool."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if not isinstance(backend, httpcore.NetworkBackend):
        return False
    pool._network_backend = _Backend(deadline, backend)  # type: ignore[union-attr]
    return True


class DeadlineTransport(httpx.BaseTransport):
    """A transport an adapter was given (``HttpAdapter(transport=...)``: a recorder, a proxy,
    an in-process app), kept to the exchange's deadline as the adapter's own is.

    When it is built on httpx's own transport, its sockets keep the deadline as
    :func:`deadline_transport`'s do (connect, TLS, every read and write). Whatever it is, no
    exchange starts past the deadline, the timeouts it is asked to keep are cut to the time
    left, and reading the body stops at the deadline."""

    def __init__(self, transport: httpx.BaseTransport, deadline: Deadline) -> None:
        self.transport = transport
        self._deadline = deadline
        #: whether the deadline is kept at the socket (the transport has httpx's pool)
        self.sockets = _bound_sockets(transport, deadline)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        left = self._deadline.left(None, httpx.ConnectTimeout)
        if left is not None:
            timeouts = request.extensions.get("timeout") or {}
            request.extensions["timeout"] = {
                name: left if timeouts.get(name) is None else min(timeouts[name], left)
                for name in ("connect", "read", "write", "pool")
            }
        response = self.transport.handle_request(request)
        response.stream = _DeadlineStream(response.stream, self._deadline)
        return response

    def close(self) -> None:
        self.transport.close()


class _DeadlineStream(httpx.SyncByteStream):
    def __init__(self, stream: typing.Any, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def __iter__(self) -> typing.Iterator[bytes]:
        for chunk in self._stream:
            self._deadline.left(None, httpx.ReadTimeout)
            yield chunk

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class PeerProblem(Exception):
    """A peer the harness asked (a witness, a product) gave no whole answer: unreachable, not
    done by the exchange's deadline, or longer than the cap. The message is one line."""


def bounded_exchange(method: str, url: str, *, deadline_s: float, cap: int, content: bytes | None = None,
                     headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """One HTTP exchange with a peer that is not the product under test (a witness), kept to
    the harness's promises for hostile peers: connect, headers and body together end by
    ``deadline_s`` seconds from now (:class:`Deadline`, at the socket, so a peer trickling a
    byte a second is cut off at the deadline, not at a per-read timeout), no redirects, the
    body read raw (no decompression) up to ``cap`` bytes. (status, content type, body);
    PeerProblem, one line, otherwise."""
    deadline = Deadline()
    transport = deadline_transport(deadline, verify=True)
    ask = {"Accept-Encoding": "identity", **(headers or {})}
    with httpx.Client(transport=transport, follow_redirects=False, timeout=deadline_s) as client:
        deadline.at = time.monotonic() + deadline_s
        try:
            with client.stream(method, url, content=content, headers=ask) as answer:
                data = bytearray()
                for chunk in answer.iter_raw():
                    data += chunk
                    if len(data) > cap:
                        raise PeerProblem(f"answered more than {cap} bytes")
                    deadline.left(None, httpx.ReadTimeout)
                return answer.status_code, answer.headers.get("content-type", ""), bytes(data)
        except httpx.TimeoutException:
            raise PeerProblem(f"no whole answer within its deadline of {deadline_s:g} s (slow or silent)") from None
        except httpx.HTTPError as exc:
            raise PeerProblem(f"unreachable ({type(exc).__name__})") from None
        finally:
            deadline.at = None


def proxy_mounts(deadline: Deadline, verify: bool | ssl.SSLContext) -> dict[str, httpx.BaseTransport | None]:
    """The proxies the environment names (HTTP_PROXY, NO_PROXY...), as httpx would mount
    them, each with the exchange deadline."""
    try:
        from httpx._utils import get_environment_proxies
    except ImportError:  # pragma: no cover - httpx moved it: no proxies from the environment
        return {}
    return {
        pattern: deadline_transport(deadline, verify=verify, proxy=proxy) if proxy else None
        for pattern, proxy in get_environment_proxies().items()
    }
