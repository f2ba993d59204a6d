"""The force a force-feedback device renders, measured with a force sensor (TD-FORCE-004): the step
measurement on planted traces, the steps read from commands, the declaration read defensively (here for
TD-HAPT-003's accelerometer too: bench_trace.py reads both), and the
verdicts (pass, inconclusive). What each fault plants is measured in test_generate.py, and each
known-bad fixture fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.terminal import force_output, haptic_output
from conformance.areas.terminal.force_output import Commands, Step, measure_step, steps_of
from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict
from tests.paths import ROOT

FORCE_BENCH = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "force-bench.ndjson.gz"

RATE = 1000.0
T0 = 10**12


def _trace(before: float, after: float, delay_s: float, tau_s: float, overshoot: float = 0.0, noise: float = 0.005):
    """(times in ns, samples) of a 0.5 s trace: ``before`` until a step at 0.1 s that the device follows
    ``delay_s`` later, first-order with time constant ``tau_s`` (plus a decaying ``overshoot`` bump),
    with ``noise`` N RMS of noise; the blocks' clock 0.3 ms off nominal."""
    s = np.arange(round(0.5 * RATE)) / RATE
    on = np.clip(s - 0.1 - delay_s, 0.0, None)
    shape = np.where(s >= 0.1 + delay_s, 1 - np.exp(-on / tau_s) + overshoot * (on / tau_s) * np.exp(1 - on / tau_s),
                     0.0)
    samples = before + (after - before) * shape + np.random.default_rng(5).normal(0, noise, len(s))
    return T0 + 300_000 + np.round(s * 1e9), samples


@pytest.mark.parametrize(("before", "after", "delay_s"), [(0.0, 2.0, 0.004), (3.0, 1.0, 0.02), (0.5, 2.5, 0.15)])
def test_the_latency_and_the_steady_force_are_measured_as_planted(before, after, delay_s):
    times, samples = _trace(before, after, delay_s, 0.005)
    got = measure_step(times, samples, RATE, Step(T0 + 100_000_000, 2, after, 0.4))
    # half of a first-order rise is ln 2 time constants after the delay, read on a 1 ms grid
    assert got.latency_ms == pytest.approx(1000 * (delay_s + 0.005 * np.log(2)), abs=1.5)
    assert got.rise_ms == pytest.approx(1000 * 0.005 * np.log(9), abs=1.5)
    assert got.steady == pytest.approx(after, abs=0.01)
    assert got.overshoot < 0.02 and got.peak == pytest.approx(max(abs(before), abs(after)), abs=0.03)


def test_an_overshoot_is_a_share_of_the_change_and_a_still_device_has_no_timing():
    times, samples = _trace(1.0, 2.0, 0.0, 0.01, overshoot=0.5)
    planted = _trace(1.0, 2.0, 0.0, 0.01, overshoot=0.5, noise=0.0)[1].max()  # about 2.24 N
    got = measure_step(times, samples, RATE, Step(T0 + 100_000_000, 2, 2.0, 0.4))
    assert got.overshoot == pytest.approx(planted - 2.0, abs=0.02) and got.peak == pytest.approx(planted, abs=0.02)
    times, samples = _trace(1.0, 1.0, 0.0, 0.01)  # commanded 2 N, stays at 1 N: steady measured, no latency
    still = measure_step(times, samples, RATE, Step(T0 + 100_000_000, 2, 2.0, 0.4))
    assert still.latency_ms is None and still.steady == pytest.approx(1.0, abs=0.01)
    times, samples = times[:150], samples[:150]  # the trace stops before the step's hold does
    assert measure_step(times, samples, RATE, Step(T0 + 100_000_000, 2, 2.0, 0.4)) is None


def test_steps_are_held_runs_of_one_force():
    t = T0 + np.arange(0, 1_400_000_000, 10_000_000)  # 100 Hz for 1.4 s
    force = np.where(t < T0 + 300_000_000, 1.0, 2.0)
    force[(t >= T0 + 600_000_000) & (t < T0 + 700_000_000)] = 0.5  # held 100 ms: too short
    force[t >= T0 + 900_000_000] = np.linspace(0.0, 1.0, int((t >= T0 + 900_000_000).sum()))  # a ramp: no step
    force[5] = np.nan  # a frame commanding no force
    kept = Commands(t=[t], lines=[np.arange(len(t)) + 2], kept=len(t), force_n=[force])
    steps, unheld = steps_of(kept)
    assert [(round((s.t - T0) / 1e9, 2), s.commanded, round(s.hold_s, 2)) for s in steps] == [
        (0.0, 1.0, 0.3), (0.3, 2.0, 0.3), (0.7, 2.0, 0.2)]
    assert unheld > 2  # the 100 ms dip, and every frame of the ramp


@pytest.mark.parametrize("module", [force_output, haptic_output])  # their instruments, read by bench_trace
@pytest.mark.parametrize("declared", [None, "1 kHz", {"sample_rate_hz": True}, {"sample_rate_hz": -5},
                                      {"sample_rate_hz": float("inf")}, {"sample_rate_hz": 1000, "instrument": "LC"},
                                      {"sample_rate_hz": 1000, "instrument": {"model": "LC-10", "calibration": ""}}])
def test_an_unusable_declaration_is_not_a_crash(module, declared):
    spec = {"force_sensor": declared, "accelerometer": declared}
    assert module.sample_rate(spec) is None or module.instrument(spec) is None


def test_the_bench_passes_and_unmeasurable_benches_are_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-004", captures,
                                features=["rendered-force"])
    good, text = verdict()  # the reference samples: force-bench.ndjson.gz is the bench
    assert good == "pass", text
    # the staircase's 0 to 2.5 N, the load cell recording 100 ms before the 0 N (sixty-eighth reading, c3: a step the
    # trace does not cover is unjudged, and the 0 N had no time before it)
    assert "7 step(s) measured" in text and "0 outside the trace" in text
    unnamed = tmp_path / "unnamed.ndjson.gz"
    write(unnamed, "force_bench", 1.0, ["force-no-sensor"])
    unnamed_verdict, text = verdict(unnamed)
    assert unnamed_verdict == "inconclusive" and "names no force sensor" in text
    # the arm's offer without safety limits: since issue 70 R3 holds the peak to the standard's 140 N alone
    unsafe = tmp_path / "no-safety.ndjson.gz"
    write(unsafe, "force_bench", 1.0, ["force-no-safety"])
    unsafe_verdict, text = verdict(unsafe)
    assert unsafe_verdict == "pass" and "declares no safety force" not in text
    arm = tmp_path / "arm.ndjson.gz"  # commands with no force sensor measuring them
    write(arm, "haptic_arm", 0.2)
    none, text = verdict(arm)
    assert none == "inconclusive" and "no force_sensor stream" in text


def test_a_force_inside_the_limit_but_within_the_guard_band_does_not_pass(tmp_path, catalog, run_manifest):
    """TD-FORCE-004 is judged by guarded acceptance (its catalog entry): the arm 6 % short of each command, inside
    R1's 7 %, on a load cell stating 0.02 N (k = 2), fails where U takes the error past the acceptance limit, and
    the report's measurement items say so; the same arm with simple acceptance would pass R1."""
    assert catalog.requirement("TD-FORCE-004").decision_rule.kind == "guarded"
    near = tmp_path / "near.ndjson.gz"
    write(near, "force_bench", 3.4, ["force-guard-band"])
    manifest_verdict, text = captures_verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-004",
                                              [near], features=["rendered-force"])
    assert manifest_verdict == "fail", text
    assert "within the guard band" in text and "above" not in text.split("within the guard band")[0][-40:]
    from conformance.areas._shared.uncertainty import DecisionRule, decide, expanded

    # at the 1 N step: error 0.06, U = 2 * 0.01 N / 1 N = 0.02 (the load cell's u_B dominating): 0.06 > 0.07 - 0.02
    u = expanded(0.0, 0.01)
    assert decide(0.06, 0.07, "max", DecisionRule("guarded"), u) == "guard_band"
    assert decide(0.06, 0.07, "max", DecisionRule("simple"), u) == "pass"


def test_a_sensor_not_judged_beside_a_judged_one_makes_the_run_inconclusive(tmp_path, catalog, run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference bench, a second one whose force
    sensor is not named is a declared stream the case cannot judge; the run cannot pass (it passed before, the
    stream only noted)."""
    unnamed = tmp_path / "unnamed.ndjson.gz"
    write(unnamed, "force_bench", 1.0, ["force-no-sensor"])
    got, text = captures_verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-004",
                                 [FORCE_BENCH, unnamed], features=["rendered-force"])
    assert got == "inconclusive", text
    assert "names no force sensor" in text, text
