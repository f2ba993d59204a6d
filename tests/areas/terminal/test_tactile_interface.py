"""A tactile array read through the runtime test interface under the reference indenter (TD-TACT-005): which log
counts as read through it, the answers' order, and the verdicts (pass, inconclusive). Each known-bad fixture fails
its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import numpy as np

from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.generate.sentbench import tactile_read_spec
from conformance.areas.terminal.tactile import ArrayColumns, Layout
from conformance.areas.terminal.tactile_interface import order, read_through
from tests.conftest import captures_verdict


def test_only_a_log_of_test_read_tactile_on_the_runtime_clock_counts_as_read_through():
    assert read_through(tactile_read_spec()) is not None
    assert read_through({"read_through": {"method": "test.readTactile", "clock": "capture"}}) is None
    assert read_through({"type": "tactile"}) is None  # the array's own record


def test_an_answer_not_after_the_previous_one_is_counted_in_the_order_logged():
    columns = ArrayColumns(Layout(1, 1, 5.0))
    columns.t += [np.array([10, 20, 20]), np.array([15, 30])]  # a repeat, then one earlier
    assert order(columns) == (5, [(20, 20), (15, 20)])


def test_the_bench_passes_and_the_arrays_own_record_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-005", captures,
                                features=["tactile-sensing"])
    good, text = verdict()  # the reference samples: tactile-interface-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "runs at no load" in text
    own = tmp_path / "tactile-bench.ndjson.gz"  # TD-TACT-002's bench: the array's own record
    write(own, "tactile_bench", 2.0)
    unread, text = verdict(own)
    assert unread == "inconclusive" and "test.readTactile" in text
