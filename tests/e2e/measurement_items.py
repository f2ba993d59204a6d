"""What a measured requirement's known-bad case must report (interface 2): the values it judged as
measurement items, each whole (value, expanded uncertainty at k = 2, limit, the decision rule its
catalog entry states) and, for the rule the case breaks, one that does not pass.

Held to every case of every measured requirement (one stating a ``decision_rule``: every ``measures: instrument``
one, and IF-LAT-001 and IF-SES-002, which time answers on the test equipment's clock) on the case's own run
in tests/e2e/test_known_bad.py, which runs each case already; tests/areas/terminal/test_measured.py
holds each requirement to having a case that records items at all."""

from __future__ import annotations

from typing import Any

from conformance import Catalog

MEMBERS = {"requirement", "quantity", "subject", "value", "unit", "uncertainty", "k", "limit", "limit_kind",
           "decision_rule", "guard_band", "outcome"}


def measured(catalog: Catalog, requirement: str) -> bool:
    return catalog.requirement(requirement).decision_rule is not None


def checked_items(catalog: Catalog, requirement: str, record: Any, case: dict[str, Any], index: int) -> int:
    """Assert ``record`` (the requirement's record of a run of its known-bad ``case``) fails and
    reports whole measurement items, the broken rule's not passing; how many items it reports."""
    entry = catalog.requirement(requirement)
    rule = entry.decision_rule.kind
    assert record.verdict == "fail", (index, record.message)
    items = [e for e in record.evidence if e.get("kind") == "measurement"]
    for item in items:
        assert MEMBERS <= set(item), sorted(MEMBERS - set(item))
        assert ("rule" in item) == bool(entry.rules)  # a rule where it lists them
        assert item["requirement"] == requirement and item["decision_rule"] == rule and item["k"] == 2
        assert item["uncertainty"] >= 0
        assert item["guard_band"] == (item["uncertainty"] if rule == "guarded" else 0)
    broken = [i for i in items if i.get("rule") == case.get("rule")]
    assert not broken or any(i["outcome"] != "pass" for i in broken), (index, broken)
    return len(items)
