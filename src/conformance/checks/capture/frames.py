"""The frame format as typed structs, decoded with msgspec, and a precise slow path.

Decoding a line straight into typed structs (msgspec) is faster than building dicts with
orjson and then walking them, and it validates JSON types on the way. A line that does not
fit the structs (malformed JSON, a wrong type) goes to :func:`diagnose`, which parses it
with orjson and names the first problem by JSON pointer; that path is only taken for bad
lines, so a good capture never pays for it.

The payload members follow OpenXR: poses are ``XrPosef`` (metres, unit quaternion x, y,
z, w), ``flags`` are ``XrSpaceLocationFlags`` bits, hand joints follow
``XR_EXT_hand_tracking`` (26 joints), haptics follow ``XrHapticVibration``.

Range constraints (int64 timestamps, non-negative flags) are not declared on the structs:
declared constraints slow msgspec down by about 15 %, and NumPy checks them on the columns
at no cost (:func:`.reader._process_stream`, :func:`.poses.flags_column`).
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec
import orjson

FaceSet = Literal["fb2_70", "htc_eye14_lip37", "arkit52"]


class Quat(msgspec.Struct, gc=False):
    x: float
    y: float
    z: float
    w: float


class Vec3(msgspec.Struct, gc=False):
    x: float
    y: float
    z: float


class Pose(msgspec.Struct, gc=False):
    orientation: Quat
    position: Vec3


class Joint(msgspec.Struct, gc=False):
    pose: Pose
    radius: float
    flags: int


class Dof6(msgspec.Struct, gc=False):
    """Motion platform axes: surge, sway, heave in metres (or m/s); roll, pitch, yaw in
    radians (or rad/s)."""

    surge: float
    sway: float
    heave: float
    roll: float
    pitch: float
    yaw: float


class Frame(msgspec.Struct, gc=False):
    """Every member any stream type uses; which ones a frame must carry depends on its
    stream's type (:data:`REQUIRED`). Unknown members are ignored (extensions)."""

    stream: str
    t: int
    pose: Pose | None = None
    flags: int | None = None
    active: bool | None = None
    joints: list[Joint] | None = None
    valid: bool | None = None
    weights: list[float] | None = None
    set: FaceSet | None = None
    duration_ns: int | None = None
    frequency_hz: float | None = None
    amplitude: float | None = None
    bones: dict[str, Pose] | None = None
    scent: str | None = None
    intensity: float | None = None
    displacement: Dof6 | None = None
    velocity: Dof6 | None = None


DOF6_AXES = ("surge", "sway", "heave", "roll", "pitch", "yaw")
HAND_JOINT_COUNT = 26  # XR_HAND_JOINT_COUNT_EXT

#: The members each stream type's frames must carry.
REQUIRED: dict[str, tuple[str, ...]] = {
    "pose": ("pose",),
    "eye_gaze": ("pose",),
    "hand": ("active", "joints"),
    "face": ("valid", "weights", "set"),
    "haptic": ("duration_ns", "frequency_hz", "amplitude"),
    "body": ("bones",),
    "olfactory": ("scent", "intensity", "duration_ns"),
    "motion_platform": ("displacement", "velocity"),
    "input": (),
    "other": (),
}

DECODER = msgspec.json.Decoder(Frame)
DecodeError = msgspec.DecodeError  # ValidationError is a subclass


def diagnose(raw: bytes) -> tuple[Any, str, str]:
    """(parsed value or None, JSON pointer, message) for a line the typed decoder refused."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        where = f" (column {exc.colno})" if exc.lineno == 1 else ""
        return None, "", f"not valid JSON: {exc.msg}{where}"
    try:
        DECODER.decode(raw)
    except msgspec.ValidationError as exc:
        return value, _pointer(str(exc)), str(exc).split(" - at ")[0]
    except msgspec.DecodeError as exc:  # e.g. an integer out of range msgspec reads as invalid
        return value, "", f"not a valid frame: {exc}"
    return value, "", "not a valid frame"


def _pointer(message: str) -> str:
    """msgspec names the place as ``$.pose.orientation.x`` or ``$.joints[3]``; as a pointer."""
    _, sep, path = message.partition(" - at `$")
    if not sep:
        return ""
    path = path.rstrip("`")
    return path.replace("[", ".").replace("]", "").replace(".", "/")
