"""The reference MQTT broker starts although another process takes the free port it found
before amqtt binds it (a race seen in CI with parallel test workers)."""

from __future__ import annotations

import socket

import pytest

from conformance.reference import twinmqtt


@pytest.mark.skipif(not twinmqtt.AVAILABLE, reason="amqtt is not installed")
def test_a_port_taken_before_the_broker_binds_it_is_given_up_for_another(monkeypatch):
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    ports = [taken.getsockname()[1]]
    free = twinmqtt._free_port
    monkeypatch.setattr(twinmqtt, "_free_port", lambda: ports.pop(0) if ports else free())
    try:
        with twinmqtt.MqttSide().running() as side:
            assert side.endpoint is not None
            assert side.endpoint != f"mqtt://127.0.0.1:{taken.getsockname()[1]}"
            with socket.create_connection(("127.0.0.1", int(side.endpoint.rsplit(":", 1)[1])), timeout=5):
                pass  # the broker listens where it says
    finally:
        taken.close()


@pytest.mark.skipif(not twinmqtt.AVAILABLE, reason="amqtt is not installed")
def test_a_port_that_stays_taken_is_reported(monkeypatch):
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    monkeypatch.setattr(twinmqtt, "_free_port", lambda: taken.getsockname()[1])
    try:
        with pytest.raises(Exception, match="address already in use"), twinmqtt.MqttSide().running():
            pass
    finally:
        taken.close()
