"""The forty-ninth reading, part h102-limA (docs/drafting.md, "Forty-ninth reading, part h102-limA"): platform numbers
the 编制说明's 三（三） listed without a reason or did not list: the 5th and 95th percentiles of AS-AIGC-011/-013/-014's
contrast (b1), ID-PRIV-001's 11-digit phone form (b2), IF-CODE-006's 1 s past the longest timed sanction (b3), the
reason for one day (86 400 s) in IF-REPORT-001, IF-MOD-002, IF-CODE-010 and 八（十三）, whose quote opened with 「因此」
(d3), and AS-AIGC-012's 24, 8 and 48 characters (d4). Each test fails on the draft as it was before (98143ab5)."""

from __future__ import annotations

import re

from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

_FLAG = "附注未写明"
#: the reason one day is given, in each place the 86 400 s is set
_ONE_DAY = "一个昼夜内，按任何时刻排班的受理人员都至少有一个完整的工作班次"
#: a word carrying an argument on from a clause before it: a quote opening with one has its antecedent cut
_CARRIED_ON = re.compile(r"^(?:因此|所以|因而|故而|于是|由此)")


def _case(catalog, rid: str, lang: str = "zh"):
    w = Writer(catalog, lang)
    return case_for(catalog, catalog.requirements[rid], lang, w.data.procedures.get(rid), w.ics_prepended)


def test_each_number_stands_in_its_row_with_its_reason(note):
    """b1, b2, b3, d4: the number is listed, and the quote gives its reason, not only 「自定」."""
    rows = _rows(note)
    wanted = {"AS-AIGC-011": ("95%", "舍去最暗与最亮各 5% 的像素"),
              "AS-AIGC-013": ("95%", "舍去最暗与最亮各 5% 的像素"),
              "AS-AIGC-014": ("95%", "舍去最暗与最亮各 5% 的像素"),
              "ID-PRIV-001": ("11 位", "其他位数或开头的数字串（如密钥、哈希中的数字）不当作手机号码"),
              "IF-CODE-006": ("1 s", "时钟此时刚越过最长的限时处罚的末端"),
              "AS-AIGC-012": ("48 个字符", "48 个字符使单独成行的是一句提示")}
    for rid, (number, reason) in wanted.items():
        limits, basis = rows[rid]
        assert number in limits.split("，"), (rid, limits)
        assert reason in basis and _FLAG not in basis, (rid, basis)
    # each of AS-AIGC-012's three numbers has its own reason, not one sentence saying all three are the document's own
    basis = rows["AS-AIGC-012"][1]
    # (the reasons part h101-timeouts gave, which the merge kept)
    assert all(reason in basis for reason in ("24 个字符容纳一句提示语", "8 个字符容纳提示之前或之后", "48 个字符使单独成行"))


def test_the_numbers_are_marked_as_this_documents(catalog):
    """b1, b2, b3: the steps (and AS-AIGC-011's statement and R4) mark the numbers as this document's, in both
    languages."""
    assert "本文件规定的 95% 分位数与 5% 分位数之差" in catalog.requirements["AS-AIGC-011"].statement.zh
    assert "本文件规定的 95% 分位数与 5% 分位数之差" in catalog.requirements["AS-AIGC-011"].rules[3].zh
    for rid in ("AS-AIGC-011", "AS-AIGC-013", "AS-AIGC-014"):
        assert any("95% 分位数与 5% 分位数" in step and "本文件规定的两个分位数" in step for step in _case(catalog, rid).steps), rid
        assert any("percentiles this document sets" in step for step in _case(catalog, rid, "en").steps), rid
    assert any("手机号码（本文件规定的识别形式：11 位" in step for step in _case(catalog, "ID-PRIV-001").steps)
    assert any("最长期限加本文件规定的 1 s" in step for step in _case(catalog, "IF-CODE-006").steps)


def test_one_days_reason_is_given_where_86_400_s_is_set(note, note_md):
    """d3: the quote giving 86 400 s says why one day, in IF-REPORT-001's row and the rows taking its limit, and so
    does 八（十三）."""
    rows = _rows(note)
    for rid in ("IF-REPORT-001", "IF-MOD-002", "IF-CODE-010"):
        limits, basis = rows[rid]
        assert "86 400 s" in limits.split("，") and _ONE_DAY in basis, (rid, basis)
    assert "该时限为本文件自定，因该规定只要求“及时”，取一天是因为一个昼夜内" in note_md


def test_no_quote_opens_with_an_argument_carried_on(note):
    """d3 as a class: no 三（三） quote opens with 「因此」 or another word carrying an argument on from a clause the
    quote leaves out (IF-REPORT-001's 「因此时限（86 400 s）为本文件自定」 had lost the two regulations it followed from)."""
    opened = {rid: basis for rid, (_, basis) in _rows(note).items()
              if basis.startswith("附注：") and _CARRIED_ON.match(basis.removeprefix("附注："))}
    assert not opened
