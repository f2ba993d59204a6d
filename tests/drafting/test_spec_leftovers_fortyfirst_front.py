"""The forty-first reading of issue 76, part h94-front (docs/drafting.md, "Forty-first reading, part h94-front"):
annexes first cited in their letters' order (a3); 未执行 defined and no verdict (a4); 5.1's trust anchors without a
package (a15); ICS items numbered within their tables (a20); D.4's second WebSocket connection (a22); the terms the
cases use defined in clause 3 (b1, b2, c23, c24) and one name each (b3, c23 to c26). Each test fails on the draft
as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases

#: the names the cases use that clause 3 now defines (b1, b2, c23, c24) and 6.1's 未执行 (a4)
_DEFINED = ("平台对", "显式标识", "隐式标识", "运行时测试接口", "机器人描述", "关节状态记录", "未执行")
#: a second name for a thing that has one (c23 to c25): the pattern and the name the draft gives it
_SECOND_NAMES = ((r"(?<!运行时)测试接口", "运行时测试接口"), (r"测试台", "试验台"), (r"URDF 描述", "机器人描述"),
                 (r"(?:提示|判决)数据流", "提示标记数据流 / 判决标记数据流"), (r"跟踪采集", "跟踪记录"))


def _clause(markdown: str, start: str, end: str) -> str:
    at = markdown.index(start)
    return markdown[at:markdown.index(end, at + len(start))]


def _body(markdown: str, lang: str) -> str:
    """The text from the foreword on (the contents list names every annex in its letters' order)."""
    return markdown[markdown.index("\n## 前言" if lang == "zh" else "\n## Foreword"):]


def test_annexes_are_first_cited_in_the_order_of_their_letters(zh_markdown, en_markdown):
    """a3: the 引言 cited annexes B and C, 3.18 D, 3.25 E, and annex A first in 5.1 (GB/T 1.1-2020: annexes are
    lettered in the order of their first citation)."""
    for markdown, lang, cite in ((zh_markdown, "zh", r"附录 ?([A-Z])\b"), (en_markdown, "en", r"\b[Aa]nnex ([A-Z])\b")):
        first: list[str] = []
        for letter in re.findall(cite, _body(markdown, lang)):
            if letter not in first:
                first.append(letter)
        assert first == sorted(first), (lang, first)
        assert first[0] == "A"


def test_not_run_is_defined_and_no_verdict(zh_markdown, en_markdown):
    """a4: 6.1 and every clause 15 profile gave 「判定为……未执行」 as a fifth verdict that clause 3 did not define and
    16 i) did not report."""
    terms = _clause(zh_markdown, "\n## 3 ", "\n## 4 ")
    assert "未执行  not run" in terms and "未执行不是判定结果" in terms
    assert not re.search(r"判定为[^。；，）]*未执行", zh_markdown)
    assert "未执行（见第 3 章）不是判定结果" in _clause(zh_markdown, "判定结果\n", "\n### ")
    report = _clause(zh_markdown, "\n## 16 ", "\n## 附录")
    assert "未执行的测试用例及其原因" in report
    assert "the test cases not run and why" in _clause(en_markdown, "\n## 16 ", "\n## Annex")
    assert "none that fails, is inconclusive or is not run" not in en_markdown


def test_the_default_trust_anchors_are_a_named_list_not_a_package(zh_markdown, en_markdown):
    """a15: 5.1 named the list by the package that distributes it and whatever version was installed."""
    general_zh = _clause(zh_markdown, "\n### 5.1 ", "\n### 5.2 ")
    general_en = _clause(en_markdown, "\n### 5.1 ", "\n### 5.2 ")
    assert "Mozilla CA 证书计划所收录的根证书列表" in general_zh
    assert "软件包" not in general_zh and "certifi " not in general_en and "package" not in general_en
    assert "所用列表的发布日期及其 SHA-256 摘要" in general_zh


def test_ics_items_are_numbered_within_their_tables(zh_markdown, en_markdown):
    """a20: items numbered 「A.2.1」 … 「A.55.x」 read as subclauses that do not exist."""
    for markdown in (zh_markdown, en_markdown):
        assert not re.search(r"^\| A\.\d+\.\d+ \|", markdown, re.M)
    assert "| 1 | AS‑GLTF‑001 glTF 2.0 内容符合 glTF 2.0 规范 | m |" in zh_markdown


def test_the_runtime_interface_names_its_second_connection(zh_markdown):
    """a22: D.4 said TD-RUN-007's functions travel in 「另一单独的对话」, which no clause defines."""
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `GET /xr/runtime` |"))
    assert "另一条单独的 WebSocket 连接" in row and "对话" not in row


def test_the_terms_the_cases_use_are_defined_in_clause_3(zh_markdown):
    """b1, b2, c23, c24: 平台对, 显式标识/隐式标识, 运行时测试接口, 机器人描述 and 关节状态记录 were used in the cases
    and defined nowhere."""
    terms = _clause(zh_markdown, "\n## 3 ", "\n## 4 ")
    defined = set(re.findall(r"^### 3\.\d+\n\n(\S+)  ", terms, re.M))
    rest = zh_markdown.replace(terms, "")
    for name in _DEFINED:
        assert name in defined, name
        assert name in rest, name  # a term the document does not use is not defined
    assert "[来源：GB 45438—2025，有修改]" in _clause(terms, "隐式标识  implicit label", "\n### ")


def test_one_name_each_in_the_cases(zh_markdown):
    """c23 to c25: 测试接口 beside 运行时测试接口, 测试台 beside 试验台, four names for the URDF file, two for each
    of TD-BCI-006's marker streams, and 跟踪采集 for a file that is no 采集文件."""
    for pattern, name in _SECOND_NAMES:
        found = re.findall(rf".{{0,20}}{pattern}.{{0,10}}", zh_markdown)
        assert not found, (name, found[:3])


def test_the_file_delivery_cases_name_the_implementation_that_declares(zh_markdown):
    """c26: the IFC, CityJSON, 3D Tiles and SensorThings cases said 「平台声明…时」 where the object is any
    implementation under test and the declaration its ICS."""
    cases = _cases(zh_markdown)
    for case_id in (*(f"SC-BIM-{n:03}" for n in (3, 5, 6, 7, 8, 9, 10)), "SC-CITY-005", "SC-GEO-001",
                    *(f"SC-FEED-{n:03}" for n in range(4, 8))):
        assert "平台声明" not in cases[case_id], case_id
        assert "被测对象声明" in cases[case_id], case_id


def test_as_aigc_017_tells_an_identifier_from_a_label(zh_markdown):
    """b3: 「`asset_id` 为 L 的标识」 and 「L 的标识成员」 used 标识 for the identifier and for the label."""
    case = _cases(zh_markdown)["AS-AIGC-017"]
    assert "的标识）" not in case and "L 的标识成员" not in case
    assert "（`asset_id` 为 L 的资产标识符）" in case and "L 的隐式标识的成员被删除或更改" in case
