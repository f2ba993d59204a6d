"""Recognised gestures against the schedule of gestures a test cued (TD-HAND-004).

A ``gesture`` stream declaring ``gesture_schedule`` holds, as its values, the gestures a recogniser
recognised from the hand stream it ``annotates`` (for instance the pinches XR_FB_hand_tracking_aim
reports as discrete signals). The schedule is the ground truth the test supplies: the vocabulary the
recogniser tells apart and, for each cue, the gesture the user was cued to perform, its start on the
capture clock and its duration.

Each cue inside the hand stream's recording is a trial. Its window opens at the cue's start and closes
``tolerance`` after the cue's end, or at the next cue's start when that comes first (as a BCI trial ends at
the next cue, decoding.py). The trial's recognition is the first event within its window: correct when it
names the cued gesture; wrong when it names another or there is none. An event within no window is a false
recognition; their rate is counted per minute of the hand stream's recording. Latency is the time from the
cue's start to a correct recognition. Whether the correct trials are more than guessing reaches is
decoding.chance_bound with one chance in as many classes as the vocabulary names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from conformance import Evidence, msg

from .._shared.uncertainty import u_proportion, u_rate
from .decoding import MarkerEvents, chance_bound
from .model import finding

if TYPE_CHECKING:
    from .measured import Judge
    from .model import StreamStats

NS_PER_MIN = 60e9
MAX_CUE_MS = 60_000  # the header schema's bound on a cue's duration_ms


@dataclass(frozen=True)
class Schedule:
    vocabulary: tuple[str, ...]
    starts: np.ndarray  # ns, in time order
    ends: np.ndarray  # ns: start + duration
    gestures: tuple[str, ...]
    skipped: int  # cues naming no gesture of the vocabulary, or without a usable t or duration


def declared_schedule(spec: dict[str, object]) -> Schedule | None:
    """The schedule a gesture stream declares, or None when it declares none usable (no vocabulary of at
    least two names, no list of cues; the header schema says what is wrong)."""
    declared = spec.get("gesture_schedule")
    if not isinstance(declared, dict):
        return None
    vocabulary, cues = declared.get("vocabulary"), declared.get("cues")
    if not isinstance(vocabulary, list) or not isinstance(cues, list):
        return None
    names = tuple(dict.fromkeys(v for v in vocabulary if isinstance(v, str) and v))
    if len(names) < 2:
        return None
    usable = [(c["t"], c["t"] + round(c["duration_ms"] * 1e6), c["gesture"]) for c in cues if _usable(c, names)]
    usable.sort(key=lambda cue: cue[0])
    return Schedule(names, np.array([c[0] for c in usable], np.int64), np.array([c[1] for c in usable], np.int64),
                    tuple(c[2] for c in usable), len(cues) - len(usable))


def _usable(cue: object, names: tuple[str, ...]) -> bool:
    """A cue naming a gesture of the vocabulary, with a t and a duration (at most the schema's 60 s) whose
    end fits the capture clock's int64 nanoseconds."""
    if not isinstance(cue, dict) or cue.get("gesture") not in names:
        return False
    t, duration = cue.get("t"), cue.get("duration_ms")
    return type(t) is int and isinstance(duration, int | float) and not isinstance(duration, bool) \
        and 0 < duration <= MAX_CUE_MS \
        and -(2**63) <= t < 2**63 - MAX_CUE_MS * 10**6


@dataclass
class GestureClass:
    cued: int = 0
    correct: int = 0
    missed: int = 0  # trials without an event in their window
    taken_for: Counter[str] = field(default_factory=Counter)  # what its wrong trials were recognised as
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.cued if self.cued else 0.0


@dataclass(frozen=True)
class Recognition:
    classes: dict[str, GestureClass]  # in vocabulary order
    false: int  # events within no cue's window
    minutes: float  # of the hand stream's recording
    outside: int  # cues outside the hand stream's recording: not trials

    @property
    def trials(self) -> int:
        return sum(c.cued for c in self.classes.values())

    @property
    def correct(self) -> int:
        return sum(c.correct for c in self.classes.values())

    @property
    def accuracy(self) -> float:
        return self.correct / self.trials if self.trials else 0.0

    @property
    def false_per_min(self) -> float:
        return self.false / self.minutes if self.minutes > 0 else 0.0

    @property
    def missed(self) -> int:
        return sum(c.missed for c in self.classes.values())

    def chance_bound(self) -> int:
        return chance_bound(self.trials, len(self.classes))

    def median_latency_ms(self) -> float | None:
        every = [x for c in self.classes.values() for x in c.latencies_ms]
        return float(np.median(every)) if every else None

    def summary(self) -> str:
        """Per class: correct of cued, its median latency, what its wrong trials were taken for ('-': nothing)."""
        parts = []
        for name, c in self.classes.items():
            wrong = ", ".join(f"{k} {n}" for k, n in [*c.taken_for.most_common(), ("-", c.missed)] if n)
            latency = f" {np.median(c.latencies_ms):.0f} ms" if c.latencies_ms else ""
            parts.append(f"{name} {c.correct}/{c.cued}{latency}" + (f" ({wrong})" if wrong else ""))
        return "; ".join(parts)


@dataclass(frozen=True)
class Trials:
    """The cues of a schedule within a recording, their windows, and the events in time order."""

    inside: np.ndarray  # per cue of the schedule: whether it starts within the recording (a trial)
    starts: np.ndarray  # ns, per trial
    closes: np.ndarray  # ns, per trial: its end plus the tolerance, or the next trial's start when that comes first
    cued: list[str]  # per trial, what was cued
    t: np.ndarray  # ns, the events' times in order
    values: list[str]  # the events' values in that order

    def first_events(self) -> np.ndarray:
        """Per trial, the index of the first event at or after its start (len(t): none)."""
        return np.searchsorted(self.t, self.starts, side="left")

    def answered(self, k: int, e: int) -> bool:
        """Whether event ``e``, the first at or after trial ``k``'s start, falls within its window."""
        return e < len(self.t) and self.t[e] < self.closes[k]


def trials(schedule: Schedule, events: MarkerEvents, tolerance_ns: int, recording: tuple[int, int]) -> Trials:
    """The trials of ``schedule`` within ``recording`` (first, last t of the annotated stream) and the events that
    may answer them (TD-HAND-004's scoring and TD-FACE-005's latencies read the same windows)."""
    first, last = recording
    inside = (schedule.starts >= first) & (schedule.starts <= last)
    starts, ends = schedule.starts[inside], schedule.ends[inside]
    cued = [g for g, keep in zip(schedule.gestures, inside, strict=True) if keep]
    closes = np.minimum(ends + tolerance_ns, np.append(starts[1:], np.iinfo(np.int64).max))
    t = np.asarray(events.t, np.int64)
    order = np.argsort(t, kind="stable")
    return Trials(inside, starts, closes, cued, t[order], [events.values[i] for i in order])


def score_gestures(schedule: Schedule, events: MarkerEvents, tolerance_ns: int,
                   recording: tuple[int, int]) -> Recognition:
    """The trials of ``schedule`` within ``recording`` (first, last t of the hand stream) and the events
    that answer them."""
    on = trials(schedule, events, tolerance_ns, recording)
    t, values, starts, closes = on.t, on.values, on.starts, on.closes
    classes = {name: GestureClass() for name in schedule.vocabulary}
    for k, (gesture, e) in enumerate(zip(on.cued, on.first_events(), strict=True)):
        got = classes[gesture]
        got.cued += 1
        e = int(e)
        if on.answered(k, e):
            if values[e] == gesture:
                got.correct += 1
                got.latencies_ms.append((int(t[e]) - int(starts[k])) / 1e6)
            else:
                got.taken_for[values[e]] += 1
        else:
            got.missed += 1
    window = np.searchsorted(starts, t, side="right") - 1  # the last cue starting at or before each event
    within = (window >= 0) & (t < closes[np.maximum(window, 0)]) if len(starts) else np.zeros(len(t), bool)
    first, last = recording
    return Recognition(classes, int(len(t) - within.sum()), (last - first) / NS_PER_MIN, int((~on.inside).sum()))


@dataclass(frozen=True)
class Wording:
    """The message keys a recogniser's R1 to R3 are written with: what it names differs (gestures, expressions),
    the judging does not."""

    accuracy: str  # the R1 quantity's name
    inaccurate: str  # R1's finding
    chance: str  # R2's finding
    false: str  # R3's finding


GESTURES = Wording("terminal.quantity-gesture-accuracy", "terminal.gesture-inaccurate", "terminal.gesture-chance",
                   "terminal.gesture-false")
EXPRESSIONS = Wording("terminal.quantity-expression-accuracy", "terminal.expression-inaccurate",
                      "terminal.expression-chance", "terminal.expression-false")


def judge_recognition(evidence: Evidence, judge: Judge, stats: StreamStats, result: Recognition, least: float,
                      most_false: float, wording: Wording) -> None:
    """R1 to R3 of a recogniser's names against the cued schedule, as TD-HAND-004, TD-FACE-005 (the capture's
    stream) and TD-FACE-007 (what the runtime test interface answered) judge them: at least ``least`` of the cues
    named right, more right than guessing reaches at 5 %, at most ``most_false`` recognitions a minute outside
    every window. R1 and R3 go through the decision rule with their type A uncertainty (a share of trials,
    binomial; a count of events over the recording, Poisson); R2 is itself a significance test on the count,
    judged as it stands."""
    sid = repr(stats.id)
    where = {"file": judge.file, "stream": stats.id, "line": 1, "pointer": "/gesture_schedule"}
    at = {k: v for k, v in where.items() if k != "file"}
    bound = result.chance_bound()
    if judge("R1", msg(wording.accuracy), stats.id, result.accuracy, "1", least, "min",
             u_a=u_proportion(result.correct, result.trials), where=at) == "fail":
        finding(evidence, msg(wording.inaccurate, sid=sid, correct=result.correct, trials=result.trials,
                              accuracy=100 * result.accuracy, least=100 * least, classes=result.summary()),
                **where, rule="R1", actual=round(result.accuracy, 4), expected=f">= {least:g}")
    if result.correct < bound:
        finding(evidence, msg(wording.chance, sid=sid, correct=result.correct, trials=result.trials, bound=bound,
                              classes=len(result.classes)),
                **where, rule="R2", actual=result.correct, expected=f">= {bound}")
    if judge("R3", msg("terminal.quantity-false-rate"), stats.id, result.false_per_min, "1/min", most_false, "max",
             u_a=u_rate(result.false, result.minutes), where=at) == "fail":
        finding(evidence, msg(wording.false, sid=sid, count=result.false, minutes=result.minutes,
                              rate=result.false_per_min, limit=most_false),
                **where, rule="R3", actual=round(result.false_per_min, 3), expected=f"<= {most_false:g} /min")
