"""The fifty-first reading, part h105-terms (docs/drafting.md, "Fifty-first reading, part h105-terms"): 测试应用, the
actor of 23 TD cases' set-ups, was undefined and also called 测试应用程序 and 测试程序, the latter also the laboratory's
reading program (c7); 3.44 said the runtime serves the runtime test interface, which the test application or the
supplier's bridge serves (ax1); 3.28 defines 测试部署 by a platform's five operations while 编制说明 三（四） counted the
terminal's `GET /xr/runtime` as a sixth (a2, b6); annex D called the moderation clock 测试时钟 (b4); annex D was cited
as 接口附录 (a3); 3.43's source gave no place (a8). Each test fails on the draft as it was before (8882e77b)."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data


def _clause_3(markdown: str) -> str:
    return markdown[markdown.index("## 3 术语和定义"):markdown.index("## 4 缩略语")]


def _entry(clause: str, heading: str) -> str:
    """The text of the clause 3 entry whose term line starts with ``heading``, up to the next entry."""
    return clause.split(f"\n\n{heading}", 1)[1].split("\n### ", 1)[0]


def test_the_test_application_is_one_defined_term(catalog, zh_markdown, en_markdown, note_md):
    """c7: clause 3 defines 测试应用 (the laboratory's, on the terminal, part of the test equipment, serving the runtime
    test interface) before 运行时 and 运行时测试接口 (which the fiftieth reading keeps adjacent); its other names are set aside (so the avoided-names test of the
    forty-eighth reading reads the whole draft for them) and the laboratory's reading program is 测试设备 (3.17)."""
    clause = _clause_3(zh_markdown)
    terms = re.findall(r"^### 3\.\d+\n\n(.+?)  ", clause, re.M)
    assert terms.index("测试应用") + 1 == terms.index("运行时") == terms.index("运行时测试接口") - 1, terms
    entry = _entry(clause, "测试应用  test application")
    assert "测试实验室在被测终端上运行、属于测试设备的应用程序" in entry and "提供运行时测试接口" in entry
    assert "桥接程序" in entry and "IXIT" in entry
    term = next(t for t in load_data(catalog).terms if t["zh"] == "测试应用")
    assert {"测试应用程序", "测试程序"} <= set(term["avoided"]["zh"])
    for name in ("测试应用程序", "测试程序"):
        assert name not in zh_markdown and name not in note_md, name
    assert "laboratory's test application" not in en_markdown
    assert "读取方（测试设备）" in zh_markdown and "发送方（测试设备）" in zh_markdown
    assert "测试应用逐条下达指令" in zh_markdown  # TD-OLF-003, once 测试程序


def test_the_runtime_test_interface_is_served_by_the_test_application(zh_markdown, en_markdown):
    """ax1: the runtime implements OpenXR (3.43); the interface is served by the test application or the supplier's
    bridge, which calls the runtime, as 5.9, annex D and the TD-RUN cases say."""
    entry = _entry(_clause_3(zh_markdown), "运行时测试接口  runtime test interface")
    assert entry.strip().startswith("终端上的测试应用（或提供者的桥接程序）为测试提供的"), entry
    assert "终端运行时为测试提供" not in entry
    assert "The interface that the test application on a terminal (or the supplier's bridge) serves" in en_markdown


def test_the_test_deployment_counts_what_its_definition_lists(zh_markdown, note_md):
    """a2, b6: the operations 三（四） counts and marks as offered only by the test deployment are as many as 3.28
    lists (a platform's five); the terminal's runtime test interface, served by the test application, is not one."""
    entry = _entry(_clause_3(zh_markdown), "测试部署  test deployment")
    listed = re.search(r"仅用于测试的操作（([^）]+)）", entry).group(1)
    count = len(re.split("、|与", listed))
    assert count == 5, listed
    assert f"其中 {count} 个仅由被测平台的测试部署提供" in note_md  # the platform 3.28 names (fifty-second, b3)
    section = note_md[note_md.index("（四）本文件规定的接口操作"):]
    rows = re.findall(r"^\| `([A-Z]+ [^`]+)` \| [^|]* \| (是|否) \|$", section, re.M)
    assert sum(mark == "是" for _, mark in rows) == count, rows
    assert ("GET /xr/runtime", "否") in rows


def test_annex_d_calls_the_moderation_clock_by_its_term(zh_markdown):
    """b4: annex D's row of the operation advancing the test moderation clock (3.30) names that clock, not 3.29's
    测试时钟 (「它与测试时钟分别设置」)."""
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `advanceTestModerationClock` |"))
    assert "不属于生产部署的接口：测试处罚时钟" in row
    assert not re.search(r"(?<!处罚)测试时钟", row), row


def test_no_annex_is_cited_by_an_informal_name(zh_markdown, note_md):
    """a3 and its class: an annex of this document is cited by its designation (「附录 D」, GB/T 1.1-2020 9.5) or, inside
    it, as 本附录 / 该附录; never by a name of its own such as 接口附录. The one other 附录 is the OpenXR
    specification's, in 3.43's source; and, since the sixtieth reading (h120-strict), IEC 60068-1:2013's, in the
    humidity row's summary of that edition's changes (「标明规范性与资料性附录」), not an annex of this document."""
    other_documents = re.compile(r"\[来源：[^\]\n]*\]|IEC 60068-1:2013（第 7 版）[^。]*标明规范性与资料性附录")
    for text in (zh_markdown, note_md):
        bare = other_documents.sub("", text)
        informal = re.findall(r"(.{0,6})附录(?! [A-Z])", bare)
        assert not [before for before in informal if not before.endswith(("本", "该"))], informal
    assert "接口附录" not in zh_markdown and "接口附录" not in note_md


def test_the_runtime_definition_gives_its_place_in_the_source(zh_markdown, en_markdown):
    """a8: 3.43 was read in the Glossary of OpenXR Specification 1.1's Appendix, which the specification leaves
    unnumbered (its openxr.adoc turns numbering off before appendix.adoc), so the place is named."""
    assert "[来源：OpenXR Specification 1.1（2024-04-15），附录的术语表，有修改]" in zh_markdown
    assert "[Source: OpenXR Specification 1.1 (2024-04-15), Glossary in the Appendix, modified]" in en_markdown
