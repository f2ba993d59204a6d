"""IF-PAGE-001 asks within the maximum page size a platform declares, and the reference stays
conformant however many runs have grown its listing (issue 46)."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
import yaml

from conformance.adapters.deadline import verifying_context
from conformance.areas.interfaces import pagination
from conformance.reference.interfaces import pagination as reference_pagination
from conformance.reference.interfaces.routes import discovery_document
from tests.conftest import ROOT, manifest_for

CONTRACT = ROOT / "schemas" / "interfaces" / "platform.openapi.yaml"

#: The profiles whose runs exercise pagination: IF-PAGE-001's, and those that issue assets
#: (the listing grows with every run).
PAGING_PROFILES = ("interfaces-core", "asset-registry", "asset-trading")


@pytest.mark.parametrize(("document", "declared"), [
    ({"pagination": {"max_page_size": 250}}, 250),
    ({"pagination": {"max_page_size": 1}}, 1),
    ({}, None),
    ([], None),
    ({"pagination": 250}, None),
    ({"pagination": {"max_page_size": 0}}, None),
    ({"pagination": {"max_page_size": "250"}}, None),
    ({"pagination": {"max_page_size": True}}, None),
    ({"pagination": {"max_page_size": 2.5}}, None),
])
def test_the_declared_maximum_page_size_is_read_when_usable(document: Any, declared: int | None) -> None:
    assert pagination.declared_max_page_size(document) == declared


def test_the_reference_declares_the_largest_page_it_serves() -> None:
    document = discovery_document("https://platform.example", frozenset())
    assert document["pagination"] == {"max_page_size": reference_pagination.MAX_LIMIT}


def _issue_assets(base_url: str, count: int) -> None:
    """Issue ``count`` assets on the reference, as a long-lived registry would hold them."""
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    example = contract["paths"]["/assets"]["post"]["requestBody"]["content"]["application/json"]["example"]
    with httpx.Client(base_url=base_url, verify=verifying_context(), timeout=30) as client:
        holder = client.post("/test-identities", json={})
        assert holder.status_code == 201, holder.text
        headers = {"Authorization": f"Bearer {holder.json()['token']}"}
        for n in range(count):
            body = copy.deepcopy(example)
            # content on another origin (a CDN): the harness fetches only what the registry serves (AS-CONT-002)
            body["image"] = "https://cdn.example/" + body["image"]
            for part in body["content"]:
                part["uri"] = "https://cdn.example/" + part["uri"]
            body["asset_id"] = f"seeded-{n:05d}"
            body["issuer"] = holder.json()["did"]
            answer = client.post("/assets", json=body, headers=headers)
            assert answer.status_code == 201, answer.text


def _manifest_claiming(catalog: Any, profiles: tuple[str, ...], url: str) -> dict[str, Any]:
    """One manifest claiming each of ``profiles`` (their roles served at ``url``), as the demo claims them."""
    parts = [manifest_for(catalog, p, base_urls={"api": url}) for p in profiles]
    return {**parts[0], "profiles": [c for part in parts for c in part["profiles"]],
            "targets": {role: t for part in parts for role, t in part["targets"].items()}}


def _paging_verdict(result: Any) -> str:
    (judged,) = [r for r in result.report.requirements if r.requirement == "IF-PAGE-001"]
    return judged.verdict.value


def test_a_listing_longer_than_three_maximum_pages_is_paged_within_the_maximum(
        catalog, serve_reference, run_manifest) -> None:
    url = serve_reference()
    _issue_assets(url, 3 * reference_pagination.MAX_LIMIT + 10)
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": url})
    result = run_manifest(manifest, requirements=["IF-PAGE-001"])
    assert _paging_verdict(result) == "pass"


#: the model-based sequences (AS-REG-005, AS-TRADE-007) each run of the ten runs below
STATEFUL_EXAMPLES = 4
#: fewer assets than the ten runs issue at that count (the assertion at the end of the test
#: fails if they no longer take the listing past three pages)
RUNS_ISSUE_AT_LEAST = 150


@pytest.mark.slow
def test_the_reference_stays_conformant_over_ten_runs(catalog, serve_reference, tmp_path, run_manifest) -> None:
    url = serve_reference()
    # a registry that has served runs for a while already: the runs below take it past three
    # times the page size the reference serves (asserted below)
    seeded = 3 * reference_pagination.MAX_LIMIT - RUNS_ISSUE_AT_LEAST
    _issue_assets(url, seeded)
    manifest = _manifest_claiming(catalog, PAGING_PROFILES, url)
    for claim in manifest["profiles"]:
        if claim["id"] in ("asset-registry", "asset-trading"):
            # a tenth of the default 40 sequences (at 10, the two model-based tests took 43 s
            # of a run's 50 s of tests; each has known-bad cases of its own at the default
            # count, tests/e2e/test_known_bad.py): every requirement
            # of the three profiles still runs ten times while the listing grows past three
            # pages (asserted below)
            claim["parameters"] = {**claim.get("parameters", {}), "stateful_examples": STATEFUL_EXAMPLES}
    for n in range(10):
        result = run_manifest(manifest, out_dir=tmp_path / f"run-{n}")
        failed = [r.requirement for r in result.report.requirements if r.verdict.value == "fail"]
        outcomes = {p.id: p.outcome.value for p in result.report.profiles}
        assert not failed and set(outcomes.values()) == {"conformant"}, (n, failed, outcomes)
        assert _paging_verdict(result) == "pass", n
    with httpx.Client(base_url=url, verify=verifying_context(), timeout=30) as client:
        listed = client.get("/assets").json()["items"]
    assert len(listed) > 3 * reference_pagination.MAX_LIMIT, (seeded, len(listed))
