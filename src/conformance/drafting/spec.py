"""The catalog as a conformance test specification in the GB/T 1.1-2020 layout, one language
at a time: the Chinese normative text (``zh``) and its English translation (``en``), with the
same numbering.

Cover (standard number, ICS and CCS codes, status and date, 发布/实施 lines), 目次, 前言 (the drafting-rule and patent
statements, 提出/归口, drafting units and drafters as placeholders), 引言, 1 范围, 2 规范性引用文件 (GB, GB/T,
ISO/IEC, then the rest; GB titles in Chinese; laws, papers, tools and web pages go to the 参考文献), 3 术语和定义 (the
domain's terms), 4 缩略语, 5 测试环境 (equipment, calibration and ambient conditions per area), a chapter of test
cases per area (:mod:`.testcases`: one per requirement whose status allows normative use), a conformance clause per
profile, annex A (normative) the ICS and IXIT pro formas, annex B (informative) the harness's mapping (profiles, test
counts, known-bad cases, seed topics), annex C (informative) the requirements to review (``catalog diff`` and, given a
programme history, failure rates), annex D (informative) the test cases of draft and candidate requirements, annex E
(normative) the HTTP operations the normative requirements name, as their interface contracts define them
(:mod:`.contracts`), with a summary of each schema they carry (:mod:`.schema_summary`), and the 参考文献. What no
requirement holds comes from ``suites/specification.yaml``.
The blocks and their writer are in :mod:`.writer`, the annexes A to E in :mod:`.annexes`, the
checks of the Chinese wording in :mod:`.wording`.
:mod:`.render` writes the blocks as Markdown, HTML and DOCX; :mod:`.pdf` prints the HTML.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .._catalog.catalog import Catalog
from .._catalog.schemas import BASE_URI
from .adoptions import adoption_in_english, em_dashed, listed_name
from .bodyclauses import conformance_chapter, environment_clause
from .coverdate import draft_month
from .annexes import annex_candidates, annex_contracts, annex_ics, annex_mapping, annex_review
from .facts import gather, ordered
from .formats import annex_formats
from .gbt7714 import entry_of
from .lawtitles import titled_laws
from .datedrefs import bracket_publishers, dated_citations
from .laboratory import decision_clause, report_clause
from .tablenumbers import number_tables
from .tables import Standard, Tables, load_tables
from .listorder import _bibliography_order, _order, by_entry, seed_documents
from .wording import listed
from .writer import Block, SpecData, Term, Writer, area_scope, area_title, normative, test_case, used_names

#: the title in its elements (GB/T 1.1-2020 6.2: 引导要素, 主体要素, 补充要素), each a line of the cover
TITLE_ELEMENTS = (("元宇宙", "互操作性", "一致性测试规范"), ("Metaverse", "Interoperability", "Conformance test specification"))
#: the title as one line: the elements apart by an ideographic space (an em dash in English)
TITLE = ("\u3000".join(TITLE_ELEMENTS[0]), " — ".join(TITLE_ELEMENTS[1]))
#: the 终结线 that ends the document after its last element (GB/T 1.1-2020)
END_LINE = "endline"
#: the number a draft carries until one is assigned
NUMBER = "GB/T XXXXX—XXXX"
#: the anchors of the front matter's headings (numbered in Roman numerals with the 目次)
FRONT_MATTER = ("foreword", "introduction")
AUTHOR = "metaverse-conformance project"
DRAFTING_RULE = "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。"
PATENT = "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。"
#: the 征求意见稿's cover asks for the patents its readers know of (GB/T 1.1-2020, the draft's cover)
PATENT_NOTICE = "在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。"
_PATENT_NOTICE_EN = ("Recipients of this draft are invited to submit, with their comments, notification of any "
                     "relevant patent rights of which they are aware and to provide supporting documentation.")
_DRAFTING_RULE_EN = ("This document is drafted in accordance with the rules given in GB/T 1.1-2020 Directives for "
                     "standardization — Part 1: Rules for the structure and drafting of standardizing documents.")
_PATENT_EN = ("Attention is drawn to the possibility that some of the elements of this document may be the subject "
              "of patent rights. The issuing body of this document shall not be held responsible for identifying "
              "any or all such patent rights.")


# The chapter of the first area's test cases, after clauses 1 to 6 (scope ... decision rules); the
# explanatory note refers to it, so the two cannot disagree when a clause is added before them.
FIRST_CASE_CLAUSE = 7


def specification(catalog: Catalog, changes: dict[str, object] | None = None, lang: str = "zh",
                  rates: list[dict[str, object]] | None = None) -> list[Block]:
    """The specification in ``lang``; ``changes`` (``catalog diff``) and ``rates`` (a programme's
    per-requirement failure rates) fill annex C."""
    w = Writer(catalog, lang)
    w.letter_annexes(review=changes is not None or rates is not None)
    tables = load_tables(catalog)
    w.bibliography = bibliography_numbers(w, catalog, tables)
    facts = gather(catalog)
    requirements = ordered(catalog)
    areas = list(dict.fromkeys(r.area for r in requirements))
    kept = [r for r in requirements if normative(r)]
    body: list[Block] = []
    body += _front_matter(_front(w, tables, areas))
    body += _references(w, tables, catalog)
    body += _terms(w)
    body += _abbreviations(w)
    body += environment_clause(w, areas)
    body += decision_clause(w, catalog, FIRST_CASE_CLAUSE - 1)
    chapter = FIRST_CASE_CLAUSE
    for area in areas:
        cases = [r for r in kept if r.area == area]
        if not cases:
            continue
        area_zh, area_en = area_title(area)
        body.append(w.heading(w.t(f"{chapter} {area_zh}测试用例", f"{chapter} {area_en} test cases"), 1,
                              f"clause-{chapter}"))
        for number, req in enumerate(cases, 1):
            body += test_case(w, req, f"{chapter}.{number}")
        chapter += 1
    body += conformance_chapter(w, catalog, chapter)
    body += report_clause(w, chapter + 1)
    body += annex_ics(w, catalog)
    body += annex_mapping(w, catalog, tables, facts, areas)
    body += annex_review(w, catalog, changes, rates)
    body += annex_candidates(w, requirements)
    body += annex_contracts(w, catalog, kept)
    body += annex_formats(w, catalog)
    body += _bibliography(w, catalog, tables)
    toc = tuple((str(b.level), b.text, b.anchor) for b in body if b.kind == "heading" and b.level == 1)
    return number_tables(used_names([_cover(w), Block("toc", w.t("目次", "Contents"), rows=toc, lang=w.tag, page=True,
                                                 front=True), *titled_laws(dated_citations(body), w.bibliography)]))


def _front_matter(blocks: list[Block]) -> list[Block]:
    """The blocks marked front matter up to the body's first heading (clause 1)."""
    out, front = [], True
    for block in blocks:
        front = front and not (block.kind == "heading" and block.level == 1 and block.anchor not in FRONT_MATTER)
        out.append(replace(block, front=True) if front else block)
    return out


def standard_number(catalog: Catalog) -> str:
    """The standard's number as the cover states it (the running header shows it, GB/T 1.1-2020)."""
    from .writer import load_data

    return str(load_data(catalog).cover.get("number", NUMBER))


def body_start(pages: dict[str, int], toc: tuple[tuple[str, ...], ...]) -> int | None:
    """The page of the PDF (the cover is page 1) the body starts on: its first heading's."""
    body = [pages[anchor] for _, _, anchor in toc if anchor not in FRONT_MATTER and anchor in pages]
    return min(body) if body else None


def page_labels(pages: dict[str, int], toc: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """The page numbers a reader sees, from the pages of the PDF (the cover is page 1): front
    matter in Roman numerals from I on the page after the cover, the body in Arabic numerals
    from 1 on the page of its first heading (GB/T 1.1-2020)."""
    start = body_start(pages, toc)
    labels = {}
    for anchor, page in pages.items():
        if anchor in FRONT_MATTER or start is None or page < start:
            labels[anchor] = roman(page - 1)
        else:
            labels[anchor] = str(page - start + 1)
    return labels


def roman(number: int) -> str:
    """Upper-case Roman numerals (the front matter's page numbers); 0 and below are empty."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _cover(w: Writer) -> Block:
    cover = w.data.cover
    status = w.text(cover.get("status", {"zh": "征求意见稿", "en": "Draft for comments"}))
    month = draft_month(w.data, w.catalog.roots.values())  # derived from the catalog's records (63rd reading, a1)
    rows = (("ics", f"ICS {cover.get('ics', '')}"), ("ccs", f"CCS {cover.get('ccs', '')}"),
            ("kind", w.t("中华人民共和国国家标准", "National Standard of the People's Republic of China")),
            ("number", str(cover.get("number", NUMBER))),
            ("title", w.t(TITLE[0], TITLE[1])), ("subtitle", w.t(TITLE[1], "")),
            ("status", f"（{status}）" if w.lang == "zh" else f"({status})"),
            ("date", w.t(f"（本稿完成日期：{month}）", f"(completed {month})")),
            ("notice", w.t(PATENT_NOTICE, _PATENT_NOTICE_EN)),
            ("issued", w.t("XXXX-XX-XX 发布", "Issued XXXX-XX-XX")),
            ("effective", w.t("XXXX-XX-XX 实施", "Implemented XXXX-XX-XX")),
            ("issuer", w.text(cover.get("issuer", {"zh": "（发布机构）", "en": "(issuing body)"}))
             + w.t("　发布", "")))
    return Block("cover", rows=rows, lang=w.tag, anchor="cover")


def _front(w: Writer, tables: Tables, areas: list[str]) -> list[Block]:
    scopes = [area_scope(area) for area in areas]
    scope = listed([s[0] if w.lang == "zh" else s[1] for s in scopes], w.lang)
    foreword = w.data.foreword
    counts: dict[str, int] = {}
    for topic in tables.topics.values():
        counts[topic.status] = counts.get(topic.status, 0) + 1
    outside = counts.get("out of scope", 0)
    in_scope = len(tables.topics) - outside
    cases = [r for r in w.catalog.requirements.values() if normative(r)]
    drafts = [r for r in w.catalog.requirements.values() if not normative(r) and r.status != "deprecated"]
    seeds_zh, seeds_en = seed_documents(w, tables)
    out = [w.heading(w.t("前言", "Foreword"), 1, "foreword", page=True),
           w.para(w.t(DRAFTING_RULE, _DRAFTING_RULE_EN)), w.para(w.t(PATENT, _PATENT_EN))]
    out += [w.para(w.text(foreword[key])) for key in ("proposed_by", "administered_by", "drafting_units", "drafters")
            if key in foreword]
    out += [w.heading(w.t("引言", "Introduction"), 1, "introduction", page=True),
            w.para(w.t(f"{seeds_zh}提出了元宇宙标准化的需求。"
                       "本文件将其中可检测的要求写成一致性测试用例，"
                       "使不同的测试实验室对同一被测对象得到相同的判定；被测对象的提供者以附录 "
                       f"{w.annex('ics')} 的表格声明其所声称符合的测试配置与测试所需的信息。"
                       f"这些文件提出的主题共 {len(tables.topics)} 个，其中 {outside} 个不在本文件范围内；"
                       f"其余 {in_scope} 个中，已覆盖 {counts.get('covered', 0)} 个，部分覆盖 "
                       f"{counts.get('partial', 0)} 个，尚未覆盖 {counts.get('absent', 0)} 个（见附录 {w.annex('mapping')}）。"
                       f"本文件含 {len(cases)} 个测试用例，分属 {len({r.area for r in cases})} 个领域"
                       + (f"；另有 {len(drafts)} 项草案与候选要求列于附录 {w.annex('candidates')}，不是本文件的要求"
                          if drafts else "") + "。",
                       f"{seeds_en} state needs for metaverse standardization. This document "
                       "writes their testable requirements as conformance test cases, so that different test "
                       "laboratories reach the same verdict on the same implementation; the supplier declares, in "
                       f"the pro formas of annex {w.annex('ics')}, the profiles it claims and what the test needs. "
                       "The documents name "
                       f"{len(tables.topics)} topics, {outside} of them outside the scope of this document; of the "
                       f"other {in_scope}, {counts.get('covered', 0)} are covered, {counts.get('partial', 0)} partly "
                       f"covered and {counts.get('absent', 0)} not yet covered (annex {w.annex('mapping')}). This document holds "
                       f"{len(cases)} test cases in {len({r.area for r in cases})} areas"
                       + (f"; {len(drafts)} draft and candidate requirements are listed in annex "
                          f"{w.annex('candidates')} and are not requirements of this document" if drafts else "")
                       + ".")),
            w.para(w.t("本文件的测试用例独立于任何测试工具：测试步骤说明测试人员做什么、"
                       f"观察什么。附录 {w.annex('mapping')} 给出一种自动化实现"
                       "（开源一致性测试工具）与测试用例的对应关系。",
                       "The test cases are independent of any tool: a procedure says what the tester does and "
                       f"observes. Annex {w.annex('mapping')} maps them to one automated implementation (an open-source conformance "
                       "test harness).")),
            w.heading(w.t("1 范围", "1 Scope"), 1, "clause-1", page=True),
            w.para(w.t(f"本文件规定了{scope}的一致性测试环境、测试用例与判定准则，测量结果的判定规则与测量不确定度，"
                       "测试用例所用的接口契约与数据格式，各测试配置的符合性要求与实现一致性声明"
                       "（ICS）、测试用实现附加信息（IXIT）表格，以及测试报告的内容。",
                       f"This document specifies the conformance test environment, test cases and verdict criteria "
                       f"for {scope}, the decision rules and measurement uncertainty of measured results, the "
                       "interface contracts and data formats the test cases use, the conformance requirements and the "
                       "implementation conformance statement (ICS) and implementation extra information for testing "
                       "(IXIT) pro formas of each profile, and the content of the test report.")),
            w.para(w.t("本文件适用于元宇宙平台、终端、内容与数据产品的一致性测试，也可供其研发与验收参考。",
                       "This document applies to conformance testing of metaverse platforms, terminals, content and "
                       "data products, and can serve their development and acceptance."))]
    return out


def _in_bibliography(standard: Standard, data: SpecData) -> bool:
    """Laws, regulations, papers, tools and web pages: cited for information, never normative. A
    document with a GB/T 7714 citation (a paper, a book, a report) is one, whether or not it is also
    listed (third reading: five papers a newly stable requirement cites stood in clause 2)."""
    return (not standard.normative or standard.name in data.bibliography or standard.name in data.citations
            or bool(_LAW.search(standard.name)))


#: a law or regulation of the People's Republic as the catalog names it ("Civil Code of the PRC (2020)"): cited
#: for information whether or not ``bibliography`` lists it (fourth reading: the Civil Code, newly cited by
#: AS-TRADE-003, stood in clause 2 under its English name)
_LAW = re.compile(r"\bof the PRC\b")


def _ref_text(w: Writer, standard: Standard) -> str:
    """A reference as GB/T 1.1 writes it: number (em dash before the year) and title; a GB
    standard by its Chinese title; the date of an edition where one is cited. The Chinese text cites
    the ISO/IEC guides as 「ISO/IEC 指南 98-3:2008」 (112 times): clause 2 names them so (twelfth reading)."""
    text = _ref_as_named(w, standard)
    return text.replace("ISO/IEC Guide ", "ISO/IEC 指南 ") if w.lang == "zh" else text


def _ref_as_named(w: Writer, standard: Standard) -> str:
    # the translation cites a national adoption too (its number, the international title, the degree)
    title = w.data.titles.get(standard.name) if w.lang == "zh" else adoption_in_english(w, standard)
    if title:
        return title
    name = em_dashed(standard.name)
    if re.match(r"GB(/T)? \d", name):  # dated by the year its number carries, no issue date (39th reading, b4)
        return re.sub(r"^(GB(?:/T)? [\d.]+)-(\d{4})", r"\1—\2", name) if w.lang == "zh" else name
    numbered = _ISO_NUMBER.match(name)
    if numbered:  # ISO and IEC documents carry their year after the number: "ISO 2631-1:1997 Title"
        if numbered.group(2) or not standard.date:
            return name
        return f"{numbered.group(1)}:{standard.date[:4]}{name[numbered.end(1):]}"
    dated = ", ".join(part for part in (standard.edition, standard.date) if part and part not in name)
    return f"{name} ({dated})" if dated else name


#: an ISO or IEC document's number (ISO, ISO/IEC, ISO/TS, IEC...), with its year when the name has it
_ISO_NUMBER = re.compile(r"^((?:ISO|IEC)(?:/[A-Z]+)? \d+(?:[-.]\d+)*)(:\d{4})?(?= |$)")


def _cited(catalog: Catalog, kept_only: bool) -> set[str]:
    return {s.name for r in catalog.requirements.values() if not kept_only or normative(r) for s in r.source.standards}


def _references(w: Writer, tables: Tables, catalog: Catalog) -> list[Block]:
    out = [w.heading(w.t("2 规范性引用文件", "2 Normative references"), 1, "clause-2"),
           w.para(w.t("下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。"
                      "其中，注日期的引用文件，仅该日期对应的"
                      "版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。",
                      "The following documents are referred to in the text in such a way that some or all of their "
                      "content constitutes requirements of this document. For dated references, only the edition "
                      "cited applies. For undated references, the latest edition of the referenced document "
                      "(including any amendments) applies."))]
    out += [Block("para", _ref_text(w, s), lang=w.tag, anchor=_ref_anchor(s), normative=False)
            for s in normative_references(w, tables, catalog)]
    return out  # a lead-in and the list, nothing else (GB/T 1.1-2020 8.6): why two editions, the 编制说明 says


def normative_references(w: Writer, tables: Tables, catalog: Catalog) -> list[Standard]:
    """Clause 2's documents in its order: those the kept requirements cite normatively and those the text itself
    cites (``text_sources``), a document both cite listed once (forty-second reading's leftovers, part h94-aigc)."""
    cited = _cited(catalog, kept_only=True)
    listed = {s.name: s for s in (*(s for s in tables.standards.values() if s.name in cited
                                    and not _in_bibliography(s, w.data)), *(s for s in text_sources(w) if s.normative))}
    return sorted(listed.values(), key=lambda s: _order(s, listed_name(w, s)))


def editions_note(w: Writer, number: int) -> list[Block]:
    """编制说明 三's subclause on the editions of the references: documents cited in two editions and why
    (issue 76). Clause 2 closed with it as a 注 until GB/T 1.1-2020 8.6's element, a lead-in and a list,
    was read as admitting none."""
    if not w.data.editions_note:
        return []
    heading = w.heading(w.t(f"（{'一二三四五六七八九'[number - 1]}）引用文件的版本", f"3.{number} The editions of the "
                            "references"), 2, "note-3-editions", normative=False)
    entries = [b.text for b in _references(w, load_tables(w.catalog), w.catalog)[2:]]
    names = bracket_publishers(entries)  # clause 2's own publishers, so the sentence cannot go stale (b11)
    zh, en = "、".join(names), f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else "".join(names)
    note = {lang: text.replace("{publishers}", zh if lang == "zh" else en) for lang, text in w.data.editions_note.items()}
    # as the references are written: document numbers are names, not code values
    return [heading, Block("para", w.text(note), lang=w.tag, normative=False)]


def text_sources(w: Writer) -> list[Standard]:
    """The documents the text itself cites that no requirement cites (``text_sources``)."""
    return [Standard(str(t["name"]), str(t.get("url", "")), date=str(t.get("date", "")),
                     normative=bool(t.get("normative", False))) for t in w.data.text_sources]


def _ref_anchor(standard: Standard) -> str:
    return "ref-" + re.sub(r"[^a-z0-9]+", "-", standard.name.lower()).strip("-")[:60]


def _terms(w: Writer) -> list[Block]:
    out = [w.heading(w.t("3 术语和定义", "3 Terms and definitions"), 1, "clause-3"),
           w.para(w.t("下列术语和定义适用于本文件。", "For the purposes of this document, the following terms and "
                                                 "definitions apply."))]
    for number, term in enumerate(w.data.terms, 1):
        name = f"{term['zh']}  {term['en']}" if w.lang == "zh" else term["en"]
        out += [Block("heading", f"3.{number}", 2, anchor=f"term-{number}", lang=w.tag, normative=True),
                Block("para", name, lang=w.tag, normative=False)]
        # an admitted term, the short form the text uses, on its own line after the preferred one (36th reading b4)
        admitted = term.get("admitted")
        if admitted and (w.lang == "en" or "zh" in admitted):
            out.append(Block("para", w.t(f"{admitted.get('zh')}  {admitted['en']}", admitted["en"]), lang=w.tag,
                             normative=False))
        out.append(w.para(w.text(term["definition"])))
        if "note" in term:  # GB/T 1.1-2020 8.7: a note to the entry stands before its source
            out.append(w.para(w.t("注：", "Note 1 to entry: ") + w.text(term["note"])))
        if "source" in term:
            out.append(w.para(term_source(w, term)))
    return out


def term_source(w: Writer, term: Term) -> str:
    """A term's source as GB/T 1.1-2020 (8.7) writes it: the document, the entry the definition
    comes from, whether it was modified, in brackets without closing punctuation ("[来源：GB/T 20001.1—2024，3.1.2，有修改]")."""
    entry = term.get("entry")  # a number, or (zh, en) the place of an unnumbered part: 3.43's Glossary
    parts = [w.text(term["source"]), *([w.text(entry) if isinstance(entry, dict) else entry] if entry else []),
             *([w.t("有修改", "modified")] if term.get("modified") else [])]
    return w.t("[来源：{}]", "[Source: {}]").format(w.t("，", ", ").join(parts))


def _abbreviations(w: Writer) -> list[Block]:
    # an abbreviation only one language uses (the other spells it out) is listed in that language alone (31st a25)
    rows = sorted((a for a in w.data.abbreviations if a.get("only", w.lang) == w.lang), key=lambda a: a["abbr"].lower())
    out = [w.heading(w.t("4 缩略语", "4 Abbreviations"), 1, "clause-4"),
           w.para(w.t("下列缩略语适用于本文件。", "The following abbreviations apply in this document."))]
    # one abbreviation a line, the way GB/T standards list them, not a bordered table
    out += [Block("para", w.t(f"{a['abbr']}：{a['zh']}（{a['en']}）", f"{a['abbr']}: {a['en']}"), lang=w.tag,
                  normative=False) for a in rows]
    if w.data.names:
        out.append(w.para(w.t("本文件中下列技术、产品与规范的名称保留原文：" + "、".join(w.data.names) + "。",
                              "These names of technologies, products and specifications are kept as written: "
                              + ", ".join(w.data.names) + ".")))
    return out


def _bibliography(w: Writer, catalog: Catalog, tables: Tables) -> list[Block]:
    out = [w.heading(w.t("参考文献", "Bibliography"), 1, "bibliography", page=True, normative=False)]
    out += [Block("para", f"[{number}] {entry}", lang=w.tag, anchor=anchor)
            for number, _, entry, anchor in _numbered(w, catalog, tables)]
    # the 终结线 after the document's last element
    out.append(Block(END_LINE, lang=w.tag, anchor="end"))
    return out


def bibliography_numbers(w: Writer, catalog: Catalog, tables: Tables) -> dict[str, int]:
    """Each document the 参考文献 lists (a seed document by its key, any other by its catalog name) and its number
    there (a document listed with works before it: the number of its own entry), so that the 编制说明 cites it as
    「参考文献[55]」, GB/T 7714-2015's sequential numbering (顺序编码制), not by the catalog's name."""
    return {name: number for number, name, _, anchor in _numbered(w, catalog, tables) if "-work-" not in anchor}


def bibliography_entries(w: Writer, catalog: Catalog, tables: Tables) -> dict[str, tuple[int, ...]]:
    """Each catalog name and the numbers of all its entries, its works first (49th reading, a5: Woodworth's [172])."""
    out: dict[str, dict[str, int]] = {}  # name -> anchor -> number: the works' anchors end "-work-<i>", its own not
    for number, name, _, anchor in _numbered(w, catalog, tables):
        out.setdefault(name, {})[anchor] = number
    return {n: tuple(by[a] for a in sorted(by, key=lambda a: ("-work-" not in a, a))) for n, by in out.items()}


def _numbered(w: Writer, catalog: Catalog, tables: Tables) -> list[tuple[int, str, str, str]]:
    """The 参考文献 in order: (number, the key or catalog name, the entry in GB/T 7714 form, the anchor)."""
    out: list[tuple[int, str, str, str]] = []
    for key, title in tables.documents.items():
        entry = w.data.documents.get(key) or f"{title}[Z]."
        out.append((len(out) + 1, key, w.t(entry, w.data.documents_en.get(key, entry)), f"bib-{key}"))
    cited = _cited(catalog, kept_only=False)
    kept = _cited(catalog, kept_only=True)
    # a document clause 2 lists is not listed again (twenty-third reading, row 37: RFC 5646 in clause 2 and, under
    # a requirement's key 「IETF BCP 47 (RFC 5646)」, in the 参考文献)
    numbered = {m.group(0) for s in text_sources(w) if s.normative for m in [_DESIGNATION.match(s.name)] if m}
    listed = [s for s in tables.standards.values() if s.name in cited and not _own_schema(s)
              and (_in_bibliography(s, w.data) or s.name not in kept)
              and not any(re.search(rf"(?<![\w.-]){re.escape(d)}(?![\w.-])", s.name) for d in numbered)]
    # the documents the text itself cites for information (the sources of clause 3's terms, GB/T 1.1-2020 8.7)
    listed += [s for s in text_sources(w) if not s.normative]
    published = {s.name for s in text_sources(w)}  # the text's own sources are published standards
    # each entry, a work listed with others under one key included, by the list's own key: the others by the entry's
    # first element (twenty-third reading, row 38: Nachbar's AmbiX stood among the A's by its catalog name, and Kuhn
    # after Woodworth, whose key it shares)
    entries: list[tuple[tuple[float, tuple[int, ...], str], str, str, str]] = []
    for standard in listed:
        order = _bibliography_order(w, standard)
        entry = w.data.citations.get(standard.name) or _ref_text(w, standard)
        kind = "CP/OL" if standard.name in w.data.programs else (
            "EB/OL" if not standard.normative and standard.name not in published else "")
        for index, work in enumerate(w.data.works_before.get(standard.name, ()), 1):  # one work an entry
            entries.append((by_entry(order, work), standard.name, entry_of(work, "", kind),
                            f"{_ref_anchor(standard)}-work-{index}"))
        text = entry_of(entry, standard.url, kind, w.data.accessed.get(standard.url, ""))  # its 引用日期 (58th a5)
        entries.append((by_entry(order, text), standard.name, text, _ref_anchor(standard)))
    out += [(len(out) + n, name, entry, anchor) for n, (_, name, entry, anchor)
            in enumerate(sorted(entries, key=lambda e: e[0]), 1)]
    return out


#: a document's number, by which clause 2 and the 参考文献 name one document under two keys
_DESIGNATION = re.compile(r"(?:RFC|ISO(?:/IEC)?|IEC|ITU-[TR]) [\w.-]*\d")


def _own_schema(standard: Standard) -> bool:
    """The catalog's own contracts and schemas: the document holds them (annexes E and F), so a
    test case cites the annex, not a web page in the 参考文献."""
    return standard.url.startswith(BASE_URI)
