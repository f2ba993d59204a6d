"""The forty-ninth reading, part h102-na (docs/drafting.md, "Forty-ninth reading, part h102-na"): a 不适用 ground a
case's criteria give that no step records (read49b bx1: IF-RATE-001, 「平台对突发请求未返回任何 429 响应」; the
leftover of part h100-limP: SC-TILE-*, SC-CITY-*, TD-*, 「本要求无可逐一检查的被检对象」). The whole-render test
fails on the draft as it was before (70c629b8: 92 Chinese and 93 English cases)."""

from __future__ import annotations

import dataclasses
import re

from conformance.drafting.nastep import ground
from conformance.drafting.nastep import with_na_step as na_steps
from conformance.drafting.testcases import TestCase
from tests.drafting.test_spec_gbt import cases

#: a step recording the verdict
_RECORDS = {"zh": re.compile(r"记录“不适用”"), "en": re.compile(r'record "not applicable"', re.I)}
_LABELS = {"zh": ("测试步骤", "判定准则"), "en": ("Test procedure", "Verdict criteria")}


def _unrecorded(blocks, lang: str) -> list[str]:
    steps_label, criteria_label = _LABELS[lang]
    found = []
    for rid, case in cases(blocks).items():
        if ground(case[criteria_label].split("\n"), lang) and not _RECORDS[lang].search(case[steps_label]):
            found.append(rid)
    return found


def test_every_not_applicable_ground_is_recorded_by_a_step(zh, en):
    """bx1 and its class: where a case's 不适用 line gives a ground (not 「无」), a step records 「不适用」."""
    assert len(cases(zh)) > 300 and len(cases(en)) > 300
    assert _unrecorded(zh, "zh") == []
    assert _unrecorded(en, "en") == []


def test_the_rate_limit_case_records_no_429_as_not_applicable(zh):
    """bx1 itself: IF-RATE-001's steps say what to record when the burst draws no 429 answer."""
    assert "记录“不适用”：平台未对突发请求返回任何 429 响应" in cases(zh)["IF-RATE-001"]["测试步骤"]


def test_the_step_is_added_last_once_and_not_for_none_or_a_recording_step():
    """The step comes last (no step a criterion names moves), none where the line says 「无」 or a step records it."""
    def case(steps: list[str], na: str) -> TestCase:
        return TestCase("目的", [], steps, "预期", ["通过：……", na])

    def with_na_step(case: TestCase, lang: str) -> TestCase:
        return dataclasses.replace(case, steps=na_steps(case.steps, case.criteria, lang))

    added = with_na_step(case(["1. 取得文件。", "2. 逐一检查。"], "不适用：所提供的文件中没有被检对象。"), "zh")
    assert added.steps[-1] == "3. 有下列情形时，不作通过或不通过的判定，记录“不适用”：所提供的文件中没有被检对象。"
    assert with_na_step(added, "zh") == added
    none = case(["1. 取得。"], "不适用：无（声明所列测试配置的被测对象均适用本要求）。")
    assert with_na_step(none, "zh").steps == ["1. 取得。"]
    en = with_na_step(case(["1. Obtain."], "Not applicable: none of the captures holds a marker stream."), "en")
    assert en.steps[-1] == ('2. Record "not applicable", neither pass nor fail, where: none of the captures holds '
                            "a marker stream.")
    none_en = case(["1. Obtain."], "Not applicable: none (every pair of platforms ...).")
    assert with_na_step(none_en, "en").steps == ["1. Obtain."]
