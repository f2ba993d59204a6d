"""Power and thermal records: battery level, power draw and surface temperature over a session, and the
battery life a power analyser measures (TD-PWR-003)."""

import math

import pytest

from conformance import Catalog, Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.areas.terminal.measured import Judge, rule_of
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.power import (CUTOFF_W, HOUR_NS, analyser, measured_by_thermometer,
                                              thermometer_uncertainty)
from conformance.areas.terminal.suite import analyses, record

#: TD-PWR-001: the session starts from a battery at least this full
FULL = 0.9
#: TD-PWR-003: the power stays below the cut-off this long, in seconds, for the cut-off to count
OFF_S = 60.0


@pytest.mark.requirement("TD-PWR-001")
def test_the_battery_lasts_the_session_it_was_measured_over(targets: Targets, evidence: Evidence, params: Parameters):
    """R1: every battery level within 0 .. 1; R2: over a session of at least 10 minutes from a level of at
    least 0.9, the least-squares line through the levels falls by at most 1 / 2 an hour (a battery life of at
    least 2 hours). A stream without such a session is not judged (inconclusive, never a fail)."""
    life, fewest = params.min_battery_life_h, params.min_power_session_min
    judged = reported = 0
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, analysis.log("power_range"), "R1")
        for stats in analysis.streams_of("power"):
            # the permitted report is a battery level: a power stream of only a thermometer's or a power
            # analyser's readings (TD-PWR-002, TD-PWR-003) makes none
            if stats.checked.get("power_range", 0):
                reported += 1
            fit = stats.battery
            if fit is None or fit.first_level is None:
                continue
            drain = fit.drain_per_hour()
            if fit.minutes < fewest or fit.first_level < FULL or drain is None:
                evidence.note(msg("terminal.battery-session-short", file=name, sid=repr(stats.id),
                                  minutes=fit.minutes, first=round(fit.first_level, 3), fewest=fewest))
                continue
            judged += 1
            hours = 1 / drain if drain > 0 else math.inf
            if drain > 1 / life:
                finding(evidence, msg("terminal.battery-drain", sid=repr(stats.id), drain=drain, minutes=fit.minutes,
                                      hours=hours, limit=1 / life, life=life),
                        file=name, stream=stats.id, t=fit.last_t, pointer="/battery", rule="R2",
                        actual=round(drain, 4), expected=f"<= {1 / life:.4g} an hour")
            else:
                evidence.note(msg("terminal.battery-lasts", file=name, sid=repr(stats.id), drain=drain,
                                  minutes=fit.minutes, first=fit.first_level, hours=hours))
    if not reported and not evidence.findings_count and all(a.header_usable for _, a in analyses(targets["captures"])):
        raise NotApplicable(msg("terminal.no-battery-level"))  # a MAY (GB/T 1.1-2020, 可): the report not made
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-battery-session", fewest=fewest))


@pytest.mark.requirement("TD-PWR-002")
def test_surface_temperature_is_safe_to_touch(targets: Targets, evidence: Evidence, params: Parameters,
                                              catalog: Catalog):
    """The hottest sample of each power stream whose calibrated contact thermometer is declared, judged against
    max_contact_temperature_c by the catalog's decision rule (guarded: a value within the thermometer's expanded
    uncertainty of the limit does not pass; type B from the uncertainty its calibration states)."""
    limit = params.max_contact_temperature_c
    decision = rule_of(catalog, "TD-PWR-002")
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        judge = Judge(evidence, "TD-PWR-002", decision, name)
        for stats in analysis.streams_of("power"):
            hottest = stats.power
            if hottest is None or not hottest.count or hottest.where is None:
                continue
            if not measured_by_thermometer(stats.spec):  # a precondition of the test method, not a fail
                evidence.unjudged(name, msg("terminal.power-no-thermometer", file=name, sid=repr(stats.id)))
                continue
            judged += 1
            outcome = judge(None, msg("terminal.quantity-contact-temperature"), stats.id, hottest.value, "C", limit,
                            "max", stated=thermometer_uncertainty(stats.spec), where=hottest.where)
            if outcome == "fail":
                finding(evidence, msg("terminal.power-hot", sid=repr(stats.id), value=hottest.value, limit=limit),
                        file=name, **{**hottest.where, "expected": f"<= {limit:g} C"})
            elif outcome == "pass":
                evidence.note(msg("terminal.power-cool", file=name, sid=repr(stats.id), value=hottest.value,
                                  count=hottest.count))
        judge.close()
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-temperature"))


@pytest.mark.requirement("TD-PWR-003")
def test_the_battery_lasts_on_the_power_analyser(targets: Targets, evidence: Evidence, params: Parameters,
                                                 catalog: Catalog):
    """From a full charge under the test workload, the power a declared, calibrated power analyser measures
    the device drawing from its battery stays on for at least min_battery_life_h before the cut-off (the
    first reading after which it stays below CUTOFF_W). Whenever a cut-off is seen the life is measured to it,
    never to the last reading, since the device was off after it; a stream still drawing power at its end
    passes once it ran that long. A cut-off sooner than that confirmed by OFF_S of record after it fails; one
    followed by less record than that is not confirmed (the device may draw power again), so the stream is
    recorded unjudged. A stream declaring no analyser is out of scope; one declaring it on which the analyser
    never reads the device on, that ends sooner without a cut-off, or that cuts off sooner with less than OFF_S
    after, is recorded unjudged (an otherwise passing run is inconclusive, naming it, even beside a judged
    stream). The battery life is judged by the catalog's
    decision rule: the cut-off is read on the analyser's reading grid, its resolution one reading interval
    (a rectangular spread, GUM 4.3.7)."""
    life_h = params.min_battery_life_h
    decision = rule_of(catalog, "TD-PWR-003")
    judged, reasons = 0, []
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("power"):
            supply = stats.supply
            if supply is None:
                continue
            where = {"file": name, "sid": repr(stats.id)}
            if supply.on_t is None or supply.first_t is None:
                reasons.append(msg("terminal.supply-never-on", **where, cutoff=CUTOFF_W))
                evidence.unjudged(name, reasons[-1])
                continue
            # a cut-off seen (the last reading below CUTOFF_W): the life ends there, whatever follows it
            seen = supply.cut_t is not None
            off_s = 0.0 if supply.cut_t is None else (supply.last_t - supply.cut_t) / 1e9
            cut_off = seen and off_s >= OFF_S  # confirmed: OFF_S of record after it, all off
            ran_h = ((supply.cut_t if supply.cut_t is not None else supply.last_t) - supply.first_t) / HOUR_NS
            values = {**where, "model": analyser(stats.spec), "hours": ran_h, "energy": supply.energy_j / 3600,
                      "limit": life_h}
            if not cut_off and ran_h < life_h:  # sooner, but no cut-off seen or not confirmed: nothing to judge
                reasons.append(msg("terminal.supply-unconfirmed", **values, after=off_s, off=OFF_S,
                                   cutoff=CUTOFF_W) if seen
                               else msg("terminal.supply-ended", **values, off=OFF_S))
                evidence.unjudged(name, reasons[-1])
                continue
            judged += 1
            interval_h = (supply.last_t - supply.first_t) / max(supply.readings - 1, 1) / HOUR_NS
            judge = Judge(evidence, "TD-PWR-003", decision, name)
            outcome = judge(None, msg("terminal.quantity-battery-life"), stats.id, ran_h, "h", life_h, "min",
                            u_a=interval_h / 12 ** 0.5,
                            where={"stream": stats.id, "t": supply.cut_t, "pointer": "/power_w"})
            judge.close()
            if outcome == "pass":
                evidence.note(msg("terminal.supply-lasts" if seen else "terminal.supply-still-on", **values))
            elif outcome == "fail":
                finding(evidence, msg("terminal.supply-cut-off", **values), file=name, stream=stats.id,
                        t=supply.cut_t, pointer="/power_w", actual=round(ran_h, 3), expected=f">= {life_h:g} h")
    if not judged and not evidence.findings_count:
        raise Inconclusive(reasons[0] if reasons else msg("terminal.no-power-analyser"))
