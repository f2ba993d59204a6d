"""Who performed the cued gestures (TD-HAND-004): the subjects the test case fixes, not the product.

A recogniser's accuracy holds for the hands it was tried on: two laboratories that each chose their own
users could judge one recogniser differently. The test case therefore states who performs the schedule
(this catalog's own rule, in TD-HAND-004's notes): at least :data:`MIN_SUBJECTS` subjects, of both sexes,
whose hand lengths (ISO 7250-1's hand length, measured by the laboratory) lie, among adults of their sex in
GB/T 10000-2023, in each of the :data:`BANDS` of percentiles; each subject performs, with the left hand and
with the right, at least :data:`MIN_TRIALS_PER_HAND` trials that cue every gesture of the vocabulary.

The capture says who did what: the gesture stream's ``gesture_schedule`` declares its ``subjects`` (a
pseudonymous id, sex, hand length and its percentile) and each cue names its ``subject``; the hand is the
one the annotated hand stream tracks (its OpenXR path, ``/user/hand/left`` or ``/user/hand/right``).
:class:`Coverage` gathers the trials of every judged gesture stream of a run; :func:`check` makes the
requirement inconclusive, naming each gap, when they do not cover the stated subjects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from conformance import Inconclusive, Message, msg

from .jsonread import list_of

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import JsonObject

MIN_SUBJECTS = 4
SEXES = ("female", "male")
#: (lowest, highest) percentile of hand length within the subject's sex; at least one subject in each
BANDS = ((0.0, 10.0), (40.0, 60.0), (90.0, 100.0))
MIN_TRIALS_PER_HAND = 5
HANDS = {"/user/hand/left": "left", "/user/hand/right": "right"}
#: gaps named in the evidence; the rest counted
SHOWN = 10


@dataclass
class Coverage:
    """The trials of the judged gesture streams: by subject, hand and gesture."""

    subjects: dict[str, JsonObject] = field(default_factory=dict)  # id -> its first declaration
    vocabulary: dict[str, None] = field(default_factory=dict)  # every vocabulary's gestures, in order
    trials: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (subject, hand, gesture)
    unnamed: int = 0  # trials naming no declared subject
    unhanded: list[str] = field(default_factory=list)  # hand streams tracking neither hand (their IDs)

    def add(self, gesture_spec: JsonObject, hand_spec: JsonObject, recording: tuple[int, int]) -> None:
        """The cues of ``gesture_spec``'s schedule that start within ``recording`` (first, last t of the hand
        stream ``hand_spec`` declares): the trials, as TD-HAND-004 scores them."""
        schedule = gesture_spec.get("gesture_schedule")
        if not isinstance(schedule, dict):
            return
        names = [v for v in list_of(schedule.get("vocabulary")) if isinstance(v, str)]
        self.vocabulary.update(dict.fromkeys(names))
        for subject in list_of(schedule.get("subjects")):
            if isinstance(subject, dict) and isinstance(named := subject.get("id"), str):
                self.subjects.setdefault(named, subject)
        hand = HANDS.get(str(hand_spec.get("path")))
        first, last = recording
        cues = [(gesture, c.get("subject")) for c in list_of(schedule.get("cues")) if isinstance(c, dict)
                and isinstance(gesture := c.get("gesture"), str) and gesture in names
                and type(t := c.get("t")) is int and first <= t <= last]
        if hand is None:
            if cues:
                self.unhanded.append(repr(hand_spec.get("id")))
            return
        for gesture, subject in cues:
            if isinstance(subject, str) and subject in self.subjects:
                self.trials[subject, hand, gesture] += 1
            else:
                self.unnamed += 1

    def gaps(self) -> list[Message]:
        """What the trials lack of the subjects the test case states (empty: they cover them)."""
        gaps: list[Message] = []
        if self.unnamed:
            gaps.append(msg("terminal.subjects-unnamed", count=self.unnamed))
        gaps += [msg("terminal.subjects-unhanded", sid=sid) for sid in self.unhanded]
        performed = {subject for subject, _, _ in self.trials}
        if len(performed) < MIN_SUBJECTS:
            gaps.append(msg("terminal.subjects-few", count=len(performed), least=MIN_SUBJECTS))
        declared = [self.subjects[s] for s in sorted(performed)]
        for sex in SEXES:
            if not any(d.get("sex") == sex for d in declared):
                gaps.append(msg("terminal.subjects-sex", sex=sex))
        for low, high in BANDS:
            if not any(_within(d.get("hand_length_percentile"), low, high) for d in declared):
                gaps.append(msg("terminal.subjects-band", low=f"{low:g}", high=f"{high:g}"))
        for subject in sorted(self.subjects):
            for hand in ("left", "right"):
                done = {g: self.trials[subject, hand, g] for g in self.vocabulary}
                count, left_out = sum(done.values()), [g for g, n in done.items() if not n]
                if count < MIN_TRIALS_PER_HAND or left_out:
                    gaps.append(msg("terminal.subjects-hand", subject=subject, hand=hand, count=count,
                                    least=MIN_TRIALS_PER_HAND, gestures=", ".join(left_out) or "-"))
        return gaps


def _within(value: object, low: float, high: float) -> bool:
    return type(value) in (int, float) and low <= float(value) <= high  # type: ignore[arg-type]


def check(coverage: Coverage, evidence: Evidence) -> None:
    """After the streams were judged: note each gap (the first :data:`SHOWN`) and, unless a finding
    already decides the verdict, make it inconclusive naming the first, as a recognition judged on
    other users than the stated ones is no pass."""
    gaps = coverage.gaps()
    if not gaps:
        evidence.note(msg("terminal.subjects-covered", count=len({s for s, _, _ in coverage.trials}),
                          trials=sum(coverage.trials.values())))
        return
    for gap in gaps[:SHOWN]:
        evidence.note(gap)
    if not evidence.findings_count:
        raise Inconclusive(msg("terminal.subjects-missing", count=len(gaps), first=gaps[0]))
