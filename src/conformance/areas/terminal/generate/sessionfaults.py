"""The faults of the session rig (TD-PERF-005, :mod:`.session`): each acts on the device's stream, never on the
reference tracker's. ``FAULTS`` (faults.py) ends with these."""

from __future__ import annotations

from .faultchanges import declared
from .faultkit import Among, Fault
from .session import FACE_X_ID, LAST_RETURN_ID


LAST_RETURN = Among(lambda s: s["id"] == LAST_RETURN_ID, "a pose stream at a session's last return to a marked pose")
FACE_X = Among(lambda s: s["id"] == FACE_X_ID, "a pose stream on the +X face of the tracking volume")
#: the faults of this rig (faults.py takes them into FAULTS); each acts on the device's stream
SESSION_FAULTS: dict[str, Fault] = {
    "session-drift": Fault("pose", "TD-PERF-005", "the tracked position 5 mm along +X at the last return of the "
                           "ten-minute session", among=LAST_RETURN, declare=declared("x-session-drift-mm", to=5.0)),
    "session-face-off": Fault("pose", "TD-PERF-005", "the tracked position 6 mm further out than it is on the +X "
                              "face of the tracking volume", among=FACE_X,
                              declare=declared("x-face-error-mm", to=6.0)),
    "session-yaw-drift": Fault("pose", "TD-PERF-005", "the tracked orientation 2 degrees about the vertical at the last "
                               "return of the ten-minute session", among=LAST_RETURN,
                               declare=declared("x-session-yaw-drift-deg", to=2.0)),
}
