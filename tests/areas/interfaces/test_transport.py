"""IF-TLS-001 observed: real handshakes with TLS servers on 127.0.0.1 (the reference served
over TLS with a test CA, each transport defect planted), judged rule by rule; plain http fails
on loopback too (no exemption since 2.0)."""

from __future__ import annotations

import datetime
import importlib.util
from types import SimpleNamespace

import httpx
import pytest

from conformance._record.evidence import Evidence
from conformance.areas.interfaces.tls import judge
from conformance.reference import create_app, serve, trust_anchor
from tests.paths import ROOT

_PATH = ROOT / "suites" / "interfaces" / "test_transport.py"
_SPEC = importlib.util.spec_from_file_location("suite_interfaces_transport", _PATH)
transport = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(transport)


@pytest.mark.parametrize("url", ["https://api.example.com/", "https://203.0.113.7:8443/v1/", "https://127.0.0.1:8443/"])
def test_https_urls_pass_the_scheme_rule(url):
    assert transport.plaintext_problem(url) is None


@pytest.mark.parametrize(
    "url",
    ["http://api.example.com/", "http://10.0.0.5/", "ws://api.example.com/",
     # loopback is exempt no more (2.0)
     "http://127.0.0.1:8000/", "http://localhost:8080/", "http://[::1]:8080/", "http://api.localhost/"],
)
def test_plaintext_urls_fail_loopback_included(url):
    assert transport.plaintext_problem(url)


def _judged(defects=()):
    with serve(create_app(list(defects)), tls=True) as url:
        parsed = httpx.URL(url)
        return judge(parsed.host, parsed.port, trust_anchor())


def test_the_reference_over_tls_passes_every_rule():
    judged = _judged()
    assert judged.findings == []
    assert judged.observed["TLS 1.3"] == judged.observed["TLS 1.2"] == "accepted"
    assert judged.observed["TLS 1.0"] == judged.observed["TLS 1.1"] == "refused"
    assert judged.observed["chain"] == "verified" and judged.observed["name"] == "matches"


@pytest.mark.parametrize(
    ("defect", "rule", "key"),
    [("tls-legacy-versions", "R3", "legacy-version-accepted"),
     ("tls-anonymous-cipher", "R4", "weak-suite-accepted"),
     ("tls-untrusted-ca", "R6", "chain-untrusted"),
     ("tls-wrong-name", "R7", "name-mismatch"),
     ("tls-expired-certificate", "R8", "certificate-out-of-date")],
)
def test_each_transport_defect_breaks_its_rule_alone(defect, rule, key):
    findings = {(r, k) for r, k, _ in _judged([defect]).findings}
    assert findings == {(rule, f"interfaces.tls-{key}")}


def test_without_trust_anchors_the_chain_and_name_are_not_judged():
    """IF-TLS-001 2.1: no system store stands in for the applicant's anchors (it differs between
    laboratories); the other rules are judged, R6 and R7 left to the trust-anchor file."""
    with serve(create_app(), tls=True) as url:
        parsed = httpx.URL(url)
        judged = judge(parsed.host, parsed.port, None)
    assert judged.findings == [] and "no-anchors" in judged.notes
    assert "name" not in judged.observed and judged.observed["chain"].startswith("not judged")


def test_a_certificate_judged_after_its_end_is_out_of_date():
    with serve(create_app(), tls=True) as url:
        parsed = httpx.URL(url)
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=365)
        judged = judge(parsed.host, parsed.port, trust_anchor(), now=later)
    assert [r for r, _, _ in judged.findings] == ["R8"]


def test_a_server_that_speaks_no_tls_fails_r2_and_nothing_else_is_judged():
    with serve(create_app()) as url:  # plain http on that port
        parsed = httpx.URL(url)
        judged = judge(parsed.host, parsed.port, trust_anchor(), timeout=5)
    assert {r for r, _, _ in judged.findings} == {"R2"}
    assert "no-handshake" in judged.notes


class _Api:
    """Just enough of the http adapter for the test function: no discovery document."""

    role = "api"
    timeout_s = 5.0
    ca_bundle = None

    def __init__(self, base_url: str) -> None:
        self.base_url = httpx.URL(base_url)

    def get(self, path: str, **kwargs):
        return SimpleNamespace(status=404)


def test_plaintext_loopback_base_url_fails_the_test():
    record = Evidence()
    transport.test_interface_uses_tls({"api": _Api("http://127.0.0.1:8000/")}, record)
    findings = [i for i in record.items if i["kind"] == "finding"]
    assert [(f["pointer"], f["rule"]) for f in findings] == [("/targets/api/base_url", "R1")]


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_origin_no_connection_reaches_is_left_unjudged_not_failed():
    """Forty-sixth reading, bx2 (IF-TLS-001 2.3): a connection refused is no handshake refused: no TLS server
    answered, so R2 is not failed (it was, as 'TLS 1.2 refused (Connection refused)'), and the origin is unjudged."""
    judged = judge("127.0.0.1", _closed_port(), trust_anchor(), timeout=2)
    assert judged.findings == []
    assert "unreached" in judged.notes and judged.observed["TLS 1.2"].startswith("not reached")


def test_an_unreachable_origin_and_an_unread_discovery_document_leave_the_case_inconclusive():
    """bx2: the case's own inputs it could not read are unjudged (a run otherwise passing is inconclusive), never
    passed on the base URL alone nor failed under R2: the discovery document answered 404, and the base URL's origin
    accepts no connection."""
    record = Evidence()
    base = f"https://127.0.0.1:{_closed_port()}/"
    transport.test_interface_uses_tls({"api": _Api(base)}, record)
    assert [i for i in record.items if i["kind"] == "finding"] == []
    unjudged = set(record.unjudged_inputs)
    assert unjudged == {"GET /.well-known/metaverse-interop", base.removeprefix("https://").rstrip("/")}
