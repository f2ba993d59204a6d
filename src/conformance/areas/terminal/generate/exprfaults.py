"""The faults of the expression recogniser's rig (TD-FACE-005, :mod:`.exprref`): one per rule (R1 two expressions
confused, R2 guessing, R3 recognitions in the rests, R4 late), each acting on the recogniser's events, never on the
reference's. ``FAULTS`` takes them in beside the pinch rig's (:mod:`.pinchfaults`)."""

from __future__ import annotations

from .exprref import EVENTS_ID, READ_ID
from .faultchanges import declared
from .faultkit import Among, Fault, add, every


def _faults() -> dict[str, Fault]:
    events_ = Among(lambda s: s["id"] == EVENTS_ID,
                    "an expression recogniser's events beside a reference facial capture")
    return {
        "expression-confused": Fault("gesture", "TD-FACE-005", "jawOpen and mouthPucker recognised as each other "
                                     "(15 of 20 right, above chance for 8 expressions)", among=events_,
                                     declare=declared("gesture_schedule", "x-confuse", to=["jawOpen", "mouthPucker"])),
        "expression-guessing": Fault("gesture", "TD-FACE-005", "the expression after the cued one recognised on 3 "
                                     "trials in 4 (5 of 20 right: chance for 8 expressions)", among=events_,
                                     declare=declared("gesture_schedule", "x-shift", to=True)),
        "expression-spurious": Fault("gesture", "TD-FACE-005", "a jawOpen recognised in the rest after every other "
                                     "trial (10 outside the cued windows)", among=events_,
                                     declare=declared("gesture_schedule", "x-spurious-every", to=2)),
        "expression-late": Fault("gesture", "TD-FACE-005", "each expression recognised 450 ms after its cue (about "
                                 "360 ms after its onset on the reference)", among=events_,
                                 declare=declared("gesture_schedule", "x-latency-s", to=0.45)),
    }


def _read_faults() -> dict[str, Fault]:
    """TD-FACE-007 (h75-exprIf): the same faults on what test.getRecognizedExpression answered (R1 to R3), and R4 an
    answer carrying a time a second before its own (before the previous answer's)."""
    read = Among(lambda s: s["id"] == READ_ID, "a log of what test.getRecognizedExpression answered")
    return {
        "expr-read-confused": Fault("gesture", "TD-FACE-007", "jawOpen and mouthPucker answered as each other",
                                    among=read, declare=declared("gesture_schedule", "x-confuse",
                                                                 to=["jawOpen", "mouthPucker"])),
        "expr-read-guessing": Fault("gesture", "TD-FACE-007", "the expression after the cued one answered on 3 trials "
                                    "in 4", among=read, declare=declared("gesture_schedule", "x-shift", to=True)),
        "expr-read-spurious": Fault("gesture", "TD-FACE-007", "a jawOpen answered in the rest after every other trial",
                                    among=read, declare=declared("gesture_schedule", "x-spurious-every", to=2)),
        "expr-read-stale": Fault("gesture", "TD-FACE-007", "every 5th answer carrying a time a second before its own: "
                                 "not after the previous answer's", among=read, when=every(5, 2),
                                 change=add("t", by=-1_000_000_000)),
    }


#: fault name -> Fault (faults.py takes them into FAULTS)
EXPR_FAULTS = {**_faults(), **_read_faults()}
