"""TD-FACE-006 (issue 75, h75-faceLive): TD-FACE-004's reference facial capture read through the runtime test interface.

While the subject of the reference facial capture (:mod:`.faceref`) makes the cued sequence, the laboratory's test
application calls annex
D's ``xrGetFaceExpressionWeights2FB`` and logs each answer as it receives it in a face stream declaring
``read_through`` (``clock`` ``XrTime``: the runtime's clock, the capture's own), one frame per answer, ``t`` the
time the answer carries. The facial capture, solved to the same set (fb2_70, the set annex D answers), annotates
that log. :mod:`.rigs` takes these tables into :mod:`.device`'s."""

from __future__ import annotations

from .faceref import READ_ID, READ_REFERENCE_ID, READ_SET, reference_spec, tracked_spec
from .faultkit import Spec

DEVICE = "face_interface_bench"


def read_spec() -> Spec:
    return {**tracked_spec(), "id": READ_ID, "x-set": READ_SET,
            "read_through": {"method": "xrGetFaceExpressionWeights2FB", "binding": "GET /xr/runtime",
                             "clock": "XrTime",
                             "reader": "the laboratory's test application, logging each answer as it receives it"}}


def read_reference_spec() -> Spec:
    return {**reference_spec(), "id": READ_REFERENCE_ID, "x-set": READ_SET, "annotates": READ_ID}


STREAMS: dict[str, Spec] = {READ_ID: read_spec(), READ_REFERENCE_ID: read_reference_spec()}
DEVICES = {DEVICE: [READ_ID, READ_REFERENCE_ID]}
CLASSES = {DEVICE: "face_tracker"}
FACE_SETS = {DEVICE: READ_SET}
