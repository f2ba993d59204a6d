"""Near-eye display and health: the vergence-accommodation conflict content asks for, and the
flicker a laboratory's luminance trace shows."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal.flicker import low_risk_limit, no_effect_limit, unusable
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged, record


@pytest.mark.requirement("TD-DISP-004")
def test_vergence_stays_near_the_focal_distance(targets: Targets, evidence: Evidence, params: Parameters):
    limit, share_limit, fewest = params.max_va_conflict_diopters, params.max_va_conflict_ratio, \
        params.min_display_frames
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, analysis.log("content_depth"))  # R1, R2: each finding names its own (vergence.py)
        for stats in analysis.streams_of("content_depth"):
            state = stats.content_depth
            if state is None:
                continue
            if state.frames < fewest:
                evidence.unjudged(name, msg("terminal.va-too-few", file=name, sid=repr(stats.id), count=state.frames,
                                  fewest=fewest))
                continue
            judged += 1
            over = state.over(limit)
            figures = {"p50": state.percentile(50), "p95": state.percentile(95), "p99": state.percentile(99),
                       "worst": state.worst_d}
            if over / state.frames > share_limit:  # R3
                finding(evidence, msg("terminal.va-conflict", sid=repr(stats.id), over=over, frames=state.frames,
                                      share=over / state.frames, limit=limit, max_share=share_limit,
                                      crossed=state.crossed, **figures),
                                  file=name, **(state.worst or {"stream": stats.id}), rule="R3",
                                  expected=f"<= {share_limit:g} of frames over {limit:g} D")
            else:
                evidence.note(msg("terminal.va-conflict-ok", file=name, sid=repr(stats.id), over=over,
                                  frames=state.frames, limit=limit, **figures))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-content-depth"))


@pytest.mark.requirement("TD-DISP-005")
def test_measured_flicker_is_low_risk(targets: Targets, evidence: Evidence, params: Parameters, catalog: Catalog):
    floor = params.min_luminance_rate_hz
    decision = rule_of(catalog, "TD-DISP-005")
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, analysis.log("luminance_trace"), "R1")
        judge = Judge(evidence, "TD-DISP-005", decision, name)
        for stats in analysis.streams_of("luminance"):
            why = unusable(stats, floor)
            if why is not None:  # the laboratory's input, not the display: not judged (1.3)
                key, figures = why
                evidence.unjudged(name, msg(key, sid=repr(stats.id), **figures))
                continue
            state = stats.flicker
            if state is None:
                continue
            state.finish()  # the trace's last run, shorter than a window
            windows = state.tally.judged()
            if windows is None:
                evidence.unjudged(name, msg("terminal.flicker-too-short", file=name, sid=repr(stats.id)))
                continue
            judged += 1
            _judge_windows(evidence, judge, name, stats, windows)
        judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-luminance"))


def _judge_windows(evidence: Evidence, judge: Judge, name, stats, judged):
    """R2: every window's Mod % within the low-risk limit at its dominant frequency (``judged``:
    the trace's windows held to the regions, flicker.WindowTally), by the guarded acceptance of 1.2: the
    window nearest its limit (the largest Mod % to limit ratio, the nearest too once the guard band grows
    with the value) inside it by at least U, the instrument's relative uncertainty of a reading taken on
    the Mod % (a ratio of two readings of one instrument; a window's extremes, no type A component)."""
    sid = stats.id
    if judged.over and judged.worst is not None:
        t, frequency, modulation, line, limit = judged.worst
        finding(evidence, msg("terminal.flicker-over", sid=repr(sid), over=judged.over, windows=judged.windows, t=t,
                              modulation=modulation, frequency=frequency, limit=limit),
                          file=name, stream=sid, line=line, t=t, rule="R2", actual=round(modulation, 3),
                          expected=f"<= {limit:.3g} % at {frequency:g} Hz (IEEE 1789-2015 low risk)")
        return
    if judged.worst is not None:
        t, frequency, modulation, line, limit = judged.worst
        if judge("R2", msg("terminal.quantity-percent-modulation"), f"{sid}@{t}", modulation, "%", limit, "max",
                 stated=instrument_of(stats.spec, "luminance"),
                 where={"stream": sid, "line": line, "t": t}) == "guard_band":
            return
    frequency, modulation = judged.top
    limit, noel = low_risk_limit(frequency), no_effect_limit(frequency)
    evidence.note(msg("terminal.flicker-ok", file=name, sid=repr(sid), windows=judged.windows, frequency=frequency,
                      modulation=modulation, limit="none" if limit is None else f"{limit:.3g} %",
                      noel="none" if noel is None else f"{noel:.3g} %", noel_over=judged.noel_over))
