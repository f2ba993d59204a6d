"""The forty-seventh reading, part h99-quote (docs/drafting.md, "Forty-seventh reading, part h99-quote"): 三（三）'s quote
stopped after the clause heading a row's limits, 「处罚期限 1 h 与 3 s 为本文件自定：……1 h……；」, its reason for one of them
given, the next clause's reason for the other cut (b1: IF-CODE-005's 3 s; b2: IF-ROB-003's 64 characters; also
AS-REG-005's 40 sequences and 20 steps); the English quoted a history sentence its notes put first (「Before 1.2 ……」);
TD-PERF-003's 60 s and 5 s had no reason in the notes. Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.limitbasis import _names, _number
from conformance.drafting.limitnumbers import clauses, digits, names_bare
from conformance.drafting.limitreasons import announced, with_each_reason
from tests.drafting.blocks import limit_rows as _table


def _gives(text: str, limit: str) -> bool:
    number = _number(limit)
    return _names(digits(text), number, limit) or (limit == number and names_bare(text, limit))


def test_each_limit_a_heading_announces_has_its_reason_quoted(note, catalog):
    """b1, b2, over the whole table: a quoted clause heading several limits whose reason names some of them again
    leaves none of the others to the clause after it in the notes, cut from the quote."""
    cut = []
    for rid, (limits, basis) in _table(note).items():
        if not basis.startswith("附注："):
            continue
        quote = basis.removeprefix("附注：").partition("（附注未写明")[0]
        listed = [re.sub(r"^至少 ", "", limit) for limit in limits.split("，")]
        notes = [clause.strip() for clause in clauses(catalog.requirements[rid].notes.zh)]
        for clause in clauses(quote):
            named, reasoned = announced(clause, listed, _gives)
            if len(named) < 2 or not reasoned or (whole := re.sub("……$", "；", clause.strip())) not in notes:
                continue
            after = notes[notes.index(whole) + 1:][:1]
            cut += [(rid, limit) for limit in named if limit not in reasoned
                    and any(_gives(next_clause, limit) and next_clause not in quote for next_clause in after)]
    assert cut == []
    table = _table(note)
    assert "固定取 3 s，使测试不因等待处罚到期而延长" in table["IF-CODE-005"][1]  # fixed, not a default (71st, b2)
    assert "64 个字符涵盖路径中常见标识符的长度" in table["IF-ROB-003"][1]


def test_the_english_quotes_the_reasons_and_no_history_the_chinese_leaves_out(note, note_en):
    """b1, b2 in English: the reason clauses are quoted, and a version named in an English cell ("Before 1.2") is named in
    the Chinese cell too (IF-CODE-005's and IF-ROB-003's English notes put their history before the limits' sentence)."""
    zh, en = _table(note), _table(note_en)
    assert "is fixed at 3 s so that the test does not wait" in en["IF-CODE-005"][1]
    assert "64 characters cover the identifiers a path usually carries" in en["IF-ROB-003"][1]
    history = [rid for rid, (_, basis) in en.items() if (m := re.search(r"\b(?:Before|Since|From|Until) (\d+\.\d+)", basis))
               and m.group(1) not in zh[rid][1]]
    assert history == []


def test_td_perf_003_gives_its_60_s_and_5_s_a_reason(note, note_en):
    zh, en = _table(note)["TD-PERF-003"][1], _table(note_en)["TD-PERF-003"][1]
    assert "60 s 使首末两个 5 s 时段相隔 50 s" in zh and "5 s 使跟踪速率不低于 10 Hz 的数据流每段即有所需的 50 个有效样本" in zh
    assert "the 60 s keeps the first and last 5 s windows 50 s apart" in en
    assert 60 - 2 * 5 == 50 and 50 / 5 == 10  # the reasons' figures: the windows 50 s apart, 50 samples in 5 s at 10 Hz


def test_with_each_reason_goes_on_only_while_a_clause_gives_a_limit_left():
    gives = lambda text, limit: limit in text  # noqa: E731
    placed = {0: "1 h 与 3 s 为本文件自定：1 h 远长于检查；", 1: "3 s 使测试不延长。", 2: "另一句 3 s。"}
    assert with_each_reason((0,), placed, ["1 h", "3 s"], gives) == (0, 1)
    # a reason for all of them at once, or a heading of one number, is whole
    assert with_each_reason((0,), {0: "1 h 与 3 s 为本文件自定：二者均短；", 1: "3 s 另说。"}, ["1 h", "3 s"], gives) == (0,)
    assert with_each_reason((0,), {0: "3 s 为本文件自定：3 s 短；", 1: "3 s 另说。"}, ["3 s"], gives) == (0,)
    # a clause after it naming no limit left ends the quote
    assert with_each_reason((0,), {0: placed[0], 1: "另一句。", 2: "3 s 使测试不延长。"}, ["1 h", "3 s"], gives) == (0,)
