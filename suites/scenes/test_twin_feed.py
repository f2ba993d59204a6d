"""A digital twin's live data feed: an OGC SensorThings API 1.1 service read over HTTP (its
entity sets and links, Datastreams' units and observation types, Observations' times and
results) and how fresh its newest observations are."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas._shared.dependent import needs, unread, unreadable
from conformance.areas.scenes import feed, tasking
from conformance.areas.scenes.requestbodies import task_request

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from conformance.area import JsonObject, JsonValue


@pytest.mark.requirement("SC-FEED-001")
def test_entity_sets_and_links_resolve(targets: Targets, evidence: Evidence) -> None:
    api = targets["api"]
    found = feed.walk(api, evidence)
    checked = links = 0
    for name, entities in sorted(found.entities.items()):
        for where, entity in entities:
            checked += 1
            if "@iot.id" not in entity or not isinstance(entity.get("@iot.selfLink"), str):
                evidence.finding(msg("scenes.feed-identity", name=name), file=where,
                                 expected="@iot.id, @iot.selfLink", actual=sorted(entity)[:12], rule="R2")
            else:
                status, body = feed.get_json(api, entity["@iot.selfLink"])
                links += 1
                if status != 200 or not isinstance(body, dict) or body.get("@iot.id") != entity["@iot.id"]:
                    evidence.finding(msg("scenes.feed-link", link="@iot.selfLink", url=entity["@iot.selfLink"]),
                                     file=where, expected=f"200, @iot.id {entity['@iot.id']}", actual=status,
                                     rule="R3")
            for key, url in feed.navigation_links(entity)[:feed.MAX_NAVIGATION_LINKS]:
                status, body = feed.get_json(api, url)
                links += 1
                if status != 200:
                    evidence.finding(msg("scenes.feed-link", link=key, url=url), file=where, pointer=f"/{key}",
                                     expected=200, actual=status, rule="R3")
                elif not feed.resolves_as_named(key, body):
                    set_link = key.removesuffix("@iot.navigationLink") in feed.SET_NAVIGATION
                    evidence.finding(msg("scenes.feed-link-shape", link=key, url=url), file=where, pointer=f"/{key}",
                                     expected="{\"value\": [...]}" if set_link else "an entity with @iot.id",
                                     actual=sorted(body)[:12] if isinstance(body, dict) else type(body).__name__,
                                     rule="R3")
    if found.root is not None and checked == 0:
        raise Inconclusive(msg("scenes.feed-empty"))
    evidence.note(msg("scenes.feed-walked", entities=checked, links=links))


def _datastreams(api: HttpTarget, evidence: Evidence) -> list[feed.Entity]:
    """(where, Datastream) of the Datastreams set's first page. Reading the root and the set is
    SC-FEED-001's to judge: a failure there leaves the calling requirement inconclusive, naming it."""
    with needs(msg("scenes.feed-datastreams-read"), "SC-FEED-001"):
        found = feed.walk(api, evidence, ("Datastreams",))
    if not found.entities.get("Datastreams"):
        raise Inconclusive(msg("scenes.feed-no-datastreams"))
    return found.entities["Datastreams"]


def _observations(api: HttpTarget, link: str, evidence: Evidence, top: int) -> list[feed.Entity]:
    """The ``top`` newest Observations at ``link`` (one page: the sample step 3 states); an answer that is not a
    collection is R5's finding, on which SC-FEED-003, -005 and -006 rely when their own ordered query fails."""
    url = f"{link}?$orderby={quote('phenomenonTime desc')}&$top={top}"
    return feed.collection(api, url, evidence, "R5")


@pytest.mark.requirement("SC-FEED-002")
def test_datastreams_and_observations_are_typed(targets: Targets, evidence: Evidence) -> None:
    api = targets["api"]
    observed = 0
    streams = _datastreams(api, evidence)
    for where, stream in streams:
        unit = stream.get("unitOfMeasurement")
        if not (isinstance(unit, dict) and all(isinstance(unit.get(k), str) for k in ("name", "symbol", "definition"))):
            evidence.finding(msg("scenes.feed-unit", name=str(stream.get("name"))), file=where,
                             pointer="/unitOfMeasurement", expected="name, symbol, definition", actual=unit,
                             rule="R1")
        kind = stream.get("observationType")
        if kind not in feed.RESULT_TYPES:
            evidence.finding(msg("scenes.feed-observation-type", name=str(stream.get("name"))), file=where,
                             pointer="/observationType", expected=sorted(feed.RESULT_TYPES), actual=kind,
                             rule="R2")
        link = stream.get("Observations@iot.navigationLink")
        if not isinstance(link, str):  # SC-FEED-001 judges the links: R3/R4 cannot be tried on this one
            evidence.unjudged(where, msg("scenes.feed-no-observations-link", name=str(stream.get("name"))))
            continue
        for place, observation in _observations(api, link, evidence, feed.NEWEST_OBSERVATIONS):
            observed += 1
            _, ok = feed.time_problem(observation.get("phenomenonTime"))
            if not ok:
                evidence.finding(msg("scenes.feed-time"), file=place, pointer="/phenomenonTime",
                                 expected="RFC 3339 instant or start/end interval",
                                 actual=observation.get("phenomenonTime"), rule="R3")
            wanted = feed.result_problem(kind, observation.get("result"))
            if wanted is not None:
                evidence.finding(msg("scenes.feed-result", type=wanted), file=place, pointer="/result",
                                 expected=wanted, actual=observation.get("result"), rule="R4")
    if observed == 0:  # the pass line needs Observations: with none read, R3 and R4 are not judged
        evidence.unjudged(streams[0][0], msg("scenes.feed-no-observations", count=len(streams)))
    evidence.note(msg("scenes.feed-typed", observations=observed))


@pytest.mark.requirement("SC-FEED-003")
def test_newest_observations_are_fresh(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    api = targets["api"]
    limit = params.max_feed_latency_s
    now = datetime.now(UTC)
    for where, stream in _datastreams(api, evidence):
        name = str(stream.get("name"))
        link = stream.get("Observations@iot.navigationLink")
        if not isinstance(link, str):  # SC-FEED-001 judges the links: this Datastream is not judged
            evidence.unjudged(where, msg("scenes.feed-no-observations-link", name=name))
            continue
        read = feed.newest(api, link)
        if read.found is None:
            if read.unread is not None:
                request, status = read.unread
                unread(evidence, request, msg("scenes.feed-newest", name=name), status, "SC-FEED-002")
            elif read.complete:  # the service answered: the Datastream has no Observation
                evidence.finding(msg("scenes.feed-no-observation", name=name), file=where, check="fresh")
            continue
        place, observation = read.found
        end, ok = feed.time_problem(observation.get("phenomenonTime"))
        if end is None or not ok:  # SC-FEED-002's finding; the other Datastreams are still judged
            evidence.unjudged(place, msg("scenes.feed-time"), pointer="/phenomenonTime")
            continue
        age = (now - end).total_seconds()
        if age <= limit:
            evidence.note(msg("scenes.feed-fresh", name=name, age=round(age)), file=place, read=read.how)
        elif read.complete:
            evidence.finding(msg("scenes.feed-stale", name=name, age=round(age), limit=limit), file=place,
                             pointer="/phenomenonTime", expected=f"<= {limit} s old", actual=f"{round(age)} s old",
                             check="fresh")
        else:  # only some Observations were read: a newer one may be among the others
            evidence.unjudged(place, msg("scenes.feed-newest-partial", name=name, age=round(age),
                                         pages=feed.MAX_OBSERVATION_PAGES), pointer="/phenomenonTime")


@pytest.mark.requirement("SC-FEED-004")
def test_tasks_are_created_and_checked_against_their_capability(targets: Targets, evidence: Evidence) -> None:
    api = targets["api"]
    status, root = feed.get_json(api, feed.ROOT)
    if status != 200 or not isinstance(root, dict):  # the root is SC-FEED-001's: the sets it names are unread
        raise unreadable(msg("scenes.feed-root-read"), api.requested("GET", feed.ROOT), status, "SC-FEED-001")
    urls = {item["name"]: item["url"] for item in (root or {}).get("value", [])
            if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("url"), str)}
    missing = [name for name in tasking.SETS if name not in urls]
    if missing:
        evidence.finding(msg("scenes.tasking-sets", names=", ".join(missing)), file=api.requested("GET", feed.ROOT),
                         pointer="/value", expected=list(tasking.SETS), actual=sorted(urls), rule="R1")
        return
    capabilities = feed.collection(api, urls["TaskingCapabilities"], evidence, "R1")
    if not capabilities:
        raise Inconclusive(msg("scenes.tasking-no-capability"))
    tasked = 0
    for where, capability in capabilities:
        name = str(capability.get("name"))
        problems = tasking.description_problems(capability.get("taskingParameters"))
        links = [key for key in ("Thing@iot.navigationLink", "Actuator@iot.navigationLink") if key not in capability]
        if problems or links:
            evidence.finding(msg("scenes.tasking-description", name=name, problems="; ".join(problems + links)),
                             file=where, pointer="/taskingParameters", expected="SWE Common DataRecord",
                             actual=problems + [f"no {key}" for key in links], rule="R1")
            continue
        if "@iot.id" not in capability:  # SC-FEED-001's finding: no Task can name it, R2/R3 untried
            evidence.unjudged(where, msg("scenes.tasking-no-id", name=name))
            continue
        description = capability["taskingParameters"]
        unknown = tasking.unjudged_fields(description)
        if unknown:  # no Task the harness knows to be allowed: this capability is not judged
            evidence.unjudged(where, msg("scenes.tasking-unjudged", name=name, fields=", ".join(unknown[:5])))
            continue
        tasked += 1
        _create_allowed_task(api, urls["Tasks"], capability, description, evidence)
        broken = tasking.disallowed_values(description)
        if broken is not None:
            values, what = broken
            response = api.post(urls["Tasks"], json=task_request(values, capability["@iot.id"]),
                                headers={"Accept": "application/json"})
            if response.status < 400 or response.status >= 500:
                evidence.finding(msg("scenes.tasking-invalid-accepted", name=name, what=what),
                                 file=response.requested, expected="4xx", actual=response.status,
                                 rule="R3")
    evidence.note(msg("scenes.tasking-checked", count=tasked))


def _create_allowed_task(api: HttpTarget, tasks_url: str, capability: JsonObject, description: JsonValue,
                         evidence: Evidence) -> None:

    """R2: a Task with values the description allows is created (201, Location) and reads back."""
    values = tasking.allowed_values(description)
    name = str(capability.get("name"))
    response = api.post(tasks_url, json=task_request(values, capability["@iot.id"]),
                        headers={"Accept": "application/json"})
    where = response.requested
    location = response.headers.get("location")
    if response.status != 201 or not location:
        evidence.finding(msg("scenes.tasking-not-created", name=name), file=where,
                         expected="201 with Location", actual=response.status, rule="R2")
        return
    status, task = feed.get_json(api, location)
    if status != 200 or not isinstance(task, dict):
        evidence.finding(msg("scenes.tasking-not-readable", url=location), file=api.requested("GET", location),
                         expected=200, actual=status, rule="R2")
        return
    if task.get("taskingParameters") != values or feed.parse_time(task.get("creationTime")) is None:
        evidence.finding(msg("scenes.tasking-read-back", url=location), file=api.requested("GET", location),
                         expected={"taskingParameters": values, "creationTime": "RFC 3339"},
                         actual={k: task.get(k) for k in ("taskingParameters", "creationTime")},
                         rule="R2")
