"""Distance attenuation measured (TD-AUD-007): the level at the ears of a test source played at
several declared distances, against the distance model the scene declares.

The recording is TD-AUD-004's (:mod:`.binaural`): a still listener, test signals declared in
``binaural.test_signals`` with their start on the capture clock, duration and position, and the ears'
samples; each signal's window is gathered and measured there (``binaural.gather_windows``), and this
module reads the ear levels it measured. The stream declares in addition:

- ``binaural.distance_model``: ``model`` (``linear``, ``inverse`` or ``exponential``),
  ``ref_distance_m``, ``max_distance_m`` and ``rolloff_factor``, the W3C Web Audio API's PannerNode
  parameters (refDistance, maxDistance, rolloffFactor);
- each test signal's ``source``: the name of the test source it plays (one stimulus at one level,
  played from one direction at several distances).

A signal's distance is that of its position from the listener's. Its level is both ears' energy
together (the mean of their mean squares, in dB full scale), so the head's shadow on one ear does not
count. The model's gain at a distance is Web Audio's (section 6.4, Distance Effects):

- linear: 1 - f (d' - ref) / (max - ref), d' = d clamped to [ref, max], f clamped to [0, 1];
- inverse: ref / (ref + f (max(d, ref) - ref));
- exponential: (max(d, ref) / ref) ^ -f.

So the gain is held constant nearer than ref (every model) and beyond max (the linear model's
only); there the model's range ends. For each source the reference is its nearest distance within the
range; each other distance's level relative to it is held to 20 log10 of the model's gain ratio: R1
for distances within the range, R2 for those where the model holds the gain.

The linear model with f at least 1 gives a gain of 0 at max and beyond: a level of -inf dB, which no
measurement can be within 1 dB of (a correct renderer is silent there, its level -inf at a digital
output and the room's noise at the ears). Such a distance is :meth:`DistanceModel.silent`; the check
judges its level relative to the reference against a stated floor instead (``Compared.silent``). The
inverse and exponential models' gains are above 0 at every finite distance and rolloff factor; their
levels are computed in dB directly (``level_db``), so a steep exponential model does not underflow.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from conformance import Message, msg

from .binaural import Measured, declaration
from .jsonread import list_of, object_of, vector
from .model import StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

MODELS = ("linear", "inverse", "exponential")
SAME_DISTANCE_M = 0.01  # two signals of a source this close in distance are one distance


@dataclass(frozen=True)
class DistanceModel:
    """A Web Audio PannerNode's distance model (W3C Web Audio API, 6.4 Distance Effects)."""

    model: str
    ref_m: float
    max_m: float
    rolloff: float

    def gain(self, distance_m: float) -> float:
        """The distance gain at ``distance_m``, as section 6.4 computes it."""
        if self.model == "linear":
            ref, top = min(self.ref_m, self.max_m), max(self.ref_m, self.max_m)
            rolloff = min(max(self.rolloff, 0.0), 1.0)
            if top == ref:
                return 1.0 - rolloff
            return 1.0 - rolloff * (min(max(distance_m, ref), top) - ref) / (top - ref)
        d = max(distance_m, self.ref_m)
        if self.model == "inverse":
            return self.ref_m / (self.ref_m + self.rolloff * (d - self.ref_m))
        return (d / self.ref_m) ** -self.rolloff

    def gain_db(self, distance_m: float) -> float:
        """20 log10 of the gain at ``distance_m``: -inf where the gain is 0 (:meth:`silent`); the inverse and
        exponential models' in dB directly (finite, however steep the rolloff). The linear model's gain is 0
        from max on with a rolloff factor of 1 or more, a distance within SAME_DISTANCE_M of max being max (a
        distance computed from coordinates rounded to 1 um reads 8 m as 7.9999998 m, where the formula gives
        about -150 dB, not silence), as the range's ends are read (:meth:`held`)."""
        if self.model == "linear":
            top = max(self.ref_m, self.max_m)
            if self.rolloff >= 1 and (top == min(self.ref_m, self.max_m) or distance_m >= top - SAME_DISTANCE_M):
                return -math.inf
            return _db(self.gain(distance_m))
        d = max(distance_m, self.ref_m)
        if self.model == "inverse":
            return -20 * math.log10(1 + self.rolloff * (d - self.ref_m) / self.ref_m)
        return -20 * self.rolloff * math.log10(d / self.ref_m)

    def silent(self, distance_m: float) -> bool:
        """Whether the model's gain at ``distance_m`` is 0: the linear model with a rolloff factor of 1 or more,
        at max (within SAME_DISTANCE_M) and beyond (the inverse and exponential models' never is)."""
        return self.gain_db(distance_m) == -math.inf

    def held(self, distance_m: float) -> str | None:
        """Where the model holds its gain at ``distance_m``: ``"ref"`` (nearer than refDistance),
        ``"max"`` (beyond maxDistance, the linear model only), or None within its range."""
        if distance_m < self.ref_m - SAME_DISTANCE_M:
            return "ref"
        if self.model == "linear" and distance_m > self.max_m + SAME_DISTANCE_M:
            return "max"
        return None

    def level_db(self, distance_m: float, reference_m: float) -> float:
        """The model's level at ``distance_m`` relative to ``reference_m``, in dB."""
        return self.gain_db(distance_m) - self.gain_db(reference_m)


def _db(gain: float) -> float:
    return 20 * math.log10(gain) if gain > 0 else -math.inf


def _positive(value: object, zero: bool = False) -> float | None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        return None
    return float(value) if value > 0 or (zero and value == 0) else None


def declared_model(spec: JsonObject) -> DistanceModel | None:
    """The stream's ``binaural.distance_model``, or None when it is absent or unusable (no known
    model, a distance not positive, a rolloff factor negative)."""
    value = object_of(spec.get("binaural")).get("distance_model")
    if not isinstance(value, dict) or value.get("model") not in MODELS:
        return None
    ref, top = _positive(value.get("ref_distance_m")), _positive(value.get("max_distance_m"))
    rolloff = _positive(value.get("rolloff_factor"), zero=True)
    if ref is None or top is None or rolloff is None:
        return None
    return DistanceModel(str(value["model"]), ref, top, rolloff)


def signal_distances(spec: JsonObject) -> dict[int, float]:
    """Each declared test signal's distance from the listener (m), by index: those giving a position, none
    without a listener's position."""
    audio = object_of(spec.get("binaural"))
    listener = vector(object_of(audio.get("listener")).get("position"), "xyz")
    if listener is None:
        return {}
    positions = {index: vector(object_of(item).get("position"), "xyz")
                 for index, item in enumerate(list_of(audio.get("test_signals")))}
    return {index: float(np.linalg.norm(position - listener)) for index, position in positions.items()
            if position is not None}


def silenced(spec: JsonObject) -> dict[int, float]:
    """The declared test signals whose distance from the listener the stream's declared distance model
    silences (:meth:`DistanceModel.silent`), by index, with that distance (m): TD-AUD-004 leaves them out,
    a correct renderer sending nothing there. None without a usable model, listener or position."""
    model = declared_model(spec)
    if model is None:
        return {}
    return {index: distance for index, distance in signal_distances(spec).items() if model.silent(distance)}


def distance_scene(stats: StreamStats) -> bool:
    """A binaural stream recorded for TD-AUD-007: one declaring a distance model."""
    return "distance_model" in declaration(stats)


@dataclass(frozen=True)
class Heard:
    """One test signal as TD-AUD-007 reads it: its source's name, distance (m) and level at the ears
    (both ears' energy together, dB FS), with TD-AUD-004's measurement it comes from."""

    source: str
    distance_m: float
    level_dbfs: float
    measured: Measured


@dataclass(frozen=True)
class Compared:
    """One distance of a source held to the model: the level relative to the reference distance,
    measured and the model's (dB), the rule (R1 within the range, R2 where the model holds its gain).
    Where the model's gain is 0 (``silent``) its level is -inf dB, and no error in dB is taken: the
    measured level is held below a stated floor instead."""

    heard: Heard
    reference: Heard
    measured_db: float
    model_db: float
    rule: str
    held: str | None

    @property
    def silent(self) -> bool:
        return self.model_db == -math.inf

    @property
    def error_db(self) -> float:
        """How far the measured level is from the model's (dB); not defined where the model is silent."""
        if self.silent:
            raise ValueError("the model's gain is 0 here: the level is held below a floor, not within dB of -inf")
        return abs(self.measured_db - self.model_db) if math.isfinite(self.measured_db) else math.inf


def ears_dbfs(left_dbfs: float, right_dbfs: float) -> float:
    """Both ears' energy together: 10 log10 of the mean of their mean squares."""
    power = (10 ** (left_dbfs / 10) + 10 ** (right_dbfs / 10)) / 2
    return 10 * math.log10(power) if power > 0 else -math.inf


def heard_signals(spec: JsonObject, measured: Iterable[Measured]) -> dict[str, list[Heard]]:
    """The measured signals naming a ``source``, grouped by it, nearest first."""
    declared = list_of(object_of(spec.get("binaural")).get("test_signals"))
    distances = signal_distances(spec)
    groups: dict[str, list[Heard]] = {}
    for got in measured:
        name = object_of(declared[got.signal.index]).get("source")
        if not isinstance(name, str) or not name or got.signal.index not in distances:
            continue
        groups.setdefault(name, []).append(Heard(name, distances[got.signal.index],
                                                 ears_dbfs(got.left_dbfs, got.right_dbfs), got))
    return {name: sorted(heard, key=lambda h: h.distance_m) for name, heard in sorted(groups.items())}


def within_range(model: DistanceModel, heard: list[Heard]) -> list[Heard]:
    """The source's signals within the model's range, one per distance (the first played)."""
    kept: list[Heard] = []
    for h in heard:
        if model.held(h.distance_m) is None and all(abs(h.distance_m - k.distance_m) > SAME_DISTANCE_M
                                                     for k in kept):
            kept.append(h)
    return kept


def compare(model: DistanceModel, heard: list[Heard], fewest_db: float) -> list[Compared] | None:
    """Each of a source's signals against the one at its nearest distance within the model's range,
    or None when the source cannot be judged: fewer than two distances within the range, or the
    model's level across them changing by less than ``fewest_db`` (a renderer ignoring distance
    could pass)."""
    ranged = within_range(model, heard)
    if len(ranged) < 2:
        return None
    reference = ranged[0]
    if abs(model.level_db(ranged[-1].distance_m, reference.distance_m)) < fewest_db:
        return None
    return [Compared(h, reference, h.level_dbfs - reference.level_dbfs,
                     model.level_db(h.distance_m, reference.distance_m),
                     "R1" if model.held(h.distance_m) is None else "R2", model.held(h.distance_m))
            for h in heard if h is not reference]


def distance_unjudged(stats: StreamStats) -> Message | None:
    """Why a binaural stream declaring a distance model cannot be judged (a message), or None."""
    if declared_model(stats.spec) is None:
        return msg("terminal.distance-no-model", sid=repr(stats.id))
    return None
