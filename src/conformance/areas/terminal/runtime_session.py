"""TD-RUN-007: the rest of the runtime's interface an application uses, asked through annex D's runtime
test interface in a dialogue of its own (a session is begun and ended in it, so it is not the dialogue
TD-RUN-001..006 share): the reference spaces and swapchain formats enumerated, a session run through its
lifecycle (created, polled to READY, begun, a frame loop submitting a projection layer until FOCUSED,
an exit requested, polled to STOPPING, ended, polled to EXITING), the VIEW and LOCAL spaces located
against the STAGE where the runtime lists it (else against LOCAL: :func:`base_space`) at one display time, and, for each interaction profile the descriptor claims, an
action bound to it (an action set and a pose action created, bindings suggested, one binding the
profile does not list, attached, synced, the current interaction profile asked).

Each judgement is a pure function of the dialogue (OpenXR 1.1: XrSessionState, XrReferenceSpaceType, xrLocateViews, xrEndFrame,
xrSuggestInteractionProfileBindings, xrGetCurrentInteractionProfile)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .._shared.jsonrpc_ws import Dialogue, Exchange

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

VIEW, LOCAL, STAGE = (f"XR_REFERENCE_SPACE_TYPE_{s}" for s in ("VIEW", "LOCAL", "STAGE"))
STATE = "XR_SESSION_STATE_"
#: the transitions OpenXR 1.1's session lifecycle (XrSessionState) allows a runtime to report
NEXT: dict[str, frozenset[str]] = {
    "IDLE": frozenset({"READY", "EXITING", "LOSS_PENDING"}),
    "READY": frozenset({"SYNCHRONIZED", "LOSS_PENDING"}),
    "SYNCHRONIZED": frozenset({"VISIBLE", "STOPPING", "LOSS_PENDING"}),
    "VISIBLE": frozenset({"FOCUSED", "SYNCHRONIZED", "LOSS_PENDING"}),
    "FOCUSED": frozenset({"VISIBLE", "LOSS_PENDING"}),
    "STOPPING": frozenset({"IDLE", "LOSS_PENDING"}),
    "LOSS_PENDING": frozenset(), "EXITING": frozenset(),
}
#: xrPollEvent calls waiting for a state (READY, STOPPING, EXITING), and frame loops waiting for FOCUSED
#: (the catalog's own: a wait passes at most three state events, FOCUSED to STOPPING, and the frame loop three,
#: READY to FOCUSED at one poll a frame; the counts leave room for other events and frames before focus)
POLLS, LOOPS = 8, 30
#: how far VIEW located in STAGE may lie from LOCAL-in-STAGE composed with VIEW-in-LOCAL: 1 mm and 0.1 degree
#: (the catalog's own: the three calls ask one display time, but each answer is the runtime's latest prediction
#: of it, which may move a little between the calls; spaces composed wrongly differ by centimetres or degrees)
POSITION_M, ANGLE_DEG = 0.001, 0.1
#: the pose action bound for each claimed interaction profile, and a component no interaction profile
#: of OpenXR 1.1 lists (its binding is to be refused with XR_ERROR_PATH_UNSUPPORTED)
ACTION_SET, ACTION = "conformance", "grip_pose"
HANDS = ("/user/hand/left", "/user/hand/right")
UNLISTED = "/user/hand/left/input/conformance_unlisted/click"

Call = tuple[str, "JsonObject"]
Issue = tuple[str, str, str, dict[str, object]]  # (rule, message key, where, values)


def interaction_profiles(descriptor: JsonObject) -> tuple[str, ...]:
    """The interaction profiles a descriptor claims (system.interaction_profiles: OpenXR paths)."""
    system = descriptor.get("system")
    listed = system.get("interaction_profiles") if isinstance(system, dict) else None
    return tuple(p for p in listed if isinstance(p, str)) if isinstance(listed, list) else ()


def base_space(dialogue: Dialogue) -> str:
    """The reference space poses are located in: STAGE where xrEnumerateReferenceSpaces lists it, else LOCAL,
    which OpenXR 1.1 requires every runtime to support (STAGE it does not: a seated-only runtime has none). A
    descriptor declaring a tracking volume has STAGE listed under TD-RUN-007's R2."""
    return STAGE if STAGE in listed_spaces(dialogue) else LOCAL


def listed_spaces(dialogue: Dialogue) -> set[str]:
    """The reference spaces xrEnumerateReferenceSpaces answered (none when it did not answer a list)."""
    listed = dialogue.answered("xrEnumerateReferenceSpaces")
    names = listed[0].result.get("spaces") if listed and listed[0].result else None
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def _state(e: Exchange) -> str | None:
    r = e.result
    if r and r.get("type") == "XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED" and isinstance(s := r.get("state"), str):
        return s.removeprefix(STATE)
    return None


def _script(profiles: tuple[str, ...], dialogue: Dialogue, asked: _Asked) -> Iterator[Call]:
    """The dialogue's calls, each decided by the answers before it (the caller stops at the first unanswered)."""
    ex = dialogue.exchanges
    yield "xrEnumerateReferenceSpaces", {}
    yield "xrEnumerateSwapchainFormats", {}
    formats = ex[1].result.get("formats") if ex[1].result else None
    chosen = formats[0] if isinstance(formats, list) and formats else "unknown"
    yield "xrEnumerateViewConfigurations", {}
    configuration = _first(ex[2], "viewConfigurationTypes") or "XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO"
    yield "xrEnumerateViewConfigurationViews", {"viewConfigurationType": configuration}
    listed = ex[3].result.get("views") if ex[3].result else None
    count = len(listed) if isinstance(listed, list) and listed else 2
    if profiles:
        yield "xrCreateActionSet", {"actionSetName": ACTION_SET, "priority": 0}
        yield "xrCreateAction", {"actionSet": ACTION_SET, "actionName": ACTION,
                                 "actionType": "XR_ACTION_TYPE_POSE_INPUT", "subactionPaths": list(HANDS)}
        for profile in profiles:
            yield "xrSuggestInteractionProfileBindings", {"interactionProfile": profile, "suggestedBindings": [
                {"action": ACTION, "binding": f"{hand}/input/grip/pose"} for hand in HANDS]}
            yield "xrSuggestInteractionProfileBindings", {"interactionProfile": profile, "suggestedBindings": [
                {"action": ACTION, "binding": UNLISTED}]}
    yield "xrCreateSession", {}
    if profiles:
        yield "xrAttachSessionActionSets", {"actionSets": [ACTION_SET]}
    yield "xrCreateSwapchain", {"format": chosen, "width": 1024, "height": 1024, "arraySize": count, "mipCount": 1,
                                "sampleCount": 1, "usageFlags": ["XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT"]}
    yield from _poll_until(dialogue, "READY", asked)
    yield "xrBeginSession", {"primaryViewConfigurationType": configuration}
    display = 0
    for _ in range(LOOPS):
        yield "xrWaitFrame", {}
        waited = _member(ex[asked.last], "predictedDisplayTime")
        display = waited if isinstance(waited, int) and not isinstance(waited, bool) else display
        yield "xrBeginFrame", {}
        yield "xrLocateViews", {"viewConfigurationType": configuration, "displayTime": display, "space": LOCAL}
        views = _member(ex[asked.last], "views")
        yield "xrAcquireSwapchainImage", {}
        yield "xrWaitSwapchainImage", {"timeout": 100_000_000}
        yield "xrReleaseSwapchainImage", {}
        yield "xrEndFrame", {"displayTime": display, "environmentBlendMode": "XR_ENVIRONMENT_BLEND_MODE_OPAQUE",
                             "layers": [_projection(views, count)]}
        yield "xrPollEvent", {}
        if _state(ex[asked.last]) == "FOCUSED":
            break
    base = base_space(dialogue)  # STAGE where listed, else LOCAL
    for space, within in ((VIEW, base), (LOCAL, base), (VIEW, LOCAL)):
        yield "xrLocateSpace", {"space": space, "baseSpace": within, "time": display}
    if profiles:
        yield "xrSyncActions", {"activeActionSets": [{"actionSet": ACTION_SET}]}
        for hand in HANDS:
            yield "xrGetCurrentInteractionProfile", {"topLevelUserPath": hand}
    yield "xrRequestExitSession", {}
    yield from _poll_until(dialogue, "STOPPING", asked)
    yield "xrEndSession", {}
    yield from _poll_until(dialogue, "EXITING", asked)
    yield "xrDestroySession", {}


class _Asked:
    """Where the script is: the index of the call it yielded last, set by plan's consumer before the script
    resumes (it resumes only once that call is answered)."""

    def __init__(self) -> None:
        self.last = 0


def _poll_until(dialogue: Dialogue, state: str, asked: _Asked) -> Iterator[Call]:
    for _ in range(POLLS):
        yield "xrPollEvent", {}
        if _state(dialogue.exchanges[asked.last]) == state:
            return


def _member(e: Exchange, member: str) -> JsonValue:
    return e.result.get(member) if e.result is not None else None


def _first(e: Exchange, member: str) -> str | None:
    listed = e.result.get(member) if e.result else None
    return listed[0] if isinstance(listed, list) and listed and isinstance(listed[0], str) else None


def _projection(located: object, count: int) -> JsonObject:
    """A projection layer in LOCAL of one view per view of the configuration, each the pose and field of view
    xrLocateViews answered (a fixed one where it answered none), from its own layer of the swapchain."""
    views: list[JsonObject] = [v for v in located if isinstance(v, dict)] if isinstance(located, list) else []
    fixed: JsonObject = {"pose": {"orientation": {"x": 0.0, "y": 0.0, "z": 0.0, "w": 1.0}, "position": {"x": 0.0, "y": 0.0, "z": 0.0}},
             "fov": {"angleLeft": -0.9, "angleRight": 0.9, "angleUp": 0.9, "angleDown": -0.9}}
    return {"type": "XR_TYPE_COMPOSITION_LAYER_PROJECTION", "space": LOCAL, "views": [
        {"pose": (views[eye] if eye < len(views) else fixed).get("pose"), "fov": (views[eye] if eye < len(views) else fixed).get("fov"),
         "subImage": {"imageRect": {"offset": {"x": 0, "y": 0}, "extent": {"width": 1024, "height": 1024}},
                      "imageArrayIndex": eye}} for eye in range(count)]}


def plan(profiles: tuple[str, ...]) -> Callable[[Dialogue], Call | None]:
    def next_call(dialogue: Dialogue) -> Call | None:
        asked = _Asked()
        for index, call in enumerate(_script(profiles, dialogue, asked)):
            if index == len(dialogue.exchanges):
                return call
            asked.last = index
        return None

    return next_call


def _ok(e: Exchange) -> bool:
    return e.result is not None and e.result.get("result", "XR_SUCCESS") == "XR_SUCCESS"


def _answer(e: Exchange) -> str:
    return str((e.error or {}).get("message") if e.result is None else e.result.get("result", "XR_SUCCESS"))[:120]


def _refused(e: Exchange, rule: str, number: int) -> Issue:
    return rule, "terminal.runtime-call-refused", f"{e.method}#{number}", {"method": e.method, "answer": _answer(e)}


def lifecycle(dialogue: Dialogue) -> Iterator[Issue]:
    """R1: the session calls answered XR_SUCCESS; the states polled, in OpenXR's order (NEXT), from IDLE,
    READY before xrBeginSession, FOCUSED in the frame loop, STOPPING after xrRequestExitSession and EXITING
    after xrEndSession."""
    calls = ("xrCreateSession", "xrBeginSession", "xrRequestExitSession", "xrEndSession")
    seen: list[str] = []
    reached: dict[str, str | None] = {}
    phase: str | None = None
    for number, e in enumerate(dialogue.exchanges, 1):
        if e.method in calls:
            if not _ok(e):
                yield _refused(e, "R1", number)
                return
            if phase is not None:
                reached[phase] = seen[-1] if seen else None
            phase = e.method
        state = _state(e)
        if state is None:
            continue
        before = seen[-1] if seen else None
        if (before is None and state != "IDLE") or (before is not None and state not in NEXT.get(before, ())):
            yield "R1", "terminal.runtime-state-order", f"xrPollEvent#{number}", {"before": before, "state": state}
            return
        seen.append(state)
    if phase is not None:
        reached[phase] = seen[-1] if seen else None
    for after, want in (("xrCreateSession", "READY"), ("xrBeginSession", "FOCUSED"),
                        ("xrRequestExitSession", "STOPPING"), ("xrEndSession", "EXITING")):
        if reached.get(after) != want:
            yield "R1", "terminal.runtime-state-not-reached", after, {"state": want, "last": reached.get(after)}
            return


def spaces(dialogue: Dialogue, stage: bool) -> Iterator[Issue]:
    """R2: VIEW and LOCAL (and STAGE where the descriptor declares a tracking volume) enumerated; VIEW and
    LOCAL located in STAGE where listed (else in LOCAL), and VIEW in LOCAL, with valid bits, the first the
    composition of the others."""
    have = listed_spaces(dialogue)
    for space in (VIEW, LOCAL) + ((STAGE,) if stage else ()):
        if space not in have:
            yield "R2", "terminal.runtime-space-missing", "xrEnumerateReferenceSpaces", {"space": space}
    located = [e for e in dialogue.answered("xrLocateSpace")]
    poses = []
    for number, e in enumerate(located, 1):
        where = f"xrLocateSpace#{number}({e.params.get('space')} in {e.params.get('baseSpace')})"
        flags = e.result.get("locationFlags") if e.result else None
        pose = _pose(e.result.get("pose")) if e.result else None
        valid = isinstance(flags, list) and {"XR_SPACE_LOCATION_ORIENTATION_VALID_BIT",
                                             "XR_SPACE_LOCATION_POSITION_VALID_BIT"} <= set(flags)
        if not valid or pose is None:
            yield "R2", "terminal.runtime-space-not-located", where, {"answer": _answer(e) if e.result is None else flags}
            return
        poses.append(pose)
    if len(poses) != 3:
        return
    composed = _compose(poses[1], poses[2])
    apart = math.dist(composed[0], poses[0][0])
    angle = _angle(composed[1], poses[0][1])
    if apart > POSITION_M or angle > ANGLE_DEG:
        yield "R2", "terminal.runtime-space-inconsistent", "xrLocateSpace#1..3", {
            "apart_mm": round(apart * 1000, 2), "angle_deg": round(angle, 3),
            "limit_mm": POSITION_M * 1000, "limit_deg": ANGLE_DEG}


def frames(dialogue: Dialogue) -> Iterator[Issue]:
    """R3: swapchain formats and a view configuration enumerated (at least one each), the views of the first
    located (as many as it has, with valid orientation and position, at the last frame), a swapchain created
    with the first format, each frame's calls and its image's acquire, wait and release answered XR_SUCCESS,
    and at least one frame ended with a projection layer."""
    listed = dialogue.answered("xrEnumerateSwapchainFormats")
    formats = listed[0].result.get("formats") if listed and listed[0].result else None
    if not isinstance(formats, list) or not formats:
        yield "R3", "terminal.runtime-no-formats", "xrEnumerateSwapchainFormats", {}
        return
    configurations = dialogue.answered("xrEnumerateViewConfigurations")
    configured = dialogue.answered("xrEnumerateViewConfigurationViews")
    if not configurations or _first(configurations[0], "viewConfigurationTypes") is None:
        yield "R3", "terminal.runtime-no-view-configuration", "xrEnumerateViewConfigurations", {}
        return
    offered = _member(configured[0], "views") if configured else None
    count = len(offered) if isinstance(offered, list) else 0
    views_located = dialogue.answered("xrLocateViews")
    last = views_located[-1].result if views_located else None
    views = last.get("views") if last else None
    flags = last.get("viewStateFlags") if last else None
    if count == 0 or not isinstance(views, list) or len(views) != count or not isinstance(flags, list) or not {
            "XR_VIEW_STATE_ORIENTATION_VALID_BIT", "XR_VIEW_STATE_POSITION_VALID_BIT"} <= set(flags):
        yield "R3", "terminal.runtime-views-not-located", f"xrLocateViews#{len(views_located)}", {
            "count": count, "located": len(views) if isinstance(views, list) else None, "flags": flags}
    methods = ("xrCreateSwapchain", "xrBeginFrame", "xrAcquireSwapchainImage", "xrWaitSwapchainImage",
               "xrReleaseSwapchainImage", "xrEndFrame")
    for number, e in enumerate(dialogue.exchanges, 1):
        if e.method in methods and not _ok(e):
            yield _refused(e, "R3", number)
            return
    if not dialogue.answered("xrEndFrame"):
        yield "R3", "terminal.runtime-no-frame", "xrEndFrame", {}


def bindings(dialogue: Dialogue, profiles: tuple[str, ...]) -> Iterator[Issue]:
    """R4 (for claimed interaction profiles): the action set and action created, each profile's listed
    bindings accepted and the unlisted one refused XR_ERROR_PATH_UNSUPPORTED, the action set attached and
    synced, and the current interaction profile of each hand one of those suggested, or XR_NULL_PATH."""
    if not profiles:
        return
    for number, e in enumerate(dialogue.exchanges, 1):
        if e.method == "xrSuggestInteractionProfileBindings":
            suggested = e.params.get("suggestedBindings")
            unlisted = any(isinstance(b, dict) and b.get("binding") == UNLISTED
                           for b in (suggested if isinstance(suggested, list) else []))
            refused = e.result is None and (e.error or {}).get("message") == "XR_ERROR_PATH_UNSUPPORTED"
            if unlisted and not refused:
                yield "R4", "terminal.runtime-binding-not-refused", f"{e.method}#{number}", {
                    "profile": e.params.get("interactionProfile"), "binding": UNLISTED, "answer": _answer(e)}
            elif not unlisted and not _ok(e):
                yield _refused(e, "R4", number)
        elif e.method in ("xrCreateActionSet", "xrCreateAction", "xrAttachSessionActionSets",
                          "xrSyncActions") and not _ok(e):
            yield _refused(e, "R4", number)
        elif e.method == "xrGetCurrentInteractionProfile":
            got = e.result.get("interactionProfile") if e.result else None
            if got not in (*profiles, "XR_NULL_PATH"):
                yield "R4", "terminal.runtime-profile-not-suggested", f"{e.method}({e.params.get('topLevelUserPath')})", {
                    "profile": got, "suggested": list(profiles)}


Pose = tuple[tuple[float, float, float], tuple[float, float, float, float]]


def _pose(value: object) -> Pose | None:
    if not isinstance(value, dict):
        return None
    p, q = value.get("position"), value.get("orientation")
    if not isinstance(p, dict) or not isinstance(q, dict):
        return None
    numbers = [p.get(k) for k in "xyz"] + [q.get(k) for k in "xyzw"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in numbers):
        return None
    f = [float(v) for v in numbers if isinstance(v, int | float)]
    norm = math.sqrt(sum(v * v for v in f[3:])) or 1.0
    return (f[0], f[1], f[2]), (f[3] / norm, f[4] / norm, f[5] / norm, f[6] / norm)


def _rotate(q: tuple[float, float, float, float], v: tuple[float, float, float]) -> tuple[float, float, float]:
    x, y, z, w = q
    tx, ty, tz = 2 * (y * v[2] - z * v[1]), 2 * (z * v[0] - x * v[2]), 2 * (x * v[1] - y * v[0])
    return (v[0] + w * tx + y * tz - z * ty, v[1] + w * ty + z * tx - x * tz, v[2] + w * tz + x * ty - y * tx)


def _compose(outer: Pose, inner: Pose) -> Pose:
    """The pose of inner's space in outer's base: outer * inner."""
    (op, oq), (ip, iq) = outer, inner
    r = _rotate(oq, ip)
    x1, y1, z1, w1 = oq
    x2, y2, z2, w2 = iq
    q = (w1 * x2 + x1 * w2 + y1 * z2 - z1 * y2, w1 * y2 - x1 * z2 + y1 * w2 + z1 * x2,
         w1 * z2 + x1 * y2 - y1 * x2 + z1 * w2, w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2)
    return (op[0] + r[0], op[1] + r[1], op[2] + r[2]), q


def _angle(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    dot = min(1.0, abs(sum(x * y for x, y in zip(a, b, strict=True))))
    return math.degrees(2 * math.acos(dot))
