"""The gaze read through the runtime test interface while TD-GAZE-003's artificial eye steps (TD-GAZE-006).

TD-RUN-002/005 hold what annex D's ``xrLocateSpace`` answers of the eye-gaze space to its form; TD-GAZE-003 holds
the tracker's own record to the stage. Here the answers are held to the stage: the laboratory's test application
locates the eye-gaze space while the stage steps the artificial eye, and logs each answer as an ``eye_gaze`` stream that
declares ``read_through`` (``method`` ``xrLocateSpace``, ``clock`` ``XrTime``: the runtime's clock, which the
capture's clock is) beside the ``reference_eye`` steps (the stage's encoder, on the same clock). R1 and R3 read the
samples :mod:`.gaze_steps` holds (valid and tracked, in the order logged). For each step:

- settled: from ``SETTLE_MS`` after the step to the next step, the mean angle between the answered direction and
  the eye's (R1, against TD-GAZE-002's max_gaze_accuracy_deg);
- in transition: from the step to ``SETTLE_MS`` after it, each valid answer further than ``TRANSITION_DEG`` from
  both the direction before and the direction after (R3): a direction the eye never looked along.

:func:`order` counts the answers whose time is not after the previous answer's (R2), over every answer logged,
whatever its flags: a time going back is wrong whether or not the answer's pose is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from conformance import Message, msg

from .._shared.uncertainty import u_mean
from . import interface_log
from .gaze import angles_deg
from .gaze_steps import StepTrack
from .model import StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

METHOD = "xrLocateSpace"
#: the catalog's own: a step's transition lasts this long after the stage completes it (over three times the mean
#: latency TD-GAZE-003 allows, max_gaze_latency_ms 30, so that a step slower than that mean still settles within it),
#: and only the answers after it are held as settled
SETTLE_MS = 100
#: R3: the catalog's own: an answer in a transition further than this from both ends (TD-GAZE-002's 1.0 degrees)
TRANSITION_DEG = 1.0
MIN_SETTLED = 10  # a step with fewer settled answers is not judged (TD-GAZE-002's MIN_VALID_SAMPLES)


@dataclass(frozen=True)
class Settled:
    """One step held once settled: its index, its time (ns), the mean angle to the eye (degrees) and its type A
    standard uncertainty, the answers counted."""

    index: int
    t: int
    error_deg: float
    error_u: float
    answers: int


@dataclass(frozen=True)
class Astray:
    """An answer in a step's transition further than TRANSITION_DEG from both ends."""

    index: int
    t: int
    before_deg: float
    after_deg: float


@dataclass(frozen=True)
class Reads:
    settled: list[Settled]
    stale: list[tuple[int, int]]  # (t, t of the previous answer) of each answer not after the previous one
    astray: list[Astray]
    answers: int  # every answer logged, valid or not


def read_through(spec: JsonObject) -> JsonObject | None:
    """The stream's declaration that it logs what xrLocateSpace answered on the runtime's clock; None when it
    declares none or another."""
    return interface_log.read_through(spec, METHOD)


def order(t: np.ndarray) -> list[tuple[int, int]]:
    """Each (t, the previous t) whose time is not after the previous answer's, in the order logged."""
    return interface_log.out_of_order(t)


def measure(stats: StreamStats) -> Reads | Message | None:
    """A read-through gaze stream's answers held to its reference eye's steps; None when the stream declares no
    read-through log of xrLocateSpace or no reference eye; why it cannot be judged (its samples or answers past the
    reading bound) as a message."""
    track: StepTrack | None = stats.gaze_steps
    if track is None or read_through(stats.spec) is None:
        return None
    capped = track.capped()  # past 5.1's 「试验台记录保留的样本数」 the stream is not judged (sixty-ninth reading, c3)
    if capped is not None:
        return msg("terminal.gaze-samples-capped", sid=repr(stats.id), kept=capped[0], dropped=capped[1])
    t, d, _ = track.columns()
    steps, settled, astray = track.steps, [], []
    for k, step in enumerate(steps):
        until = steps[k + 1].t if k + 1 < len(steps) else (t[-1] + 1 if len(t) else step.t)
        calm = (t >= step.t + SETTLE_MS * 1e6) & (t < until)
        if calm.sum() >= MIN_SETTLED:
            errors = angles_deg(d[calm], np.broadcast_to(step.direction, (int(calm.sum()), 3)))
            settled.append(Settled(step.index, step.t, float(errors.mean()), u_mean(errors), int(calm.sum())))
        if k == 0:
            continue
        moving = np.flatnonzero((t >= step.t) & (t < min(step.t + SETTLE_MS * 1e6, until)))
        ends = [angles_deg(d[moving], np.broadcast_to(e.direction, (len(moving), 3))) for e in (steps[k - 1], step)]
        for i in np.flatnonzero(np.minimum(*ends) > TRANSITION_DEG):
            astray.append(Astray(step.index, int(t[moving[i]]), float(ends[0][i]), float(ends[1][i])))
    logged = track.answer_times()
    return Reads(settled, order(logged), astray, len(logged))
