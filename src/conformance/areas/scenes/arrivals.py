"""When each frame of a cloud-rendered stream arrives, on the harness's clock (SC-RENDER-002 R4).

The harness's HTTP exchanges read answers whole, which times a stream's last byte only. Here the
stream is read as it comes, each chunk stamped with ``time.monotonic()`` on arrival, and the
stream's top-level ISO/IEC 14496-12 boxes are walked: in a fragmented MP4 each frame is one movie
fragment (``moof`` followed by its ``mdat``), complete when the last byte of its ``mdat`` has
arrived. A stream that is not fragmented (one ``moov`` and one ``mdat``) has all its frames
complete only at its end, which is when a player could show the first of them.
"""

from __future__ import annotations

import ssl
import struct
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from conformance.area import REQUEST_TIME_LIMIT_S

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject

#: the most of a stream read (the reference's 120 frames are about 60 kB), 5.1's reading bound 「云端渲染流的读取量」:
#: a stream past it is cut and left unjudged (``past_bound``), never its unread frames missing (sixty-ninth reading)
MAX_STREAM_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Arrivals:
    status: int
    content: bytes
    #: seconds from the request to each frame's complete arrival, in stream order
    frames_s: list[float]
    #: seconds from the request to the last byte
    whole_s: float
    #: the stream ran past MAX_STREAM_BYTES and was cut there: its frames are not judged
    past_bound: bool = False


def _boxes(data: bytes | bytearray, start: int = 0, end: int | None = None) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of each box between ``start`` and ``end``, as far as the data holds whole boxes."""
    boxes: list[tuple[bytes, int, int]] = []
    at, stop = start, len(data) if end is None else end
    while at + 8 <= stop:
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        if size == 1 and at + 16 <= stop:
            size = struct.unpack(">Q", data[at + 8:at + 16])[0]
        elif size == 0:
            size = stop - at
        if size < 8 or at + size > stop:
            break
        boxes.append((kind, at, at + size))
        at += size
    return boxes


def _samples(data: bytes | bytearray, moof: tuple[bytes, int, int]) -> int:
    """How many samples (frames) a movie fragment holds: the sample_count of its ``trun`` boxes."""
    count = 0
    for kind, start, end in _boxes(data, moof[1] + 8, moof[2]):
        if kind == b"traf":
            for child, at, child_end in _boxes(data, start + 8, end):
                if child == b"trun" and at + 16 <= child_end:
                    count += struct.unpack(">I", data[at + 12:at + 16])[0]
    return count


def frame_ends(data: bytes) -> list[int]:
    """The offset at which each frame's data is complete: in a fragmented stream the end of the
    ``mdat`` that follows the ``moof`` holding the frame; empty for a stream that is not
    fragmented (all its frames complete with the stream)."""
    ends: list[int] = []
    boxes = _boxes(data)
    for previous, box in zip(boxes, boxes[1:]):
        if previous[0] == b"moof" and box[0] == b"mdat":
            ends += [box[2]] * _samples(data, previous)
    return ends


def read(api: HttpTarget, path: str, body: JsonObject, frames: int) -> Arrivals:
    """POST ``body`` to ``path`` and stamp each chunk of the answer as it arrives; ``frames`` is
    how many frames the stream holds (for a stream that is not fragmented)."""
    tls = api.tls_context()
    verify: ssl.SSLContext | bool = tls if tls is not None else True
    stamps: list[tuple[int, float]] = []  # (bytes received so far, seconds since the request)
    chunks: list[bytes] = []
    size, past = 0, False
    with httpx.Client(verify=verify, timeout=httpx.Timeout(REQUEST_TIME_LIMIT_S), follow_redirects=False) as client:
        started = time.monotonic()
        with client.stream("POST", api.url(path), json=body, headers={"Accept-Encoding": "identity"}) as response:
            for chunk in response.iter_raw():
                size += len(chunk)
                # a hostile stream is cut at the size cap or at the request time limit 5.1 fixes for the whole
                # answer (a trickle of bytes would pass each read's timeout); never the IXIT's timeout_s,
                # since frames not read are frames missing (a finding)
                past = size > MAX_STREAM_BYTES
                if past or time.monotonic() - started > REQUEST_TIME_LIMIT_S:
                    break
                chunks.append(chunk)
                stamps.append((size, time.monotonic() - started))
            status = response.status_code
    content = b"".join(chunks)
    whole_s = stamps[-1][1] if stamps else time.monotonic() - started
    ends = frame_ends(content)
    ends = ends if len(ends) == frames else [len(content)] * frames  # not fragmented frame by frame: whole

    def arrived(offset: int) -> float:
        return next((t for received, t in stamps if received >= offset), whole_s)

    return Arrivals(status, content, [arrived(end) for end in ends], whole_s, past)


def late_frames(arrivals_s: list[float], first_s: float, fps: int) -> list[tuple[int, float, float]]:
    """(frame, arrival, due) of each frame that arrived after its due time: the first-frame
    allowance and the frame's place on the timeline (n / fps)."""
    return [(n, t, first_s + n / fps) for n, t in enumerate(arrivals_s) if t > first_s + n / fps]


@dataclass(frozen=True)
class Session:
    """A long stream read until its end or until a frame is late (SC-RENDER-004 R3)."""

    status: int
    #: seconds from the request to each frame's complete arrival, of the frames complete when reading stopped
    frames_s: list[float]
    #: seconds from the request to when reading stopped
    stopped_s: float
    #: reading stopped because a frame was late (it arrived late, or was due and had not arrived)
    cut: bool
    #: reading stopped at MAX_STREAM_BYTES: the frames not read are not judged
    past_bound: bool = False


def read_session(api: HttpTarget, path: str, body: JsonObject, frames: int, first_s: float, fps: int) -> Session:
    """POST ``body`` to ``path`` and read the fragmented stream as it comes, each frame stamped when its
    movie fragment is whole, until the stream ends or a frame is late (due at ``first_s`` + n / ``fps``):
    the verdict is then decided, and a platform falling behind is not waited for to the session's end. A
    stream that is not fragmented frame by frame has no frame before its end.

    The reading window is the frames' schedule, not the request time limit: it ends when the last frame has
    arrived or when a frame is overdue (at the latest the last frame's due time), so a platform on time is read
    to its last frame however long the stream lasts (600 frames at 60 a second end 10.28 s after the request,
    past the request time limit of 10 s), and a trickle of bytes is cut once the next frame is overdue. The request
    time limit 5.1 fixes bounds only the connection and each wait for bytes; a wait running out with a frame overdue
    is that frame late."""
    tls = api.tls_context()
    verify: ssl.SSLContext | bool = tls if tls is not None else True
    data = bytearray()
    parsed, pending, stamped = 0, 0, []  # parsed: where the next whole top-level box starts
    checked = 0  # the frames already found in time
    cut = past = False
    with httpx.Client(verify=verify, timeout=httpx.Timeout(REQUEST_TIME_LIMIT_S), follow_redirects=False) as client:
        started = time.monotonic()
        with client.stream("POST", api.url(path), json=body, headers={"Accept-Encoding": "identity"}) as response:
            status = response.status_code
            try:
                for chunk in response.iter_raw():
                    now = time.monotonic() - started
                    data += chunk
                    if len(data) > MAX_STREAM_BYTES:
                        past = True
                        break
                    for kind, start, end in _boxes(data, parsed):
                        if kind == b"moof":
                            pending = _samples(data, (kind, start, end))
                        elif kind == b"mdat":
                            stamped += [now] * pending
                            pending = 0
                        parsed = end
                    late = any(stamped[n] > first_s + n / fps for n in range(checked, len(stamped)))
                    checked = len(stamped)
                    if late or (checked < frames and now > first_s + checked / fps):  # the next frame overdue
                        cut = True
                        break
                    if checked >= frames:  # every frame in time: the verdict is decided
                        break
            except httpx.ReadTimeout:
                # no byte within the request time limit: the next frame is overdue by then, unless the limit
                # is shorter than the frames' schedule (an undecided wait, the adapter's error)
                if time.monotonic() - started <= first_s + checked / fps:
                    raise
                cut = True
    stopped = time.monotonic() - started
    return Session(status, stamped[:frames], stopped, cut, past)
