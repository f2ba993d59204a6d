"""Device classes of synthetic captures: their descriptor and the streams they record."""

from __future__ import annotations

import copy
import math
from typing import TYPE_CHECKING, Any

from .access import MONO_EARS_ID, SEATED_ID, VIEW_ID, mono_ears_spec, seated_spec, view_spec
from .binaural import ears_spec
from .bodyref import REFERENCE_ID, TRACKED_ID, reference_spec, tracked_spec
from .distance import DISTANCE_ID, distance_spec
from .gaze import GAZE_RIG_ID, gaze_rig_spec
from .gesture import GESTURES_ID, GESTURES_LEFT_ID, HAND_ID, HAND_LEFT_ID, gesture_stream_spec
from .injected import calibration_spec
from .rendering import ARM_ID, FORCE_SENSOR_ID, arm_spec, force_sensor_spec
from .supply import SUPPLY_ID, supply_spec
from . import camera, depth, eyepiece_luminance, headturn, hold, radar, spectrum
from .tactile import INDENTER_ID, SENSOR_ID, indenter_spec, sensor_spec
from .soundfield import FIELD_ID, field_spec
from .vibration import ACCELEROMETER_ID, ACTUATOR_ID, accelerometer_spec
from . import faceref, photon, rigs, scent, speech
from .apparatus import base_imu, base_tracker, declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

S = "stage"
_STREAMS: dict[str, dict[str, Any]] = {
    "head": {"id": "head", "type": "pose", "rate_hz": 90, "space": S, "path": "/user/head"},
    "controller_left": {"id": "controller_left", "type": "pose", "rate_hz": 60, "space": S, "path": "/user/hand/left"},
    "controller_right": {"id": "controller_right", "type": "pose", "rate_hz": 60, "space": S,
                         "path": "/user/hand/right"},
    "hand_left": {"id": "hand_left", "type": "hand", "rate_hz": 30, "space": S, "path": "/user/hand/left"},
    "hand_right": {"id": "hand_right", "type": "hand", "rate_hz": 30, "space": S, "path": "/user/hand/right"},
    "gaze": {"id": "gaze", "type": "eye_gaze", "rate_hz": 60, "space": S, "path": "/user/eyes_ext"},
    "face": {"id": "face", "type": "face", "rate_hz": 30},
    "haptic_right": {"id": "haptic_right", "type": "haptic", "path": "/user/hand/right"},
    "haptic_vest": {"id": "haptic_vest", "type": "haptic"},
    # a controller's actuator on a bench, commanded test vibrations, an accelerometer on it (TD-HAPT-003)
    ACTUATOR_ID: {"id": ACTUATOR_ID, "type": "haptic", "path": "/user/hand/right"},
    ACCELEROMETER_ID: accelerometer_spec(),
    "body": {"id": "body", "type": "body", "rate_hz": 60, "space": S},
    # a motion platform playing a ride's motion cues, its moving base's motion measured by an inertial unit
    "platform": {"id": "platform", "type": "motion_platform", "rate_hz": 100,
                 "measured_by": base_imu()},
    # the platform's own report of its motion (its controller's estimate): no instrument, so TD-MPLAT-001
    # and TD-MPLAT-002 do not judge it
    "platform_reported": {"id": "platform_reported", "type": "motion_platform", "rate_hz": 100},
    # the moving base tracked by an optical tracker, which measures displacement only (TD-MPLAT-001 derives
    # the velocity from it)
    "platform_tracked": {"id": "platform_tracked", "type": "motion_platform", "rate_hz": 100,
                         "measured_by": base_tracker()},
    "scent": {"id": "scent", "type": "olfactory"}, **scent.specs(),  # TD-OLF-003: a bench's diffuser and PID
    # BIDS-EEG: an 8-channel dry-electrode headset at 250 Hz (10-10 names), its event markers
    "eeg": {"id": "eeg", "type": "eeg", "rate_hz": 250, "placement": "10-10", "reference": "M1", "ground": "AFz",
            "range_uv": {"min": -187500, "max": 187500},
            "channels": [{"name": n, "type": "EEG", "units": "\u00b5V", "low_cutoff": 0.5, "high_cutoff": 100}
                         for n in ("Fz", "C3", "Cz", "C4", "Pz", "PO7", "Oz", "PO8")]},
    "events": {"id": "events", "type": "marker", "annotates": "eeg"},
    # a motor-imagery BCI session (TD-BCI-006): a 4-channel EEG over the motor cortex at 128 Hz, a cue
    # each second naming one of four imagined movements, and the decoder's decision after each cue
    "eeg_motor": {"id": "eeg_motor", "type": "eeg", "rate_hz": 128, "placement": "10-10", "reference": "M1",
                  "ground": "AFz", "range_uv": {"min": -187500, "max": 187500},
                  "channels": [{"name": n, "type": "EEG", "units": "\u00b5V", "low_cutoff": 0.5, "high_cutoff": 40}
                               for n in ("C3", "Cz", "C4", "Pz")]},
    "cues": {"id": "cues", "type": "marker", "annotates": "eeg_motor"},
    # an EEG amplifier's signal chain on the bench (TD-BCI-007): a calibrated generator's sines into its
    # inputs, then the inputs shorted, then the brain (generate/injected.py)
    "eeg_bench": {"id": "eeg_bench", "type": "eeg", "rate_hz": 250, "placement": "10-10", "reference": "M1",
                  "ground": "AFz", "range_uv": {"min": -187500, "max": 187500},
                  "channels": [{"name": n, "type": "EEG", "units": "\u00b5V", "low_cutoff": 0.1, "high_cutoff": 100}
                               for n in ("Fz", "Cz", "Pz", "Oz")],
                  "calibration_signal": calibration_spec()},
    "decisions": {"id": "decisions", "type": "marker", "annotates": "eeg_motor", "decodes": "cues",
                  "labels": {f"cue/{c}": c for c in ("left_hand", "right_hand", "feet", "tongue")}},
    # spatial audio after AmbiX: a third-order scene and a positioned source, in 20 ms blocks at 48 kHz
    "scene": {"id": "scene", "type": "audio", "rate_hz": 50,
              "audio": {"format": "ambisonics", "order": 3, "channels": 16, "ordering": "ACN", "normalization": "SN3D",
                        "sample_rate_hz": 48000, "bit_depth": 24}},
    "source": {"id": "source", "type": "audio", "rate_hz": 50, "space": S,
               "audio": {"format": "object", "channels": 1, "sample_rate_hz": 48000, "bit_depth": 24}},
    # force feedback: a glove resisting each finger (XR_MNDX_force_feedback_curl), a grounded stylus arm
    "curl_right": {"id": "curl_right", "type": "force_feedback", "rate_hz": 60, "path": "/user/hand/right",
                   "commands": ["curl"]},
    "stylus": {"id": "stylus", "type": "force_feedback", "rate_hz": 1000, "commands": ["force", "torque", "stiffness"]},
    # a stylus arm on a bench, commanded a staircase of forces, a load cell at its end effector (TD-FORCE-004)
    ARM_ID: arm_spec(),
    FORCE_SENSOR_ID: force_sensor_spec(),
    # the headset's display: one frame per refresh, rendered from the head pose
    "display": {"id": "display", "type": "display", "rate_hz": 90, "renders": "head", "eye": "both"},
    # surface EMG of the forearm at 500 Hz (muscles as channel names)
    "emg": {"id": "emg", "type": "emg", "rate_hz": 500, "reference": "ulnar styloid", "ground": "olecranon",
            "range_uv": {"min": -6000, "max": 6000},
            "channels": [{"name": n, "type": "EMG", "units": "\u00b5V"}
                         for n in ("flexor_carpi_radialis", "flexor_digitorum", "extensor_digitorum",
                                   "extensor_carpi_ulnaris")]},
    # a voice assistant: 16 kHz mono speech in 20 ms blocks, its wake-word and voice-activity
    # events, and the speech-to-text results of what was said
    "mic": {"id": "mic", "type": "voice", "rate_hz": 50, "path": "/user/head",
            "audio": {"format": "pcm", "sample_rate_hz": 16000, "bit_depth": 16, "channels": 1, "layout": "mono"}},
    "voice_events": {"id": "voice_events", "type": "voice_event", "annotates": "mic"},
    "stt": {"id": "stt", "type": "transcript", "annotates": "mic"},
    # live captions of that speech (a WebVTT-like track in British English), one cue per utterance
    "captions": {"id": "captions", "type": "caption", "annotates": "mic", "language": "en-GB"},
    # captions of what a positioned source (a virtual guide) says, placed 0.3 m above it, in Mandarin
    "guide_captions": {"id": "guide_captions", "type": "caption", "annotates": "source", "language": "zh-Hans-CN"},
    # the session's use: its start, then a rest reminder every REST_EVERY_S (TD-REST-001)
    "session": {"id": "session", "type": "session"},
    # the depth the fixated content is drawn at, per shown frame (TD-DISP-004)
    "fixation": {"id": "fixation", "type": "content_depth", "rate_hz": 90, "annotates": "display"},
    # a laboratory's photodiode trace of the display, 100 ms blocks at 5 kHz, 2.5 kHz anti-alias low-pass (TD-DISP-005)
    "photometer": {"id": "photometer", "type": "luminance", "annotates": "display",
                   "luminance": {"sample_rate_hz": 5000,
                                 "instrument": {"kind": "photodiode", "model": "Reference PD-1 silicon photodiode", **declared("PD1-0001"),
                                                "photopic": True, "bandwidth_hz": 2500}}},
    # per-eye display streams of one headset, each frame carrying the application's frame index
    "display_left": {"id": "display_left", "type": "display", "rate_hz": 90, "renders": "head", "eye": "left"},
    "display_right": {"id": "display_right", "type": "display", "rate_hz": 90, "renders": "head", "eye": "right"},
    # a controller on a rotary stage (TD-PERF-001, TD-PERF-002): 0.3 m from the axis, one turn in 4 s, facing
    # along its path (its orientation at t0, when the stage is at phase_rad, measured when it was clamped)
    "rig": {"id": "rig", "type": "pose", "rate_hz": 120, "space": S, "path": "/user/hand/right",
            "reference_motion": {"kind": "circle", "centre": {"x": 0.0, "y": 1.2, "z": -0.5}, "radius_m": 0.3,
                          "period_s": 4.0, "t0": 1_000_000_000_000, "phase_rad": 0.0,
                          "orientation": {"x": 0.0, "y": 0.0, "z": 0.0, "w": 1.0},
                          "rig": "rotary stage, vertical axis, controller clamped at its grip 0.3 m from the axis",
                          "instrument": {"kind": "rotary_stage", "model": "Reference RS-1 rotary stage with an angle encoder",
                                         **declared("RS-0001"),
                                         "calibration": "angle encoder and rate against an autocollimator and a "
                                                        "reference clock, before the session"}}},
    # a motion platform on a test bench (TD-MPLAT-003): commanded sinusoids in surge, heave and pitch,
    # its moving base's achieved displacement measured by an inertial unit on the same clock
    "platform_rig": {"id": "platform_rig", "type": "motion_platform", "rate_hz": 100,
                     "commanded_motion": {
                         "kind": "sinusoid", "t0": 1_000_000_000_000,
                         "axes": {"surge": {"amplitude": 0.06, "frequency_hz": 0.4, "phase_rad": 0.0},
                                  "heave": {"amplitude": 0.04, "frequency_hz": 0.5, "phase_rad": 0.0},
                                  "pitch": {"amplitude": 0.1, "frequency_hz": 0.3, "phase_rad": 0.0}},
                         "bench": "inertial measurement unit on the moving base, calibrated against a laser tracker"},
                     "measured_by": base_imu()},  # its certificate's uncertainty: R2's type B
    # the battery, power draw and face-cushion temperature of a standalone headset, twice a second
    "power": {"id": "power", "type": "power", "rate_hz": 2,
              "thermometer": {"kind": "thermocouple", "model": "type T thermocouple, 0.2 mm junction", **declared("TC-0001"),
                              "placement": "face cushion, forehead contact",
                              "calibration": "against a reference thermometer at 25, 35 and 45 C before the session"}},
}
# a renderer's two ear signals while test sources play around a fixed listener (TD-AUD-004)
_STREAMS["ears"] = ears_spec()
# the binaural rig's ears with the device's mono audio on (TD-ACC-004); a headset on a stand while seated
# mode is switched on (TD-ACC-005)
_STREAMS[MONO_EARS_ID] = mono_ears_spec()
_STREAMS[SEATED_ID] = seated_spec()
# a camera at an eyepiece reading the reference letter while magnification is switched on (TD-ACC-006)
_STREAMS[VIEW_ID] = view_spec()
# a standalone headset's battery run from full to its cut-off on a power analyser (TD-PWR-003)
_STREAMS[SUPPLY_ID] = supply_spec()
# a flexible tactile array and the reference indenter pressing on it (TD-TACT-001, -002)
_STREAMS[SENSOR_ID] = sensor_spec()
_STREAMS[INDENTER_ID] = indenter_spec()
# an infrared depth sensor facing a flat reference target at known distances on a rail (TD-DEPTH-001, -002)
_STREAMS[depth.SENSOR_ID] = depth.sensor_spec()
_STREAMS[depth.TARGET_ID] = depth.target_spec()
# a millimetre-wave radar facing a corner reflector at known places (TD-RADAR-001, -002)
_STREAMS[radar.SENSOR_ID] = radar.sensor_spec()
_STREAMS[radar.REFLECTOR_ID] = radar.reflector_spec()
# a visual sensor facing a calibration board at known places (TD-CAM-001, -002)
_STREAMS[camera.SENSOR_ID] = camera.sensor_spec()
_STREAMS[camera.BOARD_ID] = camera.board_spec()
# a spectroradiometer at each eyepiece of a headset showing full-field white (TD-DISP-010)
_STREAMS[spectrum.LEFT_ID] = spectrum.spectrum_spec("left")
_STREAMS[spectrum.RIGHT_ID] = spectrum.spectrum_spec("right")
# a luminance meter at each eyepiece, at the nine field points the catalog fixes (TD-DISP-011)
_STREAMS[eyepiece_luminance.LEFT_ID] = eyepiece_luminance.meter_spec("left")
_STREAMS[eyepiece_luminance.RIGHT_ID] = eyepiece_luminance.meter_spec("right")
# a controller clamped still on a locked stage for a minute (TD-PERF-003)
_STREAMS[hold.HOLD_ID] = hold.hold_spec(S)
# a head and torso simulator turning on a turntable, and its ears while a world-fixed source plays (TD-AUD-005)
_STREAMS[headturn.HEAD_ID] = headturn.head_spec()
_STREAMS[headturn.EARS_ID] = headturn.ears_spec()
# the first-order AmbiX stream a renderer exports while test sources play around a fixed listener (TD-AUD-006)
_STREAMS[FIELD_ID] = field_spec()
# the ears while test sources play at several distances from a still listener (TD-AUD-007)
_STREAMS[DISTANCE_ID] = distance_spec()
# an eye tracker's gaze while a validation sequence shows fixation targets (TD-GAZE-002)
_STREAMS[GAZE_RIG_ID] = gaze_rig_spec()
# a hand tracker's recognised gestures while a test cues the user to each (TD-HAND-004)
_STREAMS[GESTURES_ID] = gesture_stream_spec()
_STREAMS[GESTURES_LEFT_ID] = gesture_stream_spec("left")
# a headset on the photon rig: a stage turning it past a trigger angle, a photodiode at each eyepiece (TD-DISP-009)
_STREAMS[photon.STAGE_ID] = photon.stage_spec()
_STREAMS[photon.LEFT_ID] = photon.photodiode_spec("left")
_STREAMS[photon.RIGHT_ID] = photon.photodiode_spec("right")
# a voice-interaction device on the speech bench: the reference corpus played to it (TD-VOICE-004)
_STREAMS[speech.MIC_ID] = speech.mic_spec()
_STREAMS[speech.EVENTS_ID] = speech.events_spec()
_STREAMS[speech.STT_ID] = speech.stt_spec()
_STREAMS[speech.CAPTIONS_ID] = speech.captions_spec()  # and the captions it shows of it (TD-CAPT-004)
_STREAMS.update(speech.listening_specs())  # and an hour of speech without its wake word (TD-VOICE-004 R5)
# a body tracker and, on the same clock, an optical motion capture of the same person (TD-BODY-003)
_STREAMS[TRACKED_ID] = tracked_spec()
_STREAMS[REFERENCE_ID] = reference_spec()
# a face tracker and, on the same clock, a facial capture of the same face during a cued sequence (TD-FACE-004)
_STREAMS[faceref.TRACKED_ID] = faceref.tracked_spec()
_STREAMS[faceref.REFERENCE_ID] = faceref.reference_spec()
_STREAMS.update(rigs.STREAMS)  # the hand, eye and motion-programme rigs (TD-HAND-005, TD-GAZE-003, TD-PERF-004)

#: device class -> (stream ids, face set)
DEVICES: dict[str, list[str]] = {
    "vr_headset": ["head", "controller_left", "controller_right", "hand_left", "hand_right", "gaze", "face",
                   "haptic_right"],
    "mr_headset": ["head", "hand_left", "hand_right", "gaze", "face"],
    "ar_glasses": ["head", "hand_left", "hand_right", "gaze"],
    "controller": ["controller_right", "haptic_right"],
    "hand_tracker": ["hand_left", "hand_right"],
    "head_tracker": ["head"],
    "eye_tracker": ["gaze"],
    "gaze_validation": [GAZE_RIG_ID],
    "gesture_session": [HAND_ID, GESTURES_ID],
    "gesture_session_left": [HAND_LEFT_ID, GESTURES_LEFT_ID],
    "face_tracker": ["face"],
    "haptic_glove": ["hand_right", "haptic_right"],
    "haptic_vest": ["haptic_vest"],
    "haptic_bench": [ACTUATOR_ID, ACCELEROMETER_ID],
    "mocap_suit": ["body"],
    "body_reference_rig": [TRACKED_ID, REFERENCE_ID],
    "face_reference_rig": [faceref.TRACKED_ID, faceref.REFERENCE_ID],
    "motion_platform": ["platform"],
    "platform_self_report": ["platform_reported"],
    "instrumented_platform": ["platform_reported", "platform"],
    "tracked_platform": ["platform_tracked"],
    "olfactory_device": ["scent"], "scent_bench": [scent.DIFFUSER_ID, scent.PID_ID],  # TD-OLF-003: and a PID
    "bci_headset": ["eeg", "events"],
    "emg_armband": ["emg"],
    "bci_decoder": ["eeg_motor", "cues", "decisions"],
    "bci_calibration": ["eeg_bench"],
    "spatial_audio_headset": ["head", "scene", "source"],
    "force_glove": ["hand_right", "curl_right"],
    "haptic_arm": ["stylus"],
    "force_bench": [ARM_ID, FORCE_SENSOR_ID],
    "display_headset": ["head", "display"],
    "voice_headset": ["head", "mic", "voice_events", "stt"],
    "standalone_headset": ["head", "display", "power"],
    "tracking_rig": ["rig"],
    "platform_rig": ["platform_rig"],
    "corner_bench": ["platform_corners"],
    "captioned_headset": ["head", "mic", "voice_events", "captions"],
    "stereo_headset": ["head", "display_left", "display_right"],
    "captioned_scene": ["head", "source", "guide_captions"],
    "wellbeing_headset": ["head", "display", "session"],
    "display_lab_headset": ["head", "display", "fixation", "photometer"],
    "varifocal_headset": ["head", "display", "fixation"],
    "binaural_rig": ["ears"],
    "head_turn_rig": [headturn.HEAD_ID, headturn.EARS_ID],
    "ambisonic_rig": [FIELD_ID],
    "distance_rig": [DISTANCE_ID],
    "power_session": ["power"],
    "battery_bench": [SUPPLY_ID],
    "tactile_bench": [SENSOR_ID, INDENTER_ID],
    "depth_bench": [depth.SENSOR_ID, depth.TARGET_ID],
    "radar_bench": [radar.SENSOR_ID, radar.REFLECTOR_ID],
    "camera_bench": [camera.SENSOR_ID, camera.BOARD_ID],
    "spectro_rig": [spectrum.LEFT_ID, spectrum.RIGHT_ID],
    "luminance_rig": [eyepiece_luminance.LEFT_ID, eyepiece_luminance.RIGHT_ID],
    "hold_rig": [hold.HOLD_ID],
    "photon_rig_headset": ["head", "display", photon.STAGE_ID, photon.LEFT_ID, photon.RIGHT_ID],
    "speech_bench": [speech.MIC_ID, speech.EVENTS_ID, speech.STT_ID],
    "captioned_bench": [speech.MIC_ID, speech.EVENTS_ID, speech.STT_ID, speech.CAPTIONS_ID],
    "wake_bench": [speech.LISTEN_ID, speech.LISTEN_EVENTS_ID],
    "mono_audio_rig": [MONO_EARS_ID],
    "seated_stand": [SEATED_ID],
    "magnifier_camera": [VIEW_ID], **rigs.DEVICES,
}
#: device -> its class in the descriptor schema, where the two differ
DEVICE_CLASS = {"head_tracker": "vr_headset", "bci_headset": "bci", "bci_decoder": "bci", "bci_calibration": "bci",
                "emg_armband": "other", "gaze_validation": "eye_tracker", "gesture_session": "hand_tracker",
                "gesture_session_left": "hand_tracker",
                "spatial_audio_headset": "vr_headset", "force_glove": "haptic_glove", "haptic_arm": "other",
                "force_bench": "other",
                "display_headset": "vr_headset", "voice_headset": "ar_glasses", "standalone_headset": "vr_headset",
                "tracking_rig": "controller", "haptic_bench": "controller", "scent_bench": "olfactory_device",
                "platform_rig": "motion_platform", "corner_bench": "motion_platform",
                "platform_self_report": "motion_platform", "instrumented_platform": "motion_platform",
                "tracked_platform": "motion_platform", "captioned_headset": "ar_glasses",
                "stereo_headset": "vr_headset",
                "captioned_scene": "vr_headset", "wellbeing_headset": "vr_headset",
                "display_lab_headset": "vr_headset", "varifocal_headset": "vr_headset",
                "binaural_rig": "vr_headset", "head_turn_rig": "vr_headset", "ambisonic_rig": "vr_headset",
                "distance_rig": "vr_headset", "power_session": "vr_headset", "body_reference_rig": "mocap_suit",
                "face_reference_rig": "face_tracker",
                "battery_bench": "vr_headset", "tactile_bench": "other", "depth_bench": "other", "radar_bench": "other",
                "camera_bench": "other", "spectro_rig": "vr_headset", "luminance_rig": "vr_headset", "hold_rig": "vr_headset",
                "photon_rig_headset": "vr_headset",
                "speech_bench": "ar_glasses", "captioned_bench": "ar_glasses", "wake_bench": "ar_glasses",
                "mono_audio_rig": "vr_headset", "seated_stand": "vr_headset",
                "magnifier_camera": "vr_headset", **rigs.CLASSES}
#: where a headset's optics focus (TD-DISP-004): a fixed 1.3 m, or a varifocal display's range
FOCAL_DISTANCE_M = 1.3
FOCAL_RANGE_M = {"min": 0.5, "max": 4.0}
#: how often a headset with a session stream declares it reminds the user to rest (TD-REST-001):
#: every 3 s of use, so that a capture of seconds shows it (a product declares tens of minutes)
HEALTH = {"rest_reminder_min": 0.05}
#: what the rig's controller claims (TD-PERF-001), in millimetres
PERFORMANCE = {"position_accuracy_mm": 1.5, "position_precision_mm": 1.0}
#: the operating ranges a standalone headset declares for its power records (descriptive: since TD-PWR-001 2.0
#: no requirement judges the records against what the device declares)
OPERATING = {"power_w": {"min": 0, "max": 12}, "temperature_c": {"min": 15, "max": 40}}
FACE_SET = {"face_tracker": "arkit52", "mr_headset": "htc_eye14_lip37", **rigs.FACE_SETS}  # default fb2_70
PLATFORM_LIMITS = {
    "displacement": {"surge": 0.15, "sway": 0.15, "heave": 0.10, "roll": 0.35, "pitch": 0.35, "yaw": 0.40},
    "velocity": {"surge": 0.6, "sway": 0.6, "heave": 0.4, "roll": 1.2, "pitch": 1.2, "yaw": 1.5},
}
#: the platform on the test bench (TD-MPLAT-003, TD-MPLAT-004): a longer heave stroke than the ride's platform
RIG_LIMITS = {"displacement": {**PLATFORM_LIMITS["displacement"], "heave": 0.25},
              "velocity": {**PLATFORM_LIMITS["velocity"], "heave": 0.5}}


def corner_commands(limits: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per rated axis, the sinusoid reaching the rated displacement and the rated velocity at once: the
    rated displacement as amplitude, at the frequency where 2 pi f times it is the rated velocity."""
    return {axis: {"amplitude": bound, "frequency_hz": limits["velocity"][axis] / (2 * math.pi * bound),
                   "phase_rad": 0.0}
            for axis, bound in limits["displacement"].items()}


# the bench platform commanded its rated envelope's corners on every axis (TD-MPLAT-004), its moving base's
# achieved motion measured by an inertial unit on the same clock
_STREAMS["platform_corners"] = {
    "id": "platform_corners", "type": "motion_platform", "rate_hz": 100,
    "commanded_motion": {"kind": "sinusoid", "t0": 1_000_000_000_000, "axes": corner_commands(RIG_LIMITS),
                         "bench": "inertial measurement unit on the moving base, calibrated against a laser tracker"}}
SCENTS = ["pine", "sea_breeze", "coffee"]
#: stream type -> the categories and purpose of its biometric declaration (TD-BIO-*)
BIOMETRIC: dict[str, tuple[list[str], str]] = {
    "eye_gaze": (["eye_gaze", "pupil"], "foveated rendering and gaze-based selection"),
    "face": (["face_expression"], "facial expressions of the user's avatar"),
    "hand": (["hand_geometry"], "hand-tracked input"),
    "body": (["body_proportions"], "body motion of the user's avatar"),
    "eeg": (["eeg"], "brain-computer interface input"),
    "emg": (["other"], "gesture input from muscle activity"), "voice": (["voice"], "voice commands and dictation"),
}


def personal_data(kind: str) -> JsonObject | None:
    """The personal-data declaration of a stream of ``kind`` (a new dict each call), or None
    for a type that carries no biometric data: kept for the session, processed on the device,
    on separate consent (PIPL art. 29), only derived data leaving the device."""
    if kind not in BIOMETRIC:
        return None
    categories, purpose = BIOMETRIC[kind]
    return {"biometric": True, "categories": list(categories), "purpose": purpose, "retention": "session",
            "on_device": True, "consent": "separate", "export": "derived"}


def stream_specs(device: str) -> list[dict[str, Any]]:
    specs = [copy.deepcopy(_STREAMS[sid]) for sid in DEVICES[device]]
    for spec in specs:
        if spec["type"] == "face":
            spec["x-set"] = FACE_SET.get(device, "fb2_70")
        if spec["type"] == "content_depth" and device == "varifocal_headset":
            spec["x-varifocal"] = True  # its frames carry the focus the display set (focal_m)
        declared = personal_data(spec["type"])
        if declared is not None:
            spec["personal_data"] = declared
    return specs


def descriptor(device: str, accessible: bool = False) -> JsonObject:
    """The device's capability descriptor (schemas/terminal/device-descriptor.json); with
    ``accessible``, its accessibility declaration too (:func:`accessibility`)."""
    specs = stream_specs(device)
    offers: list[dict[str, Any]] = []
    for spec in specs:  # one offer per stream the device records
        offer: dict[str, Any] = {k: spec[k] for k in ("id", "type", "rate_hz", "space") if k in spec}
        if "rate_hz" in spec:
            offer["max_rate_hz"] = spec["rate_hz"] * 2
        if "path" in spec:
            offer["paths"] = [spec["path"]]
        if spec["type"] == "haptic":
            offer.update(max_frequency_hz=500, max_duration_ns=2_000_000_000)
        if spec["type"] == "motion_platform":
            offer["limits"] = RIG_LIMITS if "commanded_motion" in spec else PLATFORM_LIMITS
        if spec["type"] == "force_feedback":  # a desktop stylus arm's figures: a few newtons
            if "force" in spec["commands"]:
                offer["limits"] = {"force_n": 3.3, "torque_nm": 0.15, "stiffness_n_m": 1200}
            offer["safety"] = {"max_force_n": 3.3 if "force" in spec["commands"] else 40, "stop_after_ms": 100}
        if "reference_motion" in spec:
            offer["performance"] = dict(PERFORMANCE)
        if spec["type"] == "power":
            offer["operating"] = copy.deepcopy(OPERATING)
        if spec["type"] == "olfactory":
            offer.update(scents=SCENTS, max_duration_ns=10_000_000_000)
        if spec["type"] == "face":
            offer["sets"] = [spec["x-set"]]
        declared = personal_data(spec["type"])
        if declared is not None:
            offer["personal_data"] = declared
        offers.append(offer)
    result: dict[str, Any] = {
        "class": DEVICE_CLASS.get(device, device), "vendor": "Reference XR", "model": f"RX-{device.replace('_', '-')}",
        "firmware": "1.4.2", "offers": offers,
    }
    tracked = any(s.get("space") for s in specs)
    if tracked:
        result["system"] = {
            "name": f"Reference XR {device}", "vendor_id": 4660,
            "tracking": {"orientation": True, "position": True,
                         "volume": {"min": {"x": -2.0, "y": 0.0, "z": -2.0}, "max": {"x": 2.0, "y": 2.5, "z": 2.0}}},
            "runtime": {"name": "Reference Runtime", "version": "1.1.36"},
        }
        if device.endswith(("headset", "glasses")):
            result["system"]["graphics"] = {"max_swapchain_image_width": 4096, "max_swapchain_image_height": 4096,
                                            "max_layer_count": 16}
            result["system"]["display"] = {"resolution": {"width": 2064, "height": 2208},
                                           "refresh_rates_hz": [72, 90, 120],
                                           "fov_deg": {"horizontal": 104, "vertical": 96}}
    if any(s["type"] == "display" for s in specs):  # a near-eye display's persistence and optics (TD-DISP-003)
        result["system"]["display"].update(persistence_ms=2.0, ipd_range_mm={"min": 58, "max": 72})
    if any(s["type"] == "content_depth" for s in specs):
        if device == "varifocal_headset":
            result["system"]["display"]["focal_range_m"] = dict(FOCAL_RANGE_M)
        else:
            result["system"]["display"]["focal_distance_m"] = FOCAL_DISTANCE_M
    if any(s["type"] == "session" for s in specs):
        result["health"] = dict(HEALTH)
    if accessible or any(s["type"] == "caption" for s in specs):  # captions claimed where they are carried
        result["accessibility"] = accessibility(result)
    return result


def accessibility(described: dict[str, Any]) -> JsonObject:
    """What a descriptor declares of the W3C XAUR features: the input modes its offers
    provide (and voice, on a headset), captions, mono audio, colour filters and
    magnification where it has a display, the IPD range of its lenses."""
    offers = described["offers"]
    paths = {p for o in offers if o["type"] == "pose" for p in o.get("paths", [])}
    kinds = {o["type"] for o in offers}
    display = "display" in described.get("system", {})
    modes = [m for m, present in (("controller", bool(paths & {"/user/hand/left", "/user/hand/right"})),
                                  ("head", "/user/head" in paths), ("hand", "hand" in kinds),
                                  ("eye_gaze", "eye_gaze" in kinds), ("voice", display)) if present]
    declared: dict[str, Any] = {"captions": display, "mono_audio": display, "input_modes": modes, "seated_mode": True,
                                "colour_filters": ["protanopia", "deuteranopia", "tritanopia", "high_contrast"]
                                if display else [], "magnification": display}
    if display:
        declared["ipd_range_mm"] = {"min": 58, "max": 72}
    return declared
