"""TD-PERF-001 is judged by guarded acceptance (its catalog entry): a trueness inside R1's 2 mm but within the
guard band of a rig stating its uncertainty does not pass, and the measurement item says so."""

from __future__ import annotations

from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict


def test_a_trueness_inside_the_limit_but_within_the_guard_band_does_not_pass(tmp_path, catalog, run_manifest):
    assert catalog.requirement("TD-PERF-001").decision_rule.kind == "guarded"
    near = tmp_path / "near.ndjson.gz"
    write(near, "tracking_rig", 5.0, ["rig-near-limit"])
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-001", [near])
    assert verdict == "fail", text
    assert "R1 trueness" in text and "within the guard band" in text, text
    assert "'outcome': 'guard_band'" in text and "'basis': 'type A and B'" in text
    assert "above the 2 mm limit" not in text  # inside the tolerance limit: only the guard band refuses it
