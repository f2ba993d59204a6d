"""The body joints located through the runtime test interface beside the reference motion capture (TD-BODY-006):
which log counts as read through it, the answers' order, and the verdicts (pass, inconclusive). Each known-bad fixture
fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np

from conformance.areas.terminal.body_accuracy import BodyTrack
from conformance.areas.terminal.body_interface import order, read_through
from conformance.areas.terminal.generate.bodylive import read_spec
from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict


def test_only_a_log_of_the_joints_call_on_the_runtime_clock_counts_as_read_through():
    assert read_through(read_spec()) is not None
    assert read_through({"read_through": {"method": "xrLocateBodyJointsFB", "clock": "capture"}}) is None
    assert read_through({"read_through": {"method": "xrGetFaceExpressionWeights2FB", "clock": "XrTime"}}) is None
    assert read_through({"type": "body"}) is None  # the device's own body stream


def test_an_answer_not_after_the_previous_one_is_counted_in_the_order_logged():
    track = BodyTrack(t=[np.array([10, 20, 20]), np.array([15, 30])])  # a repeat, then one earlier
    assert order(track) == (5, [(20, 20), (15, 20)])


def test_the_bench_passes_and_the_devices_own_stream_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-body", "TD-BODY-006", captures,
                                features=["body-interface-reference"])
    good, text = verdict()  # the reference samples: body-interface-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "answers" in text
    own = tmp_path / "body-reference.ndjson.gz"  # TD-BODY-003's rig: the device's own body stream
    write(own, "body_reference_rig", 1.0)
    unread, text = verdict(own)
    assert unread == "inconclusive" and "xrLocateBodyJointsFB" in text
