"""The reference device's runtime test interface (TD-RUN-001..006): the bridge a device vendor
supplies (or the test application on the device) that the harness drives, as annex D binds it.

``GET /xr/runtime`` upgraded to a WebSocket (RFC 6455, subprotocol ``jsonrpc-2.0``) carries
JSON-RPC 2.0 requests, one a text frame, whose methods are OpenXR 1.1 functions by name and
whose parameters and results are the functions' structures as JSON (schemas/terminal/
runtime-message.json): ``xrEnumerateInstanceExtensionProperties``, ``xrGetSystemProperties``
(with the extensions' property structures in ``next``), ``xrWaitFrame``, ``xrLocateSpace``
(the eye gaze pose, with ``XrEyeGazeSampleTimeEXT``), ``xrLocateHandJointsEXT``,
``xrGetFaceExpressionWeights2FB``, ``xrLocateBodyJointsFB`` (TD-BODY-004),
``xrApplyHapticFeedback``, ``xrConvertTimeToTimespecTimeKHR`` and
``xrConvertTimespecTimeToTimeKHR``, and methods of the test interface itself:
``test.getHapticOutput``, what the runtime handed its driver for the actuator (OpenXR reads nothing back), and,
as OpenXR defines no scent function, ``test.applyScent`` and ``test.getScentOutput`` (TD-OLF-004):
a scent released on an olfactory output and what the runtime released, and ``test.readTactile``
(TD-TACT-003), a tactile array's latest frame (OpenXR has no tactile sensor function either), and the reading
methods a laboratory's reader calls on the bench (reference/terminal/runtime_readings.py): ``test.readBiosignal``
(TD-BCI-008) and ``test.getRecognizedExpression`` (TD-FACE-007).

The device is the reference headset of reference/samples/descriptors/vr-headset.json (its
system name), on a simulated runtime clock: XrTime is nanoseconds of this process's monotonic
clock, and the timespec clock the same (so a conversion is the identity).
"""

from __future__ import annotations

import math
import time
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from .. import jsonrpc
from ..jsonrpc import next_request
from ..problems import problem
from .runtime_readings import DEFECTS as READING_DEFECTS
from .runtime_readings import Readings
from .runtime_session import DEFECTS as SESSION_DEFECTS
from .runtime_session import SPACES, Session

DEFECTS = {
    "runtime-extension-missing": "xrEnumerateInstanceExtensionProperties omits XR_EXT_hand_tracking, which the descriptor claims",
    "runtime-gaze-flags": "the located eye gaze is marked orientation-tracked while its orientation-valid bit is clear",
    "runtime-hand-25-joints": "xrLocateHandJointsEXT answers 25 joint locations, not XR_HAND_JOINT_COUNT_EXT (26)",
    "runtime-haptics-ignored": "xrApplyHapticFeedback succeeds but the runtime drives no vibration",
    "runtime-time-backwards": "every third xrWaitFrame predicts a display time before the previous one",
    "runtime-wait-refused": "every xrWaitFrame is answered with an error (XR_ERROR_SESSION_NOT_RUNNING)",
    "runtime-hand-unsupported": "xrGetSystemProperties reports supportsHandTracking false, though the descriptor claims hands",
    "runtime-gaze-not-unit": "the located eye gaze's orientation is a quaternion of norm 1.1",
    "runtime-hand-joints-invalid": "an active hand's joints are answered with no valid bit set",
    "runtime-hand-never-active": "every xrLocateHandJointsEXT is answered isActive false (no hand tracked), its joints with no bit set",
    "runtime-haptics-refused": "xrApplyHapticFeedback is answered with an error (XR_ERROR_PATH_UNSUPPORTED)",
    "runtime-gaze-time-backwards": "every third eye gaze sample time is 50 ms before the one before",
    "runtime-timespec-off": "xrConvertTimespecTimeToTimeKHR answers 5 us later than the time converted",
    "runtime-face-69-weights": "xrGetFaceExpressionWeights2FB answers 69 weights, not XR_FACE_EXPRESSION2_COUNT_FB (70)",
    "runtime-face-weight-range": "a valid face expression weight of 1.5, outside 0..1",
    "runtime-face-never-valid": "every xrGetFaceExpressionWeights2FB is answered isValid false (no face tracked)",
    # TD-OLF-004 (issue 75, h75-coverG): scents commanded through annex D's own methods
    "runtime-scent-refused": "test.applyScent is answered with an error (XR_ERROR_PATH_UNSUPPORTED)",
    "runtime-scent-ignored": "test.applyScent succeeds but the runtime releases nothing",
    "runtime-scent-halved": "the runtime releases each scent for half the commanded duration",
    # TD-TACT-003 (issue 75, h75-coverG): a tactile array read through annex D's own method
    "runtime-tactile-short": "test.readTactile answers 35 readings of a 6 x 6 array",
    "runtime-tactile-negative": "test.readTactile answers a taxel reading -0.2 N",
    "runtime-tactile-time-backwards": "test.readTactile answers each frame with a time before the previous one's",
    # TD-RUN-007 (issue 75, h75-runtime2): the session, reference spaces, swapchains and actions
    **SESSION_DEFECTS,
    # TD-BCI-008, TD-FACE-007 (issue 75, h75-remarks): test.readBiosignal and test.getRecognizedExpression
    **READING_DEFECTS,
    # TD-BODY-004 (issue 75, h75-bodyFace): a body tracker's joints located through annex D (xrLocateBodyJointsFB)
    "runtime-body-69-joints": "xrLocateBodyJointsFB answers 69 joint locations, not XR_BODY_JOINT_COUNT_FB (70)",
    "runtime-body-tracked-not-valid": "an active body's joints are answered position-tracked with no valid bit set",
    "runtime-body-not-unit": "a located body joint's orientation is a quaternion of norm 1.1",
    "runtime-body-time-backwards": "every third body location is answered with a time 50 ms before the previous one's",
}
PATH = "/xr/runtime"
SUBPROTOCOL = "jsonrpc-2.0"
SYSTEM_NAME = "Reference XR vr_headset"
MAX_MESSAGE_BYTES = 16_384
#: the runtime's display period (90 Hz) and its haptic limits (the descriptor's haptic offer)
PERIOD_NS = 11_111_111
MAX_FREQUENCY_HZ, MAX_DURATION_NS, DEFAULT_FREQUENCY_HZ, DEFAULT_DURATION_NS = 500.0, 2_000_000_000, 160.0, 20_000_000
#: the olfactory outputs a descriptor of this system may claim, their scents and longest release (TD-OLF-004)
SCENT_OUTPUTS, SCENTS, MAX_SCENT_NS = ("scent",), ("pine", "sea_breeze", "coffee"), 10_000_000_000
#: the tactile arrays a descriptor of this system may claim and their layout (TD-TACT-003)
TACTILE_OUTPUTS, TAXELS = ("skin",), (6, 6)
#: the reference tactile array's frame period (100 Hz): longer than a read's round trip, so reads repeat frames
TACTILE_FRAME_NS = 10_000_000
EXTENSIONS = ("XR_KHR_convert_timespec_time", "XR_EXT_eye_gaze_interaction", "XR_EXT_hand_tracking",
              "XR_FB_face_tracking2", "XR_FB_body_tracking")
#: XR_BODY_JOINT_COUNT_FB (XR_FB_body_tracking's default joint set, TD-BODY-004)
BODY_JOINTS = 70
VALID = ["XR_SPACE_LOCATION_ORIENTATION_VALID_BIT", "XR_SPACE_LOCATION_POSITION_VALID_BIT"]
TRACKED = ["XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT", "XR_SPACE_LOCATION_POSITION_TRACKED_BIT"]


def _pose(x: float, y: float, z: float, yaw: float) -> dict[str, Any]:
    return {"orientation": {"x": 0.0, "y": math.sin(yaw / 2), "z": 0.0, "w": math.cos(yaw / 2)},
            "position": {"x": x, "y": y, "z": z}}


class Device(Session, Readings):
    """One connection's runtime: its clock, the frames it predicted and the vibrations it drove."""

    def __init__(self, defects: frozenset[str]) -> None:
        self.defects = defects
        self.frames = 0
        self.located = 0
        self.last_display = 0
        self.output: list[dict[str, Any]] = []
        self.released: list[dict[str, Any]] = []  # TD-OLF-004
        self.body_located = 0  # TD-BODY-004

    def now(self) -> int:
        return time.monotonic_ns()

    def call(self, method: str, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        handler = getattr(self, method.replace(".", "_"), None)
        if not method.startswith(("xr", "test.")) or handler is None:
            return -32601, f"no method {method!r} here"
        result: dict[str, Any] | tuple[int, str] = handler(params)
        return result

    def xrEnumerateInstanceExtensionProperties(self, params: dict[str, Any]) -> dict[str, Any]:
        names = [n for n in EXTENSIONS if not (n == "XR_EXT_hand_tracking" and "runtime-extension-missing" in self.defects)]
        return {"properties": [{"type": "XR_TYPE_EXTENSION_PROPERTIES", "extensionName": n, "extensionVersion": 1}
                               for n in names]}

    def xrGetSystemProperties(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"type": "XR_TYPE_SYSTEM_PROPERTIES", "systemName": SYSTEM_NAME, "vendorId": 4660,
                "trackingProperties": {"orientationTracking": True, "positionTracking": True},
                "next": [{"type": "XR_TYPE_SYSTEM_EYE_GAZE_INTERACTION_PROPERTIES_EXT", "supportsEyeGazeInteraction": True},
                         {"type": "XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT",
                          "supportsHandTracking": "runtime-hand-unsupported" not in self.defects},
                         {"type": "XR_TYPE_SYSTEM_FACE_TRACKING_PROPERTIES2_FB", "supportsVisualFaceTracking": True,
                          "supportsAudioFaceTracking": False},
                         {"type": "XR_TYPE_SYSTEM_BODY_TRACKING_PROPERTIES_FB", "supportsBodyTracking": True}]}

    def xrWaitFrame(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        if "runtime-wait-refused" in self.defects:
            return -1, "XR_ERROR_SESSION_NOT_RUNNING"
        self.frames += 1
        display = max(self.now() + 2 * PERIOD_NS, self.last_display + PERIOD_NS)
        self.last_display = display
        if "runtime-time-backwards" in self.defects and self.frames % 3 == 0:
            display -= 5 * PERIOD_NS
        return {"type": "XR_TYPE_FRAME_STATE", "predictedDisplayTime": display,
                "predictedDisplayPeriod": PERIOD_NS, "shouldRender": True}

    def xrLocateSpace(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        if params.get("space") in SPACES:  # TD-RUN-007: a reference space (reference/terminal/runtime_session.py)
            return self.locate_reference(params)
        at = params.get("time")
        if params.get("space") != "/user/eyes_ext/input/gaze_ext/pose" or not isinstance(at, int) or at <= 0:
            return -32602, "space: the gaze action's pose (/user/eyes_ext/input/gaze_ext/pose); time: an XrTime"
        flags = ["XR_SPACE_LOCATION_ORIENTATION_VALID_BIT", "XR_SPACE_LOCATION_POSITION_VALID_BIT",
                 "XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT"]
        if "runtime-gaze-flags" in self.defects:
            flags.remove("XR_SPACE_LOCATION_ORIENTATION_VALID_BIT")
        pose = _pose(0.0, 1.6, 0.0, (at % 1_000_000_000) / 1e9 * 0.2)
        if "runtime-gaze-not-unit" in self.defects:
            pose["orientation"] = {k: 1.1 * v for k, v in pose["orientation"].items()}
        self.located += 1
        sampled = at - 4_000_000
        if "runtime-gaze-time-backwards" in self.defects and self.located % 3 == 0:
            sampled -= 50_000_000 + PERIOD_NS
        return {"type": "XR_TYPE_SPACE_LOCATION", "locationFlags": flags, "pose": pose,
                "next": [{"type": "XR_TYPE_EYE_GAZE_SAMPLE_TIME_EXT", "time": sampled}]}

    def xrLocateHandJointsEXT(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        if params.get("hand") not in ("XR_HAND_LEFT_EXT", "XR_HAND_RIGHT_EXT") or not isinstance(params.get("time"), int):
            return -32602, "hand: XR_HAND_LEFT_EXT or XR_HAND_RIGHT_EXT; time: an XrTime"
        side = -1.0 if params["hand"] == "XR_HAND_LEFT_EXT" else 1.0
        count = 25 if "runtime-hand-25-joints" in self.defects else 26
        inactive = "runtime-hand-never-active" in self.defects
        flags = [] if inactive or "runtime-hand-joints-invalid" in self.defects else VALID + TRACKED
        joints = [{"locationFlags": flags, "pose": _pose(side * (0.2 + 0.005 * j), 1.2, -0.3, 0.0),
                   "radius": 0.008 if j > 1 else 0.02} for j in range(count)]
        return {"type": "XR_TYPE_HAND_JOINT_LOCATIONS_EXT", "isActive": not inactive, "jointCount": count,
                "jointLocations": joints}

    def xrGetFaceExpressionWeights2FB(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        at = params.get("time")
        if not isinstance(at, int) or at <= 0:
            return -32602, "time: an XrTime"
        count = 69 if "runtime-face-69-weights" in self.defects else 70
        weights = [round(0.5 + 0.4 * math.sin(at / 1e8 + i), 6) for i in range(count)]
        if "runtime-face-weight-range" in self.defects:
            weights[3] = 1.5
        valid = "runtime-face-never-valid" not in self.defects
        return {"type": "XR_TYPE_FACE_EXPRESSION_WEIGHTS2_FB", "weightCount": count, "weights": weights,
                "confidenceCount": 2, "confidences": [0.9, 0.8], "isValid": valid,
                "isEyeFollowingBlendshapesValid": valid, "dataSource": "XR_FACE_TRACKING_DATA_SOURCE2_VISUAL_FB",
                "time": at - 4_000_000}

    def xrLocateBodyJointsFB(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        """TD-BODY-004: the 70 joints of XR_FB_body_tracking's default set, a person standing 1 m in front, each
        joint valid and tracked, tracked 4 ms before the time asked."""
        at = params.get("time")
        if not isinstance(at, int) or at <= 0 or not isinstance(params.get("baseSpace"), str):
            return -32602, "baseSpace: a reference space; time: an XrTime"
        self.body_located += 1
        count = BODY_JOINTS - 1 if "runtime-body-69-joints" in self.defects else BODY_JOINTS
        flags = ["XR_SPACE_LOCATION_POSITION_TRACKED_BIT"] if "runtime-body-tracked-not-valid" in self.defects \
            else VALID + TRACKED
        poses = [_pose(0.1 * math.sin(j), 0.1 + 0.023 * j, -1.0, 0.02 * j) for j in range(count)]
        if "runtime-body-not-unit" in self.defects:
            poses[5]["orientation"] = {k: 1.1 * v for k, v in poses[5]["orientation"].items()}
        joints = [{"locationFlags": flags, "pose": pose} for pose in poses]
        tracked = at - 4_000_000
        if "runtime-body-time-backwards" in self.defects and self.body_located % 3 == 0:
            tracked -= 50_000_000 + PERIOD_NS
        return {"type": "XR_TYPE_BODY_JOINT_LOCATIONS_FB", "isActive": True, "confidence": 0.9,
                "jointCount": count, "jointLocations": joints, "skeletonChangedCount": 1, "time": tracked}

    def xrApplyHapticFeedback(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        vibration = params.get("hapticFeedback")
        if params.get("subactionPath") != "/user/hand/right" or not isinstance(vibration, dict):
            return -32602, "subactionPath: /user/hand/right; hapticFeedback: an XrHapticVibration"
        duration, frequency, amplitude = (vibration.get(k) for k in ("duration", "frequency", "amplitude"))
        if not isinstance(duration, int) or not isinstance(frequency, int | float) \
                or not isinstance(amplitude, int | float):
            return -32602, "an XrHapticVibration: duration (ns), frequency (Hz), amplitude (0..1)"
        if "runtime-haptics-refused" in self.defects:
            return -1, "XR_ERROR_PATH_UNSUPPORTED"
        if "runtime-haptics-ignored" not in self.defects:
            # XR_MIN_HAPTIC_DURATION (-1) and XR_FREQUENCY_UNSPECIFIED (0): the runtime's own choices
            driven = DEFAULT_DURATION_NS if duration == -1 else min(duration, MAX_DURATION_NS)
            self.output.append({"subactionPath": params["subactionPath"], "start": self.now(), "duration": driven,
                                "frequency": DEFAULT_FREQUENCY_HZ if frequency == 0 else min(float(frequency), MAX_FREQUENCY_HZ),
                                "amplitude": max(0.0, min(1.0, float(amplitude)))})
        return {"result": "XR_SUCCESS"}

    def test_getHapticOutput(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"vibrations": self.output[-64:]}

    def test_applyScent(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        """A scent released on an olfactory output (annex D's own: OpenXR defines no scent function); the
        outputs and scents any descriptor of this system may claim: SCENT_OUTPUTS, SCENTS."""
        output, scent, intensity, duration = (params.get(k) for k in ("output", "scent", "intensity", "duration"))
        if output not in SCENT_OUTPUTS or not isinstance(scent, str) or not isinstance(duration, int) \
                or not isinstance(intensity, int | float) or not 0 <= intensity <= 1 or duration <= 0:
            return -32602, "output: an olfactory output's id; scent: its name; intensity: 0..1; duration: ns above 0"
        if scent not in SCENTS:
            return -1, "XR_ERROR_VALIDATION_FAILURE"
        if "runtime-scent-refused" in self.defects:
            return -1, "XR_ERROR_PATH_UNSUPPORTED"
        if "runtime-scent-ignored" not in self.defects:
            released = duration // 2 if "runtime-scent-halved" in self.defects else duration
            self.released.append({"output": output, "scent": scent, "start": self.now(),
                                  "duration": min(released, MAX_SCENT_NS), "intensity": float(intensity)})
        return {"result": "XR_SUCCESS"}

    def test_getScentOutput(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"scents": self.released[-64:]}

    def test_readTactile(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        """The latest frame of a tactile array (annex D's own: OpenXR has no tactile sensor function): a light
        touch moving over the TAXELS, one reading (N) per taxel, row after row. The array scans a frame every
        TACTILE_FRAME_NS, so reads closer together answer the same frame again, with its time and readings."""
        if params.get("output") not in TACTILE_OUTPUTS:
            return -32602, "output: a tactile output's id"
        rows, columns = TAXELS
        at = self.now()
        frame = at - at % TACTILE_FRAME_NS
        peak = (frame // TACTILE_FRAME_NS) % (rows * columns)
        forces = [0.5 if k == peak else 0.01 for k in range(rows * columns)]
        if "runtime-tactile-short" in self.defects:
            forces = forces[:-1]
        if "runtime-tactile-negative" in self.defects:
            forces[3] = -0.2
        if "runtime-tactile-time-backwards" in self.defects:  # each read 1 ms before the last, the same in every run
            self.tactile_back = getattr(self, "tactile_back", 2_000_000_000) - 1_000_000
            frame = self.tactile_back
        return {"time": frame, "forces": forces}

    def xrConvertTimeToTimespecTimeKHR(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        at = params.get("time")
        if not isinstance(at, int) or at <= 0:
            return -32602, "time: an XrTime"
        return {"timespecTime": {"tv_sec": at // 1_000_000_000, "tv_nsec": at % 1_000_000_000}}

    def xrConvertTimespecTimeToTimeKHR(self, params: dict[str, Any]) -> dict[str, Any] | tuple[int, str]:
        spec = params.get("timespecTime")
        sec = spec.get("tv_sec") if isinstance(spec, dict) else None
        nsec = spec.get("tv_nsec") if isinstance(spec, dict) else None
        if not isinstance(sec, int) or not isinstance(nsec, int):
            return -32602, "timespecTime: {tv_sec, tv_nsec}"
        return {"time": sec * 1_000_000_000 + nsec + (5_000 if "runtime-timespec-off" in self.defects else 0)}


def routes(defects: frozenset[str]) -> list[BaseRoute]:
    async def bridge(websocket: WebSocket) -> None:
        offered = [s.strip() for s in websocket.headers.get("sec-websocket-protocol", "").split(",")]
        await websocket.accept(subprotocol=SUBPROTOCOL if SUBPROTOCOL in offered else None)
        device = Device(defects)
        try:
            while (message := await next_request(websocket, MAX_MESSAGE_BYTES)) is not None:
                params = message.get("params")
                answer = device.call(message["method"], params if isinstance(params, dict) else {})
                if "id" in message:
                    await websocket.send_text(_answer(message["id"], answer))
        except WebSocketDisconnect:
            pass

    async def upgrade_required(request: Request) -> Response:
        return problem(426, "Upgrade Required", "the runtime test interface is a WebSocket: ask with Upgrade: websocket",
                       kind="upgrade-required", defects=defects)

    return [WebSocketRoute(PATH, bridge), Route(PATH, upgrade_required)]


def _answer(request_id: object, answer: dict[str, Any] | tuple[int, str]) -> str:
    return jsonrpc.error(request_id, *answer) if isinstance(answer, tuple) else jsonrpc.result(request_id, answer)