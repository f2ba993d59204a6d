"""Biometric and personal data: declarations, export off the device, pseudonymous identifiers."""

import pytest

from conformance import Evidence, Inconclusive, Targets, msg
from conformance.areas.terminal.biometric import BIOMETRIC_TYPES, declaration, is_biometric
from conformance.areas.terminal.suite import analyses, nothing_judged, record, unread_captures


@pytest.mark.requirement("TD-BIO-001")
def test_biometric_streams_are_declared(targets: Targets, evidence: Evidence):
    streams = 0
    for name, analysis in analyses(targets["captures"]):
        streams += len(analysis.streams_of(*BIOMETRIC_TYPES))
        record(evidence, name, analysis.log("bio_declared"))
    if not streams:
        nothing_judged(targets, evidence, msg("terminal.no-biometric-stream", types=", ".join(BIOMETRIC_TYPES)),
                       optional=True)
        return
    evidence.note(msg("terminal.checked-biometric", count=streams, what=msg("terminal.what-biometric-streams")))


@pytest.mark.requirement("TD-BIO-002")
def test_biometric_declarations_state_their_terms(targets: Targets, evidence: Evidence):
    """A MAY: a biometric declaration stating any of purpose, retention and consent is judged (all three
    stated, in their forms); one stating none is not, and captures with no such declaration are not
    applicable (the case's 不适用 line)."""
    declared = biometric = 0
    for name, analysis in analyses(targets["captures"]):
        declared += sum(s.checked.get("bio_terms", 0) for s in analysis.streams.values())
        biometric += sum((declaration(s)[0] or {}).get("biometric") is True for s in analysis.streams.values())
        record(evidence, name, analysis.log("bio_terms"))
    if not declared:
        nothing_judged(targets, evidence, msg("terminal.no-biometric-terms", count=biometric) if biometric
                       else msg("terminal.no-biometric-declaration"), optional=True)
        return
    evidence.note(msg("terminal.checked-biometric", count=declared,
                      what=msg("terminal.what-biometric-declarations")))


@pytest.mark.requirement("TD-BIO-003")
def test_exports_hold_no_raw_biometric_stream_unless_allowed(targets: Targets, evidence: Evidence):
    exported = biometric = 0
    for name, analysis in analyses(targets["captures"]):
        if not analysis.exported:
            continue
        exported += 1
        biometric += sum(1 for s in analysis.streams.values() if s.frames and is_biometric(s))
        record(evidence, name, analysis.log("bio_export"))
        raw = [s for s in analysis.streams.values() if s.frames and is_biometric(s)
               and (declaration(s)[0] or {}).get("export") == "raw"]
        if raw:
            evidence.note(msg("terminal.exported-frames", file=name, frames=sum(s.frames for s in raw),
                              streams=len(raw)))
    if not exported:
        nothing_judged(targets, evidence, msg("terminal.no-export"), optional=True)
    elif not biometric:  # exported, but no biometric stream with frames to judge: a pass needs something judged
        nothing_judged(targets, evidence, msg("terminal.no-exported-biometric-frames",
                                              types=", ".join(BIOMETRIC_TYPES)), optional=True)


@pytest.mark.requirement("TD-BIO-004")
def test_identifiers_are_pseudonymous(targets: Targets, evidence: Evidence):
    headers = frames = 0
    for name, analysis in analyses(targets["captures"]):
        headers += analysis.checked.get("pseudonymous", 0)
        frames += analysis.checked.get("pseudonymous_frames", 0)
        record(evidence, name, analysis.log("pseudonymous"))
    if not headers and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-usable-header", count=unread_captures(targets["captures"])))
    evidence.note(msg("terminal.checked-identifiers", headers=headers, frames=frames))
