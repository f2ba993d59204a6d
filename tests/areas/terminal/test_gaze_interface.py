"""The gaze read through the runtime test interface under TD-GAZE-003's artificial eye (TD-GAZE-006): which log
counts as read through it, the answers' order, and the verdicts (pass, inconclusive). Each known-bad fixture fails
its rule in tests/e2e/test_known_bad.py; each fault trips its measure in test_generate.py."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import orjson

import conformance.reference
from conformance.areas.terminal.gaze_interface import order, read_through
from conformance.areas.terminal.generate.capture import write
from conformance.areas.terminal.generate.gazeread import read_spec
from conformance.areas.terminal.generate.gazesteps import stepped_spec
from tests.conftest import captures_verdict


def test_only_a_log_of_xr_locate_space_on_the_runtime_clock_counts_as_read_through():
    assert read_through(read_spec()) is not None
    assert read_through({"read_through": {"method": "xrLocateSpace", "clock": "capture"}}) is None
    assert read_through(stepped_spec()) is None  # TD-GAZE-003's stream: the tracker's own record


def test_an_answer_not_after_the_previous_one_is_counted_in_the_order_logged():
    assert order(np.array([10, 20, 20, 15, 30])) == [(20, 20), (15, 20)]


def test_the_bench_passes_and_the_trackers_own_record_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-006", captures,
                                features=["gaze-interface-steps"])
    good, text = verdict()  # the reference samples: gaze-interface-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "steps settled" in text
    own = tmp_path / "gaze-steps.ndjson.gz"  # TD-GAZE-003's rig: the tracker's own record
    write(own, "artificial_eye_rig", 1.0)
    unread, text = verdict(own)
    assert unread == "inconclusive" and "xrLocateSpace" in text


def test_an_invalid_answer_whose_time_goes_back_breaks_r2(tmp_path, catalog, run_manifest):
    """Sixty-eighth reading, c7: R2 and step 3 judge every answer logged; the check held the order of the valid and
    tracked answers alone, so an answer flagged invalid whose XrTime went back passed."""
    bench = Path(conformance.reference.__file__).parent / "samples" / "captures" / "gaze-interface-bench.ndjson.gz"
    lines = gzip.decompress(bench.read_bytes()).split(b"\n")
    frames = [i for i, line in enumerate(lines[1:], 1) if line.strip()]
    before, at = (orjson.loads(lines[k]) for k in frames[300:302])
    at["t"], at["flags"] = before["t"] - 10_000_000, 0  # neither valid nor tracked, 10 ms before the answer before it
    lines[frames[301]] = orjson.dumps(at)
    stale = tmp_path / "gaze-read-invalid-stale.ndjson.gz"
    stale.write_bytes(gzip.compress(b"\n".join(lines)))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-006", [stale],
                                     features=["gaze-interface-steps"])
    assert verdict == "fail" and "carried a time not after the previous answer's" in text, text
