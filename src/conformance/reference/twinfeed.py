"""Reference routes of a digital twin's live data feed: a read-only OGC SensorThings API 1.1 service.

* ``GET /sta/v1.1``: the service root, naming the entity sets (Things, Locations, Datastreams,
  Observations) with their URLs.
* ``GET /sta/v1.1/<Set>``, ``/<Set>(<id>)`` and ``/<Set>(<id>)/<Navigation>``: entities with
  ``@iot.id``, ``@iot.selfLink`` and ``<Navigation>@iot.navigationLink``; collections as
  ``{"value": [...]}`` with ``$top`` (and ``@iot.nextLink`` when more are left) and ``$orderby``
  of ``phenomenonTime`` (``asc`` or ``desc``) on observations.

One Thing (the pavilion of the sample tileset) has one Location and two Datastreams: air
temperature (OM_Measurement, degree Celsius) and occupancy (OM_CountObservation). Observations
are made at request time minus a few seconds, so the feed is always fresh unless a defect ages it.

Tasking (SensorThings API Part 2 - Tasking Core, OGC 17-079r1): the pavilion's ventilation fan is
an Actuator with one TaskingCapability whose taskingParameters are a SWE Common DataRecord
(``mode``: a Category of off / low / high; ``duration``: a Quantity in seconds, 0 to 3600).
``POST /sta/v1.1/Tasks`` creates a Task (201 and its URL in ``Location``) when its parameters
keep that description and refuses it (400) otherwise; the app keeps at most ``MAX_TASKS`` tasks.

Streaming (OGC 18-088 §14, SensorThings MQTT Extension): while the app is served, its broker
(:mod:`.twinmqtt`) runs on 127.0.0.1 and the root's ``serverSettings`` names it under the
create-observations-via-mqtt requirement class. ``POST /sta/v1.1/Observations`` creates an
Observation (201 and ``Location``) and publishes it, as GET returns it, on
``v1.1/Datastreams(<id>)/Observations`` (and only the selected properties on that topic with
``?$select=a,b``, when a client subscribed to it); a client's PUBLISH of an Observation on that topic creates
one the same way. The app keeps at most ``MAX_POSTED`` created Observations.
``PATCH /sta/v1.1/Things(1)`` updates the Thing's name, description or properties (200 and the
entity) and publishes it, as GET returns it, on its entity topic ``v1.1/Things(1)`` and each
changed property, as an object of that property alone, on ``v1.1/Things(1)/<property>``
(OGC 18-088 §14.2.2 and §14.2.3).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import clock as reference_clock
from .problems import Refused, json_object, problem
from .twinmqtt import MqttSide

ROOT = "/sta/v1.1"
OM = "http://www.opengis.net/def/observationType/OGC-OM/2.0/"

DEFECTS: dict[str, str] = {
    "feed-root-missing-set": "the SensorThings service root does not name the Observations entity set",
    "feed-no-selflink": "Things carry no @iot.selfLink",
    "feed-set-url-broken": "the service root gives the Locations set a URL that leads to a 404",
    "feed-broken-navigation": "a Datastream's Thing navigation link leads to a 404",
    "feed-navigation-collection": "a Datastream's Thing navigation link answers a collection holding the Thing, "
                                  "not the Thing",
    "feed-no-unit": "the temperature Datastream has no unitOfMeasurement",
    "feed-unknown-observation-type": "the occupancy Datastream names an observationType outside O&M 2.0's list",
    "feed-bad-phenomenon-time": "the temperature Datastream's observations give phenomenonTime in a local, "
                                "zone-less form",
    "feed-result-as-string": "temperature observations give their numeric result as a string",
    "feed-stale": "the newest observation is two hours old",
    "feed-orderby-refused": "Observations asked for with $orderby=phenomenonTime are answered 500, not a collection",
    "tasking-no-parameters-description": "the fan's TaskingCapability gives taskingParameters as a bare name-to-type "
                                         "map, not a SWE Common DataRecord",
    "tasking-task-not-stored": "a created Task's Location leads to a 404",
    "tasking-capabilities-url-broken": "the service root gives the TaskingCapabilities set a URL that leads to a 404",
    "tasking-accepts-invalid": "Tasks whose parameters break the TaskingCapability's description are accepted",
    "mqtt-not-declared": "the service root names the MQTT requirement classes but gives no MQTT endpoint",
    "mqtt-no-delivery": "a created Observation is never published over MQTT",
    "mqtt-wrong-topic": "a created Observation is published on v1.1/Datastream(<id>)/Observations (singular)",
    "mqtt-wrong-payload": "a created Observation is published with its numeric result as a string",
    "mqtt-create-ignored": "Observations published over MQTT are not created",
    "mqtt-select-ignored": "a subscriber to a ?$select= topic gets the whole Observation, not the selected properties",
    "mqtt-no-entity-update": "a Thing updated over HTTP PATCH is not published on its entity topic v1.1/Things(<id>)",
    "mqtt-property-whole-entity": "a subscriber to a property topic v1.1/Things(<id>)/<property> gets the whole Thing",
}
#: OGC 18-088 requirement classes of the MQTT extension, as a service root's serverSettings names them
MQTT_CREATE = "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation"
MQTT_RECEIVE = "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates"
MAX_POSTED = 100  # created Observations the reference keeps (the oldest go first); a bound, not a requirement
MAX_TASKS = 100  # tasks the reference keeps (the oldest go first); a bound, not a requirement
MODES = ["off", "low", "high"]
#: the Thing's members PATCH may change, with their JSON types
PATCHABLE: dict[str, type] = {"name": str, "description": str, "properties": dict}
MAX_PATCHED_TEXT = 1000  # the longest name or description the reference keeps; a bound, not a requirement

NAVIGATION = {"Things": ["Locations", "Datastreams", "TaskingCapabilities"], "Locations": ["Things"],
              "Datastreams": ["Thing", "Observations"], "Observations": ["Datastream"],
              "Actuators": ["TaskingCapabilities"], "TaskingCapabilities": ["Thing", "Actuator", "Tasks"],
              "Tasks": ["TaskingCapability"]}
#: navigation properties naming one entity
SINGLE = {"Thing": "Things", "Datastream": "Datastreams", "Actuator": "Actuators",
          "TaskingCapability": "TaskingCapabilities"}
_PATH = re.compile(r"^(?P<set>Things|Locations|Datastreams|Observations|Actuators|TaskingCapabilities|Tasks)"
                   r"(?:\((?P<id>\d+)\))?(?:/(?P<nav>\w+))?$")


def _tasking_parameters(planted: frozenset[str]) -> dict[str, Any]:
    """The fan's parameters as a SWE Common 2.0 DataRecord in its JSON encoding."""
    if "tasking-no-parameters-description" in planted:
        return {"mode": "string", "duration": "number"}
    return {"type": "DataRecord", "field": [
        {"name": "mode", "label": "Fan mode", "description": "how fast the fan turns",
         "definition": "http://example.org/def/fan-mode", "type": "Category",
         "constraint": {"type": "AllowedTokens", "value": MODES}},
        {"name": "duration", "label": "Duration", "description": "how long the mode holds",
         "definition": "http://example.org/def/duration", "type": "Quantity",
         "uom": {"code": "s"}, "constraint": {"type": "AllowedValues", "interval": [[0, 3600]]}},
    ]}


def _task_problem(body: dict[str, Any]) -> str | None:
    """Why a posted Task is refused: its capability or its parameters (the reference's own check)."""
    capability = body.get("TaskingCapability")
    if not (isinstance(capability, dict) and capability.get("@iot.id") == 1):
        return "a Task names its TaskingCapability as {\"@iot.id\": 1}"
    values = body.get("taskingParameters")
    if not isinstance(values, dict) or set(values) != {"mode", "duration"}:
        return "taskingParameters gives exactly mode and duration"
    duration = values["duration"]
    if values["mode"] not in MODES:
        return f"mode is one of {MODES}"
    if isinstance(duration, bool) or not isinstance(duration, int | float) or not 0 <= duration <= 3600:
        return "duration is a number of seconds from 0 to 3600"
    return None


Clock = Callable[[], datetime]


def _wall_clock() -> datetime:
    """The app's clock (reference/clock.py): what a request, or the app's construction, reads."""
    return reference_clock.now()


def _observed(body: dict[str, Any]) -> datetime:
    """An observation's phenomenonTime (one that does not parse: the earliest time)."""
    try:
        when = datetime.fromisoformat(str(body.get("phenomenonTime")).split("/")[0])
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _entities(planted: frozenset[str], now: datetime, tasks: dict[int, dict[str, Any]] | None = None,
              posted: dict[int, dict[str, Any]] | None = None) -> dict[str, dict[int, dict[str, Any]]]:
    age = timedelta(hours=2) if "feed-stale" in planted else timedelta(0)
    things = {1: {"name": "People's Square pavilion", "description": "the pavilion of the sample city tileset"}}
    locations = {1: {"name": "People's Square", "description": "WGS 84", "encodingType": "application/geo+json",
                     "location": {"type": "Point", "coordinates": [121.4737, 31.2304]}}}
    temperature: dict[str, Any] = {"name": "air temperature", "description": "air temperature in the pavilion",
                                   "observationType": OM + "OM_Measurement",
                                   "unitOfMeasurement": {"name": "degree Celsius", "symbol": "Cel",
                                                         "definition": "http://unitsofmeasure.org/ucum.html#para-30"}}
    if "feed-no-unit" in planted:
        del temperature["unitOfMeasurement"]
    occupancy = {"name": "occupancy", "description": "people in the pavilion",
                 "observationType": OM + ("OM_Headcount" if "feed-unknown-observation-type" in planted
                                          else "OM_CountObservation"),
                 "unitOfMeasurement": {"name": "person", "symbol": "{person}",
                                       "definition": "http://unitsofmeasure.org/ucum.html#para-23"}}
    observations: dict[int, dict[str, Any]] = {}
    for stream, values in ((1, [21.5, 21.75, 22.0]), (2, [12, 15, 14])):
        for index, value in enumerate(values):
            made = now - age - timedelta(seconds=10 + 60 * (len(values) - 1 - index))
            stamp = (made.strftime("%Y-%m-%dT%H:%M:%S") if stream == 1 and "feed-bad-phenomenon-time" in planted
                     else made.isoformat(timespec="seconds").replace("+00:00", "Z"))
            result: Any = str(value) if stream == 1 and "feed-result-as-string" in planted else value
            observations[stream * 100 + index] = {"phenomenonTime": stamp, "resultTime": stamp, "result": result,
                                                  "_stream": stream}
    observations.update(posted or {})
    actuators = {1: {"name": "ventilation fan", "description": "the pavilion's ventilation fan",
                     "encodingType": "application/json", "metadata": {"maker": "reference"}}}
    capabilities = {1: {"name": "fan control", "description": "set the fan's mode for a while",
                        "properties": {}, "taskingParameters": _tasking_parameters(planted)}}
    return {"Things": things, "Locations": locations, "Datastreams": {1: temperature, 2: occupancy},
            "Observations": observations, "Actuators": actuators, "TaskingCapabilities": capabilities,
            "Tasks": dict(tasks or {})}


def _related(kind: str, key: int, nav: str, data: dict[str, dict[int, dict[str, Any]]]) -> tuple[str, list[int]]:
    """(entity set, ids) a navigation property leads to."""
    if nav in ("TaskingCapabilities", "TaskingCapability", "Actuator"):
        return ("Actuators" if nav == "Actuator" else "TaskingCapabilities"), [1]
    if nav == "Tasks":
        return "Tasks", sorted(data["Tasks"])
    if nav in ("Thing", "Things"):
        return "Things", [1]
    if nav == "Locations":
        return "Locations", [1]
    if nav == "Datastreams":
        return "Datastreams", sorted(data["Datastreams"])
    if nav == "Datastream":
        return "Datastreams", [data["Observations"][key]["_stream"]]
    return "Observations", sorted(k for k, o in data["Observations"].items() if o["_stream"] == key)


def _entity(base: str, kind: str, key: int, body: dict[str, Any], planted: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"@iot.id": key}
    if not (kind == "Things" and "feed-no-selflink" in planted):
        out["@iot.selfLink"] = f"{base}/{kind}({key})"
    out.update({k: v for k, v in body.items() if not k.startswith("_")})
    for nav in NAVIGATION[kind]:
        target = f"{base}/{kind}({key})/{nav}"
        if kind == "Datastreams" and nav == "Thing" and "feed-broken-navigation" in planted:
            target = f"{base}/{kind}({key})/Owner"
        out[f"{nav}@iot.navigationLink"] = target
    return out


def _collection(request: Request, base: str, kind: str, ids: list[int], data: dict[str, Any],
                planted: frozenset[str]) -> Response:
    items = [(key, data[kind][key]) for key in ids]
    order = request.query_params.get("$orderby", "")
    if kind == "Observations" and order.startswith("phenomenonTime") and "feed-orderby-refused" in planted:
        return problem(500, "Internal Server Error", "phenomenonTime cannot be ordered", defects=planted)
    if kind == "Observations" and order.startswith("phenomenonTime"):
        # by the time observed, not by id: an observation posted by an earlier run is older
        # than the seeded ones of now, however high its id
        items.sort(key=lambda item: (_observed(item[1]), item[0]), reverse=order.endswith("desc"))
    try:
        top = max(0, min(int(request.query_params.get("$top", "100")), 100))
        skip = max(0, int(request.query_params.get("$skip", "0")))
    except ValueError:
        return problem(400, "Bad Request", "$top and $skip are integers", kind="invalid-query", defects=planted)
    chosen = items[skip:skip + top]
    page: dict[str, Any] = {"value": [_entity(base, kind, key, body, planted) for key, body in chosen]}
    if skip + top < len(items):
        here = str(request.url).split("?")[0]
        page["@iot.nextLink"] = f"{here}?$top={top}&$skip={skip + top}" + (f"&$orderby={order}" if order else "")
    return JSONResponse(page)


def _observation_problem(body: Any, streams: dict[int, dict[str, Any]]) -> str | None:
    """Why a posted Observation is refused (the reference's own check)."""
    if not isinstance(body, dict):
        return "an Observation is a JSON object"
    stream = body.get("Datastream")
    if not (isinstance(stream, dict) and stream.get("@iot.id") in streams):
        return f"an Observation names its Datastream as {{\"@iot.id\": n}}, n one of {sorted(streams)}"
    if not isinstance(body.get("phenomenonTime"), str) or "result" not in body:
        return "an Observation gives a phenomenonTime and a result"
    return None


class Observations:
    """Observations created over HTTP or MQTT, and their notifications over MQTT."""

    def __init__(self, planted: frozenset[str], side: MqttSide, clock: Clock = _wall_clock) -> None:
        self.planted, self.side, self.clock = planted, side, clock
        self.posted: dict[int, dict[str, Any]] = {}
        self.lock = threading.Lock()  # the broker's thread creates too
        self.counter = 999
        self.base = "http://127.0.0.1" + ROOT  # until a request shows the base URL clients use
        if "mqtt-create-ignored" not in planted:
            side.create = self.from_mqtt

    def create(self, body: dict[str, Any]) -> int | str:
        """The new Observation's id, or why it is refused."""
        reason = _observation_problem(body, _entities(self.planted, self.clock())["Datastreams"])
        if reason is not None:
            return reason
        stored = {"phenomenonTime": body["phenomenonTime"], "resultTime": body.get("resultTime"),
                  "result": body["result"], "_stream": body["Datastream"]["@iot.id"]}
        with self.lock:
            self.counter += 1
            key = self.counter
            self.posted[key] = stored
            while len(self.posted) > MAX_POSTED:
                del self.posted[min(self.posted)]
        self.notify(key, stored)
        return key

    def from_mqtt(self, stream: int, data: bytes) -> None:
        try:
            body = json.loads(data)
        except ValueError:
            return
        if isinstance(body, dict):
            self.create({**body, "Datastream": {"@iot.id": stream}})

    def notify(self, key: int, stored: dict[str, Any]) -> None:
        if "mqtt-no-delivery" in self.planted:
            return
        entity = _entity(self.base, "Observations", key, stored, self.planted)
        if "mqtt-wrong-payload" in self.planted:
            entity["result"] = str(entity["result"])
        noun = "Datastream" if "mqtt-wrong-topic" in self.planted else "Datastreams"
        topics = (f"v1.1/{noun}({stored['_stream']})/Observations", "v1.1/Observations")

        def messages(subscribed: list[str]) -> list[tuple[str, bytes]]:
            out = [(topic, json.dumps(entity).encode()) for topic in topics]
            for topic in subscribed:  # OGC 18-088 §14: an entity set with $select
                path, _, query = topic.partition("?$select=")
                if query and path in topics:
                    chosen = entity if "mqtt-select-ignored" in self.planted else {
                        name: entity[name] for name in (n.strip() for n in query.split(",")) if name in entity}
                    out.append((topic, json.dumps(chosen).encode()))
            return out

        self.side.publish(messages)

    def notify_update(self, key: int, body: dict[str, Any], changed: list[str]) -> None:
        """Publish an updated Thing on its entity topic and each changed property on its property topic."""
        entity = _entity(self.base, "Things", key, body, self.planted)
        topic = f"v1.1/Things({key})"
        out = [] if "mqtt-no-entity-update" in self.planted else [(topic, json.dumps(entity).encode())]
        for name in changed:
            alone = entity if "mqtt-property-whole-entity" in self.planted else {name: entity[name]}
            out.append((f"{topic}/{name}", json.dumps(alone).encode()))
        self.side.publish(lambda subscribed: out)

    def server_settings(self) -> dict[str, Any]:
        conformance = ["http://www.opengis.net/spec/iot_sensing/1.1/req/core"]
        settings: dict[str, Any] = {"conformance": conformance}
        if self.side.endpoint is not None:
            conformance += [MQTT_CREATE, MQTT_RECEIVE]
            if "mqtt-not-declared" not in self.planted:
                settings[MQTT_CREATE] = {"endpoints": [self.side.endpoint]}
        return settings


def _thing_patch_problem(body: dict[str, Any]) -> str | None:
    """Why a PATCH of the Thing is refused (the reference's own check: the members it may change)."""
    if not body or not set(body) <= set(PATCHABLE):
        return f"a PATCH of the Thing changes some of {list(PATCHABLE)} and nothing else"
    if any(not isinstance(body[name], PATCHABLE[name]) for name in body):
        return "name and description are strings, properties an object"
    if any(len(value) > MAX_PATCHED_TEXT for value in body.values() if isinstance(value, str)):
        return f"name and description are at most {MAX_PATCHED_TEXT} characters"
    return None


def routes(planted: frozenset[str], side: MqttSide | None = None, clock: Clock = _wall_clock) -> list[Route]:
    """The feed's routes; ``clock`` is its time (the seeded observations are as old against
    it, whenever it is asked: a reference served for days stays conformant)."""
    tasks: dict[int, dict[str, Any]] = {}
    thing_edits: dict[str, Any] = {}  # what PATCH changed on Things(1); GET and notifications apply it
    counter = [0]
    observations = Observations(planted, side or MqttSide(), clock)

    async def create_observation(request: Request) -> Response:
        try:
            body = await json_object(request)
        except Refused as refused:
            return problem(refused.status, refused.title, refused.detail, kind="invalid-request", defects=planted)
        base = str(request.base_url).rstrip("/") + ROOT
        observations.base = base
        key = observations.create(body)
        if isinstance(key, str):
            return problem(400, "Bad Request", key, kind="invalid-observation", defects=planted)
        location = f"{base}/Observations({key})"
        return JSONResponse(_entity(base, "Observations", key, observations.posted[key], planted), status_code=201,
                            headers={"Location": location})

    async def create_task(request: Request) -> Response:
        try:
            body = await json_object(request)
        except Refused as refused:
            return problem(refused.status, refused.title, refused.detail, kind="invalid-request", defects=planted)
        reason = None if "tasking-accepts-invalid" in planted else _task_problem(body)
        if reason is not None:
            return problem(400, "Bad Request", reason, kind="invalid-task", defects=planted)
        counter[0] += 1
        key = counter[0]
        if "tasking-task-not-stored" not in planted:
            tasks[key] = {"taskingParameters": body.get("taskingParameters"),
                          "creationTime": clock().isoformat(timespec="seconds").replace("+00:00", "Z")}
            while len(tasks) > MAX_TASKS:
                del tasks[min(tasks)]
        base = str(request.base_url).rstrip("/") + ROOT
        location = f"{base}/Tasks({key})"
        return JSONResponse({"@iot.id": key, "@iot.selfLink": location, **tasks.get(key, {})}, status_code=201,
                            headers={"Location": location})

    async def root(request: Request) -> Response:
        base = str(request.base_url).rstrip("/") + ROOT
        names = [n for n in NAVIGATION if not (n == "Observations" and "feed-root-missing-set" in planted)]
        observations.base = base
        broken = {n for n, defect in (("Locations", "feed-set-url-broken"),
                                      ("TaskingCapabilities", "tasking-capabilities-url-broken")) if defect in planted}
        # a broken set URL: the singular name, which no resource path answers
        return JSONResponse({"value": [{"name": n, "url": f"{base}/{n[:-1] if n in broken else n}"} for n in names],
                             "serverSettings": observations.server_settings()})

    async def resource(request: Request) -> Response:
        base = str(request.base_url).rstrip("/") + ROOT
        match = _PATH.match(request.path_params["rest"])
        with observations.lock:
            posted = dict(observations.posted)
        data = _entities(planted, clock(), tasks, posted)
        data["Things"][1].update(thing_edits)
        if match is None:
            return problem(404, "Not Found", f"no resource {request.url.path}", kind="not-found", defects=planted)
        kind, key, nav = match["set"], match["id"], match["nav"]
        if key is None:
            if nav is not None:
                return problem(404, "Not Found", "navigation needs an entity", kind="not-found", defects=planted)
            return _collection(request, base, kind, sorted(data[kind]), data, planted)
        number = int(key)
        if number not in data[kind]:
            return problem(404, "Not Found", f"no {kind}({number})", kind="not-found", defects=planted)
        if nav is None:
            return JSONResponse(_entity(base, kind, number, data[kind][number], planted))
        if nav not in NAVIGATION[kind]:
            return problem(404, "Not Found", f"{kind} has no {nav}", kind="not-found", defects=planted)
        target, ids = _related(kind, number, nav, data)
        if nav in SINGLE and not (kind == "Datastreams" and "feed-navigation-collection" in planted):
            return JSONResponse(_entity(base, target, ids[0], data[target][ids[0]], planted))
        return _collection(request, base, target, ids, data, planted)

    async def update(request: Request) -> Response:
        base = str(request.base_url).rstrip("/") + ROOT
        match = _PATH.match(request.path_params["rest"])
        if match is None or match["set"] != "Things" or match["id"] is None or match["nav"] is not None:
            return problem(405, "Method Not Allowed", "only a Thing can be updated", kind="not-allowed",
                           defects=planted)
        key = int(match["id"])
        if key != 1:
            return problem(404, "Not Found", f"no Things({key})", kind="not-found", defects=planted)
        try:
            body = await json_object(request)
        except Refused as refused:
            return problem(refused.status, refused.title, refused.detail, kind="invalid-request", defects=planted)
        reason = _thing_patch_problem(body)
        if reason is not None:
            return problem(400, "Bad Request", reason, kind="invalid-update", defects=planted)
        with observations.lock:
            thing_edits.update(body)
            thing = {**_entities(planted, clock())["Things"][key], **thing_edits}
        observations.base = base
        observations.notify_update(key, thing, sorted(body))
        return JSONResponse(_entity(base, "Things", key, thing, planted))

    return [Route(ROOT, root, methods=["GET"]), Route(ROOT + "/Tasks", create_task, methods=["POST"]),
            Route(ROOT + "/Observations", create_observation, methods=["POST"]),
            Route(ROOT + "/{rest:path}", resource, methods=["GET"]),
            Route(ROOT + "/{rest:path}", update, methods=["PATCH"])]
