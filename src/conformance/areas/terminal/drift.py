"""Tracking drift of a device held still on a test rig (TD-PERF-003).

A pose stream recorded on a rig declares, in ``reference_hold``, that the rig held the tracked device still from
``t0`` (ns, on the capture clock) for ``duration_s`` seconds (a stage locked, the device clamped), with the rig and
its ``instrument`` (model, calibration; optionally serial and the expanded uncertainty of its stillness). Still, the
device's true pose does not change, so whatever its tracked pose does between the start and the end of the hold is
drift. The catalog fixes how it is read: the mean pose over the hold's first :data:`WINDOW_S` seconds against the
mean pose over its last, the hold at least :data:`MIN_HOLD_S` seconds long; position drift is the distance between
the two mean positions, orientation drift the angle between the two mean orientations (each the rotation nearest
all of its window's, after Markley et al. 2007). Each window keeps a few sums (memory flat): the count, the sum and
the sum of squared lengths of the positions, and the 4 x 4 sum of q q^T of the unit orientations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .jsonread import calibrated_model, finite
from .model import StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

MEMBER = "reference_hold"
MIN_HOLD_S = 60.0  # the catalog's own: a minute held still
WINDOW_S = 5.0  # the catalog's own: the mean pose over 5 s at each end of the hold
MIN_SAMPLES = 50  # valid samples each window needs


@dataclass
class Window:
    """One end of the hold: its valid positions' and orientations' sums."""

    located: int = 0
    sum_p: np.ndarray = field(default_factory=lambda: np.zeros(3))
    squares: float = 0.0
    oriented: int = 0
    scatter: np.ndarray = field(default_factory=lambda: np.zeros((4, 4)))

    def add(self, p: np.ndarray, q: np.ndarray) -> None:
        self.located += len(p)
        self.sum_p += p.sum(axis=0)
        self.squares += float(np.sum(p * p))
        self.oriented += len(q)
        self.scatter += q.T @ q

    def mean_position(self) -> np.ndarray:
        return self.sum_p / self.located

    def rms_position(self) -> float:
        """The root mean square distance (m) of the window's positions from their mean."""
        mean = self.mean_position()
        return math.sqrt(max(self.squares / self.located - float(mean @ mean), 0.0))

    def mean_orientation(self) -> tuple[np.ndarray, float]:
        """(the mean unit quaternion, the root mean square angle in radians of the window's from it)."""
        values, vectors = np.linalg.eigh(self.scatter)
        share = min(max(float(values[-1]) / self.oriented, 0.0), 1.0)
        return vectors[:, -1], 2 * math.asin(math.sqrt(1.0 - share))


@dataclass
class Hold:
    t0: int
    end: int
    first: Window = field(default_factory=Window)
    last: Window = field(default_factory=Window)


@dataclass
class Drift:
    sensor: str
    model: str
    duration_s: float
    position_mm: float
    u_position_mm: float  # type A
    orientation_deg: float
    u_orientation_deg: float
    samples: tuple[int, int]  # valid samples in the first and the last window


def declaration(spec: JsonObject) -> tuple[int, float, str] | None:
    """(t0, duration in s, instrument model) of a stream's reference hold; None when it declares none usable."""
    held = spec.get(MEMBER)
    if not isinstance(held, dict):
        return None
    t0, duration, model = finite(held.get("t0")), finite(held.get("duration_s")), calibrated_model(held.get("instrument"))
    if t0 is None or duration is None or model is None or duration < MIN_HOLD_S:
        return None
    return int(t0), float(duration), model


def read_holds(stats: StreamStats) -> Hold | None:
    """The stream's hold, set up on its first chunk; None when it declares none usable."""
    if stats.hold is None:
        held = declaration(stats.spec)
        if held is None:
            return None
        stats.hold = Hold(held[0], held[0] + round(held[1] * 1e9))
    return stats.hold


def fold_hold(stats: StreamStats, times: object, q: np.ndarray, p: np.ndarray, orientation_ok: np.ndarray,
              position_ok: np.ndarray) -> None:
    """Add one chunk's samples (at ``times``, ns) inside the hold's first and last windows (rows flagged valid,
    finite, unit). Given the chunk's parts, not the chunk: the model names this module's Hold."""
    hold = read_holds(stats)
    if hold is None:
        return
    t = np.asarray(times)
    window = round(WINDOW_S * 1e9)
    norms = np.linalg.norm(q, axis=1)
    ok = position_ok & orientation_ok & np.isfinite(p).all(axis=1) & (np.abs(norms - 1.0) <= 1e-3)
    for part, low, high in ((hold.first, hold.t0, hold.t0 + window), (hold.last, hold.end - window, hold.end)):
        rows = np.flatnonzero(ok & (t >= low) & (t <= high))
        if len(rows):
            unit = q[rows] / norms[rows, None]
            part.add(p[rows], unit)


def measure(stats: StreamStats) -> Drift | tuple[str, dict[str, object]]:
    """A held stream's position and orientation drift; else why it cannot be judged."""
    held = declaration(stats.spec)
    hold: Hold | None = stats.hold
    if held is None:
        return "terminal.drift-undeclared", {"minimum": MIN_HOLD_S}
    counts = (0, 0) if hold is None else (min(hold.first.located, hold.first.oriented),
                                          min(hold.last.located, hold.last.oriented))
    if hold is None or min(counts) < MIN_SAMPLES:
        return "terminal.drift-too-few", {"first": counts[0], "last": counts[1], "minimum": MIN_SAMPLES,
                                          "window": WINDOW_S}
    n1, n2 = counts
    spread = math.sqrt(1 / n1 + 1 / n2)
    position = float(np.linalg.norm(hold.last.mean_position() - hold.first.mean_position())) * 1e3
    # the difference of two means along its own direction: a third of each window's 3D scatter, over its count
    rms = math.sqrt((hold.first.rms_position() ** 2 + hold.last.rms_position() ** 2) / 2)
    (qa, rms_a), (qb, rms_b) = hold.first.mean_orientation(), hold.last.mean_orientation()
    angle = math.degrees(2 * math.acos(min(abs(float(qa @ qb)), 1.0)))
    rms_angle = math.sqrt((rms_a ** 2 + rms_b ** 2) / 2)
    return Drift(stats.id, held[2], held[1], position, rms * 1e3 / math.sqrt(3) * spread, angle,
                 math.degrees(rms_angle) / math.sqrt(3) * spread, counts)
