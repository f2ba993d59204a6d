"""Asset metadata: ERC-721 / ERC-1155 compatible, extended with issuer, content and rights."""

import pytest

METADATA_SCHEMA = "https://metaverse-conformance.org/schemas/assets/asset-metadata.json"


@pytest.mark.requirement("AS-META-001")
def test_asset_metadata_is_valid(targets, schemas, evidence, params):
    first_seen: dict[str, str] = {}
    required = params.required_members
    for doc in targets["asset_metadata"].documents():
        evidence.findings_from(schemas.findings(doc.data, METADATA_SCHEMA), file=doc.name)
        if isinstance(doc.data, dict):
            for member in required:
                if member not in doc.data:
                    evidence.finding(f"{member} is missing; the profile requires it", file=doc.name,
                                     pointer=f"/{member}", expected=f"a {member} member", actual=None)
        asset_id = doc.data.get("asset_id") if isinstance(doc.data, dict) else None
        if not isinstance(asset_id, str):
            continue
        if asset_id in first_seen:
            evidence.finding(
                f"asset_id {asset_id!r} is also the ID of {first_seen[asset_id]}",
                file=doc.name, pointer="/asset_id", expected="an asset_id no other document uses",
                actual=asset_id,
            )
        else:
            first_seen[asset_id] = doc.name
    evidence.note(f"{len(first_seen)} asset(s) with metadata")
