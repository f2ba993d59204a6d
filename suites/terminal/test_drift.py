"""Tracking (追踪定位), drift: a tracked device held still on a locked rig for a minute, its mean tracked position
(R1) and orientation (R2) over the hold's last 5 s against its first (TD-PERF-003)."""

import pytest

from conformance import Catalog, Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas.terminal.drift import MEMBER, WINDOW_S, measure
from conformance.areas.terminal.measured import Judge, instrument_of, rule_of, type_b
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses


@pytest.mark.requirement("TD-PERF-003")
def test_a_device_held_still_does_not_drift(targets: Targets, evidence: Evidence, params: Parameters,
                                            catalog: Catalog):
    """Per held pose stream: the distance between the two windows' mean positions and the angle between their mean
    orientations; type A from the windows' scatter, type B from the rig's declared uncertainty in that unit."""
    limits = {"R1": params.max_position_drift_mm, "R2": params.max_orientation_drift_deg}
    decision = rule_of(catalog, "TD-PERF-003")
    judged, reasons = 0, []
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("pose"):
            if MEMBER not in stats.spec:
                continue
            got = measure(stats)
            if isinstance(got, tuple):
                reasons.append(msg(got[0], **got[1]))
                # a declared stream not judged: the run cannot pass (the terminal area's rule, as TD-PERF-002's)
                evidence.unjudged(name, msg("terminal.drift-unjudged", file=name, sid=repr(stats.id),
                                            reason=reasons[-1]))
                continue
            judged += 1
            judge = Judge(evidence, "TD-PERF-003", decision, name)
            where = {"stream": stats.id, "line": 1, "pointer": "/pose"}
            stated = instrument_of(stats.spec, MEMBER)
            values = {"R1": ("terminal.quantity-position-drift", "terminal.position-drift", got.position_mm, "mm",
                             got.u_position_mm),
                      "R2": ("terminal.quantity-orientation-drift", "terminal.orientation-drift", got.orientation_deg,
                             "deg", got.u_orientation_deg)}
            for rule, (quantity, text, value, unit, u_a) in values.items():
                u_b, known = type_b(stated, 0.0, unit)
                if judge(rule, msg(quantity), stats.id, value, unit, limits[rule], "max", u_a=u_a, u_b=u_b,
                         instrument=known, b_from=stated, where=where) == "fail":
                    finding(evidence, msg(text, sid=repr(stats.id), duration=got.duration_s, value=value,
                                          limit=limits[rule]),
                            file=name, **where, rule=rule, actual=round(value, 4), expected=f"<= {limits[rule]:g} {unit}")
            evidence.note(msg("terminal.drift-measured", file=name, sid=repr(stats.id), model=got.model,
                              duration=got.duration_s, first=got.samples[0], last=got.samples[1], window=WINDOW_S))
            judge.close()
    if not judged and not evidence.findings_count:
        if reasons:
            raise Inconclusive(msg("terminal.no-drift-judged", count=len(reasons), reason=reasons[0]))
        raise Inconclusive(msg("terminal.no-drift"))
