"""The frame format as typed structs, decoded with msgspec, and a precise slow path.

Decoding a line straight into typed structs (msgspec) is faster than building dicts with
orjson and then walking them, and it validates JSON types on the way. Each stream type has
its own struct, holding only what its frames carry, so a frame missing a member of its type
fails to decode like one with a wrong type. A line that does not fit (malformed JSON, a
wrong type, a missing member, an undeclared stream) goes to
:meth:`.decoder.FrameDecoder.diagnose`, which parses it with orjson and names the first problem by
JSON pointer; that path is only taken for bad lines, so a good capture never pays for it.

The payload members follow OpenXR: poses are ``XrPosef`` (metres, unit quaternion x, y,
z, w), ``flags`` are ``XrSpaceLocationFlags`` bits, hand joints follow
``XR_EXT_hand_tracking`` (26 joints), haptics follow ``XrHapticVibration``.

Range constraints (int64 timestamps, non-negative flags) are not declared on the structs:
declared constraints slow msgspec down by about 15 %, and NumPy checks them on the columns
at no cost (:func:`.reader._process_stream`, :func:`.poses.flags_column`).
"""

from __future__ import annotations

from typing import Literal

import msgspec

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


#: OpenXR XrPosef: an orientation whose norm deviates more than 1 % from 1 is not a valid pose
#: (TD-POSE-001 judges it; the measurements of poses leave such samples out).
NORM_TOLERANCE = 0.01


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


class PoseFrame(msgspec.Struct, gc=False):
    """pose and eye_gaze streams."""

    t: int
    pose: Pose
    flags: int | None = None  # absent: all four bits, valid and tracked (poses.NO_FLAGS)


class PoseTextFrame(msgspec.Struct, gc=False):
    """A pose or eye_gaze frame whose ``pose`` stays JSON text (validated as JSON): a chunk's
    poses are parsed at once (:func:`.records.parse_records`), with no struct or float per member."""

    t: int
    pose: msgspec.Raw
    flags: int | None = None


class HandFrame(msgspec.Struct, gc=False):
    t: int
    active: bool
    joints: list[Joint]


class HandTextFrame(msgspec.Struct, gc=False):
    """A hand frame whose ``joints`` stay JSON text (validated as JSON): a chunk's are parsed at
    once (:func:`.records.parse_records`); as structs they are some 300 objects a frame."""

    t: int
    active: bool
    joints: msgspec.Raw


class FaceFrame(msgspec.Struct, gc=False):
    t: int
    valid: bool
    weights: list[float]
    set: FaceSet


class HapticFrame(msgspec.Struct, gc=False):
    t: int
    duration_ns: int
    frequency_hz: float
    amplitude: float


class BodyFrame(msgspec.Struct, gc=False):
    t: int
    bones: dict[str, Pose]


class OlfactoryFrame(msgspec.Struct, gc=False):
    t: int
    scent: str
    intensity: float
    duration_ns: int


class MotionPlatformFrame(msgspec.Struct, gc=False):
    t: int
    displacement: Dof6
    velocity: Dof6


class BiosignalFrame(msgspec.Struct, gc=False):
    """eeg and emg streams: one sample of every channel, in the order and units (microvolts)
    the stream declares (BIDS channels.tsv)."""

    t: int
    values: list[float]


class BiosignalTextFrame(msgspec.Struct, gc=False):
    """An eeg or emg frame whose ``values`` stay JSON text (validated as JSON), for
    :func:`.numbers.number_rows` to parse a chunk's arrays at once."""

    t: int
    values: msgspec.Raw


class FaceTextFrame(msgspec.Struct, gc=False):
    """A face frame whose ``weights`` stay JSON text (validated as JSON): a chunk's arrays of
    one expression set are parsed at once (:func:`.numbers.rows_in_batches`), with no Python
    float per weight (52 to 70 a frame: more than orjson's whole parse of the line)."""

    t: int
    valid: bool
    weights: msgspec.Raw
    set: FaceSet


class MarkerFrame(msgspec.Struct, gc=False):
    """marker streams: one event (BIDS events.tsv value / trial_type) at its onset t; gesture streams: a
    recognised gesture's name at the time it was recognised."""

    t: int
    value: str


class AudioFrame(msgspec.Struct, gc=False):
    """audio streams: one block of sound, ``t`` the time of its first sample, ``samples`` per
    channel; an object source's block carries its position (stage space, metres), an ambisonic
    export's its sound, ``field`` (channels x samples, kept as JSON text; empty when absent:
    :func:`..soundfield.check_field_frames`)."""

    t: int
    samples: int
    position: Vec3 | None = None
    field: msgspec.Raw = msgspec.Raw(b"")


class ForceFrame(msgspec.Struct, gc=False):
    """force_feedback streams: one command: force (N) and torque (N m) vectors, a stiffness
    (N/m), a resistance per finger 0..1 (XR_MNDX_force_feedback_curl); each optional."""

    t: int
    force: Vec3 | None = None
    torque: Vec3 | None = None
    stiffness: float | None = None
    curl: dict[str, float] | None = None


class DisplayFrame(msgspec.Struct, gc=False):
    """display streams: one shown frame, ``t`` its display time, ``pose_t`` the sample time
    of the tracked pose it was rendered from."""

    t: int
    pose_t: int
    frame: int | None = None  # the application's frame index, the same in both eyes' streams


class VoiceEventFrame(msgspec.Struct, gc=False):
    """voice_event streams: what the device detected in the voice stream it annotates, at
    ``t``: wake_word (with its keyword), speech_start, speech_end (voice activity)."""

    t: int
    event: str
    keyword: str | None = None


class TranscriptFrame(msgspec.Struct, gc=False):
    """transcript streams: one speech-to-text result emitted at ``t``, covering the speech
    from ``start`` to ``end`` (capture clock, ns); ``final`` as the Web Speech API's isFinal."""

    t: int
    start: int
    end: int
    text: str
    final: bool = True
    confidence: float | None = None


class CaptionFrame(msgspec.Struct, gc=False):
    """caption streams: one cue shown from ``t`` to ``end`` (capture clock, ns, as WebVTT cue
    timings), its ``text``; optionally the ``source`` stream it captions (a WebVTT voice
    span), its ``language`` where it differs from its track's, its ``position`` in stage space."""

    t: int
    end: int
    text: str
    source: str | None = None
    language: str | None = None
    position: Vec3 | None = None


class SessionFrame(msgspec.Struct, gc=False):
    """session streams: one event of the session's use at ``t``: session_start, rest_reminder,
    pause, resume, session_end."""

    t: int
    event: str


class ContentDepthFrame(msgspec.Struct, gc=False):
    """content_depth streams: per shown frame (``t`` its display time), the distance in metres
    at which the content the eyes fixate on is drawn (``depth_m``, the vergence distance the
    two images ask for), and for a varifocal display the focal distance it was shown at
    (``focal_m``)."""

    t: int
    depth_m: float
    focal_m: float | None = None


class LuminanceFrame(msgspec.Struct, gc=False):
    """luminance streams: one block of a photometer's or photodiode's trace of the display,
    ``t`` the time of its first sample, ``luminance`` the relative luminance samples at the
    stream's declared sample rate, kept as JSON text: the blocks of a chunk are parsed at once
    (:func:`..flicker.check_luminance_frames`, with :func:`.numbers.number_rows`)."""

    t: int
    luminance: msgspec.Raw


class BinauralFrame(msgspec.Struct, gc=False):
    """binaural streams: one block of what the device sends to the two ears, ``t`` the time of its
    first sample, ``left`` and ``right`` the samples (full scale 1.0) at the stream's declared sample
    rate, kept as JSON text: a chunk's blocks are parsed at once (:func:`..binaural.check_binaural_frames`)."""

    t: int
    left: msgspec.Raw
    right: msgspec.Raw


class AccelerationFrame(msgspec.Struct, gc=False):
    """acceleration streams: one block of an accelerometer's trace of a haptic actuator, ``t`` the
    time of its first sample, ``acceleration`` the samples (m/s^2) at the declared sample rate, kept
    as JSON text (:func:`..haptic_output.check_acceleration_frames`)."""

    t: int
    acceleration: msgspec.Raw


class PhotodiodeFrame(msgspec.Struct, gc=False):
    """photodiode streams: one block of a photodiode's trace of an eyepiece on the photon rig, ``t`` the
    time of its first sample, ``photodiode`` the samples at the declared sample rate, kept as JSON text
    (:func:`..photon.check_photodiode_frames`)."""

    t: int
    photodiode: msgspec.Raw


class ForceSensorFrame(msgspec.Struct, gc=False):
    """force_sensor streams: one block of a force sensor's trace of a force-feedback device, ``t`` the
    time of its first sample, ``force_n`` the samples (N) at the declared sample rate, kept as JSON
    text (:func:`..force_output.check_force_sensor_frames`)."""

    t: int
    force_n: msgspec.Raw


class GasSensorFrame(msgspec.Struct, gc=False):
    """gas_sensor streams: one block of a photoionization detector's trace of the air an olfactory device
    releases into, ``t`` the time of its first sample, ``concentration_ppm`` the samples at the declared sample
    rate, kept as JSON text (:func:`..scent_release.check_gas_sensor_frames`)."""

    t: int
    concentration_ppm: msgspec.Raw


class TactileFrame(msgspec.Struct, gc=False):
    """tactile streams: one reading (N) per taxel of the array, row after row, kept as JSON text
    (:func:`..tactile.check_tactile_frames`)."""

    t: int
    forces: msgspec.Raw


class IndenterFrame(msgspec.Struct, gc=False):
    """indenter streams: the reference load cell's reading (N) and the tip's position [x, y] (mm) on the
    tactile array it presses on (TD-TACT-002)."""

    t: int
    load_n: float
    position_mm: tuple[float, float]


class Contact(msgspec.Struct, gc=False):
    """One contact a device recognises: its centre [x, y] (mm) on the array and its force (N)."""
    position_mm: tuple[float, float]
    force_n: float


class TouchFrame(msgspec.Struct, gc=False):
    """touch streams: the contacts a device recognises at ``t`` (none while untouched; TD-TACT-004)."""
    t: int
    contacts: list[Contact]


class TouchIndenterFrame(msgspec.Struct, gc=False):
    """touch_indenter streams: the load cell's reading (N) and each tip's centre [x, y] (mm) (TD-TACT-004)."""

    t: int
    load_n: float
    tips_mm: list[tuple[float, float]]


class DepthFrame(msgspec.Struct, gc=False):
    """depth streams: one range (m) per pixel of the declared region, row after row, kept as JSON text
    (:func:`..depth.check_depth_frames`)."""

    t: int
    depth_m: msgspec.Raw


class RangeTargetFrame(msgspec.Struct, gc=False):
    """range_target streams: the reference target's distance (m) from the depth sensor it annotates, as a
    calibrated distance meter measures it (TD-DEPTH-002)."""

    t: int
    distance_m: float


class ViewScaleFrame(msgspec.Struct, gc=False):
    """view_scale streams: the angle (deg) the reference letter's height subtends as a calibrated camera at the
    eyepiece sees it (TD-ACC-006)."""

    t: int
    height_deg: float


class RadarFrame(msgspec.Struct, gc=False):
    """radar streams: the points detected, as ranges (m) and azimuths (deg) of one length, kept as JSON text
    (:func:`..radar.check_radar_frames`)."""

    t: int
    range_m: msgspec.Raw
    azimuth_deg: msgspec.Raw


class ReflectorFrame(msgspec.Struct, gc=False):
    """reflector streams: a corner reflector's range (m) and azimuth (deg) from the radar it annotates, as a
    calibrated distance meter and rotary stage measure them (TD-RADAR-002); calibration_board streams: a
    calibration board's, from the camera it annotates (TD-CAM-002)."""

    t: int
    distance_m: float
    azimuth_deg: float


class CameraFrame(msgspec.Struct, gc=False):
    """camera streams: the calibration board's inner corners found in the frame's image, u, v pairs (px), or
    none, kept as JSON text (:func:`..camera.check_camera_frames`)."""

    t: int
    corners_px: msgspec.Raw


class SpectrumFrame(msgspec.Struct, gc=False):
    """spectrum streams: a spectroradiometer's spectral radiances (W m^-2 sr^-1 nm^-1) from the declared first
    wavelength in the declared steps, kept as JSON text (:func:`..blue_light.check_spectrum_frames`)."""

    t: int
    radiance: msgspec.Raw


class EyepieceLuminanceFrame(msgspec.Struct, gc=False):
    """eyepiece_luminance streams: a luminance meter's readings (cd/m^2), one per declared field point, kept as
    JSON text (:func:`..eyepiece_luminance.check_eyepiece_luminance_frames`)."""

    t: int
    luminance_cd_m2: msgspec.Raw


class PowerFrame(msgspec.Struct, gc=False):
    """power streams: battery level 0..1, power draw (W), surface temperature (degrees C); each optional."""

    t: int
    battery: float | None = None
    power_w: float | None = None
    temperature_c: float | None = None


class BareFrame(msgspec.Struct, gc=False):
    """input and other streams, and streams of an unknown type: only the timestamp is read."""

    t: int


#: The frame struct of each stream type; what a type's frames must carry is what its
#: struct requires. Unknown members are ignored (extensions).
FRAME_TYPES: dict[str, type[msgspec.Struct]] = {
    "pose": PoseFrame, "eye_gaze": PoseFrame, "hand": HandFrame, "face": FaceFrame, "haptic": HapticFrame,
    "body": BodyFrame, "olfactory": OlfactoryFrame, "motion_platform": MotionPlatformFrame,
    "eeg": BiosignalFrame, "emg": BiosignalFrame, "marker": MarkerFrame, "audio": AudioFrame,
    "force_feedback": ForceFrame, "display": DisplayFrame, "voice": AudioFrame, "voice_event": VoiceEventFrame,
    "transcript": TranscriptFrame, "power": PowerFrame, "caption": CaptionFrame,
    "session": SessionFrame, "content_depth": ContentDepthFrame, "luminance": LuminanceFrame,
    "binaural": BinauralFrame, "acceleration": AccelerationFrame, "force_sensor": ForceSensorFrame,
    "gas_sensor": GasSensorFrame,
    "gesture": MarkerFrame, "gaze_selection": MarkerFrame, "tactile": TactileFrame, "indenter": IndenterFrame,
    "touch": TouchFrame, "touch_indenter": TouchIndenterFrame,
    "photodiode": PhotodiodeFrame, "depth": DepthFrame, "range_target": RangeTargetFrame,
    "radar": RadarFrame, "reflector": ReflectorFrame, "camera": CameraFrame, "calibration_board": ReflectorFrame,
    "spectrum": SpectrumFrame, "eyepiece_luminance": EyepieceLuminanceFrame,
    "stage_trigger": MarkerFrame, "view_scale": ViewScaleFrame,
}


DOF6_AXES = ("surge", "sway", "heave", "roll", "pitch", "yaw")
HAND_JOINT_COUNT = 26  # XR_HAND_JOINT_COUNT_EXT
