"""The leftovers of the twenty-third reading of issue 76, part l (docs/drafting.md, "Leftovers of the twenty-third
reading, part l"): rows 29 (the English case parts mark the code values the Chinese marks), 35 (a step is cited as
「第 N 步」), 36 (clause 4 lists no abbreviation the text does not use), 37 (a document clause 2 lists is not listed
again in the 参考文献), 38 (the 参考文献's others by the entry's first element) and 39 (annex A's 说明 cells end
without a full stop).

Each test fails on the draft before the change (tried by reverting each change: see the section)."""

from __future__ import annotations

import re
from collections import Counter

from conformance.drafting.icsrows import cell_text
from conformance.drafting.listorder import _natural, by_entry
from conformance.drafting.writer import Block
from tests.drafting.blocks import text_of
from tests.drafting.test_spec_leftovers_twentieth_f import unmarked

_CODE = re.compile(r"`([^`]+)`")


#: what the rule of :mod:`conformance.drafting.englishcode` leaves plain (the reading's script counted 999 values in
#: 159 parts before the change, 67 after it; the twenty-third reading's leftovers, part n, marked 66 of those in the
#: English of suites/*/procedures.yaml and SC-TILE-002's statement, as the Chinese marks them): what is left is no
#: code value in the English. TD-DESC-002's purpose (statement and rules): the Chinese marks the member `offers` eight
#: times, the English marks it four times and twice uses "offers" as the verb ("one its device descriptor offers",
#: R1 and the statement, where the Chinese says 「所提供的类型」 without the member); marking the verb would make an
#: English word a code value.
_LEFT = {
    'TD-DESC-002 part 1: offers',
}
_BARE_LEFT: set[str] = set()


def _case_parts(blocks: list[Block]) -> dict[str, list[str]]:
    """Each case's five parts (purpose, 前置条件, steps, expected result, criteria) in the table's order."""
    return {b.anchor.removeprefix("test-"): [cell for _, cell in b.rows] for b in blocks
            if b.kind == "table" and b.anchor.startswith("test-")}


def _unmarked_parts(zh: list[Block], en: list[Block]) -> tuple[list[str], list[str]]:
    """The reading's script, per case part: the code values the Chinese part marks that the English part holds
    plain, and the parts whose Chinese marks code values and whose English marks none."""
    zh_cases, en_cases = _case_parts(zh), _case_parts(en)
    assert zh_cases.keys() == en_cases.keys() and len(zh_cases) > 300
    values, bare = [], []
    for req_id, zh_parts in zh_cases.items():
        for index, (zh_text, en_text) in enumerate(zip(zh_parts, en_cases[req_id], strict=True)):
            values += [f"{req_id} part {index + 1}: {value}" for value in unmarked(zh_text, en_text)]
            if _CODE.search(zh_text) and not _CODE.search(en_text):
                bare.append(f"{req_id} part {index + 1}")
    return values, bare


def test_english_case_parts_mark_the_code_values_the_chinese_marks(zh: list[Block], en: list[Block]) -> None:
    """Row 29: AS-AIGC-017's steps marked 22 code values in Chinese and none in English (DP-QUAL-001 17 / 0,
    TD-ACC-002 24 / 0); the English 前置条件, steps, expected result and criteria now mark them as the statement
    and rules do."""
    values, bare = _unmarked_parts(zh, en)
    new = sorted(set(values) - _LEFT)
    assert new == [], f"{len(new)} code values the Chinese marks are plain in the English: {new[:20]}"
    assert sorted(set(bare) - _BARE_LEFT) == []
    # the reading's examples: every part of these cases marks what its Chinese marks
    examples = ("DP-QUAL-001", "TD-ACC-002", "TD-BIO-003", "IF-UDP-001 part 4", "IF-LAT-001", "IF-REQ-001")
    assert [v for v in values if v.startswith(examples)] == []
    cases = _case_parts(en)
    assert "`POST /assets`" in cases["AS-AIGC-017"][2] and "`ai_generated`" in cases["AS-AIGC-017"][2]


def test_the_part_script_finds_a_planted_plain_value() -> None:
    assert unmarked("以 `POST /assets` 发布，其 `ai_generated` 为 `true`",
                    "publish through `POST /assets` with ai_generated true") == ["ai_generated", "true"]


def test_a_step_is_cited_as_di_n_bu(zh: list[Block]) -> None:
    """Row 35: 「步骤 N」 in 47 places beside 「第 N 步」 in 253 (IF-SES-002's 「见步骤 6」)."""
    text = text_of(zh)
    assert re.findall(r"步骤 ?\d", text) == []
    assert "第 6 步" in "\n".join(_case_parts(zh)["IF-SES-002"])


def test_clause_4_lists_the_cover_code(zh: list[Block]) -> None:
    """Row 36: 「CCS：中国标准文献分类」 stands in clause 4 for the cover's classification code (「CCS L 60」), which
    the document's check for English reads with the rest of the document; so it stays, beside ICS."""
    start = next(i for i, b in enumerate(zh) if b.kind == "heading" and b.anchor == "clause-4")
    end = next(i for i, b in enumerate(zh) if b.kind == "heading" and b.anchor == "clause-5")
    listed = {b.text.split("：")[0] for b in zh[start:end] if b.kind == "para" and "：" in b.text}
    assert "CCS" in listed and "ICS" in listed


def _bibliography(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind == "para" and re.match(r"\[\d+\] ", b.text)
            and b.anchor.startswith(("bib-", "ref-"))]


def test_a_document_clause_2_lists_is_not_in_the_bibliography(zh: list[Block]) -> None:
    """Row 37: RFC 5646 in clause 2 and, as 「IETF BCP 47 (RFC 5646)」, in the 参考文献 [86]."""
    start = next(i for i, b in enumerate(zh) if b.kind == "heading" and b.anchor == "clause-2")
    end = next(i for i, b in enumerate(zh) if b.kind == "heading" and b.anchor == "clause-3")
    assert any("RFC 5646" in b.text for b in zh[start:end])
    assert [e for e in _bibliography(zh) if "RFC 5646" in e] == []


def test_the_bibliography_orders_the_others_by_their_first_element(zh: list[Block]) -> None:
    """Row 38: Nachbar's AmbiX stood between Albert and AOM (by its catalog key), Kuhn after Woodworth (split from
    one key). The entries in Latin script after the laws are in order of their first element."""
    entries = [e.split(" ", 1)[1] for e in _bibliography(zh)]
    others = [e for e in entries[entries.index(next(e for e in entries if e.startswith("Abdlkarim"))):]
              if re.match(r"[A-Za-z]", e)]
    keys = [_natural(e) for e in others]
    assert keys == sorted(keys), [e[:40] for e, k, s in zip(others, keys, sorted(keys), strict=True) if k != s][:5]
    assert [e for e in others if e.startswith(("Nachbar", "Kuhn"))]
    assert by_entry((5, (), "ambix"), "Nachbar, Zotter") == (5, (), "nachbar, zotter")


def test_annex_a_description_cells_end_without_a_full_stop(zh: list[Block], en: list[Block]) -> None:
    """Row 39: 15 of 355 说明 cells of annex A's IXIT and parameter tables ended with 「。」 (`clock_skew_s`,
    `known_did` …), the English ones with "."."""
    heads_of = {"zh": ("配置项", "参数", "被测目标", "目标"), "en": ("Setting", "Parameter", "Target", "Trust")}
    for blocks, heads in ((zh, heads_of["zh"]), (en, heads_of["en"])):
        cells = [row[1] for b in blocks if b.kind == "table" and b.rows and b.rows[0][1] in ("说明", "Description")
                 for row in b.rows[1:] if row[0].startswith(heads)]
        assert len(cells) > 300
        assert Counter(c[-1] for c in cells if c.endswith(("。", "."))) == Counter()
    assert cell_text("单位为秒。") == "单位为秒" and cell_text("e.g.") == "e.g."
