"""An eye tracker's accuracy over a session and after the headset slips: three validations of one session, each
against fixation targets the test shows (gaze_session.py)."""

import pytest

from conformance import Catalog, Evidence, Message, Parameters, Targets, msg
from conformance.areas.terminal.gaze_session import Phase, phases_of
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-GAZE-004")
def test_gaze_accuracy_holds_over_a_session_and_after_a_slip(targets: Targets, evidence: Evidence,
                                                            params: Parameters, catalog: Catalog):
    """R1: after at least min_session_min worn, R2: after a slip of at least min_slip_mm, the mean accuracy over the
    validation's targets at most max_gaze_accuracy_deg and its rise over the start's at most max_gaze_shift_deg.
    A session without a measured start, or a validation after too short a wear or too small a slip, is not judged."""
    judged = 0
    decision = rule_of(catalog, "TD-GAZE-004")
    least_min, least_mm = params.min_session_min, params.min_slip_mm
    limit, most = params.max_gaze_accuracy_deg, params.max_gaze_shift_deg
    for name, analysis in analyses(targets["captures"]):
        phases = phases_of(analysis)
        if not phases:
            continue
        starts = [p for p in phases.get("start", []) if p.accuracy_deg is not None]
        if len(starts) != 1:
            evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name,
                                        reason=msg("terminal.gaze-session-start", count=len(starts))))
            continue
        start = starts[0]
        judge = Judge(evidence, "TD-GAZE-004", decision, name)
        for phase, rule, absent in (("worn", "R1", "terminal.gaze-session-no-worn"),
                                    ("slipped", "R2", "terminal.gaze-session-no-slipped")):
            if not phases.get(phase):
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(absent)))
            for got in phases.get(phase, []):
                reason = _unjudged(got, start, least_min, least_mm)
                if reason is not None:
                    evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=reason))
                    continue
                judged += 1
                _judge_phase(evidence, judge, got, start, rule, limit, most)
        judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-gaze-session"))


def _worn_min(got: Phase, start: Phase) -> float:
    return ((got.onset or 0) - (start.onset or 0)) / 60e9


def _unjudged(got: Phase, start: Phase, least_min: float, least_mm: float) -> Message | None:
    """Why a validation cannot be judged: none of its targets measured, too short a wear, too small a slip."""
    sid = repr(got.stats.id)
    if got.accuracy_deg is None:
        return msg("terminal.gaze-session-unmeasured", sid=sid, count=len(got.measured))
    if got.phase == "worn" and _worn_min(got, start) < least_min:
        return msg("terminal.gaze-session-short", sid=sid, minutes=_worn_min(got, start), least=least_min)
    if got.phase == "slipped" and (got.slip_mm is None or got.slip_mm < least_mm):
        return msg("terminal.gaze-session-small-slip", sid=sid, least=least_mm,
                   mm="-" if got.slip_mm is None else f"{got.slip_mm:g}")
    return None


def _judge_phase(evidence: Evidence, judge: Judge, got: Phase, start: Phase, rule: str, limit: float,
                 most: float) -> None:
    """Type A: each phase's accuracy is a mean of the targets' (their own u combined), the rise the difference of two
    such means (their u combined); type B: the target apparatus's stated uncertainty of a target direction, for the
    accuracy (the rise compares two validations on the same apparatus: its error in a target's direction cancels)."""
    name, sid, stats = judge.file, repr(got.stats.id), got.stats
    pointer = f"/streams/{stats.index}/session_validation"
    where = {"file": name, "stream": stats.id, "line": 1, "pointer": pointer}
    at = {k: v for k, v in where.items() if k != "file"}
    accuracy = got.accuracy_deg or 0.0
    rise = accuracy - (start.accuracy_deg or 0.0)
    when = (msg("terminal.gaze-session-after-wear", minutes=_worn_min(got, start)) if got.phase == "worn"
            else msg("terminal.gaze-session-after-slip", mm=got.slip_mm or 0.0))
    if judge(rule, msg("terminal.quantity-session-accuracy"), stats.id, accuracy, "deg", limit, "max",
             u_a=got.accuracy_u, stated=instrument_of(stats.spec, "session_validation"), where=at) == "fail":
        finding(evidence, msg("terminal.gaze-session-off", sid=sid, when=when, accuracy=accuracy, limit=limit),
                **where, rule=rule, actual=round(accuracy, 3), expected=f"<= {limit:g} deg")
    if judge(rule, msg("terminal.quantity-session-rise"), stats.id, rise, "deg", most, "max",
             u_a=(got.accuracy_u**2 + start.accuracy_u**2) ** 0.5, where=at) == "fail":
        finding(evidence, msg("terminal.gaze-session-rise", sid=sid, when=when, rise=rise,
                              start=start.accuracy_deg or 0.0, limit=most),
                **where, rule=rule, actual=round(rise, 3), expected=f"<= {most:g} deg")
    evidence.note(msg("terminal.gaze-session-measured", file=name, sid=sid, when=when, accuracy=accuracy,
                      start=start.accuracy_deg or 0.0, count=len(got.measured)))
