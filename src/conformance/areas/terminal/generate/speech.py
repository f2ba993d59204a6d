"""A voice-interaction device on the speech bench (TD-VOICE-004): the catalog's Chinese corpus played to it by
an artificial mouth, in quiet and then in office noise, after its wake word, and what the device made of it.

Four wake-word presentations (0.8 s, every 2 s from 0.5 s; two in quiet, two in noise), then the six phrases of
the corpus in quiet from ``QUIET_AT`` and in noise from ``NOISE_AT``, one every ``EVERY_S``, each lasting
``CHAR_S`` a character plus ``PAUSE_S``. The device: a wake_word event ``WAKE_S`` after each wake word ends;
speech_start ``ONSET_S`` after each phrase starts and speech_end ``OFFSET_S`` after it ends; a final result
``EMIT_S`` after it ends, spanning speech_start to speech_end, with the phrase's text (in noise, one character
of zh-02 misheard: 1 error in 36 characters).

Faults reach it through ``x-`` members (faults.py sets them): on the transcript stream ``x-quiet-drop`` (the
last so many characters of each quiet result lost) and ``x-noise-silent`` (no result for every other phrase in
noise); on the voice_event stream ``x-wake-missed`` (the first so many wake words not detected) and
``x-onset-s`` (each speech_start this long after its phrase starts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson

from ..jsonread import number_or
from ..recognition import corpus
from .apparatus import declared
from .binaural import T0

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject

MIC_ID, EVENTS_ID, STT_ID = "mic_bench", "events_bench", "stt_bench"
OUTPUT_IDS = (EVENTS_ID, STT_ID, "captions_bench", "events_listen")  # the device's output, each frame at a scheduled time
LANGUAGE, WAKE_WORD = "zh", "你好参考"
WAKES = ((0.5, "quiet"), (2.5, "quiet"), (4.5, "noise"), (6.5, "noise"))
WAKE_LENGTH_S = 0.8
QUIET_AT, NOISE_AT, EVERY_S = 9.0, 27.0, 3.0
CHAR_S, PAUSE_S = 0.22, 0.2
WAKE_S, ONSET_S, OFFSET_S, EMIT_S = 0.3, 0.12, 0.35, 0.5
MISHEARD = ("zh-02", "五十", "五时")  # in noise


def _phrases() -> dict[str, str]:
    phrases: dict[str, str] = corpus()["languages"][LANGUAGE]["phrases"]
    return phrases


def schedule() -> list[tuple[float, float, str | None, str]]:
    """(start s, end s, phrase id or None for the wake word, condition) of each presentation, in order."""
    found: list[tuple[float, float, str | None, str]] = [(at, at + WAKE_LENGTH_S, None, c) for at, c in WAKES]
    for first, condition in ((QUIET_AT, "quiet"), (NOISE_AT, "noise")):
        for k, (phrase, text) in enumerate(_phrases().items()):
            at = first + k * EVERY_S
            found.append((at, at + CHAR_S * len(text) + PAUSE_S, phrase, condition))
    return found


def mic_spec() -> JsonObject:
    presentations: JsonArray = [{"t": T0 + round(a * 1e9), "end": T0 + round(b * 1e9), "condition": c,
                      **({"phrase": p} if p else {"wake": True})} for a, b, p, c in schedule()]
    return {"id": MIC_ID, "type": "voice", "rate_hz": 50, "path": "/user/head",
            "audio": {"format": "pcm", "sample_rate_hz": 16000, "bit_depth": 16, "channels": 1, "layout": "mono"},
            "speech_stimulus": {
                "corpus": corpus()["id"], "language": LANGUAGE, "wake_word": WAKE_WORD, "level_db_spl": 65,
                "noise": {"kind": "office", "snr_db": 10, "reproduction": "ETSI ES 202 396-1 loudspeaker setup"},
                "instrument": {"model": "Reference AM-1 artificial mouth", **declared("AM-0001"),
                               "calibration": "level at 25 mm from the lip ring and frequency response against a "
                                              "measurement microphone, 2024-04-26"},
                "presentations": presentations}}


def events_spec() -> JsonObject:
    return {"id": EVENTS_ID, "type": "voice_event", "annotates": MIC_ID}


def stt_spec() -> JsonObject:
    return {"id": STT_ID, "type": "transcript", "annotates": MIC_ID}


def _events(spec: JsonObject) -> list[tuple[float, JsonObject]]:
    found: list[tuple[float, JsonObject]] = []
    missed, onset = number_or(spec.get("x-wake-missed"), 0), number_or(spec.get("x-onset-s"), ONSET_S)
    wakes = 0
    for start, end, phrase, _ in schedule():
        if phrase is None:
            wakes += 1
            if wakes > missed:
                found.append((end + WAKE_S, {"event": "wake_word", "keyword": WAKE_WORD}))
            continue
        found.append((start + onset, {"event": "speech_start"}))
        found.append((end + OFFSET_S, {"event": "speech_end"}))
    return sorted(found, key=lambda item: item[0])


def _results(spec: JsonObject) -> list[tuple[float, JsonObject]]:
    found: list[tuple[float, JsonObject]] = []
    phrases = _phrases()
    spoken = 0
    for start, end, phrase, condition in schedule():
        if phrase is None:
            continue
        spoken += 1
        text = phrases[phrase]
        if condition == "noise":
            if spec.get("x-noise-silent") and spoken % 2 == 0:
                continue
            if phrase == MISHEARD[0]:
                text = text.replace(MISHEARD[1], MISHEARD[2])
        elif isinstance(drop := spec.get("x-quiet-drop"), int) and drop:
            text = text[:-drop]
        emitted = end + EMIT_S
        found.append((emitted, {"start": -round((emitted - start - ONSET_S) * 1e9),
                                "end": -round((EMIT_S - OFFSET_S) * 1e9), "text": text, "final": True,
                                "confidence": 0.9}))
    return found


def times(spec: JsonObject, start: float, end: float) -> list[float]:
    return [at for at, _ in _made(spec) if start <= at < end]


def frame(spec: JsonObject, s: float) -> JsonObject:
    """The event or result at ``s`` seconds (start and end relative to its t: capture.py adds t)."""
    return dict(next(f for at, f in _made(spec) if abs(at - s) < 1e-9))


def _made(spec: JsonObject) -> list[tuple[float, JsonObject]]:
    """The stream's frames, made once for each spec's content (the capture asks for them every window and frame: an
    hour's listening is 3600 windows); :func:`frame` hands out copies, so the cached ones stay as made."""
    key = orjson.dumps(spec, option=orjson.OPT_SORT_KEYS)
    made = _MADE.get(key)
    if made is None:
        if len(_MADE) >= 64:
            _MADE.clear()
        build = {EVENTS_ID: _events, STT_ID: _results, CAPTIONS_ID: _cues, LISTEN_EVENTS_ID: _listening}
        made = _MADE[key] = build[str(spec["id"])](spec)
    return made


_MADE: dict[bytes, list[tuple[float, JsonObject]]] = {}


CAPTIONS_ID = "captions_bench"
#: a cue shows from this long after its phrase starts to this long after it ends
CUE_DELAY_S, CUE_HOLD_S = 0.9, 1.2


def captions_spec() -> JsonObject:
    return {"id": CAPTIONS_ID, "type": "caption", "annotates": MIC_ID, "language": "zh-Hans-CN"}


def _cues(spec: JsonObject) -> list[tuple[float, JsonObject]]:
    """One cue a phrase, its text the phrase's. Faults: ``x-delay-s`` (each cue that much later, as long),
    ``x-off-early-s`` (each cue shown 0.2 s into its phrase and gone that long before it ends), ``x-half`` (each
    cue carrying the first half of its phrase)."""
    found: list[tuple[float, JsonObject]] = []
    delay = number_or(spec.get("x-delay-s"), 0.0)
    for start, end, phrase, _ in schedule():
        if phrase is None:
            continue
        text = _phrases()[phrase]
        if spec.get("x-half"):
            text = text[:len(text) // 2]
        shown = start + (0.2 if "x-off-early-s" in spec else CUE_DELAY_S) + delay
        gone = end - number_or(spec["x-off-early-s"], 0.0) if "x-off-early-s" in spec else end + CUE_HOLD_S + delay
        found.append((shown, {"end": round((gone - shown) * 1e9), "text": text, "source": MIC_ID}))
    return found


# The listening hour (TD-VOICE-004 R5): the same bench, the mouth playing an hour of speech without the wake word
# (the first hour of AISHELL-1's test set, in utterance order), the device left listening; the microphone recorded
# in 1 s blocks, so an hour is 3600 frames. The device marks each utterance's voice activity and wakes never;
# ``x-false-accepts`` on its voice_event stream (faults.py) makes it wake that many times, spread over the hour.
LISTEN_ID, LISTEN_EVENTS_ID = "mic_listen", "events_listen"
LISTEN_AT, LISTEN_S = 2.0, 3600.0
LISTEN_MATERIAL = "AISHELL-1 test"
UTTERANCE_EVERY_S, UTTERANCE_S = 30.0, 20.0  # the device's voice activity: a stretch of speech each 30 s


def listen_spec() -> JsonObject:
    spec = mic_spec()
    stimulus = spec["speech_stimulus"]
    assert isinstance(stimulus, dict)
    background: JsonArray = [{"material": LISTEN_MATERIAL, "t": T0 + round(LISTEN_AT * 1e9),
                              "end": T0 + round((LISTEN_AT + LISTEN_S) * 1e9)}]
    return {**spec, "id": LISTEN_ID, "rate_hz": 1,
            "speech_stimulus": {key: stimulus[key] for key in ("language", "wake_word", "level_db_spl", "instrument")}
            | {"background": background}}


def listening_specs() -> dict[str, JsonObject]:
    """The listening hour's streams by id: the microphone and the device's voice events annotating it."""
    return {LISTEN_ID: listen_spec(), LISTEN_EVENTS_ID: {"id": LISTEN_EVENTS_ID, "type": "voice_event",
                                                         "annotates": LISTEN_ID}}


def _listening(spec: JsonObject) -> list[tuple[float, JsonObject]]:
    found: list[tuple[float, JsonObject]] = []
    for k in range(int(LISTEN_S // UTTERANCE_EVERY_S)):
        at = LISTEN_AT + k * UTTERANCE_EVERY_S + 0.5
        found += [(at, {"event": "speech_start"}), (at + UTTERANCE_S, {"event": "speech_end"})]
    woken = int(number_or(spec.get("x-false-accepts"), 0))
    for k in range(woken):  # mid-utterance, spread evenly over the hour
        found.append((LISTEN_AT + (k + 0.5) * LISTEN_S / woken + 0.25, {"event": "wake_word", "keyword": WAKE_WORD}))
    return sorted(found, key=lambda item: item[0])
