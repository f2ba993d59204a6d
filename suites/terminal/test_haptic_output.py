"""A haptic actuator's output measured with an accelerometer on a bench, against the vibrations the
device was commanded (TD-HAPT-003) and against those sent through the runtime test interface in the same run
(TD-HAPT-004)."""

from operator import attrgetter

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas.terminal import haptic_interface
from conformance.areas.terminal.haptic_output import U_FREQUENCY_HZ, Bench, Measured, amplitude_steps, measure
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import BenchTexts, benches, past_bound


def _command(m: Measured) -> dict:
    return {"t": m.t, "frequency": m.frequency_hz, "amplitude": m.amplitude}


def _judge(evidence: Evidence, judge: Judge, sid: str, bench: Bench, limits: tuple[float, float, float],
           rate: float) -> None:
    """``limits``: the frequency error ratio, the latency in ms and the amplitude step in dB; ``rate``: the
    accelerometer's sample rate. Each value is judged by the catalog's decision rule with its expanded
    uncertainty (measured.py): the onset read on the sample grid (one sample, rectangular: 1 / (rate sqrt(12))),
    the dominant frequency on a spectral grid of at most 0.25 Hz (U_FREQUENCY_HZ); the amplitude step is a ratio
    of the same accelerometer's readings, in which its stated (gain) uncertainty cancels, and the step's own
    scatter is not kept, so it is judged on its value (u = 0)."""
    frequency_limit, latency_limit, step = limits
    name = judge.file
    where = {"file": name, "stream": bench.haptic}
    u_onset = 1000 / rate / 12 ** 0.5
    for m in bench.measured:
        if m.latency_ms is None:
            finding(evidence, msg("terminal.haptic-output-silent", sid=repr(sid), **_command(m)),
                    **where, line=m.line, t=m.t, pointer="/amplitude", rule="R2", actual=None,
                    expected=f"an onset within {latency_limit:g} ms")
        elif judge("R2", msg("terminal.quantity-vibration-latency"), f"{sid}@{m.t}", m.latency_ms, "ms", latency_limit, "max",
                   u_a=u_onset, where={"stream": bench.haptic, "line": m.line, "t": m.t, "pointer": ""}) == "fail":
            finding(evidence, msg("terminal.haptic-output-latency", sid=repr(sid), latency=m.latency_ms,
                                  limit=latency_limit, **_command(m)),
                    **where, line=m.line, t=m.t, pointer="", rule="R2", actual=round(m.latency_ms, 2),
                    expected=f"<= {latency_limit:g} ms")
        if m.frequency_hz > 0 and m.dominant_hz is not None:
            error = abs(m.dominant_hz / m.frequency_hz - 1)
            if judge("R1", msg("terminal.quantity-frequency-error"), f"{sid}@{m.t}", error, "1", frequency_limit, "max",
                     u_a=U_FREQUENCY_HZ / m.frequency_hz,
                     where={"stream": bench.haptic, "line": m.line, "t": m.t, "pointer": "/frequency_hz"}) == "fail":
                finding(evidence, msg("terminal.haptic-output-frequency", sid=repr(sid), measured=m.dominant_hz,
                                      error=100 * error, limit=100 * frequency_limit, **_command(m)),
                        **where, line=m.line, t=m.t, pointer="/frequency_hz", rule="R1",
                        actual=round(m.dominant_hz, 2),
                        expected=f"{m.frequency_hz:g} Hz +- {100 * frequency_limit:g} %")
    pairs, frequencies = amplitude_steps(bench.measured, step)
    for low, high, rise in pairs:
        if judge("R3", msg("terminal.quantity-amplitude-step"), f"{sid}@{high.frequency_hz:g} Hz", rise, "dB", step, "min",
                 where={"stream": bench.haptic, "line": high.line, "t": high.t, "pointer": "/amplitude"}) == "fail":
            finding(evidence, msg("terminal.haptic-output-amplitude", sid=repr(sid), frequency=high.frequency_hz,
                                  low=low.amplitude, high=high.amplitude, rise=rise, limit=step),
                    **where, line=high.line, t=high.t, pointer="/amplitude", rule="R3", actual=round(rise, 2),
                    expected=f">= {step:g} dB")
    if not frequencies:
        evidence.unjudged(name, msg("terminal.haptic-output-no-steps", sid=repr(sid), step=2 * step))
    if bench.skipped or bench.unsteady:  # vibrations of the plan never judged: no pass (the 38th reading's c7)
        evidence.unjudged(name, msg("terminal.haptic-output-unmeasured", sid=repr(sid), skipped=bench.skipped,
                                    unsteady=bench.unsteady))
    latencies = [m.latency_ms for m in bench.measured if m.latency_ms is not None]
    evidence.note(msg("terminal.haptic-output-measured", file=name, sid=repr(sid), model=bench.model,
                      haptic=repr(bench.haptic), count=len(bench.measured), skipped=bench.skipped,
                      unsteady=bench.unsteady, low=min(latencies, default=0.0), high=max(latencies, default=0.0)))
    judge.close()


#: an accelerometer on a stream the case measures that it cannot judge (its 不确定 line): no calibrated
#: accelerometer, no sample rate, no command within its trace; unjudged, so the run is at best inconclusive. One on
#: a stream outside the case (no haptic stream; for TD-HAPT-004 no log of the vibrations sent) stays a note.
_UNMEASURED = frozenset({"terminal.haptic-output-no-instrument", "terminal.bench-trace-no-rate",
                         "terminal.haptic-output-no-commands"})
#: TD-HAPT-004: a log of the vibrations sent that is not the test schedule (its 不确定 line)
_NOT_SCHEDULE = frozenset({"terminal.haptic-interface-schedule-count", "terminal.haptic-interface-schedule-command",
                           "terminal.haptic-interface-schedule-gap"})


def _commands_within(evidence: Evidence, name: str, analysis, bench: Bench) -> None:
    """Commands past 5.1's bound 「保留的指令数」 are never measured: unjudged, as a command outside the trace is
    (sixty-eighth reading, c3: they were left out silently)."""
    past_bound(evidence, name, bench.haptic, analysis.streams[bench.haptic].haptic_commands,
               "terminal.bench-commands-capped")


@pytest.mark.requirement("TD-HAPT-003")
def test_the_actuator_renders_its_commanded_vibrations(targets: Targets, evidence: Evidence, params: Parameters,
                                                       catalog: Catalog):
    """R1: the dominant frequency of the measured acceleration within max_haptic_frequency_error of the
    commanded frequency; R2: the onset within max_haptic_latency_ms of the command; R3: at one frequency,
    a command at least twice min_haptic_amplitude_step_db above another gives at least that much more RMS
    acceleration. The declared, calibrated accelerometer's trace is the ground truth; without one the
    requirement is inconclusive, naming the reason."""
    limits = (params.max_haptic_frequency_error, params.max_haptic_latency_ms, params.min_haptic_amplitude_step_db)
    decision = rule_of(catalog, "TD-HAPT-003")
    texts = BenchTexts("terminal.haptic-output-unjudged", "terminal.haptic-output-capped",
                       "terminal.haptic-output-none-judged", "terminal.no-haptic-accelerometer", _UNMEASURED,
                       bounded=True)
    for name, analysis, accelerometer, bench in benches(targets["captures"], evidence, "acceleration", measure,
                                                        attrgetter("vibration"), texts):
        _commands_within(evidence, name, analysis, bench)
        _judge(evidence, Judge(evidence, "TD-HAPT-003", decision, name), accelerometer.id, bench, limits,
               accelerometer.vibration.rate_hz)


@pytest.mark.requirement("TD-HAPT-004")
def test_the_actuator_renders_the_vibrations_sent_through_the_interface(targets: Targets, evidence: Evidence,
                                                                       params: Parameters, catalog: Catalog):
    """TD-HAPT-003's rules and limits, the commands being those the sender sent through the runtime test interface
    (xrApplyHapticFeedback) on the runtime's clock, logged in the bench record, not the device's record of what it
    received: R2's onset counts from the send. A log that is not the test schedule is not judged (inconclusive)."""
    limits = (params.max_haptic_frequency_error, params.max_haptic_latency_ms, params.min_haptic_amplitude_step_db)
    decision = rule_of(catalog, "TD-HAPT-004")
    texts = BenchTexts("terminal.haptic-output-unjudged", "terminal.haptic-output-capped",
                       "terminal.haptic-interface-none-judged", "terminal.no-haptic-interface-accelerometer",
                       _UNMEASURED | _NOT_SCHEDULE, bounded=True)
    for name, analysis, accelerometer, bench in benches(targets["captures"], evidence, "acceleration",
                                                        haptic_interface.measure, attrgetter("vibration"), texts):
        _commands_within(evidence, name, analysis, bench)
        _judge(evidence, Judge(evidence, "TD-HAPT-004", decision, name), accelerometer.id, bench, limits,
               accelerometer.vibration.rate_hz)
