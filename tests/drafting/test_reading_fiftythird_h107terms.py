"""The fifty-third reading, part h107-terms (docs/drafting.md, "Fifty-third reading, part h107-terms"): a core term
used and not defined, and one name for one concept (GB/T 1.1-2020 9.3). 可验证表示, ID-VP-001's object and an IXIT item,
was undefined beside its sibling 3.4 可验证凭证 (b4); the asset's issuer was 发行方 (AS-META-001) and 发行者 (AS-REG-007),
and B.2 called AS-REG-005's 资产登记接口 a 登记机构 (b5); 采集时钟, the clock every timing limit is stated on, was
undefined and also 采集所用的时钟 (table E.3) and 采集文件的时钟 (eight set-ups) (c4). Each test fails on the draft as it
was before (ef340ff1)."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data


def _clause_3(markdown: str) -> list[tuple[str, str]]:
    """Clause 3's entries in their order: (preferred term, the entry's text after it)."""
    clause = markdown[markdown.index("## 3 术语和定义"):markdown.index("## 4 缩略语")]
    return [(term, body) for term, body in re.findall(r"^### 3\.\d+\n\n(.+?)  .*\n\n((?:.|\n)*?)(?=\n### |\Z)",
                                                         clause, re.M)]


def test_the_verifiable_presentation_is_defined_beside_the_credential(zh_markdown, en_markdown):
    """b4: 可验证表示 follows 可验证凭证, from section 2 of the same W3C Recommendation, as 3.4 cites it."""
    entries = _clause_3(zh_markdown)
    terms = [term for term, _ in entries]
    assert terms.index("可验证表示") == terms.index("可验证凭证") + 1, terms
    body = dict(entries)["可验证表示"]
    assert "持有者" in body and "可验证凭证" in body and "验证方" in body and "密码学方法验证" in body
    assert "[来源：W3C Verifiable Credentials Data Model v2.0（2025-05-15），2，有修改]" in body
    assert re.search(r"^verifiable presentation$", en_markdown, re.M)


def test_every_verifiable_object_the_cases_name_is_defined(zh_markdown):
    """The class of b4: each 可验证… object the draft names (可验证凭证, 可验证表示) is a clause 3 term."""
    terms = {term for term, _ in _clause_3(zh_markdown)}
    body = zh_markdown[zh_markdown.index("## 4 缩略语"):]
    named = set(re.findall(r"可验证(?:凭证|表示)", body))
    assert named and named <= terms, named - terms


def test_the_asset_issuer_and_the_registry_have_one_name_each(zh_markdown, note_md):
    """b5: 发行方, as AS-META-001 says, in AS-REG-007 too; B.2 names AS-REG-005's 资产登记接口, no 登记机构."""
    for text in (zh_markdown, note_md):
        assert "发行者" not in text and "发行人" not in text and "登记机构" not in text
    assert "开通一个测试身份 A（发行方）" in zh_markdown
    assert "以 DID 标识发行方" in zh_markdown
    annex = zh_markdown[zh_markdown.index("## 附录 B"):zh_markdown.index("## 附录 C")]
    assert "按模型以随机操作序列驱动的资产登记接口" in annex


def test_the_capture_clock_is_defined_and_has_one_name(catalog, zh_markdown, en_markdown, note_md):
    """c4: 采集时钟 is defined right after 采集文件 (or 测量类采集文件, which follows it) and sets aside the other names (so the forty-eighth reading's names
    test reads the whole draft for them); table E.3's `t` and the set-ups say 采集时钟."""
    entries = _clause_3(zh_markdown)
    terms = [term for term, _ in entries]
    # h111-names57 defines 测量类采集文件 right after 采集文件, so the clock may follow that narrower term
    after = terms.index("采集文件") + 1
    while terms[after].startswith("测量类") or terms[after] in ("试验台", "受试者"):  # 58th and 60th readings
        after += 1
    assert terms.index("采集时钟") == after, terms
    assert "`XrTime`" in dict(entries)["采集时钟"]
    term = next(t for t in load_data(catalog).terms if t["zh"] == "采集时钟")
    assert {"采集所用的时钟", "采集文件的时钟"} <= set(term["avoided"]["zh"])
    for text in (zh_markdown, note_md):
        assert not re.search(r"采集所用的?时钟|采集文件的?时钟|该文件时钟", text)
    assert "该帧的采样时刻，以 ns 计，取采集时钟（OpenXR 的 `XrTime`）" in zh_markdown
    assert "采集时钟为运行时的 `XrTime`" in zh_markdown
    assert "capture's clock" not in en_markdown
