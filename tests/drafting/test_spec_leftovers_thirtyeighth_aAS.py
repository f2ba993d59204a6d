"""The leftovers of the thirty-eighth reading of issue 76, part aAS (docs/drafting.md, "Leftovers of the
thirty-eighth reading, part aAS"): annex D's table lists under an operation only the cases that call it (row a14:
AS-REG-001 was listed under `GET /assets/{asset_id}` because its version history says the check no longer requests
it). Each test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

from conformance import Catalog
from conformance.drafting.contracts import named_operations
from conformance.drafting.writer import load_data


def _callers(catalog: Catalog, method: str, path: str) -> list[str]:
    used, _ = named_operations(catalog, list(catalog.requirements.values()), load_data(catalog).procedures)
    return next(op.requirements for op in used if (op.method, op.path) == (method, path))


def test_annex_d_does_not_list_a_case_under_an_operation_it_no_longer_calls(catalog):
    """Row a14: AS-REG-001's 1.3.0 note says the check no longer requests `GET /assets/{asset_id}`."""
    callers = _callers(catalog, "GET", "/assets/{asset_id}")
    assert "AS-REG-001" not in callers and "AS-REG-007" in callers


def test_a_set_up_call_the_history_names_stays_listed(catalog):
    """Row a14's fix keeps what a version note says a set-up does (IF-UDP-009 sets the profile)."""
    assert "IF-UDP-009" in _callers(catalog, "PUT", "/users/{did}/profile")
    assert "ID-PORT-004" in _callers(catalog, "POST", "/1.0/update")
