"""One verifying TLS context per process (adapters/deadline.py), shared by every client and
transport, as httpx's docs offer: it still verifies, and follows the CA settings of the
environment."""

from __future__ import annotations

import ssl

import certifi

from conformance.adapters.deadline import Deadline, deadline_transport, verifying_context


def test_the_context_is_built_once_and_verifies():
    context = verifying_context()
    assert verifying_context() is context
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname


def test_another_ca_setting_gets_its_own_context(monkeypatch):
    default = verifying_context()
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    named = verifying_context()
    assert named is not default and named.verify_mode is ssl.CERT_REQUIRED
    assert verifying_context() is named


def test_a_verifying_transport_takes_the_shared_context():
    transport = deadline_transport(Deadline(), verify=True)
    assert transport._pool._ssl_context is verifying_context()
    unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # a plain-http target's, as HttpAdapter gives it
    assert deadline_transport(Deadline(), verify=unverified)._pool._ssl_context is unverified
