"""A measured requirement (measures: instrument) states its decision rule, and only such a one does."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conformance._catalog.model import Requirement

BASE = {"id": "TD-X-001", "level": "MUST", "area": "terminal", "title": {"en": "t", "zh": "t"},
        "statement": {"en": "s", "zh": "s"}, "source": {"policy": ["SH-GUIDE"]}, "testing": "automated"}


def test_a_measured_requirement_without_a_rule_is_refused():
    with pytest.raises(ValidationError, match="states its decision_rule"):
        Requirement.model_validate({**BASE, "measures": "instrument"})
    with pytest.raises(ValidationError, match="guard_band"):
        Requirement.model_validate({**BASE, "measures": "instrument", "decision_rule": {"kind": "guarded"}})
    ok = Requirement.model_validate({**BASE, "measures": "instrument",
                                     "decision_rule": {"kind": "guarded", "guard_band": "U"}})
    assert ok.decision_rule.kind == "guarded"


def test_every_measured_requirement_states_one(catalog):
    measured = {r.id for r in catalog.requirements.values() if r.measures == "instrument"}
    assert len(measured) == 56 and "RB-TRACK-002" in measured  # 55 terminal ones (TD-MPLAT-002 since 2.2) and the robots' tracker
    assert all(catalog.requirements[r].decision_rule for r in measured)
