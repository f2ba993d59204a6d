"""A motion platform against the motion it was commanded (TD-MPLAT-003): the latency and tracking
error found on planted lags and gains, the declaration read defensively, and the profile's verdicts
on the reference's bench capture, a short one, and none."""

from __future__ import annotations

import io
import math

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate, write
from conformance.areas.terminal.platform_response import ResponseSums, Sinusoid, commanded_of, fold_response
from conformance.areas.terminal.suite import HEADER_SCHEMA
from tests.conftest import fixture_path, manifest_for, verdict_and_evidence, verdicts
from tests.paths import ROOT

T0 = 1_000_000_000_000


class _Stats:
    def __init__(self, spec: dict) -> None:
        self.spec, self.response = spec, None


class _Chunk:
    def __init__(self, spec: dict, t: np.ndarray) -> None:
        self.stats, self.t = _Stats(spec), t


def _spec(amplitude=0.05, frequency_hz=0.5, phase_rad=0.0, axis="heave") -> dict:
    return {"commanded_motion": {"kind": "sinusoid", "t0": T0, "axes": {
        axis: {"amplitude": amplitude, "frequency_hz": frequency_hz, "phase_rad": phase_rad}}}}


def _measure(spec: dict, lag_s: float, gain: float, seconds: float = 6.0, rate_hz: float = 100.0,
             chunks: int = 3) -> tuple[int, float]:
    """Fold a platform that follows ``spec``'s heave ``lag_s`` late at ``gain``, in ``chunks`` pieces."""
    wave = spec["commanded_motion"]["axes"]["heave"]
    s = np.arange(0, seconds, 1 / rate_hz)
    achieved = gain * wave["amplitude"] * np.sin(2 * np.pi * wave["frequency_hz"] * (s - lag_s) + wave["phase_rad"])
    displacement = np.zeros((len(s), 6))
    displacement[:, 2] = achieved
    t = T0 + np.round(s * 1e9).astype(np.int64)
    sums = None
    for part in np.array_split(np.arange(len(s)), chunks):
        chunk = _Chunk(spec, t[part])
        chunk.stats.response = sums
        fold_response(chunk, displacement[part])  # type: ignore[arg-type]
        sums = chunk.stats.response
    assert isinstance(sums, ResponseSums) and sums.count == len(s)
    return sums.response("heave", commanded_of(spec)[1]["heave"])


@settings(max_examples=30, deadline=None)
@given(lag_ms=st.integers(0, 450), gain=st.floats(0.5, 1.5), frequency_hz=st.floats(0.1, 1.0),
       phase_rad=st.floats(-3.0, 3.0))
def test_the_planted_lag_and_gain_are_measured(lag_ms, gain, frequency_hz, phase_rad):
    latency, error = _measure(_spec(frequency_hz=frequency_hz, phase_rad=phase_rad), lag_ms / 1e3, gain)
    assert latency == lag_ms
    assert math.isclose(error, abs(1 - gain), abs_tol=1e-6)  # a pure gain: the error is the amplitude's share


@settings(max_examples=20, deadline=None)
@given(lag_ms=st.integers(0, 450), gain=st.floats(0.3, 1.5), frequency_hz=st.floats(0.1, 1.0),
       noise=st.floats(0.0, 0.02), seed=st.integers(0, 1000))
def test_the_running_sums_agree_with_every_delay_tried_one_by_one(lag_ms, gain, frequency_hz, noise, seed):
    """The six sums per axis stand for the difference at each delay: compared with a direct search."""
    wave = Sinusoid(0.05, frequency_hz, 0.4)
    s = np.arange(0, 5.5, 0.01)
    achieved = gain * wave.at(s - lag_ms / 1e3) + np.random.default_rng(seed).normal(0, noise, len(s))
    delays = np.arange(0, 501) / 1e3
    commanded = wave.at(s[:, None] - delays[None, :])
    cross, power = achieved @ commanded, (commanded**2).sum(axis=0)
    best = int(np.argmax(cross / np.sqrt(power)))
    direct = (best, math.sqrt(((achieved - commanded[:, best]) ** 2).mean() / (power[best] / len(s))))
    displacement = np.zeros((len(s), 6))
    displacement[:, 2] = achieved
    chunk = _Chunk(_spec(frequency_hz=frequency_hz, phase_rad=0.4), T0 + np.round(s * 1e9).astype(np.int64))
    chunk.stats.spec["commanded_motion"]["axes"]["heave"]["amplitude"] = 0.05
    fold_response(chunk, displacement)  # type: ignore[arg-type]
    latency, error = chunk.stats.response.response("heave", wave)
    assert abs(latency - direct[0]) <= 1 and error == pytest.approx(direct[1], rel=1e-3, abs=1e-6)


def test_chunking_does_not_change_the_result():
    assert _measure(_spec(), 0.073, 0.9, chunks=1) == pytest.approx(_measure(_spec(), 0.073, 0.9, chunks=7))


@pytest.mark.parametrize("command", [
    None, "sinusoid", {"kind": "step", "t0": T0, "axes": {"heave": {"amplitude": 0.05, "frequency_hz": 0.5}}},
    {"kind": "sinusoid", "t0": T0, "axes": {}},
    {"kind": "sinusoid", "t0": T0, "axes": {"heave": {"amplitude": 0.05, "frequency_hz": 6}}},  # over 5 Hz
    {"kind": "sinusoid", "t0": T0, "axes": {"heave": {"amplitude": 0, "frequency_hz": 0.5}}},
    {"kind": "sinusoid", "t0": T0, "axes": {"heave": {"amplitude": "big", "frequency_hz": 0.5}}},
    {"kind": "sinusoid", "t0": T0, "axes": {"heave": {"amplitude": float("nan"), "frequency_hz": 0.5}}},
    {"kind": "sinusoid", "t0": T0, "axes": {"warp": {"amplitude": 0.05, "frequency_hz": 0.5}}},
    {"kind": "sinusoid", "axes": {"heave": {"amplitude": 0.05, "frequency_hz": 0.5}}},
    {"kind": "sinusoid", "t0": T0, "axes": ["heave"]},
])
def test_an_unusable_command_is_not_measured(command):
    assert commanded_of({"commanded_motion": command}) is None


def test_a_sinusoid_is_what_the_schema_says():
    assert Sinusoid(2.0, 0.25, 0.0).at(np.array([1.0]))[0] == pytest.approx(2.0)


def test_a_command_the_header_schema_rejects_is_measured_by_nobody_and_crashes_nothing(catalog):
    """A 6 Hz command (above the header's 5 Hz bound) breaks the capture header's schema
    (TD-CAP-001 reports it); the analysis measures nothing against it."""
    buffer = io.BytesIO()
    generate(buffer, "platform_rig", 1.0)
    first, rest = buffer.getvalue().split(b"\n", 1)
    assert catalog.schemas.findings(orjson.loads(first), HEADER_SCHEMA) == []
    header = first.replace(b'"frequency_hz":0.5', b'"frequency_hz":6')
    assert header != first and catalog.schemas.findings(orjson.loads(header), HEADER_SCHEMA)
    result = analyse(io.BytesIO(header + b"\n" + rest))
    (platform,) = result.streams_of("motion_platform")
    assert platform.frames == 100 and platform.response is None


def _run(catalog, run_manifest, tmp_path, seconds: float | None):
    manifest = manifest_for(catalog, "terminal-sensor-performance", features=["motion-platform"])
    if seconds is not None:
        path = tmp_path / "bench.ndjson"
        write(path, "platform_rig", seconds)
        manifest["targets"]["captures"]["paths"] = [str(path)]
    return run_manifest(manifest, requirements=["TD-MPLAT-003"])


def test_the_reference_bench_passes(catalog, run_manifest, tmp_path):
    verdict, notes = verdict_and_evidence(_run(catalog, run_manifest, tmp_path, None), "TD-MPLAT-003")
    assert verdict == "pass"
    assert "40 ms behind its command" in notes  # the generator's 40 ms lag, measured


def test_too_few_frames_or_no_bench_is_inconclusive_not_a_fail(catalog, run_manifest, tmp_path):
    assert verdicts(_run(catalog, run_manifest, tmp_path, 2.0))["TD-MPLAT-003"] == "inconclusive"  # 200 frames
    manifest = manifest_for(catalog, "terminal-sensor-performance", features=["motion-platform"],
                            files={"captures": ["perf-rules/rig-offset.ndjson.gz"]})
    assert verdicts(run_manifest(manifest, requirements=["TD-MPLAT-003"]))["TD-MPLAT-003"] == "inconclusive"


def test_a_short_stream_beside_a_judged_one_makes_the_run_inconclusive(catalog, run_manifest):
    """The thirty-fourth reading, row c11: a declared bench stream of fewer than 500 frames (the fixture
    perf-rules/bench-short, 400) is not judged; beside the passing reference bench the run cannot pass (it
    passed before, the short stream only noted), as TD-PERF-002 records its short stream."""
    manifest = manifest_for(catalog, "terminal-sensor-performance", features=["motion-platform"])
    manifest["targets"]["captures"]["paths"] = [
        str(ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "platform-rig.ndjson.gz"),
        str(fixture_path("terminal", "perf-rules/bench-short.ndjson.gz"))]
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["TD-MPLAT-003"]), "TD-MPLAT-003")
    assert verdict == "inconclusive", evidence
    assert "400 frame(s) on the commanded motion, fewer than 500" in evidence
