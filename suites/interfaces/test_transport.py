"""Transport security: the interface and every endpoint it declares are reached over TLS, and
each TLS server met is judged by handshakes (src/conformance/areas/interfaces/tls.py)."""

from __future__ import annotations

import httpx
import pytest

from conformance import Evidence, Inconclusive, Targets, msg
from conformance.area import REQUEST_TIME_LIMIT_S
from conformance.areas._shared.dependent import served_body, unread
from conformance.areas.interfaces.tls import judge

DISCOVERY = "/.well-known/metaverse-interop"
DEFAULT_PORTS = {"https": 443}


def plaintext_problem(url: str) -> str | None:
    """Why ``url`` breaks IF-TLS-001 R1, or None when it uses https (loopback is not exempt)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return None  # not a URL at all: the discovery schema (IF-DISC-001) says so
    if parsed.scheme == "https":
        return None
    return msg("interfaces.plaintext", scheme=parsed.scheme, host=parsed.host)


def declared_endpoints(api, evidence) -> dict[str, str]:
    """The discovery document's endpoints, or none (with a note) when it cannot be read;
    the base URL is still judged then."""
    if api.base_url.scheme != "https":
        return {}  # a plaintext base URL: the document would come over it, already a finding
    document, state = served_body(api.get(DISCOVERY))  # a set-up read: the document is IF-DISC-001's to judge
    if document is None:  # the endpoints R1 names are unknown: unjudged, never passed on the base URL alone
        unread(evidence, f"GET {DISCOVERY}", msg("interfaces.declared-endpoints"), state, "IF-DISC-001")
        return {}
    endpoints = document.get("endpoints") if isinstance(document, dict) else None
    if not isinstance(endpoints, dict):
        evidence.note(msg("interfaces.only-base-url", path=DISCOVERY))
        return {}
    return {k: v for k, v in endpoints.items() if isinstance(v, str)}


def _origin(url: str) -> tuple[str, int] | None:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return None
    if parsed.scheme != "https" or not parsed.host:
        return None
    return parsed.host, parsed.port or DEFAULT_PORTS["https"]


@pytest.mark.requirement("IF-TLS-001")
def test_interface_uses_tls(targets: Targets, evidence: Evidence):
    api = targets["api"]
    base = str(api.base_url)
    problem = plaintext_problem(base)
    if problem:
        evidence.finding(msg("interfaces.base-url-plaintext", problem=problem), file="manifest",
                         pointer=f"/targets/{api.role}/base_url", rule="R1",
                         expected="https://", actual=base)
    endpoints = declared_endpoints(api, evidence)
    origins = {o: "base_url" for o in [_origin(base)] if o}
    for name, url in sorted(endpoints.items()):
        problem = plaintext_problem(url)
        if problem:
            evidence.finding(msg("interfaces.endpoint-plaintext", name=name, problem=problem), file=DISCOVERY,
                             pointer=f"/endpoints/{name}", rule="R1", expected="https://", actual=url)
        origin = _origin(url)
        if origin and origin not in origins:
            origins[origin] = name
    trust = getattr(api, "ca_bundle", None)
    unanchored = 0
    for (host, port), name in origins.items():
        judged = judge(host, port, trust, timeout=REQUEST_TIME_LIMIT_S)  # an offer not answered is refused
        where = f"{host}:{port}"
        evidence.note(msg("interfaces.tls-observed", origin=where, anchors=str(trust)) if trust
                      else msg("interfaces.tls-observed-unanchored", origin=where), observed=judged.observed)
        if "unreached" in judged.notes:  # no server answered there: not a finding of R2, which judges a server
            evidence.unjudged(where, msg("interfaces.tls-unreached", origin=where))
        elif "no-handshake" in judged.notes:
            evidence.note(msg("interfaces.tls-no-handshake", origin=where))
        if "no-anchors" in judged.notes:  # 2.1: the IXIT's trust anchors, never the laboratory's store
            unanchored += 1
            evidence.note(msg("interfaces.tls-no-anchors", origin=where))
        for rule, key, members in judged.findings:
            evidence.finding(msg(key, origin=where, **members), rule=rule,
                             file=where, pointer=f"/{name}")
    if unanchored and not evidence.first_finding():
        raise Inconclusive(msg("interfaces.tls-unjudged-anchors", count=unanchored))
