"""How soon a force-feedback device lets go when its commands cease (TD-FORCE-005): the stop time
measured on planted traces, what cannot be measured named, and the verdicts on the bench captures (the
reference bench passes; a capture whose trace ends with its commands records no cease and is
inconclusive). The known-bad fixtures fail R1 in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.terminal.force_stop import WATCH_S, stop_of
from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict
from tests.paths import ROOT

FORCE_BENCH = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "force-bench.ndjson.gz"

RATE = 1000.0
T0 = 10**12
CEASE = T0 + 200_000_000  # the last command, 0.2 s into the trace


def _trace(held: float, release_s: float | None, seconds: float = 0.8, noise: float = 0.005):
    """(times in ns, samples): ``held`` N until ``release_s`` after CEASE, then 0 N (None: never)."""
    s = np.arange(round(seconds * RATE)) / RATE
    on = s < 10 if release_s is None else s < 0.2 + release_s
    samples = np.where(on, held, 0.0) + np.random.default_rng(7).normal(0, noise, len(s))
    return T0 + np.round(s * 1e9), samples


@pytest.mark.parametrize("release_s", [0.0, 0.045, 0.15, 0.45])
def test_the_stop_time_is_measured_as_planted(release_s):
    times, samples = _trace(2.5, release_s)
    force, threshold, stop_ms = stop_of(times, samples, RATE, CEASE)
    assert force == pytest.approx(2.5, abs=0.01) and threshold == pytest.approx(0.25, abs=0.001)
    assert stop_ms == pytest.approx(1000 * release_s, abs=1.5)


def test_a_force_that_comes_back_counts_until_it_stays_down():
    times, samples = _trace(2.5, 0.03)
    samples[(times > CEASE + 100e6) & (times < CEASE + 120e6)] = 1.0  # let go at 30 ms, pushing again at 100 ms
    assert stop_of(times, samples, RATE, CEASE)[2] == pytest.approx(120, abs=1.5)


def test_a_device_still_pushing_when_the_window_closes_has_no_stop_time():
    times, samples = _trace(2.5, None)
    assert stop_of(times, samples, RATE, CEASE)[2] is None


def test_what_cannot_be_timed_is_named():
    times, samples = _trace(2.5, 0.05)
    ends_with_commands = times < CEASE + 0.5 * WATCH_S * 1e9  # the capture stops soon after the last command
    assert stop_of(times[ends_with_commands], samples[ends_with_commands], RATE, CEASE) == \
        "terminal.force-stop-no-cease"
    assert stop_of(times[times >= CEASE], samples[times >= CEASE], RATE, CEASE) == "terminal.force-stop-no-trace"
    still, noise = _trace(0.0, 0.05)
    assert stop_of(still, noise, RATE, CEASE) == "terminal.force-stop-no-force"


def test_the_bench_passes_and_a_capture_with_no_cease_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-005", captures,
                                features=["output-stop"])
    good, text = verdict()  # the reference samples: force-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "the commands ceased at t=" in text and "(at most 100 ms)" in text  # the declared 100 ms, below 200
    short = tmp_path / "short.ndjson.gz"  # 1 s: the staircase still running, the commands never cease
    write(short, "force_bench", 1.0)
    short_verdict, text = verdict(short)
    assert short_verdict == "inconclusive" and "records no cease of its commands" in text
    unnamed = tmp_path / "unnamed.ndjson.gz"
    write(unnamed, "force_bench", 3.4, ["force-no-sensor"])
    unnamed_verdict, text = verdict(unnamed)
    assert unnamed_verdict == "inconclusive" and "names no force sensor" in text


def test_a_sensor_not_judged_beside_a_judged_one_makes_the_run_inconclusive(tmp_path, catalog, run_manifest):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference bench, a capture recording no
    cease of its commands is a declared stream the case cannot judge; the run cannot pass (it passed before,
    the stream only noted)."""
    short = tmp_path / "short.ndjson.gz"
    write(short, "force_bench", 1.0)
    got, text = captures_verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-005",
                                 [FORCE_BENCH, short], features=["output-stop"])
    assert got == "inconclusive", text
    assert "records no cease of its commands" in text, text
