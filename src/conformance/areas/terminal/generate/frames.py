"""The payload of one synthetic frame, by stream type."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import motion
from .access import SEATED_ID, seated_position, view_frame
from .binaural import binaural_block
from .bodyref import body_bones, measured_body
from .faceref import face_frame, measured_face
from .handref import hand_frame, measured_hand
from . import exprref, pinchref
from .gazeread import read_gaze as stepped_gaze  # TD-GAZE-003's gaze, and read through annex D (TD-GAZE-006)
from .gazesession import MEMBER as SESSION_MEMBER, session_gaze
from . import gazeselect
from .programme import measured_programme, programme_frame
from .session import is_session, session_frame
from .device import SCENTS
from .distance import distance_block
from .gaze import validation_gaze
from .gesture import gesture_frame
from .headturn import HEAD_ID, head_turn_block, turntable
from .injected import injected
from .rendering import ARM_ID, force_block
from .supply import supply_frame
from .depth import sensor_frame as depth_frame
from .depth import target_frame
from .radar import reflector_frame
from .camera import board_frame
from .camera import sensor_frame as camera_frame
from .spectrum import spectrum_frame
from .eyepiece_luminance import meter_frame as eyepiece_meter_frame
from .hold import HOLD_ID, hold_frame
from .radar import sensor_frame as radar_frame
from .tactile import indenter_frame, sensor_frame
from . import touch
from .rendering import command_frame as force_command
from .soundfield import field_block
from .sentbench import SCENT_SENT_ID, SENT_ID
from .vibration import ACTUATOR_ID, acceleration_block, command_frame
from . import scent
from .photon import STAGE_ID, photodiode_block, stage_frame
from . import speech

FLAGS_ALL = 0xF  # orientation and position valid and tracked
FACE_COUNTS = {"fb2_70": 70, "htc_eye14_lip37": 51, "arkit52": 52}


VOICE_EVENTS = ("wake_word", "speech_start", "speech_end")
#: seconds into each VOICE_CYCLE_S of the voice events, and of the transcript results
VOICE_CYCLE_S = 4.0
VOICE_EVENT_AT = (0.5, 0.8, 2.6)
TRANSCRIPT_AT = (1.8, 2.9)
CAPTION_AT = (0.9,)  # one cue per utterance, shown until 0.2 s after the speech ends
REST_EVERY_S = 2.5  # a session stream: session_start at 0, then a rest reminder this often
LUMINANCE_BLOCK_S = 0.1  # a luminance stream's block of samples
BATTERY_DRAIN_PER_H = 0.3  # what a power stream's battery level loses an hour
#: the display's light: a 90 Hz ripple of 5 % modulation on a steady level (a DC-dimmed panel)
FLICKER_HZ, FLICKER_MODULATION = 90.0, 0.05
MARKERS = ("stimulus/left", "stimulus/right", "response")
#: a motor-imagery session (TD-BCI-006): a trial each TRIAL_S, its cue CUE_AT into it, the decoder's
#: decision DECISION_AT into it; the cue's class in a fixed shuffled order, the decision wrong on
#: one trial in ten (90 % correct)
TRIAL_S, CUE_AT, DECISION_AT = 1.0, 0.25, 0.9
IMAGERY = ("left_hand", "right_hand", "feet", "tongue")
CUE_ORDER = (0, 2, 1, 3, 3, 0, 1, 2, 2, 1, 3, 0, 1, 3, 0, 2)


def imagined(trial: int, correct: bool = True) -> str:
    """The class cued on ``trial``, or (not ``correct``) the next one."""
    return IMAGERY[(CUE_ORDER[trial % len(CUE_ORDER)] + (0 if correct else 1)) % len(IMAGERY)]


def biosignal(s: float, channel: int, kind: str) -> float:
    """One channel's sample in microvolts at ``s`` seconds: EEG an alpha rhythm (10 Hz) with
    slower and faster activity, EMG bursts of broadband activity; rounded to 0.01 uV (a
    value repeats for a sample or two at most, near a zero crossing)."""
    tau = 2 * math.pi
    if kind == "eeg":
        return round(15 * math.sin(tau * 10.0 * s + channel) + 8 * math.sin(tau * 1.7 * s + 2 * channel)
                     + 3 * math.sin(tau * (21.3 + channel) * s) + 1.5 * math.sin(tau * (47.9 + 3.1 * channel) * s), 2)
    burst = 0.5 + 0.5 * math.sin(tau * 0.5 * s + channel)
    return round(burst * (120 * math.sin(tau * 83.0 * s + channel) + 60 * math.sin(tau * (151.3 + 7 * channel) * s))
                 + 4 * math.sin(tau * (31.7 + channel) * s) + 0.37, 2)


def pose(q: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    (qx, qy, qz, qw), (px, py, pz) = motion.floats(q), motion.floats(p)
    return {"orientation": {"x": round(qx, 6), "y": round(qy, 6), "z": round(qz, 6), "w": round(qw, 6)},
            "position": {"x": round(px, 5), "y": round(py, 5), "z": round(pz, 5)}}


def _side(spec: dict[str, Any]) -> int:
    return -1 if spec.get("path", "").endswith("left") else 1


def make_frame(spec: dict[str, Any], s: float, index: int) -> dict[str, Any]:
    """The payload of ``spec``'s stream at ``s`` seconds (its ``index``-th frame)."""
    kind = spec["type"]
    if kind == "pose" and is_session(spec):  # a session's returns and the volume's faces (TD-PERF-005)
        return session_frame(spec, s, index)
    if kind == "pose" and measured_programme(spec):  # on a robot arm running the motion programme (TD-PERF-004)
        return programme_frame(spec, s, index)
    if kind == "pose" and "reference_motion" in spec:  # on the rig: the reference circle, 0.4 mm of tracking noise
        return {"pose": pose(*motion.on_rig(spec["reference_motion"], s, index)), "flags": FLAGS_ALL}
    if kind == "pose" and spec["id"] == HOLD_ID:  # a controller held still on a locked stage (TD-PERF-003)
        return {"pose": pose(*hold_frame(spec, s, index)), "flags": FLAGS_ALL}
    if kind == "pose" and spec["id"] == SEATED_ID:  # a headset still on a stand, seated mode switched on (TD-ACC-005)
        return {"pose": pose(np.array([0.0, 0.0, 0.0, 1.0]), seated_position(spec, s, index)), "flags": FLAGS_ALL}
    if kind == "pose" and spec["id"] == HEAD_ID:  # a head and torso simulator on a turntable (TD-AUD-005)
        return {"pose": pose(*turntable(spec, s)), "flags": FLAGS_ALL}
    if kind == "pose":
        q, p = motion.head(s) if spec["id"] == "head" else motion.grip(s, _side(spec))
        return {"pose": pose(q, p), "flags": FLAGS_ALL}
    if kind == "eye_gaze" and "reference_eye" in spec:  # an artificial eye a stage steps (TD-GAZE-003)
        return stepped_gaze(spec, s, index)
    if kind == "eye_gaze" and spec["id"] == gazeselect.GAZE_ID:  # following a fixated menu (TD-GAZE-005)
        return gazeselect.selecting_gaze(s)
    if kind == "gaze_selection":  # the targets selected by gaze (TD-GAZE-005)
        return gazeselect.selection_frame(spec, index)
    if kind == "eye_gaze" and SESSION_MEMBER in spec:  # a validation in a session's phase (TD-GAZE-004)
        return session_gaze(spec, s, index)
    if kind == "eye_gaze" and "fixation_targets" in spec:  # during a validation sequence (TD-GAZE-002)
        return validation_gaze(spec, s, index)
    if kind == "eye_gaze":
        blink = math.sin(0.8 * s) > 0.995  # during a blink neither part is tracked
        q, p = motion.gaze(s)
        return {"pose": pose(q, p), "flags": 0x3 if blink else FLAGS_ALL}
    if kind in ("face", "gesture") and exprref.measured(spec):  # an expression recogniser on a rig (TD-FACE-005)
        return exprref.frame(spec, s, index)
    if kind in ("hand", "gesture") and pinchref.measured_pinch(spec):  # a pinch recogniser on a rig (TD-HAND-006)
        return pinchref.hand_frame(spec, s, index) if kind == "hand" else pinchref.event_frame(spec, index)
    if kind == "hand" and measured_hand(spec):  # a hand tracker beside a reference hand capture (TD-HAND-005)
        return hand_frame(spec, s, index)
    if kind == "hand":
        active = not 2.0 <= (s % 7.0) < 2.4  # the hand leaves the cameras' view now and then
        joints = motion.hand_joints(s, _side(spec))
        return {"active": active, "joints": [
            {"pose": pose(q, p), "radius": motion.JOINT_RADII[k] if active else 0.0,
             "flags": FLAGS_ALL if active else 0}
            for k, (q, p) in enumerate(joints)]}
    if kind == "face" and measured_face(spec):  # a face tracker beside a reference facial capture (TD-FACE-004)
        return face_frame(spec, s, index)
    if kind == "face":
        count = FACE_COUNTS[spec.get("x-set", "fb2_70")]
        valid = not 4.0 <= (s % 9.0) < 4.3
        weights = [round(0.5 + 0.45 * math.sin(0.9 * s + k * 0.7), 4) if valid else 0.0 for k in range(count)]
        return {"valid": valid, "weights": weights, "set": spec.get("x-set", "fb2_70")}
    if kind == "haptic" and spec["id"] in (ACTUATOR_ID, SENT_ID):  # the bench's test vibrations (TD-HAPT-003, -004)
        return command_frame(index)
    if kind == "acceleration":
        return {"acceleration": acceleration_block(spec, s, index)}
    if kind == "olfactory" and spec["id"] in (scent.DIFFUSER_ID, SCENT_SENT_ID):  # the bench's (TD-OLF-003, -005)
        return scent.command_frame(index)
    if kind == "gas_sensor":  # the bench's photoionization detector (TD-OLF-003)
        return {"concentration_ppm": scent.pid_block(spec, s, index)}
    if kind == "photodiode":  # the photon rig's photodiode at one eyepiece (TD-DISP-009)
        return {"photodiode": photodiode_block(spec, s)}
    if kind == "stage_trigger" and spec["id"] == STAGE_ID:  # the photon rig's stage crossing the trigger angle
        return stage_frame(s)
    if kind == "haptic":
        return {"duration_ns": 20_000_000 if index % 3 else -1, "frequency_hz": 160.0 if index % 2 else 0.0,
                "amplitude": round(0.3 + 0.1 * (index % 5), 2)}
    if kind == "body" and measured_body(spec):  # a body tracker beside a reference motion capture (TD-BODY-003)
        return {"bones": {name: pose(q, p) for name, (q, p) in body_bones(spec, s, index).items()}}
    if kind == "body":
        return {"bones": {name: pose(q, p) for name, (q, p) in motion.body(s).items()}}
    if kind == "motion_platform" and "commanded_motion" in spec:  # on the bench: lagging its command a little
        return motion.on_bench(spec["commanded_motion"], s, index)
    if kind == "motion_platform":
        axes = ("surge", "sway", "heave", "roll", "pitch", "yaw")
        amp = (0.08, 0.06, 0.05, 0.2, 0.2, 0.25)
        freq = (0.5, 0.7, 1.1, 0.4, 0.6, 0.3)
        return {"displacement": {a: round(m * math.sin(w * s), 5) for a, m, w in zip(axes, amp, freq, strict=True)},
                "velocity": {a: round(m * w * math.cos(w * s), 5) for a, m, w in zip(axes, amp, freq, strict=True)}}
    if kind in ("eeg", "emg"):
        width = len(spec["channels"])
        bench = injected(spec, s, width) if "calibration_signal" in spec else None
        return {"values": bench if bench is not None else [biosignal(s, k, kind) for k in range(width)]}
    if spec["id"] in speech.OUTPUT_IDS:  # the speech bench's device output (TD-VOICE-004)
        return speech.frame(spec, s)
    if kind == "voice_event":  # each 4 s: a wake word, then speech from 0.8 s to 2.6 s
        return {"event": VOICE_EVENTS[index % 3], **({"keyword": "hello reference"} if index % 3 == 0 else {})}
    if kind == "transcript":  # an interim result during the speech, the final one after it
        final = index % 2 == 1
        return {"start": -round((2.1 if final else 1.0) * 1e9), "end": -round((0.3 if final else 0.1) * 1e9),
                "text": "turn on the lights in the living room" if final else "turn on the lights",
                "final": final, "confidence": 0.93 if final else 0.71}  # start, end: relative; capture.py adds t
    if kind == "caption" and spec["annotates"] == "source":  # above the circling source (see audio below)
        return {"end": round(1.9e9), "text": "欢迎来到展厅，请跟我来。", "source": "source",
                "position": {"x": round(1.5 * math.cos(0.3 * s), 4), "y": 1.9, "z": round(1.5 * math.sin(0.3 * s), 4)}}
    if kind == "caption":  # end: relative; capture.py adds t
        return {"end": round(1.9e9), "text": "Turn on the lights in the living room.", "source": spec["annotates"]}
    if kind == "content_depth":  # fixated content between 0.8 and 3.6 m; a varifocal display follows it
        depth = round(2.2 + 1.4 * math.sin(0.7 * s), 4)
        return {"depth_m": depth, "focal_m": min(max(depth, 0.5), 4.0)} if spec.get("x-varifocal") else \
            {"depth_m": depth}
    if kind == "binaural":
        if "distance_model" in spec["binaural"]:  # test sources at several distances (TD-AUD-007)
            return distance_block(spec, s)
        return head_turn_block(spec, s) if "head_tracked" in spec["binaural"] else binaural_block(spec, s)
    if kind == "luminance":
        return {"luminance": luminance_block(spec, s, index)}
    if kind == "session":
        return {"event": "session_start" if index == 0 else "rest_reminder"}
    if kind == "tactile":  # a tactile array under the reference indenter (TD-TACT-001, -002)
        return sensor_frame(spec, s, index)
    if kind == "indenter":
        return indenter_frame(s, index)
    if kind == "touch":  # a device recognising touches under the reference indenter (TD-TACT-004)
        return touch.sensor_frame(spec, s, index)
    if kind == "touch_indenter":
        return touch.indenter_frame(s, index)
    if kind == "depth":  # a depth sensor facing the reference target on a rail (TD-DEPTH-001, -002)
        return depth_frame(spec, s, index)
    if kind == "view_scale":  # a camera at the eyepiece reading the reference letter (TD-ACC-006)
        return view_frame(spec, s, index)
    if kind == "range_target":
        return target_frame(s, index)
    if kind == "radar":  # a millimetre-wave radar facing a corner reflector (TD-RADAR-001, -002)
        return radar_frame(spec, s, index)
    if kind == "reflector":
        return reflector_frame(s, index)
    if kind == "camera":  # a visual sensor facing a calibration board (TD-CAM-001, -002)
        return camera_frame(spec, s, index)
    if kind == "calibration_board":
        return board_frame(s, index)
    if kind == "spectrum":  # a spectroradiometer at an eyepiece (TD-DISP-010)
        return spectrum_frame(spec, index)
    if kind == "eyepiece_luminance":  # a luminance meter at an eyepiece's field points (TD-DISP-011)
        return eyepiece_meter_frame(spec, index)
    if kind == "power" and "power_analyser" in spec:  # a battery run on a power analyser (TD-PWR-003)
        return supply_frame(spec, s)
    if kind == "power":  # a battery draining 0.3 an hour (3.3 h from full), a cushion warming towards 36 C
        return {"battery": round(0.95 - s * BATTERY_DRAIN_PER_H / 3600, 5),
                "power_w": round(6.5 + 0.8 * math.sin(0.2 * s), 3),
                "temperature_c": round(36 - 4 * math.exp(-s / 600), 3)}
    if kind in ("audio", "voice"):
        audio = spec["audio"]
        block: dict[str, Any] = {"samples": round(audio["sample_rate_hz"] / spec["rate_hz"])}
        if audio["format"] == "object":  # a source circling the listener at 1.5 m
            block["position"] = {"x": round(1.5 * math.cos(0.3 * s), 4), "y": 1.6,
                                 "z": round(1.5 * math.sin(0.3 * s), 4)}
        elif "listener" in audio:  # an ambisonic export while test sources play (TD-AUD-006)
            block["field"] = field_block(spec, s, index)
        return block
    if kind == "display":  # shown 12-14 ms after the head pose it was rendered from was sampled
        shown = {"pose_t": -round(12e6 + 2e6 * (0.5 + 0.5 * math.sin(2.3 * s)))}  # relative; capture.py adds t
        return {**shown, "frame": index} if spec.get("eye") in ("left", "right") else shown
    if kind == "force_feedback" and spec["id"] == ARM_ID:  # on the bench: a staircase of forces (TD-FORCE-004)
        return force_command(s)
    if kind == "force_sensor":
        return {"force_n": force_block(spec, s, index)}
    if kind == "force_feedback":
        command: dict[str, Any] = {}
        if "curl" in spec["commands"]:  # grasping a ball now and then
            grip = max(0.0, math.sin(0.7 * s))
            command["curl"] = {f: round(grip * w, 3) for f, w in zip(
                ("thumb", "index", "middle", "ring", "little"), (0.6, 0.8, 0.8, 0.7, 0.5), strict=True)}
        if "force" in spec["commands"]:  # pressing on a virtual wall, up to 2.5 N
            push = 2.5 * max(0.0, math.sin(1.3 * s))
            command["force"] = {"x": 0.0, "y": round(push, 4), "z": round(0.2 * math.cos(1.3 * s), 4)}
            command["torque"] = {"x": 0.0, "y": round(0.05 * math.sin(0.9 * s), 4), "z": 0.0}
            command["stiffness"] = 800.0
        return command
    if kind == "gesture":  # recognised gestures (TD-HAND-004)
        return gesture_frame(spec, index)
    if kind == "marker" and "decodes" in spec:
        return {"value": imagined(index, correct=index % 10 != 7)}
    if kind == "marker" and spec["id"] == "cues":
        return {"value": f"cue/{imagined(index)}"}
    if kind == "marker":
        return {"value": MARKERS[index % len(MARKERS)]}
    if kind == "olfactory":
        return {"scent": SCENTS[index % len(SCENTS)], "intensity": 0.5, "duration_ns": 2_000_000_000}
    return {}


def luminance_block(spec: dict[str, Any], s: float, index: int, hz: float = FLICKER_HZ,
                    modulation: float = FLICKER_MODULATION) -> list[float]:
    """One block of a photodiode's trace from ``s`` seconds: a level of 120 (any unit) whose
    ripple at ``hz`` (a square wave with softened edges) gives ``modulation`` (IEEE 1789's
    (max - min) / (max + min)), with 0.02 of instrument noise."""
    rate = spec["luminance"]["sample_rate_hz"]
    at = s + np.arange(round(LUMINANCE_BLOCK_S * rate)) / rate
    wave = np.tanh(8 * np.sin(2 * math.pi * hz * at)) / math.tanh(8)
    noise = np.random.default_rng(10_000 + index).normal(0.0, 0.02, len(at))
    return np.round(120 * (1 + modulation * wave) + noise, 3).tolist()
