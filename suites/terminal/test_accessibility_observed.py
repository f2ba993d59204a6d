"""Accessibility features observed working in a capture recorded while each is switched on: mono audio at the
ears (TD-ACC-004), the height seated mode applies to the head pose (TD-ACC-005)."""

import math

import pytest

from conformance import Catalog, Evidence, Targets, msg
from conformance.areas.terminal.access_observed import mono_audio, seated_step
from conformance.areas.terminal.binaural import declaration_finding
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged

#: TD-ACC-004: the level difference between the ears (R1); each ear at least this loud (R2); the test signals
#: measured for a stream to be judged
MAX_MONO_GAP_DB, QUIETEST_DBFS, FEWEST_SIGNALS = 1.0, -60.0, 4
#: TD-ACC-005: the height step's tolerance about the declared offset (R1), the horizontal move allowed (R2),
#: the valid poses each window needs
SEATED_TOLERANCE_M, MAX_SEATED_SHIFT_M, FEWEST_POSES = 0.02, 0.02, 30


@pytest.mark.requirement("TD-ACC-004")
def test_mono_audio_sends_the_same_level_to_both_ears(targets: Targets, evidence: Evidence, catalog: Catalog):
    """With mono audio on, R1: each test signal's level at the left and the right ear within 1 dB of each other
    (the stereo-panned sources of the binaural rig, TD-AUD-004's); R2: each ear carrying it at -60 dB FS or
    more. Levels are read from the recorder's samples (no uncertainty stated: judged as read)."""
    decision = rule_of(catalog, "TD-ACC-004")
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-ACC-004", decision, name)
        for stats in analysis.streams_of("binaural"):
            if not mono_audio(stats):
                continue  # recorded with mono audio off: TD-AUD-004's
            state = stats.binaural
            if state is None:
                evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=declaration_finding(stats)))
                continue
            if len(state.measured) < FEWEST_SIGNALS:
                evidence.unjudged(name, msg("terminal.binaural-too-few", file=name, sid=repr(stats.id),
                                            count=len(state.measured), fewest=FEWEST_SIGNALS))
                continue
            judged += 1
            for got in state.measured:
                where = {"stream": stats.id, **got.where,
                         "pointer": f"/streams/{stats.index}/binaural/test_signals/{got.signal.index}"}
                said = {"sid": repr(stats.id), "index": got.signal.index, "azimuth": got.signal.azimuth_deg,
                        "left": got.left_dbfs, "right": got.right_dbfs}
                if min(got.left_dbfs, got.right_dbfs) < QUIETEST_DBFS:
                    finding(evidence, msg("terminal.mono-audio-silent", **said, floor=QUIETEST_DBFS),
                            file=name, **where, rule="R2", actual=[round(got.left_dbfs, 1), round(got.right_dbfs, 1)],
                            expected=f">= {QUIETEST_DBFS:g} dB FS at each ear")
                    continue
                gap = abs(got.left_dbfs - got.right_dbfs)
                if judge("R1", msg("terminal.quantity-mono-gap"), f"{stats.id}@signal {got.signal.index}", gap, "dB",
                         MAX_MONO_GAP_DB, "max", where=where) == "fail":
                    finding(evidence, msg("terminal.mono-audio-panned", **said, gap=gap, limit=MAX_MONO_GAP_DB),
                            file=name, **where, rule="R1", actual=round(gap, 2), expected=f"<= {MAX_MONO_GAP_DB:g} dB")
            evidence.note(msg("terminal.mono-audio-measured", file=name, sid=repr(stats.id), count=len(state.measured),
                              gap=max(abs(g.left_dbfs - g.right_dbfs) if math.isfinite(g.left_dbfs - g.right_dbfs)
                                      else math.inf for g in state.measured)))
        judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-mono-audio", fewest=FEWEST_SIGNALS))


@pytest.mark.requirement("TD-ACC-005")
def test_seated_mode_raises_the_head_by_the_declared_height(targets: Targets, evidence: Evidence, catalog: Catalog):
    """A headset still on a stand while seated mode is switched on: R1 its reported height, averaged over the
    1 s after it settles (1 s after the switch) less that over the 1 s before the switch, within 0.02 m of the
    declared offset; R2 its horizontal position moved no more than 0.02 m. The uncertainty is the two means'
    (type A, the poses' scatter); the stand holds the headset still, so the step is the mode's alone."""
    decision = rule_of(catalog, "TD-ACC-005")
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-ACC-005", decision, name)
        for stats in analysis.streams_of("pose"):
            state = stats.seated
            if state is None:
                if "seated_mode" in stats.spec:
                    evidence.unjudged(name, msg("terminal.seated-undeclared", file=name, sid=repr(stats.id)))
                continue
            step = seated_step(state, FEWEST_POSES)
            if step is None:
                evidence.unjudged(name, msg("terminal.seated-too-few", file=name, sid=repr(stats.id),
                                            before=state.before.n, after=state.after.n, fewest=FEWEST_POSES))
                continue
            judged += 1
            where = {"stream": stats.id, "t": state.switched_on_t,
                     "pointer": f"/streams/{stats.index}/seated_mode/height_offset_m"}
            error = step.rise_m - state.offset_m
            if judge("R1", msg("terminal.quantity-seated-height-error"), stats.id, abs(error), "m", SEATED_TOLERANCE_M,
                     "max", u_a=step.u_rise_m, where=where) == "fail":
                finding(evidence, msg("terminal.seated-height", sid=repr(stats.id), rise=step.rise_m,
                                      declared=state.offset_m, limit=SEATED_TOLERANCE_M),
                        file=name, **where, rule="R1", actual=round(step.rise_m, 4),
                        expected=f"{state.offset_m:g} +- {SEATED_TOLERANCE_M:g} m")
            if judge("R2", msg("terminal.quantity-seated-shift"), stats.id, step.horizontal_m, "m", MAX_SEATED_SHIFT_M,
                     "max", u_a=step.u_horizontal_m, where=where) == "fail":
                finding(evidence, msg("terminal.seated-shift", sid=repr(stats.id), shift=step.horizontal_m,
                                      limit=MAX_SEATED_SHIFT_M),
                        file=name, **{**where, "pointer": f"/streams/{stats.index}/seated_mode"}, rule="R2",
                        actual=round(step.horizontal_m, 4), expected=f"<= {MAX_SEATED_SHIFT_M:g} m")
            evidence.note(msg("terminal.seated-measured", file=name, sid=repr(stats.id), rise=step.rise_m,
                              declared=state.offset_m, shift=step.horizontal_m, before=step.before, after=step.after))
        judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-seated-mode", fewest=FEWEST_POSES))
