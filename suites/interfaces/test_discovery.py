"""Discovery: the document every other interface test starts from."""

from __future__ import annotations

import httpx
import pytest

from conformance import (
    Catalog,
    Evidence,
    Inconclusive,
    NonConformance,
    NotApplicable,
    Parameters,
    Product,
    Targets,
    TargetUnreachable,
    msg,
    reason,
)
from conformance.area import SchemaRegistry
from conformance.areas._shared.ownread import own_json
from conformance.areas.interfaces.discovery import risk_grade_findings

DISCOVERY = "/.well-known/metaverse-interop"
DISCOVERY_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/discovery.json"
#: Statuses that say "nothing here": the endpoint the document declares does not exist.
DEAD_STATUSES = (404, 410)
DEFAULT_PORTS = {"http": 80, "https": 443}


@pytest.mark.requirement("IF-DISC-001")
def test_discovery_document_is_valid(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    # the subject is the well-known location (RFC 8615 3): the origin's own, whatever the manifest's
    # `paths` say (a moved discovery endpoint serves the other cases, never this one's verdict)
    response = api.get(str(api.base_url.copy_with(raw_path=DISCOVERY.encode("ascii"))))
    if response.status != 200:
        raise AssertionError(msg("interfaces.discovery-status", path=response.url, status=response.status))
    if response.media_type != "application/json":
        raise AssertionError(msg("interfaces.discovery-media-type", media_type=repr(response.media_type)))
    document = own_json(response, None)  # IF-DISC-001's own read (it has no rules)
    evidence.findings_from(schemas.findings(document, DISCOVERY_SCHEMA), file=response.requested)


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port or DEFAULT_PORTS.get(url.scheme))


def discovery_document(api, unserved: str) -> tuple[object, str]:
    """The discovery document as JSON, and the request that read it as findings name it (the URL
    where the target's ``paths`` moved it); inconclusive (``unserved`` says why, from the status)
    when there is none to judge: whether it is served right is IF-DISC-001's verdict."""
    response = api.get(DISCOVERY)
    if response.status != 200:
        raise Inconclusive(msg(unserved, path=response.url, status=response.status))
    try:
        return response.json(), response.requested
    except NonConformance as exc:
        raise Inconclusive(msg("interfaces.discovery-unreadable", reason=reason(exc))) from None


def declared_endpoints(api) -> tuple[dict[str, str], str]:
    """The discovery document's endpoints, and the request that read them; inconclusive when no
    document is served, not applicable when it declares no endpoint (clause 3.24: the document holds
    nothing this requirement checks; whether it should is IF-DISC-001's and IF-DISC-003's to judge)."""
    document, where = discovery_document(api, "interfaces.no-endpoints-to-check")
    if not isinstance(document, dict):  # JSON, but no document to read endpoints from: IF-DISC-001's
        raise Inconclusive(msg("interfaces.discovery-unreadable", reason=msg("interfaces.discovery-not-object")))
    endpoints = document.get("endpoints")
    if not isinstance(endpoints, dict) or not endpoints:
        raise NotApplicable(msg("interfaces.no-endpoints", path=where))
    return endpoints, where


def probe(api, evidence: Evidence, where: str, name: str, value: object, timeout_s: float) -> str:
    """What a client following the discovery document finds at endpoint ``name`` (``value``, its URL): "dead"
    (not an http(s) URL, or 404, 410 or 5xx: a finding recorded), "unprobed" (another origin: the harness talks
    only to the target it was given), "unreached" (a transport failure, or no answer within ``timeout_s``, the
    profile's ``endpoint_timeout_s``: no answer of the product, unjudged, issue 59) or "answered"."""
    pointer = f"/endpoints/{name}"
    try:
        url = httpx.URL(value) if isinstance(value, str) else None
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in DEFAULT_PORTS:
        evidence.finding(msg("interfaces.not-http-url"), file=where, pointer=pointer, actual=value)
        return "dead"
    if origin(url) != origin(api.base_url):
        return "unprobed"
    try:
        status = api.get(str(url), timeout_s=timeout_s).status
    except TargetUnreachable as exc:
        evidence.unjudged(str(value), msg("interfaces.endpoint-unreached", name=name, reason=reason(exc)),
                          pointer=pointer)
        return "unreached"
    except NonConformance as exc:
        # It answered (an oversized body, a refused redirect...): the endpoint exists.
        evidence.note(msg("interfaces.endpoint-unusable", name=name, reason=reason(exc)), url=value)
        return "answered"
    if status in DEAD_STATUSES or status >= 500:
        evidence.finding(msg("interfaces.endpoint-dead", name=name), file=where, pointer=pointer,
                         expected=msg("interfaces.expect-status-not-gone"), actual=status)
        return "dead"
    return "answered"


def _unprobed(evidence: Evidence, unprobed: dict[str, str], dead: int) -> None:
    """Endpoints on another origin listed; a run with nothing dead is then undecided."""
    if unprobed:
        evidence.note(msg("interfaces.other-origin-not-contacted"), endpoints=unprobed)
        # Findings already make the test fail; only a clean run is left undecided.
        if not dead:
            raise Inconclusive(msg("interfaces.other-origin-unchecked", count=len(unprobed)))


@pytest.mark.requirement("IF-DISC-002")
def test_declared_endpoints_answer(targets: Targets, evidence: Evidence, params: Parameters):
    api = targets["api"]
    declared, where = declared_endpoints(api)
    limit = float(params.endpoint_timeout_s)
    outcomes = {name: probe(api, evidence, where, name, value, limit) for name, value in declared.items()}
    _unprobed(evidence, {n: declared[n] for n, o in outcomes.items() if o == "unprobed"},
              sum(o == "dead" for o in outcomes.values()))


@pytest.mark.requirement("IF-DISC-003")
def test_declared_profiles_have_their_endpoints(targets: Targets, catalog: Catalog, evidence: Evidence,
                                                params: Parameters):
    """A client told by the discovery document that the platform supports a profile follows the document to
    each endpoint the profile needs: each is declared, and answers (observed, as IF-DISC-002 observes every
    declared endpoint). A profile the catalog does not know is unjudged: which endpoints it needs is unknown."""
    api = targets["api"]
    # A document that is not served or not JSON is IF-DISC-001's to judge: nothing to judge here.
    document, where = discovery_document(api, "interfaces.no-discovery-to-judge")
    if not isinstance(document, dict) or not isinstance(document.get("profiles"), list):
        raise Inconclusive(msg("interfaces.no-profiles", path=where))
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    needed: dict[str, list[str]] = {}  # endpoint -> the declared profiles that need it
    unknown = 0
    for index, profile_id in enumerate(document["profiles"]):
        profile = catalog.profiles.get(profile_id) if isinstance(profile_id, str) else None
        if profile is None:
            unknown += 1
            evidence.unjudged(f"{where.split(' ', 1)[-1]}#/profiles/{index}",  # the URL, without GET
                              msg("interfaces.unknown-profile", profile=repr(profile_id)), pointer=f"/profiles/{index}")
            continue
        for key in profile.endpoints:
            needed.setdefault(key, []).append(profile_id)
    if not needed and not unknown:
        raise NotApplicable(msg("interfaces.no-profile-needs-an-endpoint", path=where))
    dead, unprobed = 0, {}
    for key, profiles in needed.items():
        if key not in endpoints:
            dead += 1
            evidence.finding(msg("interfaces.profile-endpoint-missing", profile=", ".join(profiles),
                                 endpoint=repr(key)),
                             file=where, pointer="/endpoints", expected=key, actual=sorted(endpoints))
            continue
        outcome = probe(api, evidence, where, key, endpoints[key], float(params.endpoint_timeout_s))
        if outcome == "dead":
            dead += 1
            evidence.note(msg("interfaces.profile-endpoint-dead", profile=", ".join(profiles), endpoint=repr(key)))
        elif outcome == "unprobed":
            unprobed[key] = endpoints[key]
    _unprobed(evidence, unprobed, dead)


@pytest.mark.requirement("IF-DISC-004")
def test_discovery_declares_the_risk_grade(targets: Targets, evidence: Evidence):
    document, where = discovery_document(targets["api"], "interfaces.no-discovery-to-judge")
    evidence.findings_from(risk_grade_findings(document, where))


@pytest.mark.requirement("IF-DISC-005")
def test_discovery_names_the_product_under_test(targets: Targets, product: Product, evidence: Evidence):
    document, where = discovery_document(targets["api"], "interfaces.no-discovery-to-judge")
    platform = document.get("platform") if isinstance(document, dict) else None
    platform = platform if isinstance(platform, dict) else {}
    for member, claimed in (("name", product.name), ("version", product.version)):
        if platform.get(member) != claimed:
            evidence.finding(msg("interfaces.platform-not-product", member=member),
                             file=where,
                             pointer=f"/platform/{member}", expected=claimed, actual=platform.get(member))
