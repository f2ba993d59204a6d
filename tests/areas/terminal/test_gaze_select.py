"""Selecting by gaze against the test's schedule of fixations (TD-GAZE-005): the clean rig passes with each rule
measured; a schedule too short or with targets larger than the test allows is named and left inconclusive, never
failed; a selection is read against the fixation it came in."""

from __future__ import annotations

import numpy as np

from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.gaze_select import Schedule, measure
from tests.conftest import captures_verdict, manifest_for, verdict_and_evidence
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "gaze-select.ndjson.gz"


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-005", [SAMPLE],
                                         features=["gaze-selection"])
    assert verdict == "pass", evidence
    assert "20 of 20 fixations selected their target, 0 false selection(s)" in evidence


def test_a_schedule_the_test_cannot_judge_is_inconclusive(catalog, run_manifest):
    manifest = manifest_for(catalog, "terminal-eye-gaze", features=["gaze-selection"],
                            parameters={"min_gaze_selections": 30})
    manifest["targets"]["captures"]["paths"] = [str(SAMPLE)]
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["TD-GAZE-005"]), "TD-GAZE-005")
    assert verdict == "inconclusive", evidence
    assert "20 usable fixations in its schedule, fewer than the 30" in evidence


def test_a_selection_is_read_against_the_fixation_it_came_in():
    ms = 1_000_000
    schedule = Schedule(300.0, {"a": 2.0, "b": 2.0}, np.array([0, 500 * ms, 1000 * ms]),
                        np.array([500 * ms, 1000 * ms, 1500 * ms]), ("a", "b", "a"), 0)
    events = MarkerEvents([310 * ms, 320 * ms, 600 * ms, 1400 * ms, 1600 * ms], ["a", "a", "a", "a", "b"])
    got = measure(schedule, events)
    assert (got.selected, got.fixations) == (2, 3)  # the second fixation ("b") never selected
    assert got.times_ms == [(0, 310.0), (2, 400.0)]  # a repeated selection of the fixated target is not counted
    assert [(v, f) for _, v, f in got.false] == [("a", "b"), ("b", None)]  # another target, and after the last
