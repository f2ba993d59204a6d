"""Facial expressions recognised against the subject's cued schedule (TD-FACE-005): the clean rig passes with
its latencies measured from the onset on the reference; the onset is the first reference frame a weight rises to
the performed level, not a weight already held when the cue starts."""

from __future__ import annotations

import numpy as np

from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.expressions import latencies, onset_ns
from conformance.areas.terminal.gestures import Schedule
from tests.conftest import captures_verdict
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "face-expressions.ndjson.gz"
MS = 1_000_000


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-face", "TD-FACE-005", [SAMPLE],
                                         features=["expression-recognition"])
    assert verdict == "pass", evidence
    assert "20 of 20 cued expressions named" in evidence


def test_the_onset_is_a_weight_rising_on_the_reference():
    t = np.arange(0, 10) * 100 * MS
    w = np.zeros((10, 2))
    w[:, 1] = 0.5  # held from before the cue: not its onset
    w[4:, 0] = 0.3  # rises at 400 ms
    assert onset_ns(t, w, 200 * MS, 900 * MS) == 400 * MS
    assert onset_ns(t, w, 500 * MS, 900 * MS) is None  # already made when the cue starts
    schedule = Schedule(("a", "b"), np.array([200 * MS]), np.array([700 * MS]), ("a",), 0)
    got = latencies(schedule, MarkerEvents([550 * MS], ["a"]), 250 * MS, (t, w), (0, 900 * MS))
    assert got.latencies_ms == [150.0] and got.unseen == 0
    wrong = latencies(schedule, MarkerEvents([550 * MS], ["b"]), 250 * MS, (t, w), (0, 900 * MS))
    assert wrong.latencies_ms == []  # only right recognitions are timed
