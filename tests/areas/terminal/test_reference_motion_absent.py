"""TD-PERF-001 and TD-PERF-002 over captures with no pose stream on a declared reference motion (a depth, radar or
tactile-only sensor's, or a headset's own session), with the feature `stage-tracking` declared: the feature's evidence
is missing, so the cases are inconclusive with the reason, as TD-PERF-003/004 in the same state (sixtieth reading,
c10; from the forty-first reading's c12 to it they were not applicable)."""

from __future__ import annotations

import pytest

from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict


@pytest.mark.parametrize(("requirement", "reason"), [
    ("TD-PERF-001", "no pose stream recorded on a declared reference motion"),
    ("TD-PERF-002", "declares the device's orientation on it")])
def test_no_reference_motion_with_the_feature_is_inconclusive(tmp_path, catalog, run_manifest, requirement, reason):
    plain = tmp_path / "session.ndjson.gz"
    write(plain, "standalone_headset", 3.0)  # a head pose stream, no reference motion
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", requirement, [plain],
                                     features=["stage-tracking"])
    assert verdict == "inconclusive", text
    assert reason in text, text

