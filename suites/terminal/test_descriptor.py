"""Device capability descriptors (files)."""

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Product, Targets, msg
from conformance.area import SchemaRegistry

DESCRIPTOR = "https://metaverse-conformance.org/schemas/terminal/device-descriptor.json"


@pytest.mark.requirement("TD-DESC-001")
def test_descriptor_is_valid(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    checked = 0
    for doc in targets["descriptors"].documents():  # malformed JSON is a finding already
        checked += 1
        evidence.findings_from(schemas.findings(doc.data, DESCRIPTOR), file=doc.name)
        offers = doc.data.get("offers") if isinstance(doc.data, dict) else None
        seen: set[str] = set()
        for index, offer in enumerate(offers if isinstance(offers, list) else []):
            sid = offer.get("id") if isinstance(offer, dict) else None
            if isinstance(sid, str) and sid in seen:
                evidence.finding(msg("terminal.offer-id-twice", sid=repr(sid)), file=doc.name,
                                 pointer=f"/offers/{index}/id", actual=sid)
            if isinstance(sid, str):
                seen.add(sid)
    if not checked and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-descriptor"))
    evidence.note(msg("terminal.checked-descriptors", count=checked))


@pytest.mark.requirement("TD-DESC-003")
def test_descriptors_describe_the_product_under_test(targets: Targets, product: Product, evidence: Evidence):
    if not product.model:
        raise NotApplicable(msg("terminal.no-product-model"))
    checked = 0
    for doc in targets["descriptors"].documents():
        if not isinstance(doc.data, dict):
            continue  # TD-DESC-001's finding
        checked += 1
        for member, claimed in (("vendor", product.vendor), ("model", product.model)):
            if claimed is not None and doc.data.get(member) != claimed:
                evidence.finding(msg("terminal.descriptor-not-product", member=member), file=doc.name,
                                 pointer=f"/{member}", expected=claimed, actual=doc.data.get(member))
    if not checked and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-descriptor"))
