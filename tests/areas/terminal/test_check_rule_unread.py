"""The thirty-fifth reading's c5, part i2: ``suite.py::check_rule`` consulted unreadable capture headers only when
no stream of its types was found, so a capture whose header cannot be read beside captures that pass left the run
passing. Each requirement it serves (TD-TACT-001, TD-CAM-001, TD-HAPT-001/-002 are part h86-o2's texts, but
the same check) is run over its profile's samples plus one unreadable capture."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import captures_verdict, manifest_for

SERVED = [
    ("terminal-sensor-performance", "TD-DEPTH-001", ["depth-sensing"]),
    ("terminal-sensor-performance", "TD-RADAR-001", ["radar-sensing"]),
    ("terminal-force-feedback", "TD-FORCE-002", None),
    ("terminal-spatial-audio", "TD-AUD-001", None),
    ("terminal-hand-tracking", "TD-HAND-001", None),
    ("terminal-hand-tracking", "TD-HAND-003", None),
    ("terminal-hmd-6dof", "TD-POSE-001", None),
    ("terminal-hmd-6dof", "TD-POSE-002", None),
    ("terminal-eye-gaze", "TD-GAZE-001", None),
    ("terminal-comfort", "TD-DISP-003", None),
    ("terminal-comfort", "TD-DISP-007", None),
    ("terminal-comfort", "TD-DISP-008", None),
    ("terminal-face", "TD-FACE-001", None),
    ("terminal-face", "TD-FACE-002", None),
    ("terminal-face", "TD-FACE-003", None),
    ("terminal-haptics", "TD-OLF-001", ["olfactory"]),
    ("terminal-haptics", "TD-OLF-002", ["olfactory"]),
    ("terminal-body", "TD-BODY-001", None),
    ("terminal-body", "TD-BODY-002", None),
    ("terminal-bci", "TD-BCI-001", None),
    ("terminal-bci", "TD-BCI-003", None),
    ("terminal-voice", "TD-VOICE-001", None),
    # the thirty-sixth reading's c1 (check_rule's, part h88-d's texts) and c2 (checks that judged their own streams
    # and looked at unreadable headers only when nothing was judged; since part r every check through suite.analyses)
    ("terminal-sensor-performance", "TD-TACT-001", ["tactile-sensing"]),
    ("terminal-sensor-performance", "TD-CAM-001", ["camera-calibration"]),
    ("terminal-haptics", "TD-HAPT-001", None),
    ("terminal-haptics", "TD-HAPT-002", None),
    ("terminal-force-feedback", "TD-FORCE-001", None),
    ("terminal-force-feedback", "TD-FORCE-003", None),
    ("terminal-biometric-data", "TD-BIO-004", None),
]


@pytest.mark.parametrize(("profile", "rid", "features"), SERVED, ids=[rid for _, rid, _ in SERVED])
def test_an_unreadable_capture_beside_passing_ones_is_inconclusive(profile, rid, features, tmp_path, catalog,
                                                                   run_manifest):
    """The profile's samples pass; with a capture whose header cannot be read beside them the run is
    inconclusive and names that capture (the 不确定 line), where the old check passed."""
    good = [Path(p) for p in manifest_for(catalog, profile, features=features)["targets"]["captures"]["paths"]]
    passed, text = captures_verdict(catalog, run_manifest, profile, rid, good, features=features)
    assert passed == "pass", text
    broken = tmp_path / "broken.ndjson"
    broken.write_bytes(b"not a header\n")
    verdict, text = captures_verdict(catalog, run_manifest, profile, rid, [*good, broken], features=features)
    assert verdict == "inconclusive" and "broken.ndjson" in text, text
