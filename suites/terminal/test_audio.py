"""Spatial audio: ambisonic scenes after AmbiX, positioned sound objects, the audio clock."""

import pytest

from conformance import msg
from conformance.areas.terminal.audio import declaration
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, check_rule, nothing_judged

#: Streams whose first frame marks when the capture's poses begin.
POSED = ("pose", "eye_gaze", "hand", "body")




@pytest.mark.requirement("TD-AUD-001")
def test_audio_is_declared_as_ambix_or_a_staged_object(targets, evidence):
    check_rule(targets, evidence, "audio_format", ("audio",), msg("terminal.what-audio-streams"))


@pytest.mark.requirement("TD-AUD-002")
def test_audio_timestamps_follow_the_pose_clock(targets, evidence, params):
    drift_limit, offset_limit = params.max_audio_clock_drift, params.max_audio_offset_ms
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        posed = [s for s in analysis.streams_of(*POSED) if s.first_t is not None]
        first_pose = min(posed, key=lambda s: s.first_t) if posed else None
        for stats in analysis.streams_of("audio"):
            state, rate = stats.audio, declaration(stats).get("sample_rate_hz")
            if state is None or state.blocks < 2 or not isinstance(rate, int | float) or rate <= 0 \
                    or stats.first_t is None or stats.last_t is None:
                continue
            judged += 1
            before = evidence.findings_count
            span_ms = (stats.last_t - stats.first_t) / 1e6  # from the first block's first sample to the last's
            audio_ms = (state.samples - state.last_samples) / rate * 1e3
            drift = abs(span_ms - audio_ms) / audio_ms if audio_ms > 0 else float("inf")
            if drift > drift_limit:
                finding(evidence, msg("terminal.audio-drift", sid=repr(stats.id), span_ms=span_ms, audio_ms=audio_ms,
                                      drift=drift, limit=drift_limit),
                                  file=name, stream=stats.id, actual=round(drift, 6), expected=f"<= {drift_limit:g}")
            if first_pose is not None and first_pose.first_t is not None:
                offset_ms = (stats.first_t - first_pose.first_t) / 1e6
                if abs(offset_ms) > offset_limit:
                    finding(evidence, msg("terminal.audio-offset", sid=repr(stats.id), offset_ms=offset_ms,
                                          pose=repr(first_pose.id), limit=offset_limit),
                                      file=name, stream=stats.id, t=stats.first_t, actual=round(offset_ms, 3),
                                      expected=f"|offset| <= {offset_limit:g} ms")
            if evidence.findings_count == before:
                evidence.note(msg("terminal.audio-aligned", file=name, sid=repr(stats.id), drift=drift,
                                  blocks=state.blocks))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-audio"))


@pytest.mark.requirement("TD-AUD-003")
def test_audio_objects_stay_within_the_tracking_volume(targets, evidence, params):
    margin = params.audio_object_margin_m
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        if analysis.volume is None:
            continue
        for stats in analysis.streams_of("audio"):
            if declaration(stats).get("format") != "object" or stats.audio is None:
                continue
            outside = stats.audio.outside
            if not outside.count:
                continue
            judged += 1
            if outside.value > margin and outside.where is not None:
                finding(evidence, msg("terminal.audio-outside", sid=repr(stats.id), distance=outside.value,
                                      margin=margin), file=name, **outside.where,
                                  expected=msg("terminal.expect-within-volume", low=str(analysis.volume[0].tolist()),
                                               high=str(analysis.volume[1].tolist())))
            else:
                evidence.note(msg("terminal.audio-inside", file=name, sid=repr(stats.id), count=outside.count,
                                  distance=outside.value))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-audio-object"))
