"""An EEG or EMG amplifier read through the runtime test interface while TD-BCI-007's calibrated generator injects
its sines (TD-BCI-008).

TD-BCI-007 holds the amplifier's own record to the generator; here what annex D's ``test.readBiosignal`` answers is
held to it. The laboratory's test application reads the amplifier through the interface while the generator plays
and logs each answered sample as an ``eeg`` (or ``emg``) stream declaring ``read_through`` (``method``
``test.readBiosignal``, ``clock`` ``XrTime``: the runtime's clock, which the capture's clock is), ``t`` the XrTime
the answer gives the sample and ``values`` its one value per channel. The stream declares the generator's segment as
TD-BCI-007's does, so :func:`calibration.measure` measures the answered sines (R1 the amplitude, R2 the frequency);
:func:`answers` counts the answered samples, in the order logged, whose time is not after the previous one's (R3),
and the share of the samples the declared rate puts in each of the generator's spans that were answered with a
value for every channel (R4: an answer leaving a channel out is not read)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import interface_log
from .calibration import CalibrationState

if TYPE_CHECKING:
    from conformance.area import JsonObject

    from .model import StreamStats

METHOD = "test.readBiosignal"
#: R4: the least share of a span's samples (its duration times the declared rate) answered with every channel (the
#: catalog's own: one sample in a hundred lost or incomplete)
MIN_ANSWERED = 0.99


@dataclass
class Answers:
    """What the interface answered inside the generator's spans."""

    reads: int
    stale: list[tuple[int, int]]  # (t, t of the previous answer) of each answer not after the previous one
    answered: float  # the smallest share of a span's samples answered with every channel
    span_t: int  # where that span starts


def read_through(spec: JsonObject) -> JsonObject | None:
    """A biosignal stream's declaration that it logs what test.readBiosignal answered on the runtime's clock; None
    when it declares none or another."""
    return interface_log.read_through(spec, METHOD)


def answers(stats: StreamStats) -> Answers | None:
    """The answers kept in the generator's spans (None: the stream keeps none, or declares no rate)."""
    state = stats.calibration
    rate = stats.rate_hz
    if not isinstance(state, CalibrationState) or not rate:
        return None
    spans = sorted(state.samples.items(), key=lambda item: item[0].start_ns)
    stale: list[tuple[int, int]] = []
    reads, worst, worst_t = 0, 1.0, spans[0][0].start_ns if spans else 0
    for span, kept in spans:
        t = np.concatenate(kept.t) if kept.t else np.empty(0, dtype=np.int64)
        behind = np.flatnonzero(np.diff(t) <= 0) + 1
        stale.extend((int(t[i]), int(t[i - 1])) for i in behind)
        reads += len(t)
        share = min(len(t) / (span.seconds * rate), 1.0)
        if share < worst:
            worst, worst_t = share, span.start_ns
    return Answers(reads, stale, worst, worst_t)
