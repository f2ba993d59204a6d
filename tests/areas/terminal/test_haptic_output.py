"""A haptic actuator's output measured with an accelerometer (TD-HAPT-003): the measurement on planted
traces, the declaration read defensively, and the verdicts (pass, inconclusive). What each fault plants
is measured in test_generate.py, and each known-bad fixture fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.terminal import haptic_output
from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.haptic_output import Measured, amplitude_steps
from tests.conftest import captures_verdict
from tests.paths import ROOT

RATE = 2000.0
SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"


def _trace(latency_s: float, frequency: float, level: float, seconds: float = 0.6, command_s: float = 0.1):
    """(times in ns, samples) of a trace with a 150 ms burst ``latency_s`` after a command at ``command_s``,
    0.03 m/s^2 of noise, its blocks' sample clock 0.3 ms off nominal."""
    rng = np.random.default_rng(3)
    s = np.arange(round(seconds * RATE)) / RATE
    on = (s >= command_s + latency_s) & (s < command_s + latency_s + 0.15)
    samples = level * np.sin(2 * np.pi * frequency * (s - command_s - latency_s)) * on + rng.normal(0, 0.03, len(s))
    return 10**12 + 300_000 + np.round(s * 1e9), samples


@pytest.mark.parametrize(("latency_s", "frequency"), [(0.004, 80.0), (0.03, 170.0), (0.12, 250.0), (0.0, 320.0)])
def test_the_onset_and_the_frequency_are_measured_as_planted(latency_s, frequency):
    times, samples = _trace(latency_s, frequency, 5.0)
    command = Measured(t=10**12 + 100_000_000, line=2, duration_s=0.15, frequency_hz=frequency, amplitude=0.5)
    got = haptic_output._one(times, samples, RATE, command, np.inf)
    # a causal threshold crossing: at most a quarter period late, never early
    assert 1000 * latency_s - 0.5 <= got.latency_ms <= 1000 * latency_s + 250 / frequency + 0.5
    assert got.dominant_hz == pytest.approx(frequency, rel=0.01)
    assert got.rms == pytest.approx(5.0 / np.sqrt(2), rel=0.03)


def test_a_silent_actuator_has_no_onset_and_a_window_stops_at_the_next_command():
    times, samples = _trace(0.0, 170.0, 0.0)
    command = Measured(t=10**12 + 100_000_000, line=2, duration_s=0.15, frequency_hz=170.0, amplitude=1.0)
    assert haptic_output._one(times, samples, RATE, command, np.inf).latency_ms is None
    times, samples = _trace(0.3, 170.0, 5.0)  # the burst belongs to a command 0.3 s later
    command = Measured(t=10**12 + 100_000_000, line=2, duration_s=0.15, frequency_hz=170.0, amplitude=1.0)
    assert haptic_output._one(times, samples, RATE, command, 10**12 + 400_000_000).latency_ms is None


def test_a_command_outside_the_trace_is_not_measured():
    times, samples = _trace(0.0, 170.0, 5.0, seconds=0.2)
    command = Measured(t=10**12 + 100_000_000, line=2, duration_s=0.15, frequency_hz=170.0, amplitude=1.0)
    assert haptic_output._one(times, samples, RATE, command, np.inf) is None


def test_amplitude_steps_pair_each_level_with_the_highest_one_twice_the_step_below():
    def at(frequency, amplitude, rms):
        return Measured(0, 1, 0.15, frequency, amplitude, 9.0, frequency, rms)
    measured = [at(80, 0.25, 1.0), at(80, 0.3, 1.1), at(80, 0.5, 2.0), at(80, 1.0, 2.1), at(170, 0.5, 1.0),
                at(250, 0.0, 0.0), at(250, 1.0, 3.0)]
    pairs, frequencies = amplitude_steps(measured, 2.5)
    assert [(low.amplitude, high.amplitude, round(rise, 1)) for low, high, rise in pairs] == [
        (0.25, 0.5, 6.0), (0.5, 1.0, 0.4)]  # 0.3 has no level 5 dB below it; 1.0 pairs with 0.5, not 0.25
    assert frequencies == 1  # 170 Hz has one level; amplitude 0 is no level


def _capture(tmp_path, device, seconds, faults=()):
    path = tmp_path / f"{device}.ndjson.gz"
    write(path, device, seconds, list(faults))
    return path


def test_the_bench_passes_and_unmeasurable_benches_are_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-HAPT-003", captures,
                                features=["actuator-output"])
    good, text = verdict()  # the reference samples: haptic-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "9 command(s) measured" in text
    unnamed, text = verdict(_capture(tmp_path, "haptic_bench", 4.0, ["haptic-no-accelerometer"]))
    assert unnamed == "inconclusive" and "names no accelerometer" in text
    one_level, text = verdict(_capture(tmp_path, "haptic_bench", 1.3))
    assert one_level == "inconclusive" and "amplitude ordering is not judged" in text
    none, text = verdict(_capture(tmp_path, "haptic_vest", 1.0))
    assert none == "inconclusive" and "no acceleration stream" in text


def test_an_accelerometer_not_judged_beside_a_judged_one_makes_the_run_inconclusive(tmp_path, catalog, run_manifest):
    """The thirty-fifth reading's leftovers, part o2 (row c11's rest): beside the passing reference bench, a
    second one whose accelerometer names no model and calibration is a declared stream the case cannot judge;
    the run cannot pass (it passed before, the stream only noted)."""
    reference = SAMPLES / "haptic-bench.ndjson.gz"
    unnamed = _capture(tmp_path, "haptic_bench", 4.0, ["haptic-no-accelerometer"])
    got, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-HAPT-003", [reference, unnamed],
                                 features=["actuator-output"])
    assert got == "inconclusive", text
    assert "names no accelerometer" in text, text


def test_a_trace_that_starts_late_leaves_the_missed_vibrations_unjudged(tmp_path, catalog, run_manifest):
    """The thirty-eighth reading's c7: the accelerometer's trace starts after the first three vibrations of the
    nine; they are never measured, so the run cannot pass on the other six (it passed, the three only counted)."""
    import gzip

    import orjson
    head, *rows = gzip.decompress((SAMPLES / "haptic-bench.ndjson.gz").read_bytes()).splitlines()
    late = [r for r in rows if r.strip() and not (orjson.loads(r)["stream"] == "accelerometer"
                                                  and orjson.loads(r)["t"] < 1_001_350_000_000)]
    path = tmp_path / "late.ndjson"
    path.write_bytes(b"\n".join([head, *late]) + b"\n")
    got, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-HAPT-003", [path],
                                 features=["actuator-output"])
    assert got == "inconclusive" and "vibration(s) outside its trace" in text, text
