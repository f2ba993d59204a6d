"""The twin feed's MQTT streaming (SC-FEED-005/006, OGC 18-088 §14): the reference passes with
its broker started by serve() and stopped with it; the features gate the requirements; the
harness's MQTT client judges a hostile broker (garbage, an oversized packet, silence, a closed
connection) with evidence and never hangs."""

from __future__ import annotations

import socket
import ssl
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.adapters.deadline import verifying_context
from conformance.areas.scenes import mqtt as mq
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import reasons, serve_failing

MQTT_CREATE = "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation"
MQTT_RECEIVE = "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates"
FEED = ["SC-FEED-001", "SC-FEED-002", "SC-FEED-003", "SC-FEED-005", "SC-FEED-006", "SC-FEED-007"]


def _manifest(url, features, **parameters):
    profile = {"id": "scene-twin-feed", "features": features}
    if parameters:
        profile["parameters"] = parameters
    return {"product": {"name": "t", "version": "1"}, "profiles": [profile],
            "targets": {"api": {"adapter": "http", "base_url": url}}}


def _verdicts(result, ids=FEED):
    return {r.requirement: r.verdict.value for r in result.report.requirements if r.requirement in ids}


def test_the_reference_feed_streams_over_mqtt(serve_reference, run_manifest):
    url = serve_reference()
    result = run_manifest(_manifest(url, ["mqtt", "mqtt-create"]))
    assert _verdicts(result) == dict.fromkeys(FEED, "pass"), [r.message for r in result.report.requirements]


def test_without_the_features_mqtt_is_not_judged(serve_reference, run_manifest):
    url = serve_reference(defects=["mqtt-no-delivery", "mqtt-create-ignored"])
    result = run_manifest(_manifest(url, []))
    verdicts = _verdicts(result, ["SC-FEED-005", "SC-FEED-006"])
    assert verdicts == {"SC-FEED-005": "not_applicable", "SC-FEED-006": "not_applicable"}


def test_the_broker_starts_and_stops_with_the_server():
    app = create_app()
    assert app.state.mqtt.endpoint is None  # not served: no broker, and the root declares none
    with serve(app):
        at = mq.endpoint(app.state.mqtt.endpoint)
        host, port = at.host, at.port
        with mq.Client(host, port, timeout=5) as client:
            assert client.subscribe(["v1.1/#"]) == [0]
    assert app.state.mqtt.endpoint is None
    with pytest.raises(mq.MqttError) as raised:  # stopped with the server
        mq.Client(host, port, timeout=2)
    assert raised.value.kind in ("unreachable", "closed")


# --- a hostile broker: answers CONNECT as told, then misbehaves ---

CONNACK = bytes([0x20, 2, 0, 0])


def _topics(subscribe: bytes) -> int:
    """How many topic filters a SUBSCRIBE (one-byte Remaining Length) asks for."""
    at, count = 4, 0
    while at + 2 <= len(subscribe):
        at += 2 + struct.unpack("!H", subscribe[at:at + 2])[0] + 1
        count += 1
    return count


def _suback(packet_id: bytes, count: int) -> bytes:
    return bytes([0x90, 2 + count]) + packet_id + bytes(count)


@contextmanager
def hostile_broker(mode: str, tls: ssl.SSLContext | None = None) -> Iterator[tuple[str, int]]:
    """A broker answering as ``mode`` says; over TLS with ``tls`` (the server's context)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                if tls is not None:
                    conn = tls.wrap_socket(conn, server_side=True)
                conn.recv(1024)  # CONNECT
                if mode == "close":
                    return
                if mode == "refuse":
                    conn.sendall(bytes([0x20, 2, 0, 5]))
                    return
                if mode == "garbage-connack":
                    conn.sendall(b"HTTP/1.1 200 OK\r\n\r\n")
                    return
                conn.sendall(CONNACK)
                data = conn.recv(4096)  # SUBSCRIBE or PUBLISH
                if data[:1] == b"\x82":
                    conn.sendall(_suback(data[2:4], _topics(data)))
                if mode == "garbage":
                    conn.sendall(b"\xff" * 64)
                elif mode == "oversized":  # a PUBLISH announcing ~200 MB, then a trickle
                    conn.sendall(bytes([0x30, 0xFF, 0xFF, 0xFF, 0x5F]) + b"x" * 1024)
                elif mode == "drop":
                    return
                stop.wait(10)  # "silent": never delivers, keeps the connection
            except OSError:
                pass

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            if stop.is_set():  # the connection that wakes this loop to stop
                conn.close()
                break
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()
    finally:
        stop.set()
        with suppress(OSError):  # woken now, not at its next 0.2 s poll (a test each)
            socket.create_connection(server.getsockname(), timeout=1).close()
        thread.join(timeout=5)
        server.close()


@pytest.mark.parametrize(("mode", "kind"), [
    ("close", "closed"), ("refuse", "refused"), ("garbage-connack", "garbage"),
])
def test_a_broker_that_fails_the_connect(mode, kind):
    with hostile_broker(mode) as (host, port), pytest.raises(mq.MqttError) as raised:
        mq.Client(host, port, timeout=2)
    assert raised.value.kind == kind


@pytest.mark.parametrize(("mode", "kind"), [("garbage", "garbage"), ("oversized", "oversized"), ("drop", "closed")])
def test_a_broker_that_misbehaves_after_subscribing(mode, kind):
    with hostile_broker(mode) as (host, port), mq.Client(host, port, timeout=2) as client:
        assert client.subscribe(["v1.1/Datastreams(1)/Observations"])[0] == 0
        with pytest.raises(mq.MqttError) as raised:
            client.wait(lambda m: True, 2)
    assert raised.value.kind == kind


def test_a_silent_broker_gives_no_message_by_the_deadline():
    with hostile_broker("silent") as (host, port), mq.Client(host, port, timeout=2) as client:
        client.subscribe(["v1.1/Datastreams(1)/Observations"])
        assert client.wait(lambda m: True, 0.5) is None


def test_a_publish_the_client_reads():
    body = struct.pack("!H", 5) + b"a/b/c" + b'{"x": 1}'
    client = mq.Client.__new__(mq.Client)
    client.messages, client.sock = [], None
    message = client._keep(0, body)
    assert message == mq.Message("a/b/c", b'{"x": 1}')
    with pytest.raises(mq.MqttError):
        client._keep(0, struct.pack("!H", 50) + b"short")


@pytest.mark.parametrize(("url", "parsed"), [
    ("mqtt://127.0.0.1:1883", ("127.0.0.1", 1883, False, False)),
    ("mqtt://broker.example", ("broker.example", 1883, False, False)),
    ("mqtts://broker.example", ("broker.example", 8883, False, True)),
    ("ws://broker.example/mqtt", ("broker.example", 80, True, False)),
    ("wss://broker.example:9001/mqtt", ("broker.example", 9001, True, True)),
    ("http://broker.example", None), ("mqtt://:99", None), ("mqtt://h:notaport", None),
])
def test_endpoints(url, parsed):
    at = mq.endpoint(url)
    assert (at and (at.host, at.port, at.websocket, at.tls)) == parsed


# --- the transports OGC 18-088 §14 leaves to the service: TLS and WebSocket (twenty-third reading, row 21) ---

def test_the_client_speaks_mqtt_over_tls():
    from conformance.reference.tls import server_context, trust_anchor

    trusted = ssl.create_default_context(cafile=str(trust_anchor()))
    with hostile_broker("silent", tls=server_context()) as (host, port), \
            mq.Client(host, port, timeout=2, tls=trusted) as client:
        assert client.subscribe(["v1.1/Datastreams(1)/Observations"]) == [0]
    with hostile_broker("silent", tls=server_context()) as (host, port), pytest.raises(mq.MqttError) as raised:
        mq.Client(host, port, timeout=2, tls=ssl.create_default_context(cafile=certifi_or_none()))
    assert raised.value.kind == "tls"  # a chain the client does not trust: the handshake fails


def certifi_or_none() -> str | None:
    """A trust store without the reference's test authority."""
    import certifi

    return certifi.where()


@contextmanager
def websocket_broker() -> Iterator[tuple[str, int]]:
    """A broker over WebSocket (MQTT 3.1.1 §6) that accepts CONNECT and SUBSCRIBE, then stays silent."""
    from websockets.sync.server import serve as ws_serve

    def handle(connection) -> None:
        with suppress(Exception):
            connection.recv(timeout=5)  # CONNECT
            connection.send(CONNACK)
            data = connection.recv(timeout=5)
            if data[:1] == b"\x82":
                connection.send(_suback(data[2:4], _topics(data)))
            connection.recv(timeout=10)

    server = ws_serve(handle, "127.0.0.1", 0, subprotocols=["mqtt"])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.socket.getsockname()[:2]
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_the_client_speaks_mqtt_over_websocket():
    with websocket_broker() as (host, port), \
            mq.Client(host, port, timeout=2, websocket=f"ws://{host}:{port}/mqtt") as client:
        assert client.subscribe(["v1.1/Datastreams(1)/Observations"]) == [0]
        assert client.wait(lambda m: True, 0.3) is None


def test_a_broker_offered_over_websocket_only_is_judged(run_manifest):
    """Before the twenty-third reading a service declaring only ws:// (or mqtts://) was inconclusive, a limit
    of the laboratory's client; now it is judged: a silent one fails R2."""
    with websocket_broker() as (host, port), _feed_pointing_at(host, port, "ws", "/mqtt") as url:
        result = run_manifest(_manifest(url, ["mqtt"], mqtt_delivery_seconds=1), requirements=["SC-FEED-005"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-FEED-005"]
    assert judged.verdict.value == "fail"
    assert "was not delivered on" in str([judged.message, judged.evidence])


@contextmanager
def _feed_pointing_at(broker_host, broker_port, scheme="mqtt", path=""):
    """The reference feed whose root declares a hostile broker instead of its own."""
    app = create_app()
    with serve(app) as url:
        side = app.state.mqtt
        side.endpoint = f"{scheme}://{broker_host}:{broker_port}{path}"
        yield url


@pytest.mark.parametrize(("mode", "finding"), [
    ("garbage", "misbehaved (garbage)"), ("drop", "misbehaved (closed)"), ("silent", "was not delivered on"), ("close", "misbehaved (closed)"),
])
def test_sc_feed_005_judges_a_hostile_broker(mode, finding, run_manifest):
    with hostile_broker(mode) as (host, port), _feed_pointing_at(host, port) as url:
        result = run_manifest(_manifest(url, ["mqtt"], mqtt_delivery_seconds=1), requirements=["SC-FEED-005"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-FEED-005"]
    assert judged.verdict.value == "fail"
    assert finding in str([judged.message, judged.evidence])


def test_sc_feed_005_leaves_a_packet_past_the_reading_bound_unjudged(run_manifest):
    """Forty-first reading, c15: MQTT 3.1.1 allows packets of up to 268 435 455 B; one past 5.1's 256 KiB bound is
    not read, so the test is inconclusive naming the bound, not a finding."""
    with hostile_broker("oversized") as (host, port), _feed_pointing_at(host, port) as url:
        result = run_manifest(_manifest(url, ["mqtt"], mqtt_delivery_seconds=1), requirements=["SC-FEED-005"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-FEED-005"]
    assert judged.verdict.value == "inconclusive"
    assert "MQTT packet size" in str([judged.message, judged.evidence])


def test_an_oversized_websocket_frame_reads_as_oversized():
    """websockets closes the connection with 1009 on a frame over ``max_size``: the packet is past the bound."""
    from websockets.exceptions import ConnectionClosedError
    from websockets.frames import Close

    class Closing:
        def recv(self, timeout: float) -> bytes:
            raise ConnectionClosedError(None, Close(1009, "frame too big"), None)

    connection = object.__new__(mq._WebSocket)
    connection.buffer, connection.wait, connection.connection = b"", 1.0, Closing()
    with pytest.raises(mq.MqttError) as raised:
        connection.recv(4)
    assert raised.value.kind == "oversized"


@pytest.mark.parametrize(("mode", "finding"), [("silent", "misbehaved (timeout)"), ("garbage", "misbehaved (garbage)")])
def test_sc_feed_006_judges_a_hostile_broker(mode, finding, run_manifest):
    with hostile_broker(mode) as (host, port), _feed_pointing_at(host, port) as url:
        result = run_manifest(_manifest(url, ["mqtt-create"], mqtt_delivery_seconds=1), requirements=["SC-FEED-006"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-FEED-006"]
    assert judged.verdict.value == "fail"
    assert finding in str([judged.message, judged.evidence])


class _Replay:
    """A socket that gives ``data`` in small chunks, then the end of the stream."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def settimeout(self, _: float) -> None:
        pass

    def sendall(self, _: bytes) -> None:
        pass

    def recv(self, count: int) -> bytes:
        chunk, self.data = self.data[:min(count, 7)], self.data[min(count, 7):]
        return chunk


@given(st.binary(max_size=600))
def test_whatever_a_broker_sends_is_a_message_an_mqtt_error_or_nothing(data):
    client = mq.Client.__new__(mq.Client)
    client.messages, client.sock, client.timeout, client.packet_id = [], _Replay(data), 1.0, 0
    try:
        client.wait(lambda m: False, 1.0)
    except mq.MqttError as error:
        assert error.kind in ("garbage", "oversized", "closed", "timeout")
    assert len(client.messages) <= mq.MAX_MESSAGES


def _root_app(root):
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def answer(request):
        return JSONResponse(root)

    return Starlette(routes=[Route("/sta/v1.1", answer)])


@pytest.mark.parametrize(("root", "verdict", "text"), [
    ({"value": 5, "serverSettings": {"conformance": 7, "x": {"endpoints": "mqtt://a"}}}, "fail", "MQTT endpoint"),
    ({"value": [], "serverSettings": {"conformance": [MQTT_RECEIVE],
                                      MQTT_CREATE: {"endpoints": "mqtt://127.0.0.1:1"}}}, "fail", "MQTT endpoint"),
    ({"value": [], "serverSettings": {"conformance": [MQTT_RECEIVE],
                                      MQTT_CREATE: {"endpoints": ["http://broker.example/mqtt"]}}}, "fail",
     "MQTT endpoint"),
])
def test_odd_service_roots_are_judged(root, verdict, text, run_manifest):
    with serve(_root_app(root)) as url:
        result = run_manifest(_manifest(url, ["mqtt"], mqtt_delivery_seconds=1), requirements=["SC-FEED-005"])
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-FEED-005"]
    assert judged.verdict.value == verdict
    assert text in str([judged.message, judged.evidence])


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _unconnectable(how: str) -> Iterator[tuple[str, str, int]]:
    """(scheme, host, port) of a broker the laboratory cannot connect to, as ``how`` says."""
    if how == "unreachable":
        yield "mqtt", "127.0.0.1", _closed_port()
        return
    from conformance.reference.tls import server_context

    # "tls": a chain no anchor of clause 5.1 verifies (the reference's own test authority is not in certifi)
    with hostile_broker("silent" if how == "tls" else "refuse", tls=server_context() if how == "tls" else None) \
            as (host, port):
        yield ("mqtts" if how == "tls" else "mqtt"), host, port


@pytest.mark.parametrize("how", ["unreachable", "tls", "refused"])
@pytest.mark.parametrize(("requirement", "feature"), [("SC-FEED-005", "mqtt"), ("SC-FEED-006", "mqtt-create"),
                                                      ("SC-FEED-007", "mqtt")])
def test_a_broker_the_laboratory_cannot_connect_to_is_inconclusive(how, requirement, feature, run_manifest):
    """Twenty-sixth reading, rows 3 and 4: no connection (refused, an unverifiable TLS chain under clause 5.1,
    a CONNACK refusing the client) means no subscriber and no delivery observed: inconclusive, as the verdict
    lines say, not a failed delivery."""
    with _unconnectable(how) as (scheme, host, port), _feed_pointing_at(host, port, scheme) as url:
        result = run_manifest(_manifest(url, [feature], mqtt_delivery_seconds=1), requirements=[requirement])
    [judged] = [r for r in result.report.requirements if r.requirement == requirement]
    assert judged.verdict.value == "inconclusive", judged.message
    assert f"({how})" in judged.message


def test_sc_feed_007_patches_the_thing_back(serve_reference, run_manifest):
    """SC-FEED-007 changes the target's description, then restores it and says so; also under a defect."""
    import httpx

    url = serve_reference(defects=["mqtt-property-whole-entity"])
    before = httpx.get(f"{url}/sta/v1.1/Things(1)", verify=verifying_context()).json()["description"]
    result = run_manifest(_manifest(url, ["mqtt"], mqtt_delivery_seconds=2))
    assert _verdicts(result, ["SC-FEED-007"]) == {"SC-FEED-007": "fail"}
    assert httpx.get(f"{url}/sta/v1.1/Things(1)", verify=verifying_context()).json()["description"] == before


def test_a_failing_ordered_query_fails_only_sc_feed_002(run_manifest):
    """Issue 71: a 500 to $orderby=phenomenonTime is SC-FEED-002's; SC-FEED-006 finds the Observation
    published over MQTT by a plain GET of the Observations, and SC-FEED-003 its newest the same way."""
    with serve_failing(lambda method, path, query: "$orderby=phenomenonTime" in query) as url:
        result = run_manifest(_manifest(url, ["mqtt", "mqtt-create"]))
    assert _verdicts(result) == {**dict.fromkeys(FEED, "pass"), "SC-FEED-002": "fail"}


def test_a_failing_service_root_fails_only_sc_feed_001(run_manifest):
    """The root answering 500 is SC-FEED-001's: every other requirement of the feed reads its sets
    or settings from it, and is inconclusive naming SC-FEED-001."""
    with serve_failing(lambda method, path, query: method == "GET" and path == "/sta/v1.1") as url:
        result = run_manifest(_manifest(url, ["mqtt", "mqtt-create", "tasking"]))
    ids = [*FEED, "SC-FEED-004"]
    assert _verdicts(result, ids) == {**dict.fromkeys(ids, "inconclusive"), "SC-FEED-001": "fail"}
    for requirement in ids[1:]:
        assert "SC-FEED-001" in reasons(result, requirement), requirement


def test_a_wanted_message_past_the_kept_ones_is_found_by_a_later_predicate(monkeypatch):
    """Sixty-ninth reading, h133-ocaps3: two waits in a row saw, for the second, only the first MAX_MESSAGES packets
    the first had read; wait_all matches every packet against every predicate as it is read."""
    monkeypatch.setattr(mq, "MAX_MESSAGES", 3)
    packets = [(mq.PUBLISH, 0, struct.pack("!H", 1) + b"x" + b"%d" % i) for i in range(10)]
    packets.append((mq.PUBLISH, 0, struct.pack("!H", 1) + b"a" + b"first"))

    def read(deadline):
        if not packets:
            raise mq.MqttError("timeout", "no more")
        return packets.pop(0)

    client = mq.Client.__new__(mq.Client)
    client.messages, client.sock = [], None
    monkeypatch.setattr(client, "_read", read, raising=False)
    late, first = client.wait_all([lambda m: m.payload == b"7", lambda m: m.topic == "a"], 5)
    assert late == mq.Message("x", b"7") and first == mq.Message("a", b"first")
    assert len(client.messages) == 3
    assert client.wait_all([None, lambda m: False], 0.1) == [None, None]
