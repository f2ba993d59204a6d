"""The forty-sixth reading of issue 76, part h98-front (docs/drafting.md, "Forty-sixth reading, part h98-front"): the
root list 5.1 falls back on is in the 参考文献 and the 编制说明 says how its edition is fixed (a1); one name for the
one-object-a-line framing, NDJSON (a2); one name for the laboratory's record, defined in clause 3 (a3); the manifest's
`catalog_digest` names what clause 16 records (a4); every record an IXIT row asks for has its annex E format line
(a6); the laboratory's row says it is the laboratory's (ax1); rows serving annex C only say so (ax2). Each test fails
on the draft as it was before this part (93b5dfe5)."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fortythird_h95front import _bibliography, _terms

#: an IXIT target's row of annex A: its role and its description
#: a target's row, or since the sixty-third reading (a2) a row of the laboratory's own records, labelled apart
_TARGET_ROW = re.compile(r"^\| (?:被测目标|测试实验室的记录) `([a-z_]+)` \| ([^|]*) \|", re.M)


def _clause(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end, markdown.index(start))]


def test_a1_the_root_list_of_5_1_is_a_numbered_bibliography_entry_and_its_edition_is_explained(zh_markdown, en_markdown,
                                                                                                note_md):
    """a1: 5.1's 「Mozilla CA 证书计划所收录的根证书列表」 decides whether a connection is made, but stood in neither
    reference list, and the 编制说明 named it nowhere."""
    # its 引用日期 before the URL (fifty-eighth reading, a5)
    entry = re.search(r"^\[(\d+)\] Mozilla Included CA Certificate List\[EB/OL\]\. \[[\d-]+\]\. https://\S+$",
                      _bibliography(zh_markdown), re.M)
    assert entry, "the root list is not in the 参考文献"
    assert f"Mozilla CA 证书计划所收录的根证书列表（见参考文献[{entry.group(1)}]）" in zh_markdown
    assert f"Mozilla CA Certificate Program includes (see Bibliography [{entry.group(1)}])" in en_markdown
    editions = _clause(note_md, "（五）引用文件的版本", "\n## ")
    assert "Mozilla CA 证书计划根证书列表" in editions and "发布日期及其 SHA-256 摘要" in editions


def test_a2_one_object_a_line_has_one_name(zh_markdown, en_markdown):
    """a2: E.12 to E.14 and annex B named the framing 「JSON Lines」, E.1, clause 4 and the 参考文献 NDJSON."""
    for markdown in (zh_markdown, en_markdown):
        assert "JSON Lines" not in markdown
    assert "（UTF-8 编码的 NDJSON，行与空行见 E.1）" in zh_markdown


def test_a3_the_laboratory_signed_record_has_one_name_defined_in_clause_3(zh_markdown):
    """a3: E.6 and 16 j) said 实验室签名记录, 5.9 and the instruments' `serial` rows 实验室记录, annex A 签名记录."""
    assert _terms(zh_markdown)["实验室签名记录"].endswith("格式见附录 E。")
    assert "实验室记录" not in zh_markdown
    bare = [zh_markdown[max(0, m.start() - 20):m.end()] for m in re.finditer(r"(?<!实验室)签名记录", zh_markdown)]
    assert bare == []


def test_a4_the_catalog_digest_is_one_clause_16_records(zh_markdown):
    """a4: E.9's `catalog_digest` named a 「要求目录」 nowhere defined and a digest clause 16 did not ask for."""
    assert "要求目录" not in zh_markdown
    report = _clause(zh_markdown, "\n## 16 ", "\n## 附录 A")
    assert "所用软件的名称与版本及其所载本文件要求与测试用例的摘要" in report
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `catalog_digest` |"))
    assert "见第 16 章 h）" in row


def test_a6_every_record_an_ixit_row_asks_for_has_its_format_line(zh_markdown):
    """a6: `scent_analyses` named its record by the method (气相色谱分析记录), not by E.7's name, so the format line
    generator, which reads a format's name, gave it none; every other target described as a record had one."""
    records = [(role, row) for role, row in _TARGET_ROW.findall(zh_markdown) if "记录" in row]
    assert records
    assert [role for role, row in records if "格式见附录 E（" not in row] == []
    scent = dict(_TARGET_ROW.findall(zh_markdown))["scent_analyses"]
    assert scent.endswith("；格式见附录 E（气味分析记录：E.7）")


def test_ax1_the_laboratorys_row_says_whose_it_is_and_who_reads_it(zh_markdown):
    """ax1: A.1 has the supplier fill in the IXIT, but `laboratory_records` is the laboratory's, and no case reads it."""
    labs = [row for role, row in _TARGET_ROW.findall(zh_markdown) if role == "laboratory_records"]
    # every profile with a measuring requirement since the seventy-first reading, ax1 (part h136-lab): 13 terminal
    # profiles and robot-joint-data
    assert len(labs) == 14
    assert all("由测试实验室而非提供者给出" in row and "测试用例不读取该记录" in row for row in labs), labs


def test_ax2_a_row_serving_only_annex_c_says_so(zh_markdown):
    """ax2: table A.39's `sweeps` and table A.40's `max_crosstalk_percent` and `view_cone_tolerance` serve TD-HOLO-003,
    a draft of annex C, alone, and stood in the normative annex as inputs of the standard."""
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| (?:被测目标|参数) `([a-z_]+)` \| ([^|]*) \|", zh_markdown,
                                                         re.M)}
    for name in ("sweeps", "max_crosstalk_percent", "view_cone_tolerance"):
        assert rows[name].endswith("；仅供附录 C 所列的资料性要求使用，不用于符合性判定"), rows[name]
    assert not rows["max_view_step_ratio"].endswith("不用于符合性判定")
