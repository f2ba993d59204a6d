"""Power and thermal records: battery level, power draw and surface temperature over a session."""

import pytest

from conformance import Inconclusive, msg
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.power import measured_by_thermometer
from conformance.areas.terminal.suite import analyses, check_rule


@pytest.mark.requirement("TD-PWR-001")
def test_power_records_are_within_the_declared_ranges(targets, evidence):
    check_rule(targets, evidence, "power_range", ("power",), msg("terminal.what-power-values"))


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

