"""A tactile array read through the runtime test interface under the reference indenter (TD-TACT-005): which log
counts as read through it, the answers' order, and the verdicts (pass, inconclusive). Each known-bad fixture fails
its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

import gzip

import numpy as np
import orjson

from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.generate.sentbench import tactile_read_spec
from conformance.areas.terminal.tactile import ArrayColumns, Layout, digest
from conformance.areas.terminal.tactile_interface import order, read_through
from tests.conftest import captures_verdict
from tests.paths import ROOT


def test_only_a_log_of_test_read_tactile_on_the_runtime_clock_counts_as_read_through():
    assert read_through(tactile_read_spec()) is not None
    assert read_through({"read_through": {"method": "test.readTactile", "clock": "capture"}}) is None
    assert read_through({"type": "tactile"}) is None  # the array's own record


def test_an_answer_before_the_previous_one_or_restamped_is_counted_in_the_order_logged():
    """Issue 76, sixty-second reading, c1: the previous frame read again (same time, same readings) is no
    departure, as TD-TACT-003's R3 holds; the same time with other readings, or an earlier time, is."""
    columns = ArrayColumns(Layout(1, 2, 5.0))
    frames = np.array([[1.0, 0.0], [2.0, 0.0], [2.0, 0.0], [2.0, 0.5], [3.0, 0.0], [4.0, 0.0]])
    columns.t += [np.array([10, 20, 20, 20]), np.array([15, 30])]  # a re-read, a restamp, then one earlier
    columns.digest += [digest(frames[:4]), digest(frames[4:])]
    assert order(columns) == (6, [(20, 20), (15, 20)])


def test_reads_faster_than_the_array_scans_pass_r3():
    """Reads 7 ms apart of an array scanning every 10 ms: some reads answer the frame read before."""
    scans = np.arange(0, 1_000_000_000, 10_000_000)
    reads = np.arange(0, 1_000_000_000, 7_000_000)
    latest = np.searchsorted(scans, reads, side="right") - 1
    readings = np.stack([latest * 0.01, latest * 0.02], axis=1)
    columns = ArrayColumns(Layout(1, 2, 5.0))
    columns.t.append(scans[latest])
    columns.digest.append(digest(readings))
    count, stale = order(columns)
    assert count == len(reads) and len(set(scans[latest].tolist())) < count and stale == []


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


def test_an_indenter_not_judged_beside_a_judged_one_makes_the_interface_run_inconclusive(tmp_path, catalog,
                                                                                         run_manifest):
    """The thirty-fifth reading's leftovers, part o2 (row c11's rest): beside the passing interface bench, a
    second one whose stage names no calibration is a declared stream TD-TACT-005 cannot judge; the run cannot
    pass (it passed before, the stream only noted). An indenter on TD-TACT-002's bench (no log of the answers) is
    outside this case and stays a note: that run still passes."""
    samples = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"
    reference = samples / "tactile-interface-bench.ndjson.gz"
    header, *frames = gzip.decompress(reference.read_bytes()).strip().split(b"\n")
    unnamed = orjson.loads(header)
    (indenter,) = [s for s in unnamed["streams"] if "indenter" in s]
    del indenter["indenter"]["stage"]["calibration"]
    path = tmp_path / "unnamed.ndjson"
    path.write_bytes(b"\n".join([orjson.dumps(unnamed), *frames]))

    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-005", captures,
                                features=["tactile-sensing"])
    got, text = verdict(reference, path)
    assert got == "inconclusive", text
    assert "names no calibrated load cell and positioning stage" in text, text
    own = tmp_path / "tactile-bench.ndjson.gz"
    write(own, "tactile_bench", 2.0)
    got, text = verdict(reference, own)
    assert got == "pass", text
