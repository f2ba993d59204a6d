"""Force feedback (TD-FORCE-*): commanded forces, torques, stiffness and finger resistance.

A ``force_feedback`` stream holds the commands a device was given, one per frame: a
``force`` vector in newtons, a ``torque`` vector in newton metres, a ``stiffness`` in newtons
per metre (a virtual spring), and for gloves a resistance per finger, ``curl``, 0 (free) to
1 (the most the device can resist), after OpenXR's XR_MNDX_force_feedback_curl. The device's
offer declares what it can apply, ``limits`` (``force_n``, ``torque_nm``, ``stiffness_n_m``
for the quantities its streams name in ``commands``), and its ``safety`` limits: ``max_force_n``, the
force it never exceeds whatever it is commanded, and ``stop_after_ms``, how soon output stops
when commands cease.

- ``force_declared`` (TD-FORCE-001), read with the header: the limits and safety limits an offer
  declares, when it declares any, each a positive number and the safety force not above the force limit;
- ``force_range`` (TD-FORCE-002), on the frames' columns: every commanded value within the
  declared limit of its quantity (the force also within the safety force), each finger's
  curl within 0..1 (a curl needs no declared limit: 1 is the most the device can resist); the
  strongest commanded force kept, which the suite holds to the standard's force (max_safety_force_n);
- TD-FORCE-003 is judged by the suite: the declared safety force against a profile bound;
- TD-FORCE-004: the commanded forces kept for a force sensor's trace (force_output.py);
- TD-FORCE-005: the same trace after the commands cease, the stop time measured (force_stop.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from operator import attrgetter
from typing import TypeGuard

import numpy as np

from conformance import Message, msg

from .capture.columns import vec3_view
from .chunk import Chunk, report
from .force_output import collect_force_commands
from .model import CaptureAnalysis, StreamStats, captured
from .plausibility import Extreme

QUANTITIES = {"force": "force_n", "torque": "torque_nm", "stiffness": "stiffness_n_m"}
FINGERS = ("thumb", "index", "middle", "ring", "little")  # XrForceFeedbackCurlLocationMNDX
SAFETY = ("max_force_n", "stop_after_ms")
#: what TD-FORCE-001 permits an offer to declare: its limits and its safety limits, by block
DECLARED = (("limits", tuple(QUANTITIES.values())), ("safety", SAFETY))


def _positive(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def limits(stats: StreamStats) -> dict[str, float]:
    """The declared limit of each quantity (its member name in the offer's limits)."""
    declared = stats.offer.get("limits")
    if not isinstance(declared, dict):
        return {}
    return {q: float(value) for q, m in QUANTITIES.items() if _positive(value := declared.get(m))}


def safe_force(stats: StreamStats) -> float | None:
    safety = stats.offer.get("safety")
    value = safety.get("max_force_n") if isinstance(safety, dict) else None
    return float(value) if isinstance(value, int | float) and _positive(value) else None


def stop_after_ms(stats: StreamStats) -> float | None:
    """How soon the device declares its output stops when commands cease (safety.stop_after_ms), in ms."""
    safety = stats.offer.get("safety")
    value = safety.get("stop_after_ms") if isinstance(safety, dict) else None
    return float(value) if isinstance(value, int | float) and _positive(value) else None


def read_force(result: CaptureAnalysis) -> None:
    """TD-FORCE-001 over the header's force_feedback streams and the offers they are of: a MAY, so
    only what an offer declares is judged (each value a positive number, the safety force not above
    the force limit); an offer declaring no limit and no safety limit is not counted."""
    log = result.log("force_declared")
    for stats in result.streams_of("force_feedback"):
        where = f"/device/offers/{stats.offer_index}" if stats.offer_index is not None else f"/streams/{stats.index}"
        declared = {f"{block}/{member}": group[member] for block, members in DECLARED
                    if isinstance(group := stats.offer.get(block), dict) for member in members if member in group}
        if not declared:
            continue  # the permitted declaration was not made: nothing to judge
        stats.add_checked("force_declared", 1)
        for member, value in declared.items():
            if not _positive(value):
                log.add(captured(msg("terminal.force-declared-not-positive", sid=repr(stats.id), member=member),
                                 line=1, stream=stats.id, pointer=f"{where}/{member}", actual=value,
                                 expected="> 0"))
        top, force = safe_force(stats), limits(stats).get("force")
        if top is not None and force is not None and top > force:
            log.add(captured(msg("terminal.force-safety-above-range", sid=repr(stats.id), safety=top, limit=force),
                             line=1, stream=stats.id, pointer=f"{where}/safety/max_force_n", actual=top,
                             expected=f"<= {force:g}"))


def _vectors(chunk: Chunk, member: str) -> np.ndarray:
    """(n,) magnitudes of an optional vector member; NaN where a frame has none."""
    vectors = list(map(attrgetter(member), chunk.frames))
    xyz = vec3_view(vectors)  # every frame has one: read from their MessagePack bytes
    if xyz is not None:
        return np.sqrt(np.einsum("ij,ij->i", xyz, xyz))
    out = np.full(len(vectors), np.nan)
    rows = [k for k, v in enumerate(vectors) if v is not None]
    if rows:
        xyz = np.fromiter(chain.from_iterable(map(_XYZ, (vectors[k] for k in rows))), np.float64, 3 * len(rows))
        xyz = xyz.reshape(-1, 3)
        out[rows] = np.sqrt(np.einsum("ij,ij->i", xyz, xyz))
    return out


def optional_floats(chunk: Chunk, member: str) -> np.ndarray:
    """(n,) float64 of an optional number member; NaN where a frame has none."""
    return np.array(list(map(attrgetter(member), chunk.frames)), dtype=np.float64)


_XYZ = attrgetter("x", "y", "z")


Describe = Callable[[int], tuple[Message, dict[str, object]]]


def check_force_frames(chunk: Chunk) -> None:
    """TD-FORCE-002: each commanded value within its declared limit and the safety force."""
    stats = chunk.stats
    declared = limits(stats)
    top = safe_force(stats)
    rules: list[tuple[np.ndarray, Describe]] = []
    force, torque = _vectors(chunk, "force"), _vectors(chunk, "torque")
    if stats.force_commands is not None:  # TD-FORCE-004: commands a force sensor measured
        collect_force_commands(chunk, force)
    if not np.isnan(force).all():  # TD-FORCE-002: the strongest command, for the standard's force
        if stats.strongest is None:
            stats.strongest = Extreme(value=-np.inf)
        stats.strongest.offer(np.where(np.isnan(force), -np.inf, force),
                              lambda r: {"line": int(chunk.lines[r]), "t": int(chunk.t[r])})
    stiffness = optional_floats(chunk, "stiffness")
    for quantity, values, unit in (("force", force, "N"), ("torque", torque, "N m"), ("stiffness", stiffness, "N/m")):
        given = ~np.isnan(values)
        if not given.any():
            continue
        bound = declared.get(quantity)
        if bound is None:
            if stats.offer_index is not None:  # no offer found: no limit to compare with, the stream unjudged (2.3)
                rules.append((given, _unbounded(quantity)))
            continue
        if quantity == "force" and top is not None:
            bound = min(bound, top)
        rules.append((given & ~(values <= bound) | (values < 0), _over(quantity, values, bound, unit)))
    curls: list[dict[str, float] | None] = list(map(attrgetter("curl"), chunk.frames))
    if curls.count(None) != len(curls):
        low = np.array([min(c.values(), default=0.0) if c else 0.0 for c in curls])
        high = np.array([max(c.values(), default=0.0) if c else 0.0 for c in curls])
        unknown = np.array([c is not None and not set(c) <= set(FINGERS) for c in curls])
        rules.append((~((low >= 0) & (high <= 1)) | unknown, lambda r: (
            msg("terminal.force-curl", fingers=", ".join(f"{k} {v:g}" for k, v in sorted((curls[r] or {}).items()))),
            {"pointer": "/curl", "actual": curls[r], "expected": msg("terminal.expect-curl")})))
    chunk.stats.add_checked("force_range", len(chunk))
    if rules:
        bad = np.logical_or.reduce([mask for mask, _ in rules])
        report(chunk, "force_range", bad, lambda r: next(d(r) for mask, d in rules if mask[r]))


def _over(quantity: str, values: np.ndarray, bound: float, unit: str) -> Describe:
    return lambda r: (msg("terminal.force-over", quantity=quantity, value=float(values[r]), limit=bound, unit=unit),
                      {"pointer": f"/{quantity}", "actual": round(float(values[r]), 6),
                       "expected": f"0 <= {quantity} <= {bound:g} {unit}"})


def _unbounded(quantity: str) -> Describe:
    return lambda r: (msg("terminal.force-unbounded", quantity=quantity, member=QUANTITIES[quantity]),
                      {"pointer": f"/{quantity}"})
