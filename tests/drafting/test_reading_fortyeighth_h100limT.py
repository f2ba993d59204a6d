"""The forty-eighth reading, part h100-limT (docs/drafting.md, "Forty-eighth reading, part h100-limT"): terminal
numbers without their row or reason in the 编制说明's 三（三）: TD-RUN-006's 0 to 1 range, credited to OpenXR, which
gives none (c2), TD-TACT-004's 1 mm slide and 3 frames a touch needs (c3), TD-TACT-003's 4 reads (c4), TD-TACT-002's
drift of 5 % and its settling band of 10 % of the step (d2). Each test fails on the draft as it was before (309a6112)."""

from __future__ import annotations

import re

from conformance.drafting.limitnumbers import _SET_HERE, OWN_NUMBER, clauses, digits
from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

_FLAG = "附注未写明"
#: a step repeating a read or a request a counted number of times, 「连续读取本文件规定的 4 次」, 「依次发送 8 次请求」
_COUNTED = re.compile(r"(?:连续|依次)(?:读取|发送)[^，。；]{0,20}?(\d+)\s?次")
#: a title crediting a standard with what the requirement asks, 「按 OpenXR Specification 1.1 的规定」
_CREDITED = re.compile(r"按 [^，。；]{1,60}的规定")


def test_each_number_stands_in_its_row_with_its_reason(note):
    """c2–c4, d2: the number is listed, and the quote gives its reason, not only 「自定」."""
    rows = _rows(note)
    wanted = {"TD-RUN-006": ("0 至 1", ["权重与置信度的取值范围 0 至 1 为本文件自定", "与 TD-FACE-002 相同",
                                      "以 0 表示完全不可信、以 1 表示完全可信"]),
              "TD-TACT-003": ("4 次", ["4 次读取为本文件自定", "给出 3 对相邻的帧供 R3 比较时刻"]),
              "TD-TACT-004": ("1 mm", ["滑动所移动的 1 mm（2 mm 位置限值的一半"]),
              "TD-TACT-002": ("5%", ["保持载荷下的漂移为 5%（`max_tactile_drift`，与迟滞限值相同",
                                     "阶跃 10% 以内即视为已跟随（10% 即 R1 的载荷限值"])}
    for rid, (number, reasons) in wanted.items():
        limits, basis = rows[rid]
        assert number in limits.split("，"), (rid, limits)
        assert _FLAG not in basis and all(reason in basis for reason in reasons), (rid, basis)
    limits, basis = rows["TD-TACT-004"]
    assert "3 帧" in limits.split("，") and "所需接触数正确的 3 帧（一帧离群的读数无法左右其中位数" in basis


def test_the_range_of_face_weights_is_this_documents(catalog):
    """c2: TD-RUN-006's title and statement no longer credit OpenXR with the range, which XR_FB_face_tracking2 does
    not give; the statement, R2 and step 5 mark it as this document's."""
    req = catalog.requirements["TD-RUN-006"]
    assert "本文件规定的范围" in req.title.zh and "the range this document sets" in req.title.en
    assert "本文件规定的 0 至 1" in req.statement.zh and "本文件规定的 0 至 1" in req.rules[1].zh
    w = Writer(catalog, "zh")
    step = case_for(catalog, req, "zh", w.data.procedures.get("TD-RUN-006"), w.ics_prepended).steps[4]
    assert "本文件规定的 0 至 1" in step, step


def test_every_counted_read_or_request_of_a_step_stands_in_its_row(catalog, note):
    """The class of c4: a step reading or sending a counted number of times (「连续读取四次」) marks the count as this
    document's unless the statement, rules or criteria give it, and the number stands in the requirement's row."""
    rows = _rows(note)
    w = Writer(catalog, "zh")
    wrong = []
    for rid, req in catalog.requirements.items():
        if (procedure := w.data.procedures.get(rid)) is None:
            continue
        case = case_for(catalog, req, "zh", procedure, w.ics_prepended)
        decided = digits("\n".join([req.statement.zh, *(rule.zh for rule in req.rules), *case.criteria]))
        for step in case.steps:
            for clause in clauses(digits(re.sub(r"^\d+\. ", "", step))):
                for m in _COUNTED.finditer(clause):
                    listed = re.findall(r"\d+", rows.get(rid, ("", ""))[0])
                    marked = _SET_HERE.search(clause) or re.search(rf"(?<![\d.]){m.group(1)} ?次", decided)
                    if not marked or m.group(1) not in listed:
                        wrong.append((rid, m.group(0)))
    assert not wrong


def test_a_title_crediting_a_standard_leaves_no_own_number_unmarked(catalog, note):
    """The class of c2: where a title says a standard sets what the requirement asks (「按 …… 的规定」), a limit of the
    statement the 编制说明 quotes as this document's own is marked 「本文件规定的」 in the statement (TD-BODY-004's
    8 predicted display times were not)."""
    rows = _rows(note)
    wrong = []
    for rid, req in catalog.requirements.items():
        if rid not in rows or not _CREDITED.search(req.title.zh):
            continue
        limits, basis = rows[rid]
        for limit in limits.split("，"):
            own = [c for c in clauses(basis) if limit in c and OWN_NUMBER.search(c)
                   and re.search(re.escape(limit) + r"[^。；：]{0,30}(?:为|是)本文件自定", c)]
            written = re.sub(r"\s", "", req.statement.zh)
            if own and re.sub(r"\s", "", limit) in written and "本文件规定的" + re.sub(r"\s", "", limit) not in written:
                wrong.append((rid, limit))
    assert not wrong
