"""The faults of the tracking rigs: each plants one defect in what the device under test records beside a
reference the test controls (a motion capture of the same hand, an artificial eye a stage steps, a robot arm
running the motion programme), for a requirement judged against that reference. ``FAULTS`` ends with these,
after :data:`.benchfaults.BENCH_FAULTS`. Each acts on the device's stream, never on the reference's.
"""

from __future__ import annotations

from .faultchanges import declared
from .faultkit import Among, Fault, add, every
from .gazeselect import SELECTIONS_ID
from .gazesession import MEMBER as SESSION_MEMBER, PHASE_IDS
from .gazeread import READ_ID as GAZE_READ_ID
from .gazesteps import STEPPED_ID
from .handref import TRACKED_ID as HAND_TRACKED_ID
from .programme import TRACKED_ID as PROGRAMME_TRACKED_ID

TRACKED_HAND = Among(lambda s: s["id"] == HAND_TRACKED_ID, "a hand stream beside a reference hand capture")
STEPPED_GAZE = Among(lambda s: s["id"] == STEPPED_ID, "an eye-gaze stream following an artificial eye a stage steps")
WORN_GAZE = Among(lambda s: s["id"] == PHASE_IDS["worn"], "an eye-gaze stream validated after a session's wear")
SLIPPED_GAZE = Among(lambda s: s["id"] == PHASE_IDS["slipped"], "an eye-gaze stream validated after a slip")
SELECTIONS = Among(lambda s: s["id"] == SELECTIONS_ID, "a gaze-selection stream while an artificial eye fixates a menu")
READ_GAZE = Among(lambda s: s["id"] == GAZE_READ_ID, "an eye-gaze stream read through annex D under an artificial eye")
PROGRAMME_TRACKED = Among(lambda s: s["id"] == PROGRAMME_TRACKED_ID, "a pose stream beside a reference rig's record")

TRACKING_RIG_FAULTS: dict[str, Fault] = {
    # TD-HAND-005: a hand tracker beside an optical motion capture of the same hand (generate/handref.py)
    "hand-finger-bent": Fault("hand", "TD-HAND-005", "the index finger tracked bent 40 degrees further at its "
                              "knuckle than it is, the rest of the hand where it is", among=TRACKED_HAND,
                              declare=declared("x-index-bent-deg", to=40.0)),
    "hand-placed-off": Fault("hand", "TD-HAND-005", "the whole hand tracked 30 mm behind where it is, its shape "
                             "right", among=TRACKED_HAND, declare=declared("x-hand-offset-m", to=0.03)),
    "hand-late": Fault("hand", "TD-HAND-005", "the hand tracked 80 ms late", among=TRACKED_HAND,
                       declare=declared("x-latency-s", to=0.08)),
    # TD-GAZE-003: an eye tracker in front of an artificial eye a stage steps (generate/gazesteps.py)
    "gaze-steps-late": Fault("eye_gaze", "TD-GAZE-003", "the gaze follows the artificial eye 60 ms later",
                             among=STEPPED_GAZE, declare=declared("reference_eye", "x-latency-s", to=0.06)),
    "gaze-steps-slow": Fault("eye_gaze", "TD-GAZE-003", "the tracker samples at 110 Hz though it declares 120 Hz",
                             among=STEPPED_GAZE, rate=110 / 120),
    # TD-GAZE-004: an eye tracker validated at a session's start, after it and after a slip (generate/gazesession.py)
    "gaze-session-drift": Fault("eye_gaze", "TD-GAZE-004", "after 30 minutes worn, the gaze 0.8 degrees further "
                                "off every target than at the start", among=WORN_GAZE,
                                declare=declared(SESSION_MEMBER, "x-offset-deg", to=0.8)),
    "gaze-slip-shift": Fault("eye_gaze", "TD-GAZE-004", "after the headset slips 2 mm, the gaze 0.8 degrees further "
                             "off every target than at the start", among=SLIPPED_GAZE,
                             declare=declared(SESSION_MEMBER, "x-offset-deg", to=0.8)),
    # TD-GAZE-005: selections by gaze while an artificial eye fixates a menu's targets (generate/gazeselect.py)
    "gaze-select-misses": Fault("gaze_selection", "TD-GAZE-005", "no selection on every fourth fixation (15 of 20 "
                                "selected)", among=SELECTIONS, declare=declared("selection_schedule", "x-skip-every", to=4)),
    "gaze-select-neighbour": Fault("gaze_selection", "TD-GAZE-005", "on every fifth fixation the next target of the "
                                   "menu selected too, 50 ms after the fixated one", among=SELECTIONS,
                                   declare=declared("selection_schedule", "x-neighbour-every", to=5)),
    "gaze-select-slow": Fault("gaze_selection", "TD-GAZE-005", "each selection 150 ms later: 468 ms after the "
                              "fixation's start against a 300 ms dwell", among=SELECTIONS,
                              declare=declared("selection_schedule", "x-late-s", to=0.15)),
    # TD-PERF-004: a tracked device a robot arm moves through the motion programme (generate/programme.py)
    "programme-offset": Fault("pose", "TD-PERF-004", "every position tracked 3 mm off along +X", among=PROGRAMME_TRACKED,
                              declare=declared("x-position-offset-m", to=0.003)),
    "programme-turned": Fault("pose", "TD-PERF-004", "every orientation tracked 1.5 degrees turned about the vertical",
                              among=PROGRAMME_TRACKED, declare=declared("x-yaw-offset-deg", to=1.5)),
    "programme-position-late": Fault("pose", "TD-PERF-004", "the position tracked 40 ms late, the orientation on "
                                     "time", among=PROGRAMME_TRACKED, declare=declared("x-position-latency-s", to=0.04)),
    "programme-orientation-late": Fault("pose", "TD-PERF-004", "the orientation tracked 40 ms late, the position on "
                                        "time", among=PROGRAMME_TRACKED,
                                        declare=declared("x-orientation-latency-s", to=0.04)),
    # TD-GAZE-006 (issue 75, h75-gazeLive): the gaze read through annex D under TD-GAZE-003's artificial eye
    "gaze-read-offset": Fault("eye_gaze", "TD-GAZE-006", "every answer turned 2 degrees in azimuth from the eye's "
                              "direction", among=READ_GAZE, declare=declared("reference_eye", "x-offset-deg", to=2.0)),
    "gaze-read-stale": Fault("eye_gaze", "TD-GAZE-006", "every 50th answer carrying an XrTime 10 ms before the "
                             "previous answer's", among=READ_GAZE, when=every(50, 25), change=add("t", by=-10_000_000)),
    "gaze-read-glide": Fault("eye_gaze", "TD-GAZE-006", "the answer gliding from one direction to the next over "
                             "60 ms, valid all the while, where the eye jumped", among=READ_GAZE,
                             declare=declared("reference_eye", "x-glide-s", to=0.06)),
}
