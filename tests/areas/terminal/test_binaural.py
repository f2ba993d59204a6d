"""Binaural rendering measured at the ears (TD-AUD-004): the ITD and ILD found on planted delays and
gains, the direction of a source as the listener hears it (ITU-R BS.2076 / AmbiX azimuth), Woodworth's
prediction, the declaration read defensively, and the profile's verdicts on the reference's rig, each
known-bad rendering and a capture without test signals."""

from __future__ import annotations

import io
import math

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal import analyse
from conformance.areas.terminal.binaural import (
    HEAD_RADIUS_M,
    SPEED_OF_SOUND_M_S,
    declared_signals,
    direction,
    lateral_deg,
    measure,
    woodworth_itd_us,
)
from conformance.areas.terminal.generate.binaural import AZIMUTHS_DEG, ears_spec
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.suite import HEADER_SCHEMA
from tests.conftest import SAMPLES, fixture_path, manifest_for, verdict_and_evidence, verdicts

FACING_FRONT = np.array([0.0, 0.0, 0.0, 1.0])
ORIGIN = np.zeros(3)


def _delayed(noise: np.ndarray, samples: int) -> np.ndarray:
    return np.concatenate((np.zeros(samples), noise))[:len(noise)]


@settings(max_examples=60, deadline=None)
@given(st.integers(-40, 40), st.sampled_from([44_100, 48_000, 96_000]), st.floats(0.1, 1.0), st.integers(0, 10**6))
def test_the_itd_and_ild_found_are_the_planted_ones(lag, rate, far_gain, seed):
    """A noise burst sent to one ear ``lag`` samples after the other and ``far_gain`` as loud: the ITD
    is the lag (positive when the right ear lags), the ILD the gain in dB (positive when left is louder)."""
    noise = np.random.default_rng(seed).normal(0.0, 0.2, rate // 20)
    noise = np.concatenate((noise, np.zeros(rate // 50)))
    left = _delayed(noise, max(-lag, 0)) * (far_gain if lag < 0 else 1.0)
    right = _delayed(noise, max(lag, 0)) * (far_gain if lag > 0 else 1.0)
    itd, ild, level_l, level_r = measure(left, right, rate)
    assert itd == pytest.approx(lag / rate * 1e6, abs=0.05 / rate * 1e6)
    expected_ild = 0.0 if lag == 0 else math.copysign(-20 * math.log10(far_gain), lag)
    assert ild == pytest.approx(expected_ild, abs=0.2)
    assert max(level_l, level_r) == pytest.approx(10 * math.log10(np.mean(noise ** 2)), abs=0.2)


def test_a_fractional_delay_is_refined_between_samples():
    """Half a sample of delay (a 0.5 sample shift made in the frequency domain) is found within a
    quarter of a sample, not rounded to a whole one."""
    rate, n = 48_000, 4800
    noise = np.random.default_rng(3).normal(0.0, 0.2, n)
    spectrum = np.fft.rfft(noise)
    shifted = np.fft.irfft(spectrum * np.exp(-2j * np.pi * np.fft.rfftfreq(n) * 0.5), n)
    itd, *_ = measure(noise, shifted, rate)
    assert itd == pytest.approx(0.5 / rate * 1e6, abs=0.25 / rate * 1e6)


def test_a_silent_ear_has_no_itd_and_an_infinite_level_difference():
    noise = np.random.default_rng(1).normal(0.0, 0.2, 2400)
    itd, ild, level_l, level_r = measure(noise, np.zeros(2400), 48_000)
    assert itd is None and ild == math.inf and level_r == -math.inf and level_l > -20
    assert measure(np.zeros(10), np.zeros(10), 48_000)[:2] == (None, 0.0)


@pytest.mark.parametrize(("position", "azimuth", "elevation"), [
    ((0.0, 0.0, -2.0), 0.0, 0.0),     # ahead: -Z
    ((-2.0, 0.0, 0.0), 90.0, 0.0),    # to the left: azimuth positive (anticlockwise)
    ((2.0, 0.0, 0.0), -90.0, 0.0),
    ((0.0, 0.0, 2.0), 180.0, 0.0),    # behind
    ((0.0, 2.0, -2.0), 0.0, 45.0),    # up and ahead
])
def test_azimuth_counts_anticlockwise_from_the_front(position, azimuth, elevation):
    got = direction(ORIGIN, FACING_FRONT, np.array(position))
    assert abs(got[0]) == pytest.approx(180.0) if azimuth == 180 else got[0] == pytest.approx(azimuth, abs=1e-9)
    assert got[1] == pytest.approx(elevation, abs=1e-9)


def test_the_listener_turning_left_moves_a_front_source_to_the_right():
    """A head turned 90 degrees to the left (about +Y) hears a source straight ahead in stage space on its right."""
    turned = np.array([0.0, math.sin(math.pi / 4), 0.0, math.cos(math.pi / 4)])
    azimuth, elevation = direction(np.array([1.0, 1.6, 0.0]), turned, np.array([1.0, 1.6, -3.0]))
    assert azimuth == pytest.approx(-90.0) and elevation == pytest.approx(0.0, abs=1e-9)


def test_woodworth_predicts_the_spherical_heads_itd():
    assert woodworth_itd_us(0.0) == 0.0
    side = HEAD_RADIUS_M / SPEED_OF_SOUND_M_S * (math.pi / 2 + 1) * 1e6
    assert woodworth_itd_us(math.pi / 2) == pytest.approx(side) == pytest.approx(655.8, abs=0.1)
    assert woodworth_itd_us(-math.pi / 6) == pytest.approx(-261.1, abs=0.1)
    assert lateral_deg(135.0, 0.0) == pytest.approx(45.0)  # behind and left: as far off the median plane as 45
    assert lateral_deg(90.0, 60.0) == pytest.approx(30.0)  # raised: nearer the median plane


def _spec(signals=None, listener=None) -> dict:
    spec = ears_spec()
    if signals is not None:
        spec["binaural"]["test_signals"] = signals
    if listener is not None:
        spec["binaural"]["listener"] = listener
    return spec


@pytest.mark.parametrize("listener", [
    {"position": {"x": 0, "y": 1.6, "z": 0}},                                              # no orientation
    {"position": {"x": 0, "y": 1.6, "z": 0}, "orientation": {"x": 0, "y": 0, "z": 0, "w": 0}},  # no rotation
    {"position": {"x": "0", "y": 1.6, "z": 0}, "orientation": {"x": 0, "y": 0, "z": 0, "w": 1}},
    "standing",
])
def test_an_unusable_listener_leaves_nothing_to_judge(listener):
    assert declared_signals(_spec(listener=listener)) is None


def test_unusable_signals_are_left_out_and_overlapping_windows_are_not_gathered():
    at = {"x": -1.0, "y": 1.6, "z": 0.0}
    signals = [{"t": 10**12, "duration_ms": 50, "position": at},
               {"t": 10**12 + 100_000_000, "duration_ms": 50, "position": at},   # inside the first's window
               {"t": 10**12 + 10**9, "duration_ms": 0, "position": at},
               {"t": 10**12 + 2 * 10**9, "duration_ms": 50, "position": {"x": 0, "y": 1.6, "z": 0}},  # at the head
               {"t": 1.5e12, "duration_ms": 50, "position": at},
               {"t": 10**12 + 3 * 10**9, "duration_ms": 50, "position": at}]
    found = declared_signals(_spec(signals=signals))
    assert found is not None
    assert [(s.index, s.overlaps) for s in found] == [(0, True), (1, True), (5, False)]
    assert declared_signals(_spec(signals=[])) is None


def test_a_thousand_signals_at_one_instant_hold_no_samples():
    """A hostile header: many signals at one instant overlap each other, so none is gathered (memory
    stays that of one chunk) and the header schema refuses more than 256."""
    buffer = io.BytesIO()
    generate(buffer, "binaural_rig", 1.0)
    first, rest = buffer.getvalue().split(b"\n", 1)
    header = orjson.loads(first)
    header["streams"][0]["binaural"]["test_signals"] = [
        {"t": 10**12 + 200_000_000, "duration_ms": 1000, "position": {"x": -1.0, "y": 1.6, "z": 0.0}}] * 1000
    result = analyse(io.BytesIO(orjson.dumps(header) + b"\n" + rest))
    (ears,) = result.streams_of("binaural")
    assert ears.binaural is not None and not ears.binaural.measured and not ears.binaural.gathered
    assert len(ears.binaural.signals) == 256


def test_the_reference_header_is_valid(catalog):
    buffer = io.BytesIO()
    generate(buffer, "binaural_rig", 0.5)
    assert catalog.schemas.findings(orjson.loads(buffer.getvalue().split(b"\n", 1)[0]), HEADER_SCHEMA) == []


def test_the_rig_is_measured_where_its_sources_are():
    buffer = io.BytesIO()
    generate(buffer, "binaural_rig", 3.2)
    buffer.seek(0)
    (ears,) = analyse(buffer).streams_of("binaural")
    state = ears.binaural
    assert [round(m.signal.azimuth_deg) for m in state.measured] == [round(a) for a in AZIMUTHS_DEG]
    for got in state.measured:  # the generator rounds the ITD to whole samples at 48 kHz
        assert abs(got.itd_us - got.signal.predicted_itd_us) < 0.5e6 / 48_000 + 1
    assert state.uneven == 0 and state.unmeasured() == []


def _verdict(catalog, run_manifest, fixture: str | None) -> tuple[str, str]:
    files = {"captures": [fixture]} if fixture else None
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["binaural-rendering"], files=files)
    result = run_manifest(manifest, requirements=["TD-AUD-004"])
    return verdict_and_evidence(result, "TD-AUD-004")


def test_the_reference_rig_passes(catalog, run_manifest):
    verdict, notes = _verdict(catalog, run_manifest, None)
    assert verdict == "pass" and "ITD 645.8 us (predicted 655.8 us)" in notes


@pytest.mark.parametrize(("fixture", "rule", "words"), [
    ("aud-rules/binaural-level-only.ndjson.gz", "R1", "interaural time difference 0.0 us"),
    ("aud-rules/binaural-itd-doubled.ndjson.gz", "R1", "the spherical head predicts 655.8 us"),
    ("aud-rules/binaural-mirrored.ndjson.gz", "R2", "is on the right, but the ears place it elsewhere"),
    ("aud-rules/binaural-silent-ear.ndjson.gz", "R3", "the right ear at -inf dB FS"),
    ("aud-rules/binaural-rate.ndjson.gz", "R4", "at the declared 44100 Hz"),
])
def test_each_faulty_rendering_fails(catalog, run_manifest, fixture, rule, words):
    verdict, evidence = _verdict(catalog, run_manifest, fixture)
    assert verdict == "fail" and words in evidence


def test_no_test_signal_or_too_few_is_inconclusive_not_a_fail(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, "aud-rules/binaural-unsourced.ndjson.gz")
    assert verdict == "inconclusive" and "declares no listener pose or no usable test signal" in evidence
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["binaural-rendering"],
                            files={"captures": ["aud-rules/object-outside.ndjson"]})
    assert verdicts(run_manifest(manifest, requirements=["TD-AUD-004"]))["TD-AUD-004"] == "inconclusive"


def test_a_recording_cut_short_is_inconclusive(catalog, run_manifest, tmp_path):
    """1 s of the rig holds 2 whole windows of its 8 signals: fewer than 4 measured."""
    from conformance.areas.terminal.generate.capture import write

    path = tmp_path / "short.ndjson"
    write(path, "binaural_rig", 1.0)
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["binaural-rendering"])
    manifest["targets"]["captures"]["paths"] = [str(path)]
    result = run_manifest(manifest, requirements=["TD-AUD-004"])
    assert verdicts(result)["TD-AUD-004"] == "inconclusive"


def test_a_stream_not_judged_beside_a_good_one_leaves_the_set_inconclusive(catalog, run_manifest):
    """A set passes only when every member does: the reference rig passes alone, and beside a
    capture that declares no usable test signal the requirement is inconclusive, not a pass."""
    rig = str(SAMPLES / "captures" / "binaural-rig.ndjson.gz")
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["binaural-rendering"],
                            files={"captures": ["aud-rules/binaural-unsourced.ndjson.gz"]})
    manifest["targets"]["captures"]["paths"].insert(0, rig)
    result = run_manifest(manifest, requirements=["TD-AUD-004"])
    assert verdicts(result)["TD-AUD-004"] == "inconclusive"
    manifest["targets"]["captures"]["paths"][1] = str(fixture_path("terminal", "aud-rules/binaural-mirrored.ndjson.gz"))
    assert verdicts(run_manifest(manifest, requirements=["TD-AUD-004"]))["TD-AUD-004"] == "fail"
