"""A device held still on a rig (TD-PERF-003): drift is the move of the mean tracked pose from the hold's first 5 s
to its last, a still reference rig passes, and a hold shorter than a minute is not judged. The known-bad fixtures (a
creeping position, a turning orientation) fail in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import io
import math

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.drift import measure
from conformance.areas.terminal.generate.capture import generate
from tests.conftest import captures_verdict


@pytest.fixture(scope="module")
def rig() -> bytes:
    buffer = io.BytesIO()
    generate(buffer, "hold_rig", 62.0)
    return buffer.getvalue()


def _edited(rig: bytes, header_change=None, frame_change=None) -> bytes:
    header, rest = rig.split(b"\n", 1)
    head = orjson.loads(header)
    if header_change:
        header_change(head["streams"][0]["reference_hold"])
    frames = [orjson.loads(raw) for raw in rest.splitlines()]
    if frame_change:
        frames = [frame_change(f, head["streams"][0]["reference_hold"]) for f in frames]
    return orjson.dumps(head) + b"\n" + b"\n".join(map(orjson.dumps, frames)) + b"\n"


def test_drift_is_the_move_between_the_two_windows_means(rig):
    # every sample after the hold's first 5 s moved 3 mm along +Z and turned 1 degree about +Y
    def moved(frame, hold):
        if frame["t"] > hold["t0"] + 5e9:
            frame["pose"]["position"]["z"] += 0.003
            frame["pose"]["orientation"] = {"x": 0.0, "y": math.sin(math.radians(0.5)), "z": 0.0,
                                            "w": math.cos(math.radians(0.5))}
        else:
            frame["pose"]["orientation"] = {"x": 0.0, "y": 0.0, "z": 0.0, "w": 1.0}
        return frame
    analysis = analyse(io.BytesIO(_edited(rig, frame_change=moved)))
    got = measure(analysis.streams["rig_hold"])
    assert got.position_mm == pytest.approx(3.0, abs=0.1) and got.orientation_deg == pytest.approx(1.0, abs=1e-3)
    assert got.samples == (150, 150) and got.u_orientation_deg == pytest.approx(0.0, abs=1e-6)


def test_the_still_rig_passes_and_a_short_hold_is_not_judged(rig, tmp_path, catalog, run_manifest):
    def verdict(capture: bytes, name: str):
        path = tmp_path / name
        path.write_bytes(capture)
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-003", [path],
                                features=["tracking-drift"])
    passed, text = verdict(rig, "rig.ndjson")
    assert passed == "pass", text
    # the header's reference_hold is one the capture header's schema knows (TD-CAP-001)
    path = tmp_path / "rig.ndjson"
    well_formed, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-CAP-001", [path])
    assert well_formed == "pass", text

    def shorter(hold):
        hold["duration_s"] = 30
    none, text = verdict(_edited(rig, header_change=shorter), "short.ndjson")
    assert none == "inconclusive" and "duration_s of at least 60 s" in text
