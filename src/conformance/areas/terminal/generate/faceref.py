"""A face tracker beside a reference facial capture (TD-FACE-004): the test application cues a fixed
sequence of expressions (``SEQUENCE``, each rising to ``PEAK`` and back within ``CUE_S`` seconds, the
whole repeating); the device under test tracks the face and, on the same clock, an optical facial
capture (markers on the face, solved to the same expression set) records it.

Both streams carry ARKit's 52 weights, indexed in the order this generator and the samples use
(ARKit's blend-shape locations as face-capture tools list them). The device's stream (``TRACKED_ID``)
reports each weight ``NOISE`` off (standard deviation, clipped to [0, 1]); the reference stream
(``REFERENCE_ID``) declares the system in ``reference_system`` and the stream it is the ground truth
for in ``annotates``, its weights ``REFERENCE_NOISE`` off.

The ``x-`` members a fault sets change what the device's stream records: ``x-scale`` (index ->
factor: those expressions shown that much of their true weight), ``x-added`` (index -> weight added
at every frame: an expression shown that the face does not make), ``x-latency-s`` (the face as it
was this long before), ``x-clock-scale`` (the face shown as it was at this multiple of each frame's stamp, about
the 2nd second: frames stamped at the declared rate, sampled faster on the reference clock).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

TRACKED_ID, REFERENCE_ID = "face_tracked", "face_reference"
RATE_HZ = 60
SET, COUNT = "arkit52", 52
NOISE, REFERENCE_NOISE = 0.02, 0.005
#: the cued expressions in order: jawOpen, mouthSmileLeft, mouthSmileRight, eyeBlinkLeft, eyeBlinkRight,
#: browInnerUp, cheekPuff, mouthPucker
SEQUENCE = (17, 23, 24, 0, 7, 43, 46, 20)
CUE_S, PEAK = 0.5, 0.9
JAW_OPEN, BROW_DOWN_LEFT = 17, 41
CLOCK_CENTRE_S = 2.0  # x-clock-scale scales time about this instant
#: TD-FACE-006 (:mod:`.facelive`): the same face read through annex D (xrGetFaceExpressionWeights2FB answers fb2_70's
#: 70 weights; the reference solved to that set, the cued indices the same) beside its reference
READ_ID, READ_REFERENCE_ID, READ_SET, READ_COUNT = "face_read", "face_read_reference", "fb2_70", 70


def tracked_spec() -> JsonObject:
    return {"id": TRACKED_ID, "type": "face", "rate_hz": RATE_HZ, "x-set": SET}


def reference_spec() -> JsonObject:
    """The reference stream's declaration: what measured it, and the device stream it is the ground truth for."""
    return {"id": REFERENCE_ID, "type": "face", "rate_hz": RATE_HZ, "x-set": SET, "annotates": TRACKED_ID,
            "reference_system": {
                "kind": "facial_markers",
                "model": "head-mounted stereo face cameras, 0.2 mm RMS marker residual", **declared("FACECAP-0001"),
                "markers": "68 painted dots on the face; the weights solved to the set's expressions",
                "calibration": "the cameras calibrated with a checkerboard and the solver fitted to the performer's "
                               "range-of-motion take, before the session"}}


def measured_face(spec: Mapping[str, object]) -> bool:
    """Whether ``spec`` is one of this rig's two face streams."""
    return spec["id"] in (TRACKED_ID, REFERENCE_ID, READ_ID, READ_REFERENCE_ID)


def true_weights(s: float) -> np.ndarray:
    """The face's weights at ``s`` seconds: the cued expression rising and falling (a raised cosine)."""
    w = np.zeros(COUNT)
    at = s % (CUE_S * len(SEQUENCE))
    cue = min(int(at / CUE_S), len(SEQUENCE) - 1)
    w[SEQUENCE[cue]] = PEAK * 0.5 * (1.0 - math.cos(2.0 * math.pi * (at - cue * CUE_S) / CUE_S))
    return w


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _by_index(value: object) -> dict[int, float]:
    """An ``x-`` member mapping expression indices (as text) to numbers."""
    return {int(k): _number(v) for k, v in value.items()} if isinstance(value, dict) else {}


def face_frame(spec: Mapping[str, object], s: float, index: int) -> dict[str, object]:
    """One frame of either stream at ``s`` seconds (its ``index``-th frame)."""
    reference = "reference_system" in spec
    if "x-clock-scale" in spec:  # a device stamping frames at its rate while sampling at another (TD-FACE-004 R4)
        s = CLOCK_CENTRE_S + (s - CLOCK_CENTRE_S) * _number(spec["x-clock-scale"])  # about a 4 s capture's middle
    w = true_weights(s - _number(spec.get("x-latency-s", 0.0)))
    if spec.get("x-set") == READ_SET:  # TD-FACE-006: the 70 weights annex D answers
        w = np.concatenate([w, np.zeros(READ_COUNT - COUNT)])
    for k, factor in _by_index(spec.get("x-scale")).items():
        w[k] *= factor
    for k, added in _by_index(spec.get("x-added")).items():
        w[k] += added
    draw = np.random.default_rng((920_000 if reference else 910_000) + index)
    w = np.clip(w + draw.normal(0.0, REFERENCE_NOISE if reference else NOISE, len(w)), 0.0, 1.0)
    return {"valid": True, "weights": [round(float(v), 3) for v in w], "set": spec.get("x-set", SET)}
