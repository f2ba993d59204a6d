"""A raw-socket HTTP server on 127.0.0.1 that misbehaves on purpose, below HTTP as well.

The first path segment picks the mode: ``http://127.0.0.1:PORT/<mode>/`` is a target whose
every answer misbehaves that way, except the mode's root (``/<mode>/``), which answers
``200 {}`` so that a run's pre-flight passes and its tests meet the hostility. The server
counts the requests of each mode (a run's time bound is ``timeout_s × requests + 30 s``).
Bodies of 1 GiB are streamed, never held; a client that hangs up ends them.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import select
import socket
import socketserver
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from urllib.parse import parse_qs, urlsplit

GIB = 1024**3
MIB = 1024**2
#: Where a 1-byte-a-second trickle gives up on its own (the harness must give up long before).
TRICKLE_LIMIT_S = 120
LISTING_ITEMS = 180_000

Handler = Callable[["Exchange"], None]
MODES: dict[str, Handler] = {}


def mode(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        MODES[name] = handler
        return handler

    return register


class Exchange:
    """One request as read, and the socket to answer on."""

    def __init__(self, sock: socket.socket, method: str, target: str, headers: dict[str, str]) -> None:
        self.sock, self.method, self.target, self.headers = sock, method, target, headers
        parts = urlsplit(target)
        segments = parts.path.split("/", 2)
        self.mode = segments[1] if len(segments) > 1 else ""
        self.rest = "/" + (segments[2] if len(segments) > 2 else "")
        self.query = parse_qs(parts.query)

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def answer(self, status: int, body: bytes, content_type: str = "application/json",
               extra: dict[str, str] | None = None) -> None:
        head = [f"HTTP/1.1 {status} X", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in (extra or {}).items()]
        self.send(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


def _read_request(sock: socket.socket) -> tuple[str, str, dict[str, str]] | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk or len(data) > 256 * 1024:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = (lines[0].split(" ", 2) + ["", ""])[:3]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while len(rest) < min(length, MIB):  # a request body is read and dropped
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return method, target, headers


class _Handler(socketserver.BaseRequestHandler):
    server: HostileServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(TRICKLE_LIMIT_S)
        with contextlib.suppress(OSError):
            if self.server.accept_and_hang:
                time.sleep(TRICKLE_LIMIT_S)  # accept, then nothing at all
                return
            while True:  # keep-alive: one exchange after another on this connection
                request = _read_request(sock)
                if request is None:
                    return
                exchange = Exchange(sock, *request)
                self.server.count(exchange.mode)
                if exchange.mode == ".well-known":
                    # the origin's own well-known URI, which IF-DISC-001 asks whatever the manifest moves (RFC 8615 3;
                    # issue 76, the thirty-seventh reading's a10): nothing there, so IF-DISC-001 sees no endpoint and
                    # each mode's verdict is what its own answers give
                    exchange.answer(404, b"{}")
                elif exchange.rest == "/" or exchange.mode not in MODES:
                    exchange.answer(200, b"{}")
                else:
                    try:
                        MODES[exchange.mode](exchange)
                    except OSError:  # the client hung up mid-answer
                        self.server.end(exchange.mode, "hung up")
                        raise
                    self.server.end(exchange.mode, "answered")
                if exchange.headers.get("connection", "").lower() == "close":
                    return


class HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, accept_and_hang: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.accept_and_hang = accept_and_hang
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        #: mode -> how each of its exchanges ended, in order (see end)
        self.endings: dict[str, list[str]] = {}
        self._ended = threading.Condition()

    def count(self, name: str) -> None:
        with self._lock:
            self.requests[name] += 1

    def end(self, name: str, how: str) -> None:
        """Note how an exchange of mode ``name`` ended: ``answered`` (the mode had its say to
        the end, a trickle included) or ``hung up`` (the client went away first)."""
        with self._ended:
            self.endings.setdefault(name, []).append(how)
            self._ended.notify_all()

    def ending(self, name: str, index: int = 0, wait_s: float = TRICKLE_LIMIT_S + 30) -> str | None:
        """How the ``index``-th exchange of mode ``name`` ended, once it has (None if it had
        not within ``wait_s``: a bound against hanging, never a measure)."""
        with self._ended:
            self._ended.wait_for(lambda: len(self.endings.get(name, [])) > index, timeout=wait_s)
            ended = self.endings.get(name, [])
            return ended[index] if len(ended) > index else None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextlib.contextmanager
def running(accept_and_hang: bool = False) -> Iterator[HostileServer]:
    """The server on a free port of 127.0.0.1, stopped on exit (before a client asks for a
    gzip mode, :func:`prepared` makes its bomb)."""
    server = HostileServer(accept_and_hang)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# -- the modes ----------------------------------------------------------------------------


@mode("slow-headers")
def slow_headers(ex: Exchange) -> None:
    """The status line, then one header byte a second: no read ever times out."""
    ex.send(b"HTTP/1.1 200 OK\r\n")
    for _ in range(TRICKLE_LIMIT_S):
        ex.send(b"X")
        time.sleep(1)


@mode("hang")
def hang(ex: Exchange) -> None:
    """The request is read, no answer ever comes (the wait ends when the client hangs up)."""
    for _ in range(TRICKLE_LIMIT_S * 10):
        readable, _, _ = select.select([ex.sock], [], [], 0.1)
        if readable:
            if not ex.sock.recv(1, socket.MSG_PEEK):
                raise ConnectionAbortedError("the client hung up")
            time.sleep(0.1)  # bytes of a next request: still no answer


@mode("slow-body")
def slow_body(ex: Exchange) -> None:
    ex.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(TRICKLE_LIMIT_S * 2):
        ex.send(b" ")
        time.sleep(0.5)


#: A gzip member's header (RFC 1952 section 2.3): deflate, no flags, no time, best compression, Unix.
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"


@cache
def gzip_bomb() -> bytes:
    """About 1 MiB of gzip, one member, that inflates to 1 GiB of zeros. Each MiB of zeros is
    deflated up to a full flush (byte-aligned, the window reset), so every MiB after the first
    deflates to the same bytes: two MiB are compressed and the second's bytes repeated, with the
    member's CRC-32 and length written after them (0.3 CPU-s, not the 3 of deflating 1 GiB)."""
    zeros = bytes(MIB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate: the header is ours
    first = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(zeros, crc)
    return b"".join([_GZIP_HEADER, first, again * 1023, packer.flush(), struct.pack("<II", crc, 1024 * MIB % 2**32)])


def prepared(mode: str) -> str:
    """``mode``, its answer made before any client waits for it: the gzip bomb takes seconds
    of CPU, so it is made for the modes that send it only, not with every server."""
    if mode.startswith("gzip"):
        gzip_bomb()
    return mode


@mode("gzip-bomb")
def bomb(ex: Exchange) -> None:
    ex.answer(200, gzip_bomb(), extra={"Content-Encoding": "gzip"})


@mode("gzip-nested")
def nested_bomb(ex: Exchange) -> None:
    """gzip of the gzip bomb: twice-applied coding, a few kilobytes on the wire."""
    ex.answer(200, gzip.compress(gzip_bomb()), extra={"Content-Encoding": "gzip, gzip"})


@mode("lying-length")
def lying_length(ex: Exchange) -> None:
    """Content-Length promises 100 000 bytes; 10 come, then the connection closes."""
    ex.send(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a": 1}  ')
    ex.sock.shutdown(socket.SHUT_RDWR)


def _stream(ex: Exchange, head: bytes, total: int, chunked: bool) -> None:
    ex.send(head)
    piece = b"a" * 65536
    sent = 0
    while sent < total:
        ex.send(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        sent += len(piece)
    if chunked:
        ex.send(b"0\r\n\r\n")


@mode("chunked-1g")
def chunked_gib(ex: Exchange) -> None:
    _stream(ex, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", GIB, True)


@mode("close-1g")
def close_gib(ex: Exchange) -> None:
    _stream(ex, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", GIB, False)
    ex.sock.shutdown(socket.SHUT_RDWR)


@mode("redirect-loop")
def redirect_loop(ex: Exchange) -> None:
    ex.answer(302, b"", extra={"Location": ex.target + ("x" if "?" in ex.target else "?x")})


@mode("huge-header")
def huge_header(ex: Exchange) -> None:
    """A 10 MB header line before an ordinary body (issue 71: judged, never a crash)."""
    ex.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nX-Filler: ")
    for _ in range(10):
        ex.send(b"a" * MIB)
    ex.send(b"\r\n\r\n{}")


@mode("bad-location")
def bad_location(ex: Exchange) -> None:
    ex.answer(302, b"", extra={"Location": "http://[::1/" + "%" * 3000})


@mode("location-no-host")
def location_no_host(ex: Exchange) -> None:
    """An absolute URL without its ``//``: httpx gives it this host, then refuses its path."""
    ex.answer(302, b"", extra={"Location": "http:evil.example/x"})


@mode("coding-chain")
def coding_chain(ex: Exchange) -> None:
    """One header naming gzip a thousand times (a decoder that recurses per coding breaks)."""
    ex.answer(200, gzip.compress(b"{}"), extra={"Content-Encoding": ", ".join(["gzip"] * 1000)})


@mode("off-origin")
def off_origin(ex: Exchange) -> None:
    ex.answer(302, b"", extra={"Location": "http://198.51.100.7/elsewhere"})


@mode("deep-json")
def deep_json(ex: Exchange) -> None:
    ex.answer(200, b"[" * 200_000 + b"]" * 200_000)


@mode("invalid-utf8")
def invalid_utf8(ex: Exchange) -> None:
    ex.answer(200, b'{"id": "\xff\xfe\xc3(", "items": [], "\xed\xa0\x80": 1}')


@mode("html")
def html(ex: Exchange) -> None:
    ex.answer(200, b"<html><body><script>alert(1)</script>]]></body></html>", "text/html")


@mode("reset")
def reset(ex: Exchange) -> None:
    """Part of the promised body, then a TCP reset (SO_LINGER 0)."""
    ex.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n" + b"[" * 1000)
    ex.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    ex.sock.close()


@mode("storm-500")
def storm(ex: Exchange) -> None:
    ex.answer(500, b'{"type": "about:blank", "title": "boom", "status": 500}', "application/problem+json")


@mode("retry-after")
def retry_after(ex: Exchange) -> None:
    ex.answer(429, b'{"title": "slow down", "status": 429}', "application/problem+json",
              extra={"Retry-After": "9" * 40})


@mode("xml-hostile")
def xml_hostile(ex: Exchange) -> None:
    """Characters XML 1.0 cannot carry, raw and escaped, in the body and a header."""
    body = '{"title": "\ufffe\uffff\x01\x1b[31m]]>", "items": [], "\\u0000": "\\ud800"}'.encode()
    ex.answer(404, body, "application/problem+json", extra={"X-Evil": "a\x7fb"})


@mode("echo")
def echo(ex: Exchange) -> None:
    """The credentials sent, echoed back in every form: raw, escaped, in a header, and cut
    at the 200th byte of a body that is not JSON (a cut before redaction leaks a prefix)."""
    auth = ex.headers.get("authorization", "")
    token = auth.partition(" ")[2]
    pad = "x" * (188 - len("not json ") - len("Bearer "))  # the token starts 12 bytes before the cut
    body = f"not json {pad}{auth} {json.dumps(auth)} {auth!r} {token[::-1]}".encode("latin-1", "replace")
    ex.answer(200, body, extra={"X-Echo": token})


@cache
def listing_ids() -> list[str]:
    """The listing's IDs, made once a process, not once a page (the pages only read them)."""
    return [f"asset-{i:06d}" for i in range(LISTING_ITEMS)]


@mode("listing")
def listing(ex: Exchange) -> None:
    """180 000 assets, paged by limit/cursor; one ID comes twice (a duplicate to find)."""
    if not ex.rest.startswith("/assets"):
        ex.answer(404, b'{"title": "no", "status": 404}', "application/problem+json")
        return
    ids = listing_ids()
    limit = int(ex.query.get("limit", [str(LISTING_ITEMS)])[0])
    cursor = int(ex.query.get("cursor", ["0"])[0])
    page = ids[cursor:cursor + limit]
    if cursor and cursor + limit >= LISTING_ITEMS and page:
        page[-1] = ids[0]
    document: dict[str, object] = {"items": [{"asset_id": i} for i in page]}
    if limit < LISTING_ITEMS and cursor + limit < LISTING_ITEMS:
        document["next"] = f"/{ex.mode}/assets?limit={limit}&cursor={cursor + limit}"
    ex.answer(200, json.dumps(document).encode())
