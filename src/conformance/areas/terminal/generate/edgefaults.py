"""The faults of the body edge rig (TD-BODY-005, :mod:`.bodyedge`): one per rule (R1 the hidden bones reported
tracked and wrong, R2 the arm bones off at the volume's faces), each acting on the device's stream, never on the
reference's. ``FAULTS`` takes them in after the pinch rig's (:mod:`.pinchfaults`)."""

from __future__ import annotations

from .bodyedge import TRACKED_ID
from .faultchanges import declared as set_member
from .faultkit import Among, Fault


def _faults() -> dict[str, Fault]:
    body = Among(lambda s: s["id"] == TRACKED_ID, "a body stream beside a reference capture declaring an occlusion")
    return {
        "body-occluded-wrong": Fault("body", "TD-BODY-005", "the left forearm and hand, hidden behind the screen, "
                                    "still reported tracked and 10 cm too high", among=body,
                                    declare=set_member("x-occluded-offset-m", to=0.1)),
        "body-edge-off": Fault("body", "TD-BODY-005", "the six arm bones tracked 8 cm too high while the body is at "
                               "a face of the tracking volume", among=body,
                               declare=set_member("x-edge-offset-m", to=0.08)),
    }


#: fault name -> Fault (faults.py takes them into FAULTS)
EDGE_FAULTS = _faults()
