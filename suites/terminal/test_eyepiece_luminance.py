"""Near-eye display (近眼显示), luminance: a headset's full-field white at each eyepiece, as a calibrated luminance
meter reads it at the centre of the field and at eight points 15 degrees from it: the centre's luminance (R1) and the
uniformity over the nine points (R2) (TD-DISP-011). A point outside the field of view the capture's device
description declares is not read, and R2, over the nine, is then not judged (inconclusive)."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal.eyepiece_luminance import KIND, MIN_FRAMES, measure
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import BenchTexts, benches, both_eyepieces

# Every eyepiece_luminance stream is one the case measures (an eyepiece's): one it cannot judge is unjudged (its
# 不确定 line), so one eye cannot pass for both.
_TEXTS = BenchTexts("terminal.eyepiece-luminance-unjudged", "terminal.eyepiece-luminance-capped",
                    "terminal.no-eyepiece-luminance-judged", "terminal.no-eyepiece-luminance",
                    frozenset({"terminal.eyepiece-luminance-undeclared", "terminal.eyepiece-luminance-too-few"}),
                    bounded=True)


@pytest.mark.requirement("TD-DISP-011")
def test_each_eyepiece_is_bright_enough_and_even_over_the_field(targets: Targets, evidence: Evidence,
                                                                params: Parameters, catalog: Catalog):
    """Per luminance meter: the median over its readings of the centre's luminance, and of the least over the
    greatest of the nine points (a ratio of one instrument's readings: its calibration factor cancels, so the
    uniformity's uncertainty is the readings' own)."""
    least, even = params.min_eyepiece_luminance, params.min_luminance_uniformity
    decision = rule_of(catalog, "TD-DISP-011")
    eyes: dict[str, set[str]] = {}
    for name, _, stats, got in benches(targets["captures"], evidence, KIND, measure,
                                       lambda s: s.eyepiece_luminance, _TEXTS):
        eyes.setdefault(name, set()).add(got.eye)
        judge = Judge(evidence, "TD-DISP-011", decision, name)
        where = {"stream": stats.id, "line": 1, "pointer": "/luminance_cd_m2"}
        if judge("R1", msg("terminal.quantity-centre-luminance"), stats.id, got.centre, "cd/m2", least, "min",
                 u_a=got.u_centre, stated=instrument_of(stats.spec, KIND), where=where) == "fail":
            finding(evidence, msg("terminal.eyepiece-dim", sid=repr(stats.id), eye=got.eye, value=got.centre,
                                  limit=least),
                    file=name, **where, rule="R1", actual=round(got.centre, 3), expected=f">= {least:g} cd/m^2")
        if got.outside:  # R2 is over nine points; the display's declared field of view leaves some out
            evidence.unjudged(name, msg("terminal.eyepiece-outside-field", file=name, sid=repr(stats.id),
                                        points=", ".join(f"({h:g}, {v:g})" for h, v in got.outside),
                                        horizontal=got.fov[0], vertical=got.fov[1]))
        elif judge("R2", msg("terminal.quantity-luminance-uniformity"), stats.id, got.uniformity, "1", even, "min",
                   u_a=got.u_uniformity, where=where) == "fail":
            finding(evidence, msg("terminal.eyepiece-uneven", sid=repr(stats.id), eye=got.eye, value=got.uniformity,
                                  limit=even),
                    file=name, **where, rule="R2", actual=round(got.uniformity, 4), expected=f">= {even:g}")
        evidence.note(msg("terminal.eyepiece-luminance-measured", file=name, sid=repr(stats.id), model=got.model,
                          frames=got.frames, unusable=got.unusable, minimum=MIN_FRAMES))
        judge.close()
    both_eyepieces(evidence, eyes, "eyepiece_luminance")
