"""The forty-eighth reading, part h100-names (docs/drafting.md, "Forty-eighth reading, part h100-names"): one name for
one concept (GB/T 1.1-2020 9.3). 3.37's 设备描述 was also 设备能力描述 (TD-DESC-001, TD-ACC-001/-002, the
`terminal-descriptor` profile's title: a1); E.9 called the manifest (声明文件) 实现一致性声明, the ICS it carries (a2);
clause 4 expanded AIGC, only ever GB 45438—2025's metadata field name, to 人工智能生成内容 beside 3.9's term (a5); 5.7
and B.2 said 被测机器人 beside 3.13's names (a6); 共享空间 and its 参与者, a whole profile's subject, were not defined
(b4). Each test fails on the draft as it was before (e78309dd)."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data


def _clause_3(markdown: str, heading: str, end: str) -> list[str]:
    """Clause 3's preferred terms in their order (the line after each entry's number)."""
    return re.findall(r"^### 3\.\d+\n\n(.+?)  ", markdown[markdown.index(heading):markdown.index(end)], re.M)


def test_no_concept_is_called_by_a_name_its_entry_sets_aside(catalog, zh_markdown, en_markdown, note_md):
    """The class of a1, a5 and a6: the other names a clause 3 entry lists as ``avoided`` occur nowhere in the draft
    or its 编制说明 (the name 3.37 uses, 3.13's note's names and 3.9's term are the only ones)."""
    terms = load_data(catalog).terms
    avoided = {lang: {name: term[lang] for term in terms for name in term.get("avoided", {}).get(lang, ())}
               for lang in ("zh", "en")}
    # the three rows' names are listed, so the test reads for them
    assert {"设备能力描述", "被测机器人", "人工智能生成内容"} <= set(avoided["zh"]), avoided
    assert "device capability descriptor" in avoided["en"], avoided
    found = [(name, preferred) for name, preferred in avoided["zh"].items() if name in zh_markdown or name in note_md]
    found += [(name, preferred) for name, preferred in avoided["en"].items() if name in en_markdown]
    assert not found


def test_the_descriptor_profile_is_titled_by_the_term(zh_markdown, en_markdown):
    """a1: 15.45 and A.45 (and tables A.111/A.112) title the profile 终端设备描述."""
    assert "### 15.45 终端设备描述（`terminal-descriptor`）" in zh_markdown
    assert "### A.45 终端设备描述（`terminal-descriptor`）" in zh_markdown
    assert "终端设备描述的 ICS" in zh_markdown and "终端设备描述的 IXIT" in zh_markdown
    assert "### 15.45 Terminal device descriptor (`terminal-descriptor`)" in en_markdown
    assert "TD‑DESC‑001（设备描述有效）：设备描述应符合设备描述模式" in zh_markdown


def test_a_format_lead_names_its_format_by_the_heading_term(zh_markdown):
    """The class of a2: an annex E lead that says what its format is (「……的 X：」) names it as its heading does when
    X is a clause 3 term; E.9 said 「被测对象的提供者提交的实现一致性声明：」 under the heading 声明文件."""
    terms = _clause_3(zh_markdown, "## 3 术语和定义", "## 4 缩略语")
    named = re.compile(r"的(" + "|".join(map(re.escape, sorted(terms, key=len, reverse=True))) + r")：")
    annex = zh_markdown[zh_markdown.index("## 附录 E"):zh_markdown.index("## 参考文献")]
    wrong = [(number, lead[:60]) for number, heading, lead in re.findall(r"^#{3,4} (E\.[\d.]+) (.+)\n\n(.+)", annex, re.M)
             for term in named.findall(lead.split("。")[0]) if term not in heading]
    assert not wrong
    lead = annex.split("### E.9 声明文件", 1)[1].split("\n\n", 2)[1]
    assert lead.startswith("被测对象的提供者提交的声明文件，承载实现一致性声明（ICS：")
    assert "测试用实现附加信息（IXIT：" in lead and "改严的测试参数" in lead


def test_aigc_is_a_field_name_not_an_abbreviation(zh_markdown, en_markdown):
    """a5: AIGC, only GB 45438—2025's metadata field name in the text, is no abbreviation of clause 4 and is set as
    code where the statement names the field (AS-AIGC-017)."""
    for markdown, heading, end in ((zh_markdown, "## 4 缩略语", "## 5 "), (en_markdown, "## 4 Abbreviations", "## 5 ")):
        assert not re.search(r"^AIGC[：:]", markdown[markdown.index(heading):markdown.index(end)], re.M)
    assert "隐式标识（`AIGC`，GB 45438—2025 附录 E）" in zh_markdown
    bare = re.sub(r"`[^`]*`|[A-Z]{2}[\u2011-]AIGC[\u2011-]\d{3}", "", zh_markdown)
    assert "AIGC" not in bare


def test_the_robot_under_test_is_the_object_under_test(zh_markdown):
    """a6: table 7 and B.2 name the robot under test 被测对象, one of 3.13's names."""
    assert "被测对象（机器人）在其常规工作中记录关节状态的设施" in zh_markdown
    assert "测试工具读取被测对象的机器人描述（URDF）" in zh_markdown


def test_the_shared_space_and_its_participants_are_defined(zh_markdown, en_markdown):
    """b4: 共享空间 (a profile's subject, some 50 uses) and 参与者 (over a hundred) are clause 3 entries, defined by
    annex D's session binding, which holds `GET /sessions/{space}`."""
    terms = _clause_3(zh_markdown, "## 3 术语和定义", "## 4 缩略语")
    assert terms.index("参与者") == terms.index("共享空间") + 1, terms
    clause = zh_markdown[zh_markdown.index("## 3 术语和定义"):zh_markdown.index("## 4 缩略语")]
    entry = clause.split("共享空间  shared space\n\n", 1)[1].split("\n", 1)[0]
    assert "`GET /sessions/{space}`" in entry and "参与者" in entry
    assert "| `GET /sessions/{space}` | `joinSession`：加入共享空间" in zh_markdown
    assert "参与者  participant" in clause
    assert re.search(r"^shared space$", en_markdown[en_markdown.index("## 3 Terms"):en_markdown.index("## 4 ")], re.M)
