"""An eye tracker validated three times in one session (TD-GAZE-004): at the start, right after the tracker's own
calibration; after the headset has been worn for ``SESSION_S``; and after the test has pushed the headset
``SLIP_MM`` down the wearer's nose (a slip of a stated size, measured with a depth gauge against the chin rest).
Each validation shows the five fixation targets of :mod:`.gaze` (same dwell, settle time and distance) and is
recorded by a stream of its own (``PHASE_IDS``), so that each stream runs without a gap; each declares its
phase and targets in ``session_validation``, the slipped one the slip too.

Between the validations the tracker records nothing the test reads. The tracker reports the eye as
:func:`.gaze.validation_gaze` does, a little further off in the later phases (``DRIFT_DEG``: still within the
limits). The ``x-offset-deg`` member a fault sets in ``session_validation`` moves one phase's gaze further off.
"""

from __future__ import annotations

import math

from . import apparatus
from .binaural import T0
from .faultkit import Frame, Spec
from .gaze import DISTANCE_M, DWELL_S, EYE, SETTLE_MS, TARGETS_DEG, _looking, validation_gaze

MEMBER = "session_validation"
RATE_HZ = 120
PHASE_IDS = {"start": "gaze_session_start", "worn": "gaze_session_worn", "slipped": "gaze_session_slipped"}
SESSION_S = 1800.0  # 30 minutes worn between the first validation and the second
SLIP_MM = 2.0
#: when each phase's validation begins (s from the capture's start)
PHASE_AT_S = {"start": 0.0, "worn": SESSION_S, "slipped": SESSION_S + 6.0}
#: how much further off than at the start the tracker reports the gaze in each phase
DRIFT_DEG = {"start": 0.0, "worn": 0.1, "slipped": 0.2}
SHOWN_S = DWELL_S * len(TARGETS_DEG)
SECONDS = PHASE_AT_S["slipped"] + SHOWN_S + 0.5


def session_spec(phase: str) -> Spec:
    """The declaration of the stream that recorded one phase's validation."""
    targets = [{"t": T0 + round((PHASE_AT_S[phase] + k * DWELL_S) * 1e9), "duration_ms": DWELL_S * 1e3,
                "position": {a: round(c + DISTANCE_M * float(d), 6)
                             for a, c, d in zip("xyz", EYE, _looking(*direction), strict=True)}}
               for k, direction in enumerate(TARGETS_DEG)]
    declared: Spec = {"phase": phase, "settle_ms": SETTLE_MS, "targets": targets,
                      "instrument": {"kind": "validation_display",
                                     "model": "eye tracker validation display, 5 mm dots at 1 m, chin rest",
                                     **apparatus.declared("VD-0001"),
                                     "calibration": "target positions and the chin rest's eye point measured "
                                                    "with a coordinate measuring arm"}}
    if phase == "slipped":
        declared["slip"] = {"displacement_mm": SLIP_MM, "direction": "down",
                            "method": "the headset pushed down the nose against a spacer, its displacement "
                                      "measured with a depth gauge from the chin rest (0.05 mm)"}
    return {"id": PHASE_IDS[phase], "type": "eye_gaze", "rate_hz": RATE_HZ, "space": "stage",
            "path": "/user/eyes_ext", MEMBER: declared}


def times(spec: Spec, rate: float, start: float, end: float) -> list[float]:
    """The sample times (s) of one phase's stream within [start, end): only while its validation runs."""
    begin = PHASE_AT_S[spec[MEMBER]["phase"]]
    first, last = max(start, begin), min(end, begin + SHOWN_S)
    return [i / rate for i in range(math.ceil(first * rate - 1e-9), math.ceil(last * rate - 1e-9))]


def session_gaze(spec: Spec, s: float, index: int) -> Frame:
    """The frame at ``s`` seconds of the capture: the validation's gaze, its phase's drift and any fault's added."""
    declared = spec[MEMBER]
    phase = declared["phase"]
    shifted = {"fixation_targets": {"x-offset-deg": DRIFT_DEG[phase] + declared.get("x-offset-deg", 0.0)}}
    return validation_gaze(shifted, s - PHASE_AT_S[phase], index)
