"""The photon rig (TD-DISP-009): edges read between samples, the eyes paired, the reference capture passing
and a rig without its stage inconclusive. Each planted fault fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.terminal import photon
from conformance.areas.terminal.generate.capture import write
from conformance.reference import SAMPLES
from tests.conftest import captures_verdict

RIG = SAMPLES / "captures" / "photon-rig.ndjson.gz"


def test_an_edge_is_read_between_the_samples_that_straddle_it():
    times = np.arange(6) * 100_000.0  # 10 kHz
    x = np.array([0.0, 0.0, 0.25, 1.0, 1.0, 0.0])  # up through 0.5 a third of the way from sample 2 to 3
    rises, falls = photon.crossings(times, x, 0.5)
    assert rises.tolist() == pytest.approx([200_000 + 100_000 / 3])
    assert falls.tolist() == pytest.approx([450_000])


def test_each_left_rise_is_paired_with_the_nearest_right_rise_within_half_a_period():
    period_ns = 1e9 / 90
    left = photon.Eye("l", "d", "left", "m", 1e4, 1e3 / 90, rises=np.arange(5) * period_ns)
    right = photon.Eye("r", "d", "right", "m", 1e4, 1e3 / 90, rises=np.arange(5) * period_ns + 2.5e6)
    assert photon.skews(left, right).tolist() == pytest.approx([2.5] * 5)
    right.rises = right.rises[:1] + 6e6  # one rise, 8.5 ms after the first left: beyond half a period of it
    assert photon.skews(left, right).tolist() == pytest.approx([2.6111], abs=1e-3)  # nearest: the second left


def test_the_reference_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-009", [RIG],
                                         features=["photon-rig"])
    assert verdict == "pass", evidence
    assert "3 stage crossing(s) answered" in evidence and "motion-to-photon latency" in evidence


def test_a_rig_without_its_stage_is_inconclusive_naming_why(catalog, run_manifest, tmp_path):
    path = tmp_path / "no-stage.ndjson"
    write(path, "photon_rig_headset", 0.5, only=["head", "display", "photodiode_left"])
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-009", [path],
                                         features=["photon-rig"])
    assert verdict == "inconclusive" and "rotary stage" in evidence, evidence


def test_a_rig_not_judged_beside_a_judged_one_makes_the_run_inconclusive(catalog, run_manifest, tmp_path):
    """The thirty-fourth reading, row c11 (part o): beside the passing reference rig, a capture whose
    photodiode has no stage markers is a declared stream the case cannot judge; the run cannot pass (it passed
    before, the stream only noted)."""
    path = tmp_path / "no-stage.ndjson"
    write(path, "photon_rig_headset", 0.5, only=["head", "display", "photodiode_left"])
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-009", [RIG, path],
                                         features=["photon-rig"])
    assert verdict == "inconclusive" and "rotary stage" in evidence, evidence
