"""The thirty-ninth reading's rows c8, c9, c10 and c11 (part cT2): every planned item (trial, set-up, stream, signal)
a check cannot measure is recorded unjudged, so an otherwise passing run is inconclusive. Each test failed against
the check before the fix (the run passed)."""

from __future__ import annotations

from conformance.areas.terminal.generate.capture import write
from tests.areas.terminal.test_streams_unjudged import SAMPLES
from tests.conftest import captures_verdict


def test_td_pwr_003_a_stream_ending_early_beside_a_judged_one_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c10: a second analyser stream whose record ends after 30 min, still drawing power, beside the bench that
    cuts off after 2.4 h: inconclusive (it passed on the bench alone)."""
    short = tmp_path / "short.ndjson.gz"
    write(short, "battery_bench", 1800.0)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PWR-003",
                                     [SAMPLES / "battery-bench.ndjson.gz", short], features=["battery-life"])
    assert verdict == "inconclusive" and "short.ndjson.gz" in text and "not judged" in text, text
