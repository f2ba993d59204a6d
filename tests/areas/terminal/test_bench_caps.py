"""The bench cases whose caps were a note past them (sixty-eighth reading of issue 76, part h131-caps, the class of
h131-tbound's c3): TD-DISP-009's photodiode trace (``bench_trace.MAX_TRACE_SAMPLES``), TD-DEPTH-002's, TD-RADAR-002's
and TD-TACT-004's records (``depth.MAX_READINGS``, ``radar.MAX_POINTS``, ``touch.MAX_READINGS``: 5.1's
「试验台记录保留的样本数」), and TD-CAM-002's, TD-DISP-010's and TD-DISP-011's readings (``camera.MAX_FRAMES``,
``blue_light.MAX_FRAMES``, ``eyepiece_luminance.MAX_FRAMES``: 5.1's 「测量保留的读数」). Past a cap the stream is
unjudged, naming the bound, so a case passes on no part of a record. Each test fails on the branch's base
(abdd4b9fc): the reference benches passed with the caps lowered, naming no bound."""

from __future__ import annotations

import pytest

from conformance.areas.terminal import (
    bench_trace,
    blue_light,
    camera,
    depth,
    eyepiece_luminance,
    radar,
    touch,
)
from tests.conftest import captures_verdicts

SAMPLES = '"samples held of a bench record"'
READINGS = '"readings held of a measurement"'
#: the cases by profile, with the features whose reference samples hold their benches, and the bound each names
CASES = {
    "terminal-comfort": ({"TD-DISP-009": SAMPLES, "TD-DISP-010": READINGS, "TD-DISP-011": READINGS},
                         ["photon-rig", "blue-light", "eyepiece-luminance"]),
    "terminal-sensor-performance": ({"TD-CAM-002": READINGS, "TD-DEPTH-002": SAMPLES, "TD-RADAR-002": SAMPLES,
                                     "TD-TACT-004": SAMPLES},
                                    ["camera-calibration", "depth-sensing", "radar-sensing", "tactile-sensing"]),
}


def test_the_caps_are_the_bounds_5_1_states():
    """Two values, two bounds (drafting/boundtable.py states them; tests/drafting/test_reading_sixtyeighth_caps.py
    holds the table to these); the camera keeps its board's readings under its own cap, one bound a case."""
    assert bench_trace.MAX_TRACE_SAMPLES == depth.MAX_READINGS == radar.MAX_POINTS == touch.MAX_READINGS == 2_000_000
    assert camera.MAX_FRAMES == blue_light.MAX_FRAMES == eyepiece_luminance.MAX_FRAMES == 200_000
    assert radar.places(camera.MAX_FRAMES).limit == camera.MAX_FRAMES and radar.places().limit == radar.MAX_POINTS


def _verdicts(catalog, run_manifest) -> dict[str, tuple[str, str]]:
    found = {}
    for profile, (cases, features) in CASES.items():
        found |= captures_verdicts(catalog, run_manifest, profile, sorted(cases), features=features)
    return found


@pytest.mark.slow
def test_the_reference_benches_pass_within_the_caps(catalog, run_manifest):
    for rid, (verdict, text) in _verdicts(catalog, run_manifest).items():
        assert verdict == "pass", (rid, text)


@pytest.mark.slow
@pytest.mark.parametrize("cut", [(bench_trace, "MAX_TRACE_SAMPLES", 4000, "TD-DISP-009"),
                                 (blue_light, "MAX_FRAMES", 6, "TD-DISP-010"),
                                 (eyepiece_luminance, "MAX_FRAMES", 6, "TD-DISP-011"),
                                 (camera, "MAX_FRAMES", 60, "TD-CAM-002"),
                                 (depth, "MAX_READINGS", 60, "TD-DEPTH-002"),
                                 (radar, "MAX_POINTS", 60, "TD-RADAR-002"),
                                 (touch, "MAX_READINGS", 60, "TD-TACT-004")], ids=lambda cut: cut[3])
def test_a_record_past_its_cap_leaves_the_case_unjudged_naming_the_bound(cut, monkeypatch, catalog, run_manifest):
    """Each reference record cut short: the case is inconclusive, naming its bound, where it passed on what was
    kept (a cut is never a finding by itself)."""
    module, name, value, rid = cut
    monkeypatch.setattr(module, name, value)
    profile, (cases, features) = next((p, c) for p, c in CASES.items() if rid in c[0])
    verdict, text = captures_verdicts(catalog, run_manifest, profile, [rid], features=features)[rid]
    assert verdict == "inconclusive" and cases[rid] in text, (rid, verdict, text)
