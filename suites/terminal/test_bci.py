"""Brain-computer interface streams (EEG, EMG after BIDS-EEG), their event markers, a decoder's
decisions against the labelled stimuli, and the signal chain against a calibrated test signal, read from the
amplifier's own record (TD-BCI-007) and through the runtime test interface (TD-BCI-008)."""

import math

import pytest

from conformance import Catalog, Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import ONE_READING, u_proportion
from conformance.areas._shared.uncertainty import declared as declared_uncertainty
from conformance.areas.terminal import biosignal_interface, calibration, timings
from conformance.areas.terminal.bci import BIOSIGNAL_TYPES, range_of
from conformance.areas.terminal.decoding import (
    MAX_DECISION_LATENCY_S,
    MAX_EVENTS,
    MarkerEvents,
    chance_bound,
    decoder_of,
    score,
)
from conformance.areas.terminal.measured import Judge, rule_of, type_b
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, check_rule, nothing_judged


def _biosignals(targets: Targets):
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of(*BIOSIGNAL_TYPES):
            yield name, analysis, stats




@pytest.mark.requirement("TD-BCI-001")
def test_channels_are_described_as_bids_eeg_does(targets: Targets, evidence: Evidence):
    check_rule(targets, evidence, "bci_channels", BIOSIGNAL_TYPES, msg("terminal.what-biosignal-streams"))


@pytest.mark.requirement("TD-BCI-002")
def test_the_sampling_rate_is_held(targets: Targets, evidence: Evidence, params: Parameters):
    tolerance = params.max_sample_rate_deviation
    judged = 0
    for name, analysis, stats in _biosignals(targets):
        timing = next((t for t in timings(analysis)[0] if t.stream == stats.id), None)
        if timing is None:  # no rate declared, or fewer than two samples: a stream of the set unjudged
            evidence.unjudged(name, msg("terminal.bci-rate-unmeasured", file=name, sid=repr(stats.id),
                                        frames=stats.frames))
            continue
        judged += 1
        where = {"file": name, "stream": stats.id}
        if timing.deviation() > tolerance:
            finding(evidence, msg("terminal.bci-rate-off", sid=repr(stats.id), effective=timing.effective_hz,
                                  declared=timing.declared_hz, deviation=timing.deviation(), tolerance=tolerance),
                              **where, actual=round(timing.effective_hz, 4), expected=timing.declared_hz)
        if stats.gaps:
            finding(evidence, msg("terminal.bci-gaps", sid=repr(stats.id), gaps=stats.gaps, dropped=stats.dropped),
                              **where, actual=stats.gaps, expected=0)
        if timing.deviation() <= tolerance and not stats.gaps:
            evidence.note(msg("terminal.bci-rate-held", file=name, sid=repr(stats.id), effective=timing.effective_hz,
                              frames=timing.frames, declared=timing.declared_hz))
    if not judged:
        nothing_judged(targets, evidence, msg("terminal.no-biosignal"))


@pytest.mark.requirement("TD-BCI-003")
def test_values_are_within_the_declared_range(targets: Targets, evidence: Evidence):
    for name, _, stats in _biosignals(targets):  # a stream in scope with no range to compare with: unjudged
        if range_of(stats) is None:
            evidence.unjudged(name, msg("terminal.bci-range-unjudged", file=name, sid=repr(stats.id)))
    check_rule(targets, evidence, "bci_range", BIOSIGNAL_TYPES, msg("terminal.what-biosignal-values"), unparsed=True)


@pytest.mark.requirement("TD-BCI-004")
def test_no_channel_is_flat_or_saturated(targets: Targets, evidence: Evidence, params: Parameters):
    flat_limit, saturated_limit = params.max_flat_channel_ms, params.max_saturated_ratio
    judged = 0
    for name, _, stats in _biosignals(targets):
        signal = stats.signal
        if signal is None or not signal.samples:  # in scope, not judged: no usable channels or no frame that parses
            evidence.unjudged(name, msg("terminal.bci-channels-unjudged", file=name, sid=repr(stats.id)))
            continue
        judged += 1
        names = [str(c.get("name")) for c in stats.spec.get("channels", [])]
        for k, flat in enumerate(signal.flat):
            if flat.value > flat_limit and flat.where is not None:
                finding(evidence, msg("terminal.bci-flat", sid=repr(stats.id), channel=names[k], ms=flat.value,
                                      limit=flat_limit), file=name, **flat.where, actual=round(flat.value, 1),
                                  expected=f"<= {flat_limit:g} ms")
        for k, count in enumerate(signal.saturated.tolist()):
            ratio = count / signal.samples
            if ratio > saturated_limit:
                finding(evidence, msg("terminal.bci-saturated", sid=repr(stats.id), channel=names[k], count=count,
                                      samples=signal.samples, ratio=ratio, limit=saturated_limit),
                                  file=name, stream=stats.id, pointer=f"/values/{k}", actual=round(ratio, 5),
                                  expected=f"<= {saturated_limit:g}")
        evidence.note(msg("terminal.bci-channels-ok", file=name, sid=repr(stats.id),
                          ms=max(f.value for f in signal.flat),
                          ratio=float(signal.saturated.max()) / signal.samples))
    if not judged and not evidence.unjudged_inputs:  # streams left unjudged name their own reasons
        nothing_judged(targets, evidence, msg("terminal.no-biosignal"))


@pytest.mark.requirement("TD-BCI-005")
def test_event_markers_are_in_order_within_their_recording(targets: Targets, evidence: Evidence):
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("marker"):
            judged += 1
            target = stats.spec.get("annotates")
            recording = analysis.streams.get(target) if isinstance(target, str) else None
            where = {"file": name, "stream": stats.id, "line": 1, "pointer": f"/streams/{stats.index}/annotates"}
            if recording is None or recording.type not in BIOSIGNAL_TYPES:
                finding(evidence, msg("terminal.bci-annotates-nothing", sid=repr(stats.id), target=repr(target)),
                                  **where, actual=target,
                                  expected=[s.id for s in analysis.streams_of(*BIOSIGNAL_TYPES)])
                continue
            before = evidence.findings_count
            if stats.reversed:
                finding(evidence, msg("terminal.bci-marker-order", sid=repr(stats.id), count=stats.reversed),
                                  file=name, stream=stats.id, actual=stats.reversed, expected=0)
            span = (recording.first_t, recording.last_t)
            if not stats.frames:
                continue  # no marker: none can lie outside the recording
            if None in span:  # step 4 cannot be judged: where the recording starts and ends is unknown
                evidence.unjudged(name, msg("terminal.bci-recording-empty", file=name, sid=repr(stats.id),
                                            target=repr(target)))
                continue
            for t in sorted({stats.first_t, stats.last_t} - {None}):
                if not span[0] <= t <= span[1]:
                    finding(evidence, msg("terminal.bci-marker-outside", sid=repr(stats.id), t=t, target=repr(target),
                                          first=span[0], last=span[1]),
                                      file=name, stream=stats.id, t=t, actual=t, expected=f"{span[0]} .. {span[1]}")
            if evidence.findings_count == before:
                evidence.note(msg("terminal.bci-markers-ok", file=name, sid=repr(stats.id), count=stats.frames,
                                  target=repr(target)))
    if not judged:  # markers are not required: captures without them have nothing to check (not applicable)
        nothing_judged(targets, evidence, msg("terminal.no-marker"), optional=True)


@pytest.mark.requirement("TD-BCI-006")
def test_decisions_answer_the_labelled_stimuli(targets: Targets, evidence: Evidence, params: Parameters,
                                               catalog: Catalog):
    """R1: at least 70 % of the trials decided right; R2: more right than guessing reaches with 5 %
    probability; R3: the median time from cue to decision at most 2 s (the catalog's own figure). The labelled
    stimulus schedule the capture carries is the ground truth. R1 is judged by the
    catalog's decision rule with its expanded uncertainty (measured.py), the accuracy a share of trials
    (binomial); R2 is itself a significance test on the count, judged as it stands."""
    fewest, least = params.min_decoding_trials, params.min_decoding_accuracy
    judged = 0
    decision = rule_of(catalog, "TD-BCI-006")
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-BCI-006", decision, name)
        for stats in analysis.streams_of("marker"):
            declared = decoder_of(stats.spec)
            if declared is None:
                if "decodes" in stats.spec:  # a decision stream in scope whose labels cannot be scored: recorded
                    evidence.unjudged(name, msg("terminal.decoder-one-class", file=name, sid=repr(stats.id)))
                continue
            cue_id, labels = declared
            cues = analysis.streams.get(cue_id)
            if cues is None or cues.type != "marker":
                # a declared decision stream not judged: the run cannot pass (the terminal area's rule)
                evidence.unjudged(name, msg("terminal.decoder-no-cues", file=name, sid=repr(stats.id),
                                            cues=repr(cue_id)))
                continue
            if any(s.markers is not None and s.markers.overflow for s in (stats, cues)):
                evidence.unjudged(name, msg("terminal.decoder-too-many", file=name, sid=repr(stats.id),
                                            most=MAX_EVENTS))
                continue
            empty = MarkerEvents()
            result = score(cues.markers or empty, stats.markers or empty, labels)
            if result.trials < fewest:
                evidence.unjudged(name, msg("terminal.decoder-too-few", file=name, sid=repr(stats.id),
                                            count=result.trials, fewest=fewest))
                continue
            judged += 1
            bound = chance_bound(result.trials, result.classes)
            where = {"file": name, "stream": stats.id, "line": 1, "pointer": "/labels"}
            if judge("R1", msg("terminal.quantity-decoding-accuracy"), stats.id, result.accuracy, "1", least, "min",
                     u_a=u_proportion(result.correct, result.trials),
                     where={"stream": stats.id, "line": 1, "pointer": "/labels"}) == "fail":
                finding(evidence, msg("terminal.decoder-inaccurate", sid=repr(stats.id), correct=result.correct,
                                      trials=result.trials, accuracy=100 * result.accuracy, least=100 * least),
                        **where, rule="R1", actual=round(result.accuracy, 4), expected=f">= {least:g}")
            if result.correct < bound:
                finding(evidence, msg("terminal.decoder-chance", sid=repr(stats.id), correct=result.correct,
                                      trials=result.trials, bound=bound, classes=result.classes),
                        **where, rule="R2", actual=result.correct, expected=f">= {bound}")
            latency = result.median_latency_ms()
            if latency is not None and judge("R3", msg("terminal.quantity-decision-latency"), stats.id, latency / 1e3,
                                             "s", MAX_DECISION_LATENCY_S, "max",
                                             where={"stream": stats.id, "line": 1, "pointer": "/decodes"}) == "fail":
                finding(evidence, msg("terminal.decoder-slow", sid=repr(stats.id), latency=latency / 1e3,
                                      trials=result.trials, limit=MAX_DECISION_LATENCY_S),
                        **{**where, "pointer": "/decodes"}, rule="R3", actual=round(latency / 1e3, 3),
                        expected=f"<= {MAX_DECISION_LATENCY_S:g} s")
            evidence.note(msg("terminal.decoder-scored", file=name, sid=repr(stats.id), correct=result.correct,
                              trials=result.trials, accuracy=100 * result.accuracy, missed=result.missed,
                              bound=bound, classes=result.classes,
                              latency="-" if latency is None else f"{latency:.0f}"))
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-decoder", fewest=fewest))


@pytest.mark.requirement("TD-BCI-007")
def test_the_signal_chain_reproduces_a_calibrated_test_signal(targets: Targets, evidence: Evidence,
                                                              params: Parameters, catalog: Catalog):
    """R1: the reference sine's amplitude within 10 %; R2: each sine's frequency within 10 %; R3: the gain
    at each other sine 71 % to 110 % of the reference's (IEC 60601-2-26 201.12.1.105); R4: at most 6 uV
    peak-to-valley with the inputs shorted (201.12.1.101.3). The calibrated generator's declared sines are
    the ground truth. Each value is judged by the catalog's decision rule with its expanded uncertainty
    (measured.py): type A from each sine's least-squares fit (calibration.fit_tone_u), the noise a
    peak-to-valley of one span (one reading); type B the generator's stated uncertainty of its amplitude.
    R5: at least 80 dB of common-mode rejection; R6: an input impedance of at least 10 Mohm (the catalog's
    own figures), each where its set-up is declared and recorded (_judge_chain)."""
    amplitude_limit, frequency_limit = params.max_calibration_amplitude_error, params.max_calibration_frequency_error
    judged, reasons = 0, []
    decision = rule_of(catalog, "TD-BCI-007")
    for name, _, stats in _biosignals(targets):
        judge = Judge(evidence, "TD-BCI-007", decision, name)
        measured = calibration.measure(stats)
        if measured is None:
            continue
        if measured.unmeasured is not None:
            key, values = measured.unmeasured
            reasons.append(msg(key, **values))
            # a declared stream not judged: the run cannot pass (the terminal area's rule, as TD-PERF-002's)
            evidence.unjudged(name, msg("terminal.calibration-unjudged", file=name, sid=repr(stats.id),
                                        reason=reasons[-1]))
            continue
        judged += 1
        names = [str(c.get("name")) for c in stats.spec["channels"]]
        where = {"file": name, "stream": stats.id, "line": 1, "pointer": "/calibration_signal/tones"}
        reference = measured.tones[0]
        stated = declared_uncertainty(measured.generator_spec)
        at = {"stream": stats.id, "line": 1, "pointer": "/calibration_signal/tones"}

        def u_of(tone, c: int, what: str) -> float:
            held = tone.amplitude_u if what == "amplitude" else tone.frequency_u
            return float(held[c]) if held is not None else 0.0

        for c, channel in enumerate(names):
            error = float(abs(reference.gain[c] - 1))
            injected = reference.tone.amplitude_uv_pp
            u_b, known = type_b(stated, injected, "uV")
            if judge("R1", msg("terminal.quantity-amplitude-error"), f"{stats.id}@{channel}", error, "1", amplitude_limit, "max",
                     u_a=u_of(reference, c, "amplitude") / injected, u_b=u_b / injected, instrument=known,
                     b_from=stated, where=at) == "fail":
                finding(evidence, msg("terminal.calibration-amplitude", sid=repr(stats.id), channel=channel,
                                      frequency=reference.tone.frequency_hz,
                                      measured=float(reference.amplitude_uv_pp[c]),
                                      injected=reference.tone.amplitude_uv_pp, error=100 * error,
                                      limit=100 * amplitude_limit),
                        **where, rule="R1", actual=round(float(reference.amplitude_uv_pp[c]), 3),
                        expected=f"{reference.tone.amplitude_uv_pp:g} uV +- {100 * amplitude_limit:g} %")
            for tone in measured.tones:
                drift = float(abs(tone.frequency_hz[c] / tone.tone.frequency_hz - 1))
                if judge("R2", msg("terminal.quantity-frequency-error"), f"{stats.id}@{channel} {tone.tone.frequency_hz:g} Hz", drift, "1",
                         frequency_limit, "max", u_a=u_of(tone, c, "frequency") / tone.tone.frequency_hz,
                         where=at) == "fail":
                    finding(evidence, msg("terminal.calibration-frequency", sid=repr(stats.id), channel=channel,
                                          injected=tone.tone.frequency_hz, measured=float(tone.frequency_hz[c]),
                                          error=100 * drift, limit=100 * frequency_limit),
                            **where, rule="R2", actual=round(float(tone.frequency_hz[c]), 4),
                            expected=f"{tone.tone.frequency_hz:g} Hz +- {100 * frequency_limit:g} %")
                ratio = float(tone.gain[c] / reference.gain[c]) if reference.gain[c] > 0 else 0.0
                # the ratio of two fitted amplitudes: their relative uncertainties in quadrature (the generator's
                # own gain error cancels in a ratio of its tones)
                u_ratio = ratio * math.hypot(u_of(tone, c, "amplitude") / max(float(tone.amplitude_uv_pp[c]), 1e-12),
                                             u_of(reference, c, "amplitude")
                                             / max(float(reference.amplitude_uv_pp[c]), 1e-12))
                subject = f"{stats.id}@{channel} {tone.tone.frequency_hz:g} Hz"
                outside = tone is not reference and "fail" in [
                    judge("R3", msg("terminal.quantity-gain-ratio"), subject, ratio, "1", bound, kind, u_a=u_ratio, where=at)
                    for bound, kind in ((calibration.RESPONSE_LOW, "min"), (calibration.RESPONSE_HIGH, "max"))]
                if outside:
                    finding(evidence, msg("terminal.calibration-response", sid=repr(stats.id), channel=channel,
                                          frequency=tone.tone.frequency_hz, ratio=100 * ratio,
                                          reference=reference.tone.frequency_hz),
                            **where, rule="R3", actual=round(float(ratio), 4),
                            expected=f"{calibration.RESPONSE_LOW:g} to {calibration.RESPONSE_HIGH:g}")
            if measured.noise_uv_pv is not None and judge(
                    "R4", msg("terminal.quantity-noise"), f"{stats.id}@{channel}", float(measured.noise_uv_pv[c]), "uV",
                    calibration.MAX_NOISE_UV_PV, "max", u_a=ONE_READING,
                    where={**at, "pointer": "/calibration_signal/shorted"}) == "fail":
                finding(evidence, msg("terminal.calibration-noise", sid=repr(stats.id), channel=channel,
                                      noise=float(measured.noise_uv_pv[c]), limit=calibration.MAX_NOISE_UV_PV),
                        **{**where, "pointer": "/calibration_signal/shorted"}, rule="R4",
                        actual=round(float(measured.noise_uv_pv[c]), 3),
                        expected=f"<= {calibration.MAX_NOISE_UV_PV:g} uV")
            _judge_chain(judge, evidence, measured, stats.id, c, channel, where)
        for setup, rule in measured.unjudged:  # a declared set-up not measured: its rule unjudged, so no pass
            evidence.unjudged(name, msg("terminal.calibration-setup-unjudged", file=name, sid=repr(stats.id),
                                        setup=setup, rule=rule))
        for setup, rule in measured.undeclared:  # a set-up the procedure asks for, not declared: no pass either
            evidence.unjudged(name, msg("terminal.calibration-setup-undeclared", file=name, sid=repr(stats.id),
                                        setup=setup, rule=rule))
        for tone in measured.skipped:  # a declared sine not measured: R2, R3 unjudged for it, so no pass
            evidence.unjudged(name, msg("terminal.calibration-tone-skipped", file=name, sid=repr(stats.id),
                                        frequency=tone.frequency_hz))
        judge.close()
        evidence.note(msg("terminal.calibration-measured", file=name, sid=repr(stats.id),
                          generator=measured.generator, summary=calibration.summary(measured, names)))
    if not judged and not evidence.findings_count:
        if reasons:
            raise Inconclusive(msg("terminal.calibration-none-judged", count=len(reasons), reason=reasons[0]))
        raise Inconclusive(msg("terminal.no-calibration"))


def _judge_chain(judge: Judge, evidence: Evidence, measured: calibration.Measured, sid: str, c: int, channel: str,
                 where: dict) -> None:
    """R5 and R6 of one channel: the common-mode rejection and the input impedance, each with its type A
    uncertainty from the fits (the generator's amplitude error cancels in both ratios)."""
    if measured.cmrr_db is not None:
        value, u = float(measured.cmrr_db[0][c]), float(measured.cmrr_db[1][c])
        at = {**where, "pointer": "/calibration_signal/common_mode"}
        if judge("R5", msg("terminal.quantity-cmrr"), f"{sid}@{channel}", value, "dB", calibration.MIN_CMRR_DB,
                 "min", u_a=u, where={k: v for k, v in at.items() if k != "file"}) == "fail":
            injected = measured.common_mode_uv_pp
            finding(evidence, msg("terminal.calibration-common-mode", sid=repr(sid), channel=channel, cmrr=value,
                                  residual=injected * 10 ** (-value / 20), injected=injected,
                                  limit=calibration.MIN_CMRR_DB),
                    **at, rule="R5", actual=round(value, 2), expected=f">= {calibration.MIN_CMRR_DB:g} dB")
    if measured.input_ohm is not None:
        value, u = float(measured.input_ohm[0][c]), float(measured.input_ohm[1][c])
        at = {**where, "pointer": "/calibration_signal/series"}
        if judge("R6", msg("terminal.quantity-input-impedance"), f"{sid}@{channel}", value, "ohm",
                 calibration.MIN_INPUT_OHM, "min", u_a=u,
                 where={k: v for k, v in at.items() if k != "file"}) == "fail":
            series = measured.series_ohm
            finding(evidence, msg("terminal.calibration-impedance", sid=repr(sid), channel=channel,
                                  impedance=value / 1e6, series=series / 1e6, kept=100 * value / (value + series),
                                  limit=calibration.MIN_INPUT_OHM / 1e6),
                    **at, rule="R6", actual=round(value), expected=f">= {calibration.MIN_INPUT_OHM:g} ohm")


@pytest.mark.requirement("TD-BCI-008")
def test_the_interface_answers_the_calibrated_test_signal(targets: Targets, evidence: Evidence, params: Parameters,
                                                          catalog: Catalog):
    """TD-BCI-007's R1 and R2 on what test.readBiosignal answered (each sample logged with its XrTime) while the
    calibrated generator played its sines on the same clock; R3 each answered sample's time after the previous
    one's; R4 at least biosignal_interface.MIN_ANSWERED of each span's samples answered with every channel."""
    amplitude_limit, frequency_limit = params.max_calibration_amplitude_error, params.max_calibration_frequency_error
    judged, reasons = 0, []
    decision = rule_of(catalog, "TD-BCI-008")
    for name, _, stats in _biosignals(targets):
        if biosignal_interface.read_through(stats.spec) is None:
            continue
        measured, got = calibration.measure(stats), biosignal_interface.answers(stats)
        if measured is None or got is None or measured.unmeasured is not None:
            key, values = measured.unmeasured if measured and measured.unmeasured else ("terminal.no-calibration", {})
            reasons.append(msg(key, **values))
            # a declared read_through stream not judged: the run cannot pass (as TD-BCI-007, whose steps it applies)
            evidence.unjudged(name, msg("terminal.calibration-unjudged", file=name, sid=repr(stats.id),
                                        reason=reasons[-1]))
            continue
        judged += 1
        judge = Judge(evidence, "TD-BCI-008", decision, name)
        names = [str(c.get("name")) for c in stats.spec["channels"]]
        at = {"stream": stats.id, "line": 1, "pointer": "/calibration_signal/tones"}
        reference, stated = measured.tones[0], declared_uncertainty(measured.generator_spec)
        for c, channel in enumerate(names):
            error, injected = float(abs(reference.gain[c] - 1)), reference.tone.amplitude_uv_pp
            u_b, known = type_b(stated, injected, "uV")
            u_a = float(reference.amplitude_u[c]) if reference.amplitude_u is not None else 0.0
            if judge("R1", msg("terminal.quantity-amplitude-error"), f"{stats.id}@{channel}", error, "1",
                     amplitude_limit, "max", u_a=u_a / injected, u_b=u_b / injected, instrument=known,
                     b_from=stated, where=at) == "fail":
                finding(evidence, msg("terminal.calibration-amplitude", sid=repr(stats.id), channel=channel,
                                      frequency=reference.tone.frequency_hz,
                                      measured=float(reference.amplitude_uv_pp[c]), injected=injected,
                                      error=100 * error, limit=100 * amplitude_limit),
                        file=name, **at, rule="R1", actual=round(float(reference.amplitude_uv_pp[c]), 3),
                        expected=f"{injected:g} uV +- {100 * amplitude_limit:g} %")
            for tone in measured.tones:
                drift = float(abs(tone.frequency_hz[c] / tone.tone.frequency_hz - 1))
                u_f = float(tone.frequency_u[c]) if tone.frequency_u is not None else 0.0
                if judge("R2", msg("terminal.quantity-frequency-error"),
                         f"{stats.id}@{channel} {tone.tone.frequency_hz:g} Hz", drift, "1", frequency_limit, "max",
                         u_a=u_f / tone.tone.frequency_hz, where=at) == "fail":
                    finding(evidence, msg("terminal.calibration-frequency", sid=repr(stats.id), channel=channel,
                                          injected=tone.tone.frequency_hz, measured=float(tone.frequency_hz[c]),
                                          error=100 * drift, limit=100 * frequency_limit),
                            file=name, **at, rule="R2", actual=round(float(tone.frequency_hz[c]), 4),
                            expected=f"{tone.tone.frequency_hz:g} Hz +- {100 * frequency_limit:g} %")
        if judge("R3", msg("terminal.quantity-bci-interface-stale"), stats.id, len(got.stale), "1", 0, "max",
                 where={"stream": stats.id, "pointer": "/t"}) == "fail":
            t, before = got.stale[0]
            finding(evidence, msg("terminal.bci-interface-stale", sid=repr(stats.id), count=len(got.stale),
                                  reads=got.reads, t=t, before=before),
                    file=name, stream=stats.id, t=t, pointer="/t", rule="R3", actual=t, expected=f"> {before}")
        floor = biosignal_interface.MIN_ANSWERED
        if judge("R4", msg("terminal.quantity-bci-interface-answered"), f"{stats.id}@{got.span_t}", got.answered,
                 "1", floor, "min", u_a=ONE_READING, where={"stream": stats.id, "t": got.span_t,
                                                           "pointer": "/values"}) == "fail":
            finding(evidence, msg("terminal.bci-interface-answered", sid=repr(stats.id), t=got.span_t,
                                  share=100 * got.answered, floor=100 * floor),
                    file=name, stream=stats.id, t=got.span_t, pointer="/values", rule="R4",
                    actual=round(got.answered, 4), expected=f">= {floor:g}")
        for tone in measured.skipped:  # a declared sine not measured: R2 unjudged for it, so no pass
            evidence.unjudged(name, msg("terminal.calibration-tone-skipped", file=name, sid=repr(stats.id),
                                        frequency=tone.frequency_hz))
        judge.close()
        evidence.note(msg("terminal.bci-interface-measured", file=name, sid=repr(stats.id), reads=got.reads,
                          tones=len(measured.tones)))
    if not judged and not evidence.findings_count:
        if reasons:
            raise Inconclusive(msg("terminal.bci-interface-none-judged", count=len(reasons), reason=reasons[0]))
        raise Inconclusive(msg("terminal.bci-interface-none"))
