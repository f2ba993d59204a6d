"""Tracking accuracy and precision against a known reference motion (TD-PERF-*).

A pose stream recorded on a test rig declares, in ``reference_motion``, the motion the rig gave the
tracked device: ``kind`` ``circle``, a rotary stage turning the device at a constant rate
about the stage space's vertical (+Y) axis through ``centre``, at ``radius_m``, one turn per
``period_s``, the device at angle ``phase_rad`` (from +X towards +Z) at capture time ``t0``
(ns). The device's offer declares what it claims, in ``performance``:
``position_accuracy_mm`` and ``position_precision_mm``.

Per frame the error is the tracked position minus the reference position at the frame's t.
Over the stream, after ISO 5725-1's terms: trueness is the length of the mean error vector
(the bias), precision the root mean square of the errors about that mean. Both are folded
chunk by chunk from sums (count, sum of errors, sum of squared lengths), so memory stays flat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .chunk import Chunk
from .jsonread import finite, object_of
from .model import StreamStats


def reference_of(stats: StreamStats) -> dict[str, float] | None:
    """The stream's reference circle as numbers, or None when it declares none usable."""
    ref = stats.spec.get("reference_motion")
    if not isinstance(ref, dict) or ref.get("kind") != "circle":
        return None
    centre = object_of(ref.get("centre"))
    read = {"cx": finite(centre.get("x")), "cy": finite(centre.get("y")), "cz": finite(centre.get("z")),
            "r": finite(ref.get("radius_m")), "period": finite(ref.get("period_s")), "t0": finite(ref.get("t0")),
            "phase": finite(ref.get("phase_rad", 0.0))}
    values = {k: v for k, v in read.items() if v is not None}
    if len(values) < len(read):
        return None  # the header schema says what is wrong
    if values["r"] <= 0 or values["period"] <= 0:
        return None
    return values


def claimed(stats: StreamStats) -> dict[str, float]:
    """What the stream's offer claims: position_accuracy_mm, position_precision_mm (those present)."""
    performance = stats.offer.get("performance")
    if not isinstance(performance, dict):
        return {}
    return {k: float(v) for k, v in performance.items()
            if k in ("position_accuracy_mm", "position_precision_mm") and isinstance(v, int | float)
            and not isinstance(v, bool)}


@dataclass
class ErrorSums:
    """Running sums of the position errors (metres) against the reference."""

    count: int = 0
    total: np.ndarray = field(default_factory=lambda: np.zeros(3))
    squares: float = 0.0
    worst: float = 0.0
    worst_where: dict[str, object] | None = None

    def trueness_mm(self) -> float:
        return float(np.linalg.norm(self.total / self.count)) * 1e3

    def precision_mm(self) -> float:
        mean = self.total / self.count
        return math.sqrt(max(self.squares / self.count - float(mean @ mean), 0.0)) * 1e3


def reference_angles(ref: dict[str, float], t: np.ndarray) -> np.ndarray:
    """(n,) angles (radians, from +X towards +Z) of the stage at capture times ``t`` (ns)."""
    return ref["phase"] + 2 * np.pi * (t.astype(np.float64) - ref["t0"]) / (ref["period"] * 1e9)


def reference_positions(ref: dict[str, float], t: np.ndarray) -> np.ndarray:
    """(n, 3) positions of the reference circle at capture times ``t`` (ns)."""
    angle = reference_angles(ref, t)
    return np.column_stack((ref["cx"] + ref["r"] * np.cos(angle), np.full(len(t), ref["cy"]),
                            ref["cz"] + ref["r"] * np.sin(angle)))


def fold_reference(chunk: Chunk, positions: np.ndarray, valid: np.ndarray) -> None:
    """Add one chunk's errors against the reference (rows where ``valid``: position tracked)."""
    stats = chunk.stats
    ref = reference_of(stats)
    if ref is None:
        return
    sums: ErrorSums = stats.reference if stats.reference is not None else ErrorSums()
    stats.reference = sums
    rows = np.flatnonzero(valid & np.isfinite(positions).all(axis=1))
    if not len(rows):
        return
    error = positions[rows] - reference_positions(ref, chunk.t[rows])
    lengths = np.einsum("ij,ij->i", error, error)
    sums.count += len(rows)
    sums.total += error.sum(axis=0)
    sums.squares += float(lengths.sum())
    k = int(np.argmax(lengths))
    if lengths[k] > sums.worst ** 2:
        sums.worst = float(math.sqrt(lengths[k]))
        sums.worst_where = chunk.where(int(rows[k]), "/pose/position",
                                       actual=[round(float(v), 5) for v in positions[rows[k]]])
