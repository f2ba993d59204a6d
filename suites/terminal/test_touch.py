"""Touch recognition (触感识别, TD-TACT-004): the contacts a device recognises from its tactile array (how many,
where, with what force; a slide's path) against a reference indenter pressing one tip, two tips and sliding one."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import declared
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import BenchTexts, benches, past_bound
from conformance.areas.terminal.tactile import REFERENCE as INDENTER  # the header member: indenter
from conformance.areas.terminal.touch import REFERENCE, Recognition, measure

# An indenter on a touch stream naming no calibrated load cell and stage, or with no frames, is a stream the
# case measures and cannot judge (its 不确定 line): unjudged. One on no touch stream stays a note.
_TEXTS = BenchTexts("terminal.touch-unjudged", "terminal.touch-capped", "terminal.no-touch-judged",
                    "terminal.no-touch", frozenset({"terminal.indenter-no-instrument", "terminal.touch-no-frames"}),
                    bounded=True)
_KIND = {(False, 1): "terminal.touch-kind-press", (False, 2): "terminal.touch-kind-pair",
         (True, 1): "terminal.touch-kind-slide"}


def _judge(evidence: Evidence, judge: Judge, sid: str, got: Recognition, spec: dict, limits: tuple) -> None:
    """``limits``: the share of frames whose count of contacts is right (at least), the place and path error
    (mm), the force error (a share of the load)."""
    share_limit, position_limit, force_limit = limits
    # the member ``indenter`` (the stream's type is touch_indenter): reading the type's name found neither, and R2 to
    # R4 were judged on type A alone (seventy-sixth reading, h142-gaze's class)
    load_cell = instrument_of(spec, INDENTER)
    held = spec.get(INDENTER)
    stage = declared(held.get("stage")) if isinstance(held, dict) else None
    name = judge.file
    sensor = repr(got.sensor)
    if got.judged and judge("R1", msg("terminal.quantity-touch-count"), sid, got.share, "1", share_limit, "min",
                            where={"stream": got.sensor, "pointer": "/contacts"}) == "fail":
        finding(evidence, msg("terminal.touch-count", sid=sensor, right=got.right, judged=got.judged,
                              share=100 * got.share, limit=100 * share_limit),
                file=name, stream=got.sensor, pointer="/contacts", rule="R1", actual=round(got.share, 4),
                expected=f">= {100 * share_limit:g} % of the frames")
    for touch in got.touches:
        kind = msg(_KIND.get((touch.slide, touch.tips), "terminal.touch-kind-press"))
        at = {"stream": sid, "line": touch.line, "t": touch.t}
        subject = f"{sid}@{touch.t}"
        if touch.frames < 3:  # R2 to R4 never judged for this touch: no pass (the area's rule)
            evidence.unjudged(name, msg("terminal.touch-unrecognised", file=name, sid=sensor, kind=kind, t=touch.t,
                                        frames=touch.frames))
            continue
        if touch.slide:
            if judge("R4", msg("terminal.quantity-touch-path"), subject, touch.path_mm, "mm", position_limit, "max",
                     stated=stage, where={**at, "pointer": "/tips_mm"}) == "fail":
                finding(evidence, msg("terminal.touch-path", sid=sensor, t=touch.t, error=touch.path_mm,
                                      limit=position_limit),
                        file=name, **at, pointer="/tips_mm", rule="R4", actual=round(touch.path_mm, 3),
                        expected=f"<= {position_limit:g} mm")
            continue
        if judge("R2", msg("terminal.quantity-touch-place"), subject, touch.place_mm, "mm", position_limit, "max",
                 u_a=touch.place_u, stated=stage, where={**at, "pointer": "/tips_mm"}) == "fail":
            finding(evidence, msg("terminal.touch-place", sid=sensor, kind=kind, t=touch.t, error=touch.place_mm,
                                  limit=position_limit),
                    file=name, **at, pointer="/tips_mm", rule="R2", actual=round(touch.place_mm, 3),
                    expected=f"<= {position_limit:g} mm")
        u_b = load_cell.standard(touch.load) / touch.load if load_cell else 0.0
        if judge("R3", msg("terminal.quantity-touch-force"), subject, touch.force, "1", force_limit, "max",
                 u_a=touch.force_u, u_b=u_b, instrument=load_cell is not None, b_from=load_cell,
                 where={**at, "pointer": "/load_n"}) == "fail":
            finding(evidence, msg("terminal.touch-force", sid=sensor, kind=kind, t=touch.t, load=touch.load,
                                  error=100 * touch.force, limit=100 * force_limit),
                    file=name, **at, pointer="/load_n", rule="R3", actual=round(touch.force, 4),
                    expected=f"{touch.load:.3g} N +- {100 * force_limit:g} %")
    if judge("R5", msg("terminal.quantity-touch-ghosts"), sid, len(got.ghosts), "1", 0, "max",
             where={"stream": got.sensor, "pointer": "/contacts"}) == "fail":
        t, line = got.ghosts[0]
        finding(evidence, msg("terminal.touch-ghost", sid=sensor, count=len(got.ghosts), t=t),
                file=name, stream=got.sensor, line=line, t=t, pointer="/contacts", rule="R5",
                actual=len(got.ghosts), expected="no contact while the indenter is off the array")
    evidence.note(msg("terminal.touch-measured", file=name, sid=sensor, model=got.load_cell,
                      touches=len(got.touches), judged=got.judged, settling=got.settling))
    judge.close()


@pytest.mark.requirement("TD-TACT-004")
def test_the_device_recognises_the_reference_touches(targets: Targets, evidence: Evidence, params: Parameters,
                                                      catalog: Catalog):
    """Per device frame against the indenter's latest: the count of contacts (R1, a share of the frames); per
    press, each contact's place against its tip (R2) and the contacts' force against the load cell's (R3); per
    slide, the contact's path against the tip's (R4); no contact while the indenter is off the array (R5)."""
    limits = (params.min_touch_count_share, params.max_tactile_position_mm, params.max_tactile_force_error)
    decision = rule_of(catalog, "TD-TACT-004")
    response = params.max_tactile_response_ms
    for name, analysis, stats, got in benches(targets["captures"], evidence, REFERENCE,
                                              lambda analysis, s: measure(analysis, s, response), lambda s: s.touch,
                                              _TEXTS):
        past_bound(evidence, name, got.sensor, analysis.streams[got.sensor].touch, "terminal.touch-frames-capped")
        _judge(evidence, Judge(evidence, "TD-TACT-004", decision, name), stats.id, got, stats.spec, limits)
