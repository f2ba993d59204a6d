"""Faults a synthetic capture can carry: each plants one defect a requirement must catch.

A fault acts on the first stream of the type it needs (timing faults on the first stream
with a rate), on a few frames from frame ``AT`` on, so the rest of the capture stays clean.

Each fault is one entry of ``FAULTS``: the stream type it needs, the requirement it breaks,
what it plants (one line, for ``--list-faults``), and what it does: to the header, to its
stream's rate and timing, to the frames its ``when`` picks. :class:`Planted` walks the table.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .faceref import BROW_DOWN_LEFT, JAW_OPEN
from .faultchanges import (
    AMBISONIC,
    CALIBRATED,
    CUED_GESTURES,
    DECISIONS,
    DISTANCE_SCENE,
    EXPORTED_FIELD,
    FIXED_LISTENER,
    MONO_LISTENER,
    SEATED,
    HEAD_TRACKED,
    MEASURED,
    OBJECT_SOURCE,
    ON_BENCH,
    ON_REFERENCE,
    PER_EYE,
    REFERENCE_BODY,
    SLEW_M_S,
    SPEECH_BENCH,
    STROKE_M,
    TRACKED_BODY,
    TRACKED_FACE,
    VALIDATED_GAZE,
    beyond_range,
    binaural,
    binaural_rate,
    binaural_unsourced,
    bio_terms_missing,
    bio_undeclared,
    bone_renamed,
    channels,
    commanded_earlier,
    commanding,
    conflict,
    decided_wrong,
    declared,
    denormalized,
    depth_invalid,
    draining,
    dropped,
    early_result,
    eeg_labels,
    fewer_weights,
    field_unsourced,
    flicker,
    focal_undeclared,
    force_near_limit,
    frozen,
    fuma,
    gaze_near_limit,
    gaze_untargeted,
    gestures_few,
    head_still,
    heave_short,
    hot,
    ipd_reversed,
    malformed,
    member_missing,
    misplaced,
    no_accelerometer,
    no_force_sensor,
    no_instrument,
    no_reference,
    on_photodiodes,
    one_distance,
    persistence,
    pose_time,
    radius_zero,
    rate_limited,
    raw_export,
    raw_subject,
    rest_interval_long,
    rig_jitter,
    rig_late,
    rig_noise,
    rig_stated,
    saturated,
    shaken,
    shaken_turn,
    stroke_short,
    time_reversed,
    turned,
    undeclared_type,
    unoffered,
    unsafe,
    voice_layout,
)
from .faultkit import (
    AT,
    Among,
    At,
    BIOMETRIC,
    BIOSIGNAL,
    Change,
    FROZEN_S,
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
    "bio-undeclared": Fault(BIOMETRIC, "TD-BIO-001", "a biometric stream (and its offer) without personal_data",
                            declare=bio_undeclared),
    "bio-terms-missing": Fault(BIOMETRIC, "TD-BIO-002",
                               "a biometric declaration without purpose, retention and consent",
                               declare=bio_terms_missing),
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
    "force-no-safety": Fault("force_feedback", "TD-FORCE-001", "the device's offer without its safety limits",
                             declare=unoffered("safety")),
    "force-no-limit": Fault("force_feedback", "TD-FORCE-001", "a commanded quantity without a declared limit",
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
    # TD-BCI-007: what the amplifier records of the calibrated generator's sines (generate/injected.py)
    "calibration-gain": Fault("eeg", "TD-BCI-007", "channel Pz recording the calibration sines 30 % too large",
                              among=CALIBRATED, declare=declared("calibration_signal", "x-gain", to=[1, 1, 1.3, 1])),
    "calibration-clock": Fault("eeg", "TD-BCI-007", "every calibration sine recorded at 1.15 times its frequency",
                               among=CALIBRATED, declare=declared("calibration_signal", "x-clock", to=1.15)),
    "calibration-rolloff": Fault("eeg", "TD-BCI-007", "channel Cz rolled off to half its gain at 50 Hz",
                                 among=CALIBRATED, declare=declared("calibration_signal", "x-rolloff",
                                                                    to={"channel": 1, "frequency_hz": 50.0,
                                                                        "gain": 0.5})),
    "calibration-noise": Fault("eeg", "TD-BCI-007", "10 uV peak-to-peak on channel Fz with the inputs shorted",
                               among=CALIBRATED, declare=declared("calibration_signal", "x-noise",
                                                                  to={"channel": 0, "uv_pp": 10.0})),
    "calibration-missed": Fault("eeg", "TD-BCI-007", "the calibration segment declared 60 s before the recording "
                                "(not in it: inconclusive)", among=CALIBRATED,
                                declare=declared("calibration_signal", "t0", to=940_000_000_000)),
    # TD-HAPT-003: what the accelerometer on the bench's actuator records (generate/vibration.py)
    # TD-DISP-009: the photon rig (generate/photon.py): R1 latency, R2 persistence, R3 refresh, R4 binocular skew
    "photon-late": Fault("photodiode", "TD-DISP-009", "frames rendered from poses 25 ms old: the first lit refresh "
                         "25 to 36 ms after each stage crossing", amend=on_photodiodes("x-pipeline-s", 0.025)),
    "photon-persistence": Fault("photodiode", "TD-DISP-009", "each refresh lit for 3.5 ms (the device declares 2.0)",
                                amend=on_photodiodes("x-persistence-s", 0.0035)),
    "photon-missed": Fault("photodiode", "TD-DISP-009", "every 25th refresh not shown (4 % missed)",
                           amend=on_photodiodes("x-drop-every", 25)),
    "photon-eye-skew": Fault("photodiode", "TD-DISP-009", "the right eye's image shown 2.5 ms after the left's",
                             among=Among(lambda s: s.get("photodiode", {}).get("eye") == "right",
                                         "a right-eye photodiode stream"),
                             declare=declared("x-skew-s", to=0.0025)),
    # TD-VOICE-004: the speech bench (generate/speech.py): R1 quiet, R2 noise, R3 wake words, R4 voice activity
    "recognition-quiet-drop": Fault("transcript", "TD-VOICE-004", "each result in quiet losing its last 3 characters "
                                    "(18 of 36 deleted)", among=SPEECH_BENCH, declare=declared("x-quiet-drop", to=3)),
    "recognition-noise-silent": Fault("transcript", "TD-VOICE-004", "no result for every other phrase in noise",
                                      among=SPEECH_BENCH, declare=declared("x-noise-silent", to=True)),
    "wake-missed": Fault("voice_event", "TD-VOICE-004", "the first 2 of 4 wake words not detected", among=SPEECH_BENCH,
                         declare=declared("x-wake-missed", to=2)),
    "vad-late": Fault("voice_event", "TD-VOICE-004", "each speech_start 600 ms after its phrase starts",
                      among=SPEECH_BENCH, declare=declared("x-onset-s", to=0.6)),
    # TD-CAPT-004: the speech bench's captions (generate/speech.py): R1 onset, R2 offset, R3 completeness
    "caption-bench-late": Fault("caption", "TD-CAPT-004", "each caption shown 4.9 s after its phrase starts",
                                among=SPEECH_BENCH, declare=declared("x-delay-s", to=4.0)),
    "caption-bench-early-off": Fault("caption", "TD-CAPT-004", "each caption gone 0.3 s before its phrase ends",
                                     among=SPEECH_BENCH, declare=declared("x-off-early-s", to=0.3)),
    "caption-bench-half": Fault("caption", "TD-CAPT-004", "each caption carrying the first half of its phrase",
                                among=SPEECH_BENCH, declare=declared("x-half", to=True)),
    "haptic-stuck-resonance": Fault("acceleration", "TD-HAPT-003", "the actuator ringing at its 170 Hz resonance "
                                    "whatever frequency is commanded", declare=declared("x-stuck-hz", to=170.0)),
    "haptic-late": Fault("acceleration", "TD-HAPT-003", "the actuator starting 120 ms after each command",
                         declare=declared("x-latency-s", to=0.12)),
    "haptic-amplitude-flat": Fault("acceleration", "TD-HAPT-003", "the actuator playing every command at "
                                   "amplitude 0.6, whatever amplitude is commanded",
                                   declare=declared("x-flat-amplitude", to=0.6)),
    "haptic-no-accelerometer": Fault("acceleration", "TD-HAPT-003", "the accelerometer's model and calibration "
                                     "not declared (not judged: inconclusive)", declare=no_accelerometer),
    "platform-lag": Fault("motion_platform", "TD-MPLAT-003", "the bench's platform following its command 200 ms late",
                          among=ON_BENCH, declare=commanded_earlier),
    "platform-undershoot": Fault("motion_platform", "TD-MPLAT-003", "the bench's platform reaching two thirds of its "
                                 "commanded heave", among=ON_BENCH, change=heave_short),
    "platform-stroke-short": Fault("motion_platform", "TD-MPLAT-004", f"the bench's heave stopped at {STROKE_M} m "
                                   "by its stroke (rated 0.25 m on the corner bench)", among=ON_BENCH,
                                   change=stroke_short),
    "platform-rate-limited": Fault("motion_platform", "TD-MPLAT-004", f"the bench's heave limited to {SLEW_M_S} m/s "
                                   "(rated 0.5 m/s on the corner bench)", among=ON_BENCH, change=rate_limited),
    # TD-AUD-004: what the renderer sent to the ears while the test sources played
    "binaural-level-only": Fault("binaural", "TD-AUD-004", "the renderer placing sources by level alone (no ITD)",
                                 among=FIXED_LISTENER, declare=binaural("x-itd-scale", 0.0)),
    "binaural-itd-doubled": Fault("binaural", "TD-AUD-004", "the renderer's ITD twice the spherical head's",
                                  among=FIXED_LISTENER, declare=binaural("x-itd-scale", 2.0)),
    "binaural-mirrored": Fault("binaural", "TD-AUD-004", "the left and right ears swapped",
                               among=FIXED_LISTENER, declare=binaural("x-mirrored", True)),
    "binaural-silent-ear": Fault("binaural", "TD-AUD-004", "nothing sent to the right ear",
                                 among=FIXED_LISTENER, declare=binaural("x-silent", "right")),
    "binaural-rate": Fault("binaural", "TD-AUD-004", "blocks of 48 kHz samples declared at 44.1 kHz",
                           among=FIXED_LISTENER, declare=binaural_rate),
    "binaural-unsourced": Fault("binaural", "TD-AUD-004", "no test signal declared (inconclusive, not a fail)",
                                among=FIXED_LISTENER, declare=binaural_unsourced),
    # TD-AUD-005: the ears while the head turns on a turntable and a world-fixed source plays
    "head-turn-locked": Fault("binaural", "TD-AUD-005", "the source rendered turning with the head (not world-fixed)",
                              among=HEAD_TRACKED, declare=binaural("x-head-locked", True)),
    "head-turn-late": Fault("binaural", "TD-AUD-005", "the rendering following the head 150 ms late",
                            among=HEAD_TRACKED, declare=binaural("x-latency-ms", 150)),
    "head-turn-front-back": Fault("binaural", "TD-AUD-005", "the source rendered at its front-back mirror (behind "
                                  "the head)", among=HEAD_TRACKED, declare=binaural("x-front-back", True)),
    "head-turn-still": Fault("binaural", "TD-AUD-005", "the head not turning (inconclusive, not a fail)",
                             among=HEAD_TRACKED, declare=head_still),
    # TD-AUD-006: the ambisonic stream a renderer exported while the test sources played
    "field-fuma": Fault("audio", "TD-AUD-006", "the channels in FuMa order (W, X, Y, Z, W at -3 dB) declared "
                        "AmbiX", among=EXPORTED_FIELD, declare=binaural("x-fuma", True)),
    "field-elevation-flipped": Fault("audio", "TD-AUD-006", "every source encoded at minus its elevation",
                                     among=EXPORTED_FIELD, declare=binaural("x-elevation-flipped", True)),
    "field-rotated": Fault("audio", "TD-AUD-006", "every source encoded 30 degrees anticlockwise of its azimuth",
                           among=EXPORTED_FIELD, declare=binaural("x-rotated-deg", 30.0)),
    "field-dropped-source": Fault("audio", "TD-AUD-006", "the third test source missing from the field",
                                  among=EXPORTED_FIELD, declare=binaural("x-dropped-source", 2)),
    "field-unsourced": Fault("audio", "TD-AUD-006", "no test source declared (inconclusive, not a fail)",
                             among=EXPORTED_FIELD, declare=field_unsourced),
    # TD-AUD-007: the ears while test sources play at several distances (the declared model: inverse, 2 m)
    "distance-ignored": Fault("binaural", "TD-AUD-007", "the renderer ignoring distance (every source at full level)",
                              among=DISTANCE_SCENE, declare=binaural("x-distance-rendering", "none")),
    "distance-wrong-model": Fault("binaural", "TD-AUD-007", "the linear distance model rendered where the inverse "
                                  "one is declared", among=DISTANCE_SCENE,
                                  declare=binaural("x-distance-rendering", "linear")),
    "distance-unclamped": Fault("binaural", "TD-AUD-007", "the inverse model rendered without its clamp at the "
                                "reference distance (a nearer source louder)", among=DISTANCE_SCENE,
                                declare=binaural("x-distance-rendering", "unclamped")),
    "distance-one-distance": Fault("binaural", "TD-AUD-007", "each test source played at one distance only "
                                   "(inconclusive, not a fail)", among=DISTANCE_SCENE, declare=one_distance),
    # TD-DISP-003..008, TD-CAPT-*, TD-REST-001
    "display-persistence": Fault("display", "TD-DISP-003", "a persistence of 15 ms, longer than a 120 Hz refresh",
                                 declare=persistence),
    "display-ipd": Fault("display", "TD-DISP-007", "an IPD range of 72 .. 58 mm", declare=ipd_reversed),
    "display-one-eye": Fault("display", "TD-DISP-008", "a display stream for the left eye and none for the right",
                             declare=declared("eye", to="left")),
    "display-eye-skew": Fault("display", "TD-DISP-006", "the left image of ten frames shown 4 ms after the right",
                              among=PER_EYE, when=near, change=add("t", by=4_000_000)),
    "caption-language": Fault("caption", "TD-CAPT-001", "a caption track in 'english' (no BCP 47 tag)",
                              declare=declared("language", to="english")),
    "caption-overlap": Fault("caption", "TD-CAPT-001", "a cue lasting 3.5 s into the next cue",
                             when=on(1), change=add("end", by=3_500_000_000)),
    "caption-outside": Fault("caption", "TD-CAPT-001", "the first cue 5 s earlier, before the speech capture",
                             when=on(0), change=each(add("t", by=-5_000_000_000), add("end", by=-5_000_000_000))),
    "caption-missing": Fault("caption", "TD-CAPT-002", "the second utterance without its cue",
                             when=on(1), change=dropped),
    "caption-misplaced": Fault("caption", "TD-CAPT-003", "a cue placed 3 m from the source it captions",
                               when=on(1), change=misplaced),
    "rest-reminder-missing": Fault("session", "TD-REST-001", "the second rest reminder not given",
                                   when=on(2), change=dropped),
    "rest-interval-long": Fault("session", "TD-REST-001", "a declared rest reminder interval of 90 min",
                                amend=rest_interval_long),
    "va-focal-undeclared": Fault("content_depth", "TD-DISP-004", "a display without its focal distance",
                                 declare=focal_undeclared),
    "va-depth-invalid": Fault("content_depth", "TD-DISP-004", "content depths of 0 m (on a varifocal display, "
                              "a focus of 9 m, outside its 0.5 .. 4 m)", when=near, change=depth_invalid),
    "va-conflict": Fault("content_depth", "TD-DISP-004", "content at 0.3 m in 3 frames of 10 (2.6 D from a 1.3 m "
                         "focus)", when=every(10, 0, 3), change=conflict),
    "luminance-no-instrument": Fault("luminance", "TD-DISP-005", "a luminance trace without its instrument",
                                     declare=no_instrument),
    "luminance-slow": Fault("luminance", "TD-DISP-005", "a luminance trace sampled at 1 kHz",
                            declare=declared("luminance", "sample_rate_hz", to=1000)),
    "luminance-gap": Fault("luminance", "TD-DISP-005", "a block of the luminance trace missing",
                           when=on(5), change=dropped),
    "flicker-60hz": Fault("luminance", "TD-DISP-005", "the display's light flickering at 60 Hz with 30 % "
                          "modulation", change=flicker),
    # TD-TACT-001, -002: a tactile array under the reference indenter
    "tactile-short-frame": Fault("tactile", "TD-TACT-001", "frames with one reading fewer than the 6 x 6 taxels",
                                 when=run(AT, 3), change=lambda frame, at: {**frame, "forces": frame["forces"][:-1]}),
    "tactile-negative": Fault("tactile", "TD-TACT-001", "a taxel reading -0.2 N",
                              when=on(AT), change=put("forces", 3, to=-0.2)),
    "tactile-weak": Fault("tactile", "TD-TACT-002", "the array reading 80 % of the indenter's load",
                          declare=declared("x-gain", to=0.8)),
    "tactile-offset": Fault("tactile", "TD-TACT-002", "the contact read 3 mm along x from the indenter's tip",
                            declare=declared("x-offset-mm", to=3.0)),
    "tactile-hysteresis": Fault("tactile", "TD-TACT-002", "the array reading 6 % less loading and 6 % more unloading",
                                declare=declared("x-hysteresis", to=0.06)),
    "tactile-crosstalk": Fault("tactile", "TD-TACT-002", "7 % of the load leaking from the loaded taxel to the "
                               "farthest taxel of its row", declare=declared("x-crosstalk", to=0.07)),
    # TD-ACC-004: the ears with the device's mono audio setting on, while the binaural rig's test sources play
    "mono-audio-ignored": Fault("binaural", "TD-ACC-004", "the stereo panning kept with mono audio on",
                                among=MONO_LISTENER, declare=binaural("x-mono-ignored", True)),
    "mono-audio-muted": Fault("binaural", "TD-ACC-004", "nothing sent to either ear with mono audio on",
                              among=MONO_LISTENER, declare=binaural("x-muted", True)),
    # TD-ACC-005: a headset still on a stand while the laboratory switches seated mode on
    "seated-offset-short": Fault("pose", "TD-ACC-005", "seated mode raising the head 0.30 m, 0.45 m declared",
                                 among=SEATED, declare=binaural("x-seated-offset-m", 0.30)),
    "seated-shifted": Fault("pose", "TD-ACC-005", "seated mode also moving the head 0.10 m forward",
                            among=SEATED, declare=binaural("x-seated-shift-m", 0.10)),
    # TD-ACC-006: a camera at the eyepiece reading the reference letter while magnification is switched on
    "magnification-ignored": Fault("view_scale", "TD-ACC-006", "the view left unchanged with magnification on",
                                   declare=binaural("x-magnification", 1.0)),
    "letter-small": Fault("view_scale", "TD-ACC-006", "the letter drawn at 0.25 deg (0.35 asked), magnified 2.5 times",
                          declare=binaural("x-letter-deg", 0.25)),
    # TD-DEPTH-001, -002: a depth sensor facing the reference target at known distances
    "depth-short-frame": Fault("depth", "TD-DEPTH-001", "frames with one range fewer than the 4 x 4 pixels",
                               when=run(AT, 3), change=lambda frame, at: {**frame, "depth_m": frame["depth_m"][:-1]}),
    "depth-zero": Fault("depth", "TD-DEPTH-001", "a pixel reading 0 m (no return reported as a range)",
                        when=on(AT), change=put("depth_m", 5, to=0.0)),
    "depth-far": Fault("depth", "TD-DEPTH-002", "the sensor reading 3 % more than the target's distance",
                       declare=declared("x-bias", to=0.03)),
    "depth-noisy": Fault("depth", "TD-DEPTH-002", "the sensor's range fluctuating by 1.5 % of the distance over time",
                         declare=declared("x-noise", to=0.015)),
    # TD-RADAR-001, -002: a millimetre-wave radar facing a corner reflector at known places
    "radar-unpaired": Fault("radar", "TD-RADAR-001", "frames with one azimuth fewer than their ranges",
                            when=run(AT, 3), change=lambda frame, at: {**frame, "azimuth_deg": frame["azimuth_deg"][:-1]}),
    "radar-outside": Fault("radar", "TD-RADAR-001", "a point at 75 degrees, outside the 120-degree field of view",
                           when=on(AT), change=put("azimuth_deg", 1, to=75.0)),
    "radar-far": Fault("radar", "TD-RADAR-002", "the radar reading the reflector 0.15 m farther than it is",
                       declare=declared("x-range-bias-m", to=0.15)),
    "radar-skewed": Fault("radar", "TD-RADAR-002", "the radar reading the reflector 4 degrees to the left of where it is",
                          declare=declared("x-azimuth-bias-deg", to=4.0)),
    "radar-blind": Fault("radar", "TD-RADAR-002", "the reflector missing from every other frame of the radar",
                         declare=declared("x-miss", to=True)),
    # TD-CAM-001, -002: a visual sensor facing a calibration board at known places
    "camera-short-frame": Fault("camera", "TD-CAM-001", "frames with the last corner's coordinates left out",
                                when=run(AT, 3), change=lambda frame, at: {**frame, "corners_px": frame["corners_px"][:-2]}),
    "camera-outside": Fault("camera", "TD-CAM-001", "a corner at u = -5 px, outside the 640 x 480 px image",
                            when=on(AT), change=put("corners_px", 0, to=-5.0)),
    "camera-focal": Fault("camera", "TD-CAM-002", "the lens's focal length 4 % shorter than the intrinsics declare",
                          declare=declared("x-focal-error", to=0.04)),
    "camera-blind": Fault("camera", "TD-CAM-002", "the board not found in every other frame",
                          declare=declared("x-miss", to=True)),
    # TD-DISP-010: a spectroradiometer at each eyepiece
    "spectrum-blue": Fault("spectrum", "TD-DISP-010", "a blue peak 1200 times the reference's: a weighted radiance "
                           "above 100 W m^-2 sr^-1", declare=declared("x-blue-gain", to=1200.0)),
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
    "display-missed-frames", "display-latency", "display-pose-later", "force-over-limit", "curl-range",
    "position-shake", "orientation-shake", "missing-member",
    # the faults in a stream's payload, in the first ten frames from AT
    "denormalized", "out-of-volume", "gaze-flags", "hand-inactive-valid", "hand-radius", "bone-stretch", "face-count",
    "face-range", "face-invalid-weights", "haptic-range", "haptic-over-offer", "olfactory-range", "platform-limit",
    "platform-step", "body-bone-name",
    # a reference capture's frames after its first second (TD-BODY-003)
    "body-reference-short",
    # a tactile array's readings (TD-TACT-001)
    "tactile-short-frame", "tactile-negative",
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
