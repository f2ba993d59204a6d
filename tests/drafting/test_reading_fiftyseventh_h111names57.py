"""The fifty-seventh reading, part h111-names57 (docs/drafting.md, "Fifty-seventh reading, part h111-names57"): E.26's
pointer matched AS-AIGC-011's metadata member `explicit_label.image` (a1); 触元 was undefined and annex E's tactile rows
called it 单元 (a2); 测量类采集文件 was undefined (a3); 3.36 kept the moderation clock per identity, where annex D and the
check keep it per user (b4); the laboratory's instruments had two names each and TD-PERF-005's 参考跟踪器 read as the
device's tracker (c1); 3.34 named the discovery flag as the request time (ax1). Each test fails on the tree before
(68aae225)."""

from __future__ import annotations

import re

from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line
from tests.drafting.test_reading_fiftythird_h107terms import _clause_3


def _e_clause(zh: str, title: str) -> str:
    """The number of annex E's clause titled ``title``."""
    return re.search(rf"^### (E\.\d+) {title}$", zh, re.M).group(1)


def test_a1_the_label_node_clause_is_cited_only_by_cases_reading_a_scene(zh_markdown):
    """The class of a1: every case citing the glTF label-node clause reads a node's `extras` (or its visibility);
    AS-AIGC-011, which reads images and the metadata's `explicit_label.image`, does not cite it, AS-AIGC-016 does."""
    clause = _e_clause(zh_markdown, "glTF 场景中的显式标识节点")
    citing = {rid for rid in re.findall(r"^### \d+\.\d+ ([A-Z]{2}-[A-Z]+-\d{3}) ", zh_markdown, re.M)
              if f"显式标识节点：{clause}" in _line(_case(zh_markdown, rid), "前置条件")}
    assert "AS-AIGC-016" in citing and "AS-AIGC-011" not in citing
    for rid in citing:
        case = _case(zh_markdown, rid)
        assert "`extras`" in case or "extras.explicit_label" in case or "KHR_node_visibility" in case, rid


def test_a2_a3_the_taxel_and_the_measuring_capture_are_clause_3_terms(zh_markdown, en_markdown):
    """a2, a3: 触元 and 测量类采集文件 are defined in clause 3; annex E's tactile rows say 触元, never 单元."""
    terms = dict(_clause_3(zh_markdown))
    assert "触元" in terms and "测量类采集文件" in terms
    assert "taxel" in en_markdown and "measuring capture" in en_markdown
    for title in ("采集文件的数据流声明", "采集文件的帧"):
        start = zh_markdown.index(f"### {_e_clause_prefix(zh_markdown, title)}")
        body = zh_markdown[start:zh_markdown.index("\n### ", start + 1)]
        for line in body.splitlines():
            if "`tactile` 数据流" in line:
                assert "触元" in line and not re.search(r"(?<!测量)单元", line), line[:80]


def _e_clause_prefix(zh: str, title: str) -> str:
    """The heading of annex E's clause whose title starts with ``title`` (E.3's and E.4's carry a schema path)."""
    return re.search(rf"^### (E\.\d+ {title}（)", zh, re.M).group(1)


def test_b4_ax1_the_test_deployment_terms_say_what_annex_d_does(zh_markdown):
    """b4: 3.36 keeps the moderation clock per user, as annex D's operation and IF-CODE-006 do; ax1: 3.34 names the
    request time as the request member `at`, declared by the discovery flag."""
    terms = dict(_clause_3(zh_markdown))
    assert "为每个用户" in terms["测试处罚时钟"] and "每个测试身份" not in terms["测试处罚时钟"]
    assert "（请求的成员 `at`，由服务发现文档的 `minors.playtime.request_time` 声明是否接受）" in terms["测试部署"]


def test_c1_one_name_for_each_laboratory_instrument(zh_markdown, note_md):
    """The class of c1: the laboratory's trackers are 跟踪仪 (激光跟踪仪, 参考跟踪仪), the string-pot is 拉线位移传感器,
    in both the draft and the explanatory notes."""
    for text in (zh_markdown, note_md):
        for word in ("激光跟踪器", "参考跟踪器", "拉线传感器"):
            assert word not in text, word
    assert "参考跟踪仪" in _case(zh_markdown, "TD-PERF-005")
