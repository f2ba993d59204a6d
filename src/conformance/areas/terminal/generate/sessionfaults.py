"""The faults of the session rig (TD-PERF-005, :mod:`.session`): each acts on the device's stream, never on the
reference tracker's. ``FAULTS`` (faults.py) ends with these."""

from __future__ import annotations

from .faultchanges import declared
from .faultkit import Among, Fault
from .session import TRACKED_ID


SESSION_TRACKED = Among(lambda s: s["id"] == TRACKED_ID, "a pose stream beside a reference tracker over a session")
#: the faults of this rig (faults.py takes them into FAULTS); each acts on the device's stream
SESSION_FAULTS: dict[str, Fault] = {
    "session-drift": Fault("pose", "TD-PERF-005", "the tracked position creeping 5 mm along +X over the ten-minute "
                           "session", among=SESSION_TRACKED, declare=declared("x-session-drift-mm", to=5.0)),
    "session-face-off": Fault("pose", "TD-PERF-005", "the tracked position 6 mm further out than it is at the "
                              "faces of the tracking volume", among=SESSION_TRACKED,
                              declare=declared("x-face-error-mm", to=6.0)),
    "session-yaw-drift": Fault("pose", "TD-PERF-005", "the tracked orientation turning 2 degrees about the vertical "
                               "over the ten-minute session", among=SESSION_TRACKED,
                               declare=declared("x-session-yaw-drift-deg", to=2.0)),
}
