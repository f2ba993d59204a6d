"""Captions measured against the speech they caption, on the speech bench (TD-CAPT-004).

The test plays the catalog's corpus to the device (``recognition``: the voice stream's ``speech_stimulus``);
a caption stream annotating that voice stream holds the cues the device showed. Each cue goes to a phrase
that had begun when the cue appeared and had not ended more than ``MAX_WAIT_S`` before (a cue later than that
captions nothing the user can still connect to the speech); of those, the one whose text it carries most of
(the corpus's phrases differ, so a late cue is not taken for the next phrase's; on a tie, the earlier phrase).
Then, per phrase:

- the onset latency: the first such cue's ``t`` less the phrase's onset (none: the phrase is uncaptioned);
- the offset latency: the last such cue's ``end`` less the phrase's end (negative: the caption was gone
  before the speech ended);
- the completeness: the share of the phrase's reference units (characters or words, normalised as
  recognition scores them) that the minimum-edit-distance alignment of its cues' texts matches (hits over
  reference units).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import StreamStats
from .recognition import Output, Stimulus, capped, normalised, stimulus_of

MAX_WAIT_S = 5.0


@dataclass
class Captioned:
    """One phrase presentation and what its captions showed."""

    t: int
    phrase: str
    onset_ms: float | None  # None: no cue
    offset_ms: float | None
    completeness: float
    shown: str


@dataclass
class CaptionTiming:
    voice: str
    unit: str
    phrases: list[Captioned]


def measure(stats: StreamStats, captioned: bool = False) -> CaptionTiming | tuple[str, dict[str, object]]:
    """A stimulated voice stream's captions against its phrases; or why they are not judged. ``captioned``: a
    caption stream annotates it, so no cue at all is a device that showed none (each phrase uncaptioned, R1), not a
    record missing."""
    if (why := capped(stats)) is not None:  # past 5.1's 「设备输出保留的条目数」
        return why
    stimulus = stimulus_of(stats)
    if not isinstance(stimulus, Stimulus):
        return stimulus
    output: Output = stats.recognition if stats.recognition is not None else Output()
    if not output.cues and not captioned:
        return "terminal.caption-timing-no-cues", {}
    spoken = [p for p in stimulus.presentations if p.phrase is not None]
    import jiwer  # some 45 ms of CPU to import (rapidfuzz): only a recognition or caption check needs it

    process = jiwer.process_characters if stimulus.unit == "character" else jiwer.process_words
    references = [normalised(stimulus.phrases[p.phrase], stimulus.unit) for p in spoken]  # type: ignore[index]
    assigned: dict[int, list[tuple[int, int, str]]] = {}
    for cue in output.cues:
        text = normalised(cue[2], stimulus.unit)
        candidates = [k for k, p in enumerate(spoken) if p.t <= cue[0] <= p.end + MAX_WAIT_S * 1e9]
        if candidates:
            best = max(candidates, key=lambda k: (process(references[k], text).hits if text else 0, -k))
            assigned.setdefault(best, []).append(cue)
    found = []
    for k, p in enumerate(spoken):
        assert p.phrase is not None
        cues = sorted(assigned.get(k, []))
        shown = normalised(" ".join(text for *_, text in cues), stimulus.unit)
        if not cues:
            found.append(Captioned(p.t, p.phrase, None, None, 0.0, ""))
            continue
        scored = process(references[k], shown) if shown else None
        if scored is None:
            found.append(Captioned(p.t, p.phrase, (cues[0][0] - p.t) / 1e6, (max(c[1] for c in cues) - p.end) / 1e6,
                                   0.0, ""))
            continue
        units = scored.hits + scored.substitutions + scored.deletions
        found.append(Captioned(p.t, p.phrase, (cues[0][0] - p.t) / 1e6, (max(c[1] for c in cues) - p.end) / 1e6,
                               scored.hits / units, shown))
    return CaptionTiming(stats.id, stimulus.unit, found)
