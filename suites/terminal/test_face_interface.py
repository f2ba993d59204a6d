"""Facial expression weights read through the runtime test interface (TD-FACE-006): what
xrGetFaceExpressionWeights2FB answered while TD-FACE-004's subject made its cued sequence, held to the
reference facial capture on the same clock with TD-FACE-004's limits, and each answer's time after the previous."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal import face_accuracy, face_interface
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.shifts import U_SHIFT_MS
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-FACE-006")
def test_the_interface_answers_the_reference_face(targets: Targets, evidence: Evidence, params: Parameters,
                                                  catalog: Catalog):
    """R1 each performed expression's mean absolute error while the reference makes it, R2 each expression's mean
    weight at rest, R3 the latency (face_accuracy.measure, TD-FACE-004's limits), all on what
    xrGetFaceExpressionWeights2FB answered; R4 no answer's time not after the previous answer's."""
    fewest, judged = params.min_face_reference_frames, 0
    error_limit, rest_limit = params.max_face_weight_error, params.max_face_rest_weight
    late, early = params.max_face_latency_ms, params.max_face_lead_ms
    decision = rule_of(catalog, "TD-FACE-006")
    for name, analysis in analyses(targets["captures"]):
        for reference, read in face_interface.pairs(analysis):
            if read is None:  # TD-FACE-004's rig: the device's own stream, not a log of the interface's answers
                evidence.note(msg("terminal.binaural-unjudged", file=name, reason=msg(
                    "terminal.face-interface-not-read", ref=repr(reference.id),
                    target=repr(reference.spec.get("annotates")))))
                continue
            got = face_accuracy.measure(read, reference, fewest)
            if not isinstance(got, face_accuracy.Measured):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            judge, sid = Judge(evidence, "TD-FACE-006", decision, name), read.id
            for k, value in got.error.items():
                if judge("R1", msg("terminal.quantity-face-error"), f"{sid}@{k}", value, "1", error_limit, "max",
                         u_a=got.error_u.get(k, 0.0), where={"stream": sid, "pointer": f"/weights/{k}"}) == "fail":
                    finding(evidence, msg("terminal.face-expression-off", sid=repr(sid), index=k, value=value,
                                          frames=got.error_n.get(k, 0), latency=got.latency_ms, limit=error_limit),
                            file=name, stream=sid, pointer=f"/weights/{k}", rule="R1", actual=round(value, 4),
                            expected=f"<= {error_limit:g}")
            for k, value in got.rest.items():
                if judge("R2", msg("terminal.quantity-face-rest"), f"{sid}@{k}", value, "1", rest_limit, "max",
                         u_a=got.rest_u.get(k, 0.0), where={"stream": sid, "pointer": f"/weights/{k}"}) == "fail":
                    finding(evidence, msg("terminal.face-expression-at-rest", sid=repr(sid), index=k, value=value,
                                          rest=face_accuracy.AT_REST, frames=got.rest_n.get(k, 0), limit=rest_limit),
                            file=name, stream=sid, pointer=f"/weights/{k}", rule="R2", actual=round(value, 4),
                            expected=f"<= {rest_limit:g}")
            lagging = got.latency_ms >= 0
            quantity, value, limit = (("terminal.quantity-face-late", got.latency_ms, late) if lagging
                                      else ("terminal.quantity-face-early", -got.latency_ms, early))
            if judge("R3", msg(quantity), sid, value, "ms", limit, "max", u_a=U_SHIFT_MS,
                     where={"stream": sid}) == "fail":
                key = "terminal.face-latency-beyond" if got.at_edge else "terminal.face-latency"
                finding(evidence, msg(key, sid=repr(sid), value=got.latency_ms, count=got.frames, late=late,
                                      early=early),
                        file=name, stream=sid, rule="R3", actual=got.latency_ms, expected=f"from -{early:g} to {late:g} ms")
            reads, stale = face_interface.order(read.face_track)
            if judge("R4", msg("terminal.quantity-interface-stale"), sid, len(stale), "1", 0, "max",
                     where={"stream": sid, "pointer": "/t"}) == "fail":
                t, before = stale[0]
                finding(evidence, msg("terminal.face-interface-stale", sid=repr(sid), count=len(stale), reads=reads,
                                      t=t, before=before),
                        file=name, stream=sid, t=t, pointer="/t", rule="R4", actual=t, expected=f"> {before}")
            evidence.note(msg("terminal.face-interface-measured", file=name, sid=repr(sid), ref=repr(reference.id),
                              performed=len(got.error), latency=got.latency_ms, reads=reads))
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-face-interface"))
