"""Accessibility features observed with the setting on: mono audio at the ears (TD-ACC-004), seated mode's
height step in the head pose (TD-ACC-005). The reference captures pass; the step's arithmetic and a mono stream
left to TD-ACC-004 alone are held here; each planted fault fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.terminal.access_observed import SeatedState, declared_seated, seated_step
from conformance.reference import SAMPLES
from tests.conftest import captures_verdict


@pytest.mark.parametrize(("requirement", "feature", "capture", "said"), [
    ("TD-ACC-004", "mono-audio-observed", "mono-audio-rig.ndjson.gz",
     "8 test signal(s) measured, the largest level difference between the ears 0.00 dB"),
    ("TD-ACC-005", "seated-mode-observed", "seated-stand.ndjson.gz",
     "seated mode raised the head 0.450 m (declared 0.45 m) and moved it 0.000 m horizontally"),
])
def test_the_reference_captures_pass(catalog, run_manifest, requirement, feature, capture, said):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-accessibility", requirement,
                                         [SAMPLES / "captures" / capture], features=[feature])
    assert verdict == "pass", evidence
    assert said in evidence


@pytest.mark.parametrize("capture", ["mono-audio-rig.ndjson.gz", "seated-stand.ndjson.gz"])
def test_the_header_schema_knows_the_settings_declared(catalog, run_manifest, capture):
    # binaural.mono_audio and a pose stream's seated_mode are members of schemas/terminal/capture-header.json
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
