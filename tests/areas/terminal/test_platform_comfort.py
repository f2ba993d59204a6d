"""A motion platform's comfort (TD-MPLAT-002): its peak acceleration and jerk are judged only on motion a
declared, calibrated instrument on the moving base measured; the reference platform passes, a jolt fails,
and a stream without such an instrument is not judged (inconclusive, never a fail)."""

from __future__ import annotations

import orjson
import pytest

from conformance.areas.terminal.payloads import measured_by_instrument
from tests.conftest import fixture_path, manifest_for, verdict_and_evidence


@pytest.mark.parametrize(("declared", "judged"), [
    ({"kind": "imu", "calibration": "against a laser tracker"}, True),
    ({"kind": "imu", "calibration": "  "}, False),
    ({"kind": "imu"}, False),
    ({"calibration": "against a laser tracker"}, False),
    ("an IMU", False),
    (None, False),
])
def test_only_a_calibrated_instrument_counts(declared, judged):
    spec = {"id": "platform", "type": "motion_platform"} if declared is None else {"measured_by": declared}
    assert measured_by_instrument(spec) is judged


def _verdict(catalog, run_manifest, path=None, fixture=None, parameters=None):
    files = {"captures": [fixture]} if fixture else None
    manifest = manifest_for(catalog, "terminal-comfort", features=["motion-platform"], files=files,
                            parameters=parameters)
    if path is not None:
        manifest["targets"]["captures"]["paths"] = [str(path)]
    result = run_manifest(manifest, requirements=["TD-MPLAT-002"])
    return verdict_and_evidence(result, "TD-MPLAT-002")


def test_the_reference_platform_passes_and_a_jolt_fails(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest)
    assert verdict == "pass" and "at most" in evidence
    verdict, evidence = _verdict(catalog, run_manifest, fixture="cap-platform-jolt.ndjson")
    assert verdict == "fail" and "acceleration of" in evidence and "jerk of" in evidence


def test_a_platform_without_a_measuring_instrument_is_inconclusive_not_a_fail(catalog, run_manifest, tmp_path):
    """The jolt, recorded without saying what measured it: nothing is judged."""
    lines = fixture_path("terminal", "cap-platform-jolt.ndjson").read_bytes().split(b"\n")
    header = orjson.loads(lines[0])
    del header["streams"][0]["measured_by"]
    path = tmp_path / "unmeasured.ndjson"
    path.write_bytes(b"\n".join([orjson.dumps(header), *lines[1:]]))
    verdict, evidence = _verdict(catalog, run_manifest, path=path)
    assert verdict == "inconclusive" and "declares no calibrated instrument on the moving base" in evidence


def test_a_positions_only_instrument_is_not_judged_for_comfort(catalog, run_manifest):
    """2.1: an optical tracker measures displacement only; its frames' velocity is no measurement, and the
    second and third differences of its positions would be its noise: inconclusive, never a fail."""
    verdict, evidence = _verdict(catalog, run_manifest, fixture="mplat-rules/tracked-step.ndjson")
    assert verdict == "inconclusive" and "its instrument measures displacement only" in evidence
