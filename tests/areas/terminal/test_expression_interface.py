"""Recognised expressions read through the runtime test interface beside TD-FACE-005's reference facial capture
(TD-FACE-007):
which log counts as read through it, the answers' order, and the verdicts (pass, inconclusive). Each known-bad
fixture fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

from pathlib import Path

from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.expression_interface import order, read_through
from conformance.areas.terminal.generate.exprlive import read_spec
from tests.conftest import captures_verdict

SAMPLES = Path(__file__).parents[3] / "src" / "conformance" / "reference" / "samples" / "captures"


def test_only_a_log_of_the_recognition_call_on_the_runtime_clock_counts_as_read_through():
    assert read_through(read_spec()) is not None
    assert read_through({"read_through": {"method": "test.getRecognizedExpression", "clock": "capture"}}) is None
    assert read_through({"read_through": {"method": "test.readTactile", "clock": "XrTime"}}) is None
    assert read_through({"type": "gesture"}) is None  # the device's own recogniser stream (TD-FACE-005's)


def test_an_answer_not_after_the_previous_one_is_counted_in_the_order_logged():
    events = MarkerEvents(t=[10, 20, 20, 15, 30], values=["a"] * 5)  # a repeat, then one earlier
    assert order(events) == (5, [(20, 20), (15, 20)])


def test_the_bench_passes_and_the_devices_own_recognitions_are_inconclusive(catalog, run_manifest):
    def verdict(*captures: Path) -> tuple[str, str]:
        return captures_verdict(catalog, run_manifest, "terminal-face", "TD-FACE-007", captures,
                                features=["expression-interface-reference"])
    good, text = verdict(SAMPLES / "expression-interface-bench.ndjson.gz")
    assert good == "pass", text
    assert "answers" in text
    unread, text = verdict(SAMPLES / "face-expressions.ndjson.gz")  # TD-FACE-005's rig: no log of the interface
    assert unread == "inconclusive" and "test.getRecognizedExpression" in text
