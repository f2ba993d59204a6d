"""TD-BODY-006 (issue 75, h75-bodyLive): TD-BODY-003's person located through the runtime test interface.

While the reference motion capture (:mod:`.bodyref`) records the person walking on the spot, the laboratory's test
application calls annex D's ``xrLocateBodyJointsFB`` and logs each answer as it receives it in a body stream
declaring ``read_through`` (``clock`` ``XrTime``: the runtime's clock, the capture's own), one frame per answer,
``t`` the time the answer carries, its bones named as VRM 1.0's. The reference annotates that log. :mod:`.rigs`
takes these tables into :mod:`.device`'s."""

from __future__ import annotations

from .bodyref import READ_ID, READ_REFERENCE_ID, reference_spec, tracked_spec
from .faultkit import Spec

DEVICE = "body_interface_bench"


def read_spec() -> Spec:
    return {**tracked_spec(), "id": READ_ID,
            "read_through": {"method": "xrLocateBodyJointsFB", "binding": "GET /xr/runtime", "clock": "XrTime",
                             "reader": "the laboratory's test application, logging each answer as it receives it"}}


def read_reference_spec() -> Spec:
    return {**reference_spec(), "id": READ_REFERENCE_ID, "annotates": READ_ID}


STREAMS: dict[str, Spec] = {READ_ID: read_spec(), READ_REFERENCE_ID: read_reference_spec()}
DEVICES = {DEVICE: [READ_ID, READ_REFERENCE_ID]}
CLASSES = {DEVICE: "mocap_suit"}
