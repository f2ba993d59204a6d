"""Accessibility declarations of device descriptors (W3C XR Accessibility User Requirements)."""

import pytest

from conformance import Inconclusive, msg
from conformance.areas.terminal.accessibility import inconsistencies

ACCESSIBILITY = "https://metaverse-conformance.org/schemas/terminal/device-descriptor.json#/$defs/accessibility"


def _descriptors(targets):
    for doc in targets["descriptors"].documents():  # malformed JSON is a finding already
        if isinstance(doc.data, dict):
            yield doc


@pytest.mark.requirement("TD-ACC-001")
def test_accessibility_is_declared(targets, schemas, evidence):
    checked = 0
    for doc in _descriptors(targets):
        checked += 1
        access = doc.data.get("accessibility")
        if access is None:
            evidence.finding(msg("terminal.access-missing"), file=doc.name, pointer="/accessibility")
            continue
        for found in schemas.iter_findings(access, ACCESSIBILITY):
            evidence.finding(found.message, file=doc.name, pointer="/accessibility" + (found.pointer or ""),
                             rule=found.rule)
    if not checked and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-descriptor"))
    evidence.note(msg("terminal.checked-descriptors", count=checked))


@pytest.mark.requirement("TD-ACC-002")
def test_accessibility_claims_agree_with_the_offers(targets, evidence):
    checked = 0
    for doc in _descriptors(targets):
        if not isinstance(doc.data.get("accessibility"), dict):
            continue  # TD-ACC-001's finding
        checked += 1
        evidence.findings_from(inconsistencies(doc.data), file=doc.name)
    if not checked and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-accessibility"))
    evidence.note(msg("terminal.checked-descriptors", count=checked))
