"""The guards the battery relies on, one by one, in-process: the exchange deadline against a
trickle, capped decoding, redaction of every encoding, credential checks, YAML limits, file
and number checks, the run guard, reports set aside, XML characters, linear checks."""

from __future__ import annotations

import base64
import gzip
import os
import signal
import time
import tracemalloc
import zlib
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from conformance._catalog.catalog import load_yaml
from conformance._io.inputs import check_input_file, check_numbers
from conformance._record.evidence import Evidence, recording
from conformance._record.redaction import Redactor
from conformance._run import runguard
from conformance._run.runguard import RunGuard
from conformance.adapters import AdapterContext
from conformance.adapters.decoding import CappedDecoder, TooLarge
from conformance.adapters.http import HttpAdapter
from conformance.areas._shared.privacy import has_email
from conformance.areas.interfaces.pagination import duplicates, listed_ids
from conformance.errors import BeyondReadingBound, HarnessInputError, TargetUnreachable
from conformance.report import set_aside_reports
from conformance.report.junit import _clean

from .battery import CANARY
from .server import prepared, running

MIB = 1024 * 1024


@pytest.fixture(scope="module")
def hostile():
    with running() as server:
        yield server


def adapter(url: str, tmp_path: Path, environ: dict[str, str] | None = None, **config) -> HttpAdapter:
    context = AdapterContext(tmp_path / "m.yaml", environ or {"T": CANARY})
    return HttpAdapter("api", {"adapter": "http", "base_url": url, **config}, context)


# -- the exchange's deadline --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["slow-headers", "hang", "slow-body"])
def test_one_deadline_covers_connect_headers_and_body(hostile, tmp_path, mode):
    target = adapter(f"{hostile.url}/{mode}/", tmp_path, timeout_s=1)
    before = len(hostile.endings.get(mode, []))
    with pytest.raises(TargetUnreachable) as raised:
        target.get("x")
    _ended_by_the_deadline(hostile, mode, before, raised.value, 1)


def _ended_by_the_deadline(hostile, mode: str, before: int, error: Exception, seconds: int) -> None:
    """The exchange ended because the adapter gave up at its deadline: it says so, naming the
    deadline, and the server saw the client hang up while its trickle (two minutes of it) was
    still going, instead of the trickle ending on its own."""
    assert f"within {seconds}s" in str(error), error
    assert hostile.ending(mode, before) == "hung up"


class _Recording(httpx.HTTPTransport):
    """A transport of the adapter's own (docs/extending.md), built on httpx's."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request.url.path)
        return super().handle_request(request)


@pytest.mark.parametrize("mode", ["slow-headers", pytest.param("hang", marks=pytest.mark.slow),
                                  pytest.param("slow-body", marks=pytest.mark.slow)])
def test_an_adapter_given_its_own_transport_keeps_the_deadline(hostile, tmp_path, mode):
    # One header byte a second never trips a 2-second read timeout: only the deadline at the
    # socket ends the exchange (without it, this one would last two minutes).
    transport = _Recording()
    context = AdapterContext(tmp_path / "m.yaml", {})
    target = HttpAdapter("api", {"adapter": "http", "base_url": f"{hostile.url}/{mode}/", "timeout_s": 2}, context,
                         transport=transport)
    before = len(hostile.endings.get(mode, []))
    with pytest.raises(TargetUnreachable) as raised:
        target.get("x")
    _ended_by_the_deadline(hostile, mode, before, raised.value, 2)
    assert transport.seen == [f"/{mode}/x"]  # it went through the transport given


def test_a_transport_without_sockets_is_asked_to_keep_the_time_left(tmp_path):
    # The run's budget ends in a moment, long before the 10-second timeout: the transport
    # is given the time left, not the timeout.
    asked: list[dict[str, float]] = []

    def app(request: httpx.Request) -> httpx.Response:
        asked.append(request.extensions["timeout"])
        return httpx.Response(200, stream=httpx.ByteStream(b'{"ok": true}'))  # a stream, as a transport's are

    context = AdapterContext(tmp_path / "m.yaml", {}, run_deadline=time.monotonic() + 2)
    target = HttpAdapter("api", {"adapter": "http", "base_url": "http://in-process.test/", "timeout_s": 10},
                         context, transport=httpx.MockTransport(app))
    assert target.get("x").json() == {"ok": True}
    assert set(asked[0]) == {"connect", "read", "write", "pool"} and max(asked[0].values()) <= 2


def test_no_exchange_starts_once_the_run_budget_is_spent(hostile, tmp_path):
    context = AdapterContext(tmp_path / "m.yaml", {}, run_deadline=time.monotonic() - 1)
    target = HttpAdapter("api", {"adapter": "http", "base_url": f"{hostile.url}/x/"}, context)
    with pytest.raises(TargetUnreachable, match="time budget is spent"):
        target.get("")


# -- bodies: caps on the wire and once decoded --------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["gzip-bomb", "gzip-nested", "chunked-1g", "close-1g"])
def test_bodies_are_cut_at_the_cap_in_bounded_memory(hostile, tmp_path, mode):
    target = adapter(f"{hostile.url}/{prepared(mode)}/", tmp_path, timeout_s=20)
    tracemalloc.start()
    try:
        with pytest.raises(BeyondReadingBound, match="exceeds the 4194304-byte cap"):
            target.get("x")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * MIB  # the cap (4 MiB) and a few slices, never the inflated gigabyte


def test_the_hostile_servers_gzip_bomb_is_a_mib_of_gzip_that_says_it_inflates_to_a_gib_of_zeros():
    """Its first 8 MiB inflated (zeros) and its trailer's length (1 GiB): inflating all of it, which
    also checks its CRC-32, costs more CPU than making it, and was done once (bench/README.md)."""
    from tests.hostile.server import gzip_bomb

    bomb = gzip_bomb()
    assert len(bomb) < 1.1 * MIB and bomb[:3] == b"\x1f\x8b\x08"
    out = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(bomb, 8 * MIB)
    assert out == bytes(8 * MIB)
    assert int.from_bytes(bomb[-4:], "little") == 1024 * MIB


def test_decoder_inflates_gzip_deflate_and_chains():
    data = b"hello " * 1000
    for coding, body in [("gzip", gzip.compress(data)), ("deflate", zlib.compress(data)),
                         ("deflate", zlib.compress(data)[2:-4]), ("gzip, gzip", gzip.compress(gzip.compress(data))),
                         ("identity", data), ("gzip", gzip.compress(data[:3000]) + gzip.compress(data[3000:]))]:
        decoder = CappedDecoder(coding, 10 * len(data))
        out = b"".join(decoder.decode(body[:100]) + decoder.decode(body[100:]) + decoder.flush())
        assert out == data, coding


def test_decoder_keeps_an_unknown_coding_as_sent_and_stops_at_the_cap():
    assert CappedDecoder("br", 100).decode(b"raw") == [b"raw"]
    decoder = CappedDecoder("gzip", 1000)
    with pytest.raises(TooLarge):
        decoder.decode(gzip.compress(bytes(10 * MIB)))


# -- secrets ------------------------------------------------------------------------------


def test_every_encoding_of_a_secret_is_redacted():
    secret = "tok/en+CANARY\n"
    redactor = Redactor([secret])
    forms = [secret, repr(secret)[1:-1], quote(secret, safe=""), base64.b64encode(f"user:{secret}".encode()).decode(),
             base64.b64encode(secret.encode()).decode()]
    for form in forms:
        assert secret.strip() not in redactor.text(f"x {form} y")
        assert redactor.text(f"x {form} y") != f"x {form} y", form
    # a cut made before redaction leaves no prefix of the secret
    assert redactor.text("Bearer tok/en+CAN") == "Bearer ***"


def test_userinfo_and_credential_query_values_never_reach_evidence(hostile, tmp_path):
    host = hostile.url.removeprefix("http://")
    target = adapter(f"http://me:{CANARY}@{host}/echo/?api_key={CANARY}9&page=2", tmp_path)
    record = Evidence(Redactor(target.secrets()))
    with recording(record):
        response = target.get("x")
        target.preflight()
    assert "@" not in response.url
    assert CANARY[:11] not in str(record.export())


@pytest.mark.parametrize("value", [f"{CANARY}\nX-Injected: 1", f"{CANARY}é", f"{CANARY}\x7f"])
def test_a_credential_that_cannot_be_a_header_is_bad_input_naming_only_the_variable(tmp_path, value):
    config = {"adapter": "http", "base_url": "http://127.0.0.1:9", "auth": {"bearer_token_env": "T"}}
    with pytest.raises(HarnessInputError, match="environment variable T holds a") as raised:
        HttpAdapter("api", config, AdapterContext(tmp_path / "m.yaml", {"T": value}))
    assert CANARY not in raised.value.line()


# -- harness input ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "problem"), [
    ("a: " + "[" * 150 + "]" * 150, "nested more than 100 levels"),
    ("a: &a [1, *a]", "refers to a collection that contains it"),
    ("".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 9)}]\n" for i in range(9)), "expands to more"),
    ("".join(f"k{i}: &a{i} 1\n" for i in range(120)) + "v: [" + ", ".join(f"*a{i}" for i in range(120)) + "]",
     "more than 100 aliases"),
])
def test_yaml_over_its_limits_is_one_line(tmp_path, text, problem):
    path = tmp_path / "m.yaml"
    path.write_text(text)
    with pytest.raises(HarnessInputError, match=problem):
        load_yaml(path)


def test_yaml_within_its_limits_still_loads_aliases_and_merge_keys(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert load_yaml(path) == {"base": {"x": 1}, "other": {"x": 1, "y": 2}}


def test_file_arguments_are_checked_before_reading(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "zero").symlink_to("/dev/zero")
    sparse = tmp_path / "sparse"
    with sparse.open("wb") as handle:
        handle.truncate(64 * MIB)
    cases = [(fifo, "not a regular file"), (tmp_path / "zero", "not a regular file"), (sparse, "more than the 1024"),
             (tmp_path, "is a folder"), (tmp_path / "no", "does not exist")]
    for path, problem in cases:
        with pytest.raises(HarnessInputError, match=problem):
            check_input_file(path, max_bytes=1024)


def test_numbers_beyond_64_bits_or_not_finite_are_bad_input():
    check_numbers({"a": [1, 2.5, 2**63 - 1, True]}, "m.yaml")
    with pytest.raises(HarnessInputError, match=r"m.yaml at \$.t.max\[0\]: integer out of range"):
        check_numbers({"t": {"max": [2**64]}}, "m.yaml")
    with pytest.raises(HarnessInputError, match="nan is not a usable number"):
        check_numbers({"t": float("nan")}, "m.yaml")


# -- runs and reports ---------------------------------------------------------------------


def test_the_budget_interrupts_a_run_like_a_signal():
    with RunGuard(budget_s=0.2) as guard, pytest.raises(KeyboardInterrupt):
        time.sleep(30)
    assert guard.budget_spent and "budget of 0.2 s was spent" in (guard.reason or "")


def test_sigterm_interrupts_and_a_shielded_guard_only_notes_it():
    with RunGuard() as guard, pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)
    assert guard.reason == "interrupted by SIGTERM"
    with RunGuard() as guard:
        guard.shield()
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
    assert guard.reason == "interrupted by SIGINT"


def test_a_swallowed_interrupt_is_raised_again_and_an_acknowledged_one_is_not(monkeypatch):
    # A KeyboardInterrupt raised where Python only reports it as unraisable (a gc callback, a
    # __del__) never reaches pytest: the run would sleep on (CI, stop 83). The watchdog raises
    # it again once the grace period is over, unless the run acknowledged it.
    monkeypatch.setattr(runguard, "GRACE_S", 0.2)
    with RunGuard() as guard, pytest.raises(KeyboardInterrupt):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
        except KeyboardInterrupt:
            pass  # swallowed
        time.sleep(30)
    assert guard.reason == "interrupted by SIGTERM"
    with RunGuard() as guard:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
        except KeyboardInterrupt:
            runguard.acknowledge_interrupt()  # pytest winds down
        time.sleep(0.6)  # three grace periods: the watchdog does not interrupt the wind-down
    assert guard.acknowledged


def test_an_earlier_report_is_moved_aside(tmp_path):
    (tmp_path / "report.json").write_text("old")
    (tmp_path / "junit.xml").write_text("old")
    (tmp_path / "manifest.yaml").write_text("kept")
    assert set_aside_reports(tmp_path) == tmp_path / "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.yaml", "previous"]
    assert (tmp_path / "previous" / "report.json").read_text() == "old"


def test_junit_text_keeps_only_xml_characters():
    assert _clean("a\ufffe\uffff\x01\ud800b\tc\U0001f600") == "a\ufffd\ufffd\ufffd\ufffdb\tc\U0001f600"


# -- linear checks ------------------------------------------------------------------------


def test_email_detection_anchors_at_each_at_sign():
    assert has_email("write to bob@example.com today")
    assert has_email("mailto:a.b+c@sub.example.org")
    assert not has_email("@example.com") and not has_email("bob@localhost") and not has_email("a" * 100_000)


def test_pagination_counts_any_json_ids_once():
    ids = listed_ids({"items": [{"asset_id": "a"}, {"asset_id": ["x"]}, {"asset_id": ["x"]}, {"asset_id": "a"}, 5]})
    assert duplicates(ids) == ["a", '["x"]']
    assert listed_ids([1, 2]) is None
