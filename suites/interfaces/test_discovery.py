"""Discovery: the document every other interface test starts from."""

from __future__ import annotations

import httpx
import pytest

from conformance import Inconclusive, NonConformance, TargetUnreachable

DISCOVERY = "/.well-known/metaverse-interop"
DISCOVERY_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/discovery.json"
#: Statuses that say "nothing here": the endpoint the document declares does not exist.
DEAD_STATUSES = (404, 410)
DEFAULT_PORTS = {"http": 80, "https": 443}


@pytest.mark.requirement("IF-DISC-001")
def test_discovery_document_is_valid(targets, schemas, evidence):
    response = targets["api"].get(DISCOVERY)
    assert response.status == 200, f"GET {DISCOVERY} answered {response.status}, expected 200"
    assert response.media_type == "application/json", (
        f"Content-Type is {response.media_type!r}, expected 'application/json'"
    )
    evidence.findings_from(schemas.findings(response.json(), DISCOVERY_SCHEMA), file=DISCOVERY)


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port or DEFAULT_PORTS.get(url.scheme))


def declared_endpoints(api) -> dict[str, str]:
    """The discovery document's endpoints; inconclusive when there is none to judge
    (whether the document itself is right is IF-DISC-001's verdict)."""
    response = api.get(DISCOVERY)
    if response.status != 200:
        raise Inconclusive(f"GET {DISCOVERY} answered {response.status}: no endpoints to check")
    try:
        document = response.json()
    except NonConformance as exc:
        raise Inconclusive(f"the discovery document cannot be read: {exc}") from None
    endpoints = document.get("endpoints") if isinstance(document, dict) else None
    if not isinstance(endpoints, dict) or not endpoints:
        raise Inconclusive(f"{DISCOVERY} declares no endpoints")
    return endpoints


@pytest.mark.requirement("IF-DISC-002")
def test_declared_endpoints_answer(targets, evidence):
    api = targets["api"]
    unprobed: dict[str, str] = {}
    dead = 0
    for name, value in declared_endpoints(api).items():
        pointer = f"/endpoints/{name}"
        try:
            url = httpx.URL(value) if isinstance(value, str) else None
        except httpx.InvalidURL:
            url = None
        if url is None or url.scheme not in DEFAULT_PORTS:
            dead += 1
            evidence.finding("not an http(s) URL", file=DISCOVERY, pointer=pointer, actual=value)
            continue
        # The harness talks only to the target it was given, never to hosts a target names.
        if origin(url) != origin(api.base_url):
            unprobed[name] = value
            continue
        try:
            status = api.get(str(url)).status
        except TargetUnreachable as exc:
            dead += 1
            evidence.finding(f"no answer: {exc}", file=DISCOVERY, pointer=pointer, actual=value)
            continue
        except NonConformance as exc:
            # It answered (an oversized body, a refused redirect...): the endpoint exists.
            evidence.note(f"{name} answered, though the answer was not usable: {exc}", url=value)
            continue
        if status in DEAD_STATUSES or status >= 500:
            dead += 1
            evidence.finding(f"{name} does not answer usefully", file=DISCOVERY, pointer=pointer,
                             expected="a status other than 404, 410 or 5xx", actual=status)
    if unprobed:
        evidence.note("endpoints on another origin than the target were not contacted", endpoints=unprobed)
        # Findings already make the test fail; only a clean run is left undecided.
        if not dead:
            raise Inconclusive(f"{len(unprobed)} endpoint(s) on another origin could not be checked")


@pytest.mark.requirement("IF-DISC-003")
def test_declared_profiles_have_their_endpoints(targets, catalog, evidence):
    response = targets["api"].get(DISCOVERY)
    document = response.json() if response.status == 200 else None
    if not isinstance(document, dict) or not isinstance(document.get("profiles"), list):
        raise Inconclusive(f"{DISCOVERY} declares no profiles (IF-DISC-001 judges the document)")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    for index, profile_id in enumerate(document["profiles"]):
        profile = catalog.profiles.get(profile_id)
        if profile is None:
            evidence.note(f"{profile_id!r} is not a profile of this catalog", pointer=f"/profiles/{index}")
            continue
        for key in profile.endpoints:
            if key not in endpoints:
                evidence.finding(f"profile {profile_id} is declared but its endpoint {key!r} is not",
                                 file=DISCOVERY, pointer="/endpoints", expected=key,
                                 actual=sorted(endpoints))
