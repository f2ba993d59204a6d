"""Face, haptic, olfactory and motion-platform frames, on NumPy columns.

Face weights follow XR_FB_face_tracking2 (70 expressions), XR_HTC_facial_tracking (14 eye
plus 37 lip expressions) or ARKit's 52 blend shapes; haptics follow XrHapticVibration
(duration in ns, -1 for the shortest pulse the device can make; frequency in Hz, 0 for
unspecified; amplitude 0..1). Limits a device declares in its offer are checked too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import Message, msg

from .capture.columns import dof6_view, float_rows
from .capture.frames import DOF6_AXES
from .chunk import Chunk, report
from .face_accuracy import follow_face
from .haptic_output import collect_commands
from .jsonread import object_of, text
from .platform_corners import fold_corners
from .platform_response import fold_response
from .plausibility import Extreme
from .scent_release import collect_scent_commands

if TYPE_CHECKING:
    from conformance.area import JsonObject

    from .model import StreamStats

FACE_SETS = {"fb2_70": 70, "htc_eye14_lip37": 14 + 37, "arkit52": 52}
MIN_HAPTIC_DURATION = -1  # XR_MIN_HAPTIC_DURATION

Rule = tuple[np.ndarray, Callable[[int], tuple[Message, dict[str, object]]]]


def _report_rules(chunk: Chunk, key: str, rules: list[Rule]) -> None:
    """One finding per frame in the log ``key``, naming the first of ``rules`` (mask, describe) it breaks."""
    if not rules:
        return
    any_bad = np.logical_or.reduce([mask for mask, _ in rules])
    chunk.stats.add_checked(key, len(chunk))

    def describe(row: int) -> tuple[Message, dict[str, object]]:
        return next(d(row) for mask, d in rules if mask[row])

    report(chunk, key, any_bad, describe)


def _outside(values: np.ndarray, low: float, high: float) -> np.ndarray:
    return ~((values >= low) & (values <= high))  # NaN-safe


def _max_duration(duration: np.ndarray, offer: JsonObject, rule: str | None) -> list[Rule]:
    """The device's declared max_duration_ns, for haptic and olfactory output alike; ``rule``: the R-number
    of the caller's requirement that states it (None: the requirement defines no rules)."""
    longest = offer.get("max_duration_ns")
    if not isinstance(longest, int):
        return []
    return [(duration > longest, lambda r: (
        msg("terminal.above-max-duration", duration=int(duration[r]), limit=longest),
        {"pointer": "/duration_ns", "actual": int(duration[r]), "expected": f"<= {longest}", "rule": rule}))]


def check_face_frames(chunk: Chunk) -> None:
    n = len(chunk)
    sets = list(map(attrgetter("set"), chunk.frames))
    parsed = chunk.columns.get("weights")  # of one set, parsed from the JSON text (reader._decode_as_text)
    if parsed is not None:
        weights: list[list[float]] = []
        expected = np.full(n, parsed.shape[1], np.int64)
        counts = expected
    else:
        weights = list(map(attrgetter("weights"), chunk.frames))
        counts = np.fromiter(map(len, weights), np.int64, n)
        expected = np.fromiter((FACE_SETS[s] for s in sets), np.int64, n)
    wrong = counts != expected
    chunk.stats.add_checked("face_count", n)
    report(chunk, "face_count", wrong, lambda r: (
        msg("terminal.face-count", count=int(counts[r]), set=sets[r], expected=int(expected[r])),
        {"pointer": "/weights", "actual": int(counts[r]), "expected": int(expected[r])}))

    # TD-FACE-002: every weight within [0, 1]; TD-FACE-003: a face not valid has all weights 0.
    valid = chunk.column("valid", bool)
    # the weights of each set, one (rows, size) array (read once, not once per rule)
    by_size = [] if parsed is None else [(np.arange(n), parsed)]
    for size in [] if parsed is not None else np.unique(expected[~wrong]).tolist():
        rows = np.flatnonzero(~wrong & (expected == size))
        picked = weights if len(rows) == n else [weights[r] for r in rows]
        w = float_rows(picked, size)  # one strided view of their MessagePack encoding
        if w is None:  # a weight that is not laid out as a float (an int): one by one
            w = np.array(picked, dtype=np.float64).reshape(len(rows), size)
        by_size.append((rows, w))
    if chunk.stats.face_track is not None:  # beside or from a reference facial capture (TD-FACE-004)
        for rows, w in by_size:
            follow_face(chunk, rows, w, valid, sets)
    for check, expectation in (("face_weights", "0 <= weight <= 1"), ("face_invalid", 0)):
        bad = np.zeros(n, dtype=bool)
        first = np.zeros(n, dtype=np.int64)
        values = np.zeros(n)
        for all_rows, all_w in by_size:
            # only the rows that can break the rule get a pass per weight: none when every
            # weight is within [0, 1] (min and max; NaN fails both comparisons), or every face valid
            if check == "face_weights":
                if float(all_w.min()) >= 0.0 and float(all_w.max()) <= 1.0:
                    continue
                rows, w = all_rows, all_w
                item_bad = _outside(w, 0.0, 1.0)
            else:
                invalid = np.flatnonzero(~valid[all_rows])
                if not len(invalid):
                    continue
                rows, w = all_rows[invalid], all_w[invalid]
                item_bad = w != 0
            bad[rows] = item_bad.any(axis=1)
            first[rows] = np.argmax(item_bad, axis=1)
            values[rows] = w[np.arange(len(rows)), first[rows]]
        chunk.stats.add_checked(check, int(np.count_nonzero(~wrong)))  # a valid frame holds TD-FACE-003 too
        key = "terminal.face-weight-range" if check == "face_weights" else "terminal.face-invalid-weight"

        def describe(r: int, first: np.ndarray = first, values: np.ndarray = values, key: str = key,
                     expectation: object = expectation) -> tuple[Message, dict[str, object]]:
            k, v = int(first[r]), float(values[r])
            return msg(key, index=k, value=v), {"pointer": f"/weights/{k}", "actual": v, "expected": expectation}

        report(chunk, check, bad, describe)


def check_haptic_frames(chunk: Chunk) -> None:
    duration = chunk.column("duration_ns", np.int64)
    frequency = chunk.column("frequency_hz")
    amplitude = chunk.column("amplitude")
    offer = chunk.stats.offer
    rules: list[Rule] = [
        (duration < MIN_HAPTIC_DURATION, lambda r: (
            msg("terminal.haptic-duration", duration=int(duration[r])),
            {"pointer": "/duration_ns", "actual": int(duration[r]), "expected": ">= -1"})),
        (~(frequency >= 0), lambda r: (
            msg("terminal.haptic-frequency", frequency=float(frequency[r])),
            {"pointer": "/frequency_hz", "actual": float(frequency[r]), "expected": ">= 0"})),
        (_outside(amplitude, 0.0, 1.0), lambda r: (
            msg("terminal.haptic-amplitude", amplitude=float(amplitude[r])),
            {"pointer": "/amplitude", "actual": float(amplitude[r]), "expected": "0 <= amplitude <= 1"})),
    ]
    _report_rules(chunk, "haptic", rules)  # TD-HAPT-001: what XrHapticVibration allows
    if chunk.stats.haptic_commands is not None:  # TD-HAPT-003: commands an accelerometer measured
        collect_commands(chunk, duration, frequency, amplitude)
    # TD-HAPT-002: what the device's haptic offer can play (nothing to exceed when it declares no limit)
    offered: list[Rule] = []
    limit = offer.get("max_frequency_hz")
    if isinstance(limit, int | float):
        offered.append((frequency > limit, lambda r: (
            msg("terminal.above-max-frequency", frequency=float(frequency[r]), limit=limit),
            {"pointer": "/frequency_hz", "actual": float(frequency[r]), "expected": f"<= {limit:g}"})))
    offered.extend(_max_duration(duration, offer, None))  # TD-HAPT-002 defines no rules
    chunk.stats.add_checked("haptic_offer", 0 if offered else len(chunk))
    _report_rules(chunk, "haptic_offer", offered)


def check_olfactory_frames(chunk: Chunk) -> None:
    intensity = chunk.column("intensity")
    duration = chunk.column("duration_ns", np.int64)
    offer = chunk.stats.offer
    rules: list[Rule] = [
        (_outside(intensity, 0.0, 1.0), lambda r: (
            msg("terminal.olfactory-intensity", intensity=float(intensity[r])),
            {"pointer": "/intensity", "actual": float(intensity[r]), "expected": "0 <= intensity <= 1"})),
        (duration < 0, lambda r: (
            msg("terminal.olfactory-duration", duration=int(duration[r])),
            {"pointer": "/duration_ns", "actual": int(duration[r]), "expected": ">= 0"})),
    ]
    _report_rules(chunk, "olfactory", rules)  # TD-OLF-001: intensity and duration in range
    collect_scent_commands(chunk, intensity, duration)  # TD-OLF-003: the commands a gas sensor measured
    # TD-OLF-002: what the device's olfactory offer can produce (nothing to exceed when it declares no limit)
    offered: list[Rule] = []
    scents = offer.get("scents")
    if isinstance(scents, list):
        names = list(map(attrgetter("scent"), chunk.frames))
        known = {s for s in scents if isinstance(s, str)}  # the descriptor schema reports the rest
        unknown = np.fromiter((s not in known for s in names), bool, len(names))
        offered.append((unknown, lambda r: (
            msg("terminal.unknown-scent", scent=repr(names[r])),
            {"pointer": "/scent", "actual": names[r], "expected": sorted(known), "rule": "R1"})))
    offered.extend(_max_duration(duration, offer, "R2"))
    chunk.stats.add_checked("olfactory_offer", 0 if offered else len(chunk))
    _report_rules(chunk, "olfactory_offer", offered)


def _dof6_columns(chunk: Chunk, member: str) -> np.ndarray:
    """(n, 6) of every frame's ``member`` (displacement or velocity), axes in DOF6_AXES order:
    read from the structs' MessagePack encoding, gathered axis by axis where it is not laid out
    as expected."""
    view = dof6_view(list(map(attrgetter(member), chunk.frames)))
    if view is not None:
        return view
    return np.column_stack([chunk.column(f"{member}.{axis}") for axis in DOF6_AXES])


def check_motion_platform_frames(chunk: Chunk) -> None:
    spec = chunk.stats.spec
    velocity = _dof6_columns(chunk, "velocity")
    displacement = _dof6_columns(chunk, "displacement")
    derived = displacement_only(spec)
    corner_velocity = velocity
    if derived:  # TD-MPLAT-002 takes no velocity the instrument did not measure
        velocity, rows = derived_velocity(chunk, displacement)
        # TD-MPLAT-004 R2: a frame given no derived velocity (a stream declaring under MIN_DERIVED_RATE_HZ, one after
        # a gap, the first) has no velocity measured, not a velocity of 0 (seventy-ninth reading, c3)
        corner_velocity = np.where(rows[:, None], velocity, np.nan)
    else:
        platform_kinematics(chunk, velocity[:, :3])
    if "commanded_motion" in spec:  # TD-MPLAT-003, TD-MPLAT-004: recorded on a test bench
        fold_response(chunk, displacement)
        fold_corners(chunk, displacement, corner_velocity)
    limits = chunk.stats.offer.get("limits")
    if not isinstance(limits, dict) or not measured_by_instrument(spec):
        return  # the descriptor schema requires limits; TD-MPLAT-001 judges measured frames only
    rules: list[Rule] = []
    for member, rule in (("displacement", "R1"), ("velocity", "R2")):
        bounds = limits.get(member)
        if not isinstance(bounds, dict):
            continue
        columns = velocity if member == "velocity" else displacement
        for index, axis in enumerate(DOF6_AXES):
            bound = bounds.get(axis)
            if not isinstance(bound, int | float):
                continue
            values = columns[:, index]
            magnitude = np.abs(values)
            _platform_state(chunk).peaks.setdefault((member, axis), (float(bound), Extreme()))[1].offer(
                magnitude, functools.partial(_located, chunk, f"/{member}/{axis}"))
            rules.append((_outside(values, -bound, bound),
                          _limit(member, axis, values, bound, rule, derived and member == "velocity")))
    _report_rules(chunk, "motion_platform", rules)


def _located(chunk: Chunk, pointer: str, row: int) -> dict[str, object]:
    """Where a frame's envelope peak is: its line, t and the member's pointer."""
    return {key: v for key, v in chunk.where(int(row), pointer).items() if key in ("line", "t", "pointer")}


def _limit(member: str, axis: str, values: np.ndarray, bound: float, rule: str,
           derived: bool) -> Callable[[int], tuple[Message, dict[str, object]]]:
    """A frame's measured ``member`` beyond the rated envelope; a velocity ``derived`` from the measured
    displacement is the one between the frame and the one before, so it points at the displacement."""
    key = "terminal.platform-derived-limit" if derived else "terminal.platform-limit"
    pointer = f"/displacement/{axis}" if derived else f"/{member}/{axis}"
    return lambda r: (msg(key, member=member, axis=axis, value=float(values[r]), bound=bound),
                      {"pointer": pointer, "actual": round(float(values[r]), 6), "expected": f"|value| <= {bound:g}",
                       "rule": rule})


def measured_by_instrument(spec: JsonObject) -> bool:
    """Whether a motion_platform stream declares the instrument on the moving base its frames come from,
    with its calibration (TD-MPLAT-002's test method; the header schema says what a malformed one lacks)."""
    instrument = spec.get("measured_by")
    return isinstance(instrument, dict) and isinstance(instrument.get("kind"), str) \
        and text(instrument.get("calibration")) is not None


def displacement_only(spec: JsonObject) -> bool:
    """Whether a stream's declared instrument measures the moving base's displacement only (an optical
    or laser tracker, a draw-wire sensor): the frames' velocity is then not a measurement."""
    quantities = object_of(spec.get("measured_by")).get("quantities")
    return measured_by_instrument(spec) and quantities == ["displacement"]


#: TD-MPLAT-001 R2 on a displacement-only instrument: the stream's declared rate must be at least this,
#: and velocities are differenced only between consecutive frames at most 1.5 nominal periods apart
#: (a longer interval is a gap: its difference quotient averages the motion over it).
MIN_DERIVED_RATE_HZ = 100.0
GAP_PERIODS = 1.5


def underived(file: str, stats: StreamStats) -> Message:
    """Why a displacement-only stream was given no velocity, so TD-MPLAT-001 R2 is not judged on it (its
    displacement, R1, still is): its declared rate below MIN_DERIVED_RATE_HZ, or no two consecutive frames
    at most GAP_PERIODS declared periods apart."""
    rate = stats.rate_hz
    if not isinstance(rate, int | float) or rate < MIN_DERIVED_RATE_HZ:
        return msg("terminal.platform-underived", file=file, sid=repr(stats.id), rate=rate or 0,
                   fewest=MIN_DERIVED_RATE_HZ)
    return msg("terminal.platform-underived-gaps", file=file, sid=repr(stats.id), count=stats.frames,
               periods=GAP_PERIODS)


def derived_velocity(chunk: Chunk, displacement: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(n, 6) velocities of the frames of a displacement-only stream, and which rows were given one: the change of the measured
    displacement since the frame before over the change of their timestamps (a backward difference,
    the mean velocity over that interval), 0 where there is none to take (the stream's first frame, a
    frame whose t does not increase, one after a gap, a stream declaring less than MIN_DERIVED_RATE_HZ:
    these are counted in its PlatformState, not judged)."""
    state = _platform_state(chunk)
    velocity = np.zeros_like(displacement)
    given = np.zeros(len(displacement), dtype=bool)
    rate = chunk.stats.rate_hz
    x, t, rows = _increasing(state.x, state.xt, chunk, displacement)
    state.x, state.xt = x[-1:].copy(), t[-1:].copy()
    if not isinstance(rate, int | float) or rate < MIN_DERIVED_RATE_HZ:
        state.underived += len(chunk)
        return velocity, given
    dt = np.diff(t)
    close = dt <= GAP_PERIODS * 1e9 / rate
    later = rows[1:][close]  # never a carried frame: the carried one is the earlier of its pair
    velocity[later] = np.diff(x, axis=0)[close] / (dt[close] / 1e9)[:, None]
    given[later] = True
    state.derived += len(later)
    state.underived += len(chunk) - len(later)
    return velocity, given


@dataclass
class PlatformState:
    """A motion_platform stream across chunks. TD-MPLAT-002: the last two translational velocities and
    their times, and the largest acceleration and jerk magnitudes so far (m/s^2, m/s^3). TD-MPLAT-001 on
    a displacement-only instrument: the last measured displacement and its time, and how many frames
    were given a derived velocity and how many were not."""

    v: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))
    t: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    acceleration: Extreme = field(default_factory=Extreme)
    jerk: Extreme = field(default_factory=Extreme)
    x: np.ndarray = field(default_factory=lambda: np.empty((0, 6)))
    xt: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    derived: int = 0
    underived: int = 0
    #: TD-MPLAT-001: per (member, axis) with a rated bound, that bound and the largest measured magnitude, judged
    #: once more by the requirement's decision rule with the instrument's uncertainty
    peaks: dict[tuple[str, str], tuple[float, Extreme]] = field(default_factory=dict)


def _platform_state(chunk: Chunk) -> PlatformState:
    stats = chunk.stats
    if stats.platform is None:
        stats.platform = PlatformState()
    return stats.platform


def _increasing(carried: np.ndarray, carried_t: np.ndarray, chunk: Chunk,
                values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The carried frames' ``values`` and times followed by this chunk's, and each one's row in the
    chunk (negative for a carried frame), leaving out frames whose t does not increase (TD-CAP-002
    judges them)."""
    v, t = np.vstack((carried, values)), np.concatenate((carried_t, chunk.t))
    rows = np.concatenate((np.arange(-len(carried_t), 0), np.arange(len(chunk))))
    keep = np.concatenate(([True], np.diff(t) > 0))
    return v[keep], t[keep], rows[keep]


def platform_kinematics(chunk: Chunk, v: np.ndarray) -> None:
    """Acceleration and jerk of the platform's translation (surge, sway, heave: ``v``, one
    row per frame), by finite differences of the frames' velocity over their timestamps:
    a = dv/dt between consecutive frames, jerk = da/dt between consecutive accelerations (at
    their midpoints). Frames whose t does not increase are left out (TD-CAP-002 judges them)."""
    state = _platform_state(chunk)
    v, t, rows = _increasing(state.v, state.t, chunk, v)
    state.v, state.t = v[-2:].copy(), t[-2:].copy()
    if len(t) < 2:
        return
    dt = np.diff(t) / 1e9
    a = np.diff(v, axis=0) / dt[:, None]
    _offer(chunk, state.acceleration, a, rows[1:], 4)  # each acceleration at the later of its two frames
    if len(a) < 2:
        return
    mid = (t[1:] + t[:-1]) / 2e9
    _offer(chunk, state.jerk, np.diff(a, axis=0) / np.diff(mid)[:, None], rows[2:], 3)


def _offer(chunk: Chunk, extreme: Extreme, vectors: np.ndarray, rows: np.ndarray, digits: int) -> None:
    """Offer the magnitudes of ``vectors`` ending at frames of this chunk (``rows`` >= 0; the
    carried frames' were offered with the chunk before)."""
    new = np.flatnonzero(rows >= 0)
    magnitude = np.sqrt(np.einsum("ij,ij->i", vectors[new], vectors[new]))
    extreme.offer(magnitude, lambda k: chunk.where(int(rows[new[k]]), "/velocity",
                                                   actual=round(float(magnitude[k]), digits)))
