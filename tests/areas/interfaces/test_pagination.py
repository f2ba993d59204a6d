"""IF-PAGE-001 asks within the maximum page size a platform declares. That the reference stays
conformant however many runs have grown its listing (issue 46) is the simulated week's to
show: its runs take a listing seeded here (:func:`issue_assets`) past three maximum pages
(tests/reference/test_week_of_runs.py)."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from conformance.areas.interfaces import pagination
from conformance.reference.interfaces import pagination as reference_pagination
from conformance.reference.interfaces.routes import discovery_document
from tests.assetbodies import cdn_asset
from tests.conftest import manifest_for, reference_verify


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


def issue_assets(base_url: str, count: int) -> None:
    """Issue ``count`` assets on the reference, as a long-lived registry would hold them: each a POST
    over one kept connection, by the standard library's client (the simulated week issues some 2 250:
    httpx's own work per request was about half of the seeding's CPU, client and reference together)."""
    where = urlsplit(base_url)
    connection = (http.client.HTTPSConnection(where.hostname or "", where.port, timeout=30,
                                              context=reference_verify(base_url))
                  if where.scheme == "https" else http.client.HTTPConnection(where.hostname or "", where.port,
                                                                             timeout=30))

    def post(path: str, body: Any, headers: dict[str, str]) -> tuple[int, str]:
        encoded = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
        connection.request("POST", path, body=encoded, headers={**headers, "Content-Type": "application/json"})
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")

    try:
        status, text = post("/test-identities", {}, {})
        assert status == 201, text
        holder = json.loads(text)
        headers = {"Authorization": f"Bearer {holder['token']}"}
        for n in range(count):
            status, text = post("/assets", cdn_asset(f"seeded-{n:05d}", holder["did"]), headers)
            assert status == 201, text
    finally:
        connection.close()


def _paging_verdict(result: Any) -> str:
    (judged,) = [r for r in result.report.requirements if r.requirement == "IF-PAGE-001"]
    return judged.verdict.value


#: the reference's maximum page size in the test below: smaller than the profile's page_size (100)
#: and a third of the listing, so the declared maximum is the limit IF-PAGE-001 must ask. The
#: reference's own maximum (1 000) over a listing past three of its pages is the simulated week's
#: (tests/reference/test_week_of_runs.py), not issued again here (3 010 assets, each a POST)
SMALL_MAXIMUM = 20


def test_a_listing_longer_than_three_maximum_pages_is_paged_within_the_maximum(
        catalog, serve_reference, run_manifest, monkeypatch) -> None:
    monkeypatch.setattr(reference_pagination, "MAX_LIMIT", SMALL_MAXIMUM)  # read by each request (in process)
    url = serve_reference()
    with httpx.Client(base_url=url, verify=reference_verify(url), timeout=30) as client:
        declared = client.get("/.well-known/metaverse-interop").json()["pagination"]
    assert declared == {"max_page_size": SMALL_MAXIMUM}
    issue_assets(url, 3 * SMALL_MAXIMUM + 10)
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": url})
    result = run_manifest(manifest, requirements=["IF-PAGE-001"])
    assert _paging_verdict(result) == "pass"
    (judged,) = [r for r in result.report.requirements if r.requirement == "IF-PAGE-001"]
    assert f"limit={SMALL_MAXIMUM}" in repr(judged), judged  # the declared maximum was the limit asked

