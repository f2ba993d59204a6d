"""A digital twin's live data feed: an OGC SensorThings API 1.1 service read over HTTP (its
entity sets and links, Datastreams' units and observation types, Observations' times and
results) and how fresh its newest observations are."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from conformance import Inconclusive, msg
from conformance.areas.scenes import feed


@pytest.mark.requirement("SC-FEED-001")
def test_entity_sets_and_links_resolve(targets, evidence):
    api = targets["api"]
    found = feed.walk(api, evidence)
    checked = links = 0
    for name, entities in sorted(found.entities.items()):
        for where, entity in entities:
            checked += 1
            if "@iot.id" not in entity or not isinstance(entity.get("@iot.selfLink"), str):
                evidence.finding(msg("scenes.feed-identity", name=name), file=where,
                                 expected="@iot.id, @iot.selfLink", actual=sorted(entity)[:12], rule="identity")
            else:
                status, body = feed.get_json(api, entity["@iot.selfLink"])
                links += 1
                if status != 200 or not isinstance(body, dict) or body.get("@iot.id") != entity["@iot.id"]:
                    evidence.finding(msg("scenes.feed-link", link="@iot.selfLink", url=entity["@iot.selfLink"]),
                                     file=where, expected=f"200, @iot.id {entity['@iot.id']}", actual=status,
                                     rule="links")
            for key, url in feed.navigation_links(entity)[:8]:
                status, body = feed.get_json(api, url)
                links += 1
                if status != 200 or not isinstance(body, dict):
                    evidence.finding(msg("scenes.feed-link", link=key, url=url), file=where, pointer=f"/{key}",
                                     expected=200, actual=status, rule="links")
    if found.root is not None and checked == 0:
        raise Inconclusive(msg("scenes.feed-empty"))
    evidence.note(msg("scenes.feed-walked", entities=checked, links=links))


def _datastreams(api, evidence):
    found = feed.walk(api, evidence)
    if not found.entities.get("Datastreams"):
        raise Inconclusive(msg("scenes.feed-no-datastreams"))
    return found.entities["Datastreams"]


def _observations(api, stream, evidence, top):
    link = stream.get("Observations@iot.navigationLink")
    if not isinstance(link, str):
        return []
    url = f"{link}?$orderby={quote('phenomenonTime desc')}&$top={top}"
    return feed.collection(api, url, evidence)


@pytest.mark.requirement("SC-FEED-002")
def test_datastreams_and_observations_are_typed(targets, evidence):
    api = targets["api"]
    observed = 0
    for where, stream in _datastreams(api, evidence):
        unit = stream.get("unitOfMeasurement")
        if not (isinstance(unit, dict) and all(isinstance(unit.get(k), str) for k in ("name", "symbol", "definition"))):
            evidence.finding(msg("scenes.feed-unit", name=str(stream.get("name"))), file=where,
                             pointer="/unitOfMeasurement", expected="name, symbol, definition", actual=unit,
                             rule="unit")
        kind = stream.get("observationType")
        if kind not in feed.RESULT_TYPES:
            evidence.finding(msg("scenes.feed-observation-type", name=str(stream.get("name"))), file=where,
                             pointer="/observationType", expected=sorted(feed.RESULT_TYPES), actual=kind,
                             rule="observation-type")
        for place, observation in _observations(api, stream, evidence, 10):
            observed += 1
            _, ok = feed.time_problem(observation.get("phenomenonTime"))
            if not ok:
                evidence.finding(msg("scenes.feed-time"), file=place, pointer="/phenomenonTime",
                                 expected="RFC 3339 instant or start/end interval",
                                 actual=observation.get("phenomenonTime"), rule="phenomenon-time")
            wanted = feed.result_problem(kind, observation.get("result"))
            if wanted is not None:
                evidence.finding(msg("scenes.feed-result", type=wanted), file=place, pointer="/result",
                                 expected=wanted, actual=observation.get("result"), rule="result-type")
    evidence.note(msg("scenes.feed-typed", observations=observed))


@pytest.mark.requirement("SC-FEED-003")
def test_newest_observations_are_fresh(targets, evidence, params):
    api = targets["api"]
    limit = params.max_feed_latency_s
    now = datetime.now(UTC)
    for where, stream in _datastreams(api, evidence):
        newest = _observations(api, stream, evidence, 1)
        name = str(stream.get("name"))
        if not newest:
            evidence.finding(msg("scenes.feed-no-observation", name=name), file=where, rule="fresh")
            continue
        place, observation = newest[0]
        end, ok = feed.time_problem(observation.get("phenomenonTime"))
        if end is None or not ok:
            raise Inconclusive(msg("scenes.feed-time"))  # SC-FEED-002's finding
        age = (now - end).total_seconds()
        if age > limit:
            evidence.finding(msg("scenes.feed-stale", name=name, age=round(age), limit=limit), file=place,
                             pointer="/phenomenonTime", expected=f"<= {limit} s old", actual=f"{round(age)} s old",
                             rule="fresh")
        else:
            evidence.note(msg("scenes.feed-fresh", name=name, age=round(age)), file=place)
