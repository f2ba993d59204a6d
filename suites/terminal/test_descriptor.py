"""Device capability descriptors (files)."""

import pytest

from conformance import Inconclusive, msg

DESCRIPTOR = "https://metaverse-conformance.org/schemas/terminal/device-descriptor.json"


@pytest.mark.requirement("TD-DESC-001")
def test_descriptor_is_valid(targets, schemas, evidence):
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
