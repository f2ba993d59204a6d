"""The thirty-ninth reading's rows c7 and c14 (part cT1): TD-ACC-002's findings name the rule they break, and a frame
that is there but does not parse is the fail of TD-CAM-001, TD-DEPTH-001, TD-RADAR-001, TD-TACT-001 and TD-FORCE-002
beside the frames that parse (the thirty-fifth reading's a2). Each test failed against the check before the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.areas.terminal.accessibility import inconsistencies
from tests.areas.terminal.test_streams_unjudged import SAMPLES
from tests.conftest import captures_verdict

FIXTURES = Path(__file__).resolve().parents[3] / "suites" / "terminal" / "fixtures"


@pytest.mark.parametrize(("descriptor", "rule"), [("input-not-offered.json", "R1"), ("no-ipd.json", "R2"),
                                                  ("ipd-range.json", "R3")])
def test_c7_td_acc_002_findings_name_their_rule(descriptor, rule):
    found = inconsistencies(json.loads((FIXTURES / "acc-rules" / descriptor).read_text(encoding="utf-8")))
    assert found and {f.rule for f in found} == {rule}, found


@pytest.mark.parametrize(("case", "profile", "sample", "fixture", "features"), [
    ("TD-CAM-001", "terminal-sensor-performance", "camera-bench", "cam-rules", ["camera-calibration"]),
    ("TD-DEPTH-001", "terminal-sensor-performance", "depth-bench", "depth-rules", ["depth-sensing"]),
    ("TD-RADAR-001", "terminal-sensor-performance", "radar-bench", "radar-rules", ["radar-sensing"]),
    ("TD-TACT-001", "terminal-sensor-performance", "tactile-bench", "tact-rules", ["tactile-sensing"]),
    ("TD-FORCE-002", "terminal-force-feedback", "haptic-arm", "force-rules", None),
])
def test_c14_a_frame_that_does_not_parse_beside_clean_ones_fails(catalog, run_manifest, case, profile, sample,
                                                                 fixture, features):
    captures = [SAMPLES / f"{sample}.ndjson.gz", FIXTURES / fixture / "unparsed.ndjson.gz"]
    verdict, text = captures_verdict(catalog, run_manifest, profile, case, captures, features=features)
    assert verdict == "fail" and "unparsed.ndjson" in text, text
