"""The fifty-first reading, part h105-law (docs/drafting.md, "Fifty-first reading, part h105-law"): the NPPA notices
stood in the provisions by a nickname, 「国家新闻出版署 2019 年通知」, with neither title, 文号 nor 参考文献 entry (a6);
八 said IF-UDP-013 tests the algorithm recommendation provisions' Article 17 yet 「没有要求引用它」, and the provisions
were not in the 参考文献 (d6); 八 named no article of the generative AI measures (d5)."""

from __future__ import annotations

import re

from tests.drafting.blocks import section

#: a requirement ID as the draft prints it (a non-breaking hyphen in tables)
REQUIREMENT = re.compile(r"\b[A-Z]{2,}(?:[-‑][A-Z]+)+[-‑]\d{3}\b")


def _part_8(note_md: str) -> list[str]:
    """八's subclauses, each from its heading."""
    part_8 = note_md.split("## 八、", 1)[1].split("\n## ", 1)[0]
    return re.split(r"\n(?=### )", part_8)[1:]


def test_a6_each_notice_is_named_by_its_title_and_entry_at_its_first_mention(zh, zh_markdown):
    """The class: outside headings, a block of the draft that names an NPPA notice names it first by its title, its
    文号 and its 参考文献 entry, whose number the list itself gives."""
    bibliography = zh_markdown.split("\n## 参考文献", 1)[1]
    for year, symbol in (("2019", "国新出发〔2019〕34号"), ("2021", "国新出发〔2021〕14号")):
        number = re.search(rf"^\[(\d+)\] [^\n]*{symbol}\[Z(?:/OL)?\]", bibliography, re.M).group(1)
        named = 0
        for block in zh:
            if block.kind == "heading" or block.lang != "zh-CN":
                continue
            text = "\n".join([block.text, *(cell for row in block.rows for cell in row)])
            first = re.search(rf"国家新闻出版署 {year} 年通知|{year} 年通知|通知》（{symbol}", text)
            if first:
                named += 1
                assert first.group(0) == f"通知》（{symbol}", f"{year} notice by its nickname first: {text[:80]}"
                assert text.startswith(f"（{symbol}，见参考文献[{number}]）", first.start() + 3)
        assert named >= 3, year  # the case, its ICS row, annex D (and, for 2021, `play_windows`)
    assert "《国家新闻出版署关于防止未成年人沉迷网络游戏的通知》（国新出发〔2019〕34号，见参考文献" in section(
        zh_markdown, 2, "附录 D")


def test_d6_a_regulation_part_8_relates_to_a_case_is_among_that_case_s_sources(note_md, zh_markdown):
    """The class: a law or regulation of 八 that no requirement's source cites names no requirement (IF-UDP-013 was
    said to test the algorithm provisions' option under 「没有要求引用它」); each regulation 八 heads is listed in
    the 参考文献."""
    bibliography = zh_markdown.split("\n## 参考文献", 1)[1]
    for subclause in _part_8(note_md):
        heading = subclause.split("\n", 1)[0]
        if not re.match(r"### （[一二三四五六七八九十]+）《", heading):
            continue
        if "没有要求引用它" in subclause:
            assert not REQUIREMENT.findall(subclause), heading
    algorithm = next(s for s in _part_8(note_md) if "《互联网信息服务算法推荐管理规定》" in s.split("\n", 1)[0])
    assert re.search(r"^引用它的要求：规范性 IF-UDP-013；", algorithm, re.M)
    assert "没有要求引用它" not in algorithm
    assert re.search(r"^\[\d+\] [^\n]*互联网信息服务算法推荐管理规定：[^\n]*令第9号\[Z(?:/OL)?\]\. 2021-12-31", bibliography,
                     re.M)


def test_d5_part_8_names_the_article_of_the_generative_ai_measures(note_md):
    """《生成式人工智能服务管理暂行办法》's labelling duty is its 第十二条 (the gov.cn text as republications quote
    it)."""
    measures = next(s for s in _part_8(note_md) if "《生成式人工智能服务管理暂行办法》" in s.split("\n", 1)[0])
    assert "该办法第十二条要求生成式人工智能服务提供者按照《互联网信息服务深度合成管理规定》" in measures


def test_d4_part_7_claims_agreement_only_with_the_suites_part_4_compares(note_md):
    """七's conclusion said 「测试方法与这些测试套件一致」 though 四（二） compares only some suites' verdicts on corpora
    and the table says the document tests no OpenID flow: the conclusion names what 四（二） compares, and each suite
    it names is one 四（二） reports on; the OpenXR CTS and the OpenID tests are said not compared."""
    part_7 = note_md.split("## 七、", 1)[1].split("\n## ", 1)[0]
    part_4 = note_md.split("## 四、", 1)[1].split("\n## ", 1)[0]
    assert "测试方法与这些测试套件一致" not in part_7
    compared = re.search(r"四（二）在公开语料上比对的只是其中的([^：]+)：", part_7).group(1)
    for suite, reported in (("glTF-Validator", "Khronos glTF-Validator："), ("3D Tiles 校验器", "OGC 3D Tiles："),
                            ("DIF 与 DCC", "DIF `JsonWebSignature2020`"), ("VC API 测试套件", "VC API 测试套件在参考实现上运行")):
        assert suite in compared and reported in part_4, suite
    assert "OpenXR CTS 与 OpenID 基金会的一致性测试未与本文件比对" in part_7


def test_a7_other_bodies_standards_follow_iso_and_iec_before_the_laws_and_other_documents(zh_markdown):
    """GB/T 1.1-2020 8.13 orders the 参考文献 as 8.6.3 orders clause 2: national, sector, group, ISO/IEC, the other
    bodies' standardization documents, then the other documents; the [S] entries of 3GPP, ASTM, ETSI, ITU-R and the
    IETF stood among the articles and web pages, after the laws."""
    bibliography = zh_markdown.split("\n## 参考文献", 1)[1]
    kinds = [re.search(r"\[(S|Z|J|M|R|C|EB|CP)(?:/OL)?\]", entry).group(1)  # online: [S/OL] (61st reading, a3)
             for entry in re.findall(r"^\[\d+\] (.*)$", bibliography, re.M)]
    # a standards body's technical report ([R], fifty-second reading, a6/d8) stands with its standards
    kinds = ["S" if kind == "R" and re.search(r"\bTR \d", entry) else kind
             for kind, entry in zip(kinds, re.findall(r"^\[\d+\] (.*)$", bibliography, re.M))]
    standards = [n for n, kind in enumerate(kinds) if kind == "S"]
    laws = [n for n, kind in enumerate(kinds) if kind == "Z" and n > standards[0]]
    assert standards == list(range(standards[0], standards[-1] + 1)), "the [S] entries are not one group"
    assert standards[-1] < laws[0]
