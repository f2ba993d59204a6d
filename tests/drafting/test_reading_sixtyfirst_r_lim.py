"""The sixty-first reading, part h122-lim (docs/drafting.md, "Sixty-first reading, part h122-lim"): rows c1-c4 and cx1
of read61c. The 编制说明's 三（三） quoted TD-MPLAT-004's 10 % only as the comparator of another number's reason, not
the notes' sentence giving its own (c1), and left its 5 commanded cycles, TD-BCI-007's 1 μV and 1 % (c2) and
TD-FORCE-004's 1 mN, 60 % to 95 % and 5 ms (c3) in no row or without a reason; SC-BIM-009's steps named the
Coordination View 2.0 where its rules name the Coordination View (c4); TD-BCI-007's pass line let a capture declaring
none of its set-ups pass with R4 to R6 never judged (cx1). Each test fails on the draft as it was before (5527c6c40)."""

from __future__ import annotations

import re

import pytest

from conformance.drafting.limitbasis import SOURCE
from conformance.drafting.limitnumbers import clauses
from conformance.drafting.testcases import case_for
from conformance.drafting.wording import unit_symbols
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line

_FLAG = "起草组补充"
#: a limit with a unit, as the limits cell writes it
_MEASURED = re.compile(r"^(\d+(?:\.\d+)?) ?(%|ms|s|Hz|kHz|μV|μs|mm|m|N|mN|MΩ|dB|°|W)$")
#: a bound of a 测试设备 line, its number and unit, and a bound of another precondition line on an expanded uncertainty
_BOUND = re.compile(r"(?:不大于|不超过|不低于|不少于) ?(?:[\u4e00-\u9fff]{1,8}的 ?)?(\d+(?:\.\d+)?) ?(微伏|毫秒|毫米|μV|ms|mm|μs|%|°|度)")
_UNITS = {"微伏": "μV", "毫秒": "ms", "毫米": "mm", "度": "°"}


def _names(text: str, limit: str) -> bool:
    number, unit = _MEASURED.match(limit).groups()  # type: ignore[union-attr]
    return re.search(rf"(?<![\d.]){re.escape(number)} ?{re.escape(unit)}(?![\w/])",
                     unit_symbols(text).replace("`", "")) is not None


def test_class_every_row_quotes_a_sourced_clause_for_each_limit_its_notes_give_one(catalog, note):
    """c1, over every row: each limit with a unit that a clause of the notes names beside its source (or the words
    that the document sets it) is named by a quoted clause with its own source, not only in another number's reason
    (TD-MPLAT-004's 10 % stood only in 「……约 1.2%，为所允许的 10% 不足量的八分之一」, after 5 Hz's clause)."""
    rows, missing = limit_rows(note), []
    for rid, (limits, basis) in rows.items():
        notes = catalog.requirement(rid).notes
        if notes is None:
            continue
        given = [c for c in clauses(notes.zh) if "版（" not in c]
        quoted = clauses(basis)
        for limit in (x for x in limits.split("，") if _MEASURED.match(x)):
            if any(_names(c, limit) and SOURCE.search(c) for c in given) and not any(
                    _names(c, limit) and SOURCE.search(c) for c in quoted):
                missing.append(f"{rid}: {limit}")
    assert not missing, missing


def test_c1_the_shortfall_and_the_cycles_have_their_reasons(catalog, note):
    """c1: TD-MPLAT-004's row quotes the 10 %'s own sentence (taken over from TD-MPLAT-003 R2) and lists the 5
    commanded cycles a recording covers, with their reason (en and zh notes)."""
    limits, basis = limit_rows(note)["TD-MPLAT-004"]
    assert "5 个指令周期" in limits.split("，"), limits
    assert "（规定值 0.1，即 10%）：沿用 TD‑MPLAT‑003 R2" in basis.replace("-", "\u2011"), basis
    assert "记录每轴至少覆盖 5 个指令周期亦为本文件自定" in basis and _FLAG not in basis, basis
    notes = catalog.requirement("TD-MPLAT-004").notes
    assert "covering at least 5 commanded cycles per axis is this catalog's own too" in notes.en


def _apparatus_bounds(w: Writer, rid: str) -> list[str]:
    """The 测试设备 bounds stated as another share of a limit than the quarter, and the expanded uncertainties other
    precondition lines bound, as the limits cell writes them."""
    case = case_for(w.catalog, w.catalog.requirement(rid), "zh", w.data.procedures.get(rid), w.ics_prepended)
    out = []
    for line in case.conditions:
        bounds = list(_BOUND.finditer(line))
        for i, m in enumerate(bounds):
            tail = re.split("[；。]", line[m.end():bounds[i + 1].start() if i + 1 < len(bounds) else len(line)])[0]
            if tail.lstrip().startswith("（本文件自定"):  # its own reason beside it: read since the fifty-seventh
                continue
            tail = tail.split("（本文件自定")[0]
            if line.startswith("测试设备：") and "分之一" in tail and "四分之一" not in tail or \
                    not line.startswith("测试设备：") and "（k = 2）" in line[max(0, m.start() - 12):m.start()] \
                    and "分之一" not in tail:
                unit = _UNITS.get(m.group(2), m.group(2))
                out.append(f"{m.group(1)}{'' if unit in ('°', '%') else ' '}{unit}")
    return out


def test_class_every_apparatus_bound_off_the_quarter_has_its_row_and_reason(catalog, note):
    """c2, c3, over every terminal case: each apparatus bound stated as another share of a limit than 5.1's quarter
    (TD-FORCE-004's 5 ms, a fifth; TD-BCI-007's 1 μV, a sixth) and each expanded uncertainty another precondition line
    bounds (TD-BCI-007's series impedance within 1 %) stands in its row, named by a quoted clause with its reason, and
    the row is not flagged for the drafting group to add."""
    w, rows = Writer(catalog, "zh"), limit_rows(note)
    seen, missing = set(), []
    for rid in sorted(r for r in catalog.requirements if r.startswith("TD-")):
        for bound in _apparatus_bounds(w, rid):
            seen.add(rid)
            limits, basis = rows.get(rid, ("", ""))
            if bound not in limits.split("，") or _FLAG in basis or not any(
                    _names(c, bound) and SOURCE.search(c) for c in clauses(basis)):
                missing.append(f"{rid}: {bound}")
    assert {"TD-BCI-007", "TD-FORCE-004", "TD-HAPT-003", "TD-AUD-004", "TD-AUD-005", "TD-ACC-005"} <= seen, seen
    assert not missing, missing


@pytest.mark.parametrize(("rid", "limit", "words"), [
    ("TD-BCI-007", "1 μV", "发生器输出噪声不大于 1 μV 峰峰值（即 R4 的 6 μV 限值的六分之一）为本文件自定"),
    ("TD-BCI-007", "1%", "1% 使 10 MΩ 限值上的判定误差不超过 0.1 MΩ"),
    ("TD-FORCE-004", "5 ms", "它在 5.9 所述四分之一（6.25 ms）以内"),
    ("TD-FORCE-004", "1 mN", "连续指令归为一个阶跃为本文件自定"),
    ("TD-FORCE-004", "60% 至 95%", "稳态力取保持时间 60% 至 95% 段的中位数亦为本文件自定"),
])
def test_c2_c3_the_readers_numbers_stand_in_their_rows_with_their_reasons(note, rid, limit, words):
    """c2, c3: the numbers the reader found without a row or a reason."""
    limits, basis = limit_rows(note)[rid]
    assert limit in limits.split("，") and words in basis and _FLAG not in basis, (limits, basis)


_VIEW = {"zh": re.compile(r"(协调视图|参考视图)( ?\d\.\d)?"),
         "en": re.compile(r"(Coordination View|Reference View)( ?\d\.\d)?")}
_HEADS = {"zh": ("测试目的", "测试步骤", "预期结果", "其规则为："),
          "en": ("Test purpose", "Test procedure", "Expected result", "Its rules are:")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_c4_every_bim_case_names_a_view_as_its_rules_do(lang, zh_markdown, en_markdown, catalog):
    """c4, over every SC-BIM case: no view is named with a version in the steps or expected result where the rules
    name it without one (SC-BIM-009's steps checked 「协调视图 2.0」 files while R2 to R5 judge every 「协调视图」 file,
    so a file declaring the view without the suffix fell under the rules but not the steps)."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    purpose_head, steps_head, expected_head, rules_head = _HEADS[lang]
    checked, wrong = [], []
    for rid in sorted(r for r in catalog.requirements if r.startswith("SC-BIM-")):
        if not re.search(rf"^### \d+\.\d+ {rid} ", markdown, re.M):  # informative: no case
            continue
        case = _case(markdown, rid)
        purpose = _line(case, purpose_head)
        if rules_head not in purpose:
            continue
        ruled = {(m.group(1), m.group(2) or "") for m in _VIEW[lang].finditer(purpose.split(rules_head, 1)[1])}
        said = {(m.group(1), m.group(2) or "") for head in (steps_head, expected_head)
                for m in _VIEW[lang].finditer(_line(case, head))}
        checked += [rid] if said else []
        wrong += [f"{rid}: {view}{version}" for view, version in said
                  if version and (view, version) not in ruled and (view, "") in ruled]
    assert "SC-BIM-009" in checked, checked
    assert not wrong, wrong


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cx1_a_set_up_not_declared_leaves_td_bci_007_inconclusive(lang, zh_markdown, en_markdown):
    """cx1: the pass line asks for the three set-ups declared and measured, and the inconclusive line names a set-up
    the preconditions ask for and the stream does not declare (the pass line let R4 to R6 go unjudged)."""
    case = _case(zh_markdown if lang == "zh" else en_markdown, "TD-BCI-007")
    criteria = _line(case, "判定准则" if lang == "zh" else "Verdict criteria")
    passed, inconclusive = (criteria.split("不确定：")[0], criteria.split("不确定：")[1]) if lang == "zh" else \
        (criteria.split("Inconclusive: ")[0], criteria.split("Inconclusive: ")[1])
    if lang == "zh":
        assert "三项设置均已声明并得到测量" in passed and "未声明短接时段时 R4 不予判定" not in passed, passed
        assert "前置条件所要求的短接、共模或串联设置未声明" in inconclusive, inconclusive
    else:
        assert "set-ups are all declared and measured" in passed and "R4 is not judged where" not in passed, passed
        assert "set-up the preconditions ask for is not declared" in inconclusive, inconclusive
