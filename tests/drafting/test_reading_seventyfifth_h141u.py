"""The seventy-fifth reading of issue 76, part h141-u: c1 and c2 of read75c (the class of the seventy-fourth c3).

c1: RB-TRACK-002's criterion said every rule's U combined type A with the tracker's declared type B; its check
(src/conformance/areas/robots/tracker.py) gives R2, R4 and R7 the declared type B, R5 and R6 type A alone, and R3
the resolution of one message interval alone. c2: criteria said "仅由样本统计量的 A 类评定" where the check's U is a
grid's or a sample's resolution taken as rectangular (GUM 4.3.7, a type B evaluation 6.2's type A does not cover).
``resolution_rules`` now names those rules and the criterion states U rule by rule. The scan
(tests/drafting/_resolution_scan.py) reads each rule's components from the checks, through robots' ``measure``
helper, which the h140 scan did not reach.

Each test fails on af70da852."""

from __future__ import annotations

import pytest

from conformance._catalog.catalog import Catalog
from conformance.drafting.decisions import criterion
from tests.drafting import _resolution_scan

#: the instances fixed so far, with the rules whose U is (or adds) the reading's resolution
_FIXED = {"RB-TRACK-002": {"R3"}, "TD-AUD-004": {"R1"}, "TD-FACE-004": {"R3", "R4"}, "TD-OLF-003": {"R1", "R2"},
          "TD-BODY-003": {"R3", "R5"}}


@pytest.fixture(scope="module")
def scanned() -> dict[str, dict[str | None, set[frozenset[str]]]]:
    return _resolution_scan.by_rule()


def test_the_criteria_state_u_rule_by_rule(catalog: Catalog):
    for rid, rules in _FIXED.items():
        req = catalog.requirements[rid]
        assert req.decision_rule is not None and set(req.decision_rule.resolution_rules or ()) == rules, rid
        zh, en = criterion(req, "zh") or "", criterion(req, "en") or ""
        assert "读数的分辨力" in zh and "按矩形分布（该指南 4.3.7、F.2.2.1，属 B 类评定）" in zh, rid
        assert "from the resolution of the reading" in en and "a type B evaluation" in en, rid
    track = criterion(catalog.requirements["RB-TRACK-002"], "zh") or ""
    assert "对 R2、R4、R7 由样本统计量的 A 类与仪器声明的 B 类合成；对 R3 仅由读数的分辨力评定；对其余规则仅由样本统计量的 A 类评定" \
        in track and "记录未声明的分量（如读取时刻所在时钟的对齐）不计入" in track
    assert "for R2, R4 and R7 combined" in (criterion(catalog.requirements["RB-TRACK-002"], "en") or "")


def test_the_scan_reads_the_tracker_rule_by_rule(scanned):
    """The tracker's ``measure`` helper read at its call sites: R2, R4, R7 with the declared type B, R3 the
    resolution alone, R5 and R6 type A alone."""
    track = scanned["RB-TRACK-002"]
    assert track["R3"] == {frozenset({"R"})} and track["R5"] == {frozenset({"A"})} == track["R6"]
    assert all("B" in p for r in ("R2", "R4", "R7") for p in track[r])


def test_the_fixed_instances_resolution_rules_are_what_their_checks_take(catalog: Catalog, scanned):
    """For each fixed requirement, a rule the scan finds taking a resolution is named in ``resolution_rules``, and
    one it finds without is not (rules chosen at run time, "?", are left to the named list)."""
    wrong = []
    for rid, rules in _FIXED.items():
        for rule, parts in scanned[rid].items():
            if rule in (None, "?"):
                continue
            if any("R" in p for p in parts) != (rule in rules):
                wrong.append((rid, rule, parts))
    assert not wrong, wrong
