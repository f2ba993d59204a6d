"""An eye tracker selecting by gaze in front of the artificial eye of TD-GAZE-003 (TD-GAZE-005): the headset on a
fixture shows a menu of ``TARGETS`` (each a disc of ``RADIUS_DEG`` at an azimuth and elevation from the eye point),
and the stage turns the artificial eye to one target after another (``ORDER``), holding each ``FIXATION_S``, each
jump done in under a millisecond. The selection stream (``SELECTIONS_ID``) declares that schedule in
``selection_schedule`` (the targets, each fixation's target, start on the stage's clock and duration, the dwell
the device declares for a selection, the stage as the instrument) and holds, as its values, the targets the
device reported selected, each at the time it reported it.

The tracker's gaze stream (``GAZE_ID``, 120 Hz) follows the eye ``LATENCY_S`` late; the device selects the
fixated target once the gaze has rested on it for its declared ``DWELL_MS`` and ``DECIDE_S`` more. The ``x-``
members a fault sets in ``selection_schedule`` change what it reports: ``x-skip-every`` (no selection on every
so many fixations), ``x-neighbour-every`` (on every so many fixations, also the next target of the menu
``NEIGHBOUR_S`` after the right one), ``x-late-s`` (each selection this much later).
"""

from __future__ import annotations

import math

from . import apparatus
from .binaural import T0
from .faultkit import Frame, Spec
from .motion import yaw_pitch_roll

GAZE_ID, SELECTIONS_ID = "gaze_selecting", "gaze_selections"
RATE_HZ = 120
EYE = (0.0, 1.6, 0.0)
RADIUS_DEG = 2.0
#: the menu: azimuth anticlockwise from the front, elevation upwards (degrees), 10 degrees apart
TARGETS = {"a": (-10.0, 5.0), "b": (0.0, 5.0), "c": (10.0, 5.0), "d": (-10.0, -5.0), "e": (0.0, -5.0),
           "f": (10.0, -5.0)}
NAMES = tuple(TARGETS)
#: the order the stage fixates them: each target at least three times, never the same twice in a row
ORDER = (0, 4, 2, 3, 1, 5, 0, 2, 4, 1, 3, 5, 2, 0, 5, 1, 4, 3, 0, 2)
START_S, FIXATION_S = 0.25, 0.5
DWELL_MS = 300.0
LATENCY_S, DECIDE_S, NEIGHBOUR_S = 0.008, 0.01, 0.05
SECONDS = START_S + FIXATION_S * len(ORDER) + 0.25  # 10.5 s


def _fixation_s(k: int) -> float:
    return START_S + k * FIXATION_S


def selection_spec() -> Spec:
    """The selection stream's declaration, with the schedule the stage fixated."""
    targets = [{"id": name, "azimuth_deg": a, "elevation_deg": e, "radius_deg": RADIUS_DEG}
               for name, (a, e) in TARGETS.items()]
    fixations = [{"target": NAMES[c], "t": T0 + round(_fixation_s(k) * 1e9), "duration_ms": FIXATION_S * 1e3}
                 for k, c in enumerate(ORDER)]
    return {"id": SELECTIONS_ID, "type": "gaze_selection", "annotates": GAZE_ID,
            "selection_schedule": {
                "dwell_ms": DWELL_MS, "targets": targets, "fixations": fixations,
                "eye": "the artificial eye of TD-GAZE-003 (pupil and cornea, 24 mm) at the headset's eye "
                       "point; the headset on a fixture, the menu drawn by the application under test",
                "instrument": {"kind": "artificial_eye_stage",
                               "model": "two-axis galvanometer stage with angle encoders, step settled in under "
                                        "1 ms", **apparatus.declared("GS-0001"),
                               "calibration": "the encoder's clock aligned to the capture clock and the eye's "
                                              "directions measured with an autocollimator, before the session"}}}


def gaze_spec() -> Spec:
    """The tracker's gaze stream the selections are made from."""
    return {"id": GAZE_ID, "type": "eye_gaze", "rate_hz": RATE_HZ, "space": "stage", "path": "/user/eyes_ext"}


def selection_events(spec: Spec) -> list[tuple[float, str]]:
    """The device's selections, in order: (seconds from the capture's start, target)."""
    schedule = spec["selection_schedule"]
    skip, neighbour = schedule.get("x-skip-every"), schedule.get("x-neighbour-every")
    at = LATENCY_S + schedule["dwell_ms"] / 1e3 + DECIDE_S + schedule.get("x-late-s", 0.0)
    events: list[tuple[float, str]] = []
    for k, c in enumerate(ORDER):
        if skip and k % skip == skip - 1:
            continue
        events.append((_fixation_s(k) + at, NAMES[c]))
        if neighbour and k % neighbour == neighbour - 1:
            events.append((_fixation_s(k) + at + NEIGHBOUR_S, NAMES[(c + 1) % len(NAMES)]))
    return events


def times(spec: Spec, start: float, end: float) -> list[float]:
    return [s for s, _ in selection_events(spec) if start <= s < end]


def selection_frame(spec: Spec, index: int) -> Frame:
    return {"value": selection_events(spec)[index][1]}


def selecting_gaze(s: float) -> Frame:
    """The gaze at ``s`` seconds: toward the target the eye fixated a latency before (straight ahead before)."""
    k = math.floor((s - LATENCY_S - START_S) / FIXATION_S)
    azimuth, elevation = TARGETS[NAMES[ORDER[k]]] if 0 <= k < len(ORDER) else (0.0, 0.0)
    q = yaw_pitch_roll(math.radians(azimuth), math.radians(elevation), 0.0)
    return {"pose": {"orientation": {a: round(float(v), 6) for a, v in zip("xyzw", q, strict=True)},
                     "position": dict(zip("xyz", EYE, strict=True))}, "flags": 0xF}
