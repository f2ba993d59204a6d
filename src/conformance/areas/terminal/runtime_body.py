"""A body tracker's joints located through the runtime test interface (TD-BODY-004, annex D): the OpenXR 1.1
function ``xrLocateBodyJointsFB`` (XR_FB_body_tracking, its default joint set) on the same binding as the other
OpenXR functions, asked at each predicted display time the dialogue waited for, in the stage space. Its answer is
XrBodyJointLocationsFB as JSON: ``isActive``, ``confidence``, ``jointCount``, ``jointLocations`` (each
``locationFlags`` and ``pose``), ``skeletonChangedCount`` and ``time``. Whether the located joints follow the
body is measured against a reference motion capture by TD-BODY-003, not here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .._shared.jsonrpc_ws import Dialogue
from .jsonread import finite, orientation_norm

if TYPE_CHECKING:
    from conformance.area import JsonObject

METHOD = "xrLocateBodyJointsFB"
#: XR_BODY_JOINT_COUNT_FB (XR_FB_body_tracking, XR_BODY_JOINT_SET_DEFAULT_FB)
BODY_JOINT_COUNT = 70
#: the largest deviation of a valid orientation's norm from 1 (OpenXR XrPosef, as TD-POSE-001 and TD-RUN-002)
UNIT_TOLERANCE = 0.01
VALID = ("XR_SPACE_LOCATION_ORIENTATION_VALID_BIT", "XR_SPACE_LOCATION_POSITION_VALID_BIT")
#: (rule, message key, where, values) of one departure
Departure = tuple[str, str, str, dict[str, object]]


def body_requests(claimed: bool, times: list[int], base_space: str) -> list[tuple[str, JsonObject]]:
    """The xrLocateBodyJointsFB requests of the dialogue: one at each predicted display time, where a body is
    claimed."""
    return [(METHOD, {"baseSpace": base_space, "time": t}) for t in times] if claimed else []


def _flags(joint: object) -> set[str]:
    flags = joint.get("locationFlags") if isinstance(joint, dict) else None
    return {f for f in flags if isinstance(f, str)} if isinstance(flags, list) else set()
def _joints(where: str, joints: Sequence[object], active: bool) -> Iterator[Departure]:
    """R2 and R3 on one answer's joints: the first departure of each rule."""
    flagged = unit = False
    for index, joint in enumerate(joints):
        flags = _flags(joint)
        at = f"{where}/jointLocations/{index}"
        valid = [bit in flags for bit in VALID]
        tracked_alone = next((part for part in ("ORIENTATION", "POSITION")
                              if f"XR_SPACE_LOCATION_{part}_TRACKED_BIT" in flags
                              and f"XR_SPACE_LOCATION_{part}_VALID_BIT" not in flags), None)
        if not flagged and (valid != [active, active] or tracked_alone is not None):
            flagged = True
            yield "R2", "terminal.runtime-body-flags", at, {"joint": index, "active": active,
                                                            "flags": sorted(flags)}
        if not unit and valid[0] and isinstance(joint, dict):
            norm = orientation_norm(joint)
            if norm is None or abs(norm - 1) > UNIT_TOLERANCE:
                unit = True
                yield "R3", "terminal.runtime-not-unit", at, {"norm": None if norm is None else round(norm, 4)}


def judge_body(dialogue: Dialogue) -> tuple[list[Departure], int]:
    """The departures of the body locations answered, with the count of answers that were active.

    R1 each call answered, with jointCount XR_BODY_JOINT_COUNT_FB (70) and as many joint locations; R2 each
    joint's orientation and position valid bits set when isActive is true and clear when false, a tracked bit
    only with its valid bit; R3 each valid orientation a unit quaternion within 1 %, and confidence a number
    within 0..1; R4 each answer's time (the time the joints were tracked) an XrTime above 0, at or after the
    previous answer's (XrTime is one monotonic clock, as TD-RUN-005 R2 holds the gaze's sample times)."""
    departures: list[Departure] = []
    active_answers = 0
    last: int | None = None
    for number, e in enumerate(dialogue.answered(METHOD), 1):
        where = f"{METHOD}#{number}"
        if e.result is None:
            detail = (e.error or {}).get("message", "no result")
            departures.append(("R1", "terminal.runtime-call-failed", where, {"method": METHOD,
                                                                            "detail": str(detail)[:200]}))
            continue
        joints = e.result.get("jointLocations")
        joints = joints if isinstance(joints, list) else []
        count = e.result.get("jointCount")
        if count != BODY_JOINT_COUNT or len(joints) != BODY_JOINT_COUNT:
            departures.append(("R1", "terminal.runtime-body-count", where, {"count": count, "located": len(joints)}))
        active = e.result.get("isActive") is True
        active_answers += active
        departures += _joints(where, joints, active)
        confidence = finite(e.result.get("confidence"))
        if confidence is None or not 0 <= confidence <= 1:
            departures.append(("R3", "terminal.runtime-body-confidence", where,
                               {"value": e.result.get("confidence")}))
        tracked = e.result.get("time")
        if not isinstance(tracked, int) or isinstance(tracked, bool) or tracked <= 0:
            departures.append(("R4", "terminal.runtime-body-time", where, {"time": repr(tracked)[:40]}))
        elif last is not None and tracked < last:
            # named, not the clock's values: two laboratories' clocks differ, their findings must not
            departures.append(("R4", "terminal.runtime-body-time-backwards", where, {}))
        if isinstance(tracked, int) and not isinstance(tracked, bool):
            last = tracked
    return departures, active_answers
