"""A digital twin's live data feed streamed over MQTT (OGC 18-088 §14, SensorThings MQTT
Extension): a created Observation is delivered to a subscriber of its Datastream's topic as GET
returns it (and with only the selected properties on the topic with ``?$select=``), an
Observation published on that topic is created, and a Thing updated over HTTP PATCH is delivered
on its entity topic as GET returns it and on a property topic as that property alone."""

from __future__ import annotations

import json
import random
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.area import default_trust
from conformance.areas._shared.dependent import needs, unreadable
from conformance.areas.scenes import feed
from conformance.areas.scenes import mqtt as mq
from conformance.areas.scenes.requestbodies import observation_request, update_request

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from conformance.area import JsonObject, JsonValue

MQTT_CREATE = "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation"
MQTT_RECEIVE = "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates"
LINK_SUFFIXES = ("@iot.selfLink", "@iot.navigationLink")
SELECTED = ("result", "phenomenonTime")  # the properties asked for on the $select topic


@dataclass(frozen=True)
class _Broker:
    """What a service root declares for MQTT: its entity-set URLs and the first endpoint of a transport
    MQTT 3.1.1 runs over (TCP, TLS, WebSocket), with the TLS trust of the HTTP exchanges."""

    urls: dict[str, str]
    endpoint: mq.Endpoint
    trust: ssl.SSLContext | None

    @property
    def where(self) -> str:
        """The broker as evidence names it."""
        return f"MQTT {self.endpoint.url}"

    def client(self, seconds: float) -> mq.Client:
        at = self.endpoint
        # an http service root gives no trust: the broker's TLS uses the default anchors clause 5.1 names
        # (twenty-fifth reading, row 22: this took the machine's own store, which 5.1 excludes)
        tls = (self.trust or default_trust()) if at.tls else None
        return mq.Client(at.host, at.port, timeout=seconds, tls=tls, websocket=at.url if at.websocket else None)


def _service(api: HttpTarget, evidence: Evidence, requirement_class: str) -> _Broker | None:
    """The _Broker the service root declares; a finding and None when it does not declare the
    requirement class and an MQTT endpoint (mqtt://, mqtts://, ws:// or wss://)."""
    status, root = feed.get_json(api, feed.ROOT)
    if status != 200 or not isinstance(root, dict):  # the root is SC-FEED-001's: what it declares is unread
        raise unreadable(msg("scenes.feed-root-read"), api.requested("GET", feed.ROOT), status, "SC-FEED-001")
    sets = root.get("value") if isinstance(root.get("value"), list) else []
    urls = {item["name"]: item["url"] for item in sets
            if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("url"), str)}
    settings = root.get("serverSettings") if isinstance(root.get("serverSettings"), dict) else {}
    conformance = settings.get("conformance") if isinstance(settings.get("conformance"), list) else []
    endpoints = [e for key in (MQTT_CREATE, MQTT_RECEIVE) if isinstance(settings.get(key), dict)
                 and isinstance(settings[key].get("endpoints"), list)
                 for e in settings[key]["endpoints"] if isinstance(e, str)]
    usable = [at for at in map(mq.endpoint, endpoints[:8]) if at is not None]
    if requirement_class not in conformance or not usable:
        evidence.finding(msg("scenes.mqtt-not-declared", cls=requirement_class), file=api.requested("GET", feed.ROOT),
                         pointer="/serverSettings", expected={"conformance": requirement_class,
                                                              MQTT_CREATE: {"endpoints": ["mqtt://host:port"]}},
                         actual={"conformance": conformance[:20], "endpoints": endpoints[:8]}, rule="R1")
        return None
    return _Broker(urls, usable[0], api.tls_context())


def _datastream(api: HttpTarget, urls: dict[str, str], evidence: Evidence) -> feed.Entity:
    """(where, Datastream) of the first Datastream with an integer or string @iot.id."""
    with needs(msg("scenes.feed-datastreams-read"), "SC-FEED-001"):
        streams = feed.collection(api, urls.get("Datastreams", feed.ROOT + "/Datastreams"), evidence)
    for where, stream in streams:
        if _usable_id(stream.get("@iot.id")):
            return where, stream
    raise Inconclusive(msg("scenes.feed-no-datastreams"))


def _usable_id(key: object) -> bool:
    """An @iot.id a resource path can name: an integer (not a boolean) or a string."""
    return isinstance(key, int | str) and not isinstance(key, bool)


def _quoted(key: object) -> str:
    """An @iot.id as a resource path writes it: a string quoted, ' doubled."""
    return str(key) if isinstance(key, int) else "'" + str(key).replace("'", "''") + "'"


def _topic(stream: JsonObject) -> str:
    return f"v1.1/Datastreams({_quoted(stream['@iot.id'])})/Observations"


def _observation(stream: JsonObject, linked: bool = True) -> JsonObject:
    """A new Observation for ``stream``: now, with a result of its observationType's JSON type
    (``linked``: naming the Datastream, for a create over HTTP)."""
    kind = stream.get("observationType")
    value = {"uri": "http://example.org/category/" + str(random.randrange(10**6)),  # noqa: S311 - a marker
             "integer": random.randrange(10**6), "boolean": True}.get(  # noqa: S311
        feed.RESULT_TYPES.get(kind, "number") if isinstance(kind, str) else "number",
        round(random.uniform(-40, 60), 3))  # noqa: S311
    return observation_request(value, stream["@iot.id"] if linked else None)


def _subscribe(client: mq.Client, evidence: Evidence, where: str, asked: list[tuple[str, str]]) -> list[int]:
    """Subscribe to each (topic, rule) of ``asked`` and to ``v1.1/#`` (to name a wrong topic in
    the evidence); a finding under its rule for each topic the broker refuses. The SUBACK codes."""
    granted = client.subscribe([topic for topic, _ in asked] + ["v1.1/#"])
    for (topic, rule), code in zip(asked, granted, strict=False):
        if code & 0x80:
            evidence.finding(msg("scenes.mqtt-subscribe-refused", topic=topic), file=where,
                             expected="SUBACK granting QoS 0", actual=f"0x{code:02x}", rule=rule)
    return granted


#: MqttError kinds before an MQTT session exists: no connection (refused, timed out, or a TLS chain clause 5.1's
#: anchors do not verify) or a CONNACK refusing the laboratory's client. No subscriber exists, so no delivery
#: can be observed: inconclusive, as an unreachable service root is (twenty-sixth reading, rows 3 and 4).
NOT_CONNECTED = ("unreachable", "tls", "refused")


def _broker_error(evidence: Evidence, error: mq.MqttError, where: str, rule: str) -> None:
    """A broker that could not be connected makes the test inconclusive (raised); a packet past 5.1's reading
    bound is not read, so what it held is unjudged (forty-first reading, c15: MQTT 3.1.1 allows it); one that broke
    off the session after it was made (garbage, a closed connection, silence) is a finding under ``rule``."""
    if error.kind == "oversized":
        evidence.unjudged(where, msg("scenes.mqtt-past-bound", detail=error.detail))
        return
    if error.kind in NOT_CONNECTED:
        raise Inconclusive(msg("scenes.mqtt-not-connected", where=where, kind=error.kind, detail=error.detail))
    evidence.finding(msg("scenes.mqtt-broker", kind=error.kind, detail=error.detail), file=where,
                     expected="an MQTT 3.1.1 broker answering within the delivery time", actual=error.kind, rule=rule)


@pytest.mark.requirement("SC-FEED-005")
def test_created_observations_are_delivered_over_mqtt(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    api = targets["api"]
    seconds = params.mqtt_delivery_seconds
    declared = _service(api, evidence, MQTT_RECEIVE)
    if declared is None:
        return
    urls, broker = declared.urls, declared.where
    where, stream = _datastream(api, urls, evidence)
    topic = _topic(stream)
    select = f"{topic}?$select={','.join(SELECTED)}"
    try:
        with declared.client(seconds) as client:
            granted = _subscribe(client, evidence, broker, [(topic, "R2"), (select, "R4")])
            if granted[0] & 0x80:
                return
            body = _observation(stream)
            response = api.post(urls.get("Observations", feed.ROOT + "/Observations"), json=body,
                                headers={"Accept": "application/json"})
            location = response.headers.get("location")
            if response.status != 201 or not location:
                raise Inconclusive(msg("scenes.mqtt-not-created-over-http", status=response.status))
            status, entity = feed.get_json(api, location)
            if status != 200 or not isinstance(entity, dict) or "@iot.id" not in entity:
                raise Inconclusive(msg("scenes.mqtt-not-created-over-http", status=status))
            key = entity["@iot.id"]

            def carries(message: mq.Message) -> bool:
                payload = _json(message.payload)
                return isinstance(payload, dict) and payload.get("@iot.id") == key and message.topic == topic

            def projects(message: mq.Message) -> bool:
                payload = _json(message.payload)
                return message.topic == select and isinstance(payload, dict) and (
                    payload.get("@iot.id") == key or payload.get("result", ...) == entity.get("result"))

            # one wait for both: each packet read is matched as it comes, none lost to the cap of the messages kept
            delivered, projected = client.wait_all([carries, None if granted[1] & 0x80 else projects], seconds)
            others = list(client.messages)
    except mq.MqttError as error:
        _broker_error(evidence, error, broker, "R2")
        return
    if not granted[1] & 0x80:
        _judge_selection(evidence, broker, select, projected, entity)
    if delivered is None:
        elsewhere = sorted({m.topic for m in others if _mentions(m.payload, key)})
        evidence.finding(msg("scenes.mqtt-not-delivered", topic=topic, seconds=seconds,
                             elsewhere=", ".join(elsewhere) or "-"), file=broker, pointer=topic,
                         expected=f"PUBLISH on {topic} with @iot.id {key}", actual={
                             "topics seen": sorted({m.topic for m in others})[:10], "carrying it": elsewhere[:10]},
                         rule="R2")
        return
    payload = _json(delivered.payload)
    differing = sorted(k for k in set(payload) | set(entity) if not k.endswith(LINK_SUFFIXES)
                       and payload.get(k, ...) != entity.get(k, ...))
    if differing:
        evidence.finding(msg("scenes.mqtt-payload", topic=topic, members=", ".join(differing[:10])), file=broker,
                         pointer=topic, expected={k: entity.get(k) for k in differing[:10]},
                         actual={k: payload.get(k) for k in differing[:10]}, rule="R3")
        return
    evidence.note(msg("scenes.mqtt-delivered", topic=topic, id=str(key)), file=broker)


def _judge_selection(evidence: Evidence, broker: str, select: str, projected: mq.Message | None,
                     entity: JsonObject) -> None:
    """R4: on the ``$select`` topic, the new Observation with the selected properties only."""
    wanted = {name: entity.get(name) for name in SELECTED}
    if projected is None:
        evidence.finding(msg("scenes.mqtt-select-not-delivered", topic=select), file=broker, pointer=select,
                         expected=wanted, actual=None, rule="R4")
        return
    payload = _json(projected.payload)
    if payload != wanted:
        evidence.finding(msg("scenes.mqtt-select-payload", topic=select,
                             members=", ".join(sorted(set(payload) ^ set(SELECTED))[:10]) or "values"),
                         file=broker, pointer=select, expected=wanted,
                         actual={k: payload[k] for k in sorted(payload)[:12]}, rule="R4")


def _json(data: bytes) -> JsonValue:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _mentions(payload: bytes, key: JsonValue) -> bool:
    body = _json(payload)
    return isinstance(body, dict) and body.get("@iot.id") == key


@pytest.mark.requirement("SC-FEED-006")
def test_observations_published_over_mqtt_are_created(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    api = targets["api"]
    seconds = params.mqtt_delivery_seconds
    declared = _service(api, evidence, MQTT_CREATE)
    if declared is None:
        return
    urls, broker = declared.urls, declared.where
    where, stream = _datastream(api, urls, evidence)
    topic = _topic(stream)
    body = _observation(stream, linked=False)
    try:
        with declared.client(seconds) as client:
            client.publish(topic, json.dumps(body).encode())
    except mq.MqttError as error:
        _broker_error(evidence, error, broker, "R2")
        return
    link = stream.get("Observations@iot.navigationLink")
    if not isinstance(link, str):  # step 5 reads the Observations at this link
        raise Inconclusive(msg("scenes.mqtt-no-observations-link", where=where))
    query = f"{link}?$orderby=phenomenonTime%20desc&$top=20"
    wanted = feed.parse_time(body["phenomenonTime"])
    seen: dict[str, object] = {"complete": False, "status": None}

    def created() -> bool:
        value, complete, seen["status"] = feed.observations(api, link, 20)
        seen["complete"] = seen["complete"] or complete
        return value is not None and any(
            o.get("result") == body["result"] and feed.parse_time(o.get("phenomenonTime")) == wanted for _, o in value)

    found = mq.poll(created, seconds)
    if not found and not seen["complete"]:  # its Observations could not all be read: SC-FEED-002 judges the query
        raise unreadable(msg("scenes.mqtt-observations", topic=topic), api.requested("GET", query), seen["status"],
                         "SC-FEED-002")
    if not found:
        evidence.finding(msg("scenes.mqtt-not-created", topic=topic, seconds=seconds), file=api.requested("GET", query),
                         expected={"result": body["result"], "phenomenonTime": body["phenomenonTime"]},
                         actual="not among the Datastream's 20 newest Observations", rule="R2")
        return
    evidence.note(msg("scenes.mqtt-created", topic=topic), file=api.requested("GET", query))


UPDATED = "description"  # the Thing's property the update test changes (a string every Thing has)
MAX_ORIGINAL = 400  # characters of the original description kept in the changed one; a bound on what is sent


def _thing(api: HttpTarget, urls: dict[str, str]) -> tuple[str, JsonObject]:
    """(URL, Thing) of the first Thing with an integer or string @iot.id and a string description
    (a missing or broken Things set is SC-FEED-001's to judge; here it only makes the test inconclusive)."""
    things = urls.get("Things", feed.ROOT + "/Things")
    _, page = feed.get_json(api, things)
    value = page.get("value") if isinstance(page, dict) else None
    for thing in (value if isinstance(value, list) else [])[:feed.MAX_ENTITIES]:
        key = thing.get("@iot.id") if isinstance(thing, dict) else None
        if _usable_id(key) and isinstance(thing.get(UPDATED), str):
            return f"{things}({_quoted(key)})", thing
    raise Inconclusive(msg("scenes.mqtt-no-thing", property=UPDATED))


def _patch(api: HttpTarget, here: str, value: JsonValue) -> int:
    return api.request("PATCH", here, json=update_request(UPDATED, value),
                       headers={"Accept": "application/json"}).status


@pytest.mark.requirement("SC-FEED-007")
def test_entity_and_property_updates_are_delivered_over_mqtt(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    api = targets["api"]
    seconds = params.mqtt_delivery_seconds
    declared = _service(api, evidence, MQTT_RECEIVE)
    if declared is None:
        return
    broker = declared.where
    here, thing = _thing(api, declared.urls)
    key, original = thing["@iot.id"], thing[UPDATED]
    entity_topic = f"v1.1/Things({_quoted(key)})"
    property_topic = f"{entity_topic}/{UPDATED}"
    changed = f"{original[:MAX_ORIGINAL]} (conformance check {random.randrange(10**6)})"  # noqa: S311 - a marker
    try:
        with declared.client(seconds) as client:
            granted = _subscribe(client, evidence, broker, [(entity_topic, "R2"), (property_topic, "R3")])
            if granted[0] & 0x80 and granted[1] & 0x80:
                return
            status = _patch(api, here, changed)
            if status not in (200, 204):
                raise Inconclusive(msg("scenes.mqtt-not-patched", status=status, url=here))
            try:  # the update changed the target: whatever happens next, PATCH the original back
                status, entity = feed.get_json(api, here)
                if status != 200 or not isinstance(entity, dict) or entity.get(UPDATED) != changed:
                    raise Inconclusive(msg("scenes.mqtt-not-patched", status=status, url=here))
                delivered, alone = client.wait_all([
                    None if granted[0] & 0x80 else (
                        lambda m: m.topic == entity_topic and _member(m.payload, UPDATED) == changed),
                    None if granted[1] & 0x80 else (lambda m: m.topic == property_topic)], seconds)
                others = list(client.messages)
            finally:
                _restore(api, evidence, here, original)
    except mq.MqttError as error:
        _broker_error(evidence, error, broker, "R2")
        return
    judged = [] if granted[0] & 0x80 else [_judge_entity(evidence, broker, entity_topic, delivered, entity, others,
                                                         changed, seconds)]
    if not granted[1] & 0x80:
        judged.append(_judge_property(evidence, broker, property_topic, alone, changed))
    if all(judged) and len(judged) == 2:
        evidence.note(msg("scenes.mqtt-updates-delivered", id=str(key), entity=entity_topic, property=property_topic),
                      file=broker)


def _member(payload: bytes, name: str) -> object:
    """The member ``name`` of a JSON object payload, else ``...`` (no such member, not an object)."""
    body = _json(payload)
    return body.get(name, ...) if isinstance(body, dict) else ...


def _restore(api: HttpTarget, evidence: Evidence, here: str, original: JsonValue) -> None:
    """PATCH the changed property back; say whether it worked (the target's state is the operator's)."""
    status = _patch(api, here, original)
    _, now = feed.get_json(api, here)
    restored = status in (200, 204) and isinstance(now, dict) and now.get(UPDATED) == original
    evidence.note(msg("scenes.mqtt-restored" if restored else "scenes.mqtt-not-restored", property=UPDATED,
                      url=here, status=status), file=api.requested("PATCH", here))


def _judge_entity(evidence: Evidence, broker: str, topic: str, delivered: mq.Message | None, entity: JsonObject,
                  others: list[mq.Message], changed: str, seconds: float) -> bool:
    """R2: the updated Thing on its entity topic, as GET returns it (links aside)."""
    if delivered is None:
        elsewhere = sorted({m.topic for m in others if changed in m.payload.decode("utf-8", "replace")})
        evidence.finding(msg("scenes.mqtt-update-not-delivered", topic=topic, seconds=seconds,
                             elsewhere=", ".join(elsewhere[:10]) or "-"), file=broker, pointer=topic,
                         expected=f"PUBLISH on {topic} with {UPDATED} {changed!r}",
                         actual={"topics seen": sorted({m.topic for m in others})[:10], "carrying it": elsewhere[:10]},
                         rule="R2")
        return False
    payload = _json(delivered.payload)
    differing = sorted(k for k in set(payload) | set(entity) if not k.endswith(LINK_SUFFIXES)
                       and payload.get(k, ...) != entity.get(k, ...))
    if differing:
        evidence.finding(msg("scenes.mqtt-update-payload", topic=topic, members=", ".join(differing[:10])),
                         file=broker, pointer=topic, expected={k: entity.get(k) for k in differing[:10]},
                         actual={k: payload.get(k) for k in differing[:10]}, rule="R2")
        return False
    return True


def _judge_property(evidence: Evidence, broker: str, topic: str, alone: mq.Message | None, changed: str) -> bool:

    """R3: on the property topic, an object of the updated property alone."""
    wanted = {UPDATED: changed}
    if alone is None:
        evidence.finding(msg("scenes.mqtt-property-not-delivered", topic=topic), file=broker, pointer=topic,
                         expected=wanted, actual=None, rule="R3")
        return False
    payload = _json(alone.payload)
    if payload != wanted:
        members = sorted(payload) if isinstance(payload, dict) else [type(payload).__name__]
        evidence.finding(msg("scenes.mqtt-property-payload", topic=topic, members=", ".join(members[:10])),
                         file=broker, pointer=topic, expected=wanted,
                         actual={k: payload[k] for k in members[:12]} if isinstance(payload, dict) else payload,
                         rule="R3")
        return False
    return True
