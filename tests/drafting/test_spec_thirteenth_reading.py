"""The thirteenth reading of issue 76 (docs/drafting.md, "Thirteenth reading"): what the earlier readings did not
look at (clause 5's opening, annex A's parameter texts, the tables' titles, 编制说明 八's order), each fixed at its
source. Each test fails on the draft as it was before the fix it names; the scans also on a planted defect."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conformance.drafting.explanatory_data import by_rank, relation_rank
from conformance.drafting.tablenumbers import number_tables
from conformance.drafting.writer import Block, table_ahead

_CAPTION = re.compile(r"^表 ((?:[A-Z]\.)?\d+)　(.*)$", re.M)


def _clause(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end)]


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`]*`", "", text)


def test_clause_5_opening_sentence_names_its_tables(zh_markdown, en_markdown):
    """Clause 5 opened 「各领域的测试在下列环境中进行。」 above 表 1 to 表 8, naming none of them; GB/T 1.1-2020 has
    the text refer to each table by its number."""
    for markdown, start, end, first, last in (
            (zh_markdown, "## 5 测试环境", "## 6 ", "表 {} 至表 {} 所列的环境", r"^表 (\d+)　"),
            (en_markdown, "## 5 Test environment", "## 6 ", "Tables {} to {}", r"^Table (\d+) — ")):
        clause = _clause(markdown, start, end)
        numbers = re.findall(last, clause, re.M)
        # 5.1's table of reading bounds first (forty-first reading, part h94-equip), then the areas' eight
        assert len(numbers) == 9, numbers
        opening = clause.split("\n\n")[2]  # after 5.1 通则's heading (leftovers of the thirteenth reading)
        assert first.format(numbers[1], numbers[-1]) in opening, opening


def test_a_text_names_a_table_several_ahead():
    """The mark clause 5 writes: the k-th table after the text, numbered once the document is whole; a mark
    reaching past the last table is an error of the drafting code, not a wrong number."""
    blocks = [Block("heading", "5 测试环境", level=1), Block("para", f"见表 {table_ahead(1)} 至表 {table_ahead(3)}。"),
              *[Block("table", rows=(("a", "b"),), title=f"t{i}") for i in range(3)]]
    assert number_tables(blocks)[1].text == "见表 1 至表 3。"
    with pytest.raises(ValueError, match="table 4 after it"):
        number_tables([*blocks[:1], Block("para", f"见表 {table_ahead(4)}。"), *blocks[2:]])


def test_the_draft_never_writes_must_as_bixu(zh_markdown):
    """Annex A's test parameters said 「隐式标识必须给出的要素」, 「本配置要求必须提供的成员」 and thrice 「是否必须声明跟踪
    范围」: GB/T 1.1-2020's verbal forms make a requirement 应 (必须 is not used in its place)."""
    assert "必须" not in _outside_code(zh_markdown)


def test_the_spectral_efficiency_is_italic(zh_markdown, en_markdown):
    """表 8 wrote 「带明视觉 V(λ) 滤光片」 upright; the terminal texts set *V*(*λ*) italic (quantity symbols)."""
    for markdown in (zh_markdown, en_markdown):
        assert "V(λ)" not in _outside_code(markdown)


def _not_applicable_tautologies(markdown: str) -> list[str]:
    return [f"{m.group(1)} | {m.group(2)}" for m in re.finditer(r"不适用：所提供的(.*?)中没有(.*?)，本要求", markdown)
            if m.group(2) in m.group(1).split("、")]


def test_no_not_applicable_criterion_says_a_target_lacks_itself(zh_markdown):
    """RB-JOINT-001 read 「不适用：所提供的机器人的 URDF 描述、关节状态记录中没有关节状态记录」: the item named as the
    target it is looked for in. The scan fails on that sentence planted."""
    assert _not_applicable_tautologies(zh_markdown) == []
    planted = "不适用：所提供的机器人的 URDF 描述、关节状态记录中没有关节状态记录，本要求无可逐一检查的被检对象"
    assert _not_applicable_tautologies(planted)


def test_note_8_lists_its_documents_by_rank(note):
    """编制说明 八 listed the consumer protection law as (二十一) after the national standards, the departmental rules
    after it, the 标识办法 after GB 45438—2025: its heading's order is laws, regulations, mandatory standards."""
    titles = [b.text.split("）", 1)[1] for b in note
              if b.kind == "heading" and b.anchor.startswith("note-8-") and b.anchor != "note-8-overview"]
    ranks = [relation_rank(t) for t in titles]
    # 28: GB/T 12642, GB/T 20485.21 and GB/T 27025 explained since the twenty-seventh reading (row 16); 29 with
    # GB 9706.226—2021, the mandatory counterpart of TD-BCI-007's IEC 60601-2-26:2012 (thirty-seventh reading, b2);
    # 30 with GB/T 7408.1—2023, clause 2's twelfth national standard (thirty-ninth reading, b2)
    # 34 since the forty-first reading (d16): the algorithm provisions, the generative AI measures (departmental rules,
    # with their order numbers), GB 31241—2022 and GB/T 7247.1—2024; 36 since the forty-second reading (d4): GB/T
    # 36008—2018 and GB/T 13441.1—2007, which requirements' sources cite by the ISO documents they adopt; 37 since the
    # forty-fifth reading (d7): 《网络安全审查办法》, whose article 7 IF-RISK-004 borrows its bound from; 38 since the
    # fiftieth (d2): 《互联网跟帖评论服务管理规定》, whose article 13 IF-REPORT-001's basis names; 39 since the
    # sixty-seventh (part h130-note, d2): GB 44703—2024, the mandatory standard on optical radiation safety
    assert len(titles) == 39 and ranks == sorted(ranks), list(zip(ranks, titles, strict=True))
    assert relation_rank("《中华人民共和国消费者权益保护法》（……主席令第七号）") == 0
    assert relation_rank("《未成年人网络保护条例》（中华人民共和国国务院令第 766 号）") == 1
    assert relation_rank("《网络信息内容生态治理规定》（国家互联网信息办公室令第 5 号）") == 2
    assert relation_rank("《人工智能生成合成内容标识办法》（……国信办通字〔2025〕2 号）") == 3
    assert [e["title"] for e in by_rank([{"title": "GB/T 1"}, {"title": "GB 2"}, {"title": "《中华人民共和国民法典》"}])] \
        == ["《中华人民共和国民法典》", "GB 2", "GB/T 1"]


#: the titles of annex E's encodings' tables, each its clause's title
_ENCODINGS = {entry["title"]["zh"] for entry in yaml.safe_load(
    (Path(__file__).parents[2] / "suites/specification.yaml").read_text(encoding="utf-8"))["encodings"]}

def test_each_table_title_says_what_the_table_holds(zh_markdown):
    """Annex A's tables were titled by the profile's code (「`asset-3d-content` 的 ICS」) under a heading giving its
    Chinese name, annex D's 66 schema tables by a bare URI (「`identifiers/identifier-list.json`」) or 「请求体」 without
    saying they list members, annex E's likewise, and 表 B.1 「测试用例与测试」 while it counts requirements per area."""
    captions = dict(_CAPTION.findall(zh_markdown))
    assert [n for n, title in captions.items() if not re.search("[\u4e00-\u9fff]", _outside_code(title))] == []
    assert [n for n, title in captions.items() if n.startswith("A.") and title.startswith("`")] == []
    assert captions["B.1"] == "各领域的要求、测试与已知不合格用例的数量"
    # annex D's tables but the operations, their parameters (titled by their contract) and the test interface's methods
    # annex E's reference corpora list phrases, not members (forty-first reading a6)
    # nor do annex E's encodings: their tables give an encoding's parts (forty-first reading, part fmt4), nor its XML
    # formats: their tables list elements and attributes (forty-third reading, part h95-urdf)
    members = [title for n, title in captions.items() if n[0] in "DE" and ".openapi.yaml`" not in title
               and title not in ("运行时测试接口自身的方法", "运行时测试接口所承载的 OpenXR 函数")  # forty-fourth a4
               and title != "测试设备持有的 JSON-LD 上下文"  # a list of contexts with their digests (49th reading, a1)
               and not title.startswith("参考语料 ")
               and title not in _ENCODINGS and not title.endswith("的元素与属性")]
    assert members and all(title.endswith("的成员") for title in members), members[:3]
    assert all(" 的成员" not in t or t.split(" 的成员")[0].endswith("`") for t in members)
    assert captions["A.1"].startswith("三维内容文件")


def test_a_range_of_rules_is_written_one_way(zh_markdown):
    """The criteria wrote 「规则 R1 至 R5」 (generated, 94 times) beside 「R1～R4」, 「R2～R4」 (hand-written, 22): one thing
    one way in one document."""
    assert re.findall(r"R\d+～R\d+", zh_markdown) == []
    assert re.search(r"R1 至 R\d+", zh_markdown)


def _named(text: str, number: str, en: bool) -> bool:
    """Whether the text names a table: by its number, or within a range 「表 D.5 至表 D.71」 / "Tables D.5 to D.71"."""
    word = "Tables?" if en else "表"
    if re.search(rf"{word} {re.escape(number)}(?!\d|\.\d)", text):
        return True
    prefix, n = number.rsplit(".", 1)
    ranges = re.findall(rf"{word} {re.escape(prefix)}\.(\d+) (?:至表|to) {re.escape(prefix)}\.(\d+)", text)
    return any(int(a) <= int(n) <= int(b) for a, b in ranges)


def test_each_table_of_the_annexes_is_named_in_their_text(zh_markdown, en_markdown):
    """The annexes' 147 tables but 表 B.1 and 表 D.4 were named nowhere: annex A's clauses now say where each
    profile's ICS, IXIT and test parameters are, D.1 to D.3 where their operations are, D.4's and annex E's opening
    sentences name their range of tables (they read 「下列各表」, 「各表」), B.3 and annex C theirs. The test cases'
    tables, left by the reading, are named since its leftovers (test_spec_leftovers_thirteenth.py)."""
    for markdown, start, end, caption, en in ((zh_markdown, "## 附录 A", "## 参考文献", r"^表 ([A-Z]\.\d+)　", False),
                                              (en_markdown, "## Annex A", "## Bibliography", r"^Table ([A-Z]\.\d+) — ",
                                               True)):
        annexes = _clause(markdown, start, end)
        numbers = re.findall(caption, annexes, re.M)
        text = re.sub(caption + ".*$", "", annexes, flags=re.M)
        assert len(numbers) > 200 and [n for n in numbers if not _named(text, n, en)] == []
