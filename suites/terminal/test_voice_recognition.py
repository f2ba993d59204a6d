"""Speech recognition, wake words and voice activity measured on the reference corpus the test plays to the
device (TD-VOICE-004)."""

from dataclasses import dataclass

import pytest

from conformance import Catalog, Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import u_proportion, u_rate
from conformance.areas.terminal.false_accepts import Listening, listening
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.recognition import CAPPED, EARLY_S, MIN_WAKE_PLAYS, Recognition, measure
from conformance.areas.terminal.suite import analyses


@dataclass(frozen=True)
class VoiceLimits:
    """TD-VOICE-004's parameters, read by the marked test and handed on to the judging."""
    max_error_rate_quiet: float
    max_error_rate_noise: float
    max_wake_miss_ratio: float
    max_vad_onset_ms: float
    max_vad_offset_ms: float
    max_false_accepts_per_hour: float


def _judge(evidence: Evidence, judge: Judge, got: Recognition, limits: VoiceLimits) -> None:
    """R1, R2: each condition's error rate over the corpus (a share of its reference units, binomial type A);
    R3: the share of wake words missed (binomial); R4: each phrase's voice-activity onset and offset errors
    (the capture clock's own, no uncertainty stated): the onset's signed, how late the start came (R4's early side
    is the EARLY_S the start is looked for from, a phrase whose only start is earlier having none), the offset's
    either way."""
    where = {"stream": got.voice}
    rules = {"quiet": ("R1", limits.max_error_rate_quiet), "noise": ("R2", limits.max_error_rate_noise)}
    for score in got.scores:
        rule, limit = rules[score.condition]
        errors = min(score.substitutions + score.deletions + score.insertions, score.units)
        if judge(rule, msg("terminal.quantity-error-rate"), f"{got.voice}@{score.condition}", score.rate, "1",
                 limit, "max", u_a=u_proportion(errors, score.units), where=where) == "fail":
            phrase, reference, hypothesis = score.worst or ("", "", "")
            finding(evidence, msg("terminal.recognition-rate", sid=repr(got.voice), condition=score.condition,
                                  rate=score.rate, units=score.units, unit=got.unit, subs=score.substitutions,
                                  dels=score.deletions, ins=score.insertions, limit=limit, phrase=phrase,
                                  reference=reference, hypothesis=hypothesis),
                    file=judge.file, **where, rule=rule, actual=round(score.rate, 4), expected=f"<= {limit:g}")
    if got.wakes < MIN_WAKE_PLAYS:  # step 2's minimum: fewer plays leave R3 unjudged (the 38th reading's c15)
        evidence.unjudged(judge.file, msg("terminal.recognition-few-wakes", sid=repr(got.voice), wakes=got.wakes,
                                          minimum=MIN_WAKE_PLAYS))
    if got.wakes:
        share = len(got.missed_wakes) / got.wakes
        if judge("R3", msg("terminal.quantity-wake-misses"), got.voice, share, "1", limits.max_wake_miss_ratio, "max",
                 u_a=u_proportion(len(got.missed_wakes), got.wakes), where=where) == "fail":
            finding(evidence, msg("terminal.recognition-wake-missed", sid=repr(got.voice), missed=len(got.missed_wakes),
                                  wakes=got.wakes, t=got.missed_wakes[0], limit=limits.max_wake_miss_ratio),
                    file=judge.file, **where, t=got.missed_wakes[0], rule="R3", actual=round(share, 4),
                    expected=f"<= {limits.max_wake_miss_ratio:g}")
    for key, quantity, pairs, limit, expected in (
            ("terminal.recognition-vad-onset", "terminal.quantity-vad-onset", got.onsets_ms, limits.max_vad_onset_ms,
             f"-{EARLY_S * 1000:g} ms <= error <= {limits.max_vad_onset_ms:g} ms"),
            ("terminal.recognition-vad-offset", "terminal.quantity-vad-offset", got.offsets_ms,
             limits.max_vad_offset_ms, f"|error| <= {limits.max_vad_offset_ms:g} ms")):
        onset = key == "terminal.recognition-vad-onset"
        for t, error in pairs:
            value = float("inf") if error is None else error if onset else abs(error)
            if error is None or judge("R4", msg(quantity), f"{got.voice}@{t}", value, "ms", limit, "max",
                                      where={**where, "t": t}) == "fail":
                finding(evidence, msg(key, sid=repr(got.voice), t=t,
                                      error="none" if error is None else f"{error:.0f}", limit=limit, early=EARLY_S),
                        file=judge.file, **where, t=t, rule="R4", actual=None if error is None else round(error, 1),
                        expected=expected)


def _judge_listening(evidence: Evidence, judge: Judge, got: Listening, limit: float) -> None:
    """R5: the wake_word events over the hours of speech without the wake word, per hour (Poisson type A)."""
    count = len(got.false_accepts)
    rate = count / got.hours
    if judge("R5", msg("terminal.quantity-false-accepts"), got.voice, rate, "1/h", limit, "max",
             u_a=u_rate(count, got.hours), where={"stream": got.voice}) == "fail":
        finding(evidence, msg("terminal.listening-false-accepts", sid=repr(got.voice), count=count, hours=got.hours,
                              material=got.material, rate=rate, t=got.false_accepts[0], limit=limit),
                file=judge.file, stream=got.voice, t=got.false_accepts[0], rule="R5", actual=round(rate, 3),
                expected=f"<= {limit:g} per hour")


@pytest.mark.requirement("TD-VOICE-004")
def test_the_device_recognises_the_reference_corpus(targets: Targets, evidence: Evidence, params: Parameters,
                                                    catalog: Catalog):
    """R1, R2: the character (Chinese) or word (English) error rate of the device's final results on the
    catalog's corpus, in quiet within max_error_rate_quiet and in noise within max_error_rate_noise; R3: wake
    words missed within max_wake_miss_ratio; R4: speech_start and speech_end within max_vad_onset_ms and
    max_vad_offset_ms of each phrase's onset and end; R5: wake_word events over the hour of speech without the
    wake word within max_false_accepts_per_hour. Without a voice stream declaring the corpus played, or one
    recording the listening hour, the requirement is inconclusive, naming the reason."""
    decision = rule_of(catalog, "TD-VOICE-004")
    limits = VoiceLimits(params.max_error_rate_quiet, params.max_error_rate_noise, params.max_wake_miss_ratio,
                         params.max_vad_onset_ms, params.max_vad_offset_ms, params.max_false_accepts_per_hour)
    judged, listened, reasons = 0, 0, []
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("voice"):
            if not isinstance(stats.spec.get("speech_stimulus"), dict):
                continue  # a voice stream the test played nothing to: not this requirement's
            heard = listening(stats)
            if isinstance(heard, tuple):
                said = msg("terminal.recognition-unjudged", file=name, sid=repr(stats.id),
                           reason=msg(heard[0], **heard[1]))
                if heard[0] == CAPPED:  # past the reading bound: unjudged, the run cannot pass (sixty-ninth reading)
                    evidence.unjudged(name, said)
                else:
                    evidence.note(said)
            elif heard is not None:
                listened += 1
                judge = Judge(evidence, "TD-VOICE-004", decision, name)
                _judge_listening(evidence, judge, heard, limits.max_false_accepts_per_hour)
                evidence.note(msg("terminal.listening-measured", file=name, sid=repr(stats.id),
                                  count=len(heard.false_accepts), hours=heard.hours, material=heard.material))
                judge.close()
                if "presentations" not in stats.spec["speech_stimulus"]:
                    continue  # the listening hour alone: no corpus played to it
            got = measure(analysis, stats)
            if isinstance(got, tuple):
                reasons.append(msg(got[0], **got[1]))
                said = msg("terminal.recognition-unjudged", file=name, sid=repr(stats.id), reason=reasons[-1])
                if got[0] == CAPPED:
                    evidence.unjudged(name, said)
                else:
                    evidence.note(said)
                continue
            judged += 1
            judge = Judge(evidence, "TD-VOICE-004", decision, name)
            _judge(evidence, judge, got, limits)
            quiet, noise = (next(s.rate for s in got.scores if s.condition == c) for c in ("quiet", "noise"))
            evidence.note(msg("terminal.recognition-measured", file=name, sid=repr(stats.id), unit=got.unit,
                              quiet=quiet, noise=noise, wakes=got.wakes, missed=len(got.missed_wakes),
                              false=got.false_accepts, span=got.span_s))
            judge.close()
    if not judged and not evidence.findings_count:
        if reasons:
            raise Inconclusive(msg("terminal.recognition-none-judged", count=len(reasons), reason=reasons[0]))
        raise Inconclusive(msg("terminal.no-speech-stimulus"))
    if not listened and not evidence.findings_count:
        raise Inconclusive(msg("terminal.listening-unmeasured"))
