"""A digital twin's live data feed streamed over MQTT (OGC 18-088 §14, SensorThings MQTT
Extension): a created Observation is delivered to a subscriber of its Datastream's topic as GET
returns it (and with only the selected properties on the topic with ``?$select=``), and an
Observation published on that topic is created."""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime

import pytest

from conformance import Inconclusive, msg
from conformance.areas.scenes import feed
from conformance.areas.scenes import mqtt as mq

MQTT_CREATE = "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation"
MQTT_RECEIVE = "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates"
LINK_SUFFIXES = ("@iot.selfLink", "@iot.navigationLink")
SELECTED = ("result", "phenomenonTime")  # the properties asked for on the $select topic


def _service(api, evidence, requirement_class):
    """(entity-set URLs, broker host and port, endpoint) the service root declares; a finding and
    None when it does not declare the requirement class and an mqtt:// endpoint."""
    status, root = feed.get_json(api, feed.ROOT)
    if status != 200 or not isinstance(root, dict):
        evidence.finding(msg("scenes.feed-root", path=feed.ROOT), file=f"GET {feed.ROOT}", expected=200,
                         actual=status, rule="declared")
        return None
    sets = root.get("value") if isinstance(root.get("value"), list) else []
    urls = {item["name"]: item["url"] for item in sets
            if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("url"), str)}
    settings = root.get("serverSettings") if isinstance(root.get("serverSettings"), dict) else {}
    conformance = settings.get("conformance") if isinstance(settings.get("conformance"), list) else []
    endpoints = [e for key in (MQTT_CREATE, MQTT_RECEIVE) if isinstance(settings.get(key), dict)
                 and isinstance(settings[key].get("endpoints"), list)
                 for e in settings[key]["endpoints"] if isinstance(e, str)]
    usable = [(e, mq.endpoint(e)) for e in endpoints[:8] if mq.endpoint(e) is not None]
    if requirement_class in conformance and endpoints and not usable:  # e.g. only mqtts:// or ws://
        raise Inconclusive(msg("scenes.mqtt-no-plain-endpoint", endpoints=", ".join(endpoints[:8])))
    if requirement_class not in conformance or not usable:
        evidence.finding(msg("scenes.mqtt-not-declared", cls=requirement_class), file=f"GET {feed.ROOT}",
                         pointer="/serverSettings", expected={"conformance": requirement_class,
                                                              MQTT_CREATE: {"endpoints": ["mqtt://host:port"]}},
                         actual={"conformance": conformance[:20], "endpoints": endpoints[:8]}, rule="declared")
        return None
    return urls, usable[0]


def _datastream(api, urls, evidence):
    """(where, Datastream) of the first Datastream with an integer or string @iot.id."""
    for where, stream in feed.collection(api, urls.get("Datastreams", feed.ROOT + "/Datastreams"), evidence):
        if isinstance(stream.get("@iot.id"), int | str) and not isinstance(stream.get("@iot.id"), bool):
            return where, stream
    raise Inconclusive(msg("scenes.feed-no-datastreams"))


def _topic(stream):
    key = stream["@iot.id"]  # a string id is quoted as in a resource path, ' doubled
    quoted = str(key) if isinstance(key, int) else "'" + str(key).replace("'", "''") + "'"
    return f"v1.1/Datastreams({quoted})/Observations"


def _observation(stream):
    """A new Observation for ``stream``: now, with a result of its observationType's JSON type."""
    kind = stream.get("observationType")
    value = {"uri": "http://example.org/category/" + str(random.randrange(10**6)),  # noqa: S311 - a marker
             "integer": random.randrange(10**6), "boolean": True}.get(  # noqa: S311
        feed.RESULT_TYPES.get(kind, "number") if isinstance(kind, str) else "number",
        round(random.uniform(-40, 60), 3))  # noqa: S311
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return {"phenomenonTime": now, "resultTime": now, "result": value}


def _broker_finding(evidence, error, where, rule):
    evidence.finding(msg("scenes.mqtt-broker", kind=error.kind, detail=error.detail), file=where,
                     expected="an MQTT 3.1.1 broker answering within the delivery time", actual=error.kind, rule=rule)


@pytest.mark.requirement("SC-FEED-005")
def test_created_observations_are_delivered_over_mqtt(targets, evidence, params):
    api = targets["api"]
    seconds = params.mqtt_delivery_seconds
    declared = _service(api, evidence, MQTT_RECEIVE)
    if declared is None:
        return
    urls, (url, (host, port)) = declared
    where, stream = _datastream(api, urls, evidence)
    topic = _topic(stream)
    select = f"{topic}?$select={','.join(SELECTED)}"
    broker = f"MQTT {url}"
    try:
        with mq.Client(host, port, timeout=seconds) as client:
            granted = client.subscribe([topic, select, "v1.1/#"])
            for asked, code, rule in ((topic, granted[0], "delivered"), (select, granted[1], "select")):
                if code & 0x80:
                    evidence.finding(msg("scenes.mqtt-subscribe-refused", topic=asked), file=broker,
                                     expected="SUBACK granting QoS 0", actual=f"0x{code:02x}", rule=rule)
            if granted[0] & 0x80:
                return
            body = {**_observation(stream), "Datastream": {"@iot.id": stream["@iot.id"]}}
            response = api.post(urls.get("Observations", feed.ROOT + "/Observations"), json=body,
                                headers={"Accept": "application/json"})
            location = response.headers.get("location")
            if response.status != 201 or not location:
                raise Inconclusive(msg("scenes.mqtt-not-created-over-http", status=response.status))
            status, entity = feed.get_json(api, location)
            if status != 200 or not isinstance(entity, dict) or "@iot.id" not in entity:
                raise Inconclusive(msg("scenes.mqtt-not-created-over-http", status=status))
            key = entity["@iot.id"]

            def carries(message):
                payload = _json(message.payload)
                return isinstance(payload, dict) and payload.get("@iot.id") == key and message.topic == topic

            deadline = time.monotonic() + seconds
            delivered = client.wait(carries, seconds)

            def projects(message):
                payload = _json(message.payload)
                return message.topic == select and isinstance(payload, dict) and (
                    payload.get("@iot.id") == key or payload.get("result", ...) == entity.get("result"))

            projected = None if granted[1] & 0x80 else client.wait(projects, max(0.0, deadline - time.monotonic()))
            others = list(client.messages)
    except mq.MqttError as error:
        _broker_finding(evidence, error, broker, "delivered")
        return
    if not granted[1] & 0x80:
        _judge_selection(evidence, broker, select, projected, entity)
    if delivered is None:
        elsewhere = sorted({m.topic for m in others if _mentions(m.payload, key)})
        evidence.finding(msg("scenes.mqtt-not-delivered", topic=topic, seconds=seconds,
                             elsewhere=", ".join(elsewhere) or "-"), file=broker, pointer=topic,
                         expected=f"PUBLISH on {topic} with @iot.id {key}", actual={
                             "topics seen": sorted({m.topic for m in others})[:10], "carrying it": elsewhere[:10]},
                         rule="delivered")
        return
    payload = _json(delivered.payload)
    differing = sorted(k for k in set(payload) | set(entity) if not k.endswith(LINK_SUFFIXES)
                       and payload.get(k, ...) != entity.get(k, ...))
    if differing:
        evidence.finding(msg("scenes.mqtt-payload", topic=topic, members=", ".join(differing[:10])), file=broker,
                         pointer=topic, expected={k: entity.get(k) for k in differing[:10]},
                         actual={k: payload.get(k) for k in differing[:10]}, rule="payload")
        return
    evidence.note(msg("scenes.mqtt-delivered", topic=topic, id=str(key)), file=broker)


def _judge_selection(evidence, broker, select, projected, entity):
    """R4: on the ``$select`` topic, the new Observation with the selected properties only."""
    wanted = {name: entity.get(name) for name in SELECTED}
    if projected is None:
        evidence.finding(msg("scenes.mqtt-select-not-delivered", topic=select), file=broker, pointer=select,
                         expected=wanted, actual=None, rule="select")
        return
    payload = _json(projected.payload)
    if payload != wanted:
        evidence.finding(msg("scenes.mqtt-select-payload", topic=select,
                             members=", ".join(sorted(set(payload) ^ set(SELECTED))[:10]) or "values"),
                         file=broker, pointer=select, expected=wanted,
                         actual={k: payload[k] for k in sorted(payload)[:12]}, rule="select")


def _json(data):
    try:
        return json.loads(data)
    except ValueError:
        return None


def _mentions(payload, key):
    body = _json(payload)
    return isinstance(body, dict) and body.get("@iot.id") == key


@pytest.mark.requirement("SC-FEED-006")
def test_observations_published_over_mqtt_are_created(targets, evidence, params):
    api = targets["api"]
    seconds = params.mqtt_delivery_seconds
    declared = _service(api, evidence, MQTT_CREATE)
    if declared is None:
        return
    urls, (url, (host, port)) = declared
    _, stream = _datastream(api, urls, evidence)
    topic = _topic(stream)
    body = _observation(stream)
    broker = f"MQTT {url}"
    try:
        with mq.Client(host, port, timeout=seconds) as client:
            client.publish(topic, json.dumps(body).encode())
    except mq.MqttError as error:
        _broker_finding(evidence, error, broker, "created")
        return
    link = stream.get("Observations@iot.navigationLink")
    if not isinstance(link, str):
        raise Inconclusive(msg("scenes.feed-no-datastreams"))
    query = f"{link}?$orderby=phenomenonTime%20desc&$top=20"
    wanted = feed.parse_time(body["phenomenonTime"])

    def created():
        _, page = feed.get_json(api, query)
        value = page.get("value") if isinstance(page, dict) else None
        return isinstance(value, list) and any(
            isinstance(o, dict) and o.get("result") == body["result"]
            and feed.parse_time(o.get("phenomenonTime")) == wanted for o in value[:20])

    found = mq.poll(created, seconds)
    if not found:
        evidence.finding(msg("scenes.mqtt-not-created", topic=topic, seconds=seconds), file=f"GET {query}",
                         expected={"result": body["result"], "phenomenonTime": body["phenomenonTime"]},
                         actual="not among the Datastream's 20 newest Observations", rule="created")
        return
    evidence.note(msg("scenes.mqtt-created", topic=topic), file=f"GET {query}")
