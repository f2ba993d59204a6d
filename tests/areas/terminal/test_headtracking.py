"""Head-tracked binaural rendering (TD-AUD-005): the ITD track of a turning head against the
spherical head's prediction, the latency that aligns them, and the verdicts on the known-bad rigs."""

from __future__ import annotations

import io

import numpy as np
import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.binaural import direction, directions, lateral_deg, laterals_deg
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.headtracking import Alignment, align
from conformance.areas.terminal.suite import HEADER_SCHEMA
from tests.conftest import manifest_for, verdict_and_evidence


def _aligned(faults: list[str] = (), seconds: float = 3.0, edit=None):
    buffer = io.BytesIO()
    generate(buffer, "head_turn_rig", seconds, list(faults))
    data = buffer.getvalue()
    if edit is not None:
        first, rest = data.split(b"\n", 1)
        header = orjson.loads(first)
        edit(header)
        data = orjson.dumps(header) + b"\n" + rest
    result = analyse(io.BytesIO(data))
    (ears,) = result.streams_of("binaural")
    return align(result, ears)


def test_directions_over_arrays_match_one_at_a_time():
    rng = np.random.default_rng(3)
    q, p, source = rng.normal(size=(20, 4)), rng.normal(size=(20, 3)), np.array([0.3, 1.2, -2.0])
    azimuth, elevation = directions(p, q, source)
    for k in range(20):
        assert (azimuth[k], elevation[k]) == pytest.approx(direction(p[k], q[k], source))
        assert laterals_deg(azimuth[k:k + 1], elevation[k:k + 1])[0] == pytest.approx(
            lateral_deg(azimuth[k], elevation[k]))


@pytest.mark.parametrize(("faults", "latency"), [([], 20.0), (["head-turn-late"], 150.0)])
def test_the_latency_planted_is_the_one_found(faults, latency):
    got = _aligned(faults)
    assert isinstance(got, Alignment)
    assert got.latency_ms == latency and got.residual_us < 20 and got.turn_deg == pytest.approx(80, abs=0.1)


def test_a_source_turning_with_the_head_leaves_a_residual_at_every_shift():
    got = _aligned(["head-turn-locked"])
    assert isinstance(got, Alignment) and got.residual_us > 300 and got.swing_us < 20 < got.predicted_swing_us


def test_a_source_rendered_at_its_front_back_mirror_swings_the_other_way():
    """Behind the head the lateral angle, so the still head's ITD, is the same as in front (the cone
    of confusion); while the head turns the ITD swings as much but the other way, so no shift aligns it."""
    got = _aligned(["head-turn-front-back"])
    assert isinstance(got, Alignment) and got.residual_us > 300
    assert got.swing_us == pytest.approx(got.predicted_swing_us, rel=0.05)


def test_no_turn_too_short_or_a_missing_pose_stream_is_not_judged():
    assert "at most 0.0 degrees to the left and 0.0 degrees to the right" in str(_aligned(["head-turn-still"]))
    assert "fewer than 50" in str(_aligned(seconds=1.4))  # 0.9 s of signal, both sides turned: under 45 windows

    def rename(header):
        header["streams"][1]["binaural"]["head_tracked"]["pose_stream"] = "nowhere"
    assert "'nowhere'" in str(_aligned(edit=rename))


def test_a_turn_to_one_side_of_the_source_is_not_judged():
    """The precondition turns the head at least 30 degrees to each side (fifty-ninth reading, cx2): with the
    source declared 20 degrees to the right of the head's rest direction, the 40 degree swing each way turns it
    60 degrees to the right but only 20 to the left, an 80 degree sweep the peak-to-peak check judged."""
    def aside(header):
        position = header["streams"][1]["binaural"]["head_tracked"]["position"]
        position["x"], position["z"] = float(1.5 * np.sin(np.radians(20))), float(-1.5 * np.cos(np.radians(20)))
    got = str(_aligned(edit=aside))
    assert "at most 20.0 degrees to the left and 60.0 degrees to the right" in got, got


def test_the_rig_header_is_valid(catalog):
    buffer = io.BytesIO()
    generate(buffer, "head_turn_rig", 0.5)
    assert catalog.schemas.findings(orjson.loads(buffer.getvalue().split(b"\n", 1)[0]), HEADER_SCHEMA) == []


def _verdict(catalog, run_manifest, fixture: str | None) -> tuple[str, str]:
    files = {"captures": [fixture]} if fixture else None
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["head-tracked-rendering"], files=files)
    return verdict_and_evidence(run_manifest(manifest, requirements=["TD-AUD-005"]), "TD-AUD-005")


def test_the_reference_rig_passes(catalog, run_manifest):
    verdict, notes = _verdict(catalog, run_manifest, None)
    assert verdict == "pass" and "motion-to-sound latency 20 ms" in notes


@pytest.mark.parametrize(("fixture", "verdict", "words"), [
    ("aud-rules/head-turn-locked.ndjson.gz", "fail", "the source does not stay put while the head turns"),
    ("aud-rules/head-turn-late.ndjson.gz", "fail", "the rendering follows the head 150 ms late"),
    ("aud-rules/head-turn-front-back.ndjson.gz", "fail", "the source does not stay put while the head turns"),
    ("aud-rules/head-turn-still.ndjson.gz", "inconclusive", "turned it at most 0.0 degrees to the left"),
    ("aud-rules/binaural-level-only.ndjson.gz", "inconclusive", ""),  # a fixed listener: TD-AUD-004's
])
def test_each_rig_gets_its_verdict(catalog, run_manifest, fixture, verdict, words):
    got, evidence = _verdict(catalog, run_manifest, fixture)
    assert got == verdict and words in evidence
