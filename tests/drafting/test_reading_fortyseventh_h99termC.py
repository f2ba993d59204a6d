"""The forty-seventh reading, part h99-termC (docs/drafting.md, "Forty-seventh reading, part h99-termC"): numbers of
terminal cases without their reason in the 编制说明's 三（三）: TD-HAPT-003's onset threshold, 10 % of the window's
largest (c1), the 100 ms gap the reference is not interpolated across in TD-BODY-003, TD-FACE-004, TD-HAND-005 and
TD-PERF-004 (c4), TD-CAPT-004's 5 s window and 0.9 (c5), TD-ACC-006's ratio 2 and 10 readings (c2), TD-AUD-002's
0.1 % (c3); TD-BCI-001's criteria failed any unit but `uV` where the check and annex E.3 take μV in three spellings
(c6, cx1). Each test fails on the draft as it was before (d208fd70)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conformance.areas.terminal.bci import MICROVOLTS
from conformance.drafting.explanatory_data import LIMIT
from conformance.drafting.limitnumbers import _READING_BOUND, _SET_HERE, clauses
from conformance.drafting.testcases import case_for
from conformance.drafting.wording import unit_symbols
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

_FLAG = "附注未写明"
_ROOT = Path(__file__).resolve().parents[2]
#: how the texts name the check's spellings of the microvolt, `uV` as written and the two μV by their first letter (a
#: unit is never set as code, forty-third reading, dx1)
_SPELLINGS = {"zh": {"`uV`", "微符号", "希腊字母 μ"}, "en": {"`uV`", "micro sign", "Greek mu"}}


def test_each_number_stands_in_its_row_with_its_reason(note):
    """c1–c5: the number is listed, and the quote gives its reason, not only 「自定」."""
    rows = _rows(note)
    wanted = {"TD-HAPT-003": ("10%", "10% 使起振点落在振动最初的周期内"),
              "TD-BODY-003": ("100 ms", "这样的间隔是参考系统连续丢失了多帧"),
              "TD-FACE-004": ("100 ms", "这样的间隔是参考系统连续丢失了多帧"),
              "TD-HAND-005": ("100 ms", "这样的间隔是参考系统连续丢失了多帧"),
              "TD-PERF-004": ("100 ms", "这样的间隔是参考系统连续丢失了多帧"),
              "TD-CAPT-004": ("5 s", "5 s 长于 R1 的 3000 ms"),
              "TD-ACC-006": ("2 倍", "2 倍的比值取自 WCAG 2.2 成功准则 1.4.4 的 200%"),  # 「2 倍」 since the sixty-seventh reading, d1
              "TD-AUD-002": ("0.1%", "0.1% 即 1 ms/s")}
    for rid, (number, reason) in wanted.items():
        limits, basis = rows[rid]
        assert number in limits.split("，"), (rid, limits)
        assert reason in basis and _FLAG not in basis, (rid, basis)
    assert "0.9 允许字幕缺少语句中十分之一的字或词" in rows["TD-CAPT-004"][1]
    assert "1 s 时间窗内 10 个读数即数据流每秒至少 10 个读数" in rows["TD-ACC-006"][1]


def test_every_interpolation_bound_of_a_step_is_marked_and_listed(catalog, note):
    """The class of c4: a step clause bounding an interpolation by a number with a unit marks it as this document's,
    and the number stands in the row (a reading bound of 5.1 apart)."""
    rows = _rows(note)
    w = Writer(catalog, "zh")
    wrong = []
    for rid, req in catalog.requirements.items():
        if (procedure := w.data.procedures.get(rid)) is None:
            continue
        for step in case_for(catalog, req, "zh", procedure, w.ics_prepended).steps:
            for clause in clauses(re.sub(r"^\d+\. ", "", step)):
                if "插值" not in clause or _READING_BOUND in clause:
                    continue
                gap = [m.group(0) for m in LIMIT.finditer(re.sub(r"时移取[^；]*", "", clause))
                       if re.search(r"间隔|跨越", clause)]
                listed = {unit_symbols(limit).replace(" ", "") for limit in rows.get(rid, ("", ""))[0].split("，")}
                for number in gap:
                    if not _SET_HERE.search(clause) or unit_symbols(number).replace(" ", "") not in listed:
                        wrong.append((rid, number))
    assert not wrong


def test_the_bci_units_say_what_the_check_takes(catalog, zh, en):
    """c6, cx1: the statement, R2, step 3, the expected result, the fail line and annex E.3's `units` name each
    spelling of the microvolt the check takes (``bci.MICROVOLTS``); they said `uV` only, and a file writing μV as E.3's
    example does seemed to fail."""
    assert set(MICROVOLTS) == {"uV", "\u00b5V", "\u03bcV"}
    req = catalog.requirements["TD-BCI-001"]
    w = Writer(catalog, "zh")
    for lang in ("zh", "en"):
        case = case_for(catalog, req, lang, w.data.procedures.get("TD-BCI-001"), w.ics_prepended)
        texts = [getattr(req.statement, lang), getattr(req.rules[1], lang), *case.steps[2:3], case.expected,
                 *(line for line in case.criteria if line.startswith(("不通过", "Fail")))]
        for text in texts:
            assert _SPELLINGS[lang] <= set(re.findall(r"`uV`|微符号|希腊字母 μ|micro sign|Greek mu", text)), (lang, text)
    schema = json.loads((_ROOT / "schemas/terminal/capture-header.json").read_text(encoding="utf-8"))
    described = [node["units"] for node in _nodes(schema) if isinstance(node.get("units"), dict)
                 and "channel" in node["units"].get("description", "")]
    assert described
    for key in ("description", "x-description-zh"):
        lang = "zh" if key.endswith("zh") else "en"
        assert all(_SPELLINGS[lang] <= set(re.findall(r"`uV`|微符号|希腊字母 μ|micro sign|Greek mu", units[key]))
                   for units in described), key


def _nodes(node: object):
    """Every object of a JSON document."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)
