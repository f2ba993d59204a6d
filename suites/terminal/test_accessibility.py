"""Accessibility declarations of device descriptors (W3C XR Accessibility User Requirements), and the input
modes they claim seen in a capture (TD-ACC-003)."""

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas.terminal.accessibility import MIN_FRAMES, inconsistencies, unseen_modes
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses

ACCESSIBILITY = "https://metaverse-conformance.org/schemas/terminal/device-descriptor.json#/$defs/accessibility"


def _descriptors(targets: Targets, evidence: Evidence):
    """The descriptors that are JSON objects; one that parses to another value breaks annex E.5 (the descriptor is an
    object) and fails, as malformed JSON does (a finding already), rather than leaving the case unjudged (c4)."""
    for doc in targets["descriptors"].documents():
        if isinstance(doc.data, dict):
            yield doc
        else:
            evidence.finding(msg("terminal.descriptor-not-object", file=doc.name), file=doc.name, pointer="",
                             expected="object", actual=type(doc.data).__name__)


@pytest.mark.requirement("TD-ACC-001")
def test_accessibility_is_declared(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    checked = declared = 0
    for doc in _descriptors(targets, evidence):
        checked += 1
        access = doc.data.get("accessibility")
        if access is None:
            continue  # a MAY (GB/T 1.1-2020, 可): a descriptor declaring no accessibility is not judged
        declared += 1
        for found in schemas.iter_findings(access, ACCESSIBILITY):
            evidence.finding(found.message, file=doc.name, pointer="/accessibility" + (found.pointer or ""),
                             check=found.extra.get("check"))
    if not checked and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-descriptor"))
    if not declared:  # the permitted declaration was not made
        raise NotApplicable(msg("terminal.no-accessibility"))
    evidence.note(msg("terminal.checked-descriptors", count=declared))


@pytest.mark.requirement("TD-ACC-002")
def test_accessibility_claims_agree_with_the_offers(targets: Targets, evidence: Evidence):
    read = checked = 0
    for doc in _descriptors(targets, evidence):
        read += 1
        if not isinstance(doc.data.get("accessibility"), dict):
            continue  # a MAY: a descriptor declaring no accessibility is not judged
        checked += 1
        evidence.findings_from(inconsistencies(doc.data), file=doc.name)
    if not read and not evidence.findings_count:  # no descriptor is a missing input, as for TD-ACC-001
        raise Inconclusive(msg("terminal.no-descriptor"))
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg("terminal.no-accessibility"))
    evidence.note(msg("terminal.checked-descriptors", count=checked))


@pytest.mark.requirement("TD-ACC-003")
def test_the_claimed_input_modes_are_seen_in_the_capture(targets: Targets, evidence: Evidence):
    """Each input mode (controller, head, hand, eye_gaze) a capture's own descriptor claims in its accessibility
    declaration is delivered by a stream of it with at least MIN_FRAMES frames in that capture, recorded while
    the test case exercises every claimed mode. A capture claiming none of them is not judged."""
    if "captures" not in targets:
        raise Inconclusive(msg("terminal.no-access-captures"))
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        descriptor = analysis.header.get("device") if isinstance(analysis.header, dict) else None
        streams = [(s.type, s.spec.get("path"), s.frames) for s in analysis.streams.values()]
        unseen = unseen_modes(descriptor, streams)
        if unseen is None:
            continue
        judged += 1
        for k, mode, kind, paths in unseen:
            finding(evidence, msg("terminal.access-mode-unseen", mode=mode, kind=kind, paths=paths, fewest=MIN_FRAMES),
                    file=name, line=1, pointer=f"/device/accessibility/input_modes/{k}", actual=mode,
                    expected=f">= {MIN_FRAMES} frames of a {kind} stream")
        if not unseen:
            evidence.note(msg("terminal.access-modes-seen", file=name,
                              modes=", ".join(m for m in descriptor["accessibility"]["input_modes"] if m != "voice")))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-access-modes"))
