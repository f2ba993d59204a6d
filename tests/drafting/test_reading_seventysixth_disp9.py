"""Issue 76, the seventy-fifth reading's c2, its left part: TD-DISP-009's R2 (the median lit time) and R3 (the 99th
percentile of |interval - period|) take U as type A of the sample's statistic combined with the resolution of the two
edges each width or interval is read between (suites/terminal/test_photon_rig.py: ``math.hypot(u_median(widths),
math.sqrt(2) * u_edge)``); the criterion said "type A alone" for them. ``statistic_rules`` names such rules, and the
scan (tests/drafting/_resolution_scan.py) now reads a ``hypot``'s parts one by one, so the class test in
test_reading_seventyfifth_h141u2.py holds the list to the checks.

Each test fails on a76c0fb19."""

from __future__ import annotations

import pytest

from conformance._catalog.catalog import Catalog
from conformance._catalog.model import DecisionRule
from conformance.drafting.decisions import criterion
from tests.drafting import _resolution_scan


def test_the_photon_rig_criterion_states_r2_and_r3_as_taken(catalog: Catalog):
    req = catalog.requirements["TD-DISP-009"]
    zh, en = criterion(req, "zh") or "", criterion(req, "en") or ""
    assert "对 R2、R3 由样本统计量的 A 类与读数的分辨力合成" in zh and "对其余规则仅由样本统计量的 A 类评定" not in zh
    assert "for R2 and R3 combined from type A of the sample's statistic and the resolution of the reading" in en
    assert "for R1 combined from the resolution of the reading and type B" in en


def test_the_scan_reads_a_hypot_by_its_parts():
    photon = _resolution_scan.by_rule()["TD-DISP-009"]
    assert photon["R2"] == {frozenset({"A", "R"})} and frozenset({"A", "R"}) in photon["R3"]
    assert photon["R4"] == {frozenset({"R"})}


def test_statistic_rules_are_resolution_rules_without_type_b():
    with pytest.raises(ValueError, match="statistic_rules"):
        DecisionRule(kind="simple", resolution_rules=["R1"], statistic_rules=["R2"])
    with pytest.raises(ValueError, match="statistic_rules"):
        DecisionRule(kind="simple", resolution_rules=["R1"], type_b_rules=["R1"], statistic_rules=["R1"])
