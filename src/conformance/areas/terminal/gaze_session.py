"""Whether an eye tracker's accuracy holds over a session and after the headset slips (TD-GAZE-004).

A session validates the tracker three times, each validation recorded by an ``eye_gaze`` stream of its own that
declares it in ``session_validation``: its ``phase`` (``start``: right after the tracker's own calibration;
``worn``: after the headset has been worn for a while; ``slipped``: after the test displaced the headset on the
head, the displacement stated in ``slip.displacement_mm``), the ``settle_ms`` and the fixation ``targets``, read
as TD-GAZE-002 reads ``fixation_targets`` (:func:`.gaze.declared_targets`), and the target apparatus
(``instrument``). How long the headset was worn is read from the capture clock: the first target of the ``worn``
validation less the first target of the ``start`` one.

Each phase's accuracy is the mean, over its measured targets, of the gaze's mean angular offset from each target
(:func:`.gaze.measure`); the ``worn`` and ``slipped`` phases are each held to the limit on accuracy and to the
largest rise over the ``start`` phase's accuracy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .gaze import GazeState, Measured, declared_targets, measure
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

MEMBER = "session_validation"
PHASES = ("start", "worn", "slipped")


@dataclass(frozen=True)
class Phase:
    """One stream's validation: its phase, its targets measured, their mean accuracy (deg) and its type A standard
    uncertainty (the targets' own combined: sqrt(sum u**2) / m; None and 0 when none was measured), the first
    target's onset (ns) and, for a slip, its declared displacement (mm)."""

    stats: StreamStats
    phase: str
    measured: list[Measured]
    accuracy_deg: float | None
    accuracy_u: float
    onset: int | None
    slip_mm: float | None


def declared_phase(spec: JsonObject) -> tuple[str, GazeState] | None:
    """The phase a stream's ``session_validation`` names and the state of its targets' windows; None when it
    declares none or names no known phase (an empty target list: none could be read)."""
    declared = spec.get(MEMBER)
    if not isinstance(declared, dict) or declared.get("phase") not in PHASES:
        return None
    targets = declared_targets({"fixation_targets": declared})
    return str(declared["phase"]), GazeState(targets or [])


def read_session_validations(result: CaptureAnalysis) -> None:
    """Set up the windows of every eye-gaze stream that declares a session's validation."""
    for stats in result.streams_of("eye_gaze"):
        declared = declared_phase(stats.spec)
        if declared is not None:
            stats.gaze_session = declared[1]


def measured_phase(stats: StreamStats) -> Phase:
    """One validation stream measured."""
    phase, _ = declared_phase(stats.spec) or ("", None)
    state: GazeState = stats.gaze_session
    got = [measure(target, state.windows.get(target.index), stats.rate_hz) for target in state.targets]
    values = [(m.accuracy_deg, m.accuracy_u) for m in got if m.accuracy_deg is not None]
    accuracy = sum(v for v, _ in values) / len(values) if values else None
    u = sum(u * u for _, u in values) ** 0.5 / len(values) if values else 0.0
    return Phase(stats, phase, got, accuracy, u, min((t.onset for t in state.targets), default=None),
                 slip_mm(stats.spec))


def slip_mm(spec: JsonObject) -> float | None:
    """The slip's displacement a ``slipped`` validation declares (mm); None when it states none."""
    declared = spec.get(MEMBER)
    slip = declared.get("slip") if isinstance(declared, dict) else None
    shift = slip.get("displacement_mm") if isinstance(slip, dict) else None
    if isinstance(shift, int | float) and not isinstance(shift, bool) and math.isfinite(shift):
        return float(shift)
    return None


def phases_of(result: CaptureAnalysis) -> dict[str, list[Phase]]:
    """The capture's validation streams measured, by phase."""
    found: dict[str, list[Phase]] = {}
    for stats in result.streams_of("eye_gaze"):
        if stats.gaze_session is not None:
            got = measured_phase(stats)
            found.setdefault(got.phase, []).append(got)
    return found
