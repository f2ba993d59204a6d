"""Force feedback: declared limits and safety limits, commands within them, the force a device renders
as a force sensor on a bench measures it (TD-FORCE-004), and how soon it lets go when its commands cease,
measured on the same bench (TD-FORCE-005)."""

from operator import attrgetter

import pytest

from conformance import Catalog, Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.areas._shared.uncertainty import ONE_READING, Declared
from conformance.areas.terminal.force import limits, safe_force, stop_after_ms
from conformance.areas.terminal.force_output import Bench, measure
from conformance.areas.terminal.force_stop import WATCH_S
from conformance.areas.terminal.force_stop import measure as measure_stop
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import (
    BenchTexts,
    analyses,
    benches,
    check_rule,
    nothing_judged,
    past_bound,
    record,
    unread_captures,
)


@pytest.mark.requirement("TD-FORCE-001")
def test_declared_limits_and_safety_limits_are_consistent(targets: Targets, evidence: Evidence):
    """A MAY: an offer declaring limits or safety limits is judged (each a positive number, the safety force
    not above the force limit); a capture whose force_feedback streams' offers declare none is not applicable
    (the case's 不适用 line); captures without such a stream lack the profile's own input: inconclusive."""
    streams = judged = unoffered = 0
    # a stream whose offer is unknown beside a judged one is unjudged: no pass (the thirty-sixth reading's c2)
    unread = unread_captures(targets["captures"])
    for name, analysis in analyses(targets["captures"]):
        found = analysis.streams_of("force_feedback")
        streams += len(found)
        judged += sum(s.checked.get("force_declared", 0) for s in found)
        unknown = sum(s.offer_index is None for s in found)  # its offer, and so what it declares, unknown
        if unknown:
            evidence.unjudged(name, msg("terminal.force-offer-unknown", count=unknown))
        unoffered += unknown
        record(evidence, name, analysis.log("force_declared"))
    if evidence.findings_count:
        return
    if not judged and unread:
        raise Inconclusive(msg("terminal.no-usable-header", count=unread))
    if not judged and unoffered:
        raise Inconclusive(msg("terminal.force-offer-unknown", count=unoffered))
    if not streams:
        raise Inconclusive(msg("terminal.no-stream", type="force_feedback"))
    if not judged:  # the permitted declaration was not made
        raise NotApplicable(msg("terminal.no-force-declared"))
    evidence.note(msg("terminal.checked", count=judged, what=msg("terminal.what-force-streams"), streams=streams))


@pytest.mark.requirement("TD-FORCE-002")
def test_commands_stay_within_the_declared_limits(targets: Targets, evidence: Evidence, params: Parameters):
    """Every command within the limits its device declares (the reader's rule force_range) and, a declared
    limit following the product, the commanded force within the standard's force as well (max_safety_force_n,
    140 N), judged here where the reader's declared bound does not already hold it lower."""
    standard = params.max_safety_force_n
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("force_feedback"):
            strongest = stats.strongest
            declared = [v for v in (limits(stats).get("force"), safe_force(stats)) if v is not None]
            if strongest is None or strongest.where is None or strongest.value <= standard or \
                    (declared and min(declared) <= standard):  # the declared bound, lower, already judged it
                continue
            finding(evidence, msg("terminal.force-over-standard", sid=repr(stats.id), value=strongest.value,
                                  limit=standard),
                    file=name, stream=stats.id, pointer="/force", actual=round(strongest.value, 6),
                    expected=f"<= {standard:g} N", **strongest.where)
        for stats in analysis.streams_of("force_feedback"):
            # no offer found (TD-DESC-002 judges that): no limit to compare its commands with (2.3)
            if stats.offer_index is None and stats.checked.get("force_range"):
                evidence.unjudged(name, msg("terminal.force-stream-unoffered", file=name, sid=repr(stats.id)))
    check_rule(targets, evidence, "force_range", ("force_feedback",), msg("terminal.what-force-commands"),
               unparsed=True)


@pytest.mark.requirement("TD-FORCE-003")
def test_the_safety_force_is_one_a_hand_can_bear(targets: Targets, evidence: Evidence, params: Parameters):
    limit = params.max_safety_force_n
    judged = streams = unoffered = 0
    unread = unread_captures(targets["captures"])
    for name, analysis in analyses(targets["captures"]):
        # a stream whose offer is unknown may declare a safety force: unjudged, no pass (as TD-FORCE-001)
        unknown = sum(s.offer_index is None for s in analysis.streams_of("force_feedback"))
        if unknown:
            evidence.unjudged(name, msg("terminal.force-offer-unknown", count=unknown))
        unoffered += unknown
        for stats in analysis.streams_of("force_feedback"):
            streams += 1
            safety = safe_force(stats)
            if safety is None:
                continue  # a MAY: a device declaring no safety force (or whose offer is unknown) is not judged
            judged += 1
            where = f"/device/offers/{stats.offer_index}/safety/max_force_n"
            if safety > limit:
                finding(evidence, msg("terminal.force-safety-high", sid=repr(stats.id), safety=safety, limit=limit),
                                  file=name, stream=stats.id, line=1, pointer=where, actual=safety,
                                  expected=f"<= {limit:g} N")
            else:
                evidence.note(msg("terminal.force-safety-ok", file=name, sid=repr(stats.id), safety=safety,
                                  limit=limit))
    if judged or evidence.findings_count:
        return
    if not streams or unread:  # the profile's own stream missing, or unreadable: a required input missing (3.23)
        nothing_judged(targets, evidence, msg("terminal.no-stream", type="force_feedback"))
    if unoffered:
        raise Inconclusive(msg("terminal.force-offer-unknown", count=unoffered))
    raise NotApplicable(msg("terminal.no-force-safety"))  # the permitted declaration was not made


def _judge_rendering(evidence: Evidence, judge: Judge, sid: str, bench: Bench, safety: float | None,
                     limits: tuple[float, float], sensor: tuple[Declared | None, float]) -> None:
    """``limits``: the steady force error as a share of the command, the latency in ms; ``sensor``: the
    force sensor's declared uncertainty (None: none) and its sample rate."""
    error_limit, latency_limit = limits
    declared, rate = sensor
    name = judge.file
    where = {"file": name, "stream": bench.feedback}
    # the latency is a crossing read on the sample grid: its resolution, one sample, as a rectangular
    # distribution (GUM 4.3.7), is the standard uncertainty it carries
    u_latency = 1000 / rate / (12 ** 0.5)
    for m in bench.steps:
        step = {"sid": repr(sid), "t": m.t, "commanded": m.commanded}
        at = {"stream": bench.feedback, "line": m.line, "t": m.t}
        if m.commanded > 0 and m.steady is not None:
            error = abs(m.steady - m.commanded) / m.commanded
            u_b = declared.standard(m.steady) / m.commanded if declared else 0.0
            outcome = judge("R1", msg("terminal.quantity-steady-force-error"), f"{sid}@{m.t}", error, "1", error_limit, "max",
                            u_a=m.steady_u / m.commanded, u_b=u_b, instrument=declared is not None, b_from=declared,
                            where={**at, "pointer": "/force"})
            if outcome == "fail":
                finding(evidence, msg("terminal.force-output-error", measured=m.steady, error=100 * error,
                                      limit=100 * error_limit, **step),
                        **where, line=m.line, t=m.t, pointer="/force", rule="R1", actual=round(m.steady, 4),
                        expected=f"{m.commanded:g} N +- {100 * error_limit:g} %")
        # R2's U is the resolution alone: the sensor's stated uncertainty, one of a force (a gain and an offset),
        # moves no crossing of half the change it reads itself (seventy-eighth reading, cx2's class)
        if m.latency_ms is not None and judge(
                "R2", msg("terminal.quantity-force-latency"), f"{sid}@{m.t}", m.latency_ms, "ms", latency_limit, "max", u_a=u_latency,
                where={**at, "pointer": ""}) == "fail":
            finding(evidence, msg("terminal.force-output-latency", latency=m.latency_ms, limit=latency_limit, **step),
                    **where, line=m.line, t=m.t, pointer="", rule="R2", actual=round(m.latency_ms, 2),
                    expected=f"<= {latency_limit:g} ms")
        if safety is not None and m.peak is not None and judge(
                "R3", msg("terminal.quantity-peak-force"), f"{sid}@{m.t}", m.peak, "N", safety, "max", u_a=ONE_READING,
                u_b=declared.standard(m.peak) if declared else 0.0, instrument=declared is not None, b_from=declared,
                where={**at, "pointer": "/force"}) == "fail":
            finding(evidence, msg("terminal.force-output-peak", peak=m.peak, safety=safety, **step),
                    **where, line=m.line, t=m.t, pointer="/force", rule="R3", actual=round(m.peak, 4),
                    expected=f"<= {safety:g} N")
    if safety is None:
        evidence.unjudged(name, msg("terminal.force-output-no-safety", sid=repr(sid), feedback=repr(bench.feedback)))
    if bench.skipped:  # held steps of the staircase never judged: no pass, as TD-HAPT-003 (sixty-eighth reading, c3)
        evidence.unjudged(name, msg("terminal.force-output-unmeasured", file=name, sid=repr(sid), count=bench.skipped))
    timed = [m for m in bench.steps if m.latency_ms is not None]
    evidence.note(msg("terminal.force-output-measured", file=name, sid=repr(sid), model=bench.model,
                      feedback=repr(bench.feedback), count=len(bench.steps), skipped=bench.skipped,
                      unheld=bench.unheld, untimed=len(bench.steps) - len(timed),
                      low=min((m.latency_ms for m in timed), default=0.0),
                      high=max((m.latency_ms for m in timed), default=0.0),
                      rise=max((m.rise_ms for m in timed), default=0.0),
                      overshoot=100 * max((m.overshoot for m in timed), default=0.0)))
    judge.close()


def _offer_known(evidence: Evidence, name: str, feedback) -> None:
    """A force_feedback stream whose offer the descriptor does not hold may declare a lower safety force or stop
    time than the standard's: the limit is unknown, so unjudged (TD-FORCE-004 R3, TD-FORCE-005), not the
    standard's alone as if nothing were declared (the thirty-eighth reading's c9, as TD-FORCE-001 to -003)."""
    if feedback.offer_index is None:
        evidence.unjudged(name, msg("terminal.force-offer-unknown", count=1))


#: a force_sensor on a force_feedback stream naming no calibrated sensor or no rate (TD-FORCE-004 and -005)
_UNMEASURED = frozenset({"terminal.force-output-no-instrument", "terminal.bench-trace-no-rate"})


@pytest.mark.requirement("TD-FORCE-004")
def test_the_device_renders_its_commanded_forces(targets: Targets, evidence: Evidence, params: Parameters,
                                                 catalog: Catalog):
    """R1: each held step's steady measured force within max_force_error of the commanded force;
    R2: the measured force covers half of each step within max_force_latency_ms of the command; R3:
    the measured force never above the lower of the device's declared safety force and the standard's own
    force (max_safety_force_n, 140 N: a declared limit follows the product, the standard's decides). The
    declared, calibrated force sensor's trace is the ground truth; without one the requirement is
    inconclusive, naming the reason.
    Each value is judged by the catalog's decision rule with its expanded uncertainty (measured.py)."""
    limits = (params.max_force_error, params.max_force_latency_ms)
    decision = rule_of(catalog, "TD-FORCE-004")
    # A sensor on a force_feedback stream that cannot be judged is in the case's scope (its 不确定 line):
    # unjudged; one on no force_feedback stream (force-output-no-target) stays a note.
    texts = BenchTexts("terminal.force-output-unjudged", "terminal.force-output-capped",
                       "terminal.force-output-none-judged", "terminal.no-force-sensor",
                       _UNMEASURED | {"terminal.force-output-no-steps"}, bounded=True)
    for name, analysis, sensor, bench in benches(targets["captures"], evidence, "force_sensor", measure,
                                                 attrgetter("rendering"), texts):
        _offer_known(evidence, name, analysis.streams[bench.feedback])
        # commands past 5.1's bound 「保留的指令数」 form no step: unjudged, not passed on those kept (c3)
        past_bound(evidence, name, bench.feedback, analysis.streams[bench.feedback].force_commands,
                   "terminal.bench-commands-capped")
        declared = safe_force(analysis.streams[bench.feedback])
        safety = params.max_safety_force_n if declared is None else min(declared, params.max_safety_force_n)
        judge = Judge(evidence, "TD-FORCE-004", decision, name)
        _judge_rendering(evidence, judge, sensor.id, bench, safety, limits,
                         (instrument_of(sensor.spec, "force_sensor"), sensor.rendering.rate_hz))


@pytest.mark.requirement("TD-FORCE-005")
def test_the_device_lets_go_when_its_commands_cease(targets: Targets, evidence: Evidence, params: Parameters,
                                                    catalog: Catalog):
    """After the last command of a force-feedback stream holding a force, the force the bench's sensor
    measures falls below a tenth of the force measured at the cease, for good, no later than the lower of the
    stop time the device declares (safety.stop_after_ms) and the standard's (max_stop_ms, 200 ms): the
    declared time follows the product, the standard's decides. A capture whose trace ends with the commands
    records no cease and is not judged, naming the reason. The stop time is judged by the catalog's decision
    rule: it is read on the sensor's sample grid, its resolution one sample (a rectangular spread, GUM 4.3.7)."""
    decision = rule_of(catalog, "TD-FORCE-005")
    texts = BenchTexts("terminal.force-stop-unjudged", "terminal.force-output-capped",
                       "terminal.force-stop-none-judged", "terminal.no-force-sensor",
                       _UNMEASURED | {"terminal.force-stop-no-commands", "terminal.force-stop-nothing-held",
                                      "terminal.force-stop-no-trace", "terminal.force-stop-no-cease",
                                      "terminal.force-stop-no-force"}, bounded=True)
    for name, analysis, sensor, stop in benches(targets["captures"], evidence, "force_sensor", measure_stop,
                                                attrgetter("rendering"), texts):
        _offer_known(evidence, name, analysis.streams[stop.feedback])
        declared = stop_after_ms(analysis.streams[stop.feedback])
        limit = params.max_stop_ms if declared is None else min(declared, params.max_stop_ms)
        judge = Judge(evidence, "TD-FORCE-005", decision, name)
        values = {"sid": repr(sensor.id), "feedback": repr(stop.feedback), "t": stop.t, "commanded": stop.commanded,
                  "force": stop.at_cease, "threshold": stop.threshold, "limit": limit}
        where = {"file": name, "stream": stop.feedback, "line": stop.line, "t": stop.t, "pointer": "/force",
                 "expected": f"<= {limit:g} ms"}
        if stop.stop_ms is None:
            finding(evidence, msg("terminal.force-stop-never", watch=1000 * WATCH_S, **values), **where,
                    actual=f"> {1000 * WATCH_S:g} ms")
        elif judge(None, msg("terminal.quantity-stop-time"), sensor.id, stop.stop_ms, "ms", limit, "max",
                   u_a=1000 / sensor.rendering.rate_hz / 12 ** 0.5,
                   where={k: v for k, v in where.items() if k in ("stream", "line", "t", "pointer")}) == "fail":
            finding(evidence, msg("terminal.force-stop-late", stop=stop.stop_ms, **values), **where,
                    actual=round(stop.stop_ms, 1))
        else:
            evidence.note(msg("terminal.force-stop-measured", file=name, model=stop.model, stop=stop.stop_ms,
                              **values))
        judge.close()
