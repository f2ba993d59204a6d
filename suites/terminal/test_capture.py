"""Terminal captures: structure, time order, and agreement with the device descriptor."""

import pytest

from conformance import Evidence, Inconclusive, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas.terminal.suite import HEADER_SCHEMA, analyses, record


@pytest.mark.requirement("TD-CAP-001")
def test_capture_is_well_formed(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    for name, analysis in analyses(targets["captures"]):
        if analysis.header is not None:
            evidence.findings_from(schemas.findings(analysis.header, HEADER_SCHEMA, "R2"), file=name, line=1)
        record(evidence, name, analysis.log("structure"))
        evidence.note(msg("terminal.capture-size", file=name, lines=analysis.lines, streams=len(analysis.streams)))


@pytest.mark.requirement("TD-CAP-002")
def test_timestamps_increase_per_stream(targets: Targets, evidence: Evidence):
    frames = 0
    for name, analysis in analyses(targets["captures"]):
        if not analysis.header_usable:  # recorded unjudged by analyses()
            continue
        record(evidence, name, analysis.log("order"))
        frames += sum(s.frames for s in analysis.streams.values())
    if not frames and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-frames"))


@pytest.mark.requirement("TD-DESC-002")
def test_streams_match_the_device_descriptor(targets: Targets, evidence: Evidence):
    streams = 0
    for name, analysis in analyses(targets["captures"]):
        if not analysis.offers:  # no usable descriptor: the header schema (TD-CAP-001) says why
            evidence.unjudged(name, msg("terminal.streams-not-compared", file=name))
            continue
        streams += len(analysis.streams)
        record(evidence, name, analysis.log("descriptor"))
    if not streams and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-offers"))
    evidence.note(msg("terminal.compared-streams", count=streams))
