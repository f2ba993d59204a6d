"""A brain-computer interface's decisions against the labelled stimulus schedule a capture carries (TD-BCI-006).

A ``marker`` stream of stimuli (cues) holds, at each onset, the value of the class the user was
cued to (BIDS events.tsv trial_type). A second ``marker`` stream holds the decoder's decisions;
it declares ``decodes``, the id of the stimulus stream, and ``labels``, the decision each labelled
stimulus value calls for (stimulus values it does not name, such as a response, are not trials).

Each labelled stimulus opens a trial that lasts until the next labelled stimulus (the last: to
the end of the recording). The trial's decision is the first decision within it; the trial is
correct when that decision is the one its stimulus's label calls for, and wrong when it is
another or missing. Accuracy is correct trials over trials. Whether it is better than chance
follows from the binomial distribution of correct guesses with one chance in as many classes as
the labels name (Mueller-Putz et al. 2008): the fewest correct trials whose probability under
guessing is at most 5 %.

Marker frames are kept as (t, value) per stream, up to MAX_EVENTS; beyond that the stream is
counted, not kept, and its decoding is not judged (a marker stream of a BCI session holds
hundreds to thousands of events).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from .chunk import Chunk

if TYPE_CHECKING:
    from conformance.area import JsonObject

MAX_EVENTS = 200_000
CHANCE_ALPHA = 0.05
#: TD-BCI-006 R3: the median time from a cue to its decision, at most (the catalog's own figure, its notes)
MAX_DECISION_LATENCY_S = 2.0


@dataclass
class MarkerEvents:
    """A marker stream's events in the order read: capture times (ns) and values."""

    t: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    overflow: int = 0  # events beyond MAX_EVENTS, counted only


def collect_markers(chunk: Chunk) -> None:
    stats = chunk.stats
    events: MarkerEvents = stats.markers if stats.markers is not None else MarkerEvents()
    stats.markers = events
    room = max(MAX_EVENTS - len(events.t), 0)
    kept = min(room, len(chunk.frames))
    events.t.extend(int(t) for t in chunk.t[:kept])
    events.values.extend(map(attrgetter("value"), chunk.frames[:kept]))
    events.overflow += len(chunk.frames) - kept


def decoder_of(spec: JsonObject) -> tuple[str, dict[str, str]] | None:
    """(the stimulus stream's id, stimulus value -> the decision it calls for) of a decision
    stream, or None when it declares none usable (the header schema says what is wrong)."""
    decodes, labels = spec.get("decodes"), spec.get("labels")
    if not isinstance(decodes, str) or not isinstance(labels, dict) or len(set(labels.values())) < 2:
        return None
    texts = {k: v for k, v in labels.items() if isinstance(v, str)}
    return (decodes, texts) if len(texts) == len(labels) else None


@dataclass(frozen=True)
class Decoding:
    trials: int
    correct: int
    missed: int  # trials without a decision
    classes: int
    latencies_ms: np.ndarray  # of the trials' first decisions

    @property
    def accuracy(self) -> float:
        return self.correct / self.trials if self.trials else 0.0

    def median_latency_ms(self) -> float | None:
        return float(np.median(self.latencies_ms)) if len(self.latencies_ms) else None


def score(stimuli: MarkerEvents, decisions: MarkerEvents, labels: dict[str, str]) -> Decoding:
    """The trials of ``stimuli`` (those ``labels`` names) and the decisions that answer them."""
    cue_t = np.array([t for t, v in zip(stimuli.t, stimuli.values, strict=True) if v in labels], np.int64)
    cue_label = [labels[v] for v in stimuli.values if v in labels]
    order = np.argsort(cue_t, kind="stable")
    cue_t, cue_label = cue_t[order], [cue_label[i] for i in order]
    decision_t = np.asarray(decisions.t, np.int64)
    by_time = np.argsort(decision_t, kind="stable")
    decision_t = decision_t[by_time]
    decision_value = [decisions.values[i] for i in by_time]
    first = np.searchsorted(decision_t, cue_t, side="left")  # the first decision at or after each onset
    ends = np.append(cue_t[1:], np.iinfo(np.int64).max)
    answered = (first < len(decision_t)) & (decision_t[np.minimum(first, len(decision_t) - 1)] < ends) \
        if len(decision_t) else np.zeros(len(cue_t), bool)
    correct = sum(1 for k in np.flatnonzero(answered) if decision_value[first[k]] == cue_label[k])
    latencies = (decision_t[first[answered]] - cue_t[answered]) / 1e6 if len(decision_t) else np.empty(0)
    return Decoding(len(cue_t), correct, int(len(cue_t) - answered.sum()), len(set(labels.values())), latencies)


def chance_bound(trials: int, classes: int, alpha: float = CHANCE_ALPHA) -> int:
    """The fewest correct trials out of ``trials`` that guessing among ``classes`` reaches with a
    probability of at most ``alpha`` (the upper tail of Binomial(trials, 1 / classes))."""
    p = 1.0 / classes
    log_p, log_q = math.log(p), math.log1p(-p)
    log_pmf = [math.lgamma(trials + 1) - math.lgamma(k + 1) - math.lgamma(trials - k + 1) + k * log_p
               + (trials - k) * log_q for k in range(trials + 1)]
    tail = 0.0
    for k in range(trials, -1, -1):  # add from the top until the tail passes alpha
        tail += math.exp(log_pmf[k])
        if tail > alpha:
            return k + 1
    return 0
