"""Wake-word false accepts per hour of speech without the wake word (TD-VOICE-004 R5).

On the speech bench the artificial mouth plays, with the device listening, an hour of read speech in which the
wake word does not occur: the first hour, in utterance order, of a published corpus the catalog names for the
device's language (``MATERIALS``; AISHELL-1's test set for Chinese, LibriSpeech's test-clean for English, the
background speech of Picovoice's wake-word benchmark). The voice stream that records it declares the spans in its
``speech_stimulus``: ``background``, a list of ``{material, t, end}`` on the capture clock. Every wake_word event of
the voice_event streams annotating it (kept by recognition.keep_events) within a span is a false accept; their
count over the spans' hours is the rate judged.

A stream is measured only when the spans are the named material, last ``LISTEN_HOURS`` together and lie within
what the stream recorded (a device that stopped listening would otherwise wake falsely never); else the reason is
returned and the rule is not judged on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .jsonread import object_of
from .model import StreamStats
from .recognition import Output, capped

#: the device's language -> the speech without the wake word played to it (the corpus's test set, in its order)
MATERIALS = {"zh": "AISHELL-1 test", "en": "LibriSpeech test-clean"}
LISTEN_HOURS = 1.0  # the hours of such speech the test case plays (the catalog's own figure)
SLACK_NS = 1_000_000_000  # a voice stream's block may start up to 1 s after a span starts or end 1 s before its end


@dataclass(frozen=True)
class Listening:
    """What the device did over the hours of speech without its wake word."""

    voice: str
    material: str
    hours: float
    false_accepts: list[int]  # t of each wake_word event within the spans


def listening(stats: StreamStats) -> Listening | tuple[str, dict[str, object]] | None:
    """A stimulated voice stream's false accepts over its declared background speech; None when it declares none;
    why it is not judged, as (message key, values)."""
    stimulus = object_of(stats.spec.get("speech_stimulus"))
    spans = stimulus.get("background")
    if spans is None:
        return None
    language = stimulus.get("language")
    material = MATERIALS.get(language) if isinstance(language, str) else None
    mouth = object_of(stimulus.get("instrument"))
    if not (isinstance(mouth.get("model"), str) and isinstance(mouth.get("calibration"), str)):
        return "terminal.recognition-no-source", {}
    if material is None or not isinstance(spans, list) or not spans:
        return "terminal.listening-material", {"language": repr(language),
                                               "known": ", ".join(f"{k}: {v}" for k, v in MATERIALS.items())}
    found: list[tuple[int, int]] = []
    for each in spans:
        item = object_of(each)
        t, end = item.get("t"), item.get("end")
        if item.get("material") != material or not isinstance(t, int) or not isinstance(end, int) or end <= t:
            return "terminal.listening-material", {"language": repr(language),
                                                   "known": ", ".join(f"{k}: {v}" for k, v in MATERIALS.items())}
        found.append((t, end))
    hours = sum(end - t for t, end in found) / 3.6e12
    first, last = stats.first_t, stats.last_t
    if first is None or last is None or any(t + SLACK_NS < first or end - SLACK_NS > last for t, end in found):
        return "terminal.listening-not-recorded", {"hours": round(hours, 3)}
    if hours < LISTEN_HOURS - 1e-9:
        return "terminal.listening-short", {"hours": round(hours, 3), "needed": LISTEN_HOURS}
    if (why := capped(stats)) is not None:  # past 5.1's 「设备输出保留的条目数」
        return why
    output: Output = stats.recognition if stats.recognition is not None else Output()
    woken = [t for t, event in output.events if event == "wake_word" and any(lo <= t <= hi for lo, hi in found)]
    return Listening(stats.id, material, hours, woken)
