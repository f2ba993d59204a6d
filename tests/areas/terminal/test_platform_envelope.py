"""A motion platform's rated envelope (TD-MPLAT-001 2.0): the displacement (R1) and velocity (R2) judged are
those a declared, calibrated instrument on the moving base measured, never the platform's own report; an
instrument measuring displacement only has its velocity derived by finite differences; without such an
instrument the verdict is inconclusive, naming the precondition, never a fail."""

from __future__ import annotations

import io
import json

import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.generate.device import PLATFORM_LIMITS
from conformance.areas.terminal.payloads import displacement_only
from tests.conftest import captures_verdict, fixture_path


def _verdict(catalog, run_manifest, *captures):
    return captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-MPLAT-001", captures,
                            features=["motion-platform"])


def _frames(path, stream):
    lines = path.read_text(encoding="utf-8").splitlines()
    return [f for f in map(json.loads, lines[1:]) if f["stream"] == stream]


def test_the_reference_samples_pass(catalog, run_manifest):
    """The demo's captures: the measured platform within its envelope; the bench rig, which declares no
    instrument in measured_by, is noted and not judged."""
    verdict, evidence = _verdict(catalog, run_manifest)
    assert verdict == "pass", evidence
    assert "stay within the rated envelope" in evidence and "not judged" in evidence


def test_an_under_reporting_platform_fails_on_what_the_instrument_measured(catalog, run_manifest):
    path = fixture_path("terminal", "mplat-rules/under-reported.ndjson")
    reported = max(abs(f["displacement"]["heave"]) for f in _frames(path, "platform_reported"))
    measured = max(abs(f["displacement"]["heave"]) for f in _frames(path, "platform"))
    assert reported < PLATFORM_LIMITS["displacement"]["heave"] < measured  # the report alone would pass
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "fail" and "measured displacement.heave 0.3 exceeds the rated limit" in evidence
    assert "'platform_reported': not judged" in evidence


def test_a_velocity_derived_from_a_tracker_fails_where_the_frames_velocity_would_pass(catalog, run_manifest):
    path = fixture_path("terminal", "mplat-rules/tracked-step.ndjson")
    frames = _frames(path, "platform_tracked")
    assert max(abs(f["velocity"]["heave"]) for f in frames) < PLATFORM_LIMITS["velocity"]["heave"]
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "fail" and "derived from the measured displacement" in evidence and "R2" in evidence


def test_a_measured_velocity_beyond_the_envelope_fails_r2(catalog, run_manifest, tmp_path):
    """An instrument measuring velocity too: its velocity is judged as given."""
    lines = fixture_path("terminal", "cap-platform-jolt.ndjson").read_text(encoding="utf-8").splitlines()
    frame = json.loads(lines[30])
    frame["velocity"]["roll"] = 1.5  # rated 1.2 rad/s
    lines[30] = json.dumps(frame)
    path = tmp_path / "fast.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "fail" and "measured velocity.roll 1.5 exceeds the rated limit ±1.2" in evidence


def test_a_platform_measured_by_no_instrument_is_inconclusive_not_a_fail(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, fixture_path("terminal", "mplat-rules/unmeasured.ndjson"))
    assert verdict == "inconclusive" and "no motion platform stream measured on the moving base" in evidence


def test_an_uncalibrated_instrument_is_inconclusive_even_with_an_excursion(catalog, run_manifest, tmp_path):
    """The R1 known-bad capture, its instrument declared without a calibration: the excursion is not judged."""
    lines = fixture_path("terminal", "cap-platform-limit.ndjson").read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["streams"][0]["measured_by"]["calibration"] = " "
    path = tmp_path / "uncalibrated.ndjson"
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "inconclusive" and "declares no calibrated instrument" in evidence


def test_a_tracker_below_100_hz_leaves_the_velocity_unjudged(catalog, run_manifest, tmp_path):
    buffer = io.BytesIO()
    generate(buffer, "tracked_platform", 1.0)
    lines = buffer.getvalue().decode().splitlines()
    header = json.loads(lines[0])
    header["streams"][0]["rate_hz"] = 50
    path = tmp_path / "slow.ndjson"
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "inconclusive" and "below the 100 Hz a velocity is derived at" in evidence


def _slow(tmp_path, keep=1):
    """The slow-tracker platform (an inertial unit's stream at 100 Hz beside an optical tracker's at 50 Hz),
    keeping every ``keep``-th frame of the tracker's stream."""
    buffer = io.BytesIO()
    generate(buffer, "slow_tracked_platform", 1.0)
    lines = buffer.getvalue().decode().splitlines()
    tracked = [k for k, line in enumerate(lines) if k and json.loads(line)["stream"] == "platform_tracked_slow"]
    dropped = {k for n, k in enumerate(tracked) if n % keep}
    path = tmp_path / "slow-beside-imu.ndjson"
    path.write_text("\n".join(line for k, line in enumerate(lines) if k not in dropped) + "\n", encoding="utf-8")
    return path


def test_a_tracker_below_100_hz_beside_a_measured_stream_is_inconclusive_not_a_pass(catalog, run_manifest, tmp_path):
    """Seventy-fourth reading, c4: the stream whose velocity is not judged (R2) made the run pass when another
    stream was judged; it is now recorded unjudged, as the Inconclusive line names it."""
    verdict, evidence = _verdict(catalog, run_manifest, _slow(tmp_path))
    assert verdict == "inconclusive", evidence
    assert "'platform_tracked_slow': velocity not judged (R2)" in evidence and "judged (R1)" in evidence


def test_a_tracker_below_100_hz_has_its_displacement_judged_by_the_guarded_rule(catalog, run_manifest):
    """Its heave at 0.0999 m, within the rated 0.1 m but within its U (0.2 mm): R1 fails on the guard band,
    although the stream is given no velocity; no velocity is judged for it (no R2 line of the stream)."""
    path = fixture_path("terminal", "mplat-rules/slow-tracker-guard-band.ndjson.gz")
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "fail", evidence
    assert "platform_tracked_slow" in evidence and "guard band" in evidence


def test_a_tracker_whose_frames_are_all_after_gaps_is_named_as_such(catalog, run_manifest, tmp_path):
    """A stream declaring 100 Hz whose frames are each more than 1.5 periods after the one before is given no
    velocity either, and the record says why (not a rate below 100 Hz it does not have)."""
    buffer = io.BytesIO()
    generate(buffer, "tracked_platform", 1.0)
    lines = buffer.getvalue().decode().splitlines()
    path = tmp_path / "sparse.ndjson"
    path.write_text("\n".join([lines[0], *lines[1::3]]) + "\n", encoding="utf-8")  # 30 ms apart, 100 Hz declared
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "inconclusive", evidence
    assert "follows another within 1.5 declared periods" in evidence and "below the 100 Hz" not in evidence


@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_derived_velocity_does_not_depend_on_the_chunking(chunk):
    """Carried across chunk boundaries by the last frame: every frame after the first is given the
    difference quotient of its displacement and the one before, and the step shows the same findings."""
    data = fixture_path("terminal", "mplat-rules/tracked-step.ndjson").read_bytes()

    def findings(result):
        return list(result.log("motion_platform").detailed)

    whole, chunked = analyse(io.BytesIO(data)), analyse(io.BytesIO(data), chunk_lines=chunk)
    (stats,) = chunked.streams_of("motion_platform")
    assert displacement_only(stats.spec)
    assert (stats.platform.derived, stats.platform.underived) == (stats.frames - 1, 1)
    assert findings(chunked) == findings(whole) and len(findings(whole)) == 2
