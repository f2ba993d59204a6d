"""Facial expressions recognised against the subject's cued schedule (TD-FACE-005): the names a recogniser
gives the expressions the subject makes, scored as TD-HAND-004 scores gestures (gestures.py), and each
recognition's latency after the expression's onset on the reference facial capture (expressions.py)."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal import face_accuracy
from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.expressions import latencies
from conformance.areas.terminal.gestures import EXPRESSIONS, declared_schedule, judge_recognition, score_gestures
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-FACE-005")
def test_recognised_expressions_answer_the_reference_face(targets: Targets, evidence: Evidence, params: Parameters,
                                                          catalog: Catalog):
    """R1: at least min_gesture_accuracy of the cued expressions named within their window; R2: more than guessing
    among the vocabulary reaches with 5 % probability; R3: at most max_false_gestures_per_min recognitions a minute
    outside every window; R4: each correct recognition at most max_expression_latency_ms after the expression's
    onset on the reference facial capture (its frame interval read as a rectangular distribution)."""
    decision = rule_of(catalog, "TD-FACE-005")
    fewest, least = params.min_gesture_trials, params.min_gesture_accuracy
    most_false, tolerance_ns = params.max_false_gestures_per_min, round(params.gesture_tolerance_ms * 1e6)
    most_late = params.max_expression_latency_ms
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for reference, tracked in face_accuracy.pairs(analysis):
            if not face_accuracy.in_scope(evidence, name, reference, tracked):
                continue
            for stats in analysis.streams_of("gesture"):
                if (stats.spec.get("annotates") != tracked.id or "gesture_schedule" not in stats.spec
                        or "read_through" in stats.spec):
                    continue  # a log of what the interface answered is TD-FACE-007's
                schedule = declared_schedule(stats.spec)
                if schedule is None:  # a declared schedule it cannot use: in scope, unjudged (as TD-HAND-004)
                    evidence.unjudged(name, msg("terminal.gesture-schedule-unusable", file=name, sid=repr(stats.id)))
                    continue
                sid, events = repr(stats.id), stats.markers or MarkerEvents()
                recording = (tracked.first_t, tracked.last_t)
                result = score_gestures(schedule, events, tolerance_ns, recording)
                if result.trials < fewest:
                    # a declared stream not judged: the run cannot pass (the terminal area's rule)
                    evidence.unjudged(name, msg("terminal.gesture-too-few", file=name, sid=sid, count=result.trials,
                                                fewest=fewest))
                    continue
                judged += 1
                judge = Judge(evidence, "TD-FACE-005", decision, name)
                judge_recognition(evidence, judge, stats, result, least, most_false, EXPRESSIONS)
                where = {"file": name, "stream": stats.id, "line": 1, "pointer": "/gesture_schedule"}
                onsets = latencies(schedule, events, tolerance_ns, reference.face_track.columns(), recording)
                u_ms = 1000 / float(reference.spec.get("rate_hz") or 60) / 12 ** 0.5
                if onsets.latencies_ms and judge("R4", msg("terminal.quantity-expression-latency"), stats.id,
                                                 onsets.worst_ms, "ms", most_late, "max", u_a=u_ms,
                                                 where={k: v for k, v in where.items() if k != "file"}) == "fail":
                    finding(evidence, msg("terminal.expression-late", sid=sid, ref=repr(reference.id),
                                          value=onsets.worst_ms, count=len(onsets.latencies_ms), limit=most_late),
                            **where, rule="R4", actual=round(onsets.worst_ms, 1), expected=f"<= {most_late:g} ms")
                judge.close()
                if onsets.unseen:  # a correct trial with no onset on the reference: R4 unjudged for it, so no pass
                    evidence.unjudged(name, msg("terminal.expression-onset-unseen", file=name, sid=sid,
                                                ref=repr(reference.id), unseen=onsets.unseen))
                evidence.note(msg("terminal.expression-scored", file=name, sid=sid, correct=result.correct,
                                  trials=result.trials, accuracy=100 * result.accuracy, bound=result.chance_bound(),
                                  count=len(result.classes), false=result.false, latency=onsets.worst_ms,
                                  unseen=onsets.unseen, classes=result.summary()))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-expression-schedule", fewest=fewest))
