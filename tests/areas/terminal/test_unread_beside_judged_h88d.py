"""The thirty-sixth reading's c1 and c2, part h88-d: a capture whose header cannot be read beside captures that
pass leaves the run inconclusive. c1: TD-TACT-001, TD-CAM-001, TD-HAPT-001/-002 go through ``check_rule`` (part
i2's change; their texts follow here). c2: TD-FORCE-001, TD-FORCE-003 and TD-BIO-004 judged their own streams and
consulted unreadable headers only when nothing was judged, so the run passed; they now call ``unread_captures``
first. Each is run over its profile's samples plus one unreadable capture (the helpers of
test_check_rule_unread.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import captures_verdict, manifest_for

CASES = [
    ("terminal-sensor-performance", "TD-TACT-001", ["tactile-sensing"]),
    ("terminal-sensor-performance", "TD-CAM-001", ["camera-calibration"]),
    ("terminal-haptics", "TD-HAPT-001", None),
    ("terminal-haptics", "TD-HAPT-002", None),
    ("terminal-force-feedback", "TD-FORCE-001", None),
    ("terminal-force-feedback", "TD-FORCE-003", None),
    ("terminal-biometric-data", "TD-BIO-004", None),
]


@pytest.mark.parametrize(("profile", "rid", "features"), CASES, ids=[rid for _, rid, _ in CASES])
def test_an_unreadable_capture_beside_passing_ones_is_inconclusive(profile, rid, features, tmp_path, catalog,
                                                                   run_manifest):
    """The profile's samples pass; with a capture whose header cannot be read beside them the run is
    inconclusive and names that capture (the 不确定 line), where the old c2 checks passed."""
    good = [Path(p) for p in manifest_for(catalog, profile, features=features)["targets"]["captures"]["paths"]]
    passed, text = captures_verdict(catalog, run_manifest, profile, rid, good, features=features)
    assert passed == "pass", text
    broken = tmp_path / "broken.ndjson"
    broken.write_bytes(b"not a header\n")
    verdict, text = captures_verdict(catalog, run_manifest, profile, rid, [*good, broken], features=features)
    assert verdict == "inconclusive" and "broken.ndjson" in text, text
