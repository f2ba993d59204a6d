"""Terminal captures (NDJSON): structure, time order, poses and rates.

Each capture is read once per run, streaming (conformance.checks.capture); the four
tests share that one analysis and each records the findings of its own requirement.
"""

from collections.abc import Iterator

import pytest

from conformance import Inconclusive, NotApplicable
from conformance.checks.capture import CaptureAnalysis, IssueLog, analyse, effective_rates

HEADER_SCHEMA = "https://metaverse-conformance.org/schemas/terminal/capture-header.json"
_CACHE: dict[tuple[str, int, int], CaptureAnalysis] = {}
_CACHE_SIZE = 16


def _analyses(files) -> Iterator[tuple[str, CaptureAnalysis]]:
    """(display name, analysis) of each capture file, analysed once per file version."""
    for path in files.files():
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in _CACHE:
            with files.open(path) as stream:
                analysis = analyse(stream)
            while len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = analysis
        yield files.display_name(path), _CACHE[key]


def _record(evidence, name: str, log: IssueLog) -> None:
    for issue in log.detailed:
        evidence.finding(issue.message, file=name, **issue.location())
    if log.omitted:
        evidence.finding(f"{log.omitted} more like these, not listed (the first {len(log.detailed)} are)",
                         file=name, count=log.omitted)


@pytest.mark.requirement("TD-CAP-001")
def test_capture_is_well_formed(targets, schemas, evidence):
    for name, analysis in _analyses(targets["captures"]):
        if analysis.header is not None:
            evidence.findings_from(schemas.findings(analysis.header, HEADER_SCHEMA), file=name, line=1)
        _record(evidence, name, analysis.structure)
        evidence.note(f"{name}: {analysis.lines} line(s), {len(analysis.streams)} stream(s)")


@pytest.mark.requirement("TD-CAP-002")
def test_timestamps_increase_per_stream(targets, evidence):
    frames = 0
    for name, analysis in _analyses(targets["captures"]):
        if not analysis.header_usable:
            evidence.note(f"{name}: no usable header, frames not read (see TD-CAP-001)")
            continue
        _record(evidence, name, analysis.order)
        frames += sum(s.frames for s in analysis.streams.values())
    if not frames and not evidence.findings_count:
        raise Inconclusive("the captures hold no frames of declared streams")


@pytest.mark.requirement("TD-POSE-001")
def test_pose_orientations_are_unit_quaternions(targets, evidence):
    pose_streams = checked = exempt = unread = 0
    for name, analysis in _analyses(targets["captures"]):
        unread += not analysis.header_usable
        streams = [s for s in analysis.streams.values() if s.type == "pose"]
        pose_streams += len(streams)
        checked += sum(s.pose_checked for s in streams)
        exempt += sum(s.pose_exempt for s in streams)
        _record(evidence, name, analysis.pose)
    if not pose_streams:
        if unread:
            raise Inconclusive(f"{unread} capture(s) have no usable header (see TD-CAP-001)")
        raise NotApplicable("the captures declare no pose stream")
    if exempt:
        evidence.note(f"{exempt} pose frame(s) flag their orientation as not valid: not checked")
    if not checked and not evidence.findings_count:
        raise Inconclusive("no pose frame has an orientation flagged valid")
    evidence.note(f"checked {checked} orientation(s)")


@pytest.mark.requirement("TD-RATE-001")
def test_streams_run_at_declared_rate(targets, evidence, params):
    tolerance = params.get("rate_tolerance", 0.05)
    measured_any = False
    for name, analysis in _analyses(targets["captures"]):
        measured, unmeasured = effective_rates(analysis)
        for rate in measured:
            measured_any = True
            summary = f"stream {rate.stream!r}: {rate.effective_hz:.3f} Hz effective over " \
                      f"{rate.frames} frames, {rate.declared_hz:g} Hz declared"
            if rate.deviation() > tolerance:
                evidence.finding(f"{summary}: {rate.deviation():.1%} off", file=name,
                                 stream=rate.stream, actual=round(rate.effective_hz, 3),
                                 expected=f"{rate.declared_hz:g} Hz within {tolerance:.1%}")
            else:
                evidence.note(f"{name}: {summary}")
        if unmeasured:
            evidence.note(f"{name}: too few frames to measure the rate of {', '.join(unmeasured)}")
    if not measured_any and not evidence.findings_count:
        raise Inconclusive("no stream declares rate_hz and has two or more frames")
