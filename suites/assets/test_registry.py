"""The asset registry over HTTP: GET /assets and GET /assets/{asset_id}."""

from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, ecma_regex, msg, reason
from conformance.area import SchemaRegistry
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem

LIST_SCHEMA = "https://metaverse-conformance.org/schemas/assets/asset-list.json"
METADATA_SCHEMA = "https://metaverse-conformance.org/schemas/assets/asset-metadata.json"
# An ID that fits the asset_id syntax but that no registry should have issued.
UNKNOWN_ASSET = "conformance-probe-unknown-asset-0000"


@pytest.mark.requirement("AS-API-001")
def test_registry_lists_and_serves_metadata(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                            params: Parameters):
    api = targets["api"]
    listing = api.get("/assets")
    if listing.status != 200:
        raise NonConformance(msg("assets.list-status", status=listing.status), file=listing.requested, expected=200,
                             actual=listing.status, rule="R1")
    if listing.media_type != "application/json":
        raise NonConformance(msg("assets.list-media-type", media_type=repr(listing.media_type)),
                             file=listing.requested,
                             expected="application/json", actual=listing.media_type, rule="R1")
    body = own_json(listing, "R1")
    if evidence.findings_from(schemas.findings(body, LIST_SCHEMA, "R1"), file=listing.requested):
        return
    # Only IDs of valid syntax are requested: a listed "../x" must not steer the harness.
    id_syntax = ecma_regex(schemas.get(METADATA_SCHEMA)["$defs"]["asset_id"]["pattern"])
    ids = [item["asset_id"] for item in body["items"] if id_syntax.search(item["asset_id"])]
    if not ids:
        raise Inconclusive(msg("assets.list-empty"))
    limit = params.max_assets
    for asset_id in ids[:limit]:
        _check_asset(api, schemas, evidence, asset_id)
    if len(ids) > limit:
        evidence.note(msg("assets.list-first-checked", limit=limit, count=len(ids)))
    if body.get("next"):
        evidence.note(msg("assets.list-more-pages"))


def _check_asset(api, schemas, evidence, asset_id):
    response = api.get(f"/assets/{quote(asset_id, safe='')}")
    where = response.requested  # where the target's paths moved it
    if response.status != 200 or response.media_type != "application/json":
        evidence.finding(msg("assets.asset-not-json", where=where), file=where,
                         expected="200 application/json",
                         actual=f"{response.status} {response.media_type}" if response.media_type
                         else msg("engine.status-no-content-type", status=response.status), rule="R2")
        return
    try:
        metadata = response.json()
    except NonConformance as exc:  # the adapter's own message (from its template, where it has one)
        evidence.finding(reason(exc), **{**exc.evidence, "file": where, "rule": "R2"})
        return
    evidence.findings_from(schemas.findings(metadata, METADATA_SCHEMA, "R2"), file=where)
    if isinstance(metadata, dict) and metadata.get("asset_id") != asset_id:
        evidence.finding(msg("assets.metadata-not-requested"), file=where,
                         pointer="/asset_id", expected=asset_id, actual=metadata.get("asset_id"), rule="R2")


@pytest.mark.requirement("AS-API-001")
def test_unknown_asset_is_404_problem(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    response = targets["api"].get(f"/assets/{UNKNOWN_ASSET}")
    check_problem(response, schemas, evidence, expected_status=404, rule="R3")
