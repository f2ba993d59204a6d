"""A digital twin's live data feed as an OGC SensorThings API 1.1 service (profile ``scene-twin-feed``).

OGC 18-088 (SensorThings API Part 1: Sensing, version 1.1) gives the entities (Thing, Location,
Datastream, Observation, ...), their JSON encoding (``@iot.id``, ``@iot.selfLink``,
``<Navigation>@iot.navigationLink``, collections as ``{"value": [...]}`` with ``@iot.nextLink``)
and the service root listing the entity sets. :func:`walk` reads the root and each entity set
the requirements need, at most ``MAX_ENTITIES`` entities a set (a safety cap on a hostile
service, not a requirement); :func:`time_problem` and :func:`result_problem` judge one
Observation's ``phenomenonTime`` and ``result``; :func:`newest` reads a Datastream's newest
Observation, another conforming way when the ordered query fails (SC-FEED-002 judges that query).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from conformance import msg

from .._shared.numbers import is_integer
from .._shared.times import rfc3339_instant

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget
    from conformance.area import JsonArray, JsonObject


ROOT = "/sta/v1.1"
SETS = ("Things", "Locations", "Datastreams", "Observations")
MAX_ENTITIES = 50
#: navigation links of each entity followed: with MAX_ENTITIES, the reading bounds 5.1 lists for SC-FEED-001
MAX_NAVIGATION_LINKS = 8
#: pages of a Datastream's Observations read, following @iot.nextLink, when the ordered query
#: fails (5.1's reading bound "Observation pages followed": the catalog's own cap, a bound on the requests made)
MAX_OBSERVATION_PAGES = 5
#: the newest Observations of each Datastream SC-FEED-002 asks for (one page, ``$top``): 5.1's reading bound
NEWEST_OBSERVATIONS = 10
OM = "http://www.opengis.net/def/observationType/OGC-OM/2.0/"
#: SensorThings 1.1, Table "List of some code values used for identifying types defined in the O&M
#: conceptual model": observationType -> the JSON type of result
RESULT_TYPES = {OM + "OM_CategoryObservation": "uri", OM + "OM_CountObservation": "integer",
                OM + "OM_Measurement": "number", OM + "OM_Observation": "any", OM + "OM_TruthObservation": "boolean"}


#: an entity as read: where (the request and the member of its answer) and the entity
Entity = tuple[str, "JsonObject"]


@dataclass
class Feed:
    root: JsonObject | None = None
    #: entity set -> its URL as the root names it
    urls: dict[str, str] = field(default_factory=dict)
    #: entity set -> (where, entity) read from its first page
    entities: dict[str, list[Entity]] = field(default_factory=dict)


def get_json(api: HttpTarget, url: str) -> tuple[int, object]:
    """(status, body or None) of a GET; a body that is not JSON is None."""
    response = api.get(url, headers={"Accept": "application/json"})
    try:
        return response.status, response.json() if response.status == 200 else None
    except ValueError:
        return response.status, None


def walk(api: HttpTarget, evidence: Evidence, sets: tuple[str, ...] = SETS) -> Feed:
    """The service root and the first page of each entity set it names (of ``sets``); findings
    for what is missing."""
    feed = Feed()
    status, root = get_json(api, ROOT)
    listed = _values(root) if status == 200 else None
    if not isinstance(root, dict) or listed is None:
        evidence.finding(msg("scenes.feed-root", path=ROOT), file=api.requested("GET", ROOT),
                         expected="200 {\"value\": [...]}", actual=status, rule="R1")
        return feed
    feed.root = root
    for item in listed:
        name, url = (item.get("name"), item.get("url")) if isinstance(item, dict) else (None, None)
        if isinstance(name, str) and isinstance(url, str):
            feed.urls[name] = url
    for name in sets:
        url = feed.urls.get(name)
        if url is None:
            evidence.finding(msg("scenes.feed-set-missing", name=name), file=api.requested("GET", ROOT),
                             pointer="/value", expected=name, actual=sorted(feed.urls), rule="R1")
            continue
        feed.entities[name] = collection(api, url, evidence, "R1")
    return feed


def _values(body: object) -> JsonArray | None:
    """The ``value`` array of a collection (``{"value": [...]}``), None when ``body`` is none."""
    values = body.get("value") if isinstance(body, dict) else None
    return values if isinstance(values, list) else None


def collection(api: HttpTarget, url: str, evidence: Evidence, rule: str | None = None) -> list[Entity]:
    """The first page of the set at ``url``; a finding under the caller's ``rule`` when it is not
    answered 200 with a ``value`` array (SC-FEED-001 R1 for a set its root names, SC-FEED-002 R5 for a Datastream's
    newest Observations, SC-FEED-004 R1)."""
    status, page = get_json(api, url)
    values = _values(page) if status == 200 else None
    if values is None:
        evidence.finding(msg("scenes.feed-collection", url=url), file=api.requested("GET", url),
                         expected="200 {\"value\": [...]}", actual=status, rule=rule)
        return []
    where = api.requested("GET", url)  # the request really sent, as findings name it
    return [(f"{where} /value/{index}", entity) for index, entity in enumerate(values[:MAX_ENTITIES])
            if isinstance(entity, dict)]


def page(api: HttpTarget, url: str) -> tuple[int, list[Entity] | None, str | None]:
    """(status, the page's entities with where each was read or None when the answer is not a
    collection, its @iot.nextLink): a read recording no finding, for a requirement that does not
    judge the answer."""
    status, body = get_json(api, url)
    values = _values(body) if status == 200 else None
    if not isinstance(body, dict) or values is None:
        return status, None, None
    where = api.requested("GET", url)
    following = body.get("@iot.nextLink")
    return status, [(f"{where} /value/{index}", entity) for index, entity in enumerate(values)
                    if isinstance(entity, dict)], following if isinstance(following, str) else None


def ordered(link: str, key: str, top: int) -> str:
    return f"{link}?$orderby={quote(f'{key} desc')}&$top={top}"


@dataclass
class Newest:
    """A Datastream's newest Observation as read, or why it could not be read."""

    #: (where it was read, the Observation); None: none read
    found: Entity | None = None
    #: every Observation of the Datastream was read, so an old one is the newest (a fresh one is
    #: fresh whatever else there is: the newest is at least as new)
    complete: bool = True
    #: the request whose answer left the newest unread ("GET <url>") and its status
    unread: tuple[str, object] | None = None
    #: how it was read: "phenomenonTime", "pages" or "resultTime"
    how: str = "phenomenonTime"


def newest(api: HttpTarget, link: str) -> Newest:
    """The newest Observation of a Datastream's Observations at ``link``: the first of
    ``$orderby=phenomenonTime desc&$top=1``; when that query fails (SC-FEED-002's finding), the
    latest phenomenonTime of a plain GET's pages (at most ``MAX_OBSERVATION_PAGES``, following
    @iot.nextLink); when that fails too, the first of ``$orderby=resultTime desc&$top=1``.
    Records no finding: the answers are judged by SC-FEED-001 and SC-FEED-002."""
    first = ordered(link, "phenomenonTime", 1)
    status, entities, _ = page(api, first)
    if entities is not None:
        return Newest(found=entities[0] if entities else None)
    unread = (api.requested("GET", first), status)
    read, complete = plain_pages(api, link)
    if read is not None and (read or complete):
        # a later page unread or past the cap (complete False): the latest read is a lower bound
        return _latest(read, complete)
    by_result = ordered(link, "resultTime", 1)
    status, entities, _ = page(api, by_result)
    if entities:
        return Newest(found=entities[0], complete=False, how="resultTime")
    return Newest(complete=False, unread=unread)


def observations(api: HttpTarget, link: str, top: int) -> tuple[list[Entity] | None, bool, int]:
    """(Observations, whether they include the newest ``top``, the ordered query's status) of a
    Datastream: the newest ``top`` by ``$orderby=phenomenonTime desc``, or, when that query fails
    (SC-FEED-002's), those of a plain GET's pages (at most ``MAX_OBSERVATION_PAGES``; all of them
    when it read every page); None when neither can be read. Records no finding."""
    status, entities, _ = page(api, ordered(link, "phenomenonTime", top))
    if entities is not None:
        return entities, True, status
    read, complete = plain_pages(api, link)
    return read, complete, status


def plain_pages(api: HttpTarget, link: str) -> tuple[list[Entity] | None, bool]:
    """(the Observations of a plain GET of ``link`` and the pages its @iot.nextLink names, at most
    ``MAX_OBSERVATION_PAGES``, whether every page was read); None: not even the first page was."""
    read: list[Entity] = []
    url = link
    for index in range(MAX_OBSERVATION_PAGES):
        _, entities, following = page(api, url)
        if entities is None:
            return (read if index else None), False
        read.extend(entities)
        if following is None:
            return read, True
        url = following
    return read, False


def _latest(read: list[Entity], complete: bool) -> Newest:
    """The Observation with the latest phenomenonTime of those read; one whose time cannot be
    read (SC-FEED-002's finding) makes the set incomplete, and stands for all when none can."""
    if not read:
        return Newest(complete=complete, how="pages")  # the Datastream has no Observation: observed
    dated = [(end, item) for item in read for end, ok in [time_problem(item[1].get("phenomenonTime"))]
             if ok and end is not None]
    if not dated:
        return Newest(found=read[0], complete=complete, how="pages")
    return Newest(found=max(dated, key=lambda d: d[0])[1], complete=complete and len(dated) == len(read),
                  how="pages")


#: SensorThings 1.1 (with Tasking 1.0 and the MultiDatastream extension) navigation properties
#: naming a set of entities: their link resolves to a collection; every other names one entity
SET_NAVIGATION = frozenset({"Things", "Locations", "HistoricalLocations", "Datastreams", "MultiDatastreams",
                            "Sensors", "ObservedProperties", "Observations", "FeaturesOfInterest",
                            "TaskingCapabilities", "Tasks", "Actuators"})


def resolves_as_named(key: str, body: object) -> bool:
    """Whether the body a navigation link ``key`` (``<Name>@iot.navigationLink``) answered is what
    it names: a collection (``{"value": [...]}``) for a set, an entity (with ``@iot.id``) for one."""
    if not isinstance(body, dict):
        return False
    if key.removesuffix("@iot.navigationLink") in SET_NAVIGATION:
        return isinstance(body.get("value"), list)
    return "@iot.id" in body


def navigation_links(entity: JsonObject) -> list[tuple[str, str]]:
    return [(key, value) for key, value in sorted(entity.items())
            if key.endswith("@iot.navigationLink") and isinstance(value, str)]


def parse_time(text: object) -> datetime | None:
    """An RFC 3339 instant (SensorThings 1.1 encodes a "TM_Instant" so), or None. The RFC 3339
    form is checked first: ``datetime.fromisoformat`` also reads ISO 8601 forms RFC 3339 does not
    allow (basic format, week dates, no seconds), which SC-FEED-002's statement refuses."""
    return rfc3339_instant(text)


def time_problem(value: object) -> tuple[datetime | None, bool]:
    """(the end of a phenomenonTime instant or ``start/end`` interval, whether it is well-formed)."""
    if isinstance(value, str) and value.count("/") == 1:
        start, end = (parse_time(part) for part in value.split("/"))
        return end, start is not None and end is not None and start <= end
    moment = parse_time(value)
    return moment, moment is not None


def result_problem(observation_type: object, result: object) -> str | None:
    """The JSON type ``result`` has to have for the observationType, when it does not have it."""
    wanted = RESULT_TYPES.get(observation_type) if isinstance(observation_type, str) else None
    ok = {"uri": lambda v: isinstance(v, str) and ":" in v,
          "integer": is_integer,  # 15.0 too, as JSON Schema counts it
          "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
          "boolean": lambda v: isinstance(v, bool), "any": lambda v: True}
    if wanted is None or ok[wanted](result):
        return None
    return wanted
