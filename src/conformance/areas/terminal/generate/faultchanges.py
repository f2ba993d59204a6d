"""The changes the fault table (:mod:`.faults`) plants: to one frame (dropped, reordered, cut short,
frozen, turned, shaken...), to the header (a declaration missing or wrong), and the selectors of the
streams some faults act among."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from .bodyref import TRACKED_ID
from .faceref import TRACKED_ID as FACE_TRACKED_ID
from .faultkit import AT, Among, At, Change, Frame, Header, Line, Spec, each, every, fault_holder, near, on
from .frames import LUMINANCE_BLOCK_S, imagined, luminance_block
from .motion import quat_axis, quat_mul, small_turn

if TYPE_CHECKING:
    from conformance.area import JsonObject


def dropped(frame: Frame, at: At) -> Line:
    return None


def time_reversed(frame: Frame, at: At) -> Line:
    frame["t"] += (1 if at.index == AT else -1) * 30_000_000  # later than the next / earlier than the last
    return frame


def malformed(frame: Frame, at: At) -> Line:
    if at.index == AT:
        return orjson.dumps(frame)[:40]
    frame["stream"] = "undeclared"
    return frame


def frozen(frame: Frame, at: At) -> Line:
    if at.index == AT:
        at.held["pose"] = orjson.loads(orjson.dumps(frame["pose"]))
    frame["pose"] = at.held.setdefault("pose", {})  # one object: a later change to it lasts
    return frame


def turned(degrees: float) -> Change:
    def change(frame: Frame, at: At) -> Line:
        _turn(frame, degrees)
        return frame
    return change


def shaken(frame: Frame, at: At) -> Line:
    frame["pose"]["position"]["x"] += 0.03 if at.index % 2 else -0.03
    return frame


def shaken_turn(frame: Frame, at: At) -> Line:
    _turn(frame, 25.0 if at.index % 2 else -25.0)
    return frame


def beyond_range(frame: Frame, at: At) -> Line:
    frame["values"][2] = at.spec["range_uv"]["max"] * 1.5
    return frame


def saturated(frame: Frame, at: At) -> Line:
    frame["values"][4] = at.spec["range_uv"]["max"]
    return frame


def early_result(frame: Frame, at: At) -> Line:
    frame["end"] = frame["t"] + 1_000_000_000
    return frame


def rig_noise(frame: Frame, at: At) -> Line:
    extra = np.random.default_rng(1_000_000 + at.index).normal(0.0, 0.003, 3)  # not the capture's generator
    for axis, e in zip("xyz", extra, strict=True):
        frame["pose"]["position"][axis] = round(frame["pose"]["position"][axis] + float(e), 5)
    return frame


def rig_jitter(frame: Frame, at: At) -> Line:
    """The orientation turned by a random rotation vector, 1 degree per axis (not the capture's generator)."""
    _rotate(frame, small_turn(np.random.default_rng(2_000_000 + at.index).normal(0.0, np.radians(1.0), 3)))
    return frame


def rig_late(header: Header, spec: Spec) -> None:
    """The reference declared 80 ms earlier: the tracked poses follow it 80 ms late."""
    spec["reference_motion"]["t0"] -= 80_000_000


def misplaced(frame: Frame, at: At) -> Line:
    if "position" in frame:
        frame["position"]["x"] = round(frame["position"]["x"] + 3.0, 4)
    return frame


def depth_invalid(frame: Frame, at: At) -> Line:
    if "focal_m" in frame:
        frame["focal_m"] = 9.0
    else:
        frame["depth_m"] = 0.0
    return frame


def conflict(frame: Frame, at: At) -> Line:
    frame["depth_m"] = 0.3
    if "focal_m" in frame:
        frame["focal_m"] = 1.3
    return frame


def flicker(frame: Frame, at: At) -> Line:
    frame["luminance"] = luminance_block(at.spec, at.index * LUMINANCE_BLOCK_S, at.index, 60.0, 0.30)
    return frame


def pose_time(offset_ns: int) -> Change:
    """The display frame rendered from the pose sampled ``offset_ns`` from when it was shown."""
    def change(frame: Frame, at: At) -> Line:
        frame["pose_t"] = frame["t"] + offset_ns
        return frame
    return change


def member_missing(frame: Frame, at: At) -> Line:
    for member in [k for k in frame if k not in ("stream", "t")][:1]:
        del frame[member]
    return frame


def denormalized(frame: Frame, at: At) -> Line:
    o = frame["pose"]["orientation"]
    o.update({k: round(v * 1.05, 6) for k, v in o.items()})
    return frame


def radius_zero(frame: Frame, at: At) -> Line:
    if frame.get("active"):
        frame["joints"][10]["radius"] = 0.0
    return frame


def fewer_weights(frame: Frame, at: At) -> Line:
    frame["weights"] = frame["weights"][:-3]
    return frame


def bone_renamed(frame: Frame, at: At) -> Line:
    frame["bones"]["leftWing"] = frame["bones"].pop("leftFoot")
    return frame


def _turn(frame: Frame, degrees: float) -> None:
    """Turn a pose frame's orientation about the stage's +Y axis (yaw)."""
    _rotate(frame, quat_axis((0, 1, 0), np.radians(degrees)))


def _rotate(frame: Frame, turn: np.ndarray) -> None:
    """Turn a pose frame's orientation by the quaternion ``turn`` (world axes)."""
    o = frame["pose"]["orientation"]
    q = quat_mul(turn, np.array([o["x"], o["y"], o["z"], o["w"]]))
    o.update({k: round(float(v), 6) for k, v in zip("xyzw", q, strict=True)})


# What a fault does to the header: to its stream's declaration and offers, or to the whole.


def _offers(header: Header, spec: Spec) -> list[dict[str, Any]]:
    """The device's offers of the stream ``spec`` declares."""
    return [o for o in header["device"]["offers"] if o.get("id") == spec["id"]]


def _display(header: Header) -> JsonObject:
    """The device's display (a throwaway object if it declares none)."""
    return header["device"].get("system", {}).get("display", {})


def unoffered(member: str) -> Callable[[Header, Spec], None]:
    """The stream's offers without ``member``."""
    def declare(header: Header, spec: Spec) -> None:
        for offer in _offers(header, spec):
            offer.pop(member, None)
    return declare


def declared(*path: str | int, to: object, offered: bool = False) -> Callable[[Header, Spec], None]:
    """The member at ``path`` of the stream's declaration (and, ``offered``, of its offers) set to ``to``."""
    def declare(header: Header, spec: Spec) -> None:
        for item in (spec, *(_offers(header, spec) if offered else ())):
            fault_holder(item, path)[path[-1]] = to
    return declare


def bio_undeclared(header: Header, spec: Spec) -> None:
    for item in (spec, *_offers(header, spec)):
        item.pop("personal_data", None)


def bio_terms_incomplete(header: Header, spec: Spec) -> None:
    for member in ("retention", "consent"):
        spec["personal_data"].pop(member, None)


def raw_export(header: Header) -> None:
    header["export"] = {"off_device": True, "recipient": "cloud analytics"}


def raw_subject(header: Header) -> None:
    header["subject"] = "zhang.wei@example.com"


def undeclared_type(header: Header) -> None:
    offered = {o["type"] for o in header["device"]["offers"]}  # a type no offer has
    kind = next(k for k in ("olfactory", "haptic", "body") if k not in offered)
    header["streams"].append({"id": "extra", "type": kind})


def eeg_labels(header: Header, spec: Spec) -> None:
    channels = spec["channels"]
    channels[1]["name"], channels[3]["name"], channels[0]["units"] = "Q7", channels[2]["name"], "mV"


def no_reference(header: Header, spec: Spec) -> None:
    del spec["reference"], spec["ground"]


def unsafe(header: Header, spec: Spec) -> None:
    for offer in _offers(header, spec):
        offer["safety"]["max_force_n"] = 400
        offer.setdefault("limits", {})["force_n"] = 400


def fuma(header: Header, spec: Spec) -> None:
    spec["audio"]["ordering"] = "FuMa"
    del spec["audio"]["normalization"]


def voice_layout(header: Header, spec: Spec) -> None:
    spec["audio"].update(layout="stereo", sample_rate_hz=17000)


def hot(header: Header, spec: Spec) -> None:
    for offer in _offers(header, spec):
        offer["operating"]["temperature_c"]["max"] = 50


def persistence(header: Header, spec: Spec) -> None:
    _display(header)["persistence_ms"] = 15.0


def ipd_reversed(header: Header, spec: Spec) -> None:
    _display(header)["ipd_range_mm"] = {"min": 72, "max": 58}


def focal_undeclared(header: Header, spec: Spec) -> None:
    display = _display(header)
    display.pop("focal_distance_m", None)
    display.pop("focal_range_m", None)


def no_instrument(header: Header, spec: Spec) -> None:
    del spec["luminance"]["instrument"]


#: the speech bench's transcript, voice_event and caption streams (TD-VOICE-004, TD-CAPT-004)
SPEECH_BENCH = Among(lambda s: s.get("annotates") == "mic_bench", "the speech bench's streams (speech_bench)")


def on_photodiodes(member: str, value: object) -> Callable[[Header], None]:
    """``member`` set on every photodiode stream: a fault of the display both eyes see."""
    def amend(header: Header) -> None:
        for spec in header["streams"]:
            if spec.get("type") == "photodiode":
                spec[member] = value
    return amend


def no_accelerometer(header: Header, spec: Spec) -> None:
    del spec["accelerometer"]["instrument"]


def rig_stated(header: Header, spec: Spec) -> None:
    spec["reference_motion"]["instrument"] = {"uncertainty": {"value": 0.0006, "unit": "m", "k": 2}}


def gaze_near_limit(header: Header, spec: Spec) -> None:
    """0.6 degrees more off every target (a mean accuracy near 0.9, R1's mean limit 1.0), the target apparatus
    stating 0.2 degrees at k = 2 (U near 0.2: the acceptance limit near 0.8)."""
    spec["fixation_targets"]["x-offset-deg"] = 0.6
    spec["fixation_targets"]["instrument"] = {"uncertainty": {"value": 0.2, "unit": "deg", "k": 2}}


def no_force_sensor(header: Header, spec: Spec) -> None:
    del spec["force_sensor"]["instrument"]


def force_near_limit(header: Header, spec: Spec) -> None:
    """6 % of each command short (R1's limit 7 %), on a load cell stating 0.02 N at k = 2."""
    spec["x-gain"] = 0.94
    spec["force_sensor"]["instrument"]["uncertainty"] = {"value": 0.02, "unit": "N", "k": 2}


def rest_interval_long(header: Header) -> None:
    if "health" in header["device"]:
        header["device"]["health"]["rest_reminder_min"] = 90


def commanded_earlier(header: Header, spec: Spec) -> None:
    """The command declared 160 ms earlier: the platform, 40 ms late on the bench, follows 200 ms late."""
    spec["commanded_motion"]["t0"] -= 160_000_000


def binaural(member: str, to: object) -> Callable[[Header, Spec], None]:
    """The rendering changed through the stream's ``x-`` member (generate/binaural.py, headturn.py and
    soundfield.py read it)."""
    def declare(header: Header, spec: Spec) -> None:
        spec[member] = to
    return declare


def binaural_rate(header: Header, spec: Spec) -> None:
    """Samples made at 48 kHz, declared at 44.1 kHz."""
    spec["binaural"]["x-rendered-hz"] = spec["binaural"]["sample_rate_hz"]
    spec["binaural"]["sample_rate_hz"] = 44_100


def binaural_unsourced(header: Header, spec: Spec) -> None:
    """The test signals left out of the declaration: nothing to hold the ears to."""
    spec["binaural"].pop("test_signals")


def field_unsourced(header: Header, spec: Spec) -> None:
    """The test sources left out of the ambisonic stream's declaration: no directions to hold it to."""
    spec["audio"].pop("test_sources")


def one_distance(header: Header, spec: Spec) -> None:
    """Every test source played at its first distance only: no level change to hold to the model."""
    first: dict[str, dict[str, float]] = {}
    for item in spec["binaural"]["test_signals"]:
        item["position"] = dict(first.setdefault(item["source"], item["position"]))


def gaze_untargeted(header: Header, spec: Spec) -> None:
    """The fixation targets left out of the gaze stream's declaration: nothing to hold the gaze to."""
    spec.pop("fixation_targets")


def gestures_few(header: Header, spec: Spec) -> None:
    """The gesture schedule cut to its first 12 cues (the recogniser's events with it)."""
    schedule = spec["gesture_schedule"]
    schedule["cues"] = schedule["cues"][:12]


def head_still(header: Header, spec: Spec) -> None:
    """The turntable left still: the head's poses and the rendering both without a turn."""
    spec["x-turn-deg"] = 0.0
    for stream in header["streams"]:
        if stream["id"] == spec["binaural"]["head_tracked"]["pose_stream"]:
            stream["x-turn-deg"] = 0.0


def draining(frame: Frame, at: At) -> Line:
    """The battery level falling 1.5 an hour from 0.95 (the clean stream's 0.3, five times as fast)."""
    frame["battery"] = round(0.95 - at.index / at.spec["rate_hz"] * 1.5 / 3600, 5)
    return frame


def decided_wrong(frame: Frame, at: At) -> Line:
    """The decoder names the class after the one cued on this trial."""
    frame["value"] = imagined(at.index, correct=False)
    return frame


def heave_short(frame: Frame, at: At) -> Line:
    """The achieved heave at two thirds of what the platform reached when clean: a third short of its command."""
    for member in ("displacement", "velocity"):
        frame[member]["heave"] = round(frame[member]["heave"] * 2 / 3, 6)
    return frame


#: TD-MPLAT-004: the corner bench's heave (rated 0.25 m, 0.5 m/s) stopped by a short stroke, or limited in rate
STROKE_M = 0.18
SLEW_M_S = 0.4


def stroke_short(frame: Frame, at: At) -> Line:
    """The achieved heave held within STROKE_M (its end stops), still while held there."""
    heave = frame["displacement"]["heave"]
    if abs(heave) > STROKE_M:
        frame["displacement"]["heave"] = STROKE_M if heave > 0 else -STROKE_M
        frame["velocity"]["heave"] = 0.0
    return frame


def rate_limited(frame: Frame, at: At) -> Line:
    """The achieved heave slewing at most SLEW_M_S towards where the clean platform is: it reaches the
    commanded stroke late, at the turnarounds, and never the rated velocity."""
    target = frame["displacement"]["heave"]
    last = at.held.get("slewed")
    if last is not None:
        dt = (frame["t"] - last["t"]) / 1e9
        step = max(-SLEW_M_S * dt, min(SLEW_M_S * dt, target - last["heave"]))
        frame["displacement"]["heave"] = round(last["heave"] + step, 6)
        frame["velocity"]["heave"] = round(step / dt, 6)
    at.held["slewed"] = {"t": frame["t"], "heave": frame["displacement"]["heave"]}
    return frame


# The streams some faults are limited to.

OBJECT_SOURCE = Among(lambda s: s.get("audio", {}).get("format") == "object", "an object audio source")
AMBISONIC = Among(lambda s: s.get("audio", {}).get("format") == "ambisonics", "an ambisonic scene")
PER_EYE = Among(lambda s: s.get("eye") == "left", "per-eye display streams")  # stereo_headset
ON_REFERENCE = Among(lambda s: "reference_motion" in s, "a pose stream on a reference motion")
DECISIONS = Among(lambda s: "decodes" in s, "a decoder's decision stream")
ON_BENCH = Among(lambda s: "commanded_motion" in s, "a motion platform on a test bench")
FIXED_LISTENER = Among(lambda s: "head_tracked" not in s.get("binaural", {}) and not s["binaural"].get("mono_audio"),
                       "a binaural stream on a fixed listener")
MONO_LISTENER = Among(lambda s: s.get("binaural", {}).get("mono_audio") is True,
                      "a binaural stream recorded with mono audio on")
SEATED = Among(lambda s: "seated_mode" in s, "a head pose stream recorded while seated mode is switched on")
HEAD_TRACKED = Among(lambda s: "head_tracked" in s.get("binaural", {}),
                     "a binaural stream recorded while the head turns")
CALIBRATED = Among(lambda s: "calibration_signal" in s, "an EEG stream with a calibration segment")
CUED_GESTURES = Among(lambda s: "gesture_schedule" in s, "a recognised-gesture stream with its cued schedule")
VALIDATED_GAZE = Among(lambda s: "fixation_targets" in s, "an eye-gaze stream recorded during a validation sequence")
EXPORTED_FIELD = Among(lambda s: "listener" in s.get("audio", {}),
                       "an ambisonic stream exported while test sources play")
DISTANCE_SCENE = Among(lambda s: "distance_model" in s.get("binaural", {}),
                       "a binaural stream of test sources at several distances")
MEASURED = Among(lambda s: "measured_by" in s, "a motion platform measured by an instrument on its moving base")
TRACKED_BODY = Among(lambda s: s["id"] == TRACKED_ID, "a body stream beside a reference motion capture")
REFERENCE_BODY = Among(lambda s: "reference_system" in s, "a reference motion capture's body stream")
TRACKED_FACE = Among(lambda s: s["id"] == FACE_TRACKED_ID, "a face stream beside a reference facial capture")


def channels(least: int) -> Among:
    return Among(lambda s: len(s.get("channels", ())) >= least, f"a biosignal stream of at least {least} channels")


def commanding(quantity: str, what: str) -> Among:
    return Among(lambda s: quantity in s.get("commands", ()), f"a force-feedback stream commanding {what}")


