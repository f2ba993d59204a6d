"""IF-TLS-001's check on its own. Through the engine, the reference can only be served on
loopback (which the rule exempts), so the base-URL half is proven able to fail here."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import httpx
import pytest

from conformance._record.evidence import Evidence
from tests.paths import ROOT

_PATH = ROOT / "suites" / "interfaces" / "test_transport.py"
_SPEC = importlib.util.spec_from_file_location("suite_interfaces_transport", _PATH)
transport = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(transport)


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/",
        "https://203.0.113.7:8443/v1/",
        "http://127.0.0.1:8000/",
        "http://127.1.2.3/",
        "http://localhost:8080/",
        "http://LOCALHOST./",
        "http://api.localhost/",
        "http://[::1]:8080/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_https_and_loopback_urls_pass(url):
    assert transport.plaintext_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://api.example.com/",
        "http://203.0.113.7:8080/",
        "http://10.0.0.5/",
        "http://[2001:db8::1]/",
        "http://localhost.example.com/",
        "http://0.0.0.0:8000/",
        "ws://api.example.com/",
    ],
)
def test_plaintext_non_loopback_urls_fail(url):
    assert transport.plaintext_problem(url)


class _Api:
    """Just enough of the http adapter for the test function: no discovery document."""

    role = "api"

    def __init__(self, base_url: str) -> None:
        self.base_url = httpx.URL(base_url)

    def get(self, path: str, **kwargs):
        return SimpleNamespace(status=404)


def test_plaintext_base_url_fails_the_test():
    record = Evidence()
    transport.test_interface_uses_tls({"api": _Api("http://api.example.com/")}, record)
    findings = [i for i in record.items if i["kind"] == "finding"]
    assert [f["pointer"] for f in findings] == ["/targets/api/base_url"]


def test_loopback_base_url_passes_with_a_note():
    record = Evidence()
    transport.test_interface_uses_tls({"api": _Api("http://127.0.0.1:8000/")}, record)
    assert record.findings_count == 0
    assert any("loopback" in i["message"] for i in record.items if i["kind"] == "note")
