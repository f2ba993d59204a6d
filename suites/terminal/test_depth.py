"""Sensor performance (智能传感器的性能评定), infrared depth: a depth sensor's frames against its declared region
(TD-DEPTH-001), and its range to a flat reference target at known distances on a rail (TD-DEPTH-002)."""

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal.depth import MIN_FRAMES, REFERENCE, Ranging, measure
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import BenchTexts, benches, check_rule, past_bound

# A target on a depth stream naming no calibrated meter, whose sensor declares no region, or in which no position
# is held long enough to measure, is a stream the case measures and cannot judge (its 不确定 line): unjudged.
# One on no depth stream stays a note.
_TEXTS = BenchTexts("terminal.range-target-unjudged", "terminal.range-target-capped",
                    "terminal.no-range-target-judged", "terminal.no-range-target",
                    frozenset({"terminal.range-target-no-instrument", "terminal.depth-no-region",
                               "terminal.range-target-no-hold"}), bounded=True)


@pytest.mark.requirement("TD-DEPTH-001")
def test_each_frame_reads_every_pixel(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "depth_region", ("depth",), msg("terminal.what-depth-frames"), "R1", unparsed=True)


def _judge(evidence: Evidence, judge: Judge, sid: str, got: Ranging, spec: dict, limits: tuple) -> None:
    """``limits``: the range error and the temporal noise, each a share of the target's distance."""
    error_limit, noise_limit = limits
    meter = instrument_of(spec, REFERENCE)
    for h in got.holds:
        at = {"stream": sid, "line": h.line, "t": h.t, "pointer": "/distance_m"}
        u_b = meter.standard(h.distance) / h.distance if meter else 0.0
        error = abs(h.read - h.distance) / h.distance
        if judge("R1", msg("terminal.quantity-range-error"), f"{sid}@{h.t}", error, "1", error_limit, "max",
                 u_a=h.read_u / h.distance, u_b=u_b, instrument=meter is not None, b_from=meter, where=at) == "fail":
            finding(evidence, msg("terminal.depth-range-error", sid=repr(sid), distance=h.distance, read=h.read,
                                  error=100 * error, limit=100 * error_limit),
                    file=judge.file, **at, rule="R1", actual=round(h.read, 5),
                    expected=f"{h.distance:.4g} m +- {100 * error_limit:g} %")
        share = h.noise / h.distance
        if judge("R2", msg("terminal.quantity-depth-noise"), f"{sid}@{h.t}", share, "1", noise_limit, "max",
                 u_a=share / (2 * (h.frames - 1)) ** 0.5, where=at) == "fail":
            finding(evidence, msg("terminal.depth-noise", sid=repr(sid), distance=h.distance, noise=h.noise,
                                  share=100 * share, limit=100 * noise_limit),
                    file=judge.file, **at, rule="R2", actual=round(share, 5),
                    expected=f"<= {100 * noise_limit:g} % of the distance")
    if got.uncovered:  # a position of the plan left unmeasured: R1/R2 never judged there, no pass (38th's c11)
        evidence.unjudged(judge.file, msg("terminal.depth-holds-uncovered", sid=repr(sid), count=got.uncovered,
                                          minimum=MIN_FRAMES))
    evidence.note(msg("terminal.depth-measured", file=judge.file, sid=repr(sid), sensor=repr(got.sensor),
                      model=got.meter, count=len(got.holds), uncovered=got.uncovered, minimum=MIN_FRAMES))
    judge.close()


@pytest.mark.requirement("TD-DEPTH-002")
def test_the_sensor_ranges_the_reference_target(targets: Targets, evidence: Evidence, params: Parameters,
                                                catalog: Catalog):
    """Per still position of the reference target: the median of the sensor's region medians against the
    distance meter's reading (R1), and their standard deviation over the hold (R2)."""
    limits = (params.max_depth_range_error, params.max_depth_noise)
    decision = rule_of(catalog, "TD-DEPTH-002")
    for name, analysis, stats, got in benches(targets["captures"], evidence, REFERENCE, measure,
                                              lambda s: s.range_target, _TEXTS):
        past_bound(evidence, name, got.sensor, analysis.streams[got.sensor].depth, "terminal.depth-frames-capped")
        _judge(evidence, Judge(evidence, "TD-DEPTH-002", decision, name), stats.id, got, stats.spec, limits)
