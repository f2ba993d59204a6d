"""Voice interaction: the captured speech, its wake-word and voice-activity events, its transcripts."""

import pytest

from conformance import Evidence, Targets, msg
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, check_rule, nothing_judged, record
from conformance.areas.terminal.voice import span

#: TD-VOICE-003's rules a transcript stream's alignment breaks: R1 (annotates a voice stream), R6 (the span
#: within that stream's sound); TD-VOICE-002 defines no rules
TRANSCRIPT_RULES = {"annotates": "R1", "outside": "R6"}

@pytest.mark.requirement("TD-VOICE-001")
def test_voice_capture_declares_rate_and_layout(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "voice_format", ("voice",), msg("terminal.what-voice-streams"))


def _aligned(targets: Targets, evidence: Evidence, kind, log_of, absent, rules=None):
    """Record the findings of the rule ``log_of(analysis)`` holds, then hold each ``kind``
    stream to the sound of the voice stream it annotates: what it refers to lies within that
    sound's span on the capture clock. ``rules`` maps ``annotates`` and ``outside`` to the
    requirement's R-numbers (none where it defines no rules)."""
    rules = rules or {}
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, log_of(analysis))
        for stats in analysis.streams_of(kind):
            judged += 1
            target = stats.spec.get("annotates")
            voice = analysis.streams.get(target) if isinstance(target, str) else None
            if voice is None or voice.type != "voice":
                finding(evidence, msg("terminal.voice-annotates-nothing", kind=kind, sid=repr(stats.id),
                                      target=repr(target)),
                                  file=name, stream=stats.id, line=1, pointer=f"/streams/{stats.index}/annotates",
                                  rule=rules.get("annotates"), actual=target,
                                  expected=[s.id for s in analysis.streams_of("voice")])
                continue
            before = evidence.findings_count
            if kind == "voice_event" and stats.reversed:
                finding(evidence, msg("terminal.voice-event-order", sid=repr(stats.id), count=stats.reversed),
                                  file=name, stream=stats.id, actual=stats.reversed, expected=0)
            sound = span(analysis, voice)
            state = stats.voice
            if sound is None or not stats.frames or state is None:
                continue
            times = (state.first_t, state.last_t) if kind == "transcript" else (stats.first_t, stats.last_t)
            for t in sorted({t for t in times if t is not None}):
                if not sound[0] <= t <= sound[1]:
                    finding(evidence, msg("terminal.voice-outside", kind=kind, sid=repr(stats.id), t=t,
                                          target=repr(target), first=sound[0], last=sound[1]),
                                      file=name, stream=stats.id, t=t, rule=rules.get("outside"), actual=t,
                                      expected=f"{sound[0]} .. {sound[1]}")
            if evidence.findings_count == before:
                evidence.note(msg("terminal.voice-aligned", file=name, kind=kind, sid=repr(stats.id),
                                  count=stats.frames, target=repr(target)))
    if not judged:
        nothing_judged(targets, evidence, absent)


@pytest.mark.requirement("TD-VOICE-002")
def test_voice_events_are_paired_and_on_the_capture_clock(targets: Targets, evidence: Evidence):
    _aligned(targets, evidence, "voice_event", lambda analysis: analysis.log("voice_events"),
             msg("terminal.no-voice-event"))


@pytest.mark.requirement("TD-VOICE-003")
def test_transcripts_are_timed_within_the_speech(targets: Targets, evidence: Evidence):
    _aligned(targets, evidence, "transcript", lambda analysis: analysis.log("voice_transcripts"),
             msg("terminal.no-transcript"), TRANSCRIPT_RULES)
