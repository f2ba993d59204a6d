"""The MQTT side of the reference twin feed (OGC 18-088 §14, SensorThings MQTT Extension).

An amqtt broker on 127.0.0.1 and a free port runs in its own thread and event loop, started and
stopped by :func:`conformance.reference.server.serve` through the app's ``companions`` (uvicorn runs the
app with lifespan off, so the app cannot start it itself). The HTTP side hands it notifications
with :meth:`MqttSide.publish` (thread-safe); a client's PUBLISH to
``v1.1/Datastreams(<id>)/Observations`` reaches :class:`SensorThingsTopics`, which refuses to
relay it (the topic carries the service's own notifications) and hands the payload to the
HTTP side's ``create`` callback, as the create-observations-via-mqtt requirement class asks.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

#: the topic an Observation is created on (and notified on): v1.1/Datastreams(<id>)/Observations
CREATE_TOPIC = re.compile(r"^v1\.1/Datastreams\((?P<id>\d+)\)/Observations$")
MAX_CREATE_BYTES = 64 * 1024  # a published Observation the reference reads; a bound, not a requirement
START_ATTEMPTS = 5  # free ports tried when another process takes one between finding and binding it


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


try:  # the plug-in class needs amqtt; without it the reference serves HTTP only (no MQTT declared)
    from amqtt.plugins.base import BaseTopicPlugin

    class SensorThingsTopics(BaseTopicPlugin):
        """Keeps clients from publishing on the service's notification topics and turns a
        PUBLISH on a create topic into a new Observation (through ``Config.side``)."""

        @dataclass
        class Config:
            side: Any = None

        async def topic_filtering(self, *, session: Any = None, topic: str | None = None,
                                  action: Any = None) -> bool | None:
            if getattr(action, "value", action) == "publish":
                return not (topic or "").startswith("v1.1/")  # v1.1/... is the service's to publish
            return True

        async def on_broker_message_received(self, *, client_id: str, message: Any) -> None:
            side = self.config.side
            topic = getattr(message, "topic", None)
            match = CREATE_TOPIC.match(topic or "")
            data = bytes(getattr(message, "data", b"") or b"")
            if side is not None and match and len(data) <= MAX_CREATE_BYTES:
                side.received(int(match["id"]), data)

    AVAILABLE = True
except ImportError:  # pragma: no cover - the reference extra installs amqtt
    AVAILABLE = False


class MqttSide:
    """One broker for one reference app: ``endpoint`` once running, ``publish`` to notify,
    ``create`` (set by the HTTP side) to create an Observation from a published payload."""

    def __init__(self) -> None:
        self.endpoint: str | None = None
        #: set by the HTTP side: (Datastream id, JSON payload bytes) -> None
        self.create: Callable[[int, bytes], None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._broker: Any = None

    def received(self, stream: int, data: bytes) -> None:
        if self.create is not None:
            self.create(stream, data)

    def publish(self, messages: Callable[[list[str]], list[tuple[str, bytes]]]) -> None:
        """From any thread: ``messages(topic filters subscribed to now)`` gives (topic, payload)
        pairs, broadcast in order; called in the broker's loop, so the filters are read where the
        broker changes them (a ``?$select=`` filter is answered only when someone subscribed to it).
        A no-op when no broker runs."""
        loop, broker = self._loop, self._broker
        if loop is None or broker is None:
            return

        async def broadcast() -> None:
            for topic, payload in messages(list(broker.subscriptions)):
                await broker.internal_message_broadcast(topic, payload, 0)

        asyncio.run_coroutine_threadsafe(broadcast(), loop)

    @contextmanager
    def running(self) -> Iterator[MqttSide]:
        """Start the broker in its own thread; stop it and the thread on exit."""
        if not AVAILABLE:
            yield self
            return
        from amqtt.broker import Broker

        logging.getLogger("amqtt").setLevel(logging.ERROR)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="reference-mqtt", daemon=True)
        thread.start()

        async def start(port: int) -> Any:
            broker = Broker({"listeners": {"default": {"type": "tcp", "bind": f"127.0.0.1:{port}"}},
                             "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True},
                                         f"{__name__}.SensorThingsTopics": {"side": self}}})
            await broker.start()
            return broker

        try:
            for attempt in range(START_ATTEMPTS):
                # amqtt binds the port itself: another process may take the free port first
                # (seen in CI with parallel test workers), and then another port is tried.
                port = _free_port()
                try:
                    self._broker = asyncio.run_coroutine_threadsafe(start(port), loop).result(timeout=15)
                    break
                except Exception as exc:  # noqa: BLE001 - amqtt wraps the OSError in its BrokerError
                    if attempt == START_ATTEMPTS - 1 or "address already in use" not in str(exc):
                        raise
            self._loop = loop
            self.endpoint = f"mqtt://127.0.0.1:{port}"
            yield self
        finally:
            broker, self._broker, self._loop, self.endpoint = self._broker, None, None, None
            if broker is not None:
                try:
                    asyncio.run_coroutine_threadsafe(broker.shutdown(), loop).result(timeout=10)
                except Exception:  # noqa: BLE001 - stopping is best effort; the loop goes next
                    logging.getLogger(__name__).warning("the reference MQTT broker did not shut down cleanly")
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()
