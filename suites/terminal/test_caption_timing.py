"""Captions measured against the speech they caption: the reference corpus played to the device, its caption
cues' onset and offset latency and completeness (TD-CAPT-004)."""

import pytest

from conformance import Catalog, Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas.terminal.caption_timing import CaptionTiming, measure
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses


def _judge(evidence: Evidence, judge: Judge, got: CaptionTiming, max_delay_ms: float, min_completeness: float) -> None:
    """R1: each phrase captioned, its first cue within max_caption_delay_ms of its onset; R2: its captions
    shown until it ends (offset latency >= 0); R3: its captions carrying at least min_caption_completeness of
    its reference units. Times are the capture clock's (no uncertainty stated); completeness is a count of
    units, judged as counted."""
    for p in got.phrases:
        where = {"stream": got.voice, "t": p.t}
        subject = f"{got.voice}@{p.t}"
        if p.onset_ms is None:
            finding(evidence, msg("terminal.caption-timing-none", sid=repr(got.voice), t=p.t, phrase=p.phrase),
                    file=judge.file, **where, rule="R1", actual=None, expected="a cue")
            continue
        if judge("R1", msg("terminal.quantity-caption-onset"), subject, p.onset_ms, "ms", max_delay_ms,
                 "max", where=where) == "fail":
            finding(evidence, msg("terminal.caption-timing-late", sid=repr(got.voice), t=p.t, phrase=p.phrase,
                                  latency=p.onset_ms, limit=max_delay_ms),
                    file=judge.file, **where, rule="R1", actual=round(p.onset_ms, 1),
                    expected=f"<= {max_delay_ms:g} ms")
        if judge("R2", msg("terminal.quantity-caption-offset"), subject, p.offset_ms, "ms", 0.0, "min",
                 where=where) == "fail":
            finding(evidence, msg("terminal.caption-timing-gone", sid=repr(got.voice), t=p.t, phrase=p.phrase,
                                  early=-p.offset_ms),
                    file=judge.file, **where, rule="R2", actual=round(p.offset_ms, 1), expected=">= 0 ms")
        if judge("R3", msg("terminal.quantity-caption-completeness"), subject, p.completeness, "1",
                 min_completeness, "min", where=where) == "fail":
            finding(evidence, msg("terminal.caption-timing-incomplete", sid=repr(got.voice), t=p.t, phrase=p.phrase,
                                  share=p.completeness, limit=min_completeness, shown=p.shown),
                    file=judge.file, **where, rule="R3", actual=round(p.completeness, 3),
                    expected=f">= {min_completeness:g}")


@pytest.mark.requirement("TD-CAPT-004")
def test_captions_follow_the_speech_they_caption(targets: Targets, evidence: Evidence, params: Parameters,
                                                 catalog: Catalog):
    """Over the reference corpus the test played to a device that shows captions (a voice stream declaring its
    speech_stimulus, a caption stream annotating it): R1 onset latency, R2 offset, R3 completeness. Without
    such a stream the requirement is inconclusive, naming the reason."""
    decision = rule_of(catalog, "TD-CAPT-004")
    judged, reasons = 0, []
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("voice"):
            stimulus = stats.spec.get("speech_stimulus")
            if not isinstance(stimulus, dict) or "presentations" not in stimulus:
                continue  # no corpus was played to it (nothing, or TD-VOICE-004's listening hour): not this one's
            if not any(c.spec.get("annotates") == stats.id for c in analysis.streams_of("caption")):
                reasons.append(msg("terminal.caption-timing-unjudged", file=name, sid=repr(stats.id),
                                   reason=msg("terminal.caption-timing-no-cues")))
                continue  # no caption record of it (TD-VOICE-004's recognition bench, say): not this one's
            got = measure(stats, captioned=True)
            if isinstance(got, tuple):
                reasons.append(msg(got[0], **got[1]))
                # a declared stream not judged: the run cannot pass (the terminal area's rule, as TD-PERF-002's)
                evidence.unjudged(name, msg("terminal.caption-timing-unjudged", file=name, sid=repr(stats.id),
                                            reason=reasons[-1]))
                continue
            judged += 1
            judge = Judge(evidence, "TD-CAPT-004", decision, name)
            _judge(evidence, judge, got, params.max_caption_delay_ms, params.min_caption_completeness)
            onsets = [p.onset_ms for p in got.phrases if p.onset_ms is not None]
            evidence.note(msg("terminal.caption-timing-measured", file=name, sid=repr(stats.id),
                              phrases=len(got.phrases), low=min(onsets, default=0.0), high=max(onsets, default=0.0)))
            judge.close()
    if not judged and not evidence.findings_count:
        if reasons:
            raise Inconclusive(msg("terminal.caption-timing-none-judged", count=len(reasons), reason=reasons[0]))
        raise Inconclusive(msg("terminal.no-speech-stimulus"))
