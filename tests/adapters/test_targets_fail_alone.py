"""One unreachable HTTP target fails alone: pre-flight says where in the manifest, why in
words (DNS, connection refused, TLS mismatch, timeout) and the fix; only the requirements
that need the target are left unjudged, and file profiles in the same manifest are judged."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.errors import TargetUnreachable
from tests.conftest import SAMPLES, manifest_for


def _preflight(url: str, tmp_path: Path, **config) -> str:
    adapter = HttpAdapter("api", {"adapter": "http", "base_url": url, **config},
                          AdapterContext(tmp_path / "m.yaml", {}))
    try:
        with pytest.raises(TargetUnreachable) as caught:
            adapter.preflight()
        # every later request fails at once with the same reason (no timeout waited out again)
        with pytest.raises(TargetUnreachable) as again:
            adapter.get("/anything")
        assert str(again.value) == str(caught.value)
        return str(caught.value)
    finally:
        adapter.close()


def test_refused(tmp_path):
    reason = _preflight("http://127.0.0.1:9", tmp_path)
    assert reason.startswith(f"{tmp_path / 'm.yaml'} at $.targets.api.base_url: nothing accepts connections at "
                             "http://127.0.0.1:9/ (connection refused); fix: start the product"), reason


def test_dns(tmp_path):
    reason = _preflight("http://no-such-host.invalid", tmp_path)
    assert "at $.targets.api.base_url: the host of http://no-such-host.invalid/ is not known (DNS" in reason, reason
    assert "fix: correct the host name in base_url" in reason


def test_tls_mismatch(tmp_path, serve_reference):
    url = serve_reference().replace("http://", "https://")
    reason = _preflight(url, tmp_path)
    assert f"at $.targets.api.base_url: TLS does not match at {url.rstrip('/')}/" in reason, reason
    assert "fix: use http:// for a server without TLS and https:// for one with it" in reason


def test_timeout(tmp_path):
    with socket.socket() as server:  # accepts connections (the backlog), never answers
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        port = server.getsockname()[1]
        reason = _preflight(f"http://127.0.0.1:{port}", tmp_path, timeout_s=0.2)
    assert f"no answer from http://127.0.0.1:{port}/ within 0.2s (timeout); fix:" in reason, reason


def test_a_file_profile_is_judged_beside_an_unreachable_http_target(catalog, run_manifest):
    resolver = manifest_for(catalog, "identity-resolver", base_urls={"api": "http://127.0.0.1:9"})
    documents = manifest_for(catalog, "identity-document")
    manifest = {**resolver, "profiles": [*resolver["profiles"], *documents["profiles"]],
                "targets": {**resolver["targets"], **documents["targets"]}}
    assert str(SAMPLES) in str(manifest["targets"])
    result = run_manifest(manifest)
    outcomes = {p.id: p.outcome.value for p in result.report.profiles}
    assert outcomes == {"identity-resolver": "incomplete", "identity-document": "conformant"}
    assert result.exit_code == 3
    verdicts = {r.requirement: r.verdict.value for r in result.report.requirements}
    for req_id in catalog.profile("identity-document").all_requirements():
        assert verdicts[req_id] == "pass", (req_id, verdicts)
    resolver_result = next(p for p in result.report.profiles if p.id == "identity-resolver")
    # a requirement both profiles share was judged for the documents only: not for the resolver
    shared = set(catalog.profile("identity-document").all_requirements()) & set(
        catalog.profile("identity-resolver").all_requirements())
    assert shared and shared <= set(resolver_result.blocking)
    assert any("target 'api' unreachable" in note and "connection refused" in note for note in result.report.notes)
