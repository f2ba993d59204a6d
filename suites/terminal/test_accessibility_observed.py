"""Accessibility features observed working in a capture recorded while each is switched on: mono audio at the
ears (TD-ACC-004), the height seated mode applies to the head pose (TD-ACC-005), the reference letter magnified at
the eyepiece (TD-ACC-006)."""

import math

import pytest

from conformance import Catalog, Evidence, Targets, msg
from conformance.areas.terminal.access_observed import mono_audio, seated_step
from conformance.areas.terminal.binaural import declaration_finding
from conformance.areas.terminal.magnification import ratio, switched_on, windows
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, nothing_judged

#: TD-ACC-004: the level difference between the ears (R1); each ear at least this loud (R2); the test signals
#: measured for a stream to be judged
MAX_MONO_GAP_DB, QUIETEST_DBFS, FEWEST_SIGNALS = 1.0, -60.0, 4
#: TD-ACC-005: the height step's tolerance about the declared offset (R1), the horizontal move allowed (R2),
#: the valid poses each window needs
SEATED_TOLERANCE_M, MAX_SEATED_SHIFT_M, FEWEST_POSES = 0.02, 0.02, 30
#: TD-ACC-006: the letter's least angular height with magnification on (R1, EN 301 549 V3.2.1 5.1.4), the least
#: enlargement (R2, WCAG 2.x 1.4.4's 200 percent), the camera readings each window needs
MIN_LETTER_DEG, MIN_MAGNIFICATION, FEWEST_READINGS = 0.7, 2.0, 10


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


@pytest.mark.requirement("TD-ACC-006")
def test_magnification_enlarges_the_reference_letter(targets: Targets, evidence: Evidence, catalog: Catalog):
    """A calibrated camera at the eyepiece reads the angle the test's capital H subtends while magnification is
    switched on: R1 the mean over the second from 1 s after the switch at least 0.7 deg; R2 that mean over the
    mean of the second before the switch at least 2. Each mean's uncertainty: the readings' scatter (type A) and
    the camera's stated uncertainty (type B)."""
    decision = rule_of(catalog, "TD-ACC-006")
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-ACC-006", decision, name)
        for stats in analysis.streams_of("view_scale"):
            camera = instrument_of(stats.spec, "view_scale")
            if stats.view is None or switched_on(stats.spec) is None:
                evidence.unjudged(name, msg("terminal.magnification-undeclared", file=name, sid=repr(stats.id)))
                continue
            if camera is None or camera.unit not in ("deg", "degree", "degrees", "°"):
                evidence.unjudged(name, msg("terminal.magnification-uncalibrated", file=name, sid=repr(stats.id)))
                continue
            if stats.view.dropped:  # past 5.1's 「测量保留的读数」 the stream is not judged (sixty-ninth reading)
                evidence.unjudged(name, msg("terminal.magnification-capped", file=name, sid=repr(stats.id),
                                            kept=stats.view.kept, dropped=stats.view.dropped))
                continue
            off, on = windows(stats.view)
            if min(off.n, on.n) < FEWEST_READINGS:
                evidence.unjudged(name, msg("terminal.magnification-too-few", file=name, sid=repr(stats.id),
                                            before=off.n, after=on.n, fewest=FEWEST_READINGS))
                continue
            judged += 1
            where = {"stream": stats.id, "t": stats.view.switched_on_t,
                     "pointer": f"/streams/{stats.index}/view_scale/magnification"}
            if judge("R1", msg("terminal.quantity-magnified-letter"), stats.id, on.mean, "deg", MIN_LETTER_DEG,
                     "min", u_a=on.u_a, stated=camera, where=where) == "fail":
                finding(evidence, msg("terminal.magnified-letter", sid=repr(stats.id), height=on.mean,
                                      limit=MIN_LETTER_DEG),
                        file=name, **where, rule="R1", actual=round(on.mean, 4), expected=f">= {MIN_LETTER_DEG:g} deg")
            factor, u_factor = ratio(off, on, camera.standard(on.mean))
            if judge("R2", msg("terminal.quantity-magnification"), stats.id, factor, "1", MIN_MAGNIFICATION, "min",
                     u_b=u_factor, instrument=True, where=where) == "fail":
                finding(evidence, msg("terminal.magnification-factor", sid=repr(stats.id), factor=factor,
                                      off=off.mean, on=on.mean, limit=MIN_MAGNIFICATION),
                        file=name, **where, rule="R2", actual=round(factor, 3), expected=f">= {MIN_MAGNIFICATION:g}")
            evidence.note(msg("terminal.magnification-measured", file=name, sid=repr(stats.id), off=off.mean,
                              on=on.mean, before=off.n, after=on.n))
        judge.close()
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-magnification", fewest=FEWEST_READINGS))
