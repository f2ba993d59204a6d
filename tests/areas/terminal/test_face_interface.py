"""A face's weights read through the runtime test interface beside the reference facial capture (TD-FACE-006): which
log counts as read through it, the answers' order, and the verdicts (pass, inconclusive). Each known-bad fixture
fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np

from conformance.areas.terminal.face_accuracy import FaceTrack
from conformance.areas.terminal.face_interface import order, read_through
from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.generate.facelive import read_spec
from tests.conftest import captures_verdict


def test_only_a_log_of_the_weights_call_on_the_runtime_clock_counts_as_read_through():
    assert read_through(read_spec()) is not None
    assert read_through({"read_through": {"method": "xrGetFaceExpressionWeights2FB", "clock": "capture"}}) is None
    assert read_through({"read_through": {"method": "test.readTactile", "clock": "XrTime"}}) is None
    assert read_through({"type": "face"}) is None  # the device's own face stream


def test_an_answer_not_after_the_previous_one_is_counted_in_the_order_logged():
    track = FaceTrack(t=[np.array([10, 20, 20]), np.array([15, 30])])  # a repeat, then one earlier
    assert order(track) == (5, [(20, 20), (15, 20)])


def test_the_bench_passes_and_the_devices_own_stream_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-face", "TD-FACE-006", captures,
                                features=["face-interface-reference"])
    good, text = verdict()  # the reference samples: face-interface-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "answers" in text
    own = tmp_path / "face-reference.ndjson.gz"  # TD-FACE-004's rig: the device's own face stream
    write(own, "face_reference_rig", 2.0)
    unread, text = verdict(own)
    assert unread == "inconclusive" and "xrGetFaceExpressionWeights2FB" in text
