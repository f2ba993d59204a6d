"""Display frames: refresh held against the declared rate, and a motion-to-photon proxy."""

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas.terminal import timings
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, check_rule, unparsed_frames


def _refresh_rates(analysis):
    device = analysis.header.get("device") if isinstance(analysis.header, dict) else None
    system = device.get("system") if isinstance(device, dict) else None
    display = system.get("display") if isinstance(system, dict) else None
    rates = display.get("refresh_rates_hz") if isinstance(display, dict) else None
    return [r for r in rates if isinstance(r, int | float)] if isinstance(rates, list) else None


def _no_display(evidence: Evidence):
    if not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-display"))


@pytest.mark.requirement("TD-DISP-001")
def test_display_refresh_is_steady(targets: Targets, evidence: Evidence, params: Parameters):
    missed_limit, ratio, fewest = params.max_missed_frame_ratio, params.max_frame_time_deviation_ratio, \
        params.min_display_frames
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        rates = _refresh_rates(analysis)
        measured = {t.stream: t for t in timings(analysis)[0]}
        if rates is None and analysis.streams_of("display"):  # step 2: the rate rule is not judged, and said so
            evidence.note(msg("terminal.display-rates-undeclared", file=name))
        for stats in analysis.streams_of("display"):
            before = evidence.findings_count
            where = {"file": name, "stream": stats.id}
            if rates is not None and stats.rate_hz is not None and stats.rate_hz not in rates:
                finding(evidence, msg("terminal.display-refresh", sid=repr(stats.id), rate=stats.rate_hz,
                                      rates=", ".join(f"{r:g}" for r in rates)),
                                  **where, line=1, pointer=f"/streams/{stats.index}/rate_hz", actual=stats.rate_hz,
                                  expected=rates)
            if stats.rate_hz is None:  # no period to measure against: its own reason, not "0 frames"
                evidence.unjudged(name, msg("terminal.display-no-rate", file=name, sid=repr(stats.id)))
                continue
            timing = measured.get(stats.id)
            # "over at least 200 frames": the frames are counted (their intervals are one fewer)
            if timing is None or timing.frames < fewest or timing.p99_jitter_ms is None:
                evidence.unjudged(name, msg("terminal.display-too-few", file=name, sid=repr(stats.id),
                                  count=0 if timing is None else timing.frames, fewest=fewest))
                continue
            judged += 1
            if timing.drop_ratio > missed_limit:
                finding(evidence, msg("terminal.display-missed", sid=repr(stats.id), missed=timing.dropped,
                                      total=timing.frames + timing.dropped, ratio=timing.drop_ratio,
                                      limit=missed_limit),
                                  **where, actual=round(timing.drop_ratio, 5), expected=f"<= {missed_limit:g}")
            period = 1e3 / timing.declared_hz
            if timing.p99_jitter_ms > ratio * period:
                finding(evidence, msg("terminal.display-frame-time", sid=repr(stats.id), jitter=timing.p99_jitter_ms,
                                      limit=ratio * period, ratio=ratio, period=period),
                                  **where, actual=timing.p99_jitter_ms, expected=f"<= {ratio * period:.3g} ms")
            if evidence.findings_count == before:
                evidence.note(msg("terminal.display-steady", file=name, sid=repr(stats.id), frames=timing.frames,
                                  rate=timing.declared_hz, missed=timing.dropped, jitter=timing.p99_jitter_ms))
    if not judged and not evidence.unjudged_inputs:  # streams left unjudged name their own reasons
        _no_display(evidence)


@pytest.mark.requirement("TD-DISP-002")
def test_motion_to_photon_proxy_is_short(targets: Targets, evidence: Evidence, params: Parameters):
    limit, fewest = params.max_motion_to_photon_ms, params.min_display_frames
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        # a display frame that is there but does not parse (no pose_t) is the product's fail here too (35th's a2)
        evidence.findings_from(unparsed_frames(analysis, "display", None), file=name)
        for stats in analysis.streams_of("display"):
            state = stats.latency
            if state is None:  # a declared display stream with no frame: in scope, not judged
                evidence.unjudged(name, msg("terminal.display-too-few", file=name, sid=repr(stats.id), count=0,
                                            fewest=fewest))
                continue
            if state.early and state.first_early is not None:
                finding(evidence, msg("terminal.display-pose-later", sid=repr(stats.id), count=state.early),
                                  file=name, **state.first_early)
            if state.frames < fewest:
                evidence.unjudged(name, msg("terminal.display-too-few", file=name, sid=repr(stats.id),
                                            count=state.frames, fewest=fewest))
                continue
            judged += 1
            p99 = state.p99_ms()
            if p99 is not None and p99 > limit:
                finding(evidence, msg("terminal.display-latency", sid=repr(stats.id), latency=p99, frames=state.frames,
                                      limit=limit), file=name, stream=stats.id, actual=p99, expected=f"<= {limit:g} ms")
            elif p99 is not None:
                evidence.note(msg("terminal.display-latency-ok", file=name, sid=repr(stats.id), latency=p99,
                                  frames=state.frames))
    if not judged:
        _no_display(evidence)


@pytest.mark.requirement("TD-DISP-003")
def test_near_eye_display_persistence_is_within_a_frame(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "display_declared", ("display",), msg("terminal.what-display-streams"))


@pytest.mark.requirement("TD-DISP-007")
def test_near_eye_display_ipd_range_is_consistent(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "display_ipd", ("display",), msg("terminal.what-display-streams"))


@pytest.mark.requirement("TD-DISP-008")
def test_each_eye_has_its_display_stream(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "display_eyes", ("display",), msg("terminal.what-display-streams"))


@pytest.mark.requirement("TD-DISP-006")
def test_the_two_images_of_one_frame_are_shown_together(targets: Targets, evidence: Evidence, params: Parameters):
    limit = params.max_eye_skew_ms
    for name, analysis in analyses(targets["captures"]):
        pairs = {id(s.latency.skew): s.latency.skew for s in analysis.streams_of("display")
                 if s.latency is not None and s.latency.skew is not None}
        for skew in pairs.values():
            if skew.worst is not None and skew.worst_ns / 1e6 > limit:
                finding(evidence, msg("terminal.display-eye-skew", skew=skew.worst_ns / 1e6, limit=limit,
                                      over=max(skew.over(limit), 1), pairs=skew.pairs),
                                  file=name, **skew.worst, expected=f"<= {limit:g} ms")
            elif skew.pairs:
                evidence.note(msg("terminal.display-eye-skew-ok", file=name, pairs=skew.pairs,
                                  skew=skew.worst_ns / 1e6))
