"""Force feedback: declared limits and safety limits, commands within them."""

import pytest

from conformance import Inconclusive, msg
from conformance.areas.terminal.force import safe_force
from conformance.areas.terminal.model import finding
from conformance.areas.terminal.suite import analyses, check_rule


@pytest.mark.requirement("TD-FORCE-001")
def test_limits_and_safety_limits_are_declared(targets, evidence):
    check_rule(targets, evidence, "force_declared", ("force_feedback",), msg("terminal.what-force-streams"))


@pytest.mark.requirement("TD-FORCE-002")
def test_commands_stay_within_the_declared_limits(targets, evidence):
    check_rule(targets, evidence, "force_range", ("force_feedback",), msg("terminal.what-force-commands"))


@pytest.mark.requirement("TD-FORCE-003")
def test_the_safety_force_is_one_a_hand_can_bear(targets, evidence, params):
    limit = params.max_safety_force_n
    judged = 0
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("force_feedback"):
            safety = safe_force(stats)
            if safety is None:
                continue  # TD-FORCE-001's finding
            judged += 1
            where = f"/device/offers/{stats.offer_index}/safety/max_force_n"
            if safety > limit:
                finding(evidence, msg("terminal.force-safety-high", sid=repr(stats.id), safety=safety, limit=limit),
                                  file=name, stream=stats.id, line=1, pointer=where, actual=safety,
                                  expected=f"<= {limit:g} N")
            else:
                evidence.note(msg("terminal.force-safety-ok", file=name, sid=repr(stats.id), safety=safety,
                                  limit=limit))
    if not judged and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-force-safety"))
