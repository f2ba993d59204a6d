"""Captions carried in streams (TD-CAPT-*): caption tracks after WebVTT's cue model, and the
speech they caption, after the W3C XR Accessibility User Requirements (XAUR).

A ``caption`` stream is one caption track (a WebVTT text track of kind captions, an HTML
``<track srclang>``): ``language`` its BCP 47 tag (RFC 5646), ``annotates`` the voice or
audio stream whose sound it captions. Each frame is one cue: ``t`` its start and ``end`` its
end on the capture clock (ns; WebVTT cue timings), ``text``, and optionally ``source`` (the
voice or audio stream of the speaker, as a WebVTT voice span names one), ``language`` (a cue
in another language than its track: a WebVTT language span) and ``position`` (where the
caption is placed in stage space, metres: XAUR's captions that show where a spatial sound
comes from).

- ``caption_cues`` (TD-CAPT-001): the track's declaration with the header (a valid language
  tag; annotates names a voice or audio stream), and on the frames: an end after the start
  (WebVTT: "greater than the start time"), text, no cue starting before the previous cue of
  the same source on its track has ended, a valid cue language, a declared source;
- for TD-CAPT-001's span and TD-CAPT-002, gathered per stream: the cues' spans and the
  speech segments (speech_start .. speech_end) of the voice_event streams, as int64 pairs;
  the suite judges them once every stream is read. Cues and voice-activity events come a
  few per second, so these arrays hold 16 bytes per event, not per frame;
- for TD-CAPT-003: a positioned cue whose source (``source``, else the stream its track
  annotates) is an audio object is matched with the source's position at the cue's start
  (its last block at or before it): the distance between the two, per cue. Each object
  source keeps only its latest chunk of positions; a cue read before the blocks of its time
  waits for them (:class:`SourceTrack`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter

import numpy as np

from conformance import msg

from .audio import check_audio_frames
from .capture.columns import vec3_view
from .chunk import Chunk, report
from .model import CaptureAnalysis, StreamStats, captured
from .voice import check_voice_event_frames

#: What a caption track captions: the sound of speech (voice) or of a scene's sources (audio).
CAPTIONED = ("voice", "audio")
_TAG = re.compile(r"[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*")


def language_valid(tag: object) -> bool:
    """A well-formed and valid BCP 47 tag: RFC 5646's alphabet (ASCII letters, digits, hyphens;
    langcodes also takes '_', which the grammar has not) and subtags in the IANA registry."""
    return isinstance(tag, str) and _valid(tag)


@cache
def _valid(tag: str) -> bool:
    # Imported here: its registry's tables cost some 50 ms of CPU to load, and most runs (every
    # terminal profile imports this module) judge no caption track.
    import langcodes

    return _TAG.fullmatch(tag) is not None and bool(langcodes.tag_is_valid(tag))


@dataclass
class CueState:
    """What a caption or voice_event stream carries across chunks."""

    spans: list[np.ndarray] = field(default_factory=list)  # (n, 2) int64: cue start, end / speech segments
    last_end: dict[str | None, int] = field(default_factory=dict)  # caption: source -> end of its last cue
    speech_start: int | None = None  # voice_event: an open speech_start
    latest: tuple[int, dict[str, object]] | None = None  # caption: the latest end, and its cue's location
    offsets: list[float] = field(default_factory=list)  # caption: distance of each placed cue from its source
    farthest: tuple[float, dict[str, object]] | None = None  # caption: the largest offset, and its cue's location
    unplaced: int = 0  # caption: placed cues starting before their source's first block (no position to hold to)

    def pairs(self) -> np.ndarray:
        return np.concatenate(self.spans) if self.spans else np.empty((0, 2), np.int64)


def _state(stats: StreamStats) -> CueState:
    if stats.captions is None:
        stats.captions = CueState()
    state: CueState = stats.captions
    return state


@dataclass
class SourceTrack:
    """An audio object source's positions, for the placed cues of its captions: the latest
    chunk's block times and positions (and the block before them), and the cues waiting for
    blocks of their time (start, position, caption stream's state, location)."""

    t: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    p: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))
    waiting: list[tuple[int, np.ndarray, CueState, dict[str, object]]] = field(default_factory=list)
    first_t: int | None = None  # the source's first block: before it the source has no position

    def place(self, start: int, position: np.ndarray, cue: CueState, where: dict[str, object]) -> bool:
        """Judge a cue placed at ``position`` from ``start``, if the blocks of its time were read;
        a cue before the source's first block has no position to be held to (counted, unjudged)."""
        if not len(self.t) or start > self.t[-1]:
            return False
        if self.first_t is not None and start < self.first_t:
            cue.unplaced += 1
            return True
        k = max(int(np.searchsorted(self.t, start, side="right")) - 1, 0)
        offset = float(np.linalg.norm(position - self.p[k]))
        if np.isnan(offset):
            return True  # a source position not finite: TD-AUD-003's and the structure check's
        cue.offsets.append(offset)
        if cue.farthest is None or offset > cue.farthest[0]:
            cue.farthest = (offset, {**where, "actual": [round(float(v), 4) for v in position],
                                     "expected": [round(float(v), 4) for v in self.p[k]]})
        return True

    def settle(self) -> None:
        """Judge the waiting cues whose time the source has reached; after the last chunk,
        against its last position."""
        self.waiting = [w for w in self.waiting if not self.place(*w)]

    def close(self) -> None:
        if len(self.t):
            for start, position, cue, where in self.waiting:
                self.place(min(start, int(self.t[-1])), position, cue, where)
        self.waiting = []


def read_captions(result: CaptureAnalysis) -> None:
    """TD-CAPT-001 over the header's caption streams; a SourceTrack for each audio object
    source when the capture has captions."""
    log = result.log("caption_cues")
    if result.streams_of("caption"):
        for stats in result.streams_of("audio"):
            audio = stats.spec.get("audio")
            if isinstance(audio, dict) and audio.get("format") == "object":
                stats.caption_source = SourceTrack()
    for stats in result.streams_of("caption"):
        stats.add_checked("caption_cues", 1)
        language = stats.spec.get("language")
        if not language_valid(language):
            log.add(captured(msg("terminal.caption-language", sid=repr(stats.id), tag=repr(language)), line=1,
                             stream=stats.id, pointer=f"/streams/{stats.index}/language", actual=language,
                             expected="a BCP 47 language tag (RFC 5646), e.g. zh-Hans-CN, en-GB", rule="R1"))
        target = stats.spec.get("annotates")
        captioned = result.streams.get(target) if isinstance(target, str) else None
        if captioned is None or captioned.type not in CAPTIONED:
            log.add(captured(msg("terminal.caption-annotates", sid=repr(stats.id), target=repr(target)), line=1,
                             stream=stats.id, pointer=f"/streams/{stats.index}/annotates", actual=target,
                             expected=[s.id for s in result.streams_of(*CAPTIONED)], rule="R2"))


def check_caption_frames(chunk: Chunk) -> None:
    stats, key = chunk.stats, "caption_cues"
    state = _state(stats)
    start, end = chunk.t, chunk.column("end", np.int64)
    stats.add_checked(key, len(start))
    backwards = end <= start
    report(chunk, key, backwards, lambda r: (
        msg("terminal.caption-backwards", start=int(start[r]), end=int(end[r])),
        {"pointer": "/end", "actual": int(end[r]), "expected": f"> {int(start[r])}", "rule": "R3"}))
    texts = list(map(attrgetter("text"), chunk.frames))
    empty = np.fromiter((not text.strip() for text in texts), bool, len(texts))
    report(chunk, key, empty, lambda r: (msg("terminal.caption-empty"), {"pointer": "/text", "rule": "R3"}))
    sources = list(map(attrgetter("source"), chunk.frames))
    known = {s.id for s in chunk.analysis.streams_of(*CAPTIONED)}
    unknown = np.fromiter((s is not None and s not in known for s in sources), bool, len(sources))
    report(chunk, key, unknown, lambda r: (
        msg("terminal.caption-source", source=repr(sources[r])),
        {"pointer": "/source", "actual": sources[r], "expected": sorted(known), "rule": "R5"}))
    languages = list(map(attrgetter("language"), chunk.frames))
    bad_language = np.fromiter((tag is not None and not language_valid(tag) for tag in languages), bool,
                               len(languages))
    report(chunk, key, bad_language, lambda r: (
        msg("terminal.caption-cue-language", tag=repr(languages[r])),
        {"pointer": "/language", "actual": languages[r], "rule": "R5"}))
    overlap = np.zeros(len(start), bool)
    previous = np.zeros(len(start), np.int64)
    if len(set(sources)) == 1:  # one speaker (or none named): the end of the cue before, shifted
        before = state.last_end.get(sources[0])
        previous[1:] = end[:-1]
        overlap[1:] = start[1:] < end[:-1]
        if before is not None:
            previous[0], overlap[0] = before, start[0] < before
        state.last_end[sources[0]] = int(end[-1])
    else:  # several speakers on one track: a cue is held to the last cue of its own speaker
        for row, source in enumerate(sources):
            before = state.last_end.get(source)
            if before is not None:
                previous[row], overlap[row] = before, int(start[row]) < before
            state.last_end[source] = int(end[row])
    report(chunk, key, overlap, lambda r: (
        msg("terminal.caption-overlap", start=int(start[r]), previous=int(previous[r])),
        {"pointer": "/t", "actual": int(start[r]), "expected": f">= {int(previous[r])}", "rule": "R4"}))
    _placed(chunk, state, sources)
    good = ~backwards
    if good.any():
        state.spans.append(np.column_stack((start[good], end[good])))
        row = int(np.argmax(np.where(good, end, np.iinfo(np.int64).min)))
        if state.latest is None or int(end[row]) > state.latest[0]:
            state.latest = (int(end[row]), chunk.where(row, "/end", actual=int(end[row])))


def _placed(chunk: Chunk, state: CueState, sources: list[str | None]) -> None:
    """Each cue with a position whose source is an audio object: matched with the source's
    position at its start (TD-CAPT-003), now or when the source's blocks of its time are read."""
    target = chunk.stats.spec.get("annotates")
    for row, frame in enumerate(chunk.frames):
        if frame.position is None:
            continue
        sid = sources[row] if sources[row] is not None else target
        source = chunk.analysis.streams.get(sid) if isinstance(sid, str) else None
        track = source.caption_source if source is not None else None
        if track is None:
            continue
        where = chunk.where(row, "/position", source=sid)
        position = np.array([frame.position.x, frame.position.y, frame.position.z], np.float64)
        if not track.place(int(chunk.t[row]), position, state, where):
            track.waiting.append((int(chunk.t[row]), position, state, where))


def check_audio_and_sources(chunk: Chunk) -> None:
    """TD-AUD-*'s checks of an audio stream, then, for an object source of captions, its
    positions kept for the cues placed by it (TD-CAPT-003)."""
    check_audio_frames(chunk)
    track = chunk.stats.caption_source
    if track is None:
        return
    p = chunk.columns.get("position")  # read by check_audio_frames when every block has one
    if p is None:
        positions = list(map(attrgetter("position"), chunk.frames))
        p = vec3_view(positions)
    if p is None:
        p = np.array([(np.nan,) * 3 if q is None else (q.x, q.y, q.z) for q in positions], np.float64).reshape(-1, 3)
    if track.first_t is None:
        track.first_t = int(chunk.t[0])
    if len(track.t):  # the block before this chunk's first, for a cue between the two
        track.t, track.p = np.concatenate((track.t[-1:], chunk.t)), np.concatenate((track.p[-1:], p))
    else:
        track.t, track.p = chunk.t.copy(), p
    track.settle()


def check_voice_events_and_speech(chunk: Chunk) -> None:
    """TD-VOICE-002's checks of a voice_event stream, then its speech segments gathered
    (speech_start .. the next speech_end) for TD-CAPT-002."""
    check_voice_event_frames(chunk)
    state = _state(chunk.stats)
    segments = []
    for event, t in zip(map(attrgetter("event"), chunk.frames), chunk.t.tolist(), strict=True):
        if event == "speech_start":
            state.speech_start = t
        elif event == "speech_end" and state.speech_start is not None:
            if t > state.speech_start:
                segments.append((state.speech_start, t))
            state.speech_start = None
    if segments:
        state.spans.append(np.array(segments, np.int64))


def covered(segments: np.ndarray, cues: np.ndarray, delay_ns: int) -> np.ndarray:
    """The share of each speech segment (n, 2) that the cues (m, 2) cover, a cue counting
    from ``delay_ns`` before its start (a caption shows after the words it carries are
    said) to its end. Vectorised: the cues' union as sorted disjoint intervals, and the time
    it covers up to any instant by a cumulative sum."""
    lengths = (segments[:, 1] - segments[:, 0]).astype(np.float64)
    if not len(cues):
        return np.zeros(len(segments))
    spans = cues.astype(np.float64)
    spans[:, 0] -= delay_ns
    spans = spans[np.argsort(spans[:, 0], kind="stable")]
    reach = np.maximum.accumulate(spans[:, 1])
    fresh = np.ones(len(spans), bool)
    fresh[1:] = spans[1:, 0] > reach[:-1]  # a cue starting after every earlier one ended opens an interval
    lows = spans[fresh, 0]
    highs = np.maximum.reduceat(spans[:, 1], np.flatnonzero(fresh))
    before = np.concatenate(([0.0], np.cumsum(highs - lows)))

    def upto(x: np.ndarray) -> np.ndarray:  # union time before instant x
        k = np.searchsorted(lows, x, side="right") - 1
        inside = np.clip(x - lows[np.maximum(k, 0)], 0, highs[np.maximum(k, 0)] - lows[np.maximum(k, 0)])
        return np.where(k >= 0, before[np.maximum(k, 0)] + inside, 0.0)

    span = upto(segments[:, 1].astype(np.float64)) - upto(segments[:, 0].astype(np.float64))
    return np.divide(span, lengths, out=np.ones_like(lengths), where=lengths > 0)
