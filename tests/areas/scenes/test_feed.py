"""A twin's live data feed (SensorThings API 1.1, SC-FEED-001..003): the reference service passes
all three; a declared latency shorter than the feed's age fails freshness; times and results
are judged as the standard encodes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.scenes import feed
from tests.areas.failing_query import reasons, serve_failing, verdicts

FEED = ["SC-FEED-001", "SC-FEED-002", "SC-FEED-003"]


def _verdicts(result):
    return {r.requirement: r.verdict.value for r in result.report.requirements if r.requirement in FEED}


def test_the_reference_feed_passes(serve_reference, run_manifest):
    url = serve_reference()
    result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                           "targets": {"api": {"adapter": "http", "base_url": url}}})
    assert _verdicts(result) == dict.fromkeys(FEED, "pass")


def test_a_latency_shorter_than_the_feeds_age_fails(serve_reference, run_manifest):
    """The reference's newest observation is 10 s old: a manifest tightening the standard's 300 s to 5 s fails it."""
    url = serve_reference()
    result = run_manifest({"product": {"name": "t", "version": "1"},
                           "profiles": [{"id": "scene-twin-feed", "parameters": {"max_feed_latency_s": 5}}],
                           "targets": {"api": {"adapter": "http", "base_url": url}}}, requirements=["SC-FEED-003"])
    assert _verdicts(result)["SC-FEED-003"] == "fail"


def test_an_unreadable_time_leaves_its_datastream_unjudged_and_the_others_judged(serve_reference, run_manifest):
    """SC-FEED-003 1.1: the temperature Datastream's newest time is zone-less (unjudged); the
    occupancy Datastream is still judged: stale, it fails; fresh, the verdict is inconclusive."""
    for defects, verdict in ((["feed-bad-phenomenon-time", "feed-stale"], "fail"),
                             (["feed-bad-phenomenon-time"], "inconclusive")):
        url = serve_reference(defects)
        result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                               "targets": {"api": {"adapter": "http", "base_url": url}}},
                              requirements=["SC-FEED-003"])
        assert _verdicts(result)["SC-FEED-003"] == verdict, defects


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)),
       st.integers(0, 10**6))
def test_instants_and_intervals_with_zones_are_read_and_zoneless_ones_are_not(moment, span):
    text = moment.isoformat().replace("+00:00", "Z")
    assert feed.time_problem(text) == (moment, True)
    later = moment + timedelta(seconds=span)
    assert feed.time_problem(f"{text}/{later.isoformat()}") == (later, True)
    assert feed.time_problem(f"{later.isoformat()}/{text}")[1] is (span == 0)
    assert feed.time_problem(moment.replace(tzinfo=None).isoformat())[1] is False


@pytest.mark.parametrize("text", ["20240101T120000Z", "2024-W01-1T12:00:00Z", "2024-01-01T12:00Z",
                                  "2024-001T12:00:00Z", "2024-01-01 12:00:00"])
def test_iso_8601_forms_rfc_3339_does_not_allow_are_not_instants(text):
    """SC-FEED-002 says RFC 3339: Python reads these ISO 8601 forms, the check must not."""
    assert feed.time_problem(text)[1] is False
    assert feed.time_problem(f"{text}/2024-01-02T00:00:00Z")[1] is False


@pytest.mark.parametrize(("kind", "result", "wanted"), [
    ("OM_Measurement", 21.5, None), ("OM_Measurement", "21.5", "number"), ("OM_Measurement", True, "number"),
    ("OM_CountObservation", 3, None), ("OM_CountObservation", 3.5, "integer"),
    ("OM_TruthObservation", False, None), ("OM_TruthObservation", 0, "boolean"),
    ("OM_CategoryObservation", "http://example.org/category/open", None),
    ("OM_CategoryObservation", "open", "uri"), ("OM_Observation", {"any": "thing"}, None),
])
def test_results_are_typed_by_their_observation_type(kind, result, wanted):
    assert feed.result_problem(feed.OM + kind, result) == wanted


@pytest.mark.parametrize(("key", "body", "named"), [
    ("Thing@iot.navigationLink", {"@iot.id": 1, "name": "t"}, True),
    ("Thing@iot.navigationLink", {"value": [{"@iot.id": 1}]}, False),   # a collection for one entity
    ("Thing@iot.navigationLink", {}, False),
    ("Datastreams@iot.navigationLink", {"value": []}, True),
    ("Datastreams@iot.navigationLink", {"@iot.id": 1}, False),          # an entity for a set
    ("FeatureOfInterest@iot.navigationLink", {"@iot.id": "f"}, True),
    ("ObservedProperties@iot.navigationLink", {"value": []}, True),
    ("Observations@iot.navigationLink", [], False),
])
def test_a_navigation_link_resolves_to_the_entity_or_entities_it_names(key, body, named):
    """SC-FEED-001 R3 (1.1): a link to one entity answers that entity, a link to a set a collection."""
    assert feed.resolves_as_named(key, body) is named


def test_a_failing_ordered_query_fails_sc_feed_002_only_and_the_newest_is_read_plainly(run_manifest):
    """Issue 71: the service answers 500 to $orderby=phenomenonTime (SC-FEED-002 fails it);
    SC-FEED-003 reads each Datastream's newest Observation by a plain GET and passes, with no
    "has no observation" finding; failing the plain GET too leaves it unjudged, naming SC-FEED-002."""
    ordered = lambda method, path, query: "$orderby=phenomenonTime" in query  # noqa: E731
    with serve_failing(ordered) as url:
        result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                               "targets": {"api": {"adapter": "http", "base_url": url}}},
                              requirements=["SC-FEED-002", "SC-FEED-003"])
    assert verdicts(result, FEED) == {"SC-FEED-002": "fail", "SC-FEED-003": "pass"}
    assert "has no observation" not in reasons(result, "SC-FEED-003")

    def a_datastreams_observations(method, path, query):
        return "/Datastreams(" in path and path.endswith("/Observations")
    with serve_failing(a_datastreams_observations) as url:
        result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                               "targets": {"api": {"adapter": "http", "base_url": url}}},
                              requirements=["SC-FEED-002", "SC-FEED-003"])
    assert verdicts(result, FEED) == {"SC-FEED-002": "fail", "SC-FEED-003": "inconclusive"}
    text = reasons(result, "SC-FEED-003")
    assert "has no observation" not in text and "SC-FEED-002 judges that answer" in text


class _Pages:
    """A SensorThings service whose ordered query fails and whose Observations come in pages."""

    def __init__(self, pages):
        self.pages = pages

    def requested(self, method, url):
        return f"{method} {url}"

    def get(self, url, **_):
        from tests.areas.fake_api import Answer
        if "$orderby" in url:
            return Answer(500, b"")
        index = int(url.rpartition("=")[2]) if "page=" in url else 0
        if index >= len(self.pages):
            return Answer(500, b"")
        body = {"value": [{"phenomenonTime": t} for t in self.pages[index]]}
        if index + 1 < len(self.pages):
            body["@iot.nextLink"] = f"L?page={index + 1}"
        return Answer(200, body)


@pytest.mark.parametrize(("pages", "time", "complete"), [
    ([["2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z"], ["2024-01-02T00:00:00Z"]], "2024-01-03T00:00:00Z", True),
    ([["2024-01-01T00:00:00Z"]] * (feed.MAX_OBSERVATION_PAGES + 1), "2024-01-01T00:00:00Z", False),
    ([["2024-01-01T00:00:00Z", "yesterday"]], "2024-01-01T00:00:00Z", False),
])
def test_the_newest_is_the_latest_of_the_pages_read_within_the_cap(pages, time, complete):
    """When the ordered query fails: a plain GET's pages, at most MAX_OBSERVATION_PAGES; past the
    cap, or with a time that cannot be read, the latest read is only a lower bound (complete False)."""
    read = feed.newest(_Pages(pages), "L")
    assert (read.found[1]["phenomenonTime"], read.complete, read.how) == (time, complete, "pages")


def test_nothing_read_names_the_ordered_query():
    read = feed.newest(_Pages([]), "L")
    assert read.found is None and read.unread[1] == 500 and "$orderby=phenomenonTime" in read.unread[0]


class _ResultTimeOnly(_Pages):
    """Orders by resultTime only; a plain GET of the Observations fails too."""

    def get(self, url, **_):
        from tests.areas.fake_api import Answer
        if "resultTime" in url:
            return Answer(200, {"value": [{"phenomenonTime": "2024-01-05T00:00:00Z"}]})
        return Answer(500, b"")


def test_the_newest_by_result_time_is_a_lower_bound():
    """Read by $orderby=resultTime desc, the Observation's phenomenonTime proves freshness only
    (complete False): a newer phenomenonTime may sit behind an older resultTime."""
    read = feed.newest(_ResultTimeOnly([]), "L")
    assert (read.found[1]["phenomenonTime"], read.complete, read.how) == ("2024-01-05T00:00:00Z", False, "resultTime")


def test_a_stale_feed_read_by_a_plain_get_still_fails(run_manifest):
    """The fallback judges as the ordered query would: every Observation read, the newest two hours old."""
    with serve_failing(lambda method, path, query: "$orderby=phenomenonTime" in query,
                       defects=("feed-stale",)) as url:
        result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                               "targets": {"api": {"adapter": "http", "base_url": url}}},
                              requirements=["SC-FEED-003"])
    assert verdicts(result, FEED) == {"SC-FEED-003": "fail"}


def test_an_ordered_read_not_answered_as_a_collection_is_sc_feed_002_r5(serve_reference, run_manifest):
    """Sixty-seventh reading, c2: the finding SC-FEED-003 and SC-FEED-006 leave to SC-FEED-002 when their own ordered
    query fails is its R5; before 1.3.0 it was recorded under no rule, which neither steps nor 不通过 line stated."""
    url = serve_reference(["feed-orderby-refused"])
    result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                           "targets": {"api": {"adapter": "http", "base_url": url}}},
                          requirements=["SC-FEED-002", "SC-FEED-003"])
    assert verdicts(result, FEED) == {"SC-FEED-002": "fail", "SC-FEED-003": "pass"}
    judged = next(r for r in result.report.requirements if r.requirement == "SC-FEED-002").model_dump(mode="json")
    rules = {item.get("rule") for item in judged["evidence"] if item.get("kind") == "finding"}
    assert rules == {"R5"}, rules
