"""The leftovers of the thirty-second reading of issue 76 the lead fixed (docs/drafting.md, "Leftovers of the
thirty-second reading, the lead"): table B.2's English cites a law's articles and items in one form (row b1); annex
C does not claim a written test case for a candidate (b2); the 编制说明's reproducibility record states the whole
set of known-bad cases and the part compared (b15) and IEEE Std 3079-2020 as published (b16). Each test fails on
the draft as it was before."""

from __future__ import annotations

import re

from tests.drafting.blocks import text_of
from tests.drafting.test_spec_leftovers_twentysecond_a import _annex


def test_table_b2_cites_articles_and_items_in_one_english_form(en_markdown):
    """b1: "Article 73 (1)", "Article 6, 17", "Article 13-16" beside "Article 47, paragraph 1, item 2"."""
    b = _annex(en_markdown, "B")
    assert not re.search(r"Article \d+ \(\d\)|Article \d+, \d+|Article \d+-\d+", b)
    assert "Article 73, item 1" in b and "Articles 6 and 17" in b and "Articles 13 to 16" in b


def test_annex_c_claims_an_automated_test_not_a_written_test_case(zh_markdown, en_markdown):
    """b2: 56 of the 60 candidates have no test case in procedures.yaml, only the tool's test and known-bad cases."""
    zh, en = _annex(zh_markdown, "C"), _annex(en_markdown, "C")
    assert "有自动化测试与已知不合格用例" in zh and "有测试用例与已知不合格用例" not in zh
    assert "with its automated test and known-bad cases" in en and "with its test case" not in en


def test_the_reproducibility_record_states_the_whole_and_the_part_compared(note, note_en):
    """b15: 「全部已知不合格用例，共 1256 个」 and then 「另有 1 个……未经比对」 could not both hold."""
    zh, en = text_of(note), text_of(note_en)
    found = re.search(r"全部已知不合格用例，共 (\d+) 个，其中 (\d+) 个（\d+ 项要求）经比对", zh)
    # each case left out counted once, though 四（一） names it too (sixty-fifth reading, part h128-note)
    assert found and int(found.group(1)) == int(found.group(2)) + len(set(re.findall(r"([A-Z][A-Z0-9‑-]*#\d+)（需 ", zh)))
    assert re.search(r"\d+ cases, of which \d+ cases of \d+ requirements were compared", en)


def test_ieee_3079_is_named_as_published(note, note_en):
    """b16: IEEE Std 3079-2020 was published in 2020; only P3079.1 to P3079.3 are projects."""
    zh, en = text_of(note), text_of(note_en)
    assert "IEEE Std 3079-2020（基于头戴显示设备的虚拟现实晕动症减轻技术）已发布" in zh
    assert "IEEE Std 3079-2020 (head-mounted display based virtual reality sickness reduction technology) is published" in en
    assert "IEEE P3079 系列（头戴显示设备的人因要求）在制定中" not in zh


def test_the_main_standards_are_counted_once_a_requirement(note, note_en):
    """b11: the column counted the sections cited (W3C VC Data Integrity, 7 citations by 3 requirements, stood
    ahead of RFC 9457 and VC Data Model v1.1, 4 requirements each)."""
    zh, en = text_of(note), text_of(note_en)
    # sixty-second reading, d1: the sentence says the clause-2 documents are counted, each cell gives its counts
    assert "第 2 章所列规范性引用文件中被该领域最多测试用例引用的至多 3 项" in zh
    assert "at most three cited by the most of the area's test cases" in en


def test_the_limits_table_quotes_the_notes_in_the_drafts_terms(note, note_en):
    """b12: "the profile parameter" (23 times) where the draft says "test parameter"; IF-UDP-006's quotation cut
    inside its parenthesis at 「8.7 c)」's bracket; 「`stricter`: `lower`」 as prose."""
    zh, en = text_of(note), text_of(note_en)
    assert "profile parameter" not in en and "the test parameter `export_response_s`" in en
    assert "（测试参数 `export_response_s`，只能调低：认证计划或声明文件能缩短它，但不能延长）。" in zh
    assert "stricter`: `lower" not in zh and "stricter`: `lower" not in en


def test_a_seconds_valued_member_is_counted_by_the_units_symbol(zh_markdown):
    """Part j's a7, its siblings: AS-META-004 (「以秒计」, 「非负整数秒」), IF-RATE-001, IF-BIO-001 and IF-UDP-012
    (「以秒计」) beside the 「以 s 计」 of the other cases."""
    assert "以秒计" not in zh_markdown and "非负整数秒" not in zh_markdown
    assert zh_markdown.count("以 s 计") >= 8


def test_id_priv_002_takes_the_dids_its_check_takes(zh_markdown, en_markdown):
    """Part l's a12, its sibling: ID-PRIV-002's step 1 took "one" DID of `example_dids`; the check, as ID-RES-001's,
    takes the first five valid ones and is inconclusive on a `known_did` that is no DID."""
    from tests.drafting.test_spec_sixteenth_reading import _cases, _row

    zh = _row(_cases(zh_markdown)["ID-PRIV-002"], "测试步骤")
    en = _row(_cases(en_markdown)["ID-PRIV-002"], "Test procedure")
    assert "前 5 个语法有效的 DID" in zh and "the first five that are syntactically valid DIDs" in en
    assert "不是语法有效的 DID" in _cases(zh_markdown)["ID-PRIV-002"]
