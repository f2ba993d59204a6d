"""An EEG amplifier read through the runtime test interface under TD-BCI-007's calibrated generator (TD-BCI-008):
which log counts as read through it, and the verdicts (pass, inconclusive). Each known-bad fixture fails its rule in
tests/e2e/test_known_bad.py."""

from __future__ import annotations

from conformance.areas.terminal.biosignal_interface import read_through
from conformance.areas.terminal.generate.biosignal_read import read_spec
from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict


def test_only_a_log_of_test_read_biosignal_on_the_runtime_clock_counts_as_read_through():
    assert read_through(read_spec()) is not None
    assert read_through({"read_through": {"method": "test.readBiosignal", "clock": "capture"}}) is None
    assert read_through({"read_through": {"method": "test.readTactile", "clock": "XrTime"}}) is None
    assert read_through({"type": "eeg"}) is None  # the amplifier's own record


def test_the_bench_passes_and_the_amplifiers_own_record_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-008", captures, features=["interface"])
    good, text = verdict()  # the reference samples: bci-interface-bench.ndjson.gz is the bench
    assert good == "pass", text
    assert "samples answered" in text
    own = tmp_path / "bci-calibration.ndjson.gz"  # TD-BCI-007's bench: the amplifier's own record
    write(own, "bci_calibration", 1.0)
    unread, text = verdict(own)
    assert unread == "inconclusive" and "test.readBiosignal" in text
