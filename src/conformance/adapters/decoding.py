"""Content-Encoding decoded as a stream, with a cap on the bytes it inflates to.

httpx inflates each raw chunk whole before the caller sees it, so 1 MiB of gzip that
inflates to 1 GiB costs 1 GiB of memory before any size cap can act. Here each raw chunk is
inflated at most ``limit + 1`` bytes at a time (zlib's ``max_length``), and the decoder stops
as soon as the output passes the cap: memory stays within the cap plus one chunk, whatever
the ratio. Only ``gzip`` and ``deflate`` are asked for (Accept-Encoding); a body in another
coding is kept as sent, to be judged as it is.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator

import httpx

from ..errors import BeyondReadingBound, NonConformance, TargetUnreachable
from ..messages import msg

ACCEPT_ENCODING = "gzip, deflate"
#: Codings one body may name: a body coded more often than this is refused (a finding), not
#: decoded (each coding is one more stage of the pipeline; a header naming gzip a thousand
#: times would otherwise nest a thousand of them).
MAX_CODINGS = 4
_STEP = 64 * 1024  # inflate in slices of this size, so no single call grows unbounded


class TooLarge(Exception):
    """The decoded body passed the cap."""


class TooManyCodings(Exception):
    """The body names more codings than :data:`MAX_CODINGS`."""


class _Inflate:
    """One zlib stream (gzip, zlib-wrapped or raw deflate), inflated in bounded slices."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._first = True
        self._done = False
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._first and self.coding == "deflate" and data:
            self._first = False
            try:  # "deflate" is meant to be zlib-wrapped, but many servers send it raw
                probe = zlib.decompressobj(zlib.MAX_WBITS)
                probe.decompress(data[:2])
            except zlib.error:
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        while data and not self._done:
            out = self._z.decompress(data, _STEP)
            if out:
                yield out
            if self._z.eof:
                # What follows the stream: another gzip member (RFC 1952 allows several), or
                # trailing bytes, which are dropped as httpx drops them.
                rest = self._z.unused_data
                if self.coding in ("gzip", "x-gzip") and rest[:2] == b"\x1f\x8b":
                    self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    data = rest
                    continue
                self._done = True
                return
            data = self._z.unconsumed_tail

    def flush(self) -> Iterator[bytes]:
        # Only what is left in zlib's window: at most one slice at a time.
        while True:
            out = self._z.decompress(b"", _STEP) if not self._z.eof else b""
            if not out:
                return
            yield out


class CappedDecoder:
    """Decode a body's Content-Encoding chain chunk by chunk, never past ``limit`` bytes out."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > MAX_CODINGS:
            raise TooManyCodings(len(codings))
        self.limit = limit
        self.size = 0
        # Decoded in the reverse of the order applied; an unknown coding stops decoding there.
        self._stages: list[_Inflate] = []
        for coding in reversed(codings):
            if coding not in ("gzip", "x-gzip", "deflate"):
                break
            self._stages.append(_Inflate(coding))
        self.undecoded = len(self._stages) < len(codings)

    def _through(self, index: int, pieces: Iterator[bytes], *, final: bool) -> Iterator[bytes]:
        if index == len(self._stages):
            yield from pieces
            return
        stage = self._stages[index]

        def stream() -> Iterator[bytes]:
            for piece in pieces:
                yield from stage.feed(piece)
            if final:
                yield from stage.flush()

        yield from self._through(index + 1, stream(), final=final)

    def _count(self, pieces: Iterator[bytes]) -> list[bytes]:
        kept = []
        for piece in pieces:
            self.size += len(piece)
            if self.size > self.limit:
                raise TooLarge(self.size)
            kept.append(piece)
        return kept

    def decode(self, raw: bytes) -> list[bytes]:
        """The decoded bytes of one raw chunk; raises TooLarge once past the cap."""
        return self._count(self._through(0, iter([raw]), final=False))

    def flush(self) -> list[bytes]:
        return self._count(self._through(0, iter([]), final=True))


def read_body(response: httpx.Response, cap: int, deadline: float, late: Callable[[], str]) -> bytes:
    """The body, decoded as a stream: raw chunks inflated a bounded slice at a time, so
    neither a long body nor a compression bomb grows past the cap; ``late()`` names an answer
    still coming at ``deadline``. A body past the cap (the target's ``max_response_bytes``, a
    reading bound of 5.1) is not read and not judged: BeyondReadingBound, no finding."""
    found: dict[bytes, list[str]] = {}
    for name, value in response.headers.raw:  # one pass: a lookup by name costs about as much
        name = name.lower()
        if name in (b"content-length", b"content-encoding"):
            found.setdefault(name, []).append(value.decode("latin-1"))
    # a repeated header joined as httpx joins it ("5, 6" is no length)
    declared, coding = (", ".join(found.get(n, ())) for n in (b"content-length", b"content-encoding"))
    if declared.isdigit() and int(declared) > cap:
        raise BeyondReadingBound(msg("adapters.declares-too-large", size=declared, cap=cap))
    try:
        decoder = CappedDecoder(coding, cap) if coding else None  # most answers are sent as they are
    except TooManyCodings as exc:
        raise NonConformance(msg("adapters.too-many-codings", count=exc.args[0], limit=MAX_CODINGS),
                             actual=coding[:200]) from None
    chunks: list[bytes] = []
    raw_size = 0
    try:
        stream = response.stream
        if not isinstance(stream, httpx.SyncByteStream):  # as httpx's own iter_raw refuses it
            raise RuntimeError("Attempted to call a sync iterator on an async stream.")
        for raw in stream:  # the raw bytes, as ``iter_raw`` gives them, without re-chunking
            raw_size += len(raw)
            if raw_size > cap:
                raise BeyondReadingBound(msg("adapters.body-too-large", cap=cap))
            if time.monotonic() > deadline:
                raise TargetUnreachable(late())
            if decoder is None:
                chunks.append(raw)
            else:
                chunks += decoder.decode(raw)
        if decoder is not None:
            chunks += decoder.flush()
    except TooLarge:
        raise BeyondReadingBound(msg("adapters.decoded-too-large", cap=cap, coding=coding)) from None
    except zlib.error as exc:
        raise NonConformance(msg("adapters.bad-encoding", coding=coding, error=str(exc))) from None
    return b"".join(chunks)
