"""Recognised expressions read through the runtime test interface (TD-FACE-007): what test.getRecognizedExpression
answered while TD-FACE-005's subject made its cued schedule, scored against that schedule with TD-FACE-005's
method and limits (gestures.py), and each answer's time after the previous answer's."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal import expression_interface, face_accuracy
from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.gestures import EXPRESSIONS, declared_schedule, judge_recognition, score_gestures
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-FACE-007")
def test_the_interface_names_the_cued_expressions(targets: Targets, evidence: Evidence, params: Parameters,
                                                  catalog: Catalog):
    """R1 to R3: TD-FACE-005's R1 to R3 (accuracy, above chance, recognitions outside every window) on what
    test.getRecognizedExpression answered; R4: no answer's time not after the previous answer's."""
    decision = rule_of(catalog, "TD-FACE-007")
    fewest, least = params.min_gesture_trials, params.min_gesture_accuracy
    most_false, tolerance_ns = params.max_false_gestures_per_min, round(params.gesture_tolerance_ms * 1e6)
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for reference, tracked in face_accuracy.pairs(analysis):
            if not face_accuracy.in_scope(evidence, name, reference, tracked):
                continue
            for stats in analysis.streams_of("gesture"):
                if (stats.spec.get("annotates") != tracked.id or "gesture_schedule" not in stats.spec
                        or expression_interface.read_through(stats.spec) is None):
                    continue
                schedule = declared_schedule(stats.spec)
                if schedule is None:  # a declared schedule it cannot use: in scope, unjudged (as TD-HAND-004)
                    evidence.unjudged(name, msg("terminal.gesture-schedule-unusable", file=name, sid=repr(stats.id)))
                    continue
                sid, events = repr(stats.id), stats.markers or MarkerEvents()
                result = score_gestures(schedule, events, tolerance_ns, (tracked.first_t, tracked.last_t))
                if result.trials < fewest:
                    # a declared stream not judged: the run cannot pass (the terminal area's rule)
                    evidence.unjudged(name, msg("terminal.gesture-too-few", file=name, sid=sid, count=result.trials,
                                                fewest=fewest))
                    continue
                judged += 1
                judge = Judge(evidence, "TD-FACE-007", decision, name)
                judge_recognition(evidence, judge, stats, result, least, most_false, EXPRESSIONS)
                answers, stale = expression_interface.order(events)
                if judge("R4", msg("terminal.quantity-interface-stale"), stats.id, len(stale), "1", 0,
                         "max", where={"stream": stats.id, "pointer": "/t"}) == "fail":
                    t, before = stale[0]
                    finding(evidence, msg("terminal.expression-interface-stale", sid=sid, count=len(stale),
                                          answers=answers, t=t, before=before),
                            file=name, stream=stats.id, t=t, pointer="/t", rule="R4", actual=t, expected=f"> {before}")
                judge.close()
                evidence.note(msg("terminal.expression-interface-scored", file=name, sid=sid, correct=result.correct,
                                  trials=result.trials, false=result.false, answers=answers))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-expression-interface", fewest=fewest))
