"""What the terminal suites share: one analysis per capture file, and recording findings.

Each capture is read once per run (streaming); every test takes the findings of its own
rule from that one analysis, kept with the run's file target (``files.derived``), not in a
process-wide cache.

One rule for captures that cannot be read, in one place: a capture whose header cannot be read or parsed leaves
its streams unjudged, so a check over a set of captures passes only when every one is read. :func:`analyses` is
the seam: every terminal check reads its captures through it, and it records each such capture as unjudged
(``terminal.frames-not-read``) on the running test's evidence (``current_evidence``: the session binds it around
the test both in a pytest session and in a direct run, ``_run/direct.py``), once per evidence however many
times the test iterates, so no check calls it itself. A check that judges the header (TD-CAP-001, TD-DESC-*)
keeps its findings: a fail outranks inconclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from conformance import Inconclusive, Message, NotApplicable, current_evidence, msg
from conformance.area import opened

from .model import RULES, CaptureAnalysis, IssueLog, StreamStats
from .reader import analyse

if TYPE_CHECKING:
    from conformance import Evidence, FileTarget, Finding, Targets

HEADER_SCHEMA = "https://metaverse-conformance.org/schemas/terminal/capture-header.json"


def analyses(files: FileTarget, named: str | None = None) -> Iterator[tuple[str, CaptureAnalysis]]:
    """(display name, analysis) of each capture file (only those whose file name is ``named``, when given),
    analysed once per run; each whose header is unusable is recorded unjudged on the running test's evidence
    before the first is yielded (the module's rule), so a test that stops early has recorded them all."""
    found = []
    for path in files.files():
        if named is not None and path.name != named:
            continue
        key = ("capture-analysis", str(path))
        if key not in files.derived:
            stream = opened(files, path)
            if stream is None:  # refused by the test equipment: left unjudged (in every test that asks)
                continue
            with stream:
                files.derived[key] = analyse(stream)
        found.append((files.display_name(path), files.derived[key]))
    evidence = current_evidence()
    for name, analysis in found:
        if not analysis.header_usable and name not in evidence.unjudged_inputs:  # once per evidence
            evidence.unjudged(name, msg("terminal.frames-not-read", file=name))
    yield from found


def unread_captures(files: FileTarget) -> int:
    """How many captures have a header that is unusable (each recorded unjudged by :func:`analyses`)."""
    return sum(not analysis.header_usable for _, analysis in analyses(files))


@dataclass(frozen=True)
class BenchTexts:
    """A bench measurement's message keys, written out by its suite test: a stream not judged (and
    why), a trace cut short, no stream judged (the first reason), no measuring stream at all.
    ``in_scope``: the reasons of ``measure`` that leave a stream the case measures unjudged (no declared
    detector, too few samples...), recorded as unjudged so that an otherwise passing run is inconclusive
    (the terminal area's rule, as TD-PERF-002); any other reason names a stream outside the case (the
    device's own report, a stream measuring something else) and stays a note. Empty for a case whose
    reasons are not yet sorted (the thirty-fourth reading's c11: each caller sorts its own). ``bounded``: the
    trace's cap is a reading bound 5.1 states, past which the stream is unjudged, as :func:`past_bound` records
    (sixty-eighth reading, c3: the bench cases whose record past the cap was a note, so they passed on what was
    kept); False, a trace cut short is a note."""

    unjudged: str
    capped: str
    none_judged: str
    none: str
    in_scope: frozenset[str] = frozenset()
    bounded: bool = False


class Kept(Protocol):
    """What a bench keeps of a measuring stream (a bench_trace.Trace, a tactile.Readings...): how many
    readings it kept, and how many past its cap it dropped."""

    @property
    def kept(self) -> int: ...

    @property
    def dropped(self) -> int: ...


#: what a bench's ``measure`` finds when a stream can be judged
Found = TypeVar("Found")


def benches(files: FileTarget, evidence: Evidence, kind: str,
            measure: Callable[[CaptureAnalysis, StreamStats], Found | tuple[str, dict[str, object]]],
            trace_of: Callable[[StreamStats], Kept | None],
            texts: BenchTexts) -> Iterator[tuple[str, CaptureAnalysis, StreamStats, Found]]:
    """(file, analysis, the stream, what ``measure`` found) of each measuring stream of type ``kind`` that can be
    judged (TD-HAPT-003, TD-FORCE-004); one that cannot is recorded with its reason (unjudged when
    the reason is in ``texts.in_scope``, else noted), a trace cut short is noted, and when none is judged and nothing was found the requirement is inconclusive."""
    judged, reasons = 0, []
    for name, analysis in analyses(files):
        for stats in analysis.streams_of(kind):
            got = measure(analysis, stats)
            if isinstance(got, tuple):
                key, values = got
                reasons.append(msg(key, **values))
                said = msg(texts.unjudged, file=name, sid=repr(stats.id), reason=reasons[-1])
                if key in texts.in_scope:
                    evidence.unjudged(name, said)
                    if texts.bounded:  # a record cut at the bound is named, whatever else left it unjudged
                        past_bound(evidence, name, stats.id, trace_of(stats), texts.capped)
                else:
                    evidence.note(said)
                continue
            judged += 1
            trace = trace_of(stats)
            if texts.bounded:
                past_bound(evidence, name, stats.id, trace, texts.capped)
            elif trace is not None and trace.dropped:
                evidence.note(msg(texts.capped, file=name, sid=repr(stats.id), kept=trace.kept, dropped=trace.dropped))
            yield name, analysis, stats, got
    if not judged and not evidence.findings_count:
        if reasons:
            raise Inconclusive(msg(texts.none_judged, count=len(reasons), reason=reasons[0]))
        raise Inconclusive(msg(texts.none))


def past_bound(evidence: Evidence, name: str, sid: str, kept: Kept | None, key: str) -> None:
    """A record of stream ``sid`` holding more than the reading bound its cap is (what it ``kept``, and ``dropped``
    past it): unjudged, naming the bound in message ``key`` (file, sid, kept, dropped), so the case is at best
    inconclusive; what was kept is judged still, and a finding in it stands (5.1: what lies past a bound is not
    judged and is no finding by itself)."""
    if kept is not None and kept.dropped:
        evidence.unjudged(name, msg(key, file=name, sid=repr(sid), kept=kept.kept, dropped=kept.dropped))


def with_check(found: Finding, key: str | None, rule: str | None = None) -> Finding:
    """``found`` with the reader's log ``key`` as its ``check`` and, when it names none, ``rule``."""
    extra = found.extra if key is None or "check" in found.extra else {**found.extra, "check": key}
    return replace(found, rule=found.rule or rule, extra=extra)


def record(evidence: Evidence, name: str, log: IssueLog, rule: str | None = None) -> None:
    """Record a log's findings about file ``name``. A finding's rule is the R-number of the requirement's
    rule it breaks (issue 76): the one set where it was built, else ``rule``, the R-number the recording test
    gives the whole log (None: its requirement defines no rules, or a finding names its own); the log's key,
    the reader's own item, goes to the finding's ``check``."""
    evidence.findings_from((with_check(f, log.key, rule) for f in log.detailed), file=name)
    if log.omitted:
        # Counted into the report's note of what was left out about this file ("N more items
        # about X omitted"): a finding saying so would itself be left out, since the report
        # keeps as many items per file as the analysis details.
        evidence.note(msg("terminal.more-like-these", count=log.omitted, listed=len(log.detailed)),
                      file=name, check=log.key, omitted=log.omitted)


def nothing_judged(targets: Targets, evidence: Evidence, absent: Message, *, optional: bool = False) -> None:
    """After a test that judges streams itself: nothing when it recorded a finding, else
    inconclusive, saying why (captures whose header is unusable, else ``absent``). ``optional``: the captures
    need not hold what the test checks (its case's 不适用 line), so without it the test is not applicable."""
    if evidence.findings_count:
        return
    unread = unread_captures(targets.file("captures"))
    if unread:
        raise Inconclusive(msg("terminal.no-usable-header", count=unread))
    raise (NotApplicable if optional else Inconclusive)(absent)


def check_rule(targets: Targets, evidence: Evidence, key: str, types: tuple[str, ...], what: Message,
               rule: str | None = None, *, unparsed: bool = False) -> None:
    """Record the findings of the log ``key`` over the streams of ``types`` (``rule``: as :func:`record`);
    inconclusive when the captures hold no such stream, or nothing was checked. ``what`` names what is
    counted ("hand joint(s)"), a message so that it reads in the report's language. The calling
    test is marked with the log's requirement, ``RULES[key]`` (tests/areas/terminal/test_rules.py
    holds them to it). With ``unparsed``, a frame of those streams that is there but does not parse is
    this case's finding too (``unparsed_frames``, under ``rule``), for a case that judges every frame of its streams."""
    if key not in RULES:
        raise ValueError(f"no rule {key!r} in the terminal rule registry (RULES: {', '.join(RULES)})")
    streams: list[StreamStats] = []
    unread = unread_captures(targets.file("captures"))
    for name, analysis in analyses(targets.file("captures")):
        streams += analysis.streams_of(*types)
        record(evidence, name, analysis.log(key), rule)
        if unparsed:
            evidence.findings_from(unparsed_frames(analysis, types, rule), file=name)
    if evidence.findings_count:
        return
    if not streams:
        if unread:
            raise Inconclusive(msg("terminal.no-usable-header", count=unread))
        if len(types) == 1:
            raise Inconclusive(msg("terminal.no-stream", type=types[0]))
        raise Inconclusive(msg("terminal.no-stream-of", types=", ".join(types)))
    checked = sum(s.checked.get(key, 0) for s in streams)
    if not checked:
        raise Inconclusive(msg("terminal.nothing-checked", what=what, streams=len(streams)))
    evidence.note(msg("terminal.checked", count=checked, what=what, streams=len(streams)))


def unparsed_frames(analysis: CaptureAnalysis, kind: str | tuple[str, ...], rule: str | None) -> list[Finding]:
    """The reader's findings on frames of ``kind`` streams (one type or several) that are there but do not parse (a
    member missing or of the wrong type: TD-CAP-001's ``structure`` log, kept with the stream it names), recorded
    under ``rule``, the R-number of the calling case's rule (None: it defines none): a product's frame that cannot be
    read is its fail for the case judging that stream too (the thirty-fifth reading's a2)."""
    streams = {s.id for s in analysis.streams_of(*((kind,) if isinstance(kind, str) else kind))}
    log = analysis.log("structure")
    return [replace(with_check(f, log.key), rule=rule) for f in log.detailed if f.coordinates.get("stream") in streams]


def both_eyepieces(evidence: Evidence, eyes: dict[str, set[str]], kind: str) -> None:
    """A limit "at each eyepiece" (TD-DISP-010, -011) judged at one is a rule never judged at the other: each
    capture whose judged streams do not cover the left and the right eyepiece is unjudged, so it cannot pass for
    both (the thirty-eighth reading's c10, as TD-DISP-009's ``photon-one-eye``)."""
    for name, seen in eyes.items():
        if not {"left", "right"} <= seen:
            evidence.unjudged(name, msg("terminal.eyepiece-one-eye", file=name, kind=kind,
                                        eyes=", ".join(sorted(seen))))


def note_capped(evidence: Evidence, name: str, *pairs: tuple[StreamStats, object]) -> None:
    """Note each stream of a reference comparison whose held frames stopped at the test equipment's cap
    (``kept``, ``dropped`` of its track): the frames after it are not compared, as the steps state."""
    for stats, track in pairs:
        dropped = getattr(track, "dropped", 0)
        if dropped:
            evidence.note(msg("terminal.reference-frames-capped", file=name, sid=repr(stats.id),
                              kept=getattr(track, "kept", 0), dropped=dropped))
