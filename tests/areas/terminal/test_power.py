"""Surface temperature (TD-PWR-002): judged only on readings of a declared, calibrated contact
thermometer; the clean headset passes, a hot one fails, one without its thermometer is undecided.
Battery life (TD-PWR-001): the fall of the battery level over a session, fitted chunk by chunk as
NumPy fits it at once, held to 2 hours; a short session or one not from full is undecided."""

from __future__ import annotations

import io

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.power import BatteryFit, measured_by_thermometer
from tests.conftest import manifest_for, verdict_and_evidence, verdicts


def _capture(tmp_path, change=None, faults=()):
    buffer = io.BytesIO()
    generate(buffer, "standalone_headset", 4.0, list(faults))
    first, rest = buffer.getvalue().split(b"\n", 1)
    header = orjson.loads(first)
    if change:
        change(next(s for s in header["streams"] if s["type"] == "power"))
    path = tmp_path / "headset.ndjson"
    path.write_bytes(orjson.dumps(header) + b"\n" + rest)
    return path


def _verdict(catalog, run_manifest, path) -> str:
    manifest = manifest_for(catalog, "terminal-sensor-performance")
    manifest["targets"]["captures"]["paths"] = [str(path)]
    return verdicts(run_manifest(manifest, requirements=["TD-PWR-002"]))["TD-PWR-002"]


@pytest.mark.parametrize(("faults", "expected"), [((), "pass"), (("power-hot",), "fail")])
def test_a_declared_thermometer_is_judged(catalog, run_manifest, tmp_path, faults, expected):
    assert _verdict(catalog, run_manifest, _capture(tmp_path, faults=faults)) == expected


@pytest.mark.parametrize("change", [
    lambda spec: spec.pop("thermometer"),
    lambda spec: spec["thermometer"].update(calibration="  "),
])
def test_readings_of_no_calibrated_thermometer_are_not_judged(catalog, run_manifest, tmp_path, change):
    """Even at 46 C: the precondition of the method did not hold, so inconclusive, never a fail."""
    path = _capture(tmp_path, change=change, faults=["power-hot"])
    assert _verdict(catalog, run_manifest, path) == "inconclusive"


@pytest.mark.parametrize(("spec", "expected"), [
    ({"thermometer": {"kind": "thermocouple", "calibration": "at 25 and 45 C"}}, True),
    ({"thermometer": {"kind": "thermocouple"}}, False), ({"thermometer": "thermocouple"}, False),
    ({"thermometer": {"kind": 3, "calibration": "x"}}, False), ({}, False),
])
def test_what_counts_as_a_declared_thermometer(spec, expected):
    assert measured_by_thermometer(spec) is expected


# TD-PWR-001: the battery's fall over a session, against this document's 2 hours


@settings(max_examples=50, deadline=None)
@given(st.floats(0.05, 3.0), st.integers(2, 6), st.integers(0, 10**6))
def test_the_fit_folded_chunk_by_chunk_is_numpys_least_squares(drain, chunks, seed):
    """Levels falling ``drain`` an hour with noise, folded in ``chunks`` pieces: the same slope as
    NumPy's polyfit over all of them at once."""
    rng = np.random.default_rng(seed)
    t = 10**12 + np.cumsum(rng.integers(400_000_000, 600_000_000, 1500))
    hours = (t - t[0]) / 3.6e12
    level = np.clip(0.95 - drain * hours + rng.normal(0, 0.002, len(t)), 0, 1)
    fit = BatteryFit()
    for part_t, part_level in zip(np.array_split(t, chunks), np.array_split(level, chunks), strict=True):
        fit.add(part_t, part_level)
    assert fit.drain_per_hour() == pytest.approx(-np.polyfit(hours, level, 1)[0], rel=1e-6, abs=1e-9)
    assert fit.minutes == pytest.approx(hours[-1] * 60)


def test_one_sample_or_one_instant_gives_no_slope():
    fit = BatteryFit()
    assert fit.drain_per_hour() is None and fit.minutes == 0.0
    fit.add(np.array([10**12, 10**12]), np.array([0.9, 0.8]))
    assert fit.drain_per_hour() is None


def _battery_verdict(catalog, run_manifest, fixture=None, path=None) -> tuple[str, str]:
    files = {"captures": [fixture]} if fixture else None
    manifest = manifest_for(catalog, "terminal-sensor-performance", files=files)
    if path is not None:
        manifest["targets"]["captures"]["paths"] = [str(path)]
    result = run_manifest(manifest, requirements=["TD-PWR-001"])
    return verdict_and_evidence(result, "TD-PWR-001")


def test_the_reference_session_lasts_and_a_draining_one_does_not(catalog, run_manifest):
    verdict, evidence = _battery_verdict(catalog, run_manifest)  # the samples: a 12-minute session among them
    assert verdict == "pass" and "a battery life of 3.33 h" in evidence
    verdict, evidence = _battery_verdict(catalog, run_manifest, fixture="perf-rules/battery-drain.ndjson.gz")
    assert verdict == "fail" and "a battery life of 0.67 h" in evidence


def test_a_level_outside_0_to_1_fails_whatever_the_session(catalog, run_manifest):
    verdict, evidence = _battery_verdict(catalog, run_manifest, fixture="perf-rules/power-over-range.ndjson.gz")
    assert verdict == "fail" and "battery 1.2 is outside 0 .. 1" in evidence


@pytest.mark.parametrize(("seconds", "start"), [(4.0, 0.95), (720.0, 0.5)])
def test_a_short_session_or_one_not_from_full_is_inconclusive_not_a_fail(catalog, run_manifest, tmp_path,
                                                                          seconds, start):
    buffer = io.BytesIO()
    generate(buffer, "power_session", seconds)
    first, *rest = buffer.getvalue().split(b"\n")
    frames = [orjson.loads(line) for line in rest if line]
    for frame in frames:
        frame["battery"] = round(frame["battery"] - 0.95 + start, 5)
    path = tmp_path / "session.ndjson"
    path.write_bytes(b"\n".join([first, *map(orjson.dumps, frames)]) + b"\n")
    verdict, evidence = _battery_verdict(catalog, run_manifest, path=path)
    assert verdict == "inconclusive" and "not judged" in evidence
