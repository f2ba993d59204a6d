"""Resolution of device, product and asset identifiers over HTTP: Handle System handles and GS1
Digital Link URIs, a binding modelled on DID resolution's, and agreement of what resolution
returns with the device descriptor or asset metadata the platform serves."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body, unread
from conformance.areas._shared.ownread import UNPARSED, own_json_or_finding
from conformance.areas._shared.problems import check_problem
from conformance.areas.identifiers import resolution, syntax
from conformance.codecs.jcs import sha256_hex

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget


@pytest.mark.requirement("IR-SYN-001")
def test_listed_identifiers_are_well_formed(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    items = resolution.listed(targets["api"], schemas, evidence, judged=True)
    where = targets["api"].requested("GET", resolution.LIST_PATH)  # where the target's paths moved the list
    counts = {syntax.HANDLE: 0, syntax.DIGITAL_LINK: 0}
    for index, item in enumerate(items):
        identifier = item["identifier"]
        for problem in syntax.problems(identifier):
            evidence.finding(problem, file=where, pointer=f"/identifiers/{index}/identifier",
                             actual=identifier)
        kind = syntax.scheme(identifier)
        if kind in counts:
            counts[kind] += 1
    evidence.note(msg("identifiers.syntax-checked", count=len(items), handles=counts[syntax.HANDLE],
                      links=counts[syntax.DIGITAL_LINK]))


def _resolved(api: HttpTarget, schemas: SchemaRegistry, evidence: Evidence, reader: bool = False):
    """(identifier, kind, result) of every well-formed listed identifier that resolves; findings
    for those that do not, or whose result is not one. ``reader``: the caller only reads the
    results (IR-RES-003); how they resolve is IR-RES-001's, so an identifier that does not resolve
    to a valid result is left unjudged, naming it, not a finding."""
    out = []
    items = resolution.listed(api, schemas, evidence)
    well_formed = [item for item in items if not syntax.problems(item["identifier"])]  # the others: IR-SYN-001's
    if not well_formed:  # nothing resolved is no pass: no identifier was tried
        raise Inconclusive(msg("identifiers.none-well-formed", count=len(items)))
    for item in well_formed:
        identifier = item["identifier"]
        response = api.get(resolution.resolve_path(identifier), headers=resolution.ACCEPT)
        where = response.requested  # where the target's paths moved the resolver
        if reader:
            result, state = served_body(response)  # a body that does not parse is IR-RES-001's, never the reader's
            if isinstance(result, dict) and not schemas.findings(result, resolution.RESULT_SCHEMA):
                out.append((identifier, item.get("kind"), result))
            else:
                unread(evidence, where, msg("identifiers.resolution-of", identifier=identifier), state,
                       "IR-RES-001")
            continue
        if response.status != 200:
            evidence.finding(msg("identifiers.not-resolved", identifier=identifier), file=where, expected=200,
                             actual=response.status)
            continue
        result = own_json_or_finding(response, None, evidence)  # IR-RES-001's own read (no rules)
        if result is UNPARSED:
            continue
        found = schemas.findings(result, resolution.RESULT_SCHEMA)
        evidence.findings_from(found, file=where)
        if not isinstance(result, dict):
            continue
        if result.get("identifier") != identifier:
            evidence.finding(msg("identifiers.result-identifier"), file=where, pointer="/identifier",
                             expected=identifier, actual=result.get("identifier"))
        if result.get("scheme") != syntax.scheme(identifier):
            evidence.finding(msg("identifiers.result-scheme"), file=where, pointer="/scheme",
                             expected=syntax.scheme(identifier), actual=result.get("scheme"))
        if not found:
            out.append((identifier, item.get("kind"), result))
    return out


@pytest.mark.requirement("IR-RES-001")
def test_listed_identifiers_resolve(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    resolved = _resolved(targets["api"], schemas, evidence)
    evidence.note(msg("identifiers.resolved", count=len(resolved)))


def _problem(api: HttpTarget, identifier, status, schemas: SchemaRegistry, evidence: Evidence,
             accept=resolution.ACCEPT):
    response = api.get(resolution.resolve_path(identifier), headers=accept)
    before = evidence.findings_count
    check_problem(response, schemas, evidence, expected_status=status, schema=resolution.PROBLEM_SCHEMA)
    if evidence.findings_count == before:
        body = response.json()
        code = body.get("error") if isinstance(body, dict) else None
        if code != resolution.ERRORS[status]:
            evidence.finding(msg("identifiers.error-code", expected=resolution.ERRORS[status]),
                             file=response.requested, pointer="/error",
                             expected=resolution.ERRORS[status], actual=code)


@pytest.mark.requirement("IR-RES-002")
def test_errors_follow_the_binding(targets: Targets, params: Parameters, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    items = resolution.listed(api, schemas, evidence)
    handles = [i["identifier"] for i in items if syntax.scheme(i["identifier"]) == syntax.HANDLE
               and not syntax.problems(i["identifier"])]
    if not handles:
        raise Inconclusive(msg("identifiers.list-empty"))
    prefix = handles[0].partition("/")[0]
    unknown = f"{prefix}/conformance-unknown-{uuid.uuid4().hex}"  # a well-formed handle under a served prefix
    _problem(api, params.invalid_identifier, 400, schemas, evidence)
    _problem(api, unknown, 404, schemas, evidence)
    _problem(api, params.unsupported_identifier, 501, schemas, evidence)
    _problem(api, handles[0], 406, schemas, evidence, accept={"Accept": "image/png"})


@pytest.mark.requirement("IR-RES-003")
def test_resolution_agrees_with_what_it_describes(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    base = str(api.base_url).rstrip("/")
    compared = 0
    for identifier, kind, result in _resolved(api, schemas, evidence, reader=True):
        where = api.requested("GET", resolution.resolve_path(identifier))
        url = resolution.value_of(result, "URL")
        if not isinstance(url, str):
            evidence.finding(msg("identifiers.no-url"), file=where, pointer="/values", expected="URL", rule="R1")
            continue
        if not (url == base or url.startswith(base + "/")):
            evidence.note(msg("identifiers.url-elsewhere", url=url), file=where)
            continue
        response = api.get(url, headers=resolution.ACCEPT)
        if response.status != 200:
            evidence.finding(msg("identifiers.described-unavailable", url=url, status=response.status), file=where,
                             expected=200, actual=response.status, rule="R1")
            continue
        document = own_json_or_finding(response, "R1", evidence)  # R1: the document the platform serves
        if document is UNPARSED:
            continue
        compared += 1
        digest = resolution.value_of(result, "DESCRIBES.SHA256")
        if digest is not None and digest != sha256_hex(document):
            evidence.finding(msg("identifiers.described-digest", url=url), file=where, expected=sha256_hex(document),
                             actual=digest, rule="R2")
        member = resolution.ID_MEMBER.get(result.get("kind") or kind or "")
        declared = resolution.value_of(result, "DESCRIBES.ID")
        actual = document.get(member) if isinstance(document, dict) and member else None
        if declared is None:
            evidence.finding(msg("identifiers.no-describes-id"), file=where, pointer="/values",
                             expected="DESCRIBES.ID", rule="R1")
        elif member and declared != actual:
            evidence.finding(msg("identifiers.described-id", url=url, member=member, actual=actual, expected=declared),
                             file=where, pointer=f"/{member}", expected=declared, actual=actual, rule="R1")
    if compared == 0:
        raise Inconclusive(msg("identifiers.nothing-compared"))
    evidence.note(msg("identifiers.agreement-checked", count=compared))


@pytest.mark.requirement("IR-SEC-001")
def test_identifiers_are_resolved_over_a_secure_channel(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    """R1: the resolver is reached over https (the harness's connection verifies the chain against
    the IXIT's trust-anchor file, ``ca_bundle``, and the name; IF-TLS-001 judges the TLS server in
    full); R2: every URL value a resolution result carries, where a client goes next, is https too.
    Without the trust-anchor file R2 is not judged (inconclusive)."""
    api = targets["api"]
    if api.base_url.scheme != "https":
        evidence.finding(msg("identifiers.resolver-plaintext", scheme=api.base_url.scheme), file="manifest",
                         pointer=f"/targets/{api.role}/base_url", expected="https://", actual=str(api.base_url),
                         rule="R1")
        return
    if api.ca_bundle is None:  # the system's store differs between laboratories: no verdict rests on it
        raise Inconclusive(msg("identifiers.resolver-no-trust-anchors", role=api.role))
    checked = 0
    for identifier, _kind, result in _resolved(api, schemas, evidence, reader=True):
        where = api.requested("GET", resolution.resolve_path(identifier))
        values = result.get("values")
        for n, value in enumerate(values if isinstance(values, list) else []):
            data = value.get("data") if isinstance(value, dict) else None
            url = data.get("value") if isinstance(data, dict) and value.get("type") == "URL" else None
            if not isinstance(url, str):
                continue
            checked += 1
            if not url.lower().startswith("https://"):
                evidence.finding(msg("identifiers.resolved-url-plaintext", identifier=identifier, url=url),
                                 file=where, pointer=f"/values/{n}/data/value", expected="https://", actual=url,
                                 rule="R2")
    if checked == 0:
        raise Inconclusive(msg("identifiers.no-url-to-follow"))
    evidence.note(msg("identifiers.secure-channel-checked", count=checked))
