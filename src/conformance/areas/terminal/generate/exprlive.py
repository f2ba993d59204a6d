"""TD-FACE-007 (issue 75, h75-exprIf): TD-FACE-005's recogniser read through the runtime test interface.

While the subject of the reference facial capture (:mod:`.exprref`) makes the cued schedule, the laboratory's test
application polls annex D's
``test.getRecognizedExpression`` and logs each answer (an expression recognised since the previous call: its name and
the time it carries, an XrTime, the capture's clock) as a gesture stream declaring ``read_through`` and the cued
``gesture_schedule``, annotating the device's face stream. :mod:`.rigs` takes these tables into :mod:`.device`'s."""

from __future__ import annotations

from .exprref import READ_ID, REFERENCE_ID, TRACKED_ID, events_spec
from .faceref import SET
from .faultkit import Spec

DEVICE = "expression_interface_bench"


def read_spec() -> Spec:
    return {**events_spec(), "id": READ_ID,
            "read_through": {"method": "test.getRecognizedExpression", "binding": "GET /xr/runtime",
                             "clock": "XrTime",
                             "reader": "the laboratory's test application, polling every 50 ms and logging each "
                                       "answer as it receives it"}}


STREAMS: dict[str, Spec] = {READ_ID: read_spec()}
DEVICES = {DEVICE: [TRACKED_ID, REFERENCE_ID, READ_ID]}
CLASSES = {DEVICE: "face_tracker"}
FACE_SETS = {DEVICE: SET}
