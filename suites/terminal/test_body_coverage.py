"""Body tracking under occlusion and at the tracking volume's faces (TD-BODY-005), against the reference motion
capture TD-BODY-003 measures with, at the latency it finds (body_coverage.py)."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import declared
from conformance.areas.terminal.body_accuracy import Measured, measure, pairs
from conformance.areas.terminal.body_coverage import FACE_MM, MIN_FACE_FRAMES, Coverage, measure_coverage
from conformance.areas.terminal.measured import Judge, rule_of, type_b
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-BODY-005")
def test_body_tracking_holds_under_occlusion_and_at_the_volume_faces(targets: Targets, evidence: Evidence,
                                                                     params: Parameters, catalog: Catalog):
    """R1: each bone the reference declares hidden, when the device still reports it while hidden, within
    max_bone_position_error_mm on average (root-relative); R2: each bone within it on average over the frames with
    the root within FACE_MM of a side face of the declared tracking volume. Both at TD-BODY-003's latency, judged
    with their expanded uncertainty (type A the frames' scatter, type B the reference system's stated one)."""
    decision = rule_of(catalog, "TD-BODY-005")
    limit, judged = params.max_bone_position_error_mm, 0
    for name, analysis in analyses(targets["captures"]):
        for reference, tracked in pairs(analysis):
            if tracked is None:  # TD-BODY-003, whose steps this case applies, records this reference unjudged
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.body-no-tracked", ref=repr(reference.id), target=repr(reference.spec["annotates"]))))
                continue
            found = measure(tracked, reference, params.min_reference_frames)
            if not isinstance(found, Measured):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=found))
                continue
            got = measure_coverage(tracked, reference, found.latency_ms, analysis.volume)
            said = {"sid": repr(tracked.id), "ref": repr(reference.id)}
            if not got.occlusions and not got.face_frames:  # neither occluded nor at a face: TD-BODY-003's alone (step 4)
                continue
            if not got.hidden_mm and not got.face_mm:  # no R1 value and no R2 value: in scope, nothing judged
                key = "terminal.body-coverage-unjudged" if not got.occlusions else "terminal.body-coverage-all-hidden"
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                    key, **said, faces=got.face_frames, reach=FACE_MM, fewest=MIN_FACE_FRAMES)))
                continue
            judged += 1
            judge = Judge(evidence, "TD-BODY-005", decision, name)
            stated = declared(reference.spec.get("reference_system"))
            u_b, known = type_b(stated, 0.0, "mm")
            _judge(evidence, judge, tracked.id, got, limit,
                   {"u_b": 2 ** 0.5 * u_b, "instrument": known, "b_from": stated})
            judge.close()
            worst = max((v for v, _ in got.face_mm.values()), default=0.0)
            evidence.note(msg("terminal.body-coverage-measured", file=name, **said, occlusions=got.occlusions,
                              hidden=", ".join(got.hidden_mm) or "-", untracked=", ".join(got.untracked) or "-",
                              faces=got.face_frames, worst=worst))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-body-coverage-reference"))


def _judge(evidence: Evidence, judge: Judge, sid, got: Coverage, limit: float, b: dict) -> None:
    where = {"file": judge.file, "stream": sid}
    for rule, key, quantity, errors in (("R1", "terminal.body-hidden-off", "terminal.quantity-hidden-bone-error",
                                         got.hidden_mm),
                                        ("R2", "terminal.body-face-off", "terminal.quantity-face-bone-error",
                                         got.face_mm)):
        for bone, (value, u_a) in errors.items():
            if judge(rule, msg(quantity), f"{sid}@{bone}", value, "mm", limit, "max", u_a=u_a, **b,
                     where={"stream": sid, "pointer": f"/bones/{bone}"}) == "fail":
                finding(evidence, msg(key, sid=repr(sid), bone=bone, value=value, limit=limit,
                                      count=got.face_frames, reach=FACE_MM),
                        **where, pointer=f"/bones/{bone}", rule=rule, actual=round(value, 2),
                        expected=f"<= {limit:g} mm")
