"""Faults a synthetic capture can carry: each plants one defect a requirement must catch.

A fault acts on the first stream of the type it needs (timing faults on the first stream
with a rate), on a few frames from frame ``AT`` on, so the rest of the capture stays clean.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson

from .frames import LUMINANCE_BLOCK_S, luminance_block

AT = 20  # the first frame a fault touches


#: Stream types whose samples are biometric by nature (the faults of TD-BIO-*).
BIOMETRIC = ("eye_gaze", "face", "hand", "body")


@dataclass(frozen=True)
class Fault:
    needs: str | tuple[str, ...] | None  # stream type(s) it acts on; None: the first stream with a rate
    requirement: str
    description: str


def fits(kind: str, needs: str | tuple[str, ...] | None) -> bool:
    """Whether a stream of type ``kind`` is one a fault that ``needs`` this can act on."""
    return needs is None or kind in ((needs,) if isinstance(needs, str) else needs)


FAULTS: dict[str, Fault] = {
    "malformed-line": Fault(None, "TD-CAP-001", "one line cut short, one frame of an undeclared stream"),
    "missing-member": Fault(None, "TD-CAP-001", "frames without the payload their stream type needs"),
    "time-reversed": Fault(None, "TD-CAP-002", "two frames written out of order"),
    "undeclared-type": Fault(None, "TD-DESC-002", "a stream of a type the device does not offer"),
    "rate-drift": Fault(None, "TD-RATE-001", "the stream runs at 75 % of its declared rate"),
    "dropped-frames": Fault(None, "TD-RATE-002", "bursts of frames missing (about 10 %)"),
    "jitter": Fault(None, "TD-RATE-003", "about 1.2 ms (standard deviation) of extra timing jitter"),
    "denormalized": Fault("pose", "TD-POSE-001", "orientations scaled by 1.05 (not re-normalised)"),
    "out-of-volume": Fault("pose", "TD-POSE-002", "positions 3 m outside the tracking volume"),
    "gaze-flags": Fault("eye_gaze", "TD-GAZE-001", "only the position-tracked bit of the gaze set"),
    "hand-inactive-valid": Fault("hand", "TD-HAND-001", "an inactive hand reports valid joints"),
    "hand-radius": Fault("hand", "TD-HAND-003", "an active hand's joint with radius 0"),
    "bone-stretch": Fault("hand", "TD-HAND-002", "a finger bone 2 cm longer in some frames"),
    "face-count": Fault("face", "TD-FACE-001", "frames with fewer weights than their set has"),
    "face-range": Fault("face", "TD-FACE-002", "a weight of 1.3"),
    "face-invalid-weights": Fault("face", "TD-FACE-003", "a face not valid with non-zero weights"),
    "haptic-range": Fault("haptic", "TD-HAPT-001", "an amplitude of 1.5"),
    "haptic-over-offer": Fault("haptic", "TD-HAPT-002", "a frequency of 10 kHz, above what the device offers"),
    "olfactory-range": Fault("olfactory", "TD-OLF-001", "an intensity of 1.4 and an undeclared scent"),
    "platform-limit": Fault("motion_platform", "TD-MPLAT-001", "displacement beyond the declared limit"),
    "body-bone-name": Fault("body", "TD-BODY-001", "a bone VRM does not name, a required bone missing"),
    "bio-undeclared": Fault(BIOMETRIC, "TD-BIO-001", "a biometric stream (and its offer) without personal_data"),
    "bio-terms-missing": Fault(BIOMETRIC, "TD-BIO-002",
                               "a biometric declaration without purpose, retention and consent"),
    "bio-raw-export": Fault(BIOMETRIC, "TD-BIO-003",
                            "the capture marked for export while its biometric streams allow derived data only"),
    "raw-identifier": Fault(None, "TD-BIO-004", "an e-mail address as subject, a frame with an x-user_id member"),
    "frozen-pose": Fault("pose", "TD-MOT-001", "the pose held bit-identical for 2 s while flagged tracked"),
    "position-jump": Fault("pose", "TD-MOT-002", "one frame's position 0.5 m off (a teleport)"),
    "orientation-jump": Fault("pose", "TD-MOT-002", "one frame's orientation turned 120 degrees"),
    "position-shake": Fault("pose", "TD-MOT-003", "positions alternating +-1 cm frame to frame"),
    "orientation-shake": Fault("pose", "TD-MOT-003", "orientations alternating +-4 degrees of yaw frame to frame"),
}
BIOSIGNAL = ("eeg", "emg")
FAULTS.update({
    "eeg-label": Fault("eeg", "TD-BCI-001", "a channel named outside the 10-10 system, another named twice, units mV"),
    "eeg-no-reference": Fault(BIOSIGNAL, "TD-BCI-001", "no reference and no ground declared"),
    "eeg-gap": Fault(BIOSIGNAL, "TD-BCI-002", "five consecutive samples missing"),
    "eeg-range": Fault(BIOSIGNAL, "TD-BCI-003", "a channel's value beyond the declared range"),
    "eeg-flat": Fault(BIOSIGNAL, "TD-BCI-004", "a channel repeating one value for 2 s"),
    "eeg-saturated": Fault(BIOSIGNAL, "TD-BCI-004", "a channel at the top of the range for 2 % of its samples"),
    "marker-outside": Fault("marker", "TD-BCI-005", "the first event marker 5 s before the recording starts"),
    "marker-reversed": Fault("marker", "TD-BCI-005", "an event marker earlier than the one before it"),
})
FAULTS.update({
    "ambisonic-channels": Fault("audio", "TD-AUD-001", "a third-order scene declared with 9 channels"),
    "ambisonic-convention": Fault("audio", "TD-AUD-001", "FuMa ordering and no normalisation declared"),
    "audio-object-space": Fault("audio", "TD-AUD-001", "the object source located in local space, not stage"),
    "audio-clock-drift": Fault("audio", "TD-AUD-002", "the blocks' timestamps run 2 % faster than their samples"),
    "audio-clock-offset": Fault("audio", "TD-AUD-002", "the audio timestamps 3 s after the poses' (another clock)"),
    "audio-object-outside": Fault("audio", "TD-AUD-003", "the object source 10 m outside the tracking volume"),
})
FAULTS.update({
    "force-no-safety": Fault("force_feedback", "TD-FORCE-001", "the device's offer without its safety limits"),
    "force-no-limit": Fault("force_feedback", "TD-FORCE-001", "a commanded quantity without a declared limit"),
    "force-over-limit": Fault("force_feedback", "TD-FORCE-002", "a commanded force of 5 N, above the 3.3 N limit"),
    "curl-range": Fault("force_feedback", "TD-FORCE-002", "a finger curl of 1.4"),
    "force-unsafe": Fault("force_feedback", "TD-FORCE-003", "a safety force of 400 N (and limits to match)"),
})
FAULTS.update({
    "display-refresh": Fault("display", "TD-DISP-001", "a display refresh rate (100 Hz) the device does not offer"),
    "display-missed-frames": Fault("display", "TD-DISP-001", "one display frame in 20 missed"),
    "display-latency": Fault("display", "TD-DISP-002", "frames shown 45 ms after their pose was sampled"),
    "display-pose-later": Fault("display", "TD-DISP-002", "frames rendered from a pose sampled after they were shown"),
})
FAULTS.update({
    "voice-layout": Fault("voice", "TD-VOICE-001", "a stereo layout declared with one channel, 17 kHz sampling"),
    "voice-event-unpaired": Fault("voice_event", "TD-VOICE-002",
                                  "a speech_start where speech_end was (two starts in a row)"),
    "voice-event-outside": Fault("voice_event", "TD-VOICE-002", "the first event 5 s before the speech capture starts"),
    "transcript-early": Fault("transcript", "TD-VOICE-003", "a result emitted 1 s before the speech it covers ended"),
    "transcript-outside": Fault("transcript", "TD-VOICE-003", "results spanning 10 s before the speech capture"),
    "power-undeclared": Fault("power", "TD-PWR-001", "the power offer without its operating ranges"),
    "power-over-range": Fault("power", "TD-PWR-001", "a power draw of 18 W (12 W declared), a battery level of 1.2"),
    "power-hot": Fault("power", "TD-PWR-002", "a surface temperature of 46 C (the declared range raised to 50 C)"),
    "rig-offset": Fault("pose", "TD-PERF-001", "positions on the rig 4 mm off the reference (a bias)"),
    "rig-noise": Fault("pose", "TD-PERF-001", "3 mm (standard deviation) of extra position noise on the rig"),
    "platform-jolt": Fault("motion_platform", "TD-MPLAT-002", "the heave velocity stepping up 0.25 m/s for 50 ms"),
})
FAULTS.update({
    "display-persistence": Fault("display", "TD-DISP-003", "a persistence of 15 ms, longer than a 120 Hz refresh"),
    "display-ipd": Fault("display", "TD-DISP-007", "an IPD range of 72 .. 58 mm"),
    "display-one-eye": Fault("display", "TD-DISP-008", "a display stream for the left eye and none for the right"),
    "display-eye-skew": Fault("display", "TD-DISP-006", "the left image of ten frames shown 4 ms after the right"),
    "caption-language": Fault("caption", "TD-CAPT-001", "a caption track in 'english' (no BCP 47 tag)"),
    "caption-overlap": Fault("caption", "TD-CAPT-001", "a cue lasting 3.5 s into the next cue"),
    "caption-outside": Fault("caption", "TD-CAPT-001", "the first cue 5 s earlier, before the speech capture"),
    "caption-missing": Fault("caption", "TD-CAPT-002", "the second utterance without its cue"),
    "caption-misplaced": Fault("caption", "TD-CAPT-003", "a cue placed 3 m from the source it captions"),
    "rest-reminder-missing": Fault("session", "TD-REST-001", "the second rest reminder not given"),
    "rest-interval-long": Fault("session", "TD-REST-001", "a declared rest reminder interval of 90 min"),
    "va-focal-undeclared": Fault("content_depth", "TD-DISP-004", "a display without its focal distance"),
    "va-depth-invalid": Fault("content_depth", "TD-DISP-004", "content depths of 0 m (on a varifocal display, "
                              "a focus of 9 m, outside its 0.5 .. 4 m)"),
    "va-conflict": Fault("content_depth", "TD-DISP-004", "content at 0.3 m in 3 frames of 10 (2.6 D from a 1.3 m "
                         "focus)"),
    "luminance-no-instrument": Fault("luminance", "TD-DISP-005", "a luminance trace without its instrument"),
    "luminance-slow": Fault("luminance", "TD-DISP-005", "a luminance trace sampled at 1 kHz"),
    "luminance-gap": Fault("luminance", "TD-DISP-005", "a block of the luminance trace missing"),
    "flicker-60hz": Fault("luminance", "TD-DISP-005", "the display's light flickering at 60 Hz with 30 % "
                          "modulation"),
})
EYE_FAULTS = ("display-eye-skew",)  # per-eye display streams (stereo_headset)
OBJECT_FAULTS = ("audio-object-space", "audio-object-outside")
RIG_FAULTS = ("rig-offset", "rig-noise")  # a pose stream recorded on a declared reference motion
#: How long the frozen-pose fault holds the pose, in seconds.
FROZEN_S = 2.0


#: Faults that act on one kind of stream among those of their type: which, and what to say when
#: a device has none (the generator refuses such a pair in one line rather than fail mid-capture).
SELECTS: dict[str, tuple[Callable[[dict[str, Any]], bool], str]] = {
    **{name: (lambda s: s.get("audio", {}).get("format") == "object", "an object audio source")
       for name in OBJECT_FAULTS},
    **{name: (lambda s: s.get("eye") == "left", "per-eye display streams") for name in EYE_FAULTS},
    **{name: (lambda s: "reference_motion" in s, "a pose stream on a reference motion") for name in RIG_FAULTS},
    "ambisonic-convention": (lambda s: s.get("audio", {}).get("format") == "ambisonics", "an ambisonic scene"),
    "ambisonic-channels": (lambda s: s.get("audio", {}).get("format") == "ambisonics", "an ambisonic scene"),
    "eeg-range": (lambda s: len(s.get("channels", ())) > 2, "a biosignal stream of at least 3 channels"),
    "eeg-flat": (lambda s: len(s.get("channels", ())) > 3, "a biosignal stream of at least 4 channels"),
    "eeg-saturated": (lambda s: len(s.get("channels", ())) > 4, "a biosignal stream of at least 5 channels"),
    "force-over-limit": (lambda s: "force" in s.get("commands", ()), "a force-feedback stream commanding force"),
    "curl-range": (lambda s: "curl" in s.get("commands", ()), "a force-feedback stream commanding finger curl"),
}


def targets(name: str, specs: list[dict[str, Any]]) -> list[str]:
    """The IDs of the streams fault ``name`` can act on, in declaration order."""
    needs = FAULTS[name].needs
    chosen = [s for s in specs if fits(s["type"], needs)] if needs else [s for s in specs if s.get("rate_hz")]
    if name in SELECTS:
        chosen = [s for s in chosen if SELECTS[name][0](s)] if needs else [s for s in specs if SELECTS[name][0](s)]
    return [s["id"] for s in chosen]


class Planted:
    """Applies the chosen faults while a capture is generated."""

    def __init__(self, faults: list[str], specs: list[dict[str, Any]], seed: int) -> None:
        self.faults = set(faults)
        self.held: dict[str, Any] = {}  # the pose the frozen-pose fault holds
        self.target: dict[str, str | None] = {}
        for name in self.faults:
            ids = targets(name, specs)
            self.target[name] = ids[0] if ids else None

    def _on(self, name: str, spec: dict[str, Any]) -> bool:
        return name in self.faults and self.target.get(name) == spec["id"]

    def header(self, header: dict[str, Any]) -> None:
        for spec in header["streams"]:
            offers = [o for o in header["device"]["offers"] if o.get("id") == spec["id"]]
            if self._on("bio-undeclared", spec):
                spec.pop("personal_data", None)
                for offer in offers:
                    offer.pop("personal_data", None)
            if self._on("bio-terms-missing", spec):
                for member in ("purpose", "retention", "consent"):
                    spec["personal_data"].pop(member, None)
        if "bio-raw-export" in self.faults:
            header["export"] = {"off_device": True, "recipient": "cloud analytics"}
        if "raw-identifier" in self.faults:
            header["subject"] = "zhang.wei@example.com"
        for spec in header["streams"]:
            if self._on("eeg-label", spec):
                channels = spec["channels"]
                channels[1]["name"], channels[3]["name"], channels[0]["units"] = "Q7", channels[2]["name"], "mV"
            if self._on("eeg-no-reference", spec):
                del spec["reference"], spec["ground"]
            if self._on("audio-object-space", spec):
                for item in (spec, *[o for o in header["device"]["offers"] if o.get("id") == spec["id"]]):
                    item["space"] = "local"
            offers = [o for o in header["device"]["offers"] if o.get("id") == spec["id"]]
            if self._on("force-no-safety", spec):
                for offer in offers:
                    offer.pop("safety", None)
            if self._on("force-no-limit", spec):
                for offer in offers:
                    offer.pop("limits", None)
            if self._on("force-unsafe", spec):
                for offer in offers:
                    offer["safety"]["max_force_n"] = 400
                    offer.setdefault("limits", {})["force_n"] = 400
            if self._on("display-refresh", spec):
                for item in (spec, *offers):
                    item["rate_hz"] = 100
            if self._on("ambisonic-channels", spec):
                spec["audio"]["channels"] = 9
            if self._on("ambisonic-convention", spec):
                spec["audio"]["ordering"] = "FuMa"
                del spec["audio"]["normalization"]
            if self._on("voice-layout", spec):
                spec["audio"].update(layout="stereo", sample_rate_hz=17000)
            if self._on("power-undeclared", spec):
                for offer in offers:
                    offer.pop("operating", None)
            if self._on("power-hot", spec):
                for offer in offers:
                    offer["operating"]["temperature_c"]["max"] = 50
        display = header["device"].get("system", {}).get("display", {})
        for spec in header["streams"]:
            if self._on("display-persistence", spec):
                display["persistence_ms"] = 15.0
            if self._on("display-ipd", spec):
                display["ipd_range_mm"] = {"min": 72, "max": 58}
            if self._on("display-one-eye", spec):
                spec["eye"] = "left"
            if self._on("caption-language", spec):
                spec["language"] = "english"
        for spec in header["streams"]:
            if self._on("va-focal-undeclared", spec):
                display.pop("focal_distance_m", None)
                display.pop("focal_range_m", None)
            if self._on("luminance-no-instrument", spec):
                del spec["luminance"]["instrument"]
            if self._on("luminance-slow", spec):
                spec["luminance"]["sample_rate_hz"] = 1000
        if "rest-interval-long" in self.faults and "health" in header["device"]:
            header["device"]["health"]["rest_reminder_min"] = 90
        if "undeclared-type" in self.faults:
            offered = {o["type"] for o in header["device"]["offers"]}  # a type no offer has
            kind = next(k for k in ("olfactory", "haptic", "body") if k not in offered)
            header["streams"].append({"id": "extra", "type": kind})

    def rate(self, spec: dict[str, Any]) -> float | None:
        rate = spec.get("rate_hz")
        if rate and self._on("rate-drift", spec):
            return rate * 0.75
        if rate and self._on("audio-clock-drift", spec):
            return rate * 1.02
        return rate

    def extra_jitter(self, spec: dict[str, Any], rng: np.random.Generator) -> int:
        return int(rng.normal(0, 1_200_000)) if self._on("jitter", spec) else 0

    def frame(self, spec: dict[str, Any], index: int, frame: dict[str, Any]) -> Any:
        """The frame to write (a dict, or raw bytes), or None to drop it."""
        first = AT if spec.get("rate_hz") else 2  # event streams have few frames
        near = first <= index < first + 10
        if self._on("dropped-frames", spec) and index % 100 >= 90:
            return None
        if self._on("time-reversed", spec) and index in (AT, AT + 1):
            frame["t"] += (1 if index == AT else -1) * 30_000_000  # later than the next / earlier than the last
        if self._on("malformed-line", spec) and index == AT:
            return orjson.dumps(frame)[:40]
        if self._on("malformed-line", spec) and index == AT + 1:
            frame["stream"] = "undeclared"
        if self._on("raw-identifier", spec) and index == AT:
            frame["x-user_id"] = "u10086"
        if self._on("frozen-pose", spec) and AT <= index < AT + FROZEN_S * spec["rate_hz"]:
            if index == AT:
                self.held = orjson.loads(orjson.dumps(frame["pose"]))
            frame["pose"] = self.held
        if self._on("position-jump", spec) and index == AT:
            frame["pose"]["position"]["x"] += 0.5
        if self._on("orientation-jump", spec) and index == AT:
            _turn(frame, 120.0)
        if self._on("eeg-gap", spec) and AT <= index < AT + 5:
            return None
        if self._on("eeg-range", spec) and index == AT:
            frame["values"][2] = spec["range_uv"]["max"] * 1.5
        if self._on("eeg-flat", spec) and AT <= index < AT + 2 * spec["rate_hz"]:
            frame["values"][3] = 12.5
        if self._on("eeg-saturated", spec) and index % 50 == 0:
            frame["values"][4] = spec["range_uv"]["max"]
        if self._on("marker-outside", spec) and index == 0:
            frame["t"] -= 5_000_000_000
        if self._on("marker-reversed", spec) and index == 3:
            frame["t"] -= 3_000_000_000
        if self._on("audio-clock-offset", spec):
            frame["t"] += 3_000_000_000
        if near and self._on("audio-object-outside", spec):
            frame["position"]["x"] += 10.0
        if self._on("voice-event-unpaired", spec) and index == 2:
            frame["event"] = "speech_start"
        if self._on("voice-event-outside", spec) and index == 0:
            frame["t"] -= 5_000_000_000
        if self._on("transcript-early", spec) and index == 1:
            frame["end"] = frame["t"] + 1_000_000_000
        if self._on("transcript-outside", spec):
            frame["start"] -= 10_000_000_000
            frame["end"] -= 10_000_000_000
        if self._on("power-over-range", spec) and index in (2, 3):
            frame.update(power_w=18.0, battery=1.2)
        if self._on("power-hot", spec) and index in (2, 3):
            frame["temperature_c"] = 46.0
        if self._on("rig-offset", spec):
            frame["pose"]["position"]["x"] = round(frame["pose"]["position"]["x"] + 0.004, 5)
        if self._on("rig-noise", spec):
            extra = np.random.default_rng(1_000_000 + index).normal(0.0, 0.003, 3)
            for axis, e in zip("xyz", extra, strict=True):
                frame["pose"]["position"][axis] = round(frame["pose"]["position"][axis] + float(e), 5)
        if self._on("platform-jolt", spec) and AT <= index < AT + 5:
            frame["velocity"]["heave"] = round(frame["velocity"]["heave"] + 0.25, 5)
        if near and self._on("display-eye-skew", spec):
            frame["t"] += 4_000_000
        if self._on("caption-overlap", spec) and index == 1:
            frame["end"] += 3_500_000_000
        if self._on("caption-outside", spec) and index == 0:
            frame["t"] -= 5_000_000_000
            frame["end"] -= 5_000_000_000
        if self._on("caption-missing", spec) and index == 1:
            return None
        if self._on("rest-reminder-missing", spec) and index == 2:
            return None
        if self._on("caption-misplaced", spec) and index == 1 and "position" in frame:
            frame["position"]["x"] = round(frame["position"]["x"] + 3.0, 4)
        if near and self._on("va-depth-invalid", spec):
            if "focal_m" in frame:
                frame["focal_m"] = 9.0
            else:
                frame["depth_m"] = 0.0
        if self._on("va-conflict", spec) and index % 10 < 3:
            frame["depth_m"] = 0.3
            if "focal_m" in frame:
                frame["focal_m"] = 1.3
        if self._on("luminance-gap", spec) and index == 5:
            return None
        if self._on("flicker-60hz", spec):
            frame["luminance"] = luminance_block(spec, index * LUMINANCE_BLOCK_S, index, 60.0, 0.30)
        if self._on("display-missed-frames", spec) and index % 20 == 19:
            return None
        if self._on("display-latency", spec):
            frame["pose_t"] = frame["t"] - 45_000_000
        if near and self._on("display-pose-later", spec):
            frame["pose_t"] = frame["t"] + 1_000_000
        if near and self._on("force-over-limit", spec):
            frame["force"]["y"] = 5.0
        if near and self._on("curl-range", spec):
            frame["curl"]["index"] = 1.4
        if near and self._on("position-shake", spec):
            frame["pose"]["position"]["x"] += 0.01 if index % 2 else -0.01
        if near and self._on("orientation-shake", spec):
            _turn(frame, 4.0 if index % 2 else -4.0)
        if self._on("missing-member", spec) and near:
            for member in [k for k in frame if k not in ("stream", "t")][:1]:
                del frame[member]
        if near:
            self._payload(spec, index, frame)
        return frame

    def _payload(self, spec: dict[str, Any], index: int, frame: dict[str, Any]) -> None:
        if self._on("denormalized", spec):
            o = frame["pose"]["orientation"]
            o.update({k: round(v * 1.05, 6) for k, v in o.items()})
        if self._on("out-of-volume", spec):
            frame["pose"]["position"]["x"] += 3.0
        if self._on("gaze-flags", spec):
            frame["flags"] = 0xB
        if self._on("hand-inactive-valid", spec):
            frame["active"] = False
        if self._on("hand-radius", spec) and frame.get("active"):
            frame["joints"][10]["radius"] = 0.0
        if self._on("bone-stretch", spec):
            frame["joints"][10]["pose"]["position"]["y"] += 0.02
        if self._on("face-count", spec):
            frame["weights"] = frame["weights"][:-3]
        if self._on("face-range", spec):
            frame["weights"][5] = 1.3
        if self._on("face-invalid-weights", spec):
            frame["valid"] = False
            frame["weights"][0] = 0.4
        if self._on("haptic-range", spec):
            frame["amplitude"] = 1.5
        if self._on("haptic-over-offer", spec):
            frame["frequency_hz"] = 10_000.0
        if self._on("olfactory-range", spec):
            frame.update(intensity=1.4, scent="burnt_toast")
        if self._on("platform-limit", spec):
            frame["displacement"]["heave"] = 0.3
        if self._on("body-bone-name", spec):
            frame["bones"]["leftWing"] = frame["bones"].pop("leftFoot")


def _turn(frame: dict[str, Any], degrees: float) -> None:
    """Turn a pose frame's orientation about the stage's +Y axis (yaw)."""
    from .motion import quat_axis, quat_mul

    o = frame["pose"]["orientation"]
    q = quat_mul(quat_axis((0, 1, 0), np.radians(degrees)), np.array([o["x"], o["y"], o["z"], o["w"]]))
    o.update({k: round(float(v), 6) for k, v in zip("xyzw", q, strict=True)})
