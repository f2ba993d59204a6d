"""A face's expression weights read through the runtime test interface while TD-FACE-004's subject makes its
cued sequence (TD-FACE-006).

TD-RUN-006 holds each answer of annex D's ``xrGetFaceExpressionWeights2FB`` to its form; TD-FACE-004 holds the
device's own face stream to a reference facial capture. Here the answers are held to that reference: the
laboratory's test application reads the weights through the interface while the subject makes the fixed
sequence, and logs each answer as a ``face`` stream declaring ``read_through`` (``method``
``xrGetFaceExpressionWeights2FB``, ``clock`` ``XrTime``: the runtime's clock, which the capture's clock is), one
frame per answer, ``t`` the time the answer carries. The reference stream ``annotates`` that log. R1 to R3 are
:func:`face_accuracy.measure`'s, on the same clock and with TD-FACE-004's limits; :func:`order` counts the answers
whose time is not after the previous answer's (R4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import interface_log
from .face_accuracy import FaceTrack
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

METHOD = "xrGetFaceExpressionWeights2FB"


def read_through(spec: JsonObject) -> JsonObject | None:
    """A face stream's declaration that it logs what xrGetFaceExpressionWeights2FB answered on the runtime's clock;
    None when it declares none or another."""
    return interface_log.read_through(spec, METHOD)


def order(track: FaceTrack) -> tuple[int, list[tuple[int, int]]]:
    """(how many answers, each (t, the previous t) whose time is not after the previous answer's), in the order the
    answers were logged (the valid ones held: face_accuracy.MAX_FRAMES at most)."""
    return interface_log.chunked_order(track.t)


def pairs(result: CaptureAnalysis) -> list[tuple[StreamStats, StreamStats | None]]:
    """Each face stream declaring a reference system, with the face stream it annotates when that one logs what the
    interface answered (None: it annotates no such log)."""
    return interface_log.reference_pairs(result, "face", METHOD)
