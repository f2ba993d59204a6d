"""Hand tracking (OpenXR XR_EXT_hand_tracking): joint validity and rigid bones, the joints measured against a
reference capture of the same hand, and the gestures a recogniser recognised against the gestures a test cued."""

import pytest

from conformance import Catalog, Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import Declared, declared
from conformance.areas.terminal import gesture_subjects, hand_accuracy
from conformance.areas.terminal.decoding import MAX_EVENTS, MarkerEvents
from conformance.areas.terminal.gestures import GESTURES, declared_schedule, judge_recognition, score_gestures
from conformance.areas.terminal.hand import JOINT_NAMES, bone_drifts, drift_finding
from conformance.areas.terminal.measured import Judge, rule_of, type_b
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.shifts import U_SHIFT_MS
from conformance.areas.terminal.suite import analyses, check_rule, note_capped, nothing_judged


@pytest.mark.requirement("TD-HAND-001")
def test_joint_validity_follows_activity(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "hand_valid", ("hand",), msg("terminal.what-hand-joints"), unparsed=True)


@pytest.mark.requirement("TD-HAND-003")
def test_located_joints_have_a_radius(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "hand_radius", ("hand",), msg("terminal.what-located-joints"))


@pytest.mark.requirement("TD-HAND-002")
def test_bone_lengths_stay_constant(targets: Targets, evidence: Evidence, params: Parameters):
    tolerance = params.bone_tolerance_m
    measured = 0
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("hand"):
            bones = bone_drifts(stats)
            if not bones:  # a declared hand stream in scope with no usable frame: unjudged, no pass beside another
                evidence.unjudged(name, msg("terminal.hand-no-usable-frame", file=name, sid=repr(stats.id)))
                continue
            measured += 1
            evidence.findings_from((drift_finding(bone, drift, tolerance) for bone, drift in enumerate(bones)
                                    if drift.worst_m > tolerance and drift.where is not None), file=name)
            worst = max(d.worst_m for d in bones)
            evidence.note(msg("terminal.bone-deviation", file=name, sid=repr(stats.id), mm=worst * 1000))
    if not measured and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-usable-hand"))


@pytest.mark.requirement("TD-HAND-004")
def test_recognised_gestures_answer_the_cued_gestures(targets: Targets, evidence: Evidence, params: Parameters,
                                                      catalog: Catalog):
    """R1: at least 90 % of the cued gestures recognised within their window; R2: the correctly recognised cues
    at least the fewest that guessing among the vocabulary's gestures reaches with a probability of at most 5 %;
    R3: at most 1 recognition a minute outside every window. The gesture schedule the test cued, declared with the recognised-gesture stream, is the ground truth. R1 and R3
    are judged by the catalog's decision rule with their expanded uncertainty (measured.py): the accuracy a share
    of trials (binomial), the false rate a count of events over the recording (Poisson); R2 is itself a
    significance test on the count, judged as it stands."""
    decision = rule_of(catalog, "TD-HAND-004")
    fewest, least = params.min_gesture_trials, params.min_gesture_accuracy
    most_false, tolerance_ns = params.max_false_gestures_per_min, round(params.gesture_tolerance_ms * 1e6)
    judged = hands = 0
    subjects = gesture_subjects.Coverage()  # who performed the judged trials, with which hand
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-HAND-004", decision, name)
        hands += len(analysis.streams_of("hand"))
        for stats in analysis.streams_of("gesture"):
            schedule = declared_schedule(stats.spec)
            if schedule is None and "gesture_schedule" not in stats.spec:
                continue
            sid = repr(stats.id)
            hand = analysis.streams.get(str(stats.spec.get("annotates")))
            annotates = repr(stats.spec.get("annotates"))
            if hand is None or hand.type != "hand":
                evidence.note(msg("terminal.gesture-no-hand", file=name, sid=sid, hand=annotates))
                continue  # no hand gesture stream (a face one, say): not in this requirement's scope
            if schedule is None:
                # a declared schedule it cannot use leaves a recogniser in scope unjudged: no pass (as TD-GAZE-005)
                evidence.unjudged(name, msg("terminal.gesture-schedule-unusable", file=name, sid=sid))
                continue
            if hand.first_t is None or hand.last_t is None:
                # a declared hand stream with no frames: in scope, no trial can be judged (1.5)
                evidence.unjudged(name, msg("terminal.gesture-hand-empty", file=name, sid=sid, hand=annotates))
                continue
            if schedule.skipped:
                # declared cues left out: the stream is not judged on all of them, so the run cannot pass
                evidence.unjudged(name, msg("terminal.gesture-cues-skipped", file=name, sid=sid,
                                            count=schedule.skipped))
            if stats.markers is not None and stats.markers.overflow:
                evidence.unjudged(name, msg("terminal.gesture-too-many", file=name, sid=sid, most=MAX_EVENTS))
                continue
            recording = (hand.first_t, hand.last_t)
            result = score_gestures(schedule, stats.markers or MarkerEvents(), tolerance_ns, recording)
            if result.trials < fewest:
                # a declared stream not judged: the run cannot pass (the terminal area's rule)
                evidence.unjudged(name, msg("terminal.gesture-too-few", file=name, sid=sid, count=result.trials,
                                            fewest=fewest))
                continue
            judged += 1
            subjects.add(stats.spec, hand.spec, recording)
            judge_recognition(evidence, judge, stats, result, least, most_false, GESTURES)
            latency = result.median_latency_ms()
            evidence.note(msg("terminal.gesture-scored", file=name, sid=sid, correct=result.correct,
                              trials=result.trials, accuracy=100 * result.accuracy, missed=result.missed,
                              bound=result.chance_bound(), count=len(result.classes),
                              latency="-" if latency is None else f"{latency:.0f}", false=result.false,
                              rate=result.false_per_min, classes=result.summary()))
        judge.close()
    if judged:
        gesture_subjects.check(subjects, evidence)  # the subjects the test case states, or inconclusive
    if judged or evidence.findings_count:
        return
    if not hands and all(a.header_usable for _, a in analyses(targets["captures"])):
        # the profile's own stream missing is a required input missing (3.23), not a product the case spares
        raise Inconclusive(msg("terminal.no-stream", type="hand"))
    nothing_judged(targets, evidence, msg("terminal.no-gesture-schedule", fewest=fewest))


@pytest.mark.requirement("TD-HAND-005")
def test_hand_tracking_follows_a_reference_hand_capture(targets: Targets, evidence: Evidence, params: Parameters,
                                                        catalog: Catalog):
    """R1: each joint's mean wrist-relative position error against the reference at most
    max_joint_position_error_mm; R2: the wrist's mean position error in the capture's space at most
    max_wrist_position_error_mm; R3: the tracking latency at most max_tracking_latency_ms either way. The reference
    stream, from the declared reference system on the same clock and in the same space, is the ground truth; the
    errors are taken at the latency (hand_accuracy.py)."""
    fewest, judged = params.min_reference_frames, 0
    limits = (params.max_joint_position_error_mm, params.max_wrist_position_error_mm, params.max_tracking_latency_ms)
    decision = rule_of(catalog, "TD-HAND-005")
    for name, analysis in analyses(targets["captures"]):
        for reference, tracked in hand_accuracy.pairs(analysis):
            if tracked is None:
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.hand-ref-no-tracked", ref=repr(reference.id), target=repr(reference.spec["annotates"]))))
                continue
            got = hand_accuracy.measure(tracked, reference, fewest)
            note_capped(evidence, name, (tracked, tracked.hand_track), (reference, reference.hand_track))
            if not isinstance(got, hand_accuracy.Measured):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            judge = Judge(evidence, "TD-HAND-005", decision, name)
            _judge_hand(evidence, judge, tracked.id, reference.id, got, limits,
                        declared(reference.spec.get("reference_system")))
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-hand-reference"))


def _judge_hand(evidence: Evidence, judge: Judge, sid, ref, got: hand_accuracy.Measured,
                limits: tuple[float, float, float],
                stated: Declared | None) -> None:
    """Type A: each error is a mean over the frames (s / sqrt(n)), the latency a shift on a 1 ms grid; type B: the
    reference system's stated uncertainty of one position, when stated (a wrist-relative position is two readings
    of it, hence sqrt(2) for R1)."""
    joint_limit, wrist_limit, latency_limit = limits
    where, said = {"file": judge.file, "stream": sid}, {"sid": repr(sid), "count": got.frames, "latency": got.latency_ms}
    u_b, known = type_b(stated, 0.0, "mm")
    for k, value in got.per_joint_mm.items():
        joint = JOINT_NAMES[k]
        if judge("R1", msg("terminal.quantity-joint-error"), f"{sid}@{joint}", value, "mm", joint_limit, "max",
                 u_a=got.per_joint_u.get(k, 0.0), u_b=2 ** 0.5 * u_b, instrument=known, b_from=stated,
                 where={"stream": sid, "pointer": f"/joints/{k}/pose/position"}) == "fail":
            finding(evidence, msg("terminal.hand-joint-off", **said, joint=joint, value=value, limit=joint_limit),
                    **where, pointer=f"/joints/{k}/pose/position", rule="R1", actual=round(value, 2),
                    expected=f"<= {joint_limit:g} mm")
    if judge("R2", msg("terminal.quantity-wrist-error"), sid, got.wrist_mm, "mm", wrist_limit, "max",
             u_a=got.wrist_u, u_b=u_b, instrument=known, b_from=stated,
             where={"stream": sid, "pointer": "/joints/1/pose/position"}) \
            == "fail":
        finding(evidence, msg("terminal.hand-wrist-off", **said, value=got.wrist_mm, limit=wrist_limit),
                **where, pointer="/joints/1/pose/position", rule="R2", actual=round(got.wrist_mm, 2),
                expected=f"<= {wrist_limit:g} mm")
    if judge("R3", msg("terminal.quantity-tracking-latency"), sid, abs(got.latency_ms), "ms", latency_limit, "max",
             u_a=U_SHIFT_MS, where={"stream": sid}) == "fail":
        key = "terminal.hand-latency-beyond" if got.at_edge else "terminal.hand-latency"
        finding(evidence, msg(key, sid=repr(sid), value=got.latency_ms, count=got.frames, limit=latency_limit),
                **where, rule="R3", actual=got.latency_ms, expected=f"within {latency_limit:g} ms either way")
    worst = max(got.per_joint_mm, key=got.per_joint_mm.__getitem__)
    evidence.note(msg("terminal.hand-accuracy-measured", file=judge.file, sid=repr(sid), ref=repr(ref),
                      joint=JOINT_NAMES[worst], worst=got.per_joint_mm[worst], wrist=got.wrist_mm,
                      latency=got.latency_ms, count=got.frames))
