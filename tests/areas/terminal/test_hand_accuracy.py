"""Hand tracking against a reference capture of the same hand (TD-HAND-005): the latency is found from the 26
joints and taken out before the errors are measured; a finger's joints off the hand's shape fail R1 alone, the
whole hand placed off (its shape right) R2 alone, a late tracker R3 alone; frames without every joint located are
left out; references that hardly move or leave too few frames are not judged (inconclusive, named); the clean rig
passes."""

from __future__ import annotations

import gzip
import io
from functools import cache

import numpy as np
import pytest

from conformance import Message
from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.handref import INDEX_BEYOND
from conformance.areas.terminal.hand_accuracy import WRIST, HandTrack, Measured, measure, pairs
from conformance.areas.terminal.model import StreamStats
from tests.conftest import captures_verdict, fixture_path
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "hand-reference.ndjson.gz"
T0 = 1_000_000_000_000
LIMITS = {"R1": 20.0, "R2": 20.0, "R3": 20.0}


@cache
def _measured(name: str | None, chunk_lines: int | None = None) -> Measured | Message:
    """The sample (``name`` None) or a hand-rules fixture measured, once per module."""
    path = SAMPLE if name is None else fixture_path("terminal", f"hand-rules/{name}.ndjson.gz")
    stream = io.BytesIO(gzip.decompress(path.read_bytes()))
    result = analyse(stream) if chunk_lines is None else analyse(stream, chunk_lines=chunk_lines)
    ((reference, tracked),) = pairs(result)
    assert tracked is not None
    return measure(tracked, reference, 100)


def _worst(got: Measured) -> dict[str, float]:
    return {"R1": max(got.per_joint_mm.values()), "R2": got.wrist_mm, "R3": abs(got.latency_ms)}


def _stream(sid: str, t_s: np.ndarray, p: np.ndarray) -> StreamStats:
    stats = StreamStats(id=sid, type="hand", rate_hz=None)
    stats.hand_track = HandTrack(t=[T0 + np.round(t_s * 1e9).astype(np.int64)], p=[p.astype(np.float32)],
                                 kept=len(t_s))
    return stats


def _circling(t_s: np.ndarray, late_s: float = 0.0, radius: float = 0.15) -> np.ndarray:
    """26 joints at fixed places in a hand whose wrist traces a circle of ``radius`` metres."""
    a = 0.9 * (t_s - late_s)
    wrist = np.stack([radius * np.cos(a), 1.2 + radius * np.sin(a), np.full_like(a, -0.35)], axis=1)
    offsets = np.linspace(-0.09, 0.09, 26 * 3).reshape(26, 3)
    offsets[WRIST] = 0.0
    return wrist[:, None, :] + offsets[None]


def test_the_latency_is_found_and_taken_out():
    t = np.arange(240) / 60
    got = measure(_stream("tracked", t, _circling(t, late_s=0.05)), _stream("ref", t, _circling(t)), 100)
    assert isinstance(got, Measured) and got.latency_ms == pytest.approx(50, abs=1)
    assert max(_worst(got)["R1"], got.wrist_mm) < 0.5


def test_the_clean_rig_is_measured_whatever_the_chunking():
    whole, cut = _measured(None), _measured(None, chunk_lines=37)
    assert isinstance(whole, Measured) and isinstance(cut, Measured)
    assert len(whole.per_joint_mm) == 25 and abs(whole.latency_ms) <= 3  # every joint but the wrist
    assert all(_worst(whole)[r] < LIMITS[r] / 2 for r in ("R1", "R2"))
    assert (whole.latency_ms, whole.frames, whole.per_joint_mm) == (cut.latency_ms, cut.frames, cut.per_joint_mm)


@pytest.mark.parametrize(("fixture", "over"), [("hand-finger-bent", "R1"), ("hand-placed-off", "R2"),
                                               ("hand-late", "R3")])
def test_each_fault_breaks_its_rule_alone(fixture, over):
    """The verdicts and findings of these three are tests/e2e/test_known_bad.py's (suites/terminal/known_bad.yaml)."""
    got = _measured(fixture)
    assert isinstance(got, Measured)
    worst = _worst(got)
    assert [r for r in LIMITS if worst[r] > LIMITS[r]] == [over]
    if over == "R1":
        assert {k for k, v in got.per_joint_mm.items() if v > LIMITS["R1"]} == set(INDEX_BEYOND)


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-005", [SAMPLE],
                                         features=["reference-hand-capture"])
    assert verdict == "pass", evidence
    assert "hand stream 'hand_tracked' against 'hand_mocap'" in evidence


def test_references_that_cannot_be_compared_are_inconclusive_naming_why():
    t = np.arange(240) / 60
    still = measure(_stream("tracked", t, _circling(t)), _stream("ref", t, _circling(t, radius=0.005)), 100)
    assert isinstance(still, Message) and "no latency can be told" in still
    short = measure(_stream("tracked", t[:90], _circling(t[:90])), _stream("ref", t, _circling(t)), 100)
    assert isinstance(short, Message) and "fewer than 100" in short
