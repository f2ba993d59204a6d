"""Accessibility features observed with the setting on: mono audio at the ears (TD-ACC-004), seated mode's
height step in the head pose (TD-ACC-005), magnification at the eyepiece (TD-ACC-006). The reference captures pass;
the step's and the ratio's arithmetic and a mono stream left to TD-ACC-004 alone are held here; each planted fault
fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.terminal.access_observed import SeatedState, declared_seated, seated_step
from conformance.areas.terminal.magnification import Window, ratio, switched_on, view_readings, windows
from conformance.reference import SAMPLES
from tests.conftest import captures_verdict


@pytest.mark.parametrize(("requirement", "feature", "capture", "said"), [
    ("TD-ACC-004", "mono-audio-observed", "mono-audio-rig.ndjson.gz",
     "8 test signal(s) measured, the largest level difference between the ears 0.00 dB"),
    ("TD-ACC-005", "seated-mode-observed", "seated-stand.ndjson.gz",
     "seated mode raised the head 0.450 m (declared 0.45 m) and moved it 0.000 m horizontally"),
    ("TD-ACC-006", "magnification-observed", "magnifier-camera.ndjson",
     "the letter subtends 0.350 deg without magnification and 0.876 deg with it"),
])
def test_the_reference_captures_pass(catalog, run_manifest, requirement, feature, capture, said):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-accessibility", requirement,
                                         [SAMPLES / "captures" / capture], features=[feature])
    assert verdict == "pass", evidence
    assert said in evidence, evidence


@pytest.mark.parametrize("capture", ["mono-audio-rig.ndjson.gz", "seated-stand.ndjson.gz", "magnifier-camera.ndjson"])
def test_the_header_schema_knows_the_settings_declared(catalog, run_manifest, capture):
    # binaural.mono_audio, a pose stream's seated_mode and a view_scale stream are in schemas/terminal/
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-spatial-audio", "TD-CAP-001",
                                         [SAMPLES / "captures" / capture])
    assert verdict == "pass", evidence


def test_a_mono_stream_is_no_binaural_rendering_to_judge(catalog, run_manifest):
    # without the mono exclusion TD-AUD-004 would judge the mono rig's ears and fail them (no ITD, no ILD)
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-spatial-audio", "TD-AUD-004",
                                         [SAMPLES / "captures" / "mono-audio-rig.ndjson.gz"],
                                         features=["binaural-rendering"])
    assert verdict == "inconclusive", evidence


def test_the_seated_step_is_the_difference_of_the_window_means_with_their_scatter():
    state = declared_seated({"seated_mode": {"switched_on_t": 2_000_000_000, "height_offset_m": 0.4}})
    assert isinstance(state, SeatedState) and state.windows() == ((1e9, 2e9), (3e9, 4e9))
    state.before.add(np.array([[0.0, 1.0, 0.0], [0.0, 1.02, 0.0]]))
    state.after.add(np.array([[0.03, 1.4, 0.04], [0.03, 1.42, 0.04]]))
    step = seated_step(state, 2)
    assert step.rise_m == pytest.approx(0.4) and step.horizontal_m == pytest.approx(0.05)
    assert step.u_rise_m == pytest.approx(np.sqrt(2 * 0.0002 / 2))  # each mean's variance: 0.0002 / 2
    assert seated_step(state, 3) is None  # too few poses in a window: not judged
    assert declared_seated({"seated_mode": {"switched_on_t": 1.5, "height_offset_m": 0.4}}) is None


def test_the_magnification_is_the_ratio_of_the_window_means_with_both_uncertainties():
    readings = view_readings(2_000_000_000)
    readings.append("t", np.array([1_200_000_000, 1_800_000_000, 2_500_000_000, 3_200_000_000, 3_800_000_000]))
    readings.append("height", np.array([0.34, 0.36, 0.5, 0.86, 0.90]))  # the reading during the ramp left out
    off, on = windows(readings)
    assert (off.n, on.n) == (2, 2) and off.mean == pytest.approx(0.35) and on.mean == pytest.approx(0.88)
    assert off.u_a == pytest.approx(0.01) and on.u_a == pytest.approx(0.02)  # s / sqrt(n)
    factor, u = ratio(Window(2, 0.4, 0.0), Window(2, 1.0, 0.0), 0.01)
    assert factor == pytest.approx(2.5) and u == pytest.approx(2.5 * np.hypot(0.01 / 1.0, 0.01 / 0.4))
    assert switched_on({"view_scale": {"magnification": {"switched_on_t": 5}}}) == 5
    assert switched_on({"view_scale": {"magnification": {"switched_on_t": 5.0}}}) is None
