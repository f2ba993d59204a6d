"""The seventy-sixth reading of issue 76, part h142-gaze2: the follow-up of h142-gaze (read76c's doubtful 1).

1. The checks whose passes on an instrument declaring no uncertainty became unjudged (those handing ``stated`` or
   ``b_from`` to the terminal area's Judge) are changed checks: a minor step each, with a history sentence in both
   languages. Besides the seventeen h142-gaze named, the checks that already handed ``stated`` (TD-GAZE-003 to -006,
   TD-DISP-005, -009 to -011, TD-PWR-002, TD-RADAR-002, TD-PERF-002) changed the same way, Judge taking a None
   ``stated`` for a declaration with no uncertainty where it took it for none handed; TD-BODY-005 handed its type B
   with no declaration and now hands ``b_from``.
2. The inconclusive line's clause is driven by ``decision_rule.undeclared_b``: ``type-a`` for the requirements whose
   checks still judge such a value on type A alone (the scan's finds), ``named`` where the requirement's own line
   says so (RB-TRACK-002), the clause otherwise.
3. Each 不确定 line holds one 「或没有不符合项，而」 lead: the clause joins the last such list, and eight test cases
   of procedures.yaml that repeated the lead list their conditions under one; none names the cause twice.

Each test fails on 442243c22."""

from __future__ import annotations

import re

import pytest

from conformance._catalog.catalog import Catalog
from conformance.drafting.decisions import takes_type_b
from tests.drafting.test_reading_seventysixth_h142_gaze import _found
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: found by the scan (their checks hand a type B naming no declaration) but leaving such a value unjudged elsewhere
_ELSEWHERE = {
    "TD-ACC-006": "a camera declaring no uncertainty in degrees is unjudged at step 2",
    "TD-OLF-006": "the scent analyses record requires the chromatograph's uncertainties; one without is unjudged",
    "RB-TRACK-002": "robots.tracker-no-instrument leaves it unjudged, its own inconclusive line saying so",
}

#: the checks whose passes became unjudged, and the minor step each took
_STEPPED = {"TD-GAZE-002": "1.5", "TD-DEPTH-002": "1.5", "TD-FORCE-004": "2.6", "TD-TACT-002": "1.6",
            "TD-TACT-004": "1.5", "TD-TACT-005": "1.7", "TD-PERF-001": "2.5", "TD-PERF-003": "1.3",
            "TD-PERF-004": "1.3", "TD-PERF-005": "1.3", "TD-HAND-005": "1.2", "TD-BODY-003": "1.5",
            "TD-BODY-006": "1.2", "TD-MPLAT-001": "2.5", "TD-MPLAT-002": "2.4", "TD-BCI-007": "1.8",
            "TD-BCI-008": "1.3", "TD-GAZE-003": "1.4", "TD-GAZE-004": "1.2", "TD-GAZE-005": "1.3",
            "TD-GAZE-006": "1.5", "TD-DISP-005": "2.3", "TD-DISP-009": "1.8.0", "TD-DISP-010": "1.5",
            "TD-DISP-011": "1.7", "TD-PWR-002": "1.6", "TD-RADAR-002": "1.5", "TD-BODY-005": "1.3",
            "TD-PERF-002": "1.5"}

_LEAD = "或没有不符合项，而"
#: the cause, in the drafting's words and in a requirement's own
_CAUSE = re.compile(r"未声明可用于该值的不确定度|未声明带有扩展不确定度的仪器|未声明(其)?不确定度")


def test_the_setting_matches_the_checks(catalog: Catalog):
    """``undeclared_b: type-a`` on exactly the requirements the check scan finds judging on type A alone; ``named``
    only where the value is unjudged elsewhere; every other requirement combining a type B leaves it unjudged."""
    found = set(_found(catalog))
    setting = {r.id: r.decision_rule.undeclared_b for r in catalog.requirements.values()
               if takes_type_b(r) and r.decision_rule is not None}
    assert {r for r, s in setting.items() if s == "type-a"} == found - set(_ELSEWHERE)
    assert {r for r, s in setting.items() if s == "named"} <= set(_ELSEWHERE)


def test_each_changed_check_took_a_minor_step(catalog: Catalog):
    """Each check whose pass became unjudged: the step it took, in a history sentence in both languages (the
    version then; a later step follows it)."""
    wrong = []
    for rid, version in _STEPPED.items():
        req = catalog.requirements[rid]
        notes = req.notes
        en = f"{version} (issue 76, seventy-sixth reading, part h142-gaze, c's doubtful 1):"
        zh = f"{version} 版（议题 76，第七十六次审读，第 h142-gaze 部分，c 的存疑 1）："
        if notes is None or en not in notes.en or zh not in notes.zh \
                or "(changed check)" not in notes.en.split(en)[1] or "（检查变更）" not in notes.zh.split(zh)[1]:
            wrong.append(rid)
        assert req.decision_rule is not None and req.decision_rule.undeclared_b == "unjudged", rid
    assert not wrong, wrong


@pytest.fixture(scope="module")
def inconclusive(zh_markdown) -> dict[str, str]:
    return {rid: _verdict_lines(case, "zh").get("不确定", "") for rid, case in _cases(zh_markdown).items()}


def test_one_lead_and_one_cause_a_line(inconclusive):
    """The class test over the rendered draft: no 不确定 line repeats 「或没有不符合项，而」, nor names the
    undeclared-uncertainty cause twice."""
    twice = {r: line[-160:] for r, line in inconclusive.items() if line.count(_LEAD) > 1}
    assert not twice, twice
    named = {r: line[-160:] for r, line in inconclusive.items() if len(_CAUSE.findall(line)) > 1}
    assert not named, named


def test_the_clause_joins_the_last_list(inconclusive):
    gaze = inconclusive["TD-GAZE-002"]
    assert gaze.count(_LEAD) == 1 and "见第 3 步），或某个测得值的 *U* 按本判定规则" in gaze, gaze[-300:]
    assert "未声明带有扩展不确定度的仪器" in inconclusive["RB-TRACK-002"]
    assert "未声明可用于该值的不确定度" not in inconclusive["RB-TRACK-002"]
    for rid in ("TD-MPLAT-003", "TD-MPLAT-004", "TD-OLF-003", "TD-OLF-005", "TD-CAM-002"):
        assert "未声明可用于该值的不确定度" not in inconclusive[rid], rid
