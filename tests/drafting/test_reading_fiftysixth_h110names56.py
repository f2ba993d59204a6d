"""The fifty-sixth reading, part h110-names56 (docs/drafting.md, "Fifty-sixth reading, part h110-names56"): table E.6
called the bench capture 台架采集文件 where TD-OLF-006 says 试验台采集文件 (a1); the tracker capture and the scent
analyses record, files cases read and judge, were not clause 3 terms beside the records 3.54 to 3.56 (a2); IR-RES-003's
expected result said 描述符 for clause 3's 设备描述 (b5); IF-CODE-005, -006 and -008 called issuing an asset 发布 (b6);
「Articles 17, paragraph 1, item 2 and 19」 came out as 「第十九项」 (d2); 十三 wrote 「实体列表」 in corner brackets (dx1);
5.1 nested 「（附录 E（采集文件：…；资产历史文件：E.17））」 (ax1). Each test fails on the tree before (972914d5)."""

from __future__ import annotations

import re

from conformance.drafting.limitcited import _section
from conformance.drafting.sectionzh import chinese_section
from conformance.drafting.writer import Writer
from tests.drafting.test_reading_fiftyfifth_names55 import _ONE_NAME
from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line
from tests.drafting.test_reading_fiftythird_h107terms import _clause_3


def test_a1_the_rig_has_one_name_in_both_renders(zh_markdown, note_md):
    """The class of a1, after fifty-fifth c5's 测试台: neither text writes 台架 either; E.7's capture member says
    试验台采集文件, as TD-OLF-006 does."""
    for text in (zh_markdown, note_md):
        assert "台架" not in text and [w for w in _ONE_NAME if w in text] == []
    for text in (zh_markdown[zh_markdown.index("### E.7 "):], _case(zh_markdown, "TD-OLF-006")):
        assert "试验台采集文件" in text


def test_a2_the_files_cases_judge_are_clause_3_terms(zh_markdown, en_markdown):
    """a2: 跟踪记录 and 气味分析记录 are defined beside the other records, each pointing to annex E, in both
    languages; the cases that read them use the defined words."""
    terms = dict(_clause_3(zh_markdown))
    for term in ("关节状态记录", "关节轨迹控制器状态记录", "实验室签名记录", "跟踪记录", "气味分析记录"):
        assert terms[term].strip().endswith("格式见附录 E。"), term
    order = list(terms)
    assert order.index("实验室签名记录") + 1 == order.index("跟踪记录") == order.index("气味分析记录") - 1
    assert "tracker capture" in en_markdown and "scent analyses record" in en_markdown
    assert "跟踪记录" in _case(zh_markdown, "RB-TRACK-002") and "气味分析记录" in _case(zh_markdown, "TD-OLF-006")


def test_b5_ir_res_003_names_the_document_by_its_term(zh_markdown):
    """b5: the document a resolution result's `URL` names is 3.48's 设备描述 or asset metadata, as the statement and
    step 2 say; 描述符 is no word of the case."""
    case = _case(zh_markdown, "IR-RES-003")
    assert "描述符" not in case
    assert "指向平台所提供的设备描述或资产元数据" in _line(case, "预期结果")


def test_b6_issuing_an_asset_is_never_called_publishing(zh_markdown):
    """The class of b6: a case whose steps issue an asset through `POST /assets` calls that request 发行 in every
    line, never 发布 (clause 11's word for `session.publish` and scene publishing), unless the case publishes
    states or scenes too; IF-CODE-006's R1 lists 发行资产."""
    cases = {rid: _case(zh_markdown, rid) for rid in re.findall(r"^### \d+\.\d+ ([A-Z]{2}-[A-Z]+-\d{3}) ", zh_markdown, re.M)}
    issuing = {rid for rid, case in cases.items() if re.search(r"POST /assets`? 发行", case)
               and "session.publish" not in case and "shared_scenes" not in case}
    assert {"IF-CODE-005", "IF-CODE-008"} <= issuing
    for rid in sorted(issuing | {"IF-CODE-006"}):  # IF-CODE-006's step 2 issues without naming the path
        for row in ("测试步骤", "预期结果", "判定准则"):
            assert "发布" not in _line(cases[rid], row), (rid, row)
    assert "受封禁身份的一切请求（发行资产、操作其所持资产、读取）" in _case(zh_markdown, "IF-CODE-006")


def test_d2_a_singular_item_takes_one_number(catalog):
    """d2, over every section the catalog cites of a Chinese-titled document: each 「item N」 gives one 项 and each
    「items N and M」 two, so a number after 「item N and」 is an article (PIPL's 第十九条, not 第十七条's 第十九项)."""
    assert chinese_section("Articles 17, paragraph 1, item 2 and 19 and 47, paragraph 1, item 2") == \
        "第十七条第一款第二项、第十九条、第四十七条第一款第二项"
    w = Writer(catalog, "zh")
    cited = [(ref.section, ref.name) for req in catalog.requirements.values() for ref in req.source.standards
             if ref.section and re.search(r"[\u4e00-\u9fff]", w.data.titles.get(ref.name, ""))]
    assert len(cited) > 20
    for section, name in cited:
        bare = re.sub(r" ?\([^()]*\)", "", section)
        items = len(re.findall(r"\bitem \d+", bare)) + 2 * len(re.findall(r"\bitems \d+ and \d+", bare))
        assert _section(w, section, name).count("项") == items, section


_CORNER = re.compile(r"[「」]")


def test_dx1_no_corner_brackets_in_either_render(zh_markdown, note_md):
    """The class of dx1: horizontal Chinese text quotes with “ ” (GB/T 15834—2011, 4.1); neither the draft nor its
    explanatory note writes 「」 (the twelfth reading held the draft to it, not the note)."""
    for text in (zh_markdown, note_md):
        assert _CORNER.findall(text) == []
    assert "“实体列表”电子表格" in note_md


def test_ax1_5_1_cites_the_streamed_files_clauses_without_nesting(zh_markdown, en_markdown):
    """ax1: each file read line by line has its annex E clauses in its own bracket, and no bracket of the paragraph
    holds another."""
    para = next(line for line in zh_markdown.splitlines() if "逐行读取，不受此上限限制" in line)
    assert re.search(r"采集文件（E\.\d+(?:、E\.\d+)*）、资产历史文件（E\.\d+）与 CityJSON 文本序列逐行读取", para)
    assert not re.search(r"（[^（）]*（", para)
    en = next(line for line in en_markdown.splitlines() if "read line by line and are not subject" in line)
    assert re.search(r"Capture files \(E\.\d+(?:, E\.\d+)*\), asset history files \(E\.\d+\) and", en)
