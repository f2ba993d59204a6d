"""Selecting by gaze: the targets a device reports selected while an artificial eye (or a person) fixates a menu's
targets on the test's schedule (gaze_select.py)."""

import pytest

from conformance import Catalog, Evidence, Message, Parameters, Targets, msg
from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.gaze_select import Measured, Schedule, declared_schedule, measure
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged


@pytest.mark.requirement("TD-GAZE-005")
def test_gaze_selects_the_fixated_target_within_its_dwell(targets: Targets, evidence: Evidence,
                                                          params: Parameters, catalog: Catalog):
    """R1: at least min_gaze_selection_share of the fixations select their target; R2: no target selected that
    was not fixated; R3: each selection at most the declared dwell plus max_selection_margin_ms after its
    fixation's start. A schedule too short, with targets larger than max_selection_radius_deg or fixations
    shorter than the dwell and its margin, is not judged."""
    judged = 0
    decision = rule_of(catalog, "TD-GAZE-005")
    fewest, largest = params.min_gaze_selections, params.max_selection_radius_deg
    margin, least = params.max_selection_margin_ms, params.min_gaze_selection_share
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("gaze_selection"):
            schedule = declared_schedule(stats.spec)
            if schedule is None:  # in scope, but no dwell, fewer than two targets with a radius or no fixation list
                evidence.unjudged(name, msg("terminal.gaze-select-unusable", file=name, sid=repr(stats.id)))
                continue
            if schedule.skipped:  # planned fixations the check cannot score: never passed over (cT2's rule)
                evidence.unjudged(name, msg("terminal.gaze-select-skipped", file=name, sid=repr(stats.id),
                                            count=schedule.skipped))
            reason = _unjudged(repr(stats.id), schedule, fewest, largest, margin)
            if reason is not None:
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=reason))
                continue
            judged += 1
            got = measure(schedule, stats.markers if stats.markers is not None else MarkerEvents())
            judge = Judge(evidence, "TD-GAZE-005", decision, name)
            _judge(evidence, judge, stats, schedule, got, least, margin)
            judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-gaze-select"))


def _unjudged(sid: str, schedule: Schedule, fewest: int, largest: float, margin: float) -> Message | None:
    """Why a schedule cannot judge the device: too few fixations, a target larger than the test allows, a
    fixation too short to hold a selection after the declared dwell and its margin."""
    if len(schedule.targets) < fewest:
        return msg("terminal.gaze-select-few", sid=sid, count=len(schedule.targets), least=fewest)
    large = [(t, r) for t, r in schedule.radius_deg.items() if r > largest]
    if large:
        return msg("terminal.gaze-select-large", sid=sid, target=large[0][0], radius=large[0][1], most=largest)
    need = schedule.dwell_ms + margin
    short = [k for k in range(len(schedule.targets)) if (schedule.ends[k] - schedule.starts[k]) / 1e6 < need]
    if short:
        k = short[0]
        return msg("terminal.gaze-select-short", sid=sid, index=k, ms=(schedule.ends[k] - schedule.starts[k]) / 1e6,
                   need=need)
    return None


def _judge(evidence: Evidence, judge: Judge, stats, schedule: Schedule, got: Measured, least: float,
           margin: float) -> None:
    """Type A: the share is a proportion of the fixations (sqrt(p (1 - p) / n)); type B: the stage's stated
    uncertainty of a fixation's start, for each selection time. R2 is a condition: each false selection a finding."""
    name, sid = judge.file, repr(stats.id)
    pointer = f"/streams/{stats.index}/selection_schedule"
    where = {"file": name, "stream": stats.id, "line": 1, "pointer": pointer}
    at = {k: v for k, v in where.items() if k != "file"}
    share, n = got.share, got.fixations
    if judge("R1", msg("terminal.quantity-gaze-select-share"), stats.id, share, "1", least, "min",
             u_a=(share * (1 - share) / n) ** 0.5, where=at) == "fail":
        finding(evidence, msg("terminal.gaze-select-share", sid=sid, selected=got.selected, count=n, share=share,
                              least=least), **where, rule="R1", actual=round(share, 4), expected=f">= {least:g}")
    for t, value, fixated in got.false:
        finding(evidence, msg("terminal.gaze-select-false", sid=sid, target=value, t=t,
                              fixated=fixated if fixated is not None else "-"),
                **where, rule="R2", actual=value, expected=fixated or "no selection")
    limit = schedule.dwell_ms + margin
    stated = instrument_of(stats.spec, "selection_schedule")
    for k, ms in got.times_ms:
        if judge("R3", msg("terminal.quantity-gaze-select-time"), f"{stats.id}@{k}", ms, "ms", limit, "max",
                 stated=stated, where={**at, "pointer": f"{pointer}/fixations"}) == "fail":
            finding(evidence, msg("terminal.gaze-select-late", sid=sid, index=k, target=schedule.targets[k], ms=ms,
                                  dwell=schedule.dwell_ms, limit=limit),
                    **{**where, "pointer": f"{pointer}/fixations"}, rule="R3", actual=round(ms, 2),
                    expected=f"<= {limit:g} ms")
    slowest = max((ms for _, ms in got.times_ms), default=0.0)
    evidence.note(msg("terminal.gaze-select-measured", file=name, sid=sid, selected=got.selected, count=n,
                      false=len(got.false), slowest=slowest, dwell=schedule.dwell_ms))
