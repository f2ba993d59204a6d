"""Speech recognition measured against the reference corpus the test plays (TD-VOICE-004).

The test plays the phrases of the catalog's corpus (``voice_corpus.yaml``) through a calibrated artificial
mouth at the device, in quiet and in background noise, and the device's wake word before them. The voice
stream that records it declares what was played in ``speech_stimulus``: the ``corpus`` id, the ``language``
(its ``unit``: characters for Chinese, words for English), the ``wake_word``, the ``instrument`` (the artificial
mouth: ``model`` and ``calibration``), the levels and the noise, and the ``presentations``:
each ``t`` and ``end`` on the capture clock, a ``phrase`` id (or ``wake``: true) and a ``condition``
(``quiet`` or ``noise``). The device's own output is what its transcript and voice_event streams
annotating that voice stream hold: its final results, its wake_word and speech_start/speech_end events.

The reader keeps them (:func:`keep_transcripts`, :func:`keep_events`, at most ``MAX_KEPT`` each); after
the capture is read, :func:`measure` scores them:

- each final result goes to the phrase presentation its span overlaps most (counted from ``t`` to ``end``
  plus ``RESPONSE_S``); a presentation's hypothesis is its results' texts in order of their start;
- per condition, the error rate over the condition's presentations as NIST's sclite scores a corpus:
  (substitutions + deletions + insertions) / reference units after a minimum-edit-distance alignment
  (Levenshtein), of characters (Chinese, punctuation and spaces removed) or of words (English, lower-cased,
  punctuation removed), computed by jiwer;
- each wake presentation is detected by a wake_word event from its ``t`` to ``RESPONSE_S`` after its end;
  a wake_word event in no such window is a false accept (counted and reported);
- each phrase presentation's voice activity: the first speech_start from ``EARLY_S`` before it to its end,
  and the first speech_end after that start: their errors against the presentation's ``t`` and ``end``.
  ``EARLY_S`` is R4's early side, stated in the rule (from 0.25 s before the onset to max_vad_onset_ms after it):
  a phrase whose only start is earlier has none, and fails R4 (the seventy-second reading's c1).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import yaml

from .captions import check_caption_frames, check_voice_events_and_speech
from .chunk import Chunk
from .jsonread import object_of
from .model import CaptureAnalysis, StreamStats
from .voice import check_transcript_frames

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: the final results, the events and the cues kept of each stimulated voice stream: 5.1's reading bound
#: 「设备输出保留的条目数」, past which the stream is not judged (sixty-ninth reading, read69d doubtful 1; before, what
#: lay past it was counted and the stream judged on what was kept)
MAX_KEPT = 100_000
CAPPED = "terminal.recognition-capped"
RESPONSE_S = 1.0  # a result or a wake_word event may come this long after the speech ends
EARLY_S = 0.25  # R4's early side: a speech_start this long before a presentation still marks it (clock, breath)
CONDITIONS = ("quiet", "noise")
#: the least wake-word plays step 2 of TD-VOICE-004 states; fewer leave R3 (a 5 % share) unjudged
MIN_WAKE_PLAYS = 4
#: a presentation's start (ns) and how late a voice activity event came after it (ms; None: none came)
Timing = tuple[int, float | None]


class CorpusLanguage(TypedDict):
    """One language of the corpus: how its error rate counts (``word``, ``character``) and its phrases by id."""

    unit: str
    phrases: dict[str, str]


class Corpus(TypedDict):
    id: str
    languages: dict[str, CorpusLanguage]


@functools.cache
def corpus() -> Corpus:
    """The catalog's reference corpus (voice_corpus.yaml, the catalog's own file, of this shape)."""
    loaded: Corpus = yaml.safe_load((Path(__file__).parent / "voice_corpus.yaml").read_text("utf-8"))
    return loaded


@dataclass
class Output:
    """What a device produced about a stimulated voice stream: final results and events, kept in order read."""

    results: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, text
    cues: list[tuple[int, int, str]] = field(default_factory=list)  # caption cues: t, end, text (TD-CAPT-004)
    events: list[tuple[int, str]] = field(default_factory=list)  # t, event
    dropped: int = 0


def _stimulated(chunk: Chunk) -> StreamStats | None:
    target = chunk.analysis.annotated(chunk.stats)
    return target if target is not None and isinstance(target.spec.get("speech_stimulus"), dict) else None


def _output(target: StreamStats) -> Output:
    if target.recognition is None:
        target.recognition = Output()
    kept: Output = target.recognition
    return kept


def keep_transcripts(chunk: Chunk) -> None:
    """TD-VOICE-003's checks, then the final results about a stimulated voice stream kept for TD-VOICE-004."""
    check_transcript_frames(chunk)
    target = _stimulated(chunk)
    if target is None:
        return
    kept = _output(target)
    for frame in chunk.frames:
        if frame.final and isinstance(frame.text, str):
            if len(kept.results) >= MAX_KEPT:
                kept.dropped += 1
                continue
            kept.results.append((int(frame.start), int(frame.end), frame.text))


_EVENT = attrgetter("event")


def keep_events(chunk: Chunk) -> None:
    """TD-VOICE-002's checks and TD-CAPT-002's speech segments, then the events about a stimulated voice
    stream kept for TD-VOICE-004."""
    check_voice_events_and_speech(chunk)
    target = _stimulated(chunk)
    if target is None:
        return
    kept = _output(target)
    for t, event in zip(chunk.t.tolist(), map(_EVENT, chunk.frames), strict=True):
        if len(kept.events) >= MAX_KEPT:
            kept.dropped += 1
            continue
        kept.events.append((int(t), str(event)))


def keep_cues(chunk: Chunk) -> None:
    """TD-CAPT-001's checks and TD-CAPT-002's cues, then the cues captioning a stimulated voice stream kept for
    TD-CAPT-004."""
    check_caption_frames(chunk)
    target = _stimulated(chunk)
    if target is None:
        return
    kept = _output(target)
    for t, frame in zip(chunk.t.tolist(), chunk.frames, strict=True):
        if len(kept.cues) >= MAX_KEPT:
            kept.dropped += 1
            continue
        kept.cues.append((int(t), int(frame.end), str(frame.text)))


def normalised(text: str, unit: str) -> str:
    """Characters: punctuation, symbols and spaces removed; words: lower-cased, punctuation removed, single
    spaces (sclite scores words split on white space; Chinese is scored by character)."""
    kept = "".join(" " if unicodedata.category(c)[0] in "PSZ" else c for c in unicodedata.normalize("NFKC", text))
    return "".join(kept.split()) if unit == "character" else " ".join(kept.lower().split())


@dataclass
class Presentation:
    t: int
    end: int
    condition: str
    phrase: str | None  # None: the wake word
    hypothesis: list[tuple[int, str]] = field(default_factory=list)  # (start, text) of its results


@dataclass
class Scored:
    """One condition's corpus score."""

    condition: str
    rate: float
    units: int  # reference units (characters or words)
    substitutions: int
    deletions: int
    insertions: int
    worst: tuple[str, str, str] | None = None  # (phrase id, reference, hypothesis) with the most errors


@dataclass
class Recognition:
    """What TD-VOICE-004 measured of one stimulated voice stream."""

    voice: str
    unit: str
    scores: list[Scored]
    wakes: int
    missed_wakes: list[int]  # t of each wake presentation not detected
    false_accepts: int
    span_s: float
    onsets_ms: list[tuple[int, float | None]]  # (t, speech_start - t); None: no speech_start
    offsets_ms: list[tuple[int, float | None]]  # (t, speech_end - end); None: no speech_end
    dropped: int


def presentations_of(stimulus: JsonObject, phrases: dict[str, str]) -> list[Presentation] | str:
    listed = stimulus.get("presentations")
    if not isinstance(listed, list) or not listed:
        return "no presentations"
    found = []
    for each in listed:
        item = object_of(each)
        t, end = item.get("t"), item.get("end")
        if not isinstance(t, int) or not isinstance(end, int) or end <= t:
            return "a presentation without t before end"
        phrase = None if item.get("wake") is True else item.get("phrase")
        if phrase is not None and (not isinstance(phrase, str) or phrase not in phrases):
            return f"a phrase {phrase!r} not in the corpus"
        condition = item.get("condition")
        if not isinstance(condition, str) or condition not in CONDITIONS:
            return f"a condition {condition!r} (quiet or noise)"
        found.append(Presentation(t, end, condition, phrase))
    return sorted(found, key=attrgetter("t"))


@dataclass
class Stimulus:
    """What the test played to a voice stream, checked against the corpus."""

    unit: str
    phrases: dict[str, str]
    presentations: list[Presentation]


def capped(stats: StreamStats) -> tuple[str, dict[str, object]] | None:
    """Why a stimulated voice stream is not judged when the device's output about it went past ``MAX_KEPT``
    (as (message key, values)); None when nothing was dropped."""
    output = stats.recognition
    if output is None or not output.dropped:
        return None
    return CAPPED, {"kept": MAX_KEPT, "dropped": output.dropped}


def stimulus_of(stats: StreamStats) -> Stimulus | tuple[str, dict[str, object]]:
    """A voice stream's declared stimulus, when it is the corpus played whole by a declared mouth; else why
    not, as (message key, values)."""
    stimulus = object_of(stats.spec.get("speech_stimulus"))
    reference = corpus()
    if stimulus.get("corpus") != reference["id"]:
        return "terminal.recognition-corpus", {"corpus": repr(stimulus.get("corpus")), "known": reference["id"]}
    named = stimulus.get("language")
    language = reference["languages"].get(named) if isinstance(named, str) else None
    if language is None:
        return "terminal.recognition-language", {"language": repr(stimulus.get("language")),
                                                 "known": ", ".join(reference["languages"])}
    mouth = stimulus.get("instrument")
    if not (isinstance(mouth, dict) and isinstance(mouth.get("model"), str)
            and isinstance(mouth.get("calibration"), str)):
        return "terminal.recognition-no-source", {}
    phrases = language["phrases"]
    presentations = presentations_of(stimulus, phrases)
    if isinstance(presentations, str):
        return "terminal.recognition-schedule", {"problem": presentations}
    for condition in CONDITIONS:
        played = {p.phrase for p in presentations if p.condition == condition and p.phrase}
        if played != set(phrases):
            return "terminal.recognition-incomplete", {"condition": condition, "played": len(played),
                                                      "phrases": len(phrases)}
    return Stimulus(language["unit"], phrases, presentations)


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Recognition | tuple[str, dict[str, object]]:
    """One stimulated voice stream's recognition, wake words and voice activity; or why it is not judged."""
    if (why := capped(stats)) is not None:
        return why
    stimulus = stimulus_of(stats)
    if not isinstance(stimulus, Stimulus):
        return stimulus
    phrases, presentations = stimulus.phrases, stimulus.presentations
    output: Output = stats.recognition if stats.recognition is not None else Output()
    spoken = [p for p in presentations if p.phrase is not None]
    for start, end, text in output.results:
        best, overlap = None, 0
        for p in spoken:
            shared = min(end, p.end + int(RESPONSE_S * 1e9)) - max(start, p.t)
            if shared > overlap:
                best, overlap = p, shared
        if best is not None:
            best.hypothesis.append((start, text))
    unit = stimulus.unit
    scores = [_score(condition, [p for p in spoken if p.condition == condition], phrases, unit)
              for condition in CONDITIONS]
    wakes = [p for p in presentations if p.phrase is None]
    accepted = [t for t, event in output.events if event == "wake_word"]
    windows = [(p.t, p.end + int(RESPONSE_S * 1e9)) for p in wakes]
    missed = [p.t for p, (lo, hi) in zip(wakes, windows, strict=True) if not any(lo <= t <= hi for t in accepted)]
    false = sum(not any(lo <= t <= hi for lo, hi in windows) for t in accepted)
    onsets, offsets = _activity(spoken, output.events)
    first, last = stats.first_t or 0, stats.last_t or 0
    return Recognition(stats.id, unit, scores, len(wakes), missed, false, (last - first) / 1e9, onsets, offsets,
                       output.dropped)


def _score(condition: str, spoken: list[Presentation], phrases: dict[str, str], unit: str) -> Scored:
    references = [normalised(phrases[p.phrase], unit) for p in spoken]  # type: ignore[index]
    hypotheses = [normalised(" ".join(text for _, text in sorted(p.hypothesis)), unit) for p in spoken]
    import jiwer  # some 45 ms of CPU to import (rapidfuzz): only a recognition or caption check needs it

    scored = (jiwer.process_characters if unit == "character" else jiwer.process_words)(references, hypotheses)
    units = scored.hits + scored.substitutions + scored.deletions
    rate = (scored.substitutions + scored.deletions + scored.insertions) / units
    errors = [(jiwer.cer if unit == "character" else jiwer.wer)(r, h) if h else 1.0
              for r, h in zip(references, hypotheses, strict=True)]
    k = max(range(len(errors)), key=errors.__getitem__)
    worst = (spoken[k].phrase or "", references[k], hypotheses[k]) if errors[k] > 0 else None
    return Scored(condition, rate, units, scored.substitutions, scored.deletions, scored.insertions, worst)


def _activity(spoken: list[Presentation], events: list[tuple[int, str]]) -> tuple[list[Timing], list[Timing]]:
    starts = sorted(t for t, e in events if e == "speech_start")
    ends = sorted(t for t, e in events if e == "speech_end")
    onsets: list[Timing] = []
    offsets: list[Timing] = []
    for p in spoken:
        start = next((t for t in starts if p.t - EARLY_S * 1e9 <= t <= p.end), None)
        onsets.append((p.t, None if start is None else (start - p.t) / 1e6))
        end = next((t for t in ends if start is not None and t > start), None)
        offsets.append((p.t, None if end is None else (end - p.end) / 1e6))
    return onsets, offsets
