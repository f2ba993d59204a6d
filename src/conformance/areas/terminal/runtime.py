"""The runtime test interface (TD-RUN-001..006): what a terminal's runtime offers applications,
asked through the test application on the device (or a bridge its vendor supplies) that annex D
binds: ``GET /xr/runtime`` upgraded to a WebSocket carrying JSON-RPC 2.0, whose methods are
OpenXR 1.1 functions by name, their structures as JSON (schemas/terminal/runtime-message.json).

One dialogue per run (:func:`plan`, made once, judged by every requirement): the extensions and
the system's properties; ``frames`` frames waited for (``xrWaitFrame``); the reference spaces listed
(``xrEnumerateReferenceSpaces``: poses are located in STAGE where it is listed, else in LOCAL); at each predicted display
time the eye gaze located (``xrLocateSpace``, with ``XrEyeGazeSampleTimeEXT``) where the descriptor
claims eye gaze, each claimed hand's joints located at the last one (``xrLocateHandJointsEXT``),
the face expression weights asked where the descriptor claims fb2_70
(``xrGetFaceExpressionWeights2FB``), the standard's vibrations applied on each claimed haptic output (``xrApplyHapticFeedback``) and
what the runtime handed its driver read back (``test.getHapticOutput``), and each display time converted to a
timespec and back (XR_KHR_convert_timespec_time). Each judgement is a pure function of that
dialogue and of the descriptor whose ``system.name`` is the system the runtime reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import orjson

from .._shared.jsonrpc_ws import Dialogue, Exchange
from .jsonread import finite, orientation_norm
from .runtime_body import body_requests, judge_body
from .runtime_haptics import VIBRATIONS, judge_haptics
from .runtime_scents import judge_scents, olfactory_outputs, scent_commands
from .runtime_session import base_space
from .runtime_tactile import judge_tactile, tactile_outputs, tactile_requests

if TYPE_CHECKING:
    from conformance.area import JsonObject

PATH = "/xr/runtime"
GAZE_POSE = "/user/eyes_ext/input/gaze_ext/pose"
#: XR_HAND_JOINT_COUNT_EXT (XR_EXT_hand_tracking)
JOINT_COUNT = 26
#: XR_FACE_EXPRESSION2_COUNT_FB and XR_FACE_CONFIDENCE2_COUNT_FB (XR_FB_face_tracking2)
WEIGHT_COUNT, CONFIDENCE_COUNT = 70, 2
#: the largest deviation of a valid orientation's norm from 1 (OpenXR XrPosef, as TD-POSE-001)
UNIT_TOLERANCE = 0.01
#: an offer's type -> (the OpenXR extension that exposes it, its system properties structure, the member
#: saying the system supports it)
EXTENSIONS: dict[str, tuple[str, str, str]] = {
    "eye_gaze": ("XR_EXT_eye_gaze_interaction", "XR_TYPE_SYSTEM_EYE_GAZE_INTERACTION_PROPERTIES_EXT",
                 "supportsEyeGazeInteraction"),
    "hand": ("XR_EXT_hand_tracking", "XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT", "supportsHandTracking"),
    "face": ("XR_FB_face_tracking2", "XR_TYPE_SYSTEM_FACE_TRACKING_PROPERTIES2_FB", "supportsVisualFaceTracking"),
    "body": ("XR_FB_body_tracking", "XR_TYPE_SYSTEM_BODY_TRACKING_PROPERTIES_FB", "supportsBodyTracking"),
}
CONVERT = "XR_KHR_convert_timespec_time"
#: a time converted to a timespec and back lands within 1 us of where it started (the catalog's own:
#: the conversion of XR_KHR_convert_timespec_time is exact to the nanosecond; 1 us allows a runtime
#: whose timespec clock is a microsecond one)
ROUND_TRIP_NS = 1_000


@dataclass(frozen=True)
class Claims:
    """What a device descriptor claims its runtime offers."""

    document: str
    system: str
    types: frozenset[str]
    hands: tuple[str, ...]  # XR_HAND_LEFT_EXT / XR_HAND_RIGHT_EXT
    #: (subaction path, its offer's max_frequency_hz, max_duration_ns) of each haptic output
    haptics: tuple[tuple[str, float | None, int | None], ...] = ()
    #: face offers whose expression set no OpenXR extension of the binding exposes (ARKit's, HTC's)
    faces_unbound: tuple[str, ...] = ()
    #: (offer id, the scents it lists, its max_duration_ns) of each olfactory output (TD-OLF-004)
    scents: tuple[tuple[str, tuple[str, ...], int | None], ...] = ()
    tactile: tuple[tuple[str, int, int], ...] = ()  # (offer id, rows, columns) of each tactile array (TD-TACT-003)


def claims(name: str, descriptor: JsonObject) -> Claims | None:
    """The claims of one descriptor; None without a system name (nothing binds it to a runtime)."""
    system = descriptor.get("system")
    system_name = system.get("name") if isinstance(system, dict) else None
    if not isinstance(system_name, str):
        return None
    types: set[str] = set()
    hands: list[str] = []
    haptics: list[tuple[str, float | None, int | None]] = []
    unbound: list[str] = []
    offers = descriptor.get("offers")
    for offer in offers if isinstance(offers, list) else []:
        if not isinstance(offer, dict):
            continue
        kind, listed, sets = offer.get("type"), offer.get("paths"), offer.get("sets")
        paths = [p for p in listed if isinstance(p, str)] if isinstance(listed, list) else []
        if kind == "face" and not (isinstance(sets, list) and "fb2_70" in sets):
            unbound.append(str(offer.get("id", "face")))
            continue
        if kind in EXTENSIONS:
            types.add(str(kind))
        if kind == "hand":
            hands += [{"/user/hand/left": "XR_HAND_LEFT_EXT", "/user/hand/right": "XR_HAND_RIGHT_EXT"}[p]
                      for p in paths if p in ("/user/hand/left", "/user/hand/right")]
        if kind == "haptic":
            frequency, duration = offer.get("max_frequency_hz"), offer.get("max_duration_ns")
            haptics += [(p, float(frequency) if isinstance(frequency, int | float) else None,
                         duration if isinstance(duration, int) else None) for p in paths]
    return Claims(name, system_name, frozenset(types), tuple(dict.fromkeys(hands)), tuple(haptics), tuple(unbound),
                  olfactory_outputs(offers), tactile_outputs(offers))


def plan(claimed: Claims | None, frames: int) -> Callable[[Dialogue], tuple[str, JsonObject] | None]:
    """The requests of the run's dialogue, each chosen from the answers so far. Without claims (the
    system is not known yet) only the first two: the extensions and the system's properties."""
    first: list[tuple[str, JsonObject]] = [("xrEnumerateInstanceExtensionProperties", {}),
                                           ("xrGetSystemProperties", {})]

    def calls(dialogue: Dialogue) -> list[tuple[str, JsonObject]]:
        if claimed is None:
            return first
        waited: list[tuple[str, JsonObject]] = [("xrWaitFrame", {}) for _ in range(frames)]
        asked = first + waited + [("xrEnumerateReferenceSpaces", {})]  # the space to locate in: base_space
        if len(dialogue.exchanges) < len(asked):
            return asked
        times, base = display_times(dialogue), base_space(dialogue)
        later: list[tuple[str, JsonObject]] = []
        if "eye_gaze" in claimed.types:
            later += [("xrLocateSpace", {"space": GAZE_POSE, "baseSpace": base, "time": t}) for t in times]
        if times and "face" in claimed.types:
            later.append(("xrGetFaceExpressionWeights2FB", {"time": times[-1]}))
        if times:
            later += [("xrLocateHandJointsEXT", {"hand": hand, "baseSpace": base, "time": times[-1]})
                      for hand in claimed.hands]
        for path, _, _ in claimed.haptics:
            later += [("xrApplyHapticFeedback", {"subactionPath": path, "hapticFeedback": {
                "type": "XR_TYPE_HAPTIC_VIBRATION", "duration": d, "frequency": f, "amplitude": a}})
                for d, f, a in VIBRATIONS]
        if claimed.haptics:
            later.append(("test.getHapticOutput", {}))
        later += body_requests("body" in claimed.types, times, base)  # TD-BODY-004
        later += scent_commands(claimed.scents)
        if claimed.scents:
            later.append(("test.getScentOutput", {}))
        later += tactile_requests(claimed.tactile)
        later += [("xrConvertTimeToTimespecTimeKHR", {"time": t}) for t in times]
        asked += later
        if len(dialogue.exchanges) < len(asked):
            return asked
        return asked + [("xrConvertTimespecTimeToTimeKHR", {"timespecTime": e.result["timespecTime"]})
                        for e in dialogue.answered("xrConvertTimeToTimespecTimeKHR")
                        if e.result and isinstance(e.result.get("timespecTime"), dict)]

    def next_call(dialogue: Dialogue) -> tuple[str, JsonObject] | None:
        asked = calls(dialogue)
        return asked[len(dialogue.exchanges)] if len(dialogue.exchanges) < len(asked) else None

    return next_call


def display_times(dialogue: Dialogue) -> list[int]:
    """The predicted display times the runtime answered, in the order asked."""
    return [t for e in dialogue.answered("xrWaitFrame") if e.result
            and isinstance(t := e.result.get("predictedDisplayTime"), int) and not isinstance(t, bool)]


def gaze_sample_times(dialogue: Dialogue) -> list[int]:
    """The eye-gaze sample times (XrEyeGazeSampleTimeEXT) in the chains of the xrLocateSpace answers, in order."""
    chains = [e.result.get("next") if e.result else None for e in dialogue.answered("xrLocateSpace")]
    found = [s.get("time") for c in chains if isinstance(c, list) for s in c
             if isinstance(s, dict) and s.get("type") == "XR_TYPE_EYE_GAZE_SAMPLE_TIME_EXT"]
    return [t for t in found if isinstance(t, int) and not isinstance(t, bool)]


def system_name(dialogue: Dialogue) -> str | None:
    answered = dialogue.answered("xrGetSystemProperties")
    result = answered[0].result if answered else None
    name = result.get("systemName") if result else None
    return name if isinstance(name, str) else None


@dataclass
class Issue:
    """One departure: the rule, what it is (a message's arguments) and where in the dialogue."""

    rule: str
    key: str
    where: str
    values: dict[str, object] = field(default_factory=dict)


def _failed(e: Exchange) -> Issue | None:
    if e.result is None:
        detail = (e.error or {}).get("message", "no result")
        return Issue("R1", "terminal.runtime-call-failed", e.method, {"method": e.method, "detail": str(detail)[:200]})
    return None


def offered(dialogue: Dialogue, claimed: Claims) -> Iterator[Issue]:
    """TD-RUN-001: R1 each claimed interface's extension enumerated; R2 its system properties
    structure in xrGetSystemProperties' chain saying the system supports it."""
    listed = dialogue.answered("xrEnumerateInstanceExtensionProperties")
    properties = listed[0].result.get("properties") if listed and listed[0].result else None
    names = {p.get("extensionName") for p in properties if isinstance(p, dict)} if isinstance(properties, list) else set()
    system = dialogue.answered("xrGetSystemProperties")
    chain = system[0].result.get("next") if system and system[0].result else None
    structures = {s.get("type"): s for s in chain if isinstance(s, dict)} if isinstance(chain, list) else {}
    needed = sorted(claimed.types) + (["time"] if claimed.types or claimed.haptics else [])
    for kind in needed:
        extension = CONVERT if kind == "time" else EXTENSIONS[kind][0]
        if extension not in names:
            yield Issue("R1", "terminal.runtime-extension-missing", "xrEnumerateInstanceExtensionProperties",
                        {"extension": extension, "kind": kind})
        if kind == "time":
            continue
        _, structure, member = EXTENSIONS[kind]
        held = structures.get(structure)
        if not isinstance(held, dict) or held.get(member) is not True:
            yield Issue("R2", "terminal.runtime-not-supported", "xrGetSystemProperties",
                        {"structure": structure, "member": member,
                         "actual": None if not isinstance(held, dict) else held.get(member)})


def _flags(location: JsonObject) -> set[str]:
    flags = location.get("locationFlags")
    return {f for f in flags if isinstance(f, str)} if isinstance(flags, list) else set()


def _flag_issue(flags: set[str], rule: str, where: str) -> Issue | None:
    for part in ("ORIENTATION", "POSITION"):
        if f"XR_SPACE_LOCATION_{part}_TRACKED_BIT" in flags and f"XR_SPACE_LOCATION_{part}_VALID_BIT" not in flags:
            return Issue(rule, "terminal.runtime-tracked-not-valid", where, {"part": part.lower()})
    return None


def gaze(dialogue: Dialogue) -> tuple[list[Issue], int]:
    """TD-RUN-002 on the gaze locations: R1 answered, a tracked bit only with its valid bit;
    R2 a valid orientation a unit quaternion. With the count of locations whose orientation is valid."""
    issues: list[Issue] = []
    valid = 0
    for number, e in enumerate(dialogue.answered("xrLocateSpace"), 1):
        where = f"xrLocateSpace#{number}"
        if (failed := _failed(e)) is not None:
            issues.append(failed)
            continue
        assert e.result is not None
        flags = _flags(e.result)
        if (issue := _flag_issue(flags, "R1", where)) is not None:
            issues.append(issue)
        if "XR_SPACE_LOCATION_ORIENTATION_VALID_BIT" in flags:
            valid += 1
            norm = orientation_norm(e.result)
            if norm is None or abs(norm - 1) > UNIT_TOLERANCE:
                issues.append(Issue("R2", "terminal.runtime-not-unit", where, {"norm": None if norm is None else round(norm, 4)}))
    return issues, valid


def hands(dialogue: Dialogue) -> Iterator[Issue]:
    """TD-RUN-003: R1 26 joint locations (jointCount and the array); R2 each joint's valid bits set
    exactly when the hand is active, a tracked bit only with its valid bit, and a joint whose
    position is valid of a radius above 0."""
    for e in dialogue.answered("xrLocateHandJointsEXT"):
        where = f"xrLocateHandJointsEXT(hand={e.params.get('hand')})"
        if (failed := _failed(e)) is not None:
            yield failed
            continue
        assert e.result is not None
        joints = e.result.get("jointLocations")
        joints = joints if isinstance(joints, list) else []
        count = e.result.get("jointCount")
        if count != JOINT_COUNT or len(joints) != JOINT_COUNT:
            yield Issue("R1", "terminal.runtime-joint-count", where, {"count": count, "located": len(joints)})
        active = e.result.get("isActive") is True
        for index, joint in enumerate(joints):
            flags = _flags(joint) if isinstance(joint, dict) else set()
            valid = {"XR_SPACE_LOCATION_ORIENTATION_VALID_BIT", "XR_SPACE_LOCATION_POSITION_VALID_BIT"} <= flags
            radius = joint.get("radius") if isinstance(joint, dict) else None
            if active != valid and (active or flags & {"XR_SPACE_LOCATION_ORIENTATION_VALID_BIT",
                                                       "XR_SPACE_LOCATION_POSITION_VALID_BIT"}):
                yield Issue("R2", "terminal.runtime-joint-valid", f"{where}/jointLocations/{index}",
                            {"joint": index, "active": active})
                break
            if (issue := _flag_issue(flags, "R2", f"{where}/jointLocations/{index}")) is not None:
                yield issue
                break
            if "XR_SPACE_LOCATION_POSITION_VALID_BIT" in flags and not (
                    isinstance(radius, int | float) and not isinstance(radius, bool) and radius > 0):
                yield Issue("R2", "terminal.runtime-joint-radius", f"{where}/jointLocations/{index}",
                            {"joint": index, "radius": radius})
                break


def hands_active(dialogue: Dialogue) -> int:
    """TD-RUN-003: how many xrLocateHandJointsEXT answers were active; with none, R2's conditions on a tracked hand
    were never observed (twenty-ninth reading, row a23, as TD-BODY-004's never-active body)."""
    return sum(1 for e in dialogue.answered("xrLocateHandJointsEXT")
               if isinstance(e.result, dict) and e.result.get("isActive") is True)


def faces(dialogue: Dialogue) -> Iterator[Issue]:
    """TD-RUN-006: R1 70 expression weights and 2 confidences (weightCount, confidenceCount and the
    arrays); R2 where isValid, each weight and confidence a number within 0..1."""
    for number, e in enumerate(dialogue.answered("xrGetFaceExpressionWeights2FB"), 1):
        where = f"xrGetFaceExpressionWeights2FB#{number}"
        if (failed := _failed(e)) is not None:
            yield failed
            continue
        assert e.result is not None
        weights, confidences = e.result.get("weights"), e.result.get("confidences")
        weights = weights if isinstance(weights, list) else []
        confidences = confidences if isinstance(confidences, list) else []
        if (e.result.get("weightCount"), len(weights), e.result.get("confidenceCount"), len(confidences)) != (
                WEIGHT_COUNT, WEIGHT_COUNT, CONFIDENCE_COUNT, CONFIDENCE_COUNT):
            yield Issue("R1", "terminal.runtime-face-count", where,
                        {"weights": len(weights), "confidences": len(confidences)})
        if e.result.get("isValid") is not True:
            continue
        for member, values in (("weights", weights), ("confidences", confidences)):
            for index, value in enumerate(values):
                number_value = finite(value)
                if number_value is None or not 0 <= number_value <= 1:
                    yield Issue("R2", "terminal.runtime-face-range", f"{where}/{member}/{index}",
                                {"member": member, "index": index, "value": value})
                    break


def faces_valid(dialogue: Dialogue) -> int:
    """TD-RUN-006: how many xrGetFaceExpressionWeights2FB answers were valid; with none, R2 (judged only where isValid
    is true) was never judged (thirty-fourth reading, row c9, as TD-RUN-002's gaze never valid)."""
    return sum(1 for e in dialogue.answered("xrGetFaceExpressionWeights2FB")
               if isinstance(e.result, dict) and e.result.get("isValid") is True)


def haptics(dialogue: Dialogue, claimed: Claims) -> Iterator[Issue]:
    """TD-RUN-004 (runtime_haptics.judge_haptics): R1 each vibration applied answered XR_SUCCESS; R2 the runtime's
    report of its output holds each, in order, on its output: the commanded duration (the offer's largest at most;
    the runtime's own shortest for XR_MIN_HAPTIC_DURATION), the commanded frequency (the offer's largest at most;
    any above 0 for XR_FREQUENCY_UNSPECIFIED) and amplitude; entries holding no command are ignored."""
    for rule, key, where, values in judge_haptics(dialogue, haptic_limits(claimed)):
        yield Issue(rule, key, where, values)


def haptic_limits(claimed: Claims) -> dict[str, tuple[float | None, int | None]]:
    """(max_frequency_hz, max_duration_ns) of each claimed haptic output, by subaction path."""
    return {path: (frequency, duration) for path, frequency, duration in claimed.haptics}


def scents(dialogue: Dialogue) -> Iterator[Issue]:
    """TD-OLF-004 (runtime_scents.judge): each scent applied answered XR_SUCCESS (R1) and held, in order, by the
    runtime's report of what it released (R2)."""
    for rule, key, where, values in judge_scents(dialogue):
        yield Issue(rule, key, where, values)


def bodies(dialogue: Dialogue) -> tuple[list[Issue], int]:
    """TD-BODY-004 (runtime_body.judge_body): each xrLocateBodyJointsFB answered with 70 joints (R1), valid bits
    as isActive says (R2), unit orientations and a confidence within 0..1 (R3), times going forward (R4); with the
    count of answers that were active."""
    departures, active = judge_body(dialogue)
    return [Issue(rule, key, where, values) for rule, key, where, values in departures], active


def tactile(dialogue: Dialogue, claimed: Claims) -> Iterator[Issue]:
    """TD-TACT-003 (runtime_tactile.judge_tactile): each read one finite, non-negative reading per declared
    taxel (R1, R2), at a time after the previous read's (R3)."""
    for rule, key, where, values in judge_tactile(dialogue, claimed.tactile):
        yield Issue(rule, key, where, values)


def times(dialogue: Dialogue) -> Iterator[Issue]:
    """TD-RUN-005: R1 each predicted display time after the one before; R2 each eye-gaze sample
    time at or after the one before; R3 a display time converted to a valid timespec and back within
    ROUND_TRIP_NS of itself."""
    for e in dialogue.answered("xrWaitFrame"):  # a call answered with an error is a departure (as TD-TACT-003)
        if (failed := _failed(e)) is not None:
            yield failed
    waited = display_times(dialogue)
    for index in range(1, len(waited)):
        if waited[index] <= waited[index - 1]:
            yield Issue("R1", "terminal.runtime-time-backwards", f"xrWaitFrame#{index + 1}", {"what": "predictedDisplayTime"})
            break
    samples = gaze_sample_times(dialogue)
    for index in range(1, len(samples)):
        if samples[index] < samples[index - 1]:
            yield Issue("R2", "terminal.runtime-time-backwards", f"xrLocateSpace#{index + 1}", {"what": "XrEyeGazeSampleTimeEXT.time"})
            break
    forth = dialogue.answered("xrConvertTimeToTimespecTimeKHR")
    sent: dict[bytes, int] = {}
    for number, e in enumerate(forth, 1):
        if (failed := _failed(e)) is not None:
            yield Issue("R3", failed.key, failed.where, failed.values)
            continue
        assert e.result is not None
        spec = e.result.get("timespecTime")
        sec, nsec = (spec.get("tv_sec"), spec.get("tv_nsec")) if isinstance(spec, dict) else (None, None)
        if not isinstance(sec, int) or not isinstance(nsec, int) or not 0 <= nsec < 1_000_000_000:
            yield Issue("R3", "terminal.runtime-timespec-invalid", f"xrConvertTimeToTimespecTimeKHR#{number}",
                        {"timespec": spec})
            continue
        original = e.params.get("time")
        if isinstance(original, int):
            sent[orjson.dumps(spec)] = original
    for number, e in enumerate(dialogue.answered("xrConvertTimespecTimeToTimeKHR"), 1):
        original = sent.get(orjson.dumps(e.params.get("timespecTime")))
        returned = e.result.get("time") if e.result else None
        if original is None:
            continue
        if not isinstance(returned, int) or isinstance(returned, bool) or abs(returned - original) > ROUND_TRIP_NS:
            moved = returned - original if isinstance(returned, int) and not isinstance(returned, bool) else None
            yield Issue("R3", "terminal.runtime-round-trip", f"xrConvertTimespecTimeToTimeKHR#{number}",
                        {"moved": moved, "limit": ROUND_TRIP_NS})
            break
