"""SC-FEED-004 (the thirty-eighth reading's c20): a TaskingCapability without `@iot.id` (SC-FEED-001's
finding) cannot be named by a Task, so R2 and R3 are never tried on it: it is recorded unjudged and a run
that otherwise passes is inconclusive; it was passed over and the run passed."""

from __future__ import annotations

from conformance.areas.scenes import feed


def test_a_capability_without_an_id_is_unjudged_not_passed(serve_reference, run_manifest, monkeypatch):
    real = feed.collection

    def without_ids(api, url, evidence, rule=None):
        items = real(api, url, evidence, rule)
        if "TaskingCapabilities" not in url:
            return items
        return [(where, {k: v for k, v in entity.items() if k != "@iot.id"}) for where, entity in items]

    monkeypatch.setattr(feed, "collection", without_ids)
    url = serve_reference()
    result = run_manifest({"product": {"name": "t", "version": "1"},
                           "profiles": [{"id": "scene-twin-feed", "features": ["tasking"]}],
                           "targets": {"api": {"adapter": "http", "base_url": url}}})
    [row] = [r for r in result.report.requirements if r.requirement == "SC-FEED-004"]
    assert row.verdict.value == "inconclusive", (row.verdict, row.evidence)
    assert "@iot.id" in str(row.evidence)
