"""Tactile sensing (触感识别): a tactile array's frames against its declared layout (TD-TACT-001), and its
readings against a reference indenter pressing on it over a grid of points and holding a load (TD-TACT-002), and
what the runtime test interface answers of it under the same indenter (TD-TACT-005)."""

import math

import pytest

from conformance import Catalog, Evidence, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import ONE_READING, Declared, declared
from conformance.areas.terminal import tactile_interface
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import BenchTexts, analyses, benches, check_rule, past_bound
from conformance.areas.terminal.tactile import REFERENCE, Indentation, hysteresis, measure

#: an indenter on a stream the case measures that it cannot judge (its 不确定 line): no calibrated load cell and
#: stage, or an array declaring no layout; unjudged, so the run is at best inconclusive. One on a stream outside
#: the case (no tactile stream; for TD-TACT-005 no log of the interface's answers) stays a note.
_UNMEASURED = frozenset({"terminal.indenter-no-instrument", "terminal.tactile-no-layout"})
_TEXTS = BenchTexts("terminal.indenter-unjudged", "terminal.indenter-capped", "terminal.no-indenter-judged",
                    "terminal.no-indenter", _UNMEASURED, bounded=True)


@pytest.mark.requirement("TD-TACT-001")
def test_each_frame_reads_every_taxel(targets: Targets, evidence: Evidence):
    # a tactile stream must declare its layout (the header schema): one with frames and no usable rows and columns is
    # in scope and unchecked, so the run cannot pass on the other streams (seventy-eighth reading, doubtful 4)
    for name, analysis in analyses(targets.file("captures")):
        for stats in analysis.streams_of("tactile"):
            if stats.frames and stats.tactile is None:
                evidence.unjudged(name, msg("terminal.tactile-frames-no-layout", file=name, sid=repr(stats.id),
                                            frames=stats.frames))
    check_rule(targets, evidence, "tactile_layout", ("tactile",), msg("terminal.what-tactile-frames"), "R1",
               unparsed=True)


def _judge(evidence: Evidence, judge: Judge, sid: str, got: Indentation, spec: dict, limits: tuple) -> None:
    """``limits``: the force error (a share of the load), the centroid error (mm), the hysteresis (a share of
    the place's largest load), the crosstalk (a share of the load), the response time (ms), the drift (a share
    of the load)."""
    force_limit, position_limit, hysteresis_limit, crosstalk_limit, response_limit, drift_limit = limits
    held = spec.get(REFERENCE)
    load_cell = instrument_of(spec, REFERENCE)
    stage = declared(held.get("stage")) if isinstance(held, dict) else None
    name = judge.file
    for h in got.holds:
        at = {"stream": sid, "line": h.line, "t": h.t}
        subject = f"{sid}@{h.t}"
        place = {"sid": repr(sid), "x": h.x, "y": h.y, "load": h.load}
        error = abs(h.total - h.load) / h.load
        u_b = load_cell.standard(h.load) / h.load if load_cell else 0.0
        if judge("R1", msg("terminal.quantity-tactile-force-error"), subject, error, "1", force_limit, "max",
                 u_a=h.total_u / h.load, u_b=u_b, instrument=load_cell is not None, b_from=load_cell,
                 where={**at, "pointer": "/load_n"}) == "fail":
            finding(evidence, msg("terminal.tactile-force-error", **place, total=h.total, error=100 * error,
                                  limit=100 * force_limit),
                    file=name, **at, pointer="/load_n", rule="R1", actual=round(h.total, 4),
                    expected=f"{h.load:.3g} N +- {100 * force_limit:g} %")
        if judge("R2", msg("terminal.quantity-tactile-position-error"), subject, h.error_mm, "mm", position_limit,
                 "max", u_a=h.error_u, stated=stage, where={**at, "pointer": "/position_mm"}) == "fail":
            finding(evidence, msg("terminal.tactile-position-error", **place, error=h.error_mm, limit=position_limit),
                    file=name, **at, pointer="/position_mm", rule="R2", actual=round(h.error_mm, 3),
                    expected=f"<= {position_limit:g} mm")
        crosstalk = h.far / h.load
        if judge("R4", msg("terminal.quantity-tactile-crosstalk"), subject, crosstalk, "1", crosstalk_limit, "max",
                 u_a=ONE_READING, u_b=u_b * crosstalk, instrument=load_cell is not None, b_from=load_cell,
                 where={**at, "pointer": "/load_n"}) == "fail":
            finding(evidence, msg("terminal.tactile-crosstalk", **place, far=h.far, share=100 * crosstalk,
                                  limit=100 * crosstalk_limit),
                    file=name, **at, pointer="/load_n", rule="R4", actual=round(crosstalk, 4),
                    expected=f"<= {100 * crosstalk_limit:g} % of the load")
    _judge_in_time(evidence, judge, sid, got, u_b_of=lambda h: load_cell.standard(h.load) / h.load if load_cell
                   else 0.0, instrument=load_cell is not None, b_from=load_cell, limits=(response_limit, drift_limit))
    pairs = hysteresis(got.holds)
    for up, down, full in pairs:
        share = abs(down.total - up.total) / full
        at = {"stream": sid, "line": down.line, "t": down.t}
        if judge("R3", msg("terminal.quantity-tactile-hysteresis"), f"{sid}@{down.t}", share, "1", hysteresis_limit,
                 "max", u_a=math.hypot(up.total_u, down.total_u) / full,
                 # a share of the place's largest load, a load-cell reading: its relative type B scales the share
                 u_b=load_cell.standard(full) / full * share if load_cell else 0.0, instrument=load_cell is not None,
                 b_from=load_cell, where={**at, "pointer": "/load_n"}) == "fail":
            finding(evidence, msg("terminal.tactile-hysteresis", sid=repr(sid), x=down.x, y=down.y, load=down.load,
                                  up=up.total, down=down.total, share=100 * share, full=full,
                                  limit=100 * hysteresis_limit),
                    file=name, **at, pointer="/load_n", rule="R3", actual=round(share, 4),
                    expected=f"<= {100 * hysteresis_limit:g} % of {full:.3g} N")
    if got.holds and not pairs:  # R3 never judged cannot pass (the thirty-eighth reading's c5)
        evidence.unjudged(name, msg("terminal.tactile-no-pair", sid=repr(sid)))
    _uncovered(evidence, name, sid, got)
    evidence.note(msg("terminal.tactile-measured", file=name, sid=repr(sid), sensor=repr(got.sensor),
                      model=got.load_cell, count=len(got.holds), pairs=len(pairs), light=got.light,
                      uncovered=got.uncovered))
    judge.close()


def _uncovered(evidence: Evidence, name: str, sid: str, got: Indentation) -> None:
    """A hold the array's frames cover too little is a hold of the schedule left unmeasured: R1 and R2 (and R4) are
    judged on fewer holds than the case states, so the run cannot pass (the area's rule, as TD-OLF-005)."""
    if got.uncovered:
        evidence.unjudged(name, msg("terminal.tactile-holds-uncovered", sid=repr(sid), count=got.uncovered))


def _judge_in_time(evidence: Evidence, judge: Judge, sid: str, got: Indentation, u_b_of, instrument: bool,
                   b_from: Declared | None, limits: tuple[float, float]) -> None:
    """R5: each step of the load the array's total follows within the response limit (ms); R6: under each load
    held at least 5 s its total changes by at most the drift limit (a share of the load). Without such a hold,
    R6 is not judged and a pass is inconclusive."""
    response_limit, drift_limit = limits
    name = judge.file
    for h in got.timed:
        at = {"stream": sid, "line": h.line, "t": h.t}
        if judge("R5", msg("terminal.quantity-tactile-response"), f"{sid}@{h.t}", h.response_ms, "ms",
                 response_limit, "max", u_a=h.response_u, where={**at, "pointer": "/forces"}) == "fail":
            finding(evidence, msg("terminal.tactile-response", sid=repr(sid), x=h.x, y=h.y, load=h.load,
                                  response=h.response_ms, limit=response_limit),
                    file=name, **at, pointer="/forces", rule="R5", actual=round(h.response_ms, 1),
                    expected=f"<= {response_limit:g} ms")
    for h in got.held:
        at = {"stream": sid, "line": h.line, "t": h.t}
        share = abs(h.drift)
        if judge("R6", msg("terminal.quantity-tactile-drift"), f"{sid}@{h.t}", share, "1", drift_limit, "max",
                 u_a=h.drift_u, u_b=u_b_of(h) * share, instrument=instrument, b_from=b_from,
                 where={**at, "pointer": "/forces"}) == "fail":
            finding(evidence, msg("terminal.tactile-drift", sid=repr(sid), x=h.x, y=h.y, load=h.load,
                                  drift=100 * h.drift, limit=100 * drift_limit),
                    file=name, **at, pointer="/forces", rule="R6", actual=round(share, 4),
                    expected=f"<= {100 * drift_limit:g} % of the load")
    if got.holds and not got.timed:  # R5 never judged cannot pass (the thirty-eighth reading's c5)
        evidence.unjudged(name, msg("terminal.tactile-no-step", sid=repr(sid)))
    if not got.held:
        evidence.unjudged(name, msg("terminal.tactile-no-held-load", sid=repr(sid)))
    evidence.note(msg("terminal.tactile-timed", file=name, sid=repr(sid), steps=len(got.timed),
                      slowest=max((h.response_ms or 0.0 for h in got.timed), default=0.0), held=len(got.held)))


@pytest.mark.requirement("TD-TACT-002")
def test_the_array_reads_the_reference_indenter(targets: Targets, evidence: Evidence, params: Parameters,
                                                catalog: Catalog):
    """Per hold of the indenter at a point of the grid: the array's total force against the load cell's
    (R1), its centroid against the tip's position (R2), its readings while unloading against those while
    loading at the same load (R3), the largest reading of a taxel far from the contact (R4), the time its total
    takes to follow a step of the load (R5) and its change under a load held at least 5 s (R6)."""
    limits = (params.max_tactile_force_error, params.max_tactile_position_mm, params.max_tactile_hysteresis,
              params.max_tactile_crosstalk, params.max_tactile_response_ms, params.max_tactile_drift)
    decision = rule_of(catalog, "TD-TACT-002")
    for name, analysis, stats, got in benches(targets["captures"], evidence, REFERENCE, measure,
                                              lambda s: _Counted(s.indenter.kept, s.indenter.dropped), _TEXTS):
        _frames_within(evidence, name, analysis, got)
        _judge(evidence, Judge(evidence, "TD-TACT-002", decision, name), stats.id, got, stats.spec, limits)


class _Counted:
    """What benches() reads of a kept record: how many readings were kept and dropped."""

    def __init__(self, kept: int, dropped: int) -> None:
        self.kept, self.dropped = kept, dropped


_READ_TEXTS = BenchTexts("terminal.indenter-unjudged", "terminal.indenter-capped",
                         "terminal.tactile-interface-none-judged", "terminal.no-indenter", _UNMEASURED, bounded=True)


def _frames_within(evidence: Evidence, name: str, analysis, got: Indentation) -> None:
    """The array's frames past 5.1's bound 「试验台记录保留的样本数」 cover no hold: unjudged, not passed on the holds
    the kept frames cover (sixty-eighth reading, c3), as the indenter's readings past it are (``bounded``)."""
    past_bound(evidence, name, got.sensor, analysis.streams[got.sensor].tactile, "terminal.tactile-frames-capped")


@pytest.mark.requirement("TD-TACT-005")
def test_the_interface_reads_the_reference_indenter(targets: Targets, evidence: Evidence, params: Parameters,
                                                    catalog: Catalog):
    """TD-TACT-002's R1 and R2 on what test.readTactile answered (logged with its frame times on XrTime) while
    the indenter pressed its schedule; R3 each answer's frame time after the previous one's; R4 no answer at no
    load reading more than tactile_interface.IDLE_FLOOR_N in total."""
    force_limit, position_limit = params.max_tactile_force_error, params.max_tactile_position_mm
    decision = rule_of(catalog, "TD-TACT-005")
    for name, analysis, stats, got in benches(targets["captures"], evidence, REFERENCE, tactile_interface.measure,
                                              lambda s: _Counted(s.indenter.kept, s.indenter.dropped), _READ_TEXTS):
        _frames_within(evidence, name, analysis, got.indentation)
        judge = Judge(evidence, "TD-TACT-005", decision, name)
        sid, held = stats.id, got.indentation
        load_cell = instrument_of(stats.spec, REFERENCE)
        stage = stats.spec[REFERENCE].get("stage")
        for h in held.holds:
            at = {"stream": sid, "line": h.line, "t": h.t}
            place = {"sid": repr(sid), "x": h.x, "y": h.y, "load": h.load}
            error = abs(h.total - h.load) / h.load
            if judge("R1", msg("terminal.quantity-tactile-force-error"), f"{sid}@{h.t}", error, "1", force_limit,
                     "max", u_a=h.total_u / h.load, u_b=load_cell.standard(h.load) / h.load if load_cell else 0.0,
                     instrument=load_cell is not None, b_from=load_cell, where={**at, "pointer": "/load_n"}) == "fail":
                finding(evidence, msg("terminal.tactile-force-error", **place, total=h.total, error=100 * error,
                                      limit=100 * force_limit),
                        file=name, **at, pointer="/load_n", rule="R1", actual=round(h.total, 4),
                        expected=f"{h.load:.3g} N +- {100 * force_limit:g} %")
            if judge("R2", msg("terminal.quantity-tactile-position-error"), f"{sid}@{h.t}", h.error_mm, "mm",
                     position_limit, "max", u_a=h.error_u, stated=declared(stage),
                     where={**at, "pointer": "/position_mm"}) == "fail":
                finding(evidence, msg("terminal.tactile-position-error", **place, error=h.error_mm,
                                      limit=position_limit),
                        file=name, **at, pointer="/position_mm", rule="R2", actual=round(h.error_mm, 3),
                        expected=f"<= {position_limit:g} mm")
        _uncovered(evidence, name, sid, held)
        target = held.sensor
        if judge("R3", msg("terminal.quantity-tactile-interface-stale"), f"{target}", len(got.stale), "1", 0, "max",
                 where={"stream": target, "pointer": "/t"}) == "fail":
            t, before = got.stale[0]
            finding(evidence, msg("terminal.tactile-interface-stale", sid=repr(target), count=len(got.stale),
                                  reads=got.reads, t=t, before=before),
                    file=name, stream=target, t=t, pointer="/t", rule="R3", actual=t, expected=f"> {before}")
        for run in got.idle:
            floor = tactile_interface.IDLE_FLOOR_N
            if judge("R4", msg("terminal.quantity-tactile-interface-idle"), f"{target}@{run.t}", run.largest, "N",
                     floor, "max", u_a=ONE_READING, where={"stream": sid, "line": run.line, "t": run.t,
                                                             "pointer": "/forces"}) == "fail":
                finding(evidence, msg("terminal.tactile-interface-idle", sid=repr(target), t=run.t,
                                      largest=run.largest, floor=floor),
                        file=name, stream=sid, line=run.line, t=run.t, pointer="/forces", rule="R4",
                        actual=round(run.largest, 4), expected=f"<= {floor:g} N")
        if not got.idle:  # R4 never judged: no pass
            evidence.unjudged(name, msg("terminal.tactile-interface-no-idle", sid=repr(sid), sensor=repr(target)))
        evidence.note(msg("terminal.tactile-interface-measured", file=name, sid=repr(sid), sensor=repr(target),
                          holds=len(held.holds), reads=got.reads, idle=len(got.idle)))
        judge.close()
