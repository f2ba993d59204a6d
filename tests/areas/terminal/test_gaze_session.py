"""An eye tracker validated at a session's start, after its wear and after a slip (TD-GAZE-004): the clean rig
passes, each later validation judged against the start's; a wear shorter or a slip smaller than the plan asks for
is named and left inconclusive, never failed."""

from __future__ import annotations

from tests.conftest import captures_verdict, manifest_for, verdict_and_evidence
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "gaze-session.ndjson.gz"


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-004", [SAMPLE],
                                         features=["gaze-session-slip"])
    assert verdict == "pass", evidence
    assert "after 30 min worn" in evidence and "after a 2 mm slip" in evidence


def test_a_shorter_wear_or_a_smaller_slip_than_asked_is_inconclusive(catalog, run_manifest):
    manifest = manifest_for(catalog, "terminal-eye-gaze", features=["gaze-session-slip"],
                            parameters={"min_session_min": 60, "min_slip_mm": 3.0})
    manifest["targets"]["captures"]["paths"] = [str(SAMPLE)]
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["TD-GAZE-004"]), "TD-GAZE-004")
    assert verdict == "inconclusive", evidence
    assert "less than the 60 min of wear" in evidence and "not the at least 3 mm" in evidence
