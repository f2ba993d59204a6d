"""Faults a synthetic capture can carry: each plants one defect a requirement must catch.

A fault acts on the first stream of the type it needs (timing faults on the first stream
with a rate), on a few frames from frame ``AT`` on, so the rest of the capture stays clean.

Each fault is one entry of ``FAULTS``: the stream type it needs, the requirement it breaks,
what it plants (one line, for ``--list-faults``), and what it does: to the header, to its
stream's rate and timing, to the frames its ``when`` picks. :class:`Planted` walks the table.
The faults of the laboratory's benches and rigs are the table's last entries (:mod:`.benchfaults`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import benchfaults, edgefaults, exprfaults, pinchfaults, rigfaults, sessionfaults, touchfaults
from .faceref import BROW_DOWN_LEFT, JAW_OPEN
from .faultchanges import (
    AMBISONIC,
    CUED_GESTURES,
    DECISIONS,
    MEASURED,
    OBJECT_SOURCE,
    ON_REFERENCE,
    PER_EYE,
    REFERENCE_BODY,
    TRACKED_BODY,
    TRACKED_FACE,
    VALIDATED_GAZE,
    beyond_range,
    bio_terms_incomplete,
    bio_undeclared,
    bone_renamed,
    channels,
    commanding,
    decided_wrong,
    declared,
    denormalized,
    draining,
    dropped,
    early_result,
    eeg_labels,
    fewer_weights,
    force_near_limit,
    frozen,
    fuma,
    gaze_near_limit,
    gaze_untargeted,
    gestures_few,
    hot,
    malformed,
    member_missing,
    no_force_sensor,
    no_reference,
    pose_time,
    radius_zero,
    raw_export,
    raw_subject,
    rig_jitter,
    rig_late,
    rig_noise,
    rig_stated,
    saturated,
    shaken,
    shaken_turn,
    time_reversed,
    turned,
    undeclared_type,
    unoffered,
    unsafe,
    voice_layout,
)
from .faultkit import (
    AT,
    BIOMETRIC,
    BIOSIGNAL,
    FROZEN_S,
    Among,
    At,
    Change,
    Fault,
    Frame,
    Header,
    Line,
    Spec,
    When,
    add,
    each,
    every,
    fits,
    lasting,
    near,
    on,
    put,
    run,
)

def decided_slowly(header: Header, spec: Spec) -> None:
    """Trials of 2.5 s, the cue 0.25 s into each and the decoder's decision 2.4 s into it: 2.15 s after its
    cue (TD-BCI-006 R3); the cue stream the decisions decode keeps the same trials."""
    spec.update({"x-trial-s": 2.5, "x-decision-at": 2.4})
    for stream in header["streams"]:
        if stream.get("id") == spec.get("decodes"):
            stream["x-trial-s"] = 2.5


FAULTS: dict[str, Fault] = {
    "malformed-line": Fault(None, "TD-CAP-001", "one line cut short, one frame of an undeclared stream",
                            when=on(AT, AT + 1), change=malformed),
    "missing-member": Fault(None, "TD-CAP-001", "frames without the payload their stream type needs",
                            when=near, change=member_missing),
    "time-reversed": Fault(None, "TD-CAP-002", "two frames written out of order",
                           when=on(AT, AT + 1), change=time_reversed),
    "undeclared-type": Fault(None, "TD-DESC-002", "a stream of a type the device does not offer",
                             amend=undeclared_type),
    "rate-drift": Fault(None, "TD-RATE-001", "the stream runs at 75 % of its declared rate", rate=0.75),
    "dropped-frames": Fault(None, "TD-RATE-002", "bursts of frames missing (about 10 %)",
                            when=every(100, 90, 10), change=dropped),
    "jitter": Fault(None, "TD-RATE-003", "about 1.2 ms (standard deviation) of extra timing jitter",
                    jitter_ns=1_200_000),
    "denormalized": Fault("pose", "TD-POSE-001", "orientations scaled by 1.05 (not re-normalised)",
                          when=near, change=denormalized),
    "out-of-volume": Fault("pose", "TD-POSE-002", "positions 3 m outside the tracking volume",
                           when=near, change=add("pose", "position", "x", by=3.0)),
    "gaze-flags": Fault("eye_gaze", "TD-GAZE-001", "only the position-tracked bit of the gaze set",
                        when=near, change=put("flags", to=0xB)),
    # TD-GAZE-002: the gaze an eye tracker records while the validation sequence shows its targets
    "gaze-offset": Fault("eye_gaze", "TD-GAZE-002", "the gaze 3 degrees left of every fixation target",
                         among=VALIDATED_GAZE, declare=declared("fixation_targets", "x-offset-deg", to=3.0)),
    "gaze-near-limit": Fault("eye_gaze", "TD-GAZE-002", "the gaze 0.6 degrees more off every fixation target (a mean "
                             "near 0.9), inside R1's 1.0 degree but within the guard band of targets placed to 0.2 "
                             "degrees (k = 2)",
                             among=VALIDATED_GAZE, declare=gaze_near_limit),
    "gaze-noisy": Fault("eye_gaze", "TD-GAZE-002", "0.35 degrees of noise per axis on the gaze (0.03 clean)",
                        among=VALIDATED_GAZE, declare=declared("fixation_targets", "x-noise-deg", to=0.35)),
    "gaze-lost": Fault("eye_gaze", "TD-GAZE-002", "the eye lost while the third target shows (that target "
                       "inconclusive, not a fail)", among=VALIDATED_GAZE,
                       declare=declared("fixation_targets", "x-lost-target", to=2)),
    "gaze-untargeted": Fault("eye_gaze", "TD-GAZE-002", "no fixation target declared (inconclusive, not a fail)",
                             among=VALIDATED_GAZE, declare=gaze_untargeted),
    "hand-inactive-valid": Fault("hand", "TD-HAND-001", "an inactive hand reports valid joints",
                                 when=near, change=put("active", to=False)),
    "hand-radius": Fault("hand", "TD-HAND-003", "an active hand's joint with radius 0",
                         when=near, change=radius_zero),
    "bone-stretch": Fault("hand", "TD-HAND-002", "a finger bone 2 cm longer in some frames",
                          when=near, change=add("joints", 10, "pose", "position", "y", by=0.02)),
    # TD-HAND-004: the recognised gestures against the 20 cues of a gesture session (generate/gesture.py)
    "gesture-confused": Fault("gesture", "TD-HAND-004", "ring and little pinches recognised as each other (10 of "
                              "20 right, above chance for 4 classes)", among=CUED_GESTURES,
                              declare=declared("gesture_schedule", "x-confuse", to=["ring_pinch", "little_pinch"])),
    "gesture-guessing": Fault("gesture", "TD-HAND-004", "the pinch after the cued one recognised on 3 trials in 4 "
                              "(4 of 20 right: below chance for 4 classes)", among=CUED_GESTURES,
                              declare=declared("gesture_schedule", "x-shift", to=True)),
    "gesture-spurious": Fault("gesture", "TD-HAND-004", "an index pinch recognised in the pause after every other "
                              "trial (10 outside the cued windows)", among=CUED_GESTURES,
                              declare=declared("gesture_schedule", "x-spurious-every", to=2)),
    "gesture-few": Fault("gesture", "TD-HAND-004", "12 gestures cued, fewer than 20 (inconclusive, not a fail)",
                         among=CUED_GESTURES, declare=gestures_few),
    "face-count": Fault("face", "TD-FACE-001", "frames with fewer weights than their set has",
                        when=near, change=fewer_weights),
    "face-range": Fault("face", "TD-FACE-002", "a weight of 1.3", when=near, change=put("weights", 5, to=1.3)),
    "face-invalid-weights": Fault("face", "TD-FACE-003", "a face not valid with non-zero weights",
                                  when=near, change=each(put("valid", to=False), put("weights", 0, to=0.4))),
    "haptic-range": Fault("haptic", "TD-HAPT-001", "an amplitude of 1.5", when=near, change=put("amplitude", to=1.5)),
    "haptic-over-offer": Fault("haptic", "TD-HAPT-002", "a frequency of 10 kHz, above what the device offers",
                               when=near, change=put("frequency_hz", to=10_000.0)),
    "olfactory-range": Fault("olfactory", "TD-OLF-001", "an intensity of 1.4 and an undeclared scent",
                             when=near, change=each(put("intensity", to=1.4), put("scent", to="burnt_toast"))),
    "platform-limit": Fault("motion_platform", "TD-MPLAT-001", "measured displacement beyond the rated limit",
                            among=MEASURED, when=near, change=put("displacement", "heave", to=0.3)),
    "platform-step": Fault("motion_platform", "TD-MPLAT-001", "the tracked heave stepping up 6 mm for 50 ms (about "
                           "0.6 m/s between two frames, its reported velocity unchanged)", among=MEASURED,
                           when=run(AT, 5), change=add("displacement", "heave", by=0.006, digits=5)),
    "body-bone-name": Fault("body", "TD-BODY-001", "a bone VRM does not name, a required bone missing",
                            when=near, change=bone_renamed),
    # TD-BODY-003: a body tracker beside an optical motion capture of the same person (generate/bodyref.py)
    "body-arm-offset": Fault("body", "TD-BODY-003", "the six arm bones tracked 5 cm too high", among=TRACKED_BODY,
                             declare=declared("x-arm-offset-m", to=0.05)),
    "body-root-offset": Fault("body", "TD-BODY-003", "the hips tracked 34 mm behind the rest of the body",
                              among=TRACKED_BODY, declare=declared("x-root-offset-m", to=0.034)),
    "body-late": Fault("body", "TD-BODY-003", "the body tracked 80 ms late", among=TRACKED_BODY,
                       declare=declared("x-latency-s", to=0.08)),
    "body-arm-twisted": Fault("body", "TD-BODY-003", "the six arm bones tracked turned 20 degrees about their own "
                              "axis, where they are", among=TRACKED_BODY, declare=declared("x-arm-twist-deg", to=20.0)),
    # TD-BODY-003 R5 (issue 75, h75-bodyFace): the rate on the reference clock
    "body-clock-off": Fault("body", "TD-BODY-003", "the body tracker's frames stamped 30 a second but sampled 6.4 % "
                            "faster on the reference clock", among=TRACKED_BODY,
                            declare=declared("x-clock-scale", to=0.94)),
    "body-reference-short": Fault("body", "TD-BODY-003", "the reference capture's frames after the first second "
                                  "missing (inconclusive, not a fail)", among=REFERENCE_BODY,
                                  when=lambda at: at.index >= at.spec["rate_hz"], change=dropped),
    "body-reference-root-only": Fault("body", "TD-BODY-003", "the reference capture carrying the hips alone "
                                      "(inconclusive, not a fail)", among=REFERENCE_BODY,
                                      declare=declared("x-bones", to=["hips"])),
    # TD-FACE-004: a face tracker beside a facial capture of the same face (generate/faceref.py)
    "face-jaw-dull": Fault("face", "TD-FACE-004", "the jaw's opening tracked at half its weight", among=TRACKED_FACE,
                           declare=declared("x-scale", to={str(JAW_OPEN): 0.5})),
    "face-brow-stuck": Fault("face", "TD-FACE-004", "a lowered left brow (0.3) shown that the face never makes",
                             among=TRACKED_FACE, declare=declared("x-added", to={str(BROW_DOWN_LEFT): 0.3})),
    "face-late": Fault("face", "TD-FACE-004", "the face tracked 80 ms late", among=TRACKED_FACE,
                       declare=declared("x-latency-s", to=0.08)),
    # TD-FACE-004 R4 (issue 75, h75-bodyFace): the rate on the reference clock
    "face-clock-off": Fault("face", "TD-FACE-004", "the face tracker's frames stamped 60 a second but sampled 6.4 % "
                            "faster on the reference clock", among=TRACKED_FACE,
                            declare=declared("x-clock-scale", to=0.94)),
    "bio-undeclared": Fault(BIOMETRIC, "TD-BIO-001", "a biometric stream (and its offer) without personal_data",
                            declare=bio_undeclared),
    "bio-voice-undeclared": Fault("voice", "TD-BIO-001", "voice stream without personal_data", declare=bio_undeclared),
    "bio-terms-incomplete": Fault(BIOMETRIC, "TD-BIO-002", "a biometric declaration stating its purpose, not its "
                                  "retention or consent", declare=bio_terms_incomplete),
    "bio-raw-export": Fault(BIOMETRIC, "TD-BIO-003",
                            "the capture marked for export while its biometric streams allow derived data only",
                            amend=raw_export),
    "raw-identifier": Fault(None, "TD-BIO-004", "an e-mail address as subject, a frame with an x-user_id member",
                            amend=raw_subject, when=on(AT), change=put("x-user_id", to="u10086")),
    "frozen-pose": Fault("pose", "TD-MOT-001", "the pose held bit-identical for 2 s while flagged tracked",
                         when=lasting(FROZEN_S), change=frozen),
    "position-jump": Fault("pose", "TD-MOT-002", "one frame's position 1 m off (a teleport)",
                           when=on(AT), change=add("pose", "position", "x", by=1.0)),
    "orientation-jump": Fault("pose", "TD-MOT-002", "one frame's orientation turned 120 degrees",
                              when=on(AT), change=turned(120.0)),
    "position-shake": Fault("pose", "TD-MOT-003", "positions alternating +-3 cm frame to frame",
                            when=near, change=shaken),
    "orientation-shake": Fault("pose", "TD-MOT-003", "orientations alternating +-25 degrees of yaw frame to frame",
                               when=near, change=shaken_turn),
    # TD-BCI-*
    "eeg-label": Fault("eeg", "TD-BCI-001", "a channel named outside the 10-10 system, another named twice, units mV",
                       declare=eeg_labels),
    "eeg-no-reference": Fault(BIOSIGNAL, "TD-BCI-001", "no reference and no ground declared", declare=no_reference),
    "eeg-gap": Fault(BIOSIGNAL, "TD-BCI-002", "five consecutive samples missing", when=run(AT, 5), change=dropped),
    "eeg-range": Fault(BIOSIGNAL, "TD-BCI-003", "a channel's value beyond the declared range", among=channels(3),
                       when=on(AT), change=beyond_range),
    "eeg-flat": Fault(BIOSIGNAL, "TD-BCI-004", "a channel repeating one value for 2 s", among=channels(4),
                      when=lasting(2), change=put("values", 3, to=12.5)),
    "eeg-saturated": Fault(BIOSIGNAL, "TD-BCI-004", "a channel at the top of the range for 2 % of its samples",
                           among=channels(5), when=every(50, 0), change=saturated),
    "marker-outside": Fault("marker", "TD-BCI-005", "the first event marker 5 s before the recording starts",
                            when=on(0), change=add("t", by=-5_000_000_000)),
    "marker-reversed": Fault("marker", "TD-BCI-005", "an event marker earlier than the one before it",
                             when=on(3), change=add("t", by=-3_000_000_000)),
    # TD-AUD-*
    "ambisonic-channels": Fault("audio", "TD-AUD-001", "a third-order scene declared with 9 channels",
                                among=AMBISONIC, declare=declared("audio", "channels", to=9)),
    "ambisonic-convention": Fault("audio", "TD-AUD-001", "FuMa ordering and no normalisation declared",
                                  among=AMBISONIC, declare=fuma),
    "audio-object-space": Fault("audio", "TD-AUD-001", "the object source located in local space, not stage",
                                among=OBJECT_SOURCE, declare=declared("space", to="local", offered=True)),
    "audio-clock-drift": Fault("audio", "TD-AUD-002", "the blocks' timestamps run 2 % faster than their samples",
                               rate=1.02),
    "audio-clock-offset": Fault("audio", "TD-AUD-002", "the audio timestamps 3 s after the poses' (another clock)",
                                change=add("t", by=3_000_000_000)),
    "audio-object-outside": Fault("audio", "TD-AUD-003", "the object source 10 m outside the tracking volume",
                                  among=OBJECT_SOURCE, when=near, change=add("position", "x", by=10.0)),
    # TD-FORCE-*
    "force-no-safety": Fault("force_feedback", "TD-FORCE-001", "the device's offer without its safety limits (not a "
                             "fail: permitted, not required)", declare=unoffered("safety")),
    "force-no-limit": Fault("force_feedback", "TD-FORCE-002", "a commanded quantity without a declared limit",
                            declare=unoffered("limits")),
    "force-over-limit": Fault("force_feedback", "TD-FORCE-002", "a commanded force of 5 N, above the 3.3 N limit",
                              among=commanding("force", "force"), when=near, change=put("force", "y", to=5.0)),
    "curl-range": Fault("force_feedback", "TD-FORCE-002", "a finger curl of 1.4",
                        among=commanding("curl", "finger curl"), when=near, change=put("curl", "index", to=1.4)),
    "force-unsafe": Fault("force_feedback", "TD-FORCE-003", "a safety force of 400 N (and limits to match)",
                          declare=unsafe),
    # TD-FORCE-004: what the load cell at the bench arm's end effector records (generate/rendering.py)
    "force-weak": Fault("force_sensor", "TD-FORCE-004", "the arm delivering 60 % of each commanded force",
                        declare=declared("x-gain", to=0.6)),
    "force-late": Fault("force_sensor", "TD-FORCE-004", "the arm following each command 150 ms late",
                        declare=declared("x-latency-s", to=0.15)),
    "force-overshoot": Fault("force_sensor", "TD-FORCE-004", "the arm ringing past each step (damping 0.15, "
                             "62 % overshoot), above its 3.3 N safety force", declare=declared("x-damping", to=0.15)),
    # TD-FORCE-005: the same bench, its commands ceasing while 2.5 N is held (generate/rendering.py)
    "force-no-stop": Fault("force_sensor", "TD-FORCE-005", "the arm holding its last force 300 ms after the commands "
                           "cease (it declares 100 ms)", declare=declared("x-stop-s", to=0.3)),
    "force-guard-band": Fault("force_sensor", "TD-FORCE-004", "the arm delivering 94 % of each command, a 6 % "
                              "error inside R1's 7 % but within the guard band of a load cell stating 0.02 N (k = 2)",
                              declare=force_near_limit),
    "force-no-sensor": Fault("force_sensor", "TD-FORCE-004", "the force sensor's model and calibration not declared "
                             "(not judged: inconclusive)", declare=no_force_sensor),
    # TD-DISP-001/002
    "display-refresh": Fault("display", "TD-DISP-001", "a display refresh rate (100 Hz) the device does not offer",
                             declare=declared("rate_hz", to=100, offered=True)),
    "display-missed-frames": Fault("display", "TD-DISP-001", "one display frame in 20 missed",
                                   when=every(20, 19), change=dropped),
    "display-latency": Fault("display", "TD-DISP-002", "frames shown 45 ms after their pose was sampled",
                             change=pose_time(-45_000_000)),
    "display-pose-later": Fault("display", "TD-DISP-002", "frames rendered from a pose sampled after they were shown",
                                when=near, change=pose_time(1_000_000)),
    # TD-VOICE-*, TD-PWR-*, TD-PERF-001, TD-MPLAT-002
    "voice-layout": Fault("voice", "TD-VOICE-001", "a stereo layout declared with one channel, 17 kHz sampling",
                          declare=voice_layout),
    "voice-event-unpaired": Fault("voice_event", "TD-VOICE-002",
                                  "a speech_start where speech_end was (two starts in a row)",
                                  when=on(2), change=put("event", to="speech_start")),
    "voice-event-outside": Fault("voice_event", "TD-VOICE-002", "the first event 5 s before the speech capture starts",
                                 when=on(0), change=add("t", by=-5_000_000_000)),
    "transcript-early": Fault("transcript", "TD-VOICE-003", "a result emitted 1 s before the speech it covers ended",
                              when=on(1), change=early_result),
    "transcript-outside": Fault("transcript", "TD-VOICE-003", "results spanning 10 s before the speech capture",
                                change=each(add("start", by=-10_000_000_000), add("end", by=-10_000_000_000))),
    "power-over-range": Fault("power", "TD-PWR-001", "a battery level of 1.2 (and a power draw of 18 W)",
                              when=on(2, 3), change=each(put("power_w", to=18.0), put("battery", to=1.2))),
    "battery-drain": Fault("power", "TD-PWR-001", "a battery falling 1.5 an hour (40 minutes from full)",
                           change=draining),
    "battery-cutoff-early": Fault("power", "TD-PWR-003",
                                  "a battery that cuts off after 1.5 hours on the power analyser",
                                  among=Among(lambda s: "power_analyser" in s, "a power stream on a power analyser"),
                                  declare=declared("x-cutoff-s", to=5400.0)),
    "power-hot": Fault("power", "TD-PWR-002", "a surface temperature of 46 C (the declared range raised to 50 C)",
                       declare=hot, when=on(2, 3), change=put("temperature_c", to=46.0)),
    "rig-offset": Fault("pose", "TD-PERF-001", "positions on the rig 4 mm off the reference (a bias)",
                        among=ON_REFERENCE, change=add("pose", "position", "x", by=0.004, digits=5)),
    "rig-near-limit": Fault("pose", "TD-PERF-001", "positions on the rig 1.5 mm off the reference (a trueness near "
                            "1.9 mm), inside R1's 2 mm but within the guard band of a rig stating 0.6 mm (k = 2)",
                            among=ON_REFERENCE,
                            declare=rig_stated, change=add("pose", "position", "x", by=0.0015, digits=5)),
    "rig-noise": Fault("pose", "TD-PERF-001", "3 mm (standard deviation) of extra position noise on the rig",
                       among=ON_REFERENCE, change=rig_noise),
    "rig-yaw-bias": Fault("pose", "TD-PERF-002", "orientations on the rig turned 2 degrees about the vertical (a bias)",
                          among=ON_REFERENCE, change=turned(2.0)),
    "rig-jitter": Fault("pose", "TD-PERF-002", "1 degree (standard deviation, an axis) of orientation noise on the rig",
                        among=ON_REFERENCE, change=rig_jitter),
    "rig-late": Fault("pose", "TD-PERF-002", "poses on the rig 80 ms late (the reference declared 80 ms earlier)",
                      among=ON_REFERENCE, declare=rig_late),
    "platform-jolt": Fault("motion_platform", "TD-MPLAT-002", "the heave velocity stepping up 0.25 m/s for 50 ms",
                           when=run(AT, 5), change=add("velocity", "heave", by=0.25, digits=5)),
    "decoder-poor": Fault("marker", "TD-BCI-006", "the decoder right on 11 trials in 20 (55 %, above chance for 4 "
                          "classes)", among=DECISIONS, when=lambda at: at.index % 2 == 1 and at.index % 20 != 19,
                          change=decided_wrong),
    "decoder-chance": Fault("marker", "TD-BCI-006", "the decoder right on 1 trial in 4 (chance for 4 classes)",
                            among=DECISIONS, when=lambda at: at.index % 4 != 0, change=decided_wrong),
    "decoder-slow": Fault("marker", "TD-BCI-006", "each decision 2.15 s after its cue (trials of 2.5 s, right on 9 "
                          "in 10)", among=DECISIONS, declare=decided_slowly),
    **benchfaults.BENCH_FAULTS,
    **rigfaults.TRACKING_RIG_FAULTS,
    # the rigs' own tables: touches, pinches, a tracking session, expressions, a body at the volume's edges
    **touchfaults.TOUCH_FAULTS, **pinchfaults.PINCH_FAULTS, **sessionfaults.SESSION_FAULTS,
    **exprfaults.EXPR_FAULTS, **edgefaults.EDGE_FAULTS,
}

#: The order the faults change a frame in when several act on one stream: the order of the
#: chain of conditions this table replaced, so such captures keep their bytes (time-reversed
#: moves the frame malformed-line then cuts short; frozen-pose holds the pose that later
#: faults move; missing-member takes away a member the faults before it change). A fault not
#: named here changes a frame after these, in table order. Header changes and rates go in table
#: order: where the chain's order was another, they change separate members, so either order
#: gives the same bytes (compared for every pair of faults on every device class).
FRAME_ORDER = (
    "dropped-frames", "time-reversed", "malformed-line", "raw-identifier", "frozen-pose", "position-jump",
    "orientation-jump", "eeg-gap", "eeg-range", "eeg-flat", "eeg-saturated", "marker-outside", "marker-reversed",
    "audio-clock-offset", "audio-object-outside", "voice-event-unpaired", "voice-event-outside", "transcript-early",
    "transcript-outside", "power-over-range", "battery-drain", "power-hot", "rig-offset", "rig-noise", "rig-near-limit",
    "platform-jolt", "rig-yaw-bias", "rig-jitter",
    "platform-undershoot", "platform-stroke-short", "platform-rate-limited", "decoder-poor", "decoder-chance",
    "display-eye-skew", "caption-overlap", "caption-outside", "caption-missing",
    "rest-reminder-missing", "caption-misplaced", "va-depth-invalid", "va-conflict", "luminance-gap", "flicker-60hz",
    "flicker-guard-band", "flicker-1100hz", "display-missed-frames", "display-latency", "display-pose-later",
    "force-over-limit", "curl-range", "position-shake", "orientation-shake", "missing-member",
    # the faults in a stream's payload, in the first ten frames from AT
    "denormalized", "out-of-volume", "gaze-flags", "hand-inactive-valid", "hand-radius", "bone-stretch", "face-count",
    "face-range", "face-invalid-weights", "haptic-range", "haptic-over-offer", "olfactory-range", "platform-limit",
    "platform-step", "body-bone-name",
    # a reference capture's frames after its first second (TD-BODY-003)
    "body-reference-short",
    # a tactile array's readings (TD-TACT-001) and the frame time of its answers (TD-TACT-005)
    "tactile-short-frame", "tactile-negative", "bci-read-stale", "bci-read-channel",
    "tactile-read-stale", "face-read-stale", "body-read-stale", "expr-read-stale", "gaze-read-stale",
    # a depth sensor's ranges (TD-DEPTH-001)
    "depth-short-frame", "depth-zero",
    # a radar's points (TD-RADAR-001)
    "radar-unpaired", "radar-outside",
    # a camera's board corners (TD-CAM-001)
    "camera-short-frame", "camera-outside",
)

EYE_FAULTS = tuple(name for name, fault in FAULTS.items() if fault.among is PER_EYE)  # stereo_headset
OBJECT_FAULTS = tuple(name for name, fault in FAULTS.items() if fault.among is OBJECT_SOURCE)
RIG_FAULTS = tuple(name for name, fault in FAULTS.items() if fault.among is ON_REFERENCE)

#: Faults that act on one kind of stream among those of their type: which, and what to say when
#: a device has none (the generator refuses such a pair in one line rather than fail mid-capture).
SELECTS: dict[str, tuple[Callable[[Spec], bool], str]] = {
    name: (fault.among.keeps, fault.among.lacking) for name, fault in FAULTS.items() if fault.among}


def targets(name: str, specs: list[Spec]) -> list[str]:
    """The IDs of the streams fault ``name`` can act on, in declaration order."""
    fault = FAULTS[name]
    if fault.needs:
        chosen = [s for s in specs if fits(s["type"], fault.needs)]
    elif fault.among:  # of any type
        chosen = specs
    else:
        chosen = [s for s in specs if s.get("rate_hz")]
    if fault.among:
        chosen = [s for s in chosen if fault.among.keeps(s)]
    return [s["id"] for s in chosen]


def _frame_rank(name: str) -> int:
    return FRAME_ORDER.index(name) if name in FRAME_ORDER else len(FRAME_ORDER)


class Planted:
    """Applies the chosen faults while a capture is generated."""

    def __init__(self, faults: list[str], specs: list[Spec], seed: int) -> None:
        self.faults = set(faults)
        self.held: dict[str, Frame] = {}  # the pose the frozen-pose fault holds
        self.target: dict[str, str | None] = {}
        for name in self.faults:
            ids = targets(name, specs)
            self.target[name] = ids[0] if ids else None
        self.chosen = [name for name in FAULTS if name in self.faults]  # in table order
        self.acting: dict[str, list[Fault]] = {}  # stream ID -> the faults acting on it, in table order
        for name in self.chosen:
            if (sid := self.target[name]) is not None:
                self.acting.setdefault(sid, []).append(FAULTS[name])
        self.changes: dict[str, list[tuple[When, Change]]] = {}  # stream ID -> its frames' changes, in FRAME_ORDER
        for name in sorted(self.chosen, key=_frame_rank):  # stable: in table order after those FRAME_ORDER names
            fault = FAULTS[name]
            if fault.change and (sid := self.target[name]) is not None:
                self.changes.setdefault(sid, []).append((fault.when, fault.change))

    def header(self, header: Header) -> None:
        for name in self.chosen:
            fault = FAULTS[name]
            if fault.declare:
                for spec in [s for s in header["streams"] if s["id"] == self.target[name]]:
                    fault.declare(header, spec)
            if fault.amend:
                fault.amend(header)

    def rate(self, spec: Spec) -> float | None:
        rate = spec.get("rate_hz")
        factor = next((f.rate for f in self.acting.get(spec["id"], ()) if f.rate is not None), None)
        return rate * factor if rate and factor is not None else rate

    def extra_jitter(self, spec: Spec, rng: np.random.Generator) -> int:
        return sum(int(rng.normal(0, f.jitter_ns)) for f in self.acting.get(spec["id"], ()) if f.jitter_ns)

    def frame(self, spec: Spec, index: int, frame: Frame) -> Line:
        """The frame to write (a dict, or raw bytes), or None to drop it."""
        at = At(spec, index, self.held)
        for when, change in self.changes.get(spec["id"], ()):
            if when(at) and (line := change(frame, at)) is not frame:
                return line
        return frame
