"""The forty-eighth reading, part h101-numerals (docs/drafting.md, "Forty-eighth reading, part h101-numerals"): 三（三）
read a count in Chinese numerals only in 「N次」 and a range only as 「0 至 N 的……」, so TD-TACT-004's 「至少三个」, TD-TACT-002's
「少于三帧」, TD-TACT-005's 「少于三个应答」 and TD-BODY-004's confidence 「0 至 1 之间」 stood in no row (left by part h100-limT).
Each test fails on 2c5706d0."""

from __future__ import annotations

import re

from conformance.drafting.limitnumbers import bare_limits, clauses, digits
from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

#: a count in Chinese numerals a comparison bounds, as the reading names the class
_NUMERAL_COUNT = re.compile(r"(?:不少于|不多于|不超过|至少有?|至多|少于|多于|超过)([三四五六七八九])(?:个|帧|项|名|段|条|种|人)")
_BETWEEN = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?) ?至 ?(\d+(?:\.\d+)?) ?之间")


def test_a_bounded_count_in_numerals_is_read_as_digits_and_a_set_phrase_is_not():
    assert digits("被阵列少于三帧覆盖") == "被阵列少于 3 帧覆盖"
    assert digits("每个壳应至少有四个多边形") == "每个壳应至少有 4 个多边形"
    for kept in ("三种表示形式的响应", "少于两帧", "少于两个名称", "第三个", "一个对象", "两者", "三（三）"):
        assert digits(kept) == kept
    assert "0 至 1" in bare_limits("置信度在 0 至 1 之间", [])


def test_every_bounded_numeral_count_and_range_between_stands_in_its_row(catalog, note):
    """Over the whole table: a count in Chinese numerals a comparison bounds in a statement, a rule, a criterion or a
    step's clause giving this document's value, and a range 「A 至 B 之间」, stand in the requirement's row."""
    rows = _rows(note)
    w = Writer(catalog, "zh")
    missing = []
    for rid, req in catalog.requirements.items():
        if (procedure := w.data.procedures.get(rid)) is None or req.status != "stable":
            continue
        case = case_for(catalog, req, "zh", procedure, w.ics_prepended)
        steps = [c for step in case.steps for c in clauses(step) if "本文件规定的" in c]
        text = "\n".join([req.statement.zh, *(rule.zh for rule in req.rules), *case.criteria, *steps])
        listed = rows.get(rid, ("", ""))[0]
        numbers = re.findall(r"\d+(?:\.\d+)?", listed)
        missing += [(rid, m.group(0)) for m in _NUMERAL_COUNT.finditer(text)
                    if str("一二三四五六七八九".index(m.group(1)) + 1) not in numbers]
        missing += [(rid, m.group(0)) for m in _BETWEEN.finditer(text) if f"{m.group(1)} 至 {m.group(2)}" not in listed]
    assert not missing


def test_each_new_count_is_quoted_with_its_reason(note, note_en):
    rows = _rows(note)
    wanted = {"TD-TACT-002": ("3 帧", "保持段的 60% 至 95% 段内阵列的 3 帧为本文件自定"),
              "TD-TACT-004": ("3 帧", "每次触摸所需接触数正确的 3 帧（一帧离群的读数无法左右其中位数"),
              "TD-TACT-005": ("3 个应答", "保持段的 60% 至 95% 段内的 3 个应答为本文件自定"),
              "TD-BODY-004": ("0 至 1", "置信度的取值范围取自其成员"),
              "TD-FORCE-002": ("0 至 1", "各手指阻力的范围 0 至 1 取自 OpenXR"),
              "TD-MPLAT-002": ("3 帧", "不少于 3 帧为本文件自定的取舍条件"),
              "SC-CITY-007": ("3 个点", "每个环至少 3 个点为本文件自定"),
              "SC-CITY-008": ("4 个多边形", "每个壳至少 4 个多边形为本文件自定")}
    for rid, (limit, reason) in wanted.items():
        limits, basis = rows[rid]
        assert limit in limits.split("，") and reason in basis and "附注未写明" not in basis, (rid, limits, basis)
    english = _rows(note_en)
    assert "3 points" in english["SC-CITY-007"][0] and "4 polygons" in english["SC-CITY-008"][0]
    assert "3 answers" in english["TD-TACT-005"][0].split(", ")
