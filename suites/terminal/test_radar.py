"""Sensor performance (智能传感器的性能评定), millimetre-wave radar: a radar's point data against its declared field of
view (TD-RADAR-001), and its range and azimuth to a corner reflector at known places (TD-RADAR-002)."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import declared
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.radar import MIN_FRAMES, REFERENCE, Ranging, measure
from conformance.areas.terminal.suite import BenchTexts, benches, check_rule, past_bound

# A reflector on a radar stream naming no calibrated meter and stage, or whose radar declares no field of
# view, or in which no place is held long enough to measure, is a stream the case measures and cannot judge
# (its 不确定 line): unjudged. One on no radar stream stays a note.
_TEXTS = BenchTexts("terminal.reflector-unjudged", "terminal.reflector-capped", "terminal.no-reflector-judged",
                    "terminal.no-reflector",
                    frozenset({"terminal.reflector-no-instrument", "terminal.radar-no-fov",
                               "terminal.reflector-no-hold"}), bounded=True)


@pytest.mark.requirement("TD-RADAR-001")
def test_each_frame_pairs_its_points_within_the_field_of_view(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "radar_points", ("radar",), msg("terminal.what-radar-frames"), "R1", unparsed=True)


def _judge(evidence: Evidence, judge: Judge, sid: str, got: Ranging, spec: dict, limits: tuple) -> None:
    """``limits``: the range error (m), the azimuth error (deg), the share of frames missing the reflector."""
    range_limit, azimuth_limit, missed_limit = limits
    held = spec.get(REFERENCE)
    meter = instrument_of(spec, REFERENCE)
    stage = declared(held.get("stage")) if isinstance(held, dict) else None
    for h in got.holds:
        at = {"stream": sid, "line": h.line, "t": h.t}
        place = {"sid": repr(sid), "distance": h.distance, "azimuth": h.azimuth}
        subject = f"{sid}@{h.t}"
        if judge("R1", msg("terminal.quantity-range-error"), subject, h.range_error, "m", range_limit, "max",
                 stated=meter, where={**at, "pointer": "/distance_m"}) == "fail":
            finding(evidence, msg("terminal.radar-range-error", **place, error=h.range_error, limit=range_limit),
                    file=judge.file, **at, pointer="/distance_m", rule="R1", actual=round(h.range_error, 4),
                    expected=f"<= {range_limit:g} m")
        if judge("R2", msg("terminal.quantity-azimuth-error"), subject, h.azimuth_error, "deg", azimuth_limit,
                 "max", stated=stage, where={**at, "pointer": "/azimuth_deg"}) == "fail":
            finding(evidence, msg("terminal.radar-azimuth-error", **place, error=h.azimuth_error, limit=azimuth_limit),
                    file=judge.file, **at, pointer="/azimuth_deg", rule="R2", actual=round(h.azimuth_error, 3),
                    expected=f"<= {azimuth_limit:g} deg")
        share = h.missed / h.frames
        if judge("R3", msg("terminal.quantity-radar-missed"), subject, share, "1", missed_limit, "max",
                 where={**at, "pointer": "/distance_m"}) == "fail":
            finding(evidence, msg("terminal.radar-missed", **place, missed=h.missed, frames=h.frames,
                                  share=100 * share, limit=100 * missed_limit),
                    file=judge.file, **at, pointer="/distance_m", rule="R3", actual=round(share, 4),
                    expected=f"<= {100 * missed_limit:g} % of the frames")
    if got.uncovered:  # a position of the plan left unmeasured: R1/R2 never judged there, no pass (38th's c11)
        evidence.unjudged(judge.file, msg("terminal.radar-holds-uncovered", sid=repr(sid), count=got.uncovered,
                                          minimum=MIN_FRAMES))
    evidence.note(msg("terminal.radar-measured", file=judge.file, sid=repr(sid), sensor=repr(got.sensor),
                      model=got.meter, count=len(got.holds), uncovered=got.uncovered, minimum=MIN_FRAMES))
    judge.close()


@pytest.mark.requirement("TD-RADAR-002")
def test_the_radar_places_the_corner_reflector(targets: Targets, evidence: Evidence, params: Parameters,
                                               catalog: Catalog):
    """Per still place of the corner reflector: the median range (R1) and azimuth (R2) error of the radar's point
    nearest it in each frame, and the share of frames with no point near it (R3)."""
    limits = (params.max_radar_range_error_m, params.max_radar_azimuth_error_deg, params.max_radar_missed)
    decision = rule_of(catalog, "TD-RADAR-002")
    for name, analysis, stats, got in benches(targets["captures"], evidence, REFERENCE, measure,
                                              lambda s: s.reflector, _TEXTS):
        past_bound(evidence, name, got.sensor, analysis.streams[got.sensor].radar, "terminal.radar-points-capped")
        _judge(evidence, Judge(evidence, "TD-RADAR-002", decision, name), stats.id, got, stats.spec, limits)
