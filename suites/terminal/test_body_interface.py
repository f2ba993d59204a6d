"""Body joints located through the runtime test interface (TD-BODY-006): what xrLocateBodyJointsFB answered while
TD-BODY-003's reference motion capture recorded the person, held to that reference on the same clock with TD-BODY-003's
method and limits, and each answer's time after the previous."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import declared
from conformance.areas.terminal import body_interface
from conformance.areas.terminal.body_accuracy import Measured, measure
from conformance.areas.terminal.measured import Judge, rule_of, type_b
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.shifts import U_SHIFT_MS
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-BODY-006")
def test_the_interface_answers_the_reference_body(targets: Targets, evidence: Evidence, params: Parameters,
                                                  catalog: Catalog):
    """R1 each bone's mean root-relative position error, R2 the mean per joint position error, R3 the latency, R4
    each bone's mean orientation error (body_accuracy.measure, TD-BODY-003's limits), all on what
    xrLocateBodyJointsFB answered; R5 no answer's time not after the previous answer's."""
    fewest, judged = params.min_reference_frames, 0
    bone_limit, mpjpe_limit = params.max_bone_position_error_mm, params.max_mpjpe_mm
    latency_limit, turn_limit = params.max_tracking_latency_ms, params.max_bone_orientation_error_deg
    decision = rule_of(catalog, "TD-BODY-006")
    for name, analysis in analyses(targets["captures"]):
        for reference, read in body_interface.pairs(analysis):
            if read is None:  # TD-BODY-003's rig: the device's own stream, not a log of the interface's answers
                evidence.note(msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.body-interface-not-read", ref=repr(reference.id),
                    target=repr(reference.spec.get("annotates")))))
                continue
            got = measure(read, reference, fewest)
            if not isinstance(got, Measured):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            judge, sid = Judge(evidence, "TD-BODY-006", decision, name), read.id
            where, said = {"file": name, "stream": sid}, {"sid": repr(sid), "count": got.frames,
                                                         "latency": got.latency_ms}
            stated = declared(reference.spec.get("reference_system"))
            u_b, known = type_b(stated, 0.0, "mm")
            # a root-relative position is two readings of it
            b = {"u_b": 2 ** 0.5 * u_b, "instrument": known, "b_from": stated}
            for bone, value in got.per_bone_mm.items():
                if judge("R1", msg("terminal.quantity-bone-error"), f"{sid}@{bone}", value, "mm", bone_limit, "max",
                         u_a=got.per_bone_u.get(bone, 0.0), **b,
                         where={"stream": sid, "pointer": f"/bones/{bone}"}) == "fail":
                    finding(evidence, msg("terminal.body-bone-off", **said, bone=bone, value=value, limit=bone_limit),
                            **where, pointer=f"/bones/{bone}", rule="R1", actual=round(value, 2),
                            expected=f"<= {bone_limit:g} mm")
            if judge("R2", msg("terminal.quantity-mpjpe"), sid, got.mpjpe_mm, "mm", mpjpe_limit, "max",
                     u_a=got.mpjpe_u, **b, where={"stream": sid}) == "fail":
                finding(evidence, msg("terminal.body-mpjpe-over", **said, value=got.mpjpe_mm,
                                      bones=len(got.per_bone_mm), limit=mpjpe_limit),
                        **where, rule="R2", actual=round(got.mpjpe_mm, 2), expected=f"<= {mpjpe_limit:g} mm")
            if judge("R3", msg("terminal.quantity-tracking-latency"), sid, abs(got.latency_ms), "ms", latency_limit,
                     "max", u_a=U_SHIFT_MS, where={"stream": sid}) == "fail":
                key = "terminal.body-latency-beyond" if got.at_edge else "terminal.body-latency"
                finding(evidence, msg(key, sid=repr(sid), value=got.latency_ms, count=got.frames, limit=latency_limit),
                        **where, rule="R3", actual=got.latency_ms, expected=f"within {latency_limit:g} ms either way")
            for bone, value in got.per_bone_deg.items():  # type A alone: the reference states millimetres
                if judge("R4", msg("terminal.quantity-bone-orientation-error"), f"{sid}@{bone}", value, "deg",
                         turn_limit, "max", u_a=got.per_bone_deg_u.get(bone, 0.0),
                         where={"stream": sid, "pointer": f"/bones/{bone}/orientation"}) == "fail":
                    finding(evidence, msg("terminal.body-bone-turned", **said, bone=bone, value=value,
                                          limit=turn_limit),
                            **where, pointer=f"/bones/{bone}/orientation", rule="R4", actual=round(value, 2),
                            expected=f"<= {turn_limit:g} deg")
            reads, stale = body_interface.order(read.body_track)
            if judge("R5", msg("terminal.quantity-interface-stale"), sid, len(stale), "1", 0, "max",
                     where={"stream": sid, "pointer": "/t"}) == "fail":
                t, before = stale[0]
                finding(evidence, msg("terminal.body-interface-stale", sid=repr(sid), count=len(stale), reads=reads,
                                      t=t, before=before),
                        **where, t=t, pointer="/t", rule="R5", actual=t, expected=f"> {before}")
            evidence.note(msg("terminal.body-interface-measured", file=name, sid=repr(sid), ref=repr(reference.id),
                              mpjpe=got.mpjpe_mm, latency=got.latency_ms, reads=reads))
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-body-interface"))
