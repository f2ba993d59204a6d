"""Surface temperature (TD-PWR-002): judged only on readings of a declared, calibrated contact
thermometer; the clean headset passes, a hot one fails, one without its thermometer is undecided."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.power import measured_by_thermometer
from tests.conftest import manifest_for, verdicts


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
