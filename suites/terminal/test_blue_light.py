"""Health effects of near-eye displays (近眼显示对健康的影响), blue light: the blue-light weighted radiance of a
headset's full-field white at each eyepiece, as a calibrated spectroradiometer measures it, against IEC 62471's exempt
group (TD-DISP-010)."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal.blue_light import KIND, MIN_FRAMES, measure
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import BenchTexts, benches, both_eyepieces

# Every spectrum stream is one the case measures (an eyepiece's): one it cannot judge is unjudged (its 不确定
# line), so one eye cannot pass for both.
_TEXTS = BenchTexts("terminal.spectrum-unjudged", "terminal.spectrum-capped", "terminal.no-spectrum-judged",
                    "terminal.no-spectrum", frozenset({"terminal.spectrum-undeclared", "terminal.spectrum-too-few"}),
                    bounded=True)


@pytest.mark.requirement("TD-DISP-010")
def test_the_blue_light_weighted_radiance_stays_in_the_exempt_group(targets: Targets, evidence: Evidence,
                                                                     params: Parameters, catalog: Catalog):
    """Per spectroradiometer: the median over its readings of the weighted radiance L_B."""
    limit = params.max_blue_light_radiance
    decision = rule_of(catalog, "TD-DISP-010")
    eyes: dict[str, set[str]] = {}
    for name, _, stats, got in benches(targets["captures"], evidence, KIND, measure, lambda s: s.blue_light, _TEXTS):
        eyes.setdefault(name, set()).add(got.eye)
        judge = Judge(evidence, "TD-DISP-010", decision, name)
        where = {"stream": stats.id, "line": 1, "pointer": "/radiance"}
        if judge(None, msg("terminal.quantity-blue-light"), stats.id, got.l_b, "W/(m2 sr)", limit, "max",
                 u_a=got.u_a, stated=instrument_of(stats.spec, KIND), where=where) == "fail":
            finding(evidence, msg("terminal.blue-light", sid=repr(stats.id), eye=got.eye, value=got.l_b, limit=limit),
                    file=name, **where, actual=round(got.l_b, 4), expected=f"<= {limit:g} W m^-2 sr^-1")
        evidence.note(msg("terminal.blue-light-measured", file=name, sid=repr(stats.id), model=got.model,
                          frames=got.frames, unusable=got.unusable, minimum=MIN_FRAMES))
        judge.close()
    both_eyepieces(evidence, eyes, "spectrum")
