"""The outside review of issue 76 as tests over the rendered Chinese draft: every sentence of the
whole document in Chinese (annexes and tables included, not only the normative body), laws and
regulations by their official Chinese titles with issuer, date and 文号, and annex B shortened to
what a reader needs (no test node IDs, no command lines). Each check is shown failing on a
document made to fail it."""

from __future__ import annotations

import re
from dataclasses import replace


from conformance.drafting.wording import english_in_document
from conformance.drafting.writer import Block, load_data
from tests.drafting.blocks import text_of


def test_the_whole_chinese_document_has_no_english_sentence(catalog, zh):
    assert english_in_document(zh, load_data(catalog).allowed()) == []


def test_the_check_reads_annexes_tables_and_references(catalog, zh):
    allowed = load_data(catalog).allowed()
    b3 = next(i for i, b in enumerate(zh) if b.anchor == "traceability")
    table = zh[b3]
    planted = replace(table, rows=(*table.rows, ("主题", "部分覆盖", "TD-CAP-001\nthe latency is not measured")))
    assert [w for w, _ in english_in_document([*zh[:b3], planted, *zh[b3 + 1:]], allowed)] == [
        "the", "latency", "not", "measured"]
    # a Chinese law under an English title is found; a foreign standard's own title is a name
    bib = [Block("heading", "参考文献", 1, anchor="bibliography"),
           Block("para", "[1] Personal Information Protection Law of the PRC (中华人民共和国)"),
           Block("para", "[2] ISO 5725-1:1994 Accuracy (trueness and precision) of measurement methods")]
    # "Information" is a word of a name clause 4 lists (W3C ODRL Information Model 2.2, forty-ninth reading h102-refsB)
    assert [w for w, _ in english_in_document(bib, allowed)] == ["Personal", "Protection", "Law", "the", "PRC"]


def test_table_b3_gives_each_topics_missing_and_out_of_scope_in_chinese(catalog, zh):
    """Issue 76: the topics' missing: texts stood in English in the Chinese B.3 (134 clauses)."""
    from conformance.drafting.onename import quote_marks
    from conformance.drafting.quantities import times_sign
    from conformance.drafting.datedrefs import dated_designations, dated_text
    from conformance.drafting.lawtitles import full_law_titles
    from conformance.drafting.signs import signs
    from conformance.drafting.tables import load_tables
    from conformance.drafting.wording import (one_document_name, percent_close, standard_dashes, unit_symbols,
                                              unquoted_names, whole_ids)
    from conformance.drafting.writer import Writer

    allowed, dated = Writer(catalog, "zh").allowed, dated_designations(zh)
    b3 = next(b for b in zh if b.anchor == "traceability")
    cells = {row[0]: row[2] for row in b3.rows[1:]}
    for topic in load_tables(catalog).topics.values():
        for text, english in ((topic.missing_zh, topic.missing), (topic.out_of_scope_zh, topic.out_of_scope)):
            # the seventh reading's passes: clause 4's names unquoted, per cent one way; units by symbol (ninth)
            # and a product of values with the multiplication sign (tenth reading), quotations in “…” (twelfth)
            # sixteenth reading: signs and numbers as the body writes them, documents with clause 2's dates
            shown = full_law_titles(dated_text(signs(quote_marks(times_sign(unit_symbols(percent_close(unquoted_names(
                standard_dashes(whole_ids(one_document_name(text))), allowed))))), "zh"), dated))  # 43rd, b4
            assert not text or shown in cells[topic.zh], topic.key
            assert not english or english not in cells[topic.zh], topic.key


#: the laws and regulations the catalog cites, as their issuers publish them (title, 文号)
LAWS = ("中华人民共和国个人信息保护法：中华人民共和国主席令第九十一号", "中华人民共和国未成年人保护法（2024年修正）",
        "国新出发〔2021〕14号", "中华人民共和国国务院令第766号", "互联网信息服务深度合成管理规定",
        "网络信息内容生态治理规定：国家互联网信息办公室令第5号", "人工智能生成合成内容标识办法：国信办通字〔2025〕2号",
        "全国年节及纪念日放假办法")


def test_laws_are_cited_by_their_chinese_titles_in_the_bibliography_only(zh_html):
    bibliography = zh_html[zh_html.index('id="bibliography"'):]
    normative = zh_html[zh_html.index('id="clause-2"'):zh_html.index('id="clause-3"')]
    for law in LAWS:
        assert law in bibliography, law
        assert law not in normative, law  # a law is cited for information, not as a normative reference
    for english in ("Personal Information Protection Law", "Protection of Minors", "NPPA Notice", "Deep Synthesis"):
        assert english not in zh_html


def test_annex_b_names_no_test_node_and_no_command(zh_html):
    annex_b = zh_html[zh_html.index('id="annex-b"'):zh_html.index('id="annex-candidates"')]
    assert "::test_" not in annex_b and "conformance run" not in annex_b
    assert not re.search(r"测试配置: ", annex_b)  # a Chinese text has Chinese colons
    assert len(annex_b) < 200_000  # it was about 19 pages of node IDs


#: what a laboratory cannot apply in a verdict criterion: a version history, a tool, its installation
HISTORY_OR_TOOL = re.compile(r"\d+(?:\.\d+)+\s*(?:版本?)?\s*(?:及以前|版：此前|版本跳过)|未安装|可选依赖|IfcOpenShell|PyAV"
                             # third reading: SC-CITY-008/-009/-011/-012/-013「（2.3 版；此前……）」, SC-FEED-006
                             # 「（1.1 版，问题 71：……）」, RB-TRACK-002「1.0.1 版：理由……」
                             r"|\d+(?:\.\d+)+\s*版\s*[；，：]|问题\s*\d+")


def test_no_verdict_criterion_names_a_history_a_tool_or_an_installation(zh_html):
    criteria = re.findall(r"判定准则</p></td><td>(.*?)</td>", zh_html, re.S)
    assert len(criteria) > 150  # the stable requirements' (the others are listed, without test cases)
    assert [c for c in criteria if HISTORY_OR_TOOL.search(c)] == []


def test_the_laboratory_filter_leaves_out_history_and_installation():
    from conformance.drafting.testcases import for_laboratory

    text = ("不确定：时间戳不递增的关节其滞后不予判定，本要求判为无法判定；1.1 及以前的版本跳过其滞后。")
    assert for_laboratory(text, "zh") == "不确定：时间戳不递增的关节其滞后不予判定，本要求判为无法判定。"
    # review 2026-11-26: "1.4 之前" and "until 1.4" are history too
    assert for_laboratory("不确定：该要求判定为无法确定；1.4 之前该要求判定为不通过。", "zh") == "不确定：该要求判定为无法确定。"
    assert for_laboratory("Inconclusive: the terms unjudged; until 1.4 it failed.", "en") == "Inconclusive: the terms unjudged"
    assert for_laboratory("Inconclusive: wait until 1.5 s have passed.", "en").endswith("1.5 s have passed.")
    assert for_laboratory("不确定：模型由 `IfcOpenShell` 读取；未安装时判定为不确定。", "zh") == ""
    # third reading: a version and a semicolon, colon or comma, an issue number, "N.N: before"
    assert for_laboratory("不确定：该壳未经判定（2.3 版；此前证据中仅计数）。", "zh") == "不确定：该壳未经判定。"
    assert for_laboratory("不确定：同样为不确定（1.1 版，问题 71：此前判定不通过）。", "zh") == "不确定：同样为不确定。"
    assert for_laboratory("不通过：超出限值。1.0.1 版：理由置于测试设备之后。", "zh") == "不通过：超出限值。"
    assert for_laboratory("Inconclusive: not judged (1.3: before, it was left out).", "en") == "Inconclusive: not judged."
    assert for_laboratory("不通过：不符合 VC 数据模型 2.0 版的规定。", "zh").endswith("2.0 版的规定。")


def test_the_catalog_and_the_reports_name_the_inconclusive_verdict_as_clause_3_does():
    """Issue 76: clause 3 defines 不确定; the catalog's notes said 判定为无法确定 or 判为无法判定 and
    the Chinese report labelled the verdict 无法判定, a fifth name beside the four. Where a text says
    that no verdict can be reached it reads 无法作出判定; 无法确定 stays for what cannot be found out
    (「无法确定记录的起止」)."""
    from pathlib import Path

    from conformance.drafting.wording import _VERDICT_NAMED

    root = Path(__file__).resolve().parents[2]
    texts = [*root.glob("suites/**/*.yaml"), *root.glob("src/conformance/**/messages*.yaml"),
             *root.glob("src/conformance/**/messages/*.yaml"), root / "src/conformance/report/labels.py"]
    assert len(texts) > 20
    found = {str(p.relative_to(root)): n for p in texts
             if (n := len(_VERDICT_NAMED.findall(t := p.read_text(encoding="utf-8"))) + t.count("无法判定"))}
    assert found == {}
    assert _VERDICT_NAMED.findall("不予判定，本要求判为无法确定；“无法判定”") == ["无法确定", "“无法判定”"]


#: what the text calls the object under test or a kind of it
OBJECT_NAME = re.compile(r"被测(?:对象|平台|终端|设备|产品|实现|系统|软件|装置)")


def undefined_object_names(items: list[Block]) -> set[str]:
    """The names of the object under test the document uses that clause 3 does not name."""
    start = next(i for i, b in enumerate(items) if b.anchor == "clause-3")
    end = next(i for i, b in enumerate(items) if b.anchor == "clause-4")
    defined = " ".join(b.text for b in items[start:end])
    used = {m for b in items for m in OBJECT_NAME.findall(" ".join([b.text, *("\n".join(r) for r in b.rows)]))}
    return {name for name in used if name not in defined}


def test_every_name_of_the_object_under_test_is_defined_in_clause_3(zh):
    """Issue 76: 被测平台 (18 uses), 被测终端 and 被测设备 stood beside 被测对象 undefined; the note to
    clause 3's entry names them as its kinds."""
    assert undefined_object_names(zh) == set()
    assert undefined_object_names([*zh, Block("para", "被测系统经网络访问。")]) == {"被测系统"}


#: policy documents whose issuer and date no public record gave (searched 2026-11-26): a list that
#: only shrinks, as the drafters fill each from the document itself
UNDATED_POLICY = {"关于推进本市元宇宙标准体系建设的指导意见"}


def test_each_policy_document_names_its_issuer_and_date(zh):
    """Issue 76: 参考文献 [1] to [3] stood as bare titles; GB/T 7714-2015 [Z] gives the issuer, the
    title (with its 文号 where it has one) and the date."""
    entries = [b.text for b in zh if b.anchor.startswith("bib-")]
    assert len(entries) == 5
    issued = re.compile(r"^\[\d+\] [^.\s]+(?:，[^.\s]+)*\. .+\[Z\]\. \d{4}-\d{2}-\d{2}\.$")
    bare = [e for e in entries if "[R]" not in e and not issued.match(e)]
    assert [e for e in bare if not any(title in e for title in UNDATED_POLICY)] == []
    assert all(any(title in e for e in bare) for title in UNDATED_POLICY)  # a filled one leaves the list
    assert not issued.match("[3] 上海市培育“元宇宙”新赛道行动方案（2022—2025年）[Z].")


#: normative references still without their edition, each for want of a date the search could
#: confirm (2026-11-26): a list that only shrinks. 3GPP TS 26.260 (V15.0.0 of 2018-10 lacks nothing
#: we could check, but the clause cited, 4.2.3, was read in V16.0.0, whose date was not found), GS1's
#: two (URI syntax 1.6.0 and the General Specifications' release: no date found) and NIST SCTK (a
#: program, not a document: the drafters decide whether it stays a normative reference)
# NIST SCTK, a program, left clause 2 for the 参考文献 (third reading); WCAG 2.2 is dated 2023-10-05; GS1's two,
# whose release the catalog does not record, left it for the 参考文献 too (eighth reading)
#: twelfth reading: ITU-T P.58, which 5.8 cites as a whole for the head and torso simulator, stood here undated; the
#: thirty-fourth reading's leftovers (part b) date it 05/2013, so no entry, from standards.yaml or specification.yaml's
#: text_sources, is left undated
UNDATED_REFERENCES: tuple[str, ...] = ()

#: an edition's year in a reference: ISO 2631-1:1997, GB/T 36344—2018, "(V1.8.1, 2022-05)", a title's (2019)
DATED = re.compile(r"(?:[:—]|\b)(?:19|20)\d{2}\b|\(V\d+\.\d+\.\d+\)")  # or a version: 3GPP TS 26.260 (V16.0.0)


def test_every_normative_reference_names_its_edition(zh):
    """Issue 76: ~16 references where the version matters were undated (3GPP TS 26.260, VRM, IFC4 RV
    1.2, ASTM E3064, ETSI ES 202 396-1, ITU-R BS.2076, RFC 9901, 3D Tiles 1.1, OGC 09-048r5...)."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    refs = [b.text for b in zh[start + 2:end] if b.kind == "para"]
    assert len(refs) > 40
    undated = [r for r in refs if not DATED.search(r)]
    assert [r for r in undated if not r.startswith(UNDATED_REFERENCES)] == []
    assert all(any(r.startswith(name) for r in undated) for name in UNDATED_REFERENCES)  # a dated one leaves
    # ITU-R BS.2076, ASTM E3064 and 3GPP TS 26.260 only inform: the 参考文献 lists them (issue 76, the seventeenth
    # reading's leftovers), dated as here
    for dated in ("ETSI ES 202 396-1", "RFC 9901", "VRM 1.0", "OGC Name Type"):
        assert any(r.startswith(dated) and DATED.search(r) for r in refs), dated


#: GB/T 7714-2015's form of a journal article: authors. title[J]. journal, year, volume(issue): pages
#: (an article read at its URL is [J/OL], its 引用日期 after the pages: sixty-first reading, a3)
ARTICLE = re.compile(r"^\[\d+\] [^\[]+?\. .+\[J(?:/OL)?\]\. [^,]+(?:, [^,]+)*?, (?:19|20)\d{2}(?:, [\w/()]+(?:: [\w-]+)?)?"
                     r"(?:\[\d{4}-\d{2}-\d{2}\])?\. ")


def test_papers_in_the_bibliography_are_in_gbt_7714_form(zh):
    """Issue 76: journal articles read "Authors, Title, Journal vol (issue) pages (year)[J]" and
    conference papers were marked [J]; GB/T 7714-2015 writes "Authors. Title[J]. Journal, year,
    volume(issue): pages." and a paper in proceedings "[C]//Proceedings"."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "bibliography")
    entries = [b.text for b in zh[start:] if b.kind == "para"]
    articles = [e for e in entries if re.search(r"\[J(?:/OL)?\]", e)]
    assert len(articles) >= 15
    assert [e for e in articles if not ARTICLE.match(e)] == []
    assert [e for e in entries if re.search(r"\(\d{4}\)\[J\]|Symposium.*\[J\]", e)] == []
    assert sum(bool(re.search(r"\[C(?:/OL)?\]//", e)) for e in entries) >= 2
    old = "[9] Funk, Cormier, Bain, Head and neck loading, Annals of Biomedical Engineering 39 (2) 766-776 (2011)[J]. x"
    assert not ARTICLE.match(old)
    assert ARTICLE.match("[9] Funk, Cormier, Bain, et al. Head and neck loading[J]. Annals of Biomedical "
                         "Engineering, 2011, 39(2): 766-776. DOI:10.1007/s10439-010-0183-3.")


#: documents cited in two editions (or two documents of one content): the 编制说明's 3.5 (until the sixteenth
#: part of issue 76, a note closing clause 2) names each pair and why (issue 76: "one edition per document, or a
#: note why both are cited")
EDITION_PAIRS = (("ISO 16739-1:2018", "ISO 16739-1:2024"), ("buildingSMART IFC2x3 TC1", "ISO 16739-1:2024"),
                 ("VRM 0.x", "VRM 1.0"),
                 ("v1.1", "v2.0"), ("GB 4943.1—2022", "IEC 62368-1:2023"))
#: a reference's document number without its edition: "ISO 5725-1", "RFC 9901", "GB/T 36344"
DOCUMENT = re.compile(r"^(?:\[\d+\] )?((?:ISO|IEC|GB|RFC|ITU|ETSI|ASTM|IEEE)[/A-Z-]* ?[A-Z]*[\d.]+(?:-\d+)*)")


def test_a_document_cited_in_two_editions_says_why(zh, note):
    start = next(i for i, b in enumerate(zh) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    bib = next(i for i, b in enumerate(zh) if b.anchor == "bibliography")
    refs = [b.text for b in [*zh[start + 2:end], *zh[bib:]] if b.kind == "para" and not b.text.startswith("注：")]
    at = next(i for i, b in enumerate(note) if b.anchor == "note-3-editions")
    notes = [note[at + 1].text]
    numbers: dict[str, list[str]] = {}
    for ref in refs:
        if found := DOCUMENT.match(ref):
            numbers.setdefault(found.group(1), []).append(ref)
    # one number listed twice only as an edition pair the note explains (ISO 16739-1, the forty-second reading's a6)
    paired = {found.group(1) for first, second in EDITION_PAIRS if (found := DOCUMENT.match(first))
              and DOCUMENT.match(second) and DOCUMENT.match(second).group(1) == found.group(1)}
    assert {number: entries for number, entries in numbers.items() if len(entries) > 1 and number not in paired} == {}
    for first, second in EDITION_PAIRS:
        assert any(first in r for r in refs) and any(second in r for r in refs), (first, second)
        assert first in notes[0] and second in notes[0], (first, second)


# --- third reading (2026-11-26): a reader who wrote neither the draft nor the first review ---


def test_the_document_calls_itself_as_gbt_1_1_does(zh, en, note):
    """The catalog's notes call it 本目录 ("本目录自定的数值", "本目录的参考语料": 33 uses in the draft's
    test cases, annex A and table B.3, 29 in the 编制说明); rendered as the standard it is 本文件."""
    from conformance.drafting.wording import one_document_name

    assert "本目录" not in text_of(zh) and "本目录" not in text_of(note)
    assert not re.search(r"种子文件|（种子：|\d{3}_[0-9a-f]{16}\.txt", text_of(zh) + text_of(note))  # the seeds are 参考文献[1]~[5]
    assert "this catalog" not in text_of(en)
    assert one_document_name("限值为本目录自定；播放本目录参考语料") == "限值为本文件自定；播放本文件参考语料"


#: which annex a reference means, by the words just before it: (kind, pattern)
# a runtime interface's messages and answers are defined with the contracts (annex D), since the forty-third reading's c2
_ANNEX_MEANT = (("formats", re.compile(r"(?<!消息与应答的)格式见$")),
                ("contracts", re.compile(r"(?:接口|契约|绑定|路径|HTTP|为此|未经)[^，。；（]{0,12}$")),
                ("candidates", re.compile(r"(?:候选|草案)[^，。；]{0,6}（$")))


def misplaced_annex_references(text: str, letters: dict[str, str]) -> list[str]:
    """References to an annex whose words name another annex than its letter ("格式见附录 F" when the
    data formats are annex E)."""
    found = []
    for m in re.finditer(r"附录 ([A-Z])(?![A-Za-z0-9（]*（(?:规范性|资料性)）)", text):
        before = text[max(0, m.start() - 24):m.start()]
        after = text[m.end():m.end() + 8]
        for kind, words in _ANNEX_MEANT:
            if words.search(before) or (kind == "contracts" and re.match(r"\s*(?:的 HTTP|的会话|所定义|定义的)", after)):
                if letters.get(kind) != m.group(1):
                    found.append(before[-6:] + m.group(0) + after)
                break
    return found


def test_each_reference_to_an_annex_names_the_annex_it_means(catalog, zh, note):
    """Third reading: the terms 采集文件 and 设备描述 said 「格式见附录 F」 (the data formats are annex E),
    table B.3 named the HTTP binding 「附录 E」 twice and the 编制说明 called the interface contracts
    annex E and the candidates annex D. The letters are the ones the document gives its annexes."""
    from conformance.drafting.writer import Writer

    w = Writer(catalog, "zh")
    letters = {kind: w.annex(kind) for kind in ("ics", "mapping", "candidates", "contracts", "formats")}
    assert letters["formats"] == "E" and letters["contracts"] == "D" and letters["candidates"] == "C"
    assert misplaced_annex_references(text_of(zh), letters) == []
    assert misplaced_annex_references(text_of(note), letters) == []
    planted = "数据，其格式见附录 F。测试工具只使用附录 E 的 HTTP 绑定；尚为候选（附录 D）。见附录 D（规范性）接口契约"
    assert [r[:10] for r in misplaced_annex_references(planted, letters)] == ["据，其格式见附录 F", "试工具只使用附录 E",
                                                                             "；尚为候选（附录 D"]


#: a paper cited by its authors' surnames: "Adelstein, Lee, Ellis, Head tracking latency..."
_AUTHORS_FIRST = re.compile(r"^(?:[A-Z][\w'-]+(?: [A-Z][\w'-]+)?, )+[A-Z]")


def test_clause_2_lists_only_published_standards(zh):
    """Third reading: five journal papers (Adelstein 2003, Di Luca 2010, Hanlon 2012, Jovanovski 2020,
    Zhang 2000), a program (NIST SCTK) and a foreign regulation (the EU Digital Services Act) stood
    among the normative references; GB/T 1.1-2020 lists documents whose provisions the text makes
    requirements, so they are in 参考文献, the papers in GB/T 7714 form."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    refs = [b.text for b in zh[start + 2:end] if b.kind == "para" and not b.text.startswith("注：")]
    assert len(refs) > 90
    assert [r for r in refs if _AUTHORS_FIRST.match(r) or re.search(r"Toolkit|Regulation \(EU\)", r)] == []
    bibliography = text_of(zh[next(i for i, b in enumerate(zh) if b.anchor == "bibliography"):])
    for moved in ("Adelstein B D, Lee T G, Ellis S R. Head Tracking Latency", "Zhang Z. A flexible new technique", "NIST SCTK",
                  "Regulation (EU) 2022/2065"):
        assert moved in bibliography, moved
    assert _AUTHORS_FIRST.match("Di Luca, New Method to Measure End-to-End Delay") and not _AUTHORS_FIRST.match(
        "The International System of Units (SI), BIPM SI Brochure")


def test_no_definition_states_a_requirement_or_a_permission(catalog):
    """GB/T 1.1-2020 8.7: a definition holds no requirement. Third reading: 3.19 认证计划 ended
    「其测试参数只可比本文件的规定更严」, a permission stated in a definition."""
    terms = load_data(catalog).terms
    assert len(terms) > 20
    modal = re.compile(r"(?<![对相响反适供])应(?![用答对急])|宜|只可|不得|须|可以")
    assert [t["zh"] for t in terms if modal.search(t["definition"]["zh"])] == []
    assert modal.search("其测试参数只可比本文件的规定更严") and not modal.search("应用程序的对应关系")


def test_no_test_case_describes_the_harness_itself(zh):
    """Third reading: IF-SES-002's 前置条件 gave the harness's run time on 2 CPU cores and its
    participants' process; AS-CONT-002's step 1 left out "the harness's own probe assets (asset IDs
    beginning `conformance-`)". A laboratory applies conditions of the measurement, not of one tool."""
    cases = text_of([b for b in zh if b.anchor.startswith("test-")])
    assert cases.count("判定准则") > 200
    assert not re.search(r"CPU|同一进程|测试工具自身|`conformance-`", cases)


def test_a_url_and_a_name_with_diacritics_are_marked_whole():
    """Third reading: AS-AIGC-013 showed 「命名空间 `http`:/`/www.tc260.org.cn/ns/AIGC/1.0`/」 (a path found
    inside the URL) and the 编制说明 「Kü`bler` 等人」, 「Č`oh` 等」 (the ASCII tail of a surname as code)."""
    from conformance.drafting.wording import coded

    assert coded("命名空间 http://www.tc260.org.cn/ns/AIGC/1.0/ 的属性", set()) == (
        "命名空间 `http://www.tc260.org.cn/ns/AIGC/1.0/` 的属性")
    assert coded("见 https://doi.org/10.1/x。", set()) == "见 `https://doi.org/10.1/x`。"
    assert coded("（例如 Kübler 等人；Čoh 等）", set()) == "（例如 Kübler 等人；Čoh 等）"
    assert coded("以 `GET` 请求 /assets/{id} 与 asset_id", set()) == "以 `GET` 请求 `/assets/{id}` 与 `asset_id`"


def test_the_limits_table_reads_each_limit_and_its_basis_whole(note):
    """Third reading of the 编制说明's 3.2: IF-REPORT-001's limit read 「400 秒」 (86 400), TD-MOT-002's
    「13 m」 (13 m/s); basis cells quoted change history (「1.1 之前……」, 「（1.3 版，问题 70：……）」), named
    one standard four times (SC-TILE-009), stayed empty (TD-RADAR-001 「所引标准：」) or set the words
    of a standard's title as code (「Geographic `information` — Spatial `schema`」)."""
    start = next(i for i, b in enumerate(note) if b.anchor == "note-3-2")
    table = next(b for b in note[start:] if b.kind == "table")
    rows = {row[0].replace("\u2011", "-"): row for row in table.rows[1:]}
    assert len(rows) > 60
    assert "86 400 s" in rows["IF-REPORT-001"][1] and "13 m/s" in rows["TD-MOT-002"][1]
    for req, limits, basis in rows.values():
        # a unit cut short (13 m of 13 m/s, asserted above); since the ninth reading writes metres by their symbol,
        # 「0.01 m」 is a whole limit and only a dangling divisor is a cut one
        assert not re.search(r"\d [A-Za-z°μ]+/(?![A-Za-z])", limits), req
        assert not re.search(r"\d+(?:\.\d+)+ ?(?:版[；，：]|之前)|问题 \d+", basis), req
        assert basis.rstrip("。") not in ("所引标准：", "附注："), req
        if basis.startswith("所引标准："):
            cited = basis.removeprefix("所引标准：").split("；")
            assert len(cited) == len(set(cited)) and "`" not in basis, req


def test_the_note_calls_its_reproducibility_run_what_it_is(note):
    """Third reading: 四（四） was titled 实验室间比对 for two set-ups of one tool on one computer."""
    text = text_of(note)
    assert "（四）实验室间比对：" not in text
    assert "（四）测试结果的复现性（尚非实验室间比对）" in text and "不是实验室间比对" in text


def test_the_normative_text_writes_prohibitions_with_bu_ying(zh):
    """GB/T 1.1-2020 Table C.1 gives 不应 for a prohibition, 不得 only as an equivalent for special
    cases (the lint asks it of statements and rules); third reading: annex A's lead-in said
    「标为“固定”的数值任何人不得更改」 and 「不得放宽」."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "annex-a")
    lead = next(b.text for b in zh[start + 1:] if b.kind == "para")
    assert "不得" not in lead and "不应更改" in lead


def test_the_note_counts_the_normative_references_clause_2_lists(zh, note):
    """Third reading: the 编制说明 counted 113 normative references; clause 2 listed 116 (the count
    left out the documents clause 6 and clause 16 cite themselves: ISO/IEC 17025, Guides 98-3, 98-4)."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    listed = [b for b in zh[start + 2:end] if b.kind == "para" and not b.text.startswith("注：")]
    counted = re.search(r"本文件规范性引用文件 (\d+) 项，其中国家标准 (\d+) 项", text_of(note))
    assert counted and int(counted.group(1)) == len(listed)
    assert int(counted.group(2)) == sum(b.text.startswith("GB") for b in listed)


def test_an_international_standard_is_cited_by_its_whole_title(zh):
    """Third reading: parts of ISO and IEC standards were cited without their part ("ISO 2631-1:1997
    ... whole-body vibration", "ISO 10303-21:2016 Clear text encoding ...") or without its colon
    ("— Part 1 Body measurement ..."). Each is now "— Part N: title" (the `titles:` of the references)."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    bib = next(i for i, b in enumerate(zh) if b.anchor == "bibliography")
    parts = [(m.group(1), b.text) for b in [*zh[start + 2:end], *zh[bib:]]
             if (m := re.match(r"(?:\[\d+\] )?(?:ISO|IEC)[/A-Z]* \d+-(\d+(?:-\d+)?)", b.text))]
    assert len(parts) >= 15
    assert [text for part, text in parts if f"— Part {part}: " not in text] == []


def test_requirement_ids_are_written_whole(zh):
    """Third reading: clause 5.8 listed 「`TD-PERF-001/002`」, 「`TD-MPLAT-001/003/004`」: a run of IDs set
    as a code value, which no reader or link resolves; each ID is now written whole."""
    from conformance.drafting.wording import whole_ids

    assert not re.search(r"[A-Z]{2}-[A-Z0-9]+-\d{3}/\d{3}", text_of(zh))
    assert whole_ids("（TD-MPLAT-001/003/004、TD-PWR-003）") == "（TD-MPLAT-001、TD-MPLAT-003、TD-MPLAT-004、TD-PWR-003）"


# --- the points the third reading left open, closed at their source ---


def test_no_test_case_names_a_program_or_its_installation(zh):
    """Third reading, left open: SC-TILE-006's precondition, steps and 不适用 criterion named CesiumGS's
    `3d-tiles-validator` and its installation (「在已安装该校验器的环境中声明：见 docs/scenes.md」), so the
    引言's 「测试用例独立于任何测试工具」 did not hold. The case now states what of 3D Tiles 1.1 it checks;
    the program stays in its notes, annex B and the 编制说明."""
    tests = [b for b in zh if b.anchor.startswith("test-")]
    assert len(tests) > 200
    assert not re.search(r"安装|CesiumGS|validator|docs/", text_of(tests).replace("`", ""))
    tile = text_of([b for b in tests if b.anchor == "test-SC-TILE-006"])
    for part in ("瓦片集 JSON 及其所用扩展", "属性表中的二进制值", "隐式瓦片划分的子树文件", "要素表与批量表"):
        assert part in tile, part


def _reference_run_part(items: list[Block]) -> str:
    text = text_of(items)
    return text[text.index("（五）参考实现的验证结果"):text.index("五、知识产权说明")]


def test_the_notes_run_on_the_reference_is_never_hollow(catalog, note):
    """Third reading, left open: 四（五） read 「参考实现的验证结果：本稿未附」 unless rendered with `--report`.
    It now says, from the catalog, what `conformance demo` claims and judges, what the harness's
    self-check holds of it, and that a run on the project's own reference and samples is no evidence
    of a product's conformance; a run's figures follow when its report is given, a profile that
    cannot be claimed marked so (issue 76: 「50/50 符合」 counted them)."""
    from conformance.cli.manifests import demo_manifest, http_roles
    from conformance.drafting.explanatory import explanatory_note

    part = _reference_run_part(note)
    assert "本稿未附" not in part
    claimed = demo_manifest(catalog, {role: "http://127.0.0.1:1" for role in http_roles(catalog)})["profiles"]
    # the draft's features: one holding only deprecated requirements is claimed too, said apart (sixty-seventh
    # reading, part h130-note, a1)
    gone = [(p["id"], f) for p in claimed for f in p["features"]
            if all(catalog.requirements[r].status == "deprecated"
                   for r in catalog.profiles[p["id"]].features[f].requirements)]
    features = sum(len(p["features"]) for p in claimed) - len(gone)
    assert not gone or f"另声明仅含已废止要求的 {len(gone)} 个特性" in part
    claimable = sum(bool(catalog.normative_requirements(p)) for p in catalog.profiles.values())
    assert f"全部 {len(claimed)} 个测试配置（其中 {claimable} 个可用于声称符合" in part
    held = sum(r.status != "deprecated" for r in catalog.requirements.values())  # the deprecated said apart (b23)
    assert f" {features} 个特性（" in part and f"所含的 {held} 项要求" in part
    assert "不是任何产品符合本文件的证据" in part and "--report 目录/report.json" in part

    unclaimable = next(p.id for p in catalog.profiles.values() if not catalog.normative_requirements(p))
    report = {"harness": {"name": "metaverse-conformance", "version": "0"}, "started": "2026-11-26",
              "manifest": {"product": {"name": "Reference", "version": "0"}},
              "profiles": [{"id": unclaimable, "outcome": "conformant", "counts": {"pass": 1}}],
              "requirements": [{"verdict": "pass"}]}
    with_run = _reference_run_part(explanatory_note(catalog, report=report))
    assert "不是任何产品符合本文件的证据" in with_run and "本稿不予固定" not in with_run
    assert with_run.count("（五）") == 1 and "符合（不能用于声称符合）" in with_run


#: limits whose notes say how the number is measured but not where it comes from (2026-11-26): the
#: 编制说明 marks them for the drafting group; a list that only shrinks as each requirement's notes
#: state the source of its number (a standard's clause, a regulation, a study, or 本文件自定 and why)
#: fourth reading: each of the 14 listed here now has its notes say where its number comes from (IF-SES-006's
#: 8 kHz is G.711's) or that it is the catalog's own and why (TD-MOT-003's notes already did, in words the
#: table did not read); the list is empty and stays so
UNSOURCED_LIMITS: set[str] = set()


def test_a_limits_basis_says_where_the_number_comes_from(note):
    """Third reading, left open: a basis cell quoted the notes' sentence naming the number, which for
    some limits is a method (AS-RATING-003 how ages are counted on the test clock, RB-TRACK-001 the
    recorded controller states, TD-VOICE-004 the reference corpus's path in the repository)."""
    from conformance.drafting.limitbasis import OWN_LIMITS, SOURCE

    start = next(i for i, b in enumerate(note) if b.anchor == "note-3-2")
    table = next(b for b in note[start:] if b.kind == "table")
    rows = {row[0].replace("\u2011", "-"): row[2] for row in table.rows[1:]}
    quoted = {req: basis for req, basis in rows.items() if basis.startswith("附注：")}
    assert len(quoted) > 40
    assert [req for req, basis in quoted.items() if not (SOURCE.search(basis) or OWN_LIMITS.search(basis))] == []
    assert [req for req, basis in rows.items() if "src/" in basis or "时钟还表明" in basis] == []
    for req in ("AS-RATING-003", "RB-TRACK-001", "TD-VOICE-004"):
        assert re.search(r"本文件(?:自定|对.+的设定)", quoted[req]), req
    assert {req for req, basis in rows.items() if basis.startswith("附注未写明")} == UNSOURCED_LIMITS


def test_the_ifc_pas_is_cited_by_isos_title(zh):
    """Third reading, left open: ISO/PAS 16739:2005 stood as "Industry Foundation Classes (IFC2x3 TC1)", the
    catalog's name for the IFC release SC-BIM-008 reads; ISO published the PAS (2005-11) as "Industry
    Foundation Classes, Release 2x, Platform Specification (IFC2x Platform)". The forty-second reading (a16) found
    the PAS defines no schema a case reads: IFC2x3 TC1 is buildingSMART's release, cited as such."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    refs = [b.text for b in zh[start + 2:end] if b.kind == "para" and ("16739" in b.text or "IFC2x3 TC1" in b.text)]
    assert not [ref for ref in refs if ref.startswith("ISO/PAS 16739")]
    assert "buildingSMART IFC2x3 TC1 (2007-07)" in refs


#: identical national adoptions of the international standards clause 2 cites, each confirmed from the
#: adoption's cover (search, 2026-11-26); the others are listed in docs/drafting.md as left. GB/T 13441.1—2007
#: (ISO 2631-1:1997, IDT) only informs since the seventeenth reading's leftovers (issue 76): the 参考文献 lists it
ADOPTIONS = {"GB/T 12642—2013": "（ISO 9283:1998，IDT）",
             # fourth reading (search, 2026-11-26): the adoption's cover and foreword
             "GB/T 20485.21—2007": "（ISO 16063-21:2003，IDT）", "GB/T 27025—2019": "（ISO/IEC 17025:2017，IDT）"}


def test_an_international_standard_with_an_identical_adoption_is_cited_by_it(zh, en):
    """Third reading, left open: international documents with an identical national adoption were cited
    by their ISO number; GB/T 1.1-2020 practice cites the adoption with its degree of correspondence,
    listed and counted among the national standards (the English translation in the same order)."""
    for items in (zh, en):
        start = next(i for i, b in enumerate(items) if b.anchor == "clause-2")
        end = next(i for i, b in enumerate(items) if b.anchor == "clause-3")
        refs = [b.text for b in items[start + 2:end] if b.kind == "para"]
        assert not [r for r in refs if r.startswith(("ISO 9283", "ISO 2631-1", "ISO 16063-21", "ISO/IEC 17025"))]
        national = [i for i, r in enumerate(refs) if r.startswith("GB")]
        assert national == list(range(len(national)))  # GB and GB/T first
        for number, international in ADOPTIONS.items():
            cited = [r for r in refs if r.startswith(number if items is zh else number.replace("—", "-"))]
            assert len(cited) == 1 and (cited[0].endswith(international) if items is zh else "IDT)" in cited[0])
