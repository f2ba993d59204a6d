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


def test_a_stage_stating_its_angle_moves_the_reference_position_by_the_radius(tmp_path, catalog, run_manifest):
    """A rotary stage's certificate states an angle (0.4 degrees at k = 2): at the rig's 0.3 m radius that is
    1.05 mm of one reference position (u_B), so a 0.6 mm trueness is within the guard band of 2 mm."""
    import gzip
    import json

    good = tmp_path / "good.ndjson.gz"
    write(good, "tracking_rig", 5.0)
    first, _, rest = gzip.decompress(good.read_bytes()).decode().partition("\n")
    header = json.loads(first)
    for stream in header["streams"]:
        if "reference_motion" in stream:
            stream["reference_motion"]["instrument"] = {"uncertainty": {"value": 0.4, "unit": "deg", "k": 2}}
    stated = tmp_path / "stated.ndjson.gz"
    stated.write_bytes(gzip.compress((json.dumps(header) + "\n" + rest).encode(), mtime=0))
    assert captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-001", [good])[0] == "pass"
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-001", [stated])
    assert verdict == "fail" and "within the guard band" in text, text
    assert "'u_b': 1.047" in text, text
