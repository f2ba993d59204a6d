"""Power and thermal records: battery level, power draw and surface temperature over a session."""

import math

import pytest

from conformance import Inconclusive, msg
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.power import measured_by_thermometer
from conformance.areas.terminal.suite import analyses, record

#: TD-PWR-001: the session starts from a battery at least this full
FULL = 0.9


@pytest.mark.requirement("TD-PWR-001")
def test_the_battery_lasts_the_session_it_was_measured_over(targets, evidence, params):
    """R1: every battery level within 0 .. 1; R2: over a session of at least 10 minutes from a level of at
    least 0.9, the least-squares line through the levels falls by at most 1 / 2 an hour (a battery life of at
    least 2 hours). A stream without such a session is not judged (inconclusive, never a fail)."""
    life, fewest = params.min_battery_life_h, params.min_power_session_min
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, analysis.log("power_range"))
        for stats in analysis.streams_of("power"):
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
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-battery-session", fewest=fewest))


@pytest.mark.requirement("TD-PWR-002")
def test_surface_temperature_is_safe_to_touch(targets, evidence, params):
    limit = params.max_contact_temperature_c
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("power"):
            hottest = stats.power
            if hottest is None or not hottest.count or hottest.where is None:
                continue
            if not measured_by_thermometer(stats.spec):  # a precondition of the test method, not a fail
                evidence.note(msg("terminal.power-no-thermometer", file=name, sid=repr(stats.id)))
                continue
            judged += 1
            if hottest.value > limit:
                finding(evidence, msg("terminal.power-hot", sid=repr(stats.id), value=hottest.value, limit=limit),
                                  file=name, **{**hottest.where, "expected": f"<= {limit:g} C"})
            else:
                evidence.note(msg("terminal.power-cool", file=name, sid=repr(stats.id), value=hottest.value,
                                  count=hottest.count))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-temperature"))

