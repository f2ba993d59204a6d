"""Body tracking against a reference motion capture (TD-BODY-003): root-relative alignment takes out where the
body stands and nothing else; the latency is found about each bone's mean difference and taken out before the
errors are measured, so five arm bones 5 cm off fail R1 alone, the hips 34 mm off R2 alone, a late tracker R3
alone, the arm bones turned 20 degrees where they are R4 alone; a short reference, one carrying the root alone, a still one or one naming no body stream are not judged
(inconclusive, named); the clean rig passes."""

from __future__ import annotations

import gzip
import io
import json
from functools import cache

import numpy as np
import pytest

from conformance import Message
from conformance.areas.terminal import analyse
from conformance.areas.terminal.body_accuracy import (
    BONE_INDEX,
    BONES,
    MAX_GAP_NS,
    BodyTrack,
    Measured,
    _interpolated,
    measure,
    pairs,
)
from conformance.areas.terminal.model import StreamStats
from tests.conftest import captures_verdict, fixture_path
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "body-reference.ndjson.gz"
T0 = 1_000_000_000_000


def _verdict(catalog, run_manifest, *captures):
    return captures_verdict(catalog, run_manifest, "terminal-body", "TD-BODY-003", captures,
                            features=["reference-motion-capture"])


@cache
def _measured(name: str, chunk_lines: int | None = None) -> Measured | Message:
    """The sample (``name`` None) or a body-rules fixture measured, once per module."""
    path = SAMPLE if name is None else fixture_path("terminal", f"body-rules/{name}.ndjson.gz")
    stream = io.BytesIO(gzip.decompress(path.read_bytes()))
    result = analyse(stream) if chunk_lines is None else analyse(stream, chunk_lines=chunk_lines)
    ((reference, tracked),) = pairs(result)
    assert tracked is not None
    return measure(tracked, reference, 100)


def _stream(sid: str, t_s: np.ndarray, bones: dict[str, np.ndarray]) -> StreamStats:
    """A body stream holding ``bones`` (name -> (n, 3) positions) at ``t_s`` seconds."""
    p = np.full((len(t_s), len(BONES), 3), np.nan, np.float32)
    for name, positions in bones.items():
        p[:, BONE_INDEX[name]] = positions
    stats = StreamStats(id=sid, type="body", rate_hz=None)
    stats.body_track = BodyTrack(t=[T0 + np.round(t_s * 1e9).astype(np.int64)], p=[p], kept=len(t_s))
    return stats


def _walk(t_s: np.ndarray, late_s: float = 0.0) -> dict[str, np.ndarray]:
    """Hips drifting across the room, a hand and a foot swinging about them."""
    s = t_s - late_s
    hips = np.column_stack((0.5 * s, np.full_like(s, 0.95), np.zeros_like(s)))
    hand = hips + np.column_stack((0.2 * np.sin(2 * s), np.full_like(s, 0.1), 0.3 * np.cos(2 * s)))
    foot = hips + np.column_stack((np.full_like(s, 0.1), np.full_like(s, -0.85), 0.25 * np.sin(2 * s)))
    return {"hips": hips, "rightHand": hand, "leftFoot": foot}


def test_root_relative_alignment_takes_out_where_the_body_stands_and_nothing_else():
    t = np.arange(300) / 60
    reference = _stream("mocap", t, _walk(t))
    moved = {name: p + np.array([1.0, 0.0, -2.0]) for name, p in _walk(t).items()}  # the whole body 2.2 m off
    moved["rightHand"] = moved["rightHand"] + np.array([0.0, 0.03, 0.0])  # one bone 30 mm off
    got = measure(_stream("tracked", t, moved), reference, 100)
    assert isinstance(got, Measured)
    assert got.latency_ms == 0.0 and got.frames == 300
    assert got.per_bone_mm == pytest.approx({"rightHand": 30.0, "leftFoot": 0.0}, abs=1e-3)
    assert got.mpjpe_mm == pytest.approx(15.0, abs=1e-3) and got.pck == 1.0


def test_a_late_tracker_is_found_and_compared_at_its_latency():
    t_ref, t = np.arange(600) / 120, np.arange(150) / 30
    got = measure(_stream("tracked", t, _walk(t, late_s=0.045)), _stream("mocap", t_ref, _walk(t_ref)), 100)
    assert isinstance(got, Measured) and got.latency_ms == 45.0 and not got.at_edge
    assert got.mpjpe_mm < 0.5  # interpolated between reference frames 8 ms apart


def test_the_reference_is_not_interpolated_across_a_gap():
    t_ref = np.array([0.0, 0.05, 0.05 + MAX_GAP_NS / 1e9 + 0.01])
    x = np.arange(3, dtype=np.float64)[:, None, None] * np.ones((3, 1, 3))
    at = T0 + np.round(np.array([0.025, 0.1, -0.01, 0.3]) * 1e9)
    got = _interpolated(T0 + np.round(t_ref * 1e9), x, at)
    assert got[0, 0, 0] == pytest.approx(0.5) and np.isnan(got[1:]).all()


def test_a_still_reference_or_no_bone_in_common_is_not_judged():
    t = np.arange(300) / 60
    still = {name: np.repeat(p[:1], len(t), axis=0) for name, p in _walk(t).items()}
    got = measure(_stream("tracked", t, still), _stream("mocap", t, still), 100)
    assert isinstance(got, Message) and got.key == "terminal.body-reference-still"
    walk = _walk(t)
    got = measure(_stream("tracked", t, {"hips": walk["hips"], "rightHand": walk["rightHand"]}),
                  _stream("mocap", t, {"hips": walk["hips"], "leftFoot": walk["leftFoot"]}), 100)
    assert isinstance(got, Message) and got.key == "terminal.body-no-common-bones"


def test_the_clean_rig_is_measured_whatever_the_chunking():
    whole, cut = _measured(None), _measured(None, chunk_lines=37)
    assert isinstance(whole, Measured) and isinstance(cut, Measured)
    # the generator's noise: 4 mm an axis on each bone and on the hips, 0.5 mm on the reference's
    assert 8 < whole.mpjpe_mm < 11 and max(whole.per_bone_mm.values()) < 11 and abs(whole.latency_ms) <= 5
    assert (whole.latency_ms, whole.frames, whole.per_bone_mm) == (cut.latency_ms, cut.frames, cut.per_bone_mm)
    # the orientations carry no noise but rounding and the reference's interpolation between frames
    assert len(whole.per_bone_deg) == len(whole.per_bone_mm) and max(whole.per_bone_deg.values()) < 1
    assert whole.per_bone_deg == cut.per_bone_deg
    # R5: the frames counted on the reference's clock, at the 30 Hz the tracked stream is stamped at
    assert whole.rate_hz is not None and abs(whole.rate_hz / 30 - 1) < 0.01 and whole.rate_hz == cut.rate_hz


@pytest.mark.parametrize(("fixture", "over"), [("body-arm-offset", "R1"), ("body-root-offset", "R2"),
                                               ("body-late", "R3"), ("body-arm-twisted", "R4"),
                                               ("body-clock-off", "R5")])
def test_each_fault_breaks_its_rule_alone(fixture, over):
    """The verdicts and findings of these three are tests/e2e/test_known_bad.py's (suites/terminal/known_bad.yaml)."""
    got = _measured(fixture)
    assert isinstance(got, Measured)
    broken = {rule for rule, bad in (("R1", max(got.per_bone_mm.values()) > 40), ("R2", got.mpjpe_mm > 30),
                                     ("R3", abs(got.latency_ms) > 20),
                                     ("R4", max(got.per_bone_deg.values()) > 10),
                                     ("R5", got.rate_hz is None or abs(got.rate_hz / 30 - 1) > 0.05)) if bad}
    assert broken == {over}


@pytest.mark.parametrize(("fixture", "key"), [("body-reference-short", "terminal.body-too-few"),
                                              ("body-reference-root-only", "terminal.body-no-common-bones")])
def test_a_short_or_rootless_reference_is_not_measured(fixture, key):
    got = _measured(fixture)
    assert isinstance(got, Message) and got.key == key


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, SAMPLE)
    assert verdict == "pass", evidence
    assert "mean per joint position error 9.2 mm" in evidence and "100% of the distances within 50 mm" in evidence


def test_a_short_reference_is_inconclusive_naming_why(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest,
                                 fixture_path("terminal", "body-rules/body-reference-short.ndjson.gz"))
    assert verdict == "inconclusive" and "29 frame(s) with a reference frame around them, fewer than 100" in evidence


def test_a_reference_naming_no_body_stream_or_no_reference_is_inconclusive(catalog, run_manifest, tmp_path):
    lines = gzip.decompress(SAMPLE.read_bytes()).split(b"\n")
    header = json.loads(lines[0])
    next(s for s in header["streams"] if "reference_system" in s)["annotates"] = "body_elsewhere"
    lines[0] = json.dumps(header).encode()
    path = tmp_path / "unnamed.ndjson.gz"
    path.write_bytes(gzip.compress(b"\n".join(lines)))
    verdict, evidence = _verdict(catalog, run_manifest, path)
    assert verdict == "inconclusive" and "which is not a body stream of the capture" in evidence
    verdict, evidence = _verdict(catalog, run_manifest, SAMPLE.parent / "mocap-suit.ndjson.gz")
    assert verdict == "inconclusive" and "no body stream was measured against a reference motion capture" in evidence
