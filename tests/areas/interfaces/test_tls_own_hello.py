"""IF-TLS-001 R3 (SSL 3.0) and R4 offer every forbidden class with a hand-built ClientHello, so
no class goes unjudged because the laboratory's TLS library cannot offer it (forty-first reading,
row b9): tiny fake servers on 127.0.0.1 answer the bytes, and the reference still passes."""

from __future__ import annotations

import re
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx

from conformance.areas.interfaces import clienthello
from conformance.areas.interfaces.tls import Judgement, judge, judge_offers
from conformance.messages import msg, render
from conformance.reference import create_app, serve, trust_anchor


def _offered(hello: bytes) -> tuple[int, tuple[int, ...]]:
    """The version and suites a ClientHello record offers (RFC 5246 7.4.1.2)."""
    body = hello[9:]
    at = 2 + 32
    at += 1 + body[at]
    count = int.from_bytes(body[at:at + 2], "big")
    suites = struct.unpack(f"!{count // 2}H", body[at + 2:at + 2 + count])
    return int.from_bytes(body[:2], "big"), suites


def _server_hello(version: int, suite: int) -> bytes:
    body = struct.pack("!H", version) + bytes(32) + b"\x00" + struct.pack("!H", suite) + b"\x00"
    handshake = b"\x02" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x03" + struct.pack("!H", len(handshake)) + handshake


@contextmanager
def _fake(answer: Callable[[bytes], bytes | None]) -> Iterator[int]:
    """A server answering each connection's ClientHello with ``answer(hello)`` (None: close)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5)
                hello = conn.recv(65536)
                reply = answer(hello)
                if reply:
                    conn.sendall(reply)

    worker = threading.Thread(target=loop, daemon=True)
    worker.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        worker.join()
        listener.close()


def _rc4_only(hello: bytes) -> bytes:
    version, suites = _offered(hello)
    names = {s: clienthello.SUITE_NAMES[s] for s in suites}
    rc4 = [s for s, name in names.items() if "_RC4_128_" in name and "_anon_" not in name]
    if version == clienthello.TLS12 and rc4:  # a server with a certificate, RC4 still enabled
        return _server_hello(version, rc4[-1])
    return b"\x15\x03\x03\x00\x02\x02\x28"  # fatal handshake_failure


def _judged_offers(answer: Callable[[bytes], bytes | None]) -> Judgement:
    result = Judgement()
    with _fake(answer) as port:
        judge_offers("127.0.0.1", port, 5, result)
    return result


def test_the_hello_offers_only_the_class_with_the_extensions_a_server_needs():
    hello = clienthello.client_hello(clienthello.FORBIDDEN_CLASSES["export"], "example.test")
    version, suites = _offered(hello)
    assert version == clienthello.TLS12 and set(suites) == set(clienthello.FORBIDDEN_CLASSES["export"])
    assert all("_EXPORT_" in clienthello.SUITE_NAMES[s] for s in suites)
    assert b"example.test" in hello  # server_name
    assert b"127.0.0.1" not in clienthello.client_hello((0x0004,), "127.0.0.1")  # RFC 6066 3: no addresses


def test_a_server_choosing_an_offered_rc4_suite_is_an_r4_finding_naming_it():
    result = _judged_offers(_rc4_only)
    assert [(r, m["kind"]["en"], m["suite"]) for r, _, m in result.findings] == [
        ("R4", "RC4", "TLS_ECDHE_RSA_WITH_RC4_128_SHA")]
    assert result.observed["suites RC4"] == "accepted (TLS_ECDHE_RSA_WITH_RC4_128_SHA)"
    assert result.observed["suites export"] == "refused (alert handshake_failure)"


def test_the_chinese_finding_names_each_class_in_chinese():
    """The zh text of an R4 finding calls the class by its Chinese name (空加密, 匿名, 出口级...),
    as the requirement's R4 does; only the target's suite name stays in English."""
    def accepts_everything(hello: bytes) -> bytes:
        version, suites = _offered(hello)
        return _server_hello(version, suites[0])
    weak = [(key, members) for rule, key, members in _judged_offers(accepts_everything).findings if rule == "R4"]
    assert len(weak) == len(clienthello.FORBIDDEN_CLASSES)
    for key, members in weak:
        zh = render(key, {"origin": "", **members}, "zh").replace(str(members["suite"]), "")
        assert set(re.findall(r"[A-Za-z]+", zh)) <= {"TLS", "RC", "DES"}, zh
        assert str(msg(key, origin="", **members)).startswith(" accepts a ")


def test_a_server_answering_an_alert_has_no_finding():
    result = _judged_offers(lambda hello: b"\x15\x03\x03\x00\x02\x02\x46")
    assert result.findings == []
    assert result.observed["SSL 3.0"] == "refused (alert protocol_version)"


def test_garbage_or_a_close_is_refused_named_in_the_evidence_and_raises_nothing():
    garbage = _judged_offers(lambda hello: b"HTTP/1.1 400 Bad Request\r\n\r\n")
    assert garbage.findings == []
    assert garbage.observed["suites NULL encryption"].startswith("refused (not a TLS record: 48545450")
    closed = _judged_offers(lambda hello: None)
    assert closed.findings == [] and closed.observed["suites DES/3DES"] == "refused (closed)"


def test_a_server_hello_choosing_a_suite_not_offered_is_no_acceptance():
    result = _judged_offers(lambda hello: _server_hello(clienthello.TLS12, 0xC02F))
    assert result.findings == []
    assert result.observed["suites RC4"] == "refused (ServerHello)"


def test_a_server_agreeing_to_ssl3_is_an_r3_finding():
    def ssl3(hello: bytes) -> bytes:
        version, suites = _offered(hello)
        return _server_hello(version, suites[0]) if version == clienthello.SSL30 else b""
    result = _judged_offers(ssl3)
    assert [(r, m.get("version")) for r, _, m in result.findings] == [("R3", "SSL 3.0")]


def test_the_reference_refuses_every_class_it_is_offered_and_its_weak_suite_defects_are_caught():
    for defects, findings in (((), set()), (("tls-anonymous-cipher",), {("R4", "anonymous")}),
                              (("tls-rc4-cipher",), {("R4", "RC4")})):
        with serve(create_app(list(defects)), tls=True) as url:
            parsed = httpx.URL(url)
            judged = judge(parsed.host, parsed.port, trust_anchor())
        assert {(r, m["kind"]["en"]) for r, _, m in judged.findings} == findings
        assert not any(str(v).startswith("not offered") for v in judged.observed.values())
        assert judged.observed["SSL 3.0"].startswith("refused (")
