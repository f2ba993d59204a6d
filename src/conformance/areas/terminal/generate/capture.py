"""Synthetic terminal captures (mvx-capture NDJSON), realistic, with optional planted faults.

    conformance generate capture --device vr_headset --seconds 10 --out session.ndjson.gz

A device class decides which streams a capture holds (head pose, controllers, hands,
gaze, face, haptics, body, motion platform, olfactory). Frames are produced one second at
a time and written as they are made, so a long capture needs little memory. The same
seed gives the same bytes. A fault plants one known defect; each is what one of the
terminal requirements must catch (see ``FAULTS``).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import orjson

from conformance import HarnessInputError

from . import faults as faults_mod
from .device import DEVICES, descriptor, stream_specs
from .frames import (
    CAPTION_AT,
    CUE_AT,
    DECISION_AT,
    LUMINANCE_BLOCK_S,
    REST_EVERY_S,
    TRANSCRIPT_AT,
    TRIAL_S,
    VOICE_CYCLE_S,
    VOICE_EVENT_AT,
    make_frame,
)
from .gesture import gesture_times
from . import exprref, pinchref
from .rendering import ARM_ID, CEASE_S, LEAD_S
from .sentbench import SCENT_SENT_ID, SENT_ID
from .vibration import ACTUATOR_ID, command_times
from .photon import STAGE_ID, stage_times
from . import gazeselect, gazesession, scent, session, speech

T0 = 1_000_000_000_000  # XrTime of the first sample; the epoch is the runtime's own
WINDOW_S = 1.0
SCHEDULED = {"voice_event": VOICE_EVENT_AT, "transcript": TRANSCRIPT_AT, "caption": CAPTION_AT}
RELATIVE = ("pose_t", "start", "end")


def check_arguments(device: str, seconds: float, faults: list[str]) -> list[dict[str, Any]]:
    """The streams the capture will hold; bad arguments are one clear line (exit 2)."""
    if device not in DEVICES:
        raise HarnessInputError(f"--device {device}", "unknown device class", f"known: {', '.join(DEVICES)}")
    if not (math.isfinite(seconds) and 0 < seconds <= 86_400):
        raise HarnessInputError(f"--seconds {seconds:g}", "must be more than 0 and at most 86400")
    specs = list(_declared(device))
    for fault in faults:
        if fault not in faults_mod.FAULTS:
            raise HarnessInputError(f"--fault {fault}", "unknown fault", f"known: {', '.join(faults_mod.FAULTS)}")
        needs = faults_mod.FAULTS[fault].needs
        if needs and not any(faults_mod.fits(s["type"], needs) for s in specs):
            kinds = needs if isinstance(needs, str) else " or ".join(needs)
            raise HarnessInputError(f"--fault {fault}",
                                    f"needs a stream of type {kinds}, which a {device} capture lacks")
        if fault in faults_mod.SELECTS and not faults_mod.targets(fault, specs):
            raise HarnessInputError(f"--fault {fault}", f"needs {faults_mod.SELECTS[fault][1]}, which a {device} "
                                    "capture lacks", f"a device that has one: {_device_for(fault)}")
    return stream_specs(device)  # a fresh copy: the faults and the header change theirs


@functools.cache
def _declared(device: str) -> tuple[dict[str, Any], ...]:
    """The device's streams as declared, only read: arguments are checked against them without
    deep-copying every spec of every device for each refused fault."""
    return tuple(stream_specs(device))


@functools.cache
def _device_for(fault: str) -> str:
    return next((d for d in DEVICES if faults_mod.targets(fault, list(_declared(d)))), "none")


def generate(out: IO[bytes], device: str, seconds: float, faults: list[str] = (),  # type: ignore[assignment]
             seed: int = 1, only: list[str] | None = None,
             progress: Callable[[float, float], None] | None = None) -> int:
    """Write a capture to ``out``; returns the number of frames. ``only`` keeps these stream ids;
    ``progress(done_s, seconds)`` is called after each window of capture time written."""
    specs = check_arguments(device, seconds, list(faults))
    if only is not None:
        specs = [s for s in specs if s["id"] in only]
    planted = faults_mod.Planted(list(faults), specs, seed)
    header = {"format": "mvx-capture", "version": "1.0", "recorded_at": "2024-06-01T14:00:00+08:00",
              "subject": pseudonym(device, seed), "device": descriptor(device), "streams": specs}
    planted.header(header)
    out.write(orjson.dumps(header) + b"\n")
    rng = np.random.default_rng(seed)
    written = 0
    for number, lines in enumerate(_windows(specs, seconds, rng, planted), start=1):
        out.write(b"".join(lines))
        written += len(lines)
        if progress is not None:
            progress(min(number * WINDOW_S, seconds), seconds)
    return written


def pseudonym(device: str, seed: int) -> str:
    """The recorded person's pseudonymous identifier (TD-BIO-004): derived, never a user id."""
    return "pn-" + hashlib.sha256(f"{device}:{seed}".encode()).hexdigest()[:16]


def _windows(specs: list[dict[str, Any]], seconds: float, rng: np.random.Generator,
             planted: faults_mod.Planted) -> Iterator[list[bytes]]:
    counters = {s["id"]: 0 for s in specs}
    start = 0.0
    while start < seconds:
        end = min(start + WINDOW_S, seconds)
        timed: list[tuple[int, bytes]] = []
        for spec in specs:
            for at, frame in _stream_window(spec, start, end, rng, counters, planted, seconds):
                timed.append((at, frame if isinstance(frame, bytes) else orjson.dumps(frame)))
        timed.sort(key=lambda item: item[0])
        yield [line + b"\n" for _, line in timed]
        start = end


def _stream_window(spec: dict[str, Any], start: float, end: float, rng: np.random.Generator,
                   counters: dict[str, int], planted: faults_mod.Planted,
                   seconds: float) -> Iterator[tuple[int, Any]]:
    sid = spec["id"]
    rate = planted.rate(spec)
    if sid in speech.OUTPUT_IDS:  # the speech bench's device output (TD-VOICE-004)
        times = speech.times(spec, start, end)
    elif spec["type"] in SCHEDULED:  # voice events and transcripts: at set times of each cycle
        at = SCHEDULED[spec["type"]]
        times = [c + a for c in np.arange(math.floor(start / VOICE_CYCLE_S) * VOICE_CYCLE_S, end, VOICE_CYCLE_S)
                 for a in at if start <= c + a < end]
    elif sid in (exprref.EVENTS_ID, exprref.READ_ID):  # an expression recogniser's recognitions (TD-FACE-005, 007)
        times = exprref.event_times(spec, start, end)
    elif sid == pinchref.GESTURES_ID:  # a pinch recogniser's begin and end events (TD-HAND-006)
        times = pinchref.event_times(spec, start, end)
    elif "gesture_schedule" in spec:  # recognised gestures: after their cues (TD-HAND-004)
        times = gesture_times(spec, start, end)
    elif spec["type"] == "marker" and (spec["id"] == "cues" or "decodes" in spec):  # one per trial
        # x-trial-s, x-decision-at: a slower session's trials and decisions (the fault decoder-slow)
        trial = spec.get("x-trial-s", TRIAL_S)
        offset = spec.get("x-decision-at", DECISION_AT) if "decodes" in spec else CUE_AT
        times = [k * trial + offset for k in range(math.ceil((start - offset) / trial - 1e-9),
                                                   math.ceil((end - offset) / trial - 1e-9))]
    elif spec["type"] == "session":  # its start, then a reminder every REST_EVERY_S
        times = [float(s) for s in np.arange(math.ceil(start / REST_EVERY_S - 1e-9) * REST_EVERY_S, end, REST_EVERY_S)]
    elif spec["id"] == ARM_ID and rate is not None:  # the bench arm's commands, until they cease (TD-FORCE-005)
        times = [i / rate for i in range(math.ceil(max(start, LEAD_S) * rate - 1e-9),
                                         math.ceil(min(end, CEASE_S) * rate - 1e-9))]
    elif spec["id"] in (ACTUATOR_ID, SENT_ID):  # the bench's test vibrations (TD-HAPT-003, -004)
        times = command_times(start, end)
    elif spec["id"] in (scent.DIFFUSER_ID, SCENT_SENT_ID):  # the bench's test scents (TD-OLF-003, -005)
        times = scent.command_times(start, end)
    elif spec["type"] == "gas_sensor":  # the PID's contiguous blocks of samples (1 s)
        times = [k * scent.BLOCK_S for k in range(math.ceil(start / scent.BLOCK_S - 1e-9),
                                                  math.ceil(end / scent.BLOCK_S - 1e-9))]
    elif spec["id"] == STAGE_ID:  # the photon rig's stage crossing its trigger angle (TD-DISP-009)
        times = [at for at, _ in stage_times(start, end)]
    elif spec["type"] in ("luminance", "acceleration", "force_sensor", "photodiode"):  # contiguous blocks of samples (0.1 s)
        times = [k * LUMINANCE_BLOCK_S for k in range(math.ceil(start / LUMINANCE_BLOCK_S - 1e-9),
                                                      math.ceil(end / LUMINANCE_BLOCK_S - 1e-9))]
    elif spec["type"] == "gaze_selection":  # selections by gaze, after each fixation's dwell (TD-GAZE-005)
        times = gazeselect.times(spec, start, end)
    elif gazesession.MEMBER in spec and rate is not None:  # a session's validations, each its own stream (TD-GAZE-004)
        times = gazesession.times(spec, rate, start, end)
    elif session.is_session(spec) and rate is not None:  # only its window of a session (TD-PERF-005)
        times = session.times(spec, rate, start, end)
    elif rate is None:  # an event stream: a pulse now and then
        times = [s for s in np.arange(start, end, 0.05) if rng.random() < 0.06]
    else:
        first = math.ceil(start * rate - 1e-9)
        times = [i / rate for i in range(first, math.ceil(end * rate - 1e-9))]
    # a recorder's (or an exported field's) sample clock: each block starts where the last ended, no jitter
    clocked = spec["type"] in ("luminance", "binaural", "acceleration", "force_sensor", "photodiode", "gas_sensor") \
        or "listener" in spec.get("audio", {}) or spec["id"] == STAGE_ID
    # ~40 us of scheduling jitter, drawn even when clocked (the same seed, the same draws); drawn for the whole
    # window at once (numpy's draws in one call are those of one call a frame) unless a fault draws in between
    jittered = any(fault.jitter_ns for fault in planted.acting.get(sid, ()))
    times = list(times)
    draws = None if jittered else rng.normal(0, 40_000, len(times)).tolist()
    for n, s in enumerate(times):
        index = counters[sid]
        counters[sid] += 1
        drawn = draws[n] if draws is not None else rng.normal(0, 40_000)
        jitter = 0 if clocked else int(drawn)
        extra = planted.extra_jitter(spec, rng) if jittered else 0
        t = T0 + round(s * 1e9) + max(min(jitter, 200_000), -200_000) + extra
        frame: dict[str, Any] = {"stream": sid, "t": t, **make_frame(spec, s, index)}
        for member in RELATIVE:  # a display frame's pose time, a transcript's span: given relative to t
            if member in frame:
                frame[member] += t
        if spec["type"] == "caption" and frame["end"] > T0 + seconds * 1e9:
            continue  # a cue is written once its end is known: not for speech the capture cut off
        result = planted.frame(spec, index, frame)
        if result is not None:
            yield t, result  # written in the order sampled, even when a fault changed its t


def write(path: Path, device: str, seconds: float, faults: list[str] = (), seed: int = 1,  # type: ignore[assignment]
          only: list[str] | None = None, progress: Callable[[float, float], None] | None = None) -> int:
    """Write a capture to ``path`` (gzip-compressed when it ends in .gz, reproducibly), whole
    or not at all, never through a link (:func:`conformance._io.outputs.atomic_output`)."""
    from conformance.area import atomic_output

    with atomic_output(path, what=f"--out {path}") as raw:
        if path.suffix == ".gz":
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
                return generate(out, device, seconds, faults, seed, only, progress)  # type: ignore[arg-type]
        return generate(raw, device, seconds, faults, seed, only, progress)
