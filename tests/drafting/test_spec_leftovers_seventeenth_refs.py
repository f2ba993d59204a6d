"""The seventeenth reading's leftovers on references (issue 76, docs/drafting.md "Leftovers of the seventeenth reading:
references"): the drafters' two decisions, implemented at the source. A document clause 2 dates by a month or a
version in brackets is cited in the text with that bracket, under clause 2's name (`datedrefs`); clause 2 lists
exactly the documents the normative text cites by number, and the 参考文献 those that only inform. Each test fails on
the draft as it was before these changes (the scans also on a planted defect)."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.drafting.blocks import text_of

#: a document's number as clause 2 begins its entry, and as the text cites it (GB/T 1.1-2020 9.5: by its number)
_FAMILY = (r"(?:GB(?:/T)?|ISO(?:/IEC)?(?:/TS|/PAS)?|IEC|ISO/IEC 指南|ISO/IEC Guide|IEEE Std|ITU-[RT]|3GPP TS|ASTM|FIPS"
           r"|NIST SP|RFC)")
_NUMBER = rf"(?:{_FAMILY} (?:[A-Z]+\.)?[A-Z]*\d+(?:\.\d+)*(?:-\d+)*[A-Z]?|ETSI E[NSG] \d+(?: \d+)+(?:-\d+)*)"
_ENTRY = re.compile(rf"^(?:Recommendation )?({_NUMBER})")
_CITED = re.compile(rf"(?<![\w/.\-])({_NUMBER})")
#: an identical adoption's international number in its entry: 「（ISO/IEC 17025:2017，IDT）」
_ADOPTED = re.compile(r"[（(]((?:ISO|IEC)(?:/IEC)? \d+(?:[.-]\d+)*):\d{4}[，,] ?IDT[）)]")
#: a term's source (GB/T 1.1-2020 8.7): for information, the 参考文献 lists it
_TERM_SOURCE = re.compile(r"^\[(?:来源|Source)[：:]")


def _bare(number: str) -> str:
    """A number without its year: 「GB 45438—2025」, "GB 45438-2025", "IEEE Std 1789-2015" -> the number alone."""
    return re.sub(r"(?<=\d)(?:—|-)(?:19|20)\d\d$", "", number)


def clause_2(blocks: list) -> dict[str, str]:
    """Clause 2's entries by each number a citation may name them with (an adoption's international one too)."""
    start = next(i for i, b in enumerate(blocks) if b.anchor == "clause-2")
    end = next(i for i, b in enumerate(blocks) if b.anchor == "clause-3")
    out: dict[str, str] = {}
    for block in blocks[start + 2:end]:
        entry = _ENTRY.match(block.text)
        if entry:
            out[_bare(entry.group(1))] = block.text
        for adopted in _ADOPTED.finditer(block.text):
            out[adopted.group(1)] = block.text
    return out


def normative_text(blocks: list) -> str:
    """The normative blocks after clause 3 up to the 参考文献, without code values and terms' sources."""
    start = next(i for i, b in enumerate(blocks) if b.anchor == "clause-3")
    end = next(i for i, b in enumerate(blocks) if b.anchor == "bibliography")
    parts = [part for b in blocks[start:end] if b.normative and not _TERM_SOURCE.match(b.text)
             for part in (b.text, b.title, *("\t".join(row) for row in b.rows))]
    return re.sub(r"`[^`\n]*`", "", "\n".join(parts).replace("\u2011", "-"))


def uncited_entries(blocks: list) -> list[str]:
    """Clause 2's numbered entries the normative text cites by none of their numbers."""
    text, listed = normative_text(blocks), clause_2(blocks)
    cited = {listed[key] for key in listed
             if re.search(rf"(?<![\w/.\-]){re.escape(key)}(?![\w]|\.\d|-\d(?!\d{{3}}\b))", text)}
    return sorted({entry for entry in listed.values()} - cited)


def unlisted_citations(blocks: list) -> dict[str, int]:
    """Documents the normative text cites by number that clause 2 does not list, and how often."""
    listed, found = clause_2(blocks), {}
    for m in _CITED.finditer(normative_text(blocks)):
        number = _bare(re.sub(r":\d{4}$", "", m.group(1)))
        if number not in listed:
            found[number] = found.get(number, 0) + 1
    return found


#: the documents found cited nowhere by number that only inform (a number's origin, a definition's background, a
#: method the steps do not apply): listed in the 参考文献, not clause 2
INFORMING = ("ISO 2631-1", "ISO 9241-392", "ISO/TS 15066", "ISO 19136-1", "ISO/IEC 21794-2", "ISO/IEC 30113-1",
             "IEC 63203-406-1", "3GPP TS 26.260", "ASTM E3064", "ASTM E3124", "NIST SP 800-63B", "RFC 2330", "RFC 3650",
             "RFC 3652", "RFC 8288", "ETSI EN 301 549", "ITU-R BS.2076", "ITU-R BT.1359")
#: those a step applies, each now cited there by its number: (document, test case, its words in the Chinese step)
APPLIED = (("GB 4943.1", "TD-SAFE-001", "按 GB 4943.1—2022 附录 F"), ("GB/T 40660", "TD-BIO-003", "GB/T 40660—2021 第 3 章"),
           ("ISO 16739-1", "SC-BIM-001", "ISO 16739-1:2018 的 `IFC4`"),
           ("IEC 63145-20-10", "TD-DISP-011", "按 IEC 63145-20-10:2019 的方法测量"),
           ("FIPS 180-4", "AS-CONT-001", "按 FIPS 180-4（2015-08）计算"), ("ITU-T G.711", "IF-SES-006", "ITU-T G.711（1988-11）"),
           ("RFC 3651", "IR-SYN-001", "按 RFC 3651 第 2.1 节"), ("RFC 4180", "DP-QUAL-001", "按 RFC 4180 读取"),
           ("RFC 4226", "ID-MFA-001", "按 RFC 4226 第 5.3 节"), ("RFC 6585", "IF-RATE-001", "RFC 6585 第 4 节"),
           ("RFC 7493", "ID-DOC-001", "RFC 7493 第 2.3 节"), ("RFC 8259", "ID-DOC-001", "按 RFC 8259 以 JSON 解析"),
           ("RFC 7518", "ID-AUTH-001", "按 RFC 7518 第 3.4 节"), ("RFC 8032", "ID-AUTH-001", "按 RFC 8032"),
           ("RFC 7519", "ID-VC-004", "RFC 7519 第 2 节"), ("RFC 9901", "ID-VC-006", "按 RFC 9901 计算"),
           ("RFC 8615", "IF-DISC-001", "按 RFC 8615"), ("RFC 8446", "IF-TLS-001", "TLS 1.3（RFC 8446）"))


def _case(blocks: list, req_id: str) -> str:
    """A test case's table, by the requirement ID in its title."""
    table = next(b for b in blocks if b.kind == "table" and req_id in b.title.replace("\u2011", "-"))
    return "\n".join("\t".join(row) for row in table.rows).replace("\u2011", "-")


def _bibliography(blocks: list) -> str:
    start = next(i for i, b in enumerate(blocks) if b.anchor == "bibliography")
    return text_of(blocks[start:])


def test_clause_2_lists_exactly_the_documents_the_normative_text_cites_by_number(zh, en):
    """GB/T 1.1-2020 8.6 and clause 2's own lead-in: 34 of its entries (the seventeenth reading's row, and ETSI EN 301
    549, RFC 3650, RFC 8446, ITU-R BS.2076 and BT.1359-1, cited in informative text only) were cited nowhere in the
    normative text by number, while SC-CITY-011's test case cited ISO/TS 19139 and annex E RFC 5646, neither listed."""
    for blocks in (zh, en):
        assert uncited_entries(blocks) == [], uncited_entries(blocks)
        assert unlisted_citations(blocks) == {}
    listed = "\n".join(clause_2(zh).values())
    for number in INFORMING:
        assert not re.search(rf"^(?:Recommendation )?{re.escape(number)}\b", listed, re.M), number
        assert re.search(rf"{re.escape(number)}\b", _bibliography(zh)), number
    for number, req_id, words in APPLIED:
        assert number in "\n".join(clause_2(zh)), number
        assert words in _case(zh, req_id), (req_id, words)
    assert "RFC 5646（2009-09）" not in listed and "RFC 5646 Tags for Identifying Languages (2009-09)" in listed


def test_an_identical_adoption_is_listed_and_cited_by_its_national_number(zh, en):
    """Chinese practice, as the lead decided for the drafters: clause 2 lists GB/T 12642—2013 and GB/T 20485.21—2007
    (each IDT with its ISO original, the 编制说明's table of adoptions), the rules and steps cite them so (RB-TRACK-002,
    TD-HAPT-003), and no normative text cites the ISO original by its own number (nor ISO/IEC 17025, whose adoption
    GB/T 27025—2019 the Chinese 6.3 and 7 cited while annex E's `laboratory.accreditation` and the English cited the
    original); GB/T 13441.1—2007, which only informs, stands in the 参考文献 as the adoption."""
    listed = clause_2(zh)
    assert listed["GB/T 12642"].startswith("GB/T 12642—2013　") and listed["GB/T 12642"].endswith("（ISO 9283:1998，IDT）")
    assert listed["GB/T 20485.21"].endswith("（ISO 16063-21:2003，IDT）")
    assert not [entry for entry in listed.values() if entry.startswith(("ISO 9283", "ISO 16063-21"))]
    assert "参照 GB/T 12642—2013）" in _case(zh, "RB-TRACK-002") and "after GB/T 12642-2013)" in _case(en, "RB-TRACK-002")
    assert "比较的方法（GB/T 20485.21—2007）" in _case(zh, "TD-HAPT-003")
    assert "(GB/T 20485.21-2007)" in _case(en, "TD-HAPT-003")
    for blocks in (zh, en):
        assert adopted_originals_cited(blocks) == []
    assert "GB/T 13441.1—2007　机械振动与冲击" in _bibliography(zh) and "ISO 2631-1:1997" not in "\n".join(listed.values())


def adopted_originals_cited(blocks: list) -> list[str]:
    """The international numbers the normative text cites where clause 2 lists their identical national adoption."""
    text, listed = normative_text(blocks), clause_2(blocks)
    originals = {key for entry in listed.values() for key in _ADOPTED.findall(entry)}
    return sorted(key for key in originals if re.search(rf"(?<![\w/.\-]){re.escape(key)}(?![\w]|\.\d|-\d)", text))


def test_the_adoption_scan_finds_a_planted_iso_original(zh):
    """The scan above fails on a test case citing ISO 9283 where clause 2 lists GB/T 12642—2013."""
    case = next(i for i, b in enumerate(zh) if b.kind == "table" and "RB-TRACK-002" in b.title.replace("\u2011", "-"))
    rows = (*zh[case].rows[:-1], (*zh[case].rows[-1][:-1], zh[case].rows[-1][-1] + "；参照 ISO 9283:1998"))
    assert adopted_originals_cited([*zh[:case], replace(zh[case], rows=rows), *zh[case + 1:]]) == ["ISO 9283"]


def test_the_scans_find_a_planted_uncited_entry_and_an_unlisted_citation(zh):
    """Both directions of the check fail on a planted defect: a test case citing a document clause 2 does not list,
    and clause 2 listing one nothing cites."""
    start = next(i for i, b in enumerate(zh) if b.anchor == "clause-2")
    planted = [*zh[:start + 2], replace(zh[start + 2], text="ISO 99999:2020 Nothing cites this"), *zh[start + 2:]]
    assert "ISO 99999:2020 Nothing cites this" in uncited_entries(planted)
    case = next(i for i, b in enumerate(zh) if b.kind == "table" and "TD-SAFE-001" in b.title.replace("\u2011", "-"))
    rows = (*zh[case].rows[:-1], (*zh[case].rows[-1][:-1], zh[case].rows[-1][-1] + "；按 ISO 88888:2021 判定"))
    assert unlisted_citations([*zh[:case], replace(zh[case], rows=rows), *zh[case + 1:]]) == {"ISO 88888": 1}


def test_a_document_dated_in_brackets_is_cited_with_its_bracket(zh, en):
    """Clause 2 dates ITU-T G.1010 (2001-11), G.114 (2003-05), P.57 (2021-06), G.711 (1988-11), ETSI ES 202 396-1
    (V1.8.1, 2022-05) and the OpenXR Specification 1.1 (2024-04-15); the text cited them undated (「ITU-T G.1010
    推荐值」, 「按 OpenXR 的规定」), ETSI's under another name (「欧洲电信标准化协会 ES 202 396-1」), and ISO 8601-1:2019
    as 「ISO 8601 时长」 (cited since the thirty-seventh reading, b1, by its identical adoption GB/T 7408.1—2023)."""
    from conformance.drafting.datedrefs import dated_designations

    dated_zh, dated_en = dated_designations(zh), dated_designations(en)
    assert dated_zh["ITU-T G.1010"] == "ITU-T G.1010（2001-11）" and dated_en["ITU-T G.1010"] == "ITU-T G.1010 (2001-11)"
    assert dated_zh["ETSI ES 202 396-1"] == "ETSI ES 202 396-1（V1.8.1，2022-05）"
    assert dated_en["ETSI ES 202 396-1"] == "ETSI ES 202 396-1 (V1.8.1, 2022-05)"
    assert dated_zh["OpenXR Specification 1.1"] == "OpenXR Specification 1.1（2024-04-15）"
    assert not any(key.startswith("RFC ") for key in dated_zh)  # an RFC's number names one text, never revised
    text_zh, text_en = normative_text(zh), normative_text(en)
    for form in ("ITU-T G.1010（2001-11）推荐值", "ITU-T G.114（2003-05）", "ITU-T P.57（2021-06）",
                 "ITU-T G.711（1988-11）μ 律", "按 ETSI ES 202 396-1（V1.8.1，2022-05）的扬声器布置",
                 "运行时按 OpenXR Specification 1.1（2024-04-15）的规定定位眼动注视", "GB/T 7408.1—2023 时长"):
        assert form in text_zh, form
    # a bare G.711 (IF-SES-006's statement wrote one; thirty-fifth reading, b7) is a dated reference cited undated
    assert not re.search(r"(?<!ITU-T )G\.711", text_zh + text_en)
    for form in ("ITU-T G.711 (1988-11) mu-law audio", "ITU-T G.1010 (2001-11)", "ETSI ES 202 396-1 (V1.8.1, 2022-05)",
                 "a GB/T 7408.1-2023 duration",
                 "as the OpenXR Specification 1.1 (2024-04-15) says"):
        assert form in text_en, form
    for old in ("欧洲电信标准化协会", "ISO 8601 时长", "按 OpenXR 的规定", "OpenXR 所允许", "ISO 8601 duration", "as OpenXR says"):
        assert old not in text_zh + text_en, old
    assert "OpenXR 的 XrTime" in text_zh.replace("`", "") or "（OpenXR 的 ）" in text_zh  # the API's name stays


def test_the_bracket_pass_dates_a_planted_citation_and_leaves_the_api_alone(zh):
    """`datedrefs` on a planted paragraph: a bare 「ITU-T G.114」 and 「OpenXR Specification 1.1」 take clause 2's
    bracket, without a space after it; 「OpenXR」 as the API's name, an RFC and a code value keep their form."""
    from conformance.drafting.datedrefs import dated_citations

    clause3 = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    text = "单向时延按 ITU-T G.114 的规定；按 OpenXR Specification 1.1 所述，OpenXR 运行时按 RFC 9457 应答；`ITU-T G.114` 为代码值"
    planted = [*zh[:clause3 + 1], replace(zh[clause3 + 1], text=text), *zh[clause3 + 2:]]
    assert ("单向时延按 ITU-T G.114（2003-05）的规定；按 OpenXR Specification 1.1（2024-04-15）所述，OpenXR 运行时按 RFC 9457 "
            "应答；`ITU-T G.114` 为代码值") in text_of(dated_citations(planted))


def test_sc_city_011_requires_the_citygml_schemas_as_its_check_loads_them(zh, en):
    """SC-CITY-011's rule required conformance to the GML 3.2.1, ISO/TS 19139, XLink and OASIS xAL schemas, which
    clause 2 did not list; its check validates against OGC 21-006r2's XML Schemas with the schemas they import
    (`citygml_schema`), which clause 2 lists: the rule now says that (1.1 -> 1.1.1, wording only)."""
    assert "应符合 OGC 21-006r2（CityGML 3.0 第 2 部分：GML 编码）的 XML 模式，连同其所导入的模式" in _case(zh, "SC-CITY-011")
    assert "valid against the XML Schemas of OGC 21-006r2 (CityGML 3.0 Part 2: GML Encoding)" in _case(en, "SC-CITY-011")
    assert "ISO/TS 19139" not in _case(zh, "SC-CITY-011") + _case(en, "SC-CITY-011")
    assert "OGC 21-006r2" in "\n".join(text_of([b]) for b in zh if b.anchor.startswith("ref-ogc-city"))


def test_the_explanatory_note_states_the_form_and_agrees_on_gb_4943_1(zh, note, note_en):
    """The 编制说明 三 states the form of a citation dated in brackets (one sentence); its claim that TD-SAFE-001 cites
    GB 4943.1—2022 is now true of the test case."""
    assert "在正文中按第 2 章的写法连同括号内的日期或版本引用，如 ITU-T G.1010（2001-11）" in text_of(note)
    assert "are cited in the text as clause 2 writes them, with the date or version in brackets" in text_of(note_en)
    assert "GB 4943.1—2022" in _case(zh, "TD-SAFE-001") and "（TD-SAFE-001）" in text_of(note)


#: a date's closing bracket directly followed by another closing bracket: one citation closing two brackets at once,
#: 「（IF-SES-002；ITU-T G.114（2003-05））」 (a version and date too: 「（V1.8.1，2022-05））」)
_TWO_CLOSED = re.compile(r"（(?:V\d+(?:\.\d+)*，)?\d{4}(?:-\d{2}){0,2}）[）)]")


def brackets_closed_twice(blocks: list) -> list[str]:
    """Each place of the draft where a dated citation's bracket closes together with the bracket around it."""
    text = "\n".join(text_of([b]) for b in blocks)
    return [text[max(0, m.start() - 40):m.end()] for m in _TWO_CLOSED.finditer(text)]


def test_no_dated_citation_closes_two_brackets_at_once(zh):
    """GB/T 15834—2011 keeps one bracket form from nesting in itself (brackets within brackets take another form, or
    the text is rewritten); annex A's two session latency parameters (「（IF‑SES‑002；ITU-T G.114（2003-05））」) and 5.9's
    ear simulators (「（IEC 60318-4:2010 或 ITU-T P.57（2021-06））」) closed two at once. The citation now stands outside
    the bracket: 「（IF‑SES‑002），取自 ITU-T G.114（2003-05）」, 「符合 IEC 60318-4:2010 或 ITU-T P.57（2021-06）的耳模拟器」."""
    from conformance.drafting.datedrefs import dated_citations

    assert brackets_closed_twice(zh) == []
    text = text_of(zh).replace("\u2011", "-")
    assert "以 ms 计（IF-SES-002），取自 ITU-T G.114（2003-05）" in text
    assert "符合 IEC 60318-4:2010 或 ITU-T P.57（2021-06）的耳模拟器" in text
    # plant and try: the old parameter text, dated by the pass, is found
    clause3 = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    planted = [*zh[:clause3 + 1], replace(zh[clause3 + 1], text="更新时延的上限，单位毫秒（IF-SES-002；ITU-T G.114）"),
               *zh[clause3 + 2:]]
    assert [found[-15:] for found in brackets_closed_twice(dated_citations(planted))] == ["G.114（2003-05））"]
