"""SC-RENDER-004 R3 reads its stream for the frames' schedule, not the request time limit: 600 frames at 60 a
second end 10.28 s after the request, past the default 10 s (forty-ninth reading, part h102-ixit). A fake
clock stands for the harness's: each frame's bytes come at the time the test sets, no real waiting."""

from __future__ import annotations

import struct
from types import SimpleNamespace

import httpx

from conformance.areas.scenes import arrivals

FIRST_S, FPS, FRAMES = 0.3, 60, 600


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _fragment() -> bytes:
    """One movie fragment of one sample (a ``trun`` whose sample_count is 1) and its ``mdat``."""
    trun = _box(b"trun", struct.pack(">II", 0, 1))
    return _box(b"moof", _box(b"traf", trun)) + _box(b"mdat", b"\0" * 16)


class Stream(httpx.SyncByteStream):
    """The frames, each at the clock time ``at(n)`` (the fake clock moves to it as the frame is sent)."""

    def __init__(self, clock: SimpleNamespace, at) -> None:
        self.clock, self.at = clock, at

    def __iter__(self):
        for n in range(FRAMES):
            self.clock.now = self.at(n)
            yield _fragment()


class Api:
    timeout_s = 10.0  # the default request time limit

    def tls_context(self):
        return None

    def url(self, path: str) -> str:
        return f"https://platform.test{path}"


def _read(monkeypatch, at) -> arrivals.Session:
    clock = SimpleNamespace(now=0.0)
    monkeypatch.setattr(arrivals, "time", SimpleNamespace(monotonic=lambda: clock.now))
    real = httpx.Client
    transport = httpx.MockTransport(lambda request: httpx.Response(200, stream=Stream(clock, at)))
    monkeypatch.setattr(arrivals.httpx, "Client", lambda **kw: real(transport=transport, **kw))
    return arrivals.read_session(Api(), "/render/stream", {}, FRAMES, FIRST_S, FPS)


def test_a_platform_sending_each_frame_when_due_is_read_to_its_last_frame_past_10_s(monkeypatch):
    session = _read(monkeypatch, lambda n: FIRST_S + n / FPS)
    assert session.frames_s[-1] > Api.timeout_s
    assert len(session.frames_s) == FRAMES and not session.cut and not session.past_bound
    assert not arrivals.late_frames(session.frames_s, FIRST_S, FPS)


def test_a_platform_falling_behind_is_cut_at_its_first_late_frame(monkeypatch):
    session = _read(monkeypatch, lambda n: FIRST_S + n / FPS + (1.0 if n >= 300 else 0.0))
    assert session.cut and len(session.frames_s) == 301
    assert [frame for frame, _, _ in arrivals.late_frames(session.frames_s, FIRST_S, FPS)] == [300]


def test_a_stream_past_the_reading_bound_is_cut_and_marked_past_it_not_short(monkeypatch):
    """Sixty-ninth reading, h133-ocaps2: a stream past MAX_STREAM_BYTES was cut and its frames not read counted as
    missing (SC-RENDER-002 R4, SC-RENDER-004 R3); the reading says so now (``past_bound``), and the suite leaves
    the rules unjudged."""
    monkeypatch.setattr(arrivals, "MAX_STREAM_BYTES", 100 * len(_fragment()))  # the whole read: the test above
    cut = _read(monkeypatch, lambda n: FIRST_S + n / FPS)
    assert cut.past_bound and not cut.cut and len(cut.frames_s) <= 100


def test_a_display_rate_stream_past_the_reading_bound_is_marked_past_it(monkeypatch):
    clock = SimpleNamespace(now=0.0)
    monkeypatch.setattr(arrivals, "time", SimpleNamespace(monotonic=lambda: clock.now))
    real = httpx.Client
    transport = httpx.MockTransport(lambda request: httpx.Response(200, stream=Stream(clock, lambda n: n / 1000)))
    monkeypatch.setattr(arrivals.httpx, "Client", lambda **kw: real(transport=transport, **kw))
    assert not arrivals.read(Api(), "/render/stream", {}, FRAMES).past_bound
    monkeypatch.setattr(arrivals, "MAX_STREAM_BYTES", 100 * len(_fragment()))
    assert arrivals.read(Api(), "/render/stream", {}, FRAMES).past_bound
