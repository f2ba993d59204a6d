"""Asset metadata: ERC-721 / ERC-1155 metadata JSON (AS-META-002), and the platform's extension
fields: identity and content (AS-META-001), rights (AS-META-003), transfer rules and content
rating (AS-META-004). Each finding names its requirement and field."""

from pathlib import Path

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas.assets import metadata


def _read_some(count: int) -> None:
    """No document read: the input the case needs is missing, an inconclusive (clause 3.23), never a pass on
    nothing. The manifest's check refuses a role whose paths match no file; this is a file gone when read."""
    if not count:
        raise Inconclusive(msg("assets.metadata-none-read"))


@pytest.mark.requirement("AS-META-002")
def test_erc_metadata(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    count = 0
    for doc in targets["asset_metadata"].documents():
        count += 1
        found = schemas.findings(doc.data, metadata.ERC_SCHEMA)
        issues = metadata.erc_findings(doc.data, found, Path(doc.name).stem)
        evidence.findings_from([f for f in issues if f.requirement == "AS-META-002"], file=doc.name)
        note = metadata.localization_note(doc.data)
        if note:
            evidence.note(note, file=doc.name, pointer="/localization/uri")
    _read_some(count)
    evidence.note(msg("assets.erc-checked", count=count))


@pytest.mark.requirement("AS-META-006")
def test_erc1155_file_names(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    count = read = 0
    for doc in targets["asset_metadata"].documents():
        read += 1
        issues = metadata.erc_findings(doc.data, [], Path(doc.name).stem)
        count += bool(metadata.names_a_token_id(Path(doc.name).stem))
        evidence.findings_from([f for f in issues if f.requirement == "AS-META-006"], file=doc.name)
    _read_some(read)
    if not count:  # no file named by a token ID holds what the case checks (clause 3.24), as AS-CONT-001's no file
        raise NotApplicable(msg("assets.token-id-files-none", count=read))
    evidence.note(msg("assets.token-id-files", count=count))


@pytest.mark.requirement("AS-META-001")
def test_asset_identity_and_content(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    count = read = 0
    for doc in targets["asset_metadata"].documents():
        read += 1
        if not metadata.carries(doc.data, metadata.IDENTITY):
            continue  # a MAY (GB/T 1.1-2020, 可): metadata carrying none of the members is not judged
        count += 1
        found = schemas.findings(doc.data, metadata.PLATFORM_SCHEMA)
        evidence.findings_from(metadata.platform_findings(doc.data, found, metadata.IDENTITY, "AS-META-001",
                                                          required=metadata.IDENTITY), file=doc.name)
    _read_some(read)
    if not count:
        raise NotApplicable(msg("assets.permitted-members-absent", members=", ".join(metadata.IDENTITY),
                                requirement="AS-META-001"))
    evidence.note(msg("assets.metadata-checked", count=count))


@pytest.mark.requirement("AS-META-005")
def test_asset_ids_are_distinct(targets: Targets, evidence: Evidence):
    first_seen: dict[str, str] = {}
    for doc in targets["asset_metadata"].documents():
        asset_id = doc.data.get("asset_id") if isinstance(doc.data, dict) else None
        if not isinstance(asset_id, str):
            continue
        if asset_id in first_seen:
            evidence.finding(
                msg("assets.duplicate-asset-id", asset=repr(asset_id), other=first_seen[asset_id]),
                file=doc.name, pointer="/asset_id", expected=msg("assets.expect-unique-asset-id"), actual=asset_id,
            )
        else:
            first_seen[asset_id] = doc.name
    evidence.note(msg("assets.assets-with-metadata", count=len(first_seen)))


@pytest.mark.requirement("AS-META-003")
def test_asset_rights(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    # a MAY (GB/T 1.1-2020, 可): metadata without rights is not judged; rights given are judged whole.
    # A document that is not a JSON object carries no rights: it is AS-META-002's to judge as metadata
    # (1.3: it was a finding here under no rule, as AS-META-004's was before its 3.1).
    carried = read = 0
    for doc in targets["asset_metadata"].documents():
        read += 1
        if not metadata.carries(doc.data, metadata.RIGHTS):
            continue
        carried += 1
        found = schemas.findings(doc.data, metadata.PLATFORM_SCHEMA)
        evidence.findings_from(metadata.platform_findings(doc.data, found, metadata.RIGHTS, "AS-META-003"),
                               file=doc.name)
    _read_some(read)
    if not carried and not evidence.findings_count:
        raise NotApplicable(msg("assets.permitted-members-absent", members="rights", requirement="AS-META-003"))


@pytest.mark.requirement("AS-META-004")
def test_transfer_rules_and_rating(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    # a MAY (GB/T 1.1-2020, 可): metadata carrying neither member is not judged; a member carried is judged
    # against the schema (3.0: no profile makes a member mandatory, a permission fails no one for not using it).
    # A document that is not a JSON object carries neither: it is AS-META-002's to judge as metadata
    # (3.1: it was a finding here under no rule; AS-META-001 passes it over too).
    carried = read = 0
    for doc in targets["asset_metadata"].documents():
        read += 1
        if not metadata.carries(doc.data, metadata.RULES):
            continue
        carried += 1
        found = schemas.findings(doc.data, metadata.PLATFORM_SCHEMA)
        evidence.findings_from(metadata.platform_findings(doc.data, found, metadata.RULES, "AS-META-004"),
                               file=doc.name)
    _read_some(read)
    if not carried and not evidence.findings_count:  # a file that does not parse is the adapter's finding
        raise NotApplicable(msg("assets.permitted-members-absent", members="transfer, content_rating",
                                requirement="AS-META-004"))
    evidence.note(msg("assets.metadata-checked", count=carried))
