"""Per-stream timing against the declared rate: effective rate, dropped frames, jitter."""

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas.terminal import timings
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.series import record_intervals
from conformance.areas.terminal.suite import analyses, unread_captures
from conformance.areas.terminal.timing import jitter_limit_ms


def _measured(targets: Targets, evidence: Evidence, jitter_ms, jitter_ratio, short_unjudged: bool = False):
    """``short_unjudged``: a rated stream of fewer than two frames is one TD-RATE-001/-002 cannot judge, so no pass
    beside a judged one (the thirty-eighth reading's c14, as TD-BCI-002); TD-RATE-003's own bound is 200 intervals."""
    found = short = False
    unread = unread_captures(targets["captures"])
    for name, analysis in analyses(targets["captures"]):
        measured, unmeasured = timings(analysis)
        if unmeasured:
            short = True
            text = msg("terminal.too-few-frames", file=name, streams=", ".join(unmeasured))
            if short_unjudged:
                evidence.unjudged(name, text)
            else:
                evidence.note(text)
        for timing in measured:
            found = True
            yield name, timing
    # the charts, passing or not, with each stream's jitter bound
    record_intervals(targets["captures"], evidence, jitter_ms, jitter_ratio)
    if not found and not evidence.findings_count:
        if unread:  # an unreadable input is not "no stream declares a rate" (3.23: 不确定)
            raise Inconclusive(msg("terminal.no-usable-header", count=unread))
        if short:
            raise Inconclusive(msg("terminal.no-measurable-stream"))
        # every profile this runs for requires a sampled stream, which E.3 makes declare rate_hz: missing evidence
        raise Inconclusive(msg("terminal.no-rate"))


@pytest.mark.requirement("TD-RATE-001")
def test_streams_run_at_declared_rate(targets: Targets, evidence: Evidence, params: Parameters):
    tolerance = params.rate_tolerance
    for name, rate in _measured(targets, evidence, None, None, short_unjudged=True):  # no TD-RATE-003 band
        summary = msg("terminal.rate", sid=repr(rate.stream), effective=rate.effective_hz, frames=rate.frames,
                      declared=rate.declared_hz)
        if rate.deviation() > tolerance:
            finding(evidence, msg("terminal.rate-off", summary=summary, deviation=rate.deviation()), file=name,
                              stream=rate.stream, actual=round(rate.effective_hz, 3),
                              expected=msg("terminal.expect-rate-within", rate=rate.declared_hz, tolerance=tolerance))
        else:
            evidence.note(msg("engine.at", where=name, message=summary))


@pytest.mark.requirement("TD-RATE-002")
def test_few_frames_dropped(targets: Targets, evidence: Evidence, params: Parameters):
    limit = params.max_drop_ratio
    for name, timing in _measured(targets, evidence, None, None, short_unjudged=True):  # no TD-RATE-003 band
        summary = msg("terminal.dropped", sid=repr(timing.stream), dropped=timing.dropped,
                      total=timing.frames + timing.dropped, ratio=timing.drop_ratio)
        if timing.drop_ratio > limit:
            finding(evidence, summary, file=name, stream=timing.stream, actual=round(timing.drop_ratio, 4),
                              expected=f"<= {limit}")
        else:
            evidence.note(msg("engine.at", where=name, message=summary))


@pytest.mark.requirement("TD-RATE-003")
def test_jitter_is_small(targets: Targets, evidence: Evidence, params: Parameters):
    floor, ratio, fewest = (params.number("max_jitter_p99_ms"), params.number("max_jitter_p99_ratio"),
                           params.integer("min_jitter_intervals"))
    judged = short = 0
    for name, timing in _measured(targets, evidence, floor, ratio):
        if timing.p99_jitter_ms is None:
            continue
        if timing.intervals < fewest:  # a p99 over few intervals is decided by their largest ones
            short += 1
            evidence.note(msg("terminal.too-few-intervals", file=name, sid=repr(timing.stream),
                              count=timing.intervals, fewest=fewest))
            continue
        judged += 1
        limit = jitter_limit_ms(timing.declared_hz, floor, ratio)
        summary = msg("terminal.jitter", sid=repr(timing.stream), jitter=timing.p99_jitter_ms)
        if timing.p99_jitter_ms > limit:
            finding(evidence, summary, file=name, stream=timing.stream, actual=timing.p99_jitter_ms,
                              expected=msg("terminal.expect-jitter-within", limit=limit, ratio=ratio,
                                           period=1e3 / timing.declared_hz, floor=floor))
        else:
            evidence.note(msg("engine.at", where=name, message=summary))
    if short and not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-stream-with-intervals", fewest=fewest))
