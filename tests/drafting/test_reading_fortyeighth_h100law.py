"""The forty-eighth reading, part h100-law (docs/drafting.md, "Forty-eighth reading, part h100-law"): IF-TLS-001's title
and the ICS rows of two profiles claimed TLS 「符合 BCP 195」, an undated series no reference list gave, where clause 2
lists RFC 9325 and the rules cite it (a4); 编制说明 八（五） and 八（十三） listed IF-RISK-004 among the requirements
citing the Minors Protection Law and the content-ecosystem Provisions without saying what it takes from them (d5).
Each test fails on the draft as it was before."""

from __future__ import annotations

import re

#: the RFCs an IETF Best Current Practice the draft names stands for (BCP 47: RFC 5646 tags, RFC 4647 matching;
#: BCP 195: RFC 8996 and RFC 9325); a BCP absent here is one the draft must not name before it is added
BCP_RFCS = {"47": {"5646", "4647"}, "195": {"8996", "9325"}}


def _dated(markdown: str, rfc: str) -> bool:
    """RFC `rfc` is in clause 2 or the 参考文献 with its date (a line naming it and ending in a dated parenthesis)."""
    return re.search(rf"^[^\n|]*\bRFC {rfc}\b[^\n|]*\(\d{{4}}(?:-\d{{2}})?\)\s*$", markdown, re.M) is not None \
        or re.search(rf"^\[\d+\][^\n]*\bRFC {rfc}\b[^\n]*\d{{4}}", markdown, re.M) is not None


def test_every_bcp_the_draft_names_is_given_with_the_dated_rfc_it_stands_for(zh_markdown, note_md):
    """a4, the class: a BCP is an undated series whose RFCs change; every 「BCP n」 of the draft and the 编制说明 is
    followed by the RFC it stands for (「BCP 47 语言标签（RFC 5646）」), and that RFC is a dated reference."""
    seen = 0
    for text in (zh_markdown, note_md):
        for found in re.finditer(r"\bBCP (\d+)\b", text):
            seen += 1
            number = found.group(1)
            assert number in BCP_RFCS, found.group(0)
            after = text[found.end():found.end() + 40]
            rfc = re.search(r"[（(]RFC (\d+)[）)]", after)
            assert rfc and rfc.group(1) in BCP_RFCS[number], text[found.start() - 60:found.end() + 40]
            assert _dated(zh_markdown, rfc.group(1)), rfc.group(0)
    assert seen >= 1  # BCP 47 of annex E at least


def test_if_tls_001_claims_rfc_9325_in_its_title_and_the_ics_rows(zh_markdown):
    """a4: the title, the test case's purpose and the ICS rows of tables A.60 and A.72 name RFC 9325."""
    assert "BCP 195" not in zh_markdown
    assert len(re.findall(r"接口通过符合 RFC 9325 的 TLS 提供", zh_markdown)) >= 4  # 11.40 heading, 测试目的, two ICS rows


ID = r"[A-Z]{2,}(?:[-‑][A-Z0-9]+)+[-‑]\d{3}"


def _relations(note_md: str) -> dict[str, tuple[list[str], str]]:
    """八's entries of the rendered 编制说明: heading -> (the requirements listed as citing it, the analysis after)."""
    start = note_md.index("八、与有关的现行法律")
    part = note_md[start:note_md.index("九、重大分歧意见", start)]
    out = {}
    for found in re.finditer(r"^### (（[一二三四五六七八九十]+）[^\n]*)\n(.*?)(?=^#|\Z)", part, re.M | re.S):
        listed = re.search(r"引用它的要求：(.*?)。", found.group(2))
        if listed:
            out[found.group(1)] = ([i.replace("‑", "-") for i in re.findall(ID, listed.group(1))],
                                   found.group(2)[listed.end():].replace("‑", "-"))
    return out


def _named(analysis: str, listed: list[str]) -> set[str]:
    """The requirements an analysis names: each ID it gives, and each of a range 「AS-AIGC-001 至 AS-AIGC-017」 of
    consecutive IDs of one prefix, every one of which the entry lists (a range may not stand for one it does not)."""
    named = set(re.findall(ID, analysis))
    for found in re.finditer(rf"({ID}) 至 ({ID})", analysis):
        first, last = found.group(1), found.group(2)
        prefix = first[:-3]
        assert last[:-3] == prefix and int(first[-3:]) < int(last[-3:]), found.group(0)
        spanned = {f"{prefix}{n:03d}" for n in range(int(first[-3:]), int(last[-3:]) + 1)}
        assert spanned <= set(listed), (found.group(0), sorted(spanned - set(listed)))
        named |= spanned
    return named


def test_every_requirement_an_8_entry_lists_is_named_by_its_analysis(note_md):
    """d5, the class: a requirement 八 lists as citing a law or standard is named by the entry's analysis, which says
    what it takes from that text (IF-RISK-004 was listed under the Minors Protection Law and the content-ecosystem
    Provisions, analysed under GB/T 22240 only); a range of consecutive IDs names each of them. Part h101-law2 named the
    requirements of the 19 entries that still described them by subject (「相关要求」)."""
    entries = _relations(note_md)
    assert len(entries) >= 20
    for heading, (listed, analysis) in entries.items():
        named = _named(analysis, listed)
        left = [rid for rid in listed if rid not in named]
        assert not left, (heading[:40], left)


def test_if_risk_004_s_relation_to_the_two_texts_is_said_and_bounded(note_md):
    """d5: 八（五） and 八（十三） say what IF-RISK-004 takes from each text and that it does not judge the operator's
    duties under it."""
    entries = _relations(note_md)
    for words, taken in (("未成年人保护法", "第七十四条、第七十五条"), ("网络信息内容生态治理规定", "第九条与第十六条")):
        analysis = next(a for h, (_, a) in entries.items() if words in h and "网络保护条例" not in h)
        sentence = re.search(r"IF-RISK-004 只从[^。]*。[^。]*。", analysis).group(0)
        assert taken in sentence and "不判定运营者是否履行" in sentence, words


#: the laws and rules binding operators whose 八 entries part h101-law2 made name their requirements (h101-law2)
OPERATOR_TEXTS = ("个人信息保护法", "证券法", "民法典", "消费者权益保护法", "未成年人网络保护条例", "深度合成管理规定",
                  "网络暴力信息治理规定", "人工智能生成合成内容标识办法")


def test_each_law_s_requirements_are_bounded_to_what_they_observe(note_md):
    """h101-law2: an entry naming the requirements that cite a law binding operators also says they do not judge the
    operator's (processor's, provider's) duties under it."""
    entries = _relations(note_md)
    for words in OPERATOR_TEXTS:
        heading, (_, analysis) = next((h, e) for h, e in entries.items() if words in h)
        assert re.search(r"不判定[^。]*(?:履行|责任|义务|操纵)", analysis), heading[:40]
