"""The thirty-fifth reading's c5, part i2: ``suite.py::check_rule`` consulted unreadable capture headers only when
no stream of its types was found, so a capture whose header cannot be read beside captures that pass left the run
passing. Each requirement it serves (TD-TACT-001, TD-CAM-001, TD-HAPT-001/-002 are part h86-o2's texts, but
the same check) is run over its profile's samples plus one unreadable capture. The requirements a profile
serves with the same features are run together (one run over the samples, one with the unreadable capture),
each run analysing every sample capture once for all of them rather than once per requirement."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import captures_verdicts, manifest_for, manifest_runner

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


@pytest.fixture(scope="module")
def judged(tmp_path_factory, catalog) -> Callable[[str, list[str] | None], tuple[dict, dict]]:
    """(verdicts over the samples, verdicts with an unreadable capture beside them) of every requirement
    :data:`SERVED` names for a profile and features, run once for the module."""
    folder = tmp_path_factory.mktemp("unread")
    broken = folder / "broken.ndjson"
    broken.write_bytes(b"not a header\n")
    made: dict[tuple[str, tuple[str, ...] | None], tuple[dict, dict]] = {}

    def verdicts(profile: str, features: list[str] | None) -> tuple[dict, dict]:
        key = (profile, None if features is None else tuple(features))
        if key not in made:
            rids = [rid for p, rid, f in SERVED if (p, f) == (profile, features)]
            good = [Path(p) for p in manifest_for(catalog, profile, features=features)["targets"]["captures"]["paths"]]
            runs = []
            for kind in ("good", "broken"):
                (place := folder / f"{len(made)}-{kind}").mkdir()
                runs.append(manifest_runner(place, catalog))
            made[key] = (captures_verdicts(catalog, runs[0], profile, rids, good, features=features),
                         captures_verdicts(catalog, runs[1], profile, rids, [*good, broken], features=features))
        return made[key]

    return verdicts


@pytest.mark.parametrize(("profile", "rid", "features"), SERVED, ids=[rid for _, rid, _ in SERVED])
def test_an_unreadable_capture_beside_passing_ones_is_inconclusive(profile, rid, features, judged):
    """The profile's samples pass; with a capture whose header cannot be read beside them the run is
    inconclusive and names that capture (the 不确定 line), where the old check passed."""
    good, with_broken = judged(profile, features)
    passed, text = good[rid]
    assert passed == "pass", text
    verdict, text = with_broken[rid]
    assert verdict == "inconclusive" and "broken.ndjson" in text, text
