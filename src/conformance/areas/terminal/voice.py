"""Voice interaction streams (TD-VOICE-*): captured speech, its events and its transcripts.

A ``voice`` stream is the microphone's sound in blocks, as an ``audio`` stream's frames are
(``t`` the capture-clock time of a block's first sample, ``samples`` per channel); its
``audio`` declares ``format`` ``pcm``, ``sample_rate_hz``, ``bit_depth``, ``channels`` and
the channel ``layout`` (``mono`` 1 channel, ``stereo`` or ``binaural`` 2, ``array`` a
microphone array of 2 or more, as the Web Audio API's channel interpretations and WebRTC's
capture constraints name them). A ``voice_event`` stream ``annotates`` a voice stream with
what the device detected, at its time on the capture clock: ``wake_word`` (with the
``keyword``), and the voice-activity pair ``speech_start``/``speech_end`` (the Web Speech
API's speechstart and speechend). A ``transcript`` stream ``annotates`` a voice stream with
speech-to-text results: ``start`` and ``end`` the span of speech a result covers (capture
clock, ns, as a WebVTT cue's times), ``t`` when it was emitted, ``text``, ``final`` (the Web
Speech API's isFinal) and an optional ``confidence`` 0..1.

- ``voice_format`` (TD-VOICE-001), read with the header: the declaration as above;
- ``voice_events`` (TD-VOICE-002), on the frames: a known event, speech_start and
  speech_end alternating, a wake word naming its keyword;
- ``voice_transcripts`` (TD-VOICE-003), on the frames: start <= end <= t, text on a final
  result, confidence within 0..1.

Whether events and transcripts lie within the span of the sound they annotate is judged by
the suite, once every stream's span is known (:func:`span`).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from conformance import Message, msg

from .._shared.numbers import is_integer
from .audio import BIT_DEPTHS, declaration
from .chunk import Chunk, report
from .model import CaptureAnalysis, StreamStats, captured

LAYOUTS = {"mono": (1, 1), "stereo": (2, 2), "binaural": (2, 2), "array": (2, 64)}
EVENTS = ("wake_word", "speech_start", "speech_end")
#: Sampling rates speech is captured at: narrowband telephony (8 kHz), wideband (16 kHz, ITU-T
#: G.722), and the rates of general audio hardware.
SAMPLE_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000)


def read_voice(result: CaptureAnalysis) -> None:
    """TD-VOICE-001 over the header's voice streams."""
    log = result.log("voice_format")
    for stats in result.streams_of("voice"):
        stats.add_checked("voice_format", 1)
        where = f"/streams/{stats.index}/audio"
        audio = declaration(stats)

        def add(message: Message, pointer: str, stats: StreamStats = stats, **extra: object) -> None:
            log.add(captured(message, line=1, stream=stats.id, pointer=pointer, **extra))

        if audio.get("format") != "pcm":
            add(msg("terminal.voice-format", sid=repr(stats.id), format=repr(audio.get("format"))),
                where + "/format", actual=audio.get("format"), expected="pcm")
        rate = audio.get("sample_rate_hz")
        if rate not in SAMPLE_RATES or isinstance(rate, bool):
            add(msg("terminal.voice-sample-rate", sid=repr(stats.id), rate=repr(rate)), where + "/sample_rate_hz",
                actual=rate, expected=list(SAMPLE_RATES))
        if audio.get("bit_depth") not in BIT_DEPTHS:
            add(msg("terminal.audio-bit-depth", sid=repr(stats.id), depth=repr(audio.get("bit_depth"))),
                where + "/bit_depth", actual=audio.get("bit_depth"), expected=list(BIT_DEPTHS))
        layout, channels = audio.get("layout"), audio.get("channels")
        if layout not in LAYOUTS:
            add(msg("terminal.voice-layout", sid=repr(stats.id), layout=repr(layout)), where + "/layout",
                actual=layout, expected=list(LAYOUTS))
            continue
        low, high = LAYOUTS[layout]
        if not (isinstance(channels, int | float) and is_integer(channels) and low <= channels <= high):
            add(msg("terminal.voice-channels", sid=repr(stats.id), channels=repr(channels), layout=layout,
                    expected=f"{low}" if low == high else f"{low} .. {high}"),
                where + "/channels", actual=channels, expected=f"{low} .. {high}")


def span(analysis: CaptureAnalysis, stats: StreamStats) -> tuple[int, int] | None:
    """The capture-clock span [first sample, end of the last block] of a voice stream's
    sound, or None when it holds no frames or declares no usable sample rate."""
    rate = declaration(stats).get("sample_rate_hz")
    if stats.first_t is None or stats.last_t is None or not isinstance(rate, int | float) or rate <= 0:
        return None
    last = stats.audio.last_samples if stats.audio is not None else 0
    return stats.first_t, stats.last_t + round(max(last, 0) * 1e9 / rate)


@dataclass
class VoiceState:
    """What an event or transcript stream carries across chunks."""

    speaking: bool = False  # a speech_start without its speech_end yet
    first_t: int | None = None  # the earliest time a frame refers to (a transcript's start)
    last_t: int | None = None  # the latest (a transcript's end)


def _state(stats: StreamStats) -> VoiceState:
    if stats.voice is None:
        stats.voice = VoiceState()
    state: VoiceState = stats.voice
    return state


def check_voice_event_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    state = _state(stats)
    events = list(map(attrgetter("event"), chunk.frames))
    keywords = list(map(attrgetter("keyword"), chunk.frames))
    stats.add_checked("voice_events", len(events))
    unknown = np.fromiter((e not in EVENTS for e in events), bool, len(events))
    report(chunk, "voice_events", unknown, lambda r: (
        msg("terminal.voice-event-unknown", event=repr(events[r])),
        {"pointer": "/event", "actual": events[r], "expected": list(EVENTS)}))
    no_keyword = np.fromiter((e == "wake_word" and not (isinstance(k, str) and k.strip())
                              for e, k in zip(events, keywords, strict=True)), bool, len(events))
    report(chunk, "voice_events", no_keyword, lambda r: (msg("terminal.voice-wake-no-keyword"),
                                                         {"pointer": "/keyword"}))
    unpaired = np.zeros(len(events), bool)
    for row, event in enumerate(events):  # event streams are sparse: a few per second
        if event in ("speech_start", "speech_end"):
            starting = event == "speech_start"
            unpaired[row] = starting == state.speaking
            state.speaking = starting
    report(chunk, "voice_events", unpaired, lambda r: (
        msg("terminal.voice-event-unpaired", event=events[r]), {"pointer": "/event", "actual": events[r]}))


def check_transcript_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    state = _state(stats)
    start, end = chunk.column("start", np.int64), chunk.column("end", np.int64)
    stats.add_checked("voice_transcripts", len(start))
    backwards = start > end
    report(chunk, "voice_transcripts", backwards, lambda r: (
        msg("terminal.transcript-backwards", start=int(start[r]), end=int(end[r])),
        {"rule": "R2", "pointer": "/end", "actual": int(end[r]), "expected": f">= {int(start[r])}"}))
    early = ~backwards & (chunk.t < end)
    report(chunk, "voice_transcripts", early, lambda r: (
        msg("terminal.transcript-before-speech", t=int(chunk.t[r]), end=int(end[r])),
        {"rule": "R3", "pointer": "/t", "actual": int(chunk.t[r]), "expected": f">= {int(end[r])}"}))
    texts = list(map(attrgetter("text"), chunk.frames))
    finals = chunk.column("final", bool)
    empty = finals & np.fromiter((not t.strip() for t in texts), bool, len(texts))
    report(chunk, "voice_transcripts", empty, lambda r: (msg("terminal.transcript-empty"),
                                                                   {"rule": "R4", "pointer": "/text"}))
    confidence = np.fromiter((np.nan if c is None else c for c in map(attrgetter("confidence"), chunk.frames)),
                             np.float64, len(texts))
    off = ~np.isnan(confidence) & ~((confidence >= 0) & (confidence <= 1))
    off |= np.isinf(confidence)
    report(chunk, "voice_transcripts", off, lambda r: (
        msg("terminal.transcript-confidence", confidence=float(confidence[r])),
        {"rule": "R5", "pointer": "/confidence", "actual": float(confidence[r]), "expected": "0 .. 1"}))
    if len(start):
        low, high = int(start.min()), int(end.max())
        state.first_t = low if state.first_t is None else min(state.first_t, low)
        state.last_t = high if state.last_t is None else max(state.last_t, high)
