"""A motion platform's rated envelope measured at its corners on a test bench (TD-MPLAT-004): the peak reached
per commanded cycle, robust to a spike and to the chunking; a platform stopped by its stroke short in
displacement only (R1), one limited in rate short in velocity only (R2); a bench that does not command a corner
leaves it inconclusive, named, never a fail; the reference's corner bench passes."""

from __future__ import annotations

import gzip
import io
import json
import math

import numpy as np
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.device import RIG_LIMITS
from conformance.areas.terminal.platform_corners import MIN_CYCLES, CyclePeaks, corners_of
from tests.conftest import captures_verdict, fixture_path
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"


def _corners(data: bytes, chunk_lines: int | None = None):
    result = analyse(io.BytesIO(data)) if chunk_lines is None else analyse(io.BytesIO(data), chunk_lines=chunk_lines)
    (stats,) = result.streams_of("motion_platform")
    return {(c.axis, c.quantity): c for c in corners_of(stats.spec, stats.offer, stats.corners)}


def _verdict(catalog, run_manifest, *captures):
    return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-MPLAT-004", captures,
                            features=["motion-platform"])


def test_a_spike_is_no_corner_reached_and_a_cut_cycle_is_left_out():
    peaks = CyclePeaks()
    cycle = np.repeat(np.arange(5), 10)
    magnitude = np.full(50, 0.2)
    magnitude[25] = 0.9  # one spike, in cycle 2
    magnitude[:10] = 0.05  # cycle 0: the stream starts mid-cycle
    peaks.add("heave", "displacement", cycle, magnitude)
    assert peaks.reached("heave", "displacement") == (pytest.approx(0.2), 3)  # cycles 1..3: the median
    short = CyclePeaks()
    short.add("heave", "displacement", np.array([0, 1, 2]), np.array([0.1, 0.2, 0.3]))
    assert short.reached("heave", "displacement") == (None, 1) and MIN_CYCLES == 3


def test_two_complete_cycles_are_too_few_and_one_spike_among_three_does_not_decide():
    # 4 recorded cycles leave 2 complete ones, whose median is their mean: a spike beside a short cycle would set it
    two = CyclePeaks()
    two.add("heave", "displacement", np.arange(4), np.array([0.1, 1.2, 0.7, 0.1]))
    assert two.reached("heave", "displacement") == (None, 2)
    # 5 recorded cycles leave 3: the median is the middle cycle, so the one spike (1.2 D) does not make 0.7 D reached
    three = CyclePeaks()
    three.add("heave", "displacement", np.arange(5), np.array([0.1, 1.2, 0.7, 0.7, 0.1]))
    assert three.reached("heave", "displacement") == (pytest.approx(0.7), 3)


def test_the_peaks_do_not_depend_on_the_chunking():
    data = (SAMPLES / "platform-corners.ndjson.gz").read_bytes()
    data = gzip.decompress(data)
    assert _corners(data, chunk_lines=7) == _corners(data)


def test_the_corner_bench_reaches_every_rated_corner():
    corners = _corners(gzip.decompress((SAMPLES / "platform-corners.ndjson.gz").read_bytes()))
    rated = {(axis, q) for q, bounds in RIG_LIMITS.items() for axis in bounds}
    assert set(corners) == rated
    assert all(c.commands_the_corner and c.cycles >= MIN_CYCLES and c.shortfall() < 0.05 for c in corners.values())


@pytest.mark.parametrize(("fixture", "short"), [("corners-stroke-short", ("heave", "displacement")),
                                                ("corners-rate-limited", ("heave", "velocity"))])
def test_each_fault_leaves_one_corner_short(fixture, short):
    """The stroke stops the displacement at 0.18 m and leaves the velocity whole; the rate limit reaches the
    stroke at the turnarounds and only the velocity (0.4 of 0.5 m/s) falls short: one rule each."""
    corners = _corners(gzip.decompress(fixture_path("terminal", f"mplat-rules/{fixture}.ndjson.gz").read_bytes()))
    over = {key for key, c in corners.items() if c.shortfall() > 0.1}
    assert over == {short}
    assert math.isclose(corners[short].reached, 0.18 if short[1] == "displacement" else 0.4, abs_tol=1e-3)


def test_the_reference_corner_bench_passes(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, SAMPLES / "platform-corners.ndjson.gz")
    assert verdict == "pass", evidence
    assert "heave displacement reaches 0.2428 of the rated 0.25" in evidence


def test_a_stroke_short_of_its_rating_fails_r1(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest,
                                 fixture_path("terminal", "mplat-rules/corners-stroke-short.ndjson.gz"))
    assert verdict == "fail" and "heave displacement reaches 0.18 in a typical commanded cycle" in evidence
    assert "28 % short of the rated 0.25" in evidence


def test_a_bench_commanding_no_corner_is_inconclusive_naming_why(catalog, run_manifest):
    """The tracking bench of TD-MPLAT-003 commands 0.04 m of heave on a platform rated 0.25 m."""
    verdict, evidence = _verdict(catalog, run_manifest, SAMPLES / "platform-rig.ndjson.gz")
    assert verdict == "inconclusive" and "no corner of the rated envelope is judged" in evidence
    assert "surge displacement not judged: the bench commands a peak of 0.06, below the rated 0.15" in evidence
    assert "sway displacement not judged: the bench does not command that axis" in evidence


def test_a_corner_left_uncommanded_turns_a_pass_inconclusive(catalog, run_manifest, tmp_path):
    """The corner bench with yaw dropped from its declared command: the other corners are reached, yaw's
    are named unjudged, and the verdict cannot be a pass."""
    lines = gzip.decompress((SAMPLES / "platform-corners.ndjson.gz").read_bytes()).decode().splitlines()
    header = json.loads(lines[0])
    del header["streams"][0]["commanded_motion"]["axes"]["yaw"]
    path = tmp_path / "no-yaw.ndjson"
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "inconclusive" and "yaw displacement not judged: the bench does not command that axis" in evidence
    assert "heave displacement reaches" in evidence


def _fast_heave_bench(path, commands: dict[str, tuple[float, float]], rated=(0.1, 1.0)):
    """The corner bench re-rated with a heave of ``rated`` (displacement 0.1 m, velocity 1 m/s: 2 pi D times
    1 Hz is 0.63 m/s, so its velocity bound needs 1.6 Hz) and commanding heave alone by ``commands`` (amplitude,
    frequency), the moving base's heave following it exactly (the other axes' frames kept, unrated)."""
    lines = gzip.decompress((SAMPLES / "platform-corners.ndjson.gz").read_bytes()).decode().splitlines()
    header = json.loads(lines[0])
    stream = header["streams"][0]
    offer = next(o for o in header["device"]["offers"] if o["id"] == stream["id"])
    for quantity, value in zip(("displacement", "velocity"), rated, strict=True):
        offer["limits"][quantity] = {"heave": value}
    amplitude, frequency = commands["heave"]
    stream["commanded_motion"]["axes"] = {"heave": {"amplitude": amplitude, "frequency_hz": frequency,
                                                    "phase_rad": 0.0}}
    t0, frames = stream["commanded_motion"]["t0"], []
    for line in lines[1:]:
        frame = json.loads(line)
        theta = 2 * math.pi * frequency * (frame["t"] - t0) / 1e9
        frame["displacement"]["heave"] = amplitude * math.sin(theta)
        frame["velocity"]["heave"] = 2 * math.pi * frequency * amplitude * math.cos(theta)
        frames.append(json.dumps(frame))
    path.write_text("\n".join([json.dumps(header), *frames]) + "\n", encoding="utf-8")
    return path


def test_a_velocity_bound_above_2_pi_d_times_1_hz_is_commanded_and_passes(catalog, run_manifest, tmp_path):
    """Fifty-seventh reading, cx1: a heave rated 0.1 m and 1 m/s reaches its velocity only at 1.6 Hz or above;
    the header's bound (5 Hz, 1 Hz before) admits it, so one sinusoid (0.1 m at 1.59 Hz) reaches both bounds and
    the platform passes; it was inconclusive, the command unusable."""
    both = _fast_heave_bench(tmp_path / "both.ndjson", {"heave": (0.1, 1.0 / (2 * math.pi * 0.1))})
    corners = _corners(both.read_bytes())
    assert set(corners) == {("heave", "displacement"), ("heave", "velocity")}
    assert all(c.commands_the_corner and c.cycles >= MIN_CYCLES and c.shortfall() < 0.02 for c in corners.values())
    verdict, evidence = _verdict(catalog, run_manifest, both)
    assert verdict == "pass", evidence


def test_a_velocity_bound_is_commanded_below_the_stroke_in_a_stream_of_its_own(catalog, run_manifest, tmp_path):
    """The two bounds commanded apart: the displacement by 0.1 m at 1 Hz, the velocity by 0.035 m at 5 Hz
    (2 pi 5 x 0.035 = 1.1 m/s, within the stroke): together they pass; the displacement bench alone leaves the
    velocity bound unjudged."""
    stroke = _fast_heave_bench(tmp_path / "stroke.ndjson", {"heave": (0.1, 1.0)})
    rate = _fast_heave_bench(tmp_path / "rate.ndjson", {"heave": (0.035, 5.0)})
    verdict, evidence = _verdict(catalog, run_manifest, stroke, rate)
    assert verdict == "pass", evidence
    verdict, evidence = _verdict(catalog, run_manifest, stroke)
    assert verdict == "inconclusive" and "heave velocity not judged" in evidence, evidence


@pytest.mark.parametrize("rate_hz", [50, None])
def test_a_displacement_only_bench_under_100_hz_leaves_the_velocity_corners_unjudged(catalog, run_manifest, tmp_path,
                                                                                    rate_hz):
    """Seventy-ninth reading, c3: the corner bench measured by a displacement-only instrument on a stream declaring
    under 100 Hz (or no rate) has no velocity derived (TD-MPLAT-001 leaves it unjudged); its velocity corners are
    named unjudged, the displacement corners judged, and the platform is not failed (it was: every velocity read 0)."""
    lines = gzip.decompress((SAMPLES / "platform-corners.ndjson.gz").read_bytes()).decode().splitlines()
    header = json.loads(lines[0])
    stream = header["streams"][0]
    stream["measured_by"] = {"kind": "laser tracker", "model": "bench tracker", "calibration": "ISO 10360-10",
                             "quantities": ["displacement"]}
    if rate_hz is None:
        del stream["rate_hz"]
    else:
        stream["rate_hz"] = rate_hz
    path = tmp_path / "tracked-corners.ndjson"
    path.write_text("\n".join([json.dumps(header), *lines[1::2]]) + "\n", encoding="utf-8")
    corners = _corners(path.read_bytes())
    velocity = [c for (_, quantity), c in corners.items() if quantity == "velocity"]
    assert velocity and all(c.reached is None and c.unmeasured for c in velocity)
    assert all(c.reached is not None for (_, quantity), c in corners.items() if quantity == "displacement")
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "inconclusive", evidence
    assert "heave velocity not judged" in evidence and "no velocity derived from the displacement" in evidence
