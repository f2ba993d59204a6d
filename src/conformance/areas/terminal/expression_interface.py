"""The expressions a recogniser names read through the runtime test interface while TD-FACE-005's reference facial
capture
makes its cued schedule (TD-FACE-007).

TD-FACE-005 holds the device's own recognitions to the subject's cue schedule. Here the recognitions judged
are what annex D's ``test.getRecognizedExpression`` answered: the laboratory's test application polls it while the
subject makes the schedule and logs each answer (an expression's name and the time it carries, an XrTime: the
runtime's clock, which the capture's clock is) as a gesture stream declaring ``read_through`` and the cued
``gesture_schedule``, annotating the device's face stream. R1 to R3 are :func:`gestures.score_gestures`'s with
TD-FACE-005's limits; :func:`order` counts the answers whose time is not after the previous answer's (R4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import interface_log

if TYPE_CHECKING:
    from conformance.area import JsonObject

    from .decoding import MarkerEvents

METHOD = "test.getRecognizedExpression"


def read_through(spec: JsonObject) -> JsonObject | None:
    """A gesture stream's declaration that it logs what test.getRecognizedExpression answered on the runtime's clock;
    None when it declares none or another."""
    return interface_log.read_through(spec, METHOD)


def order(events: MarkerEvents) -> tuple[int, list[tuple[int, int]]]:
    """(how many answers, each (t, the previous t) whose time is not after the previous answer's), in the order the
    answers were logged."""
    t = np.asarray(events.t, np.int64)
    return len(t), interface_log.out_of_order(t)
