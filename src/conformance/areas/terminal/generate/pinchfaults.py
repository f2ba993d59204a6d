"""The faults of the pinch rig (TD-HAND-006, :mod:`.pinchref`): one per rule (R1 missed, R2 slow, R3 released
late, R4 a held pinch broken, R5 unsupported by the device's joints), each acting on the device's streams, never
on the reference's. ``FAULTS`` takes them in after the tracking rigs' (:mod:`.rigfaults`)."""

from __future__ import annotations

from .faultchanges import declared as set_member
from .faultkit import Among, Fault
from .pinchref import GESTURES_ID, TRACKED_ID


def _faults() -> dict[str, Fault]:
    events_ = Among(lambda s: s["id"] == GESTURES_ID, "a pinch recogniser's events beside a reference hand capture")
    hand = Among(lambda s: s["id"] == TRACKED_ID, "a hand stream beside a reference capture of the hand pinching")
    return {
        "pinch-missed": Fault("gesture", "TD-HAND-006", "the third pinch not recognised", among=events_,
                              declare=set_member("x-missed", to=2)),
        "pinch-slow": Fault("gesture", "TD-HAND-006", "each pinch recognised 180 ms after the tips touch",
                            among=events_, declare=set_member("x-onset-s", to=0.18)),
        "pinch-release-late": Fault("gesture", "TD-HAND-006", "each pinch's release reported 300 ms after the tips "
                                    "part", among=events_, declare=set_member("x-release-s", to=0.3)),
        "pinch-broken": Fault("gesture", "TD-HAND-006", "the longest-held pinch reported released and pinched again "
                              "halfway through its hold", among=events_, declare=set_member("x-broken", to=2)),
        "pinch-unsupported": Fault("hand", "TD-HAND-006", "on the second pinch the tracked index finger and thumb "
                                   "close only half way (tips 50 mm apart) while the recogniser reports the pinch",
                                   among=hand, declare=set_member("x-unsupported", to=1)),
    }


#: fault name -> Fault (faults.py takes them into FAULTS)
PINCH_FAULTS = _faults()
