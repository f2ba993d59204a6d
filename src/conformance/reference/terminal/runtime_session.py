"""The reference runtime's session, reference spaces, swapchains and actions (TD-RUN-007), as annex D binds
them: OpenXR 1.1's functions by name over the runtime test interface's JSON-RPC. Handles are named, not
numbered: a reference space by its XrReferenceSpaceType, an action set and an action by their names.

The session goes through OpenXR's lifecycle as a runtime on a headset worn by a user: IDLE and READY after
xrCreateSession, SYNCHRONIZED after xrBeginSession, VISIBLE and FOCUSED once a frame was begun, VISIBLE,
SYNCHRONIZED and STOPPING after xrRequestExitSession, IDLE and EXITING after xrEndSession; one event for
each xrPollEvent, XR_EVENT_UNAVAILABLE when none is queued."""

from __future__ import annotations

import math
import time
from typing import Any

DEFECTS = {
    "runtime-session-skips-visible": "the session is reported FOCUSED right after READY, skipping SYNCHRONIZED and VISIBLE",
    "runtime-view-off-local": "VIEW located in LOCAL lies 5 cm from where VIEW and LOCAL located in STAGE put it",
    "runtime-frame-refused": "xrEndFrame with a projection layer is answered XR_ERROR_LAYER_INVALID",
    "runtime-binding-unchecked": "xrSuggestInteractionProfileBindings accepts a binding its interaction profile does not list",
}
SPACES = ("XR_REFERENCE_SPACE_TYPE_VIEW", "XR_REFERENCE_SPACE_TYPE_LOCAL", "XR_REFERENCE_SPACE_TYPE_STAGE")
FORMATS = ("VK_FORMAT_R8G8B8A8_SRGB", "VK_FORMAT_B8G8R8A8_SRGB")
#: the interaction profiles this runtime binds, and the input and output components each lists (per hand)
PROFILES = {"/interaction_profiles/khr/simple_controller": ("input/select/click", "input/menu/click", "input/grip/pose",
                                                            "input/aim/pose", "output/haptic")}
#: LOCAL's origin in STAGE: 1.6 m up and turned 30 degrees (a user seated off the stage's centre)
LOCAL_IN_STAGE = ((0.5, 1.6, -0.25), math.radians(30))
OK = {"result": "XR_SUCCESS"}


def _yaw(position: tuple[float, float, float], yaw: float) -> dict[str, Any]:
    return {"orientation": {"x": 0.0, "y": math.sin(yaw / 2), "z": 0.0, "w": math.cos(yaw / 2)},
            "position": dict(zip("xyz", position, strict=True))}


class Session:
    """A connection's session state; mixed into the reference Device (reference/terminal/runtime.py)."""

    defects: frozenset[str]

    def now(self) -> int:
        return time.monotonic_ns()

    def _session(self) -> dict[str, Any]:
        if not hasattr(self, "_held"):
            self._held: dict[str, Any] = {"events": [], "state": None, "ended": 0, "bound": set()}
        held: dict[str, Any] = self._held
        return held

    def _enter(self, *states: str) -> None:
        self._session()["events"].extend(states)

    def xrEnumerateReferenceSpaces(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"spaces": list(SPACES)}

    def xrEnumerateSwapchainFormats(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"formats": list(FORMATS)}

    def xrEnumerateViewConfigurations(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"viewConfigurationTypes": ["XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO"]}

    def xrEnumerateViewConfigurationViews(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        if params.get("viewConfigurationType") != "XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO":
            return -1, "XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED"
        view = {"type": "XR_TYPE_VIEW_CONFIGURATION_VIEW", "recommendedImageRectWidth": 2064,
                "maxImageRectWidth": 4096, "recommendedImageRectHeight": 2208, "maxImageRectHeight": 4096,
                "recommendedSwapchainSampleCount": 1, "maxSwapchainSampleCount": 4}
        return {"views": [view, dict(view)]}

    def xrLocateViews(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        """The two eyes 64 mm apart about VIEW, located in the space asked (VIEW's pose there, see locate_reference)."""
        head = self.locate_reference({"space": SPACES[0], "baseSpace": params.get("space"), "time": params.get("displayTime")})
        if isinstance(head, tuple):
            return head
        pose = head["pose"]
        q = pose["orientation"]
        yaw = 2 * math.atan2(q["y"], q["w"])
        views = [{"pose": _yaw((pose["position"]["x"] + side * 0.032 * math.cos(yaw), pose["position"]["y"],
                                pose["position"]["z"] - side * 0.032 * math.sin(yaw)), yaw),
                  "fov": {"angleLeft": -0.9, "angleRight": 0.9, "angleUp": 0.85, "angleDown": -0.85}} for side in (-1, 1)]
        return {"viewStateFlags": ["XR_VIEW_STATE_ORIENTATION_VALID_BIT", "XR_VIEW_STATE_POSITION_VALID_BIT",
                                   "XR_VIEW_STATE_ORIENTATION_TRACKED_BIT", "XR_VIEW_STATE_POSITION_TRACKED_BIT"],
                "views": views}

    def xrCreateActionSet(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        return OK if isinstance(params.get("actionSetName"), str) else (-1, "XR_ERROR_NAME_INVALID")

    def xrCreateAction(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        return OK if isinstance(params.get("actionName"), str) else (-1, "XR_ERROR_NAME_INVALID")

    def xrSuggestInteractionProfileBindings(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        listed = PROFILES.get(str(params.get("interactionProfile")))
        bindings = params.get("suggestedBindings")
        if listed is None or not isinstance(bindings, list):
            return -1, "XR_ERROR_PATH_UNSUPPORTED"
        allowed = {f"{hand}/{c}" for hand in ("/user/hand/left", "/user/hand/right") for c in listed}
        paths = [b.get("binding") for b in bindings if isinstance(b, dict)]
        if any(p not in allowed for p in paths) and "runtime-binding-unchecked" not in self.defects:
            return -1, "XR_ERROR_PATH_UNSUPPORTED"
        self._session()["bound"].add(params["interactionProfile"])
        return OK

    def xrCreateSession(self, params: dict[str, Any]) -> dict[str, Any]:
        self._enter("IDLE", "READY")
        return OK

    def xrAttachSessionActionSets(self, params: dict[str, Any]) -> dict[str, Any]:
        return OK

    def xrCreateSwapchain(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        return OK if params.get("format") in FORMATS else (-1, "XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED")

    def xrBeginSession(self, params: dict[str, Any]) -> dict[str, Any]:
        self._enter("FOCUSED" if "runtime-session-skips-visible" in self.defects else "SYNCHRONIZED")
        return OK

    def xrBeginFrame(self, params: dict[str, Any]) -> dict[str, Any]:
        held = self._session()
        held["ended"] += 1
        if held["ended"] == 1 and "runtime-session-skips-visible" not in self.defects:
            self._enter("VISIBLE", "FOCUSED")
        return OK

    def xrAcquireSwapchainImage(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"result": "XR_SUCCESS", "index": 0}

    def xrWaitSwapchainImage(self, params: dict[str, Any]) -> dict[str, Any]:
        return OK

    def xrReleaseSwapchainImage(self, params: dict[str, Any]) -> dict[str, Any]:
        return OK

    def xrEndFrame(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        layers = params.get("layers")
        if not isinstance(params.get("displayTime"), int) or params["displayTime"] <= 0:
            return -1, "XR_ERROR_TIME_INVALID"
        if "runtime-frame-refused" in self.defects or not isinstance(layers, list):
            return -1, "XR_ERROR_LAYER_INVALID"
        return OK

    def xrPollEvent(self, params: dict[str, Any]) -> dict[str, Any]:
        events = self._session()["events"]
        if not events:
            return {"result": "XR_EVENT_UNAVAILABLE"}
        state = events.pop(0)
        self._session()["state"] = state
        return {"result": "XR_SUCCESS", "type": "XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED",
                "state": f"XR_SESSION_STATE_{state}", "time": self.now()}

    def locate_reference(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        """xrLocateSpace of a reference space in another: VIEW is a head swaying slowly in STAGE."""
        space, base, at = params.get("space"), params.get("baseSpace"), params.get("time")
        if space not in SPACES or base not in SPACES or not isinstance(at, int) or at <= 0:
            return -32602, "space, baseSpace: XrReferenceSpaceType names; time: an XrTime"
        t = at / 1e9
        poses = {"XR_REFERENCE_SPACE_TYPE_STAGE": ((0.0, 0.0, 0.0), 0.0),
                 "XR_REFERENCE_SPACE_TYPE_LOCAL": LOCAL_IN_STAGE,
                 "XR_REFERENCE_SPACE_TYPE_VIEW": ((0.1 * math.sin(t), 1.65, 0.05 * math.cos(t)), 0.4 * math.sin(t / 3))}
        (sp, sy), (bp, by) = poses[space], poses[base]
        # both turn about +Y only: the space's pose in the base is the base's yaw undone on the offset
        dx, dy, dz = sp[0] - bp[0], sp[1] - bp[1], sp[2] - bp[2]
        c, s = math.cos(-by), math.sin(-by)
        offset = (c * dx + s * dz, dy, -s * dx + c * dz)
        if "runtime-view-off-local" in self.defects and (space, base) == SPACES[:2]:
            offset = (offset[0] + 0.05, offset[1], offset[2])
        return {"type": "XR_TYPE_SPACE_LOCATION", "pose": _yaw(offset, sy - by),
                "locationFlags": ["XR_SPACE_LOCATION_ORIENTATION_VALID_BIT", "XR_SPACE_LOCATION_POSITION_VALID_BIT",
                                  "XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT", "XR_SPACE_LOCATION_POSITION_TRACKED_BIT"]}

    def xrSyncActions(self, params: dict[str, Any]) -> dict[str, Any]:
        return OK if self._session()["state"] == "FOCUSED" else {"result": "XR_SESSION_NOT_FOCUSED"}

    def xrGetCurrentInteractionProfile(self, params: dict[str, Any]) -> dict[str, Any]:
        bound = sorted(self._session()["bound"])
        return {"type": "XR_TYPE_INTERACTION_PROFILE_STATE", "interactionProfile": bound[0] if bound else "XR_NULL_PATH"}

    def xrRequestExitSession(self, params: dict[str, Any]) -> dict[str, Any]:
        self._enter("VISIBLE", "SYNCHRONIZED", "STOPPING")
        return OK

    def xrEndSession(self, params: dict[str, Any]) -> dict[str, Any]:
        self._enter("IDLE", "EXITING")
        return OK

    def xrDestroySession(self, params: dict[str, Any]) -> dict[str, Any]:
        return OK
