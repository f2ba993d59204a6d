"""Tracking (追踪定位) over a ten-minute session while the device moves, and at the faces of its declared tracking
volume, against a reference tracker (TD-PERF-005): R1 the drift of the position error between returns to a marked
pose, R2 the position error at each face."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal import session_tracking
from conformance.areas._shared.uncertainty import declared
from conformance.areas.terminal.measured import NO_TYPE_B, Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-PERF-005")
def test_tracking_holds_over_a_session_and_at_the_volume_faces(targets: Targets, evidence: Evidence,
                                                               params: Parameters, catalog: Catalog):
    """R1: the position drift at most max_session_drift_mm, the orientation drift at most
    max_session_orientation_drift_deg; R2: the worst face's position error at most max_position_trueness_mm. Type A
    from each window's scatter; type B from the reference tracker's stated position uncertainty."""
    decision = rule_of(catalog, "TD-PERF-005")
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for session, listed in session_tracking.sessions(analysis).items():
            windows = [(reference, tracked) for reference, tracked in listed if tracked is not None]
            for reference, tracked in listed:
                if tracked is None:
                    evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
                        "terminal.programme-no-tracked", ref=repr(session),
                        target=repr(reference.spec["annotates"]))))
            got = session_tracking.measure(analysis, session, windows)
            if not isinstance(got, session_tracking.Session):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=got))
                continue
            judged += 1
            sid = f"session {session}"
            judge = Judge(evidence, "TD-PERF-005", decision, name)
            stated = declared(windows[0][0].spec.get("reference_system"))
            checks = (("R1", "terminal.quantity-session-drift", got.drift_mm, got.u_drift_mm, "mm",
                       params.max_session_drift_mm, stated),
                      ("R1", "terminal.quantity-session-turn", got.drift_deg, got.u_drift_deg, "deg",
                       params.max_session_orientation_drift_deg, NO_TYPE_B),
                      ("R2", "terminal.quantity-volume-face-error", got.face_error_mm, got.u_face_mm, "mm",
                       params.max_position_trueness_mm, stated))
            for rule, quantity, value, u_a, unit, limit, instrument in checks:
                if judge(rule, msg(quantity), sid, value, unit, limit, "max", u_a=u_a, stated=instrument,
                         where={"stream": sid}) == "fail":
                    finding(evidence, msg("terminal.session-over", session=repr(session), quantity=msg(quantity),
                                          value=value, unit=unit, limit=limit),
                            file=name, stream=sid, rule=rule, actual=round(value, 3),
                            expected=f"<= {limit:g} {unit}")
            evidence.note(msg("terminal.session-measured", file=name, session=repr(session),
                              returns=got.returns, span=got.span_s, drift=got.drift_mm, turn=got.drift_deg,
                              face=got.worst_face,
                              face_error=got.face_error_mm))
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-session-reference"))

