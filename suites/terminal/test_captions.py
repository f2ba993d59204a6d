"""Captions carried in streams: caption tracks after WebVTT's cue model, and speech captioned
where the device declares captions (W3C XAUR)."""

import numpy as np
import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas.terminal.captions import covered
from conformance.areas.terminal.model import DETAIL_LIMIT, finding
from conformance.areas.terminal.suite import analyses, nothing_judged, record
from conformance.areas.terminal.voice import span


@pytest.mark.requirement("TD-CAPT-001")
def test_caption_cues_are_timed_ordered_and_tagged(targets: Targets, evidence: Evidence):
    """The track's and cues' form (the analysis's caption_cues log, R1 to R5 set by each finding), then each
    track's cues within the sound of the stream it captions (R6)."""
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, analysis.log("caption_cues"))
        for stats in analysis.streams_of("caption"):
            judged += 1
            target = stats.spec.get("annotates")
            captioned = analysis.streams.get(target) if isinstance(target, str) else None
            state = stats.captions
            sound = span(analysis, captioned) if captioned is not None else None
            if sound is None or state is None or not state.spans:
                continue
            cues = state.pairs()
            before = evidence.findings_count
            early = int(cues[:, 0].min())
            if early < sound[0]:
                finding(evidence, msg("terminal.caption-outside", sid=repr(stats.id), t=early, target=repr(target),
                                      first=sound[0], last=sound[1]),
                                  file=name, stream=stats.id, t=early, rule="R6", actual=early,
                                  expected=f">= {sound[0]}")
            if state.latest is not None and state.latest[0] > sound[1]:
                finding(evidence, msg("terminal.caption-outside", sid=repr(stats.id), t=state.latest[0],
                                      target=repr(target), first=sound[0], last=sound[1]),
                                  file=name, **state.latest[1], rule="R6", expected=f"<= {sound[1]}")
            if evidence.findings_count == before:
                evidence.note(msg("terminal.caption-within", file=name, sid=repr(stats.id), count=len(cues),
                                  target=repr(target)))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-caption"))


def _claims_captions(analysis):
    device = analysis.header.get("device") if isinstance(analysis.header, dict) else None
    access = device.get("accessibility") if isinstance(device, dict) else None
    return isinstance(access, dict) and access.get("captions") is True


@pytest.mark.requirement("TD-CAPT-002")
def test_declared_captions_cover_the_speech(targets: Targets, evidence: Evidence, params: Parameters):
    ratio, delay_ms = params.min_caption_coverage, params.max_caption_delay_ms
    judged = shown = 0
    for name, analysis in analyses(targets["captures"]):
        if not analysis.header_usable:
            continue
        claimed = _claims_captions(analysis)
        for voice in analysis.streams_of("voice"):
            segments = [s.captions.pairs() for s in analysis.streams_of("voice_event")
                        if s.spec.get("annotates") == voice.id and s.captions is not None and s.captions.spans]
            if not segments:
                continue
            if not claimed:
                evidence.note(msg("terminal.captions-not-claimed", file=name))
                continue
            judged += 1
            speech = segments[0] if len(segments) == 1 else np.concatenate(segments)
            tracks = [s for s in analysis.streams_of("caption") if s.spec.get("annotates") == voice.id]
            if not tracks:
                finding(evidence, msg("terminal.caption-no-track", target=repr(voice.id), segments=len(speech)),
                                  file=name, stream=voice.id, line=1, pointer="/device/accessibility/captions",
                                  rule="R1")
                continue
            cues = [s.captions.pairs() for s in tracks if s.captions is not None]
            share = covered(speech, np.concatenate(cues) if cues else speech[:0],
                            round(delay_ms * 1e6))
            short = [k for k in range(len(speech)) if share[k] < ratio]
            for k in short:
                shown += 1
                if shown > DETAIL_LIMIT:
                    continue
                start, end = int(speech[k, 0]), int(speech[k, 1])
                finding(evidence, msg("terminal.caption-uncovered", target=repr(voice.id), start=start, end=end,
                                      seconds=(end - start) / 1e9, share=float(share[k]), ratio=ratio, delay=delay_ms),
                                  file=name, stream=voice.id, t=start, rule="R2", actual=round(float(share[k]), 4),
                                  expected=f">= {ratio:g}")
            if not short:
                evidence.note(msg("terminal.caption-covered", file=name, segments=len(speech), target=repr(voice.id),
                                  tracks=", ".join(repr(s.id) for s in tracks)))
    if shown > DETAIL_LIMIT:
        evidence.note(msg("terminal.more-like-these", count=shown - DETAIL_LIMIT, listed=DETAIL_LIMIT))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-captioned-speech"))


@pytest.mark.requirement("TD-CAPT-003")
def test_placed_captions_are_near_their_source(targets: Targets, evidence: Evidence, params: Parameters):
    limit = params.max_caption_source_offset_m
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for source in analysis.streams_of("audio"):
            if source.caption_source is not None:
                source.caption_source.close()  # cues after the source's last block: against its last position
        for stats in analysis.streams_of("caption"):
            state = stats.captions
            if state is not None and state.unplaced:  # no source position at their start: a cue unjudged
                evidence.unjudged(name, msg("terminal.caption-unplaced", file=name, sid=repr(stats.id),
                                            count=state.unplaced))
            if state is None or not state.offsets:
                continue
            judged += 1
            offsets = np.array(state.offsets)
            far = int(np.count_nonzero(offsets > limit))
            if far and state.farthest is not None:
                finding(evidence, msg("terminal.caption-far", sid=repr(stats.id), offset=state.farthest[0], limit=limit,
                                      far=far, count=len(offsets)), file=name, **state.farthest[1])
            else:
                evidence.note(msg("terminal.caption-near", file=name, sid=repr(stats.id), count=len(offsets),
                                  offset=float(offsets.max())))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-placed-caption"))
