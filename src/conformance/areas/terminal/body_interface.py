"""The body joints located through the runtime test interface while TD-BODY-003's reference motion capture records
the person (TD-BODY-006).

TD-BODY-004 holds each answer of annex D's ``xrLocateBodyJointsFB`` to its form; TD-BODY-003 holds the device's own
body stream to a reference motion capture. Here the answers are held to that reference: the laboratory's test
application locates the joints through the interface while the reference records, and logs each answer as a
``body`` stream declaring ``read_through`` (``method`` ``xrLocateBodyJointsFB``, ``clock`` ``XrTime``: the
runtime's clock, which the capture's clock is), one frame per answer, ``t`` the time the answer carries. The
reference stream ``annotates`` that log. R1 to R4 are :func:`body_accuracy.measure`'s, on the same clock and with
TD-BODY-003's limits; :func:`order` counts the answers whose time is not after the previous answer's (R5).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import interface_log
from .body_accuracy import BodyTrack
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

METHOD = "xrLocateBodyJointsFB"


def read_through(spec: JsonObject) -> JsonObject | None:
    """A body stream's declaration that it logs what xrLocateBodyJointsFB answered on the runtime's clock; None when
    it declares none or another."""
    return interface_log.read_through(spec, METHOD)


def order(track: BodyTrack) -> tuple[int, list[tuple[int, int]]]:
    """(how many answers, each (t, the previous t) whose time is not after the previous answer's), in the order the
    answers were logged (the ones held: body_accuracy.MAX_FRAMES at most)."""
    return interface_log.chunked_order(track.t)


def pairs(result: CaptureAnalysis) -> list[tuple[StreamStats, StreamStats | None]]:
    """Each body stream declaring a reference system, with the body stream it annotates when that one logs what the
    interface answered (None: it annotates no such log)."""
    return interface_log.reference_pairs(result, "body", METHOD)
