"""The fifty-second reading, part h106-terms (docs/drafting.md, "Fifty-second reading, part h106-terms"): one name for
one concept (GB/T 1.1-2020 9.3). RFC 6750's bearer token was 持有者令牌, reusing 持有者 (the holder of an asset or a
credential), undefined, and IF-AUTH-002 used both senses in one sentence (a2, b5); OpenXR's interaction profile was
交互配置 and 交互配置文件, and TD-RUN-007's bare 「所声明配置」 read as 测试配置 (a3); E.17 named the file 资产历史导出文件,
every provision 资产历史文件 (a5); the rig turning the artificial eye was 运动台 in the cases and 转台 (the turntable's
name) in annex E, the chin rest 腮托 and 颏托 (c5). Each test fails on the draft as it was before (9a39dcf7)."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data


def _clause_3(markdown: str) -> str:
    return markdown[markdown.index("## 3 术语和定义"):markdown.index("## 4 缩略语")]


def test_the_bearer_token_is_one_defined_term(catalog, zh_markdown, en_markdown, note_md):
    """a2, b5: clause 3 defines 不记名令牌 by RFC 6750 1.2 and sets 持有者令牌 aside (so the avoided-names test of the
    forty-eighth reading reads the whole draft for it); annex D's protection column and IF-AUTH-002 use it, and
    IF-AUTH-002's holder is the asset's."""
    clause = _clause_3(zh_markdown)
    entry = clause.split("\n\n不记名令牌  bearer token\n\n", 1)[1].split("\n### ", 1)[0]
    assert "任何拥有该令牌的一方均能以与其他拥有方相同的方式使用" in entry
    assert "[来源：RFC 6750，1.2，有修改]" in entry  # fifty-ninth reading d9: RFCs undated
    term = next(t for t in load_data(catalog).terms if t["zh"] == "不记名令牌")
    assert "持有者令牌" in term["avoided"]["zh"]
    for text in (zh_markdown, note_md):
        assert "持有者令牌" not in text and "持有者身份" not in text
    assert "<br>保护：不记名令牌 |" in zh_markdown and "是否以不记名令牌（RFC 6750）保护" in zh_markdown
    assert "仅资产持有者能执行的每个操作，对其他身份的有效不记名令牌应响应 403（禁止）" in zh_markdown
    assert "reserved to the holder of an asset" in en_markdown


def test_the_interaction_profile_has_one_name(zh_markdown, note_md):
    """a3: 交互配置文件 as annexes D and E say, in TD-RUN-007, B.2 and the 编制说明; no bare 「所声明配置」."""
    for text in (zh_markdown, note_md):
        assert not re.findall(r".{0,10}交互配置(?!文件).{0,10}", text)
        assert "所声明配置" not in text
    assert "所声明交互配置文件列出的绑定被接受" in zh_markdown
    assert "动作应绑定到设备描述声明的每个交互配置文件" in zh_markdown


def test_the_asset_history_file_has_one_name(zh_markdown, en_markdown):
    """a5: E.17 is titled and opens with the name its provisions cite it by."""
    assert "资产历史导出文件" not in zh_markdown
    clause = re.search(r"^### E\.\d+ 资产历史文件（`assets/lifecycle-event\.json`）\n\n(.+)$", zh_markdown, re.M)
    assert clause and clause.group(1).startswith("资产历史文件为 UTF-8 编码的 NDJSON 文件")
    assert "asset history export file" not in en_markdown.lower()


def test_the_gaze_rig_and_the_chin_rest_have_one_name_each(zh_markdown, note_md):
    """c5: what turns the artificial eye is 运动台 (the cases' and table 10's name) in annex E too, 转台 being the
    turntable's; the chin rest is 颏托 everywhere."""
    for text in (zh_markdown, note_md):
        assert "腮托" not in text
        assert not [s for s in re.findall(r"[^；。|]*人工眼[^；。|]*", text) if "转台" in s]
    annex = zh_markdown[zh_markdown.index("## 附录 E"):zh_markdown.index("## 参考文献")]
    assert "人工眼及其运动台，或人及颏托" in annex and "转台转动人工眼" not in annex
    assert "受试者以颏托固定头部" in zh_markdown  # sixtieth reading, part h120-caseT (a1): 受试者, 3.48
