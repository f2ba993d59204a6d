"""Feature-gated requirements whose statement applies to what a target declares report not
applicable when it declares nothing, rather than passing on nothing judged or failing a rule
that has nothing to apply to (issue 47: TD-REST-001, AS-MINOR-002, ID-CAT-001)."""

from __future__ import annotations

from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT

SUITES = ROOT / "suites"


def test_no_rest_reminder_interval_declared_is_not_applicable(catalog, run_manifest):
    # a capture whose device declares no health.rest_reminder_min
    manifest = manifest_for(catalog, "terminal-comfort", features=["rest-reminders"],
                            files={"captures": ["bci-rules/eeg-flat.ndjson.gz"]})
    assert verdicts(run_manifest(manifest, requirements=["TD-REST-001"]))["TD-REST-001"] == "not_applicable"


def test_no_play_time_terms_declared_is_not_applicable(catalog, serve_reference, run_manifest):
    manifest = manifest_for(catalog, "asset-minors", features=["playtime-limits"],
                            base_urls={"api": serve_reference(["discovery-no-playtime"])})
    assert verdicts(run_manifest(manifest, requirements=["AS-MINOR-002"]))["AS-MINOR-002"] == "not_applicable"
    manifest = manifest_for(catalog, "asset-minors", features=["playtime-limits"],
                            base_urls={"api": serve_reference()})  # declared and kept: a pass
    assert verdicts(run_manifest(manifest, requirements=["AS-MINOR-002"]))["AS-MINOR-002"] == "pass"


def test_presentations_only_leave_no_identity_category_to_judge(catalog, run_manifest):
    manifest = manifest_for(catalog, "identity-credentials", features=["categories"],
                            files={"credentials": ["vp-holder-email.json"]})
    assert verdicts(run_manifest(manifest, requirements=["ID-CAT-001"]))["ID-CAT-001"] == "not_applicable"
