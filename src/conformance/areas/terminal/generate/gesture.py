"""A synthetic gesture-recognition session (TD-HAND-004): a hand tracker's right hand while a test cues the
user, trial after trial, to one gesture of a vocabulary, and the device's recognised-gesture events.

The vocabulary is the four pinches XR_FB_hand_tracking_aim reports as discrete signals (index, middle, ring
and little finger against the thumb). A trial lasts ``TRIAL_S``: its cue shows ``CUE_AT`` into it for
``CUE_MS`` (the schedule, declared in the event stream's ``gesture_schedule``: the ground truth the test
supplies); the recogniser reports the cued gesture ``LATENCY_S`` after the cue, except on trial
``MISSED`` (no event). The cued classes follow ``ORDER``, five of each in twenty trials, performed by the
four ``SUBJECTS`` TD-HAND-004 fixes in turn, five trials each (every gesture in each five). The session
with the right hand (``gesture_session``) and the one with the left (``gesture_session_left``) together
cover each subject with both hands; their hand lengths are made up for the sample.

The ``x-`` members a fault sets in ``gesture_schedule`` change what is recorded: ``x-confuse`` (two
gestures the recogniser reports as each other), ``x-shift`` (the recogniser reports the gesture after the
cued one in the vocabulary on every trial but each fourth: right as often as guessing) and ``x-spurious-every``
(an extra event in the pause after every so many trials). A schedule cut short cuts the events with it.
"""

from __future__ import annotations

from typing import Any

from .binaural import T0

GESTURES_ID = "gestures"
HAND_ID = "hand_right"
#: the left hand's session: its stream IDs
GESTURES_LEFT_ID, HAND_LEFT_ID = "gestures_left", "hand_left"
VOCABULARY = ("index_pinch", "middle_pinch", "ring_pinch", "little_pinch")
ORDER = (0, 2, 1, 3, 2, 3, 0, 1, 2, 1, 1, 0, 3, 2, 0, 3, 1, 2, 0, 3)
#: the subjects (TD-HAND-004: both sexes; hand lengths at or below the 10th, between the 40th and 60th and at
#: or above the 90th percentile of their sex), who perform the trials in turn, TRIALS_EACH each
SUBJECTS = (
    {"id": "S1", "sex": "female", "hand_length_mm": 158.0, "hand_length_percentile": 8.0},
    {"id": "S2", "sex": "female", "hand_length_mm": 171.0, "hand_length_percentile": 50.0},
    {"id": "S3", "sex": "male", "hand_length_mm": 184.0, "hand_length_percentile": 45.0},
    {"id": "S4", "sex": "male", "hand_length_mm": 200.0, "hand_length_percentile": 93.0},
)
TRIALS_EACH = 5
TRIAL_S, CUE_AT, CUE_MS, LATENCY_S = 0.6, 0.05, 200, 0.17
SPURIOUS_AT = 0.55  # into a trial: after its window (cue + 200 ms + the 250 ms tolerance), before the next cue
MISSED = 12  # a little_pinch cue the recogniser lets pass


def gesture_stream_spec(hand: str = "right") -> dict[str, Any]:
    """The recognised-gesture stream's declaration of the ``hand`` session, with the schedule the test cued
    and who performed each cue."""
    cues = [{"gesture": VOCABULARY[c], "t": T0 + round((k * TRIAL_S + CUE_AT) * 1e9), "duration_ms": CUE_MS,
             "subject": SUBJECTS[k // TRIALS_EACH]["id"]} for k, c in enumerate(ORDER)]
    ids = (GESTURES_ID, HAND_ID) if hand == "right" else (GESTURES_LEFT_ID, HAND_LEFT_ID)
    return {"id": ids[0], "type": "gesture", "annotates": ids[1],
            "gesture_schedule": {"vocabulary": list(VOCABULARY), "cues": cues,
                                 "subjects": [dict(s) for s in SUBJECTS],
                                 "procedure": "a picture of the gesture on the headset's display for 200 ms a "
                                              f"trial; seated user, {hand} hand in front of the headset; "
                                              "TD-HAND-004's four subjects in turn"}}


def gesture_events(spec: dict[str, Any]) -> list[tuple[float, str]]:
    """The recogniser's events, in order: (seconds from the capture's start, gesture)."""
    schedule = spec["gesture_schedule"]
    confuse = schedule.get("x-confuse", [])
    swap = dict(zip(confuse, reversed(confuse), strict=True))
    every = schedule.get("x-spurious-every")
    events = []
    for k in range(min(len(schedule["cues"]), len(ORDER))):  # a cut schedule: its events too
        gesture = VOCABULARY[ORDER[k]]
        if schedule.get("x-shift") and k % 4:
            gesture = VOCABULARY[(ORDER[k] + 1) % len(VOCABULARY)]
        if k != MISSED:
            events.append((k * TRIAL_S + CUE_AT + LATENCY_S, swap.get(gesture, gesture)))
        if every and k % every == every - 1:
            events.append((k * TRIAL_S + SPURIOUS_AT, VOCABULARY[0]))
    return events


def gesture_times(spec: dict[str, Any], start: float, end: float) -> list[float]:
    return [s for s, _ in gesture_events(spec) if start <= s < end]


def gesture_frame(spec: dict[str, Any], index: int) -> dict[str, Any]:
    return {"value": gesture_events(spec)[index][1]}
