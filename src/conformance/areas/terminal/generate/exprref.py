"""An expression recogniser beside a reference facial capture (TD-FACE-005): the test cues the subject, trial
after trial, to one expression of ``VOCABULARY`` (TD-FACE-004's cued sequence, ARKit's names); each trial lasts
``TRIAL_S`` (the first ``LEAD_S`` into the capture), the face making the expression over the cue's ``CUE_S``
(rising to ``faceref.PEAK`` and back) and then resting. The device under test tracks the face (``TRACKED_ID``), an optical facial capture records it on the same
clock (``REFERENCE_ID``, as TD-FACE-004's), and the device's recogniser writes the name of each expression it
recognises to a gesture stream annotating the device's face stream (``EVENTS_ID``), which declares the cued
schedule in ``gesture_schedule``. The recogniser names the cued expression ``LATENCY_S`` after the cue's start.

The ``x-`` members a fault sets on the events stream change what it records: ``x-confuse`` (two expressions
recognised as each other), ``x-shift`` (the next expression of the vocabulary named on three trials in four),
``x-spurious-every`` (an extra recognition in the rest after every so many trials), ``x-latency-s`` (another delay).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .apparatus import declared
from .binaural import T0
from .faceref import COUNT, PEAK, REFERENCE_NOISE, SEQUENCE, SET
from .faultkit import Frame, Spec

TRACKED_ID, REFERENCE_ID, EVENTS_ID = "face_cued", "face_cued_reference", "expressions"
#: TD-FACE-007 (:mod:`.exprlive`): the same recognitions as annex D's test.getRecognizedExpression answered them
READ_ID = "expressions_read"
TRACKED_HZ, REFERENCE_HZ = 30, 60
NOISE = 0.02
#: ARKit's names of faceref.SEQUENCE's expressions, in its order
VOCABULARY = ("jawOpen", "mouthSmileLeft", "mouthSmileRight", "eyeBlinkLeft", "eyeBlinkRight", "browInnerUp",
              "cheekPuff", "mouthPucker")
TRIALS, TRIAL_S, CUE_S, LATENCY_S = 20, 0.8, 0.5, 0.2
LEAD_S = 0.2  # the first cue after the streams' first frames: every cue a trial
SPURIOUS_AT = 0.78  # into a trial: after its window (the cue and 250 ms), before the next cue
SECONDS = LEAD_S + TRIALS * TRIAL_S


def tracked_spec() -> Spec:
    return {"id": TRACKED_ID, "type": "face", "rate_hz": TRACKED_HZ}


def reference_spec() -> Spec:
    return {"id": REFERENCE_ID, "type": "face", "rate_hz": REFERENCE_HZ, "annotates": TRACKED_ID,
            "reference_system": {
                "kind": "facial_markers",
                "model": "head-mounted stereo face cameras, 0.2 mm RMS marker residual", **declared("FACECAP-0001"),
                "markers": "68 painted dots on the face; the weights solved to the set's expressions",
                "calibration": "the cameras calibrated with a checkerboard and the solver fitted to the performer's "
                               "range-of-motion take, before the session"}}


def events_spec() -> Spec:
    cues = [{"gesture": VOCABULARY[k % len(VOCABULARY)], "t": T0 + round((LEAD_S + k * TRIAL_S) * 1e9),
             "duration_ms": round(CUE_S * 1000)} for k in range(TRIALS)]
    return {"id": EVENTS_ID, "type": "gesture", "annotates": TRACKED_ID,
            "gesture_schedule": {"vocabulary": list(VOCABULARY), "cues": cues,
                                 "procedure": "the expression's name and picture on a screen in front of the "
                                              "subject for 500 ms a trial, TD-FACE-004's performer"}}


def measured(spec: Mapping[str, object]) -> bool:
    return spec["id"] in (TRACKED_ID, REFERENCE_ID, EVENTS_ID, READ_ID)


def face_frame(spec: Spec, s: float, index: int) -> Frame:
    """One frame of either face stream at ``s`` seconds: the cued expression over its cue, then rest."""
    reference = "reference_system" in spec
    w = np.zeros(COUNT)
    k, at = int((s - LEAD_S) // TRIAL_S), (s - LEAD_S) % TRIAL_S
    if 0 <= k < TRIALS and at < CUE_S:
        w[SEQUENCE[k % len(SEQUENCE)]] = PEAK * 0.5 * (1.0 - math.cos(2.0 * math.pi * at / CUE_S))
    draw = np.random.default_rng((980_000 if reference else 970_000) + index)
    w = np.clip(w + draw.normal(0.0, REFERENCE_NOISE if reference else NOISE, COUNT), 0.0, 1.0)
    return {"valid": True, "weights": [round(float(v), 3) for v in w], "set": SET}


def events(spec: Spec) -> list[tuple[float, str]]:
    """The recogniser's events, in order: (seconds from the capture's start, expression)."""
    schedule = spec["gesture_schedule"]
    confuse = schedule.get("x-confuse", [])
    swap = dict(zip(confuse, reversed(confuse), strict=True))
    every, latency = schedule.get("x-spurious-every"), schedule.get("x-latency-s", LATENCY_S)
    out = []
    for k in range(TRIALS):
        name = VOCABULARY[(k + (1 if schedule.get("x-shift") and k % 4 else 0)) % len(VOCABULARY)]
        out.append((LEAD_S + k * TRIAL_S + latency, swap.get(name, name)))
        if every and k % every == every - 1:
            out.append((LEAD_S + k * TRIAL_S + SPURIOUS_AT, VOCABULARY[0]))
    return sorted(out)


def event_times(spec: Spec, start: float, end: float) -> list[float]:
    return [s for s, _ in events(spec) if start <= s < end]


def frame(spec: Spec, s: float, index: int) -> Frame:
    return {"value": events(spec)[index][1]} if spec["type"] == "gesture" else face_frame(spec, s, index)
