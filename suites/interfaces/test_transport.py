"""Transport security: the interface and every endpoint it declares are reached over TLS."""

from __future__ import annotations

import httpx
import pytest

from conformance import NonConformance, is_loopback_host, msg

DISCOVERY = "/.well-known/metaverse-interop"


def plaintext_problem(url: str) -> str | None:
    """Why ``url`` breaks IF-TLS-001, or None when it uses https or stays on loopback."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return None  # not a URL at all: the discovery schema (IF-DISC-001) says so
    if parsed.scheme == "https" or is_loopback_host(parsed.host):
        return None
    return msg("interfaces.plaintext", scheme=parsed.scheme, host=parsed.host)


def declared_endpoints(api, evidence) -> dict[str, str]:
    """The discovery document's endpoints, or none (with a note) when it cannot be read;
    the base URL is still judged then."""
    response = api.get(DISCOVERY)
    try:
        document = response.json() if response.status == 200 else None
    except NonConformance:
        document = None
    endpoints = document.get("endpoints") if isinstance(document, dict) else None
    if not isinstance(endpoints, dict):
        evidence.note(msg("interfaces.only-base-url", path=DISCOVERY))
        return {}
    return {k: v for k, v in endpoints.items() if isinstance(v, str)}


@pytest.mark.requirement("IF-TLS-001")
def test_interface_uses_tls(targets, evidence):
    api = targets["api"]
    base = str(api.base_url)
    problem = plaintext_problem(base)
    if problem:
        evidence.finding(msg("interfaces.base-url-plaintext", problem=problem), file="manifest",
                         pointer=f"/targets/{api.role}/base_url",
                         expected="https://", actual=base)
    elif api.base_url.scheme != "https":
        evidence.note(msg("interfaces.loopback-exempt"), base_url=base)
    for name, url in declared_endpoints(api, evidence).items():
        problem = plaintext_problem(url)
        if problem:
            evidence.finding(msg("interfaces.endpoint-plaintext", name=name, problem=problem), file=DISCOVERY,
                             pointer=f"/endpoints/{name}",
                             expected="https://", actual=url)
