"""Items of the twin feed another case fails, left unjudged here (the thirty-eighth reading's c16, c20): SC-FEED-004's
TaskingCapability without `@iot.id` (SC-FEED-001's finding), which no Task can name, and SC-FEED-002's Datastream
without an Observations link, or a service with no Observation read, are recorded unjudged, so a run that
otherwise passes is inconclusive; each was passed over and the run passed."""

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


def _feed_002(serve_reference, run_manifest):
    url = serve_reference()
    result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                           "targets": {"api": {"adapter": "http", "base_url": url}}})
    [row] = [r for r in result.report.requirements if r.requirement == "SC-FEED-002"]
    return row


def test_a_datastream_without_an_observations_link_is_unjudged(serve_reference, run_manifest, monkeypatch):
    """SC-FEED-002 (the thirty-eighth reading's c16): a Datastream without Observations@iot.navigationLink
    cannot be read for R3/R4: recorded unjudged (as SC-FEED-003 does), not passed over."""
    real = feed.walk

    def without_links(api, evidence, sets=feed.SETS):
        found = real(api, evidence, sets)
        streams = found.entities.get("Datastreams") or []
        found.entities["Datastreams"] = [(where, {k: v for k, v in s.items()
                                                   if k != "Observations@iot.navigationLink"} if i == 0 else s)
                                         for i, (where, s) in enumerate(streams)]
        return found

    monkeypatch.setattr(feed, "walk", without_links)
    row = _feed_002(serve_reference, run_manifest)
    assert row.verdict.value == "inconclusive", (row.verdict, row.evidence)
    assert "Observations@iot.navigationLink" in str(row.evidence)


def test_no_observation_read_is_inconclusive_not_a_pass(serve_reference, run_manifest, monkeypatch):
    """SC-FEED-002 (c16): with no Observation read R3 and R4 are not judged: inconclusive, not a pass."""
    real = feed.collection

    def no_observations(api, url, evidence, rule=None):
        return [] if "Observations" in url and "$top=" in url else real(api, url, evidence, rule)

    monkeypatch.setattr(feed, "collection", no_observations)
    row = _feed_002(serve_reference, run_manifest)
    assert row.verdict.value == "inconclusive", (row.verdict, row.evidence)
    assert "R3" in str(row.evidence)
