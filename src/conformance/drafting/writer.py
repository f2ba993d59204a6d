"""What every part of the specification is made of: blocks (headings, paragraphs, tables) in one
language, written by a :class:`Writer` that marks a Chinese text's code values as code; the
specification's data (``suites/specification.yaml`` and each area's ``procedures.yaml``); the
areas' titles; and a requirement's test case as a clause or an annex shows it."""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog, load_yaml_kept
from .._catalog.model import Requirement
from .._catalog.schemas import BASE_URI
from ..errors import CatalogError, Location
from .bibcites import numbered_cells
from .conditions import own_reading
from .contractformats import cited_schemas
from .contracts import named_operations
from .corpora import cited_corpora
from .crossrefs import clause_ref as clause_ref, table_ahead as table_ahead, table_ref as table_ref  # re-exported
from .crossrefs import keyed_refs, tables_ahead as tables_ahead
from .englishcode import marked_part, marked_requirement
from .icsstep import lacks_ics_step
from .jsonbody import json_objects
from .notation import notation
from .onename import one_citation_name, one_step_name, the_tester
from .quantities import english_unit_symbols, quantity_marks, times_sign, unit_ranges
from .runtimeanswers import cited_answers
from .signs import signs
from .testcases import LABELS, PARTS, _features, case_for, selecting
from .unitphrases import unit_phrases
from .wording import (celsius, chinese_quotes, coded, dated_guides, one_document_name, one_verdict_name,
                      percent_close, si_symbols, standard_dashes, unit_symbols, whole_ids)
from .xmlformats import xml_formats

LEVEL_ZH = {"MUST": "应", "SHOULD": "宜", "MAY": "可"}
#: ISO/IEC 9646-7 status of an item in an ICS: m mandatory, o optional, c conditional (on a feature),
#: i informative here (a draft or candidate requirement, the informative annex listing them)
ICS_STATUS = {"MUST": "m", "SHOULD": "o", "MAY": "o"}
#: the statuses whose requirements are normative text; the others are listed in an informative annex
NORMATIVE_STATUSES = ("stable",)
SPEC_DATA = "specification.yaml"
PROCEDURES = "procedures.yaml"
SPEC_SCHEMA = BASE_URI + "catalog/specification.json"
#: where a text names the table following it by its number, known only once the document is whole
#: (:mod:`.tablenumbers`); a private-use character no text writes
NEXT_TABLE = "\ue000"


#: the title of the first subclause that holds what would otherwise hang between a heading and its subclauses
GENERAL = ("通则", "General")


#: the annexes in their order: the ICS pro formas and the mapping always, the others when they hold
#: something (GB/T 1.1-2020 letters them A, B, C... with no gap: the review annex is no longer an empty
#: page); the review annex, only when asked for, comes last so that the others keep their letters
ANNEXES = ("ics", "mapping", "candidates", "contracts", "formats", "review")


def area_title(area: str) -> tuple[str, str]:
    """(zh, en) title of an area, as the area describes itself (its name when it does not)."""
    from .._areas import descriptions

    title = descriptions().get(area, {}).get("title", {})
    return title.get("zh", area), title.get("en", area)


def area_scope(area: str) -> tuple[str, str]:
    """(zh, en) words the scope lists an area by, as the area gives them (else its title)."""
    from .._areas import descriptions

    scope = descriptions().get(area, {}).get("scope", {})
    title_zh, title_en = area_title(area)
    return scope.get("zh", title_zh), scope.get("en", title_en)


def area_environment(area: str) -> tuple[str, str]:
    """(zh, en) how the harness reaches the product of an area, as the area describes it."""
    from .._areas import descriptions

    env = descriptions().get(area, {}).get("environment", {})
    return (env.get("zh", "测试工具按测试配置的目标角色访问被测对象。"),
            env.get("en", "The harness reaches the product through the profile's target roles."))


#: a term entry of suites/specification.yaml (zh, en, definition, source, entry, modified)
Term = dict[str, Any]


@dataclass(frozen=True)
class Block:
    kind: str  # cover, toc, heading, para, table
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    #: the HTML id (requirements, test cases, clauses, profiles, topics)
    anchor: str = ""
    #: the language of the text ("zh-CN", "en")
    lang: str = ""
    #: whether a table's first row is its header (a test case's table has none)
    header: bool = True
    #: starts a new page (前言, 引言, the first clause, each annex, the bibliography)
    page: bool = False
    #: front matter (目次, 前言, 引言): its pages are numbered in Roman numerals, the body's from 1
    front: bool = False
    #: part of the normative body (what the no-English and no-tool checks read)
    normative: bool = False
    #: relative widths of a table's columns (they add up to the text width of A4)
    widths: tuple[int, ...] = ()
    #: a table's title and its number (表 12, 表 A.3), given by :mod:`.tablenumbers` once the document is whole
    title: str = ""
    number: str = ""
    #: a paragraph set centred on its line, a displayed formula (GB/T 1.1-2020 9.9): the HTML, PDF and DOCX centre
    #: it, Markdown has no centred paragraph and writes it as any other
    centred: bool = False


@dataclass(frozen=True)
class SpecData:
    cover: dict[str, Any]
    foreword: dict[str, Any]
    terms: list[Term]
    abbreviations: list[dict[str, str]]
    names: list[str]
    literals: list[str]
    titles: dict[str, str]
    bibliography: list[str]
    environment: dict[str, dict[str, Any]]
    procedures: dict[str, dict[str, Any]]
    #: the data formats the test cases read (annex E): schema (without the base URI), title, read_as, sought
    formats: tuple[dict[str, Any], ...] = ()
    #: documents the text cites that no requirement cites (name, url, normative): clause 2 or the bibliography
    text_sources: tuple[dict[str, Any], ...] = ()
    #: policy document key -> its 参考文献 entry in GB/T 7714-2015 form
    documents: dict[str, str] = field(default_factory=dict)
    #: standards.yaml name of a paper, book or report -> its 参考文献 entry in GB/T 7714-2015 form
    citations: dict[str, str] = field(default_factory=dict)
    #: the note closing clause 2: the documents cited in two editions and why (zh, en)
    editions_note: dict[str, str] = field(default_factory=dict)
    #: standards.yaml names of programs, cited in the bibliography as computer programs ([CP/OL])
    programs: tuple[str, ...] = ()
    #: a citation key naming several works -> the entries of the works listed before its own, without its URL (GB/T
    #: 7714-2015: one document an entry; sixth reading: Woodworth's book and Kuhn's paper stood in one, TD-AUD-004's)
    works_before: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: standards.yaml name -> how the notes name it besides its authors' surnames (「弗吉尼亚理工大学」, 「SR Research」):
    #: the 编制说明 numbers those mentions too (forty-ninth reading, d8)
    named_in_notes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: standards.yaml name -> the English entry of a Chinese law, regulation or group standard (issuer, title, [Z] or
    #: [S], date, order), the Chinese entry's counterpart (thirty-fifth reading, b5: the English gave them as [EB/OL])
    titles_en: dict[str, str] = field(default_factory=dict)
    #: policy document key -> its English 参考文献 entry (thirty-seventh reading, b6: the five stood in Chinese alone)
    documents_en: dict[str, str] = field(default_factory=dict)
    accessed: dict[str, str] = field(default_factory=dict)  #: URL -> its 引用日期, the date the catalog recorded it
    #: Latin words the Chinese may write that are no names (「IEEE Std」): allowed, not listed in clause 4 (37th b8)
    words: tuple[str, ...] = ()
    #: the encodings annex E defines after the formats (:mod:`.encodings`): title, found_by, lead, columns, rows
    encodings: tuple[dict[str, Any], ...] = ()

    def allowed(self) -> set[str]:
        """The Latin-script words a Chinese text may use: the abbreviations and names of clause 4
        (a name of several words allows each of them), and the surnames of the authors the
        bibliography cites (「Adelstein、Lee 与 Ellis 2003」 names a paper's authors, as GB texts do)."""
        entries = [*self.citations.values(), *(e for before in self.works_before.values() for e in before)]
        # an entry without ". " names no authors (a standard's designation and title: "… Evaluating the …")
        authors = {word for text in entries if ". " in text and "[" not in text.split(". ")[0]  # a title, no authors
                   for word in re.findall(r"[A-Za-z][\w'-]*", text.split(". ")[0])
                   if word not in ("et", "al")}  # "de Winkel" keeps its particle
        # an abbreviation only the English uses is none the Chinese may write: its clause 4 does not list it
        return ({a["abbr"] for a in self.abbreviations if a.get("only", "zh") == "zh"}
                | {part for n in (*self.names, *self.words) for part in n.split()} | authors)


def load_data(catalog: Catalog) -> SpecData:
    """``suites/specification.yaml`` of every catalog folder (a plug-in catalog may add to it)."""
    merged: dict[str, Any] = {}
    for root in catalog.roots.values():
        path = root / "suites" / SPEC_DATA
        if not path.is_file():
            continue
        document = load_yaml_kept(path) or {}
        catalog.schemas.require_valid(document, SPEC_SCHEMA, catalog.display(path),
                                      "see schemas/catalog/specification.json")
        for key, value in document.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
    procedures = merged.setdefault("procedures", {})
    written = {req_id: SPEC_DATA for req_id in procedures}
    for path, document in _area_procedures(catalog):
        for req_id, parts in document.get("procedures", {}).items():
            if req_id not in catalog.requirements:
                raise CatalogError(Location(catalog.display(path), ("procedures", req_id)),
                                   "no requirement has this ID", "fix the ID or remove the entry")
            if req_id in procedures:
                raise CatalogError(Location(catalog.display(path), ("procedures", req_id)),
                                   f"this test case is also written in {written[req_id]}", "keep one of them")
            procedures[req_id], written[req_id] = parts, catalog.display(path)
    references = merged.get("references", {})
    return SpecData(merged.get("cover", {}), merged.get("foreword", {}), merged.get("terms", []),
                    merged.get("abbreviations", []), [str(n) for n in merged.get("names", [])],
                    [str(n) for n in merged.get("literals", [])],
                    dict(references.get("titles", {})), list(references.get("bibliography", [])),
                    merged.get("environment", {}), merged.get("procedures", {}), tuple(merged.get("formats", [])),
                    tuple(references.get("text_sources", [])),
                    dict(references.get("documents", {})), _citations(references)[0],
                    dict(references.get("editions_note", {})), tuple(references.get("programs", [])),
                    works_before=_citations(references)[1], titles_en=dict(references.get("titles_en", {})),
                    documents_en=dict(references.get("documents_en", {})), accessed=references.get("accessed", {}),
                    named_in_notes={k: tuple(v) for k, v in references.get("named_in_notes", {}).items()},
                    words=tuple(str(n) for n in merged.get("words", [])), encodings=tuple(merged.get("encodings", [])))


def _citations(references: dict[str, Any]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Each citation key's own entry, and the entries of the works a key names before it: a key given a list
    of entries names several works, the last the one its URL points at."""
    given = dict(references.get("citations", {}))
    own = {key: str(value[-1]) if isinstance(value, list) else str(value) for key, value in given.items()}
    before = {key: tuple(str(v) for v in value[:-1]) for key, value in given.items() if isinstance(value, list)}
    return own, before


def _area_procedures(catalog: Catalog) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``suites/<area>/procedures.yaml``: the hand-written test cases of an area, beside its
    requirements (same shape as the ``procedures:`` of ``specification.yaml``)."""
    for root in catalog.roots.values():
        for path in sorted((root / "suites").glob(f"*/{PROCEDURES}")):
            document = load_yaml_kept(path) or {}
            catalog.schemas.require_valid(document, SPEC_SCHEMA, catalog.display(path),
                                          "see schemas/catalog/specification.json (procedures)")
            yield path, document


def normative(req: Requirement) -> bool:
    """Whether a requirement's status allows normative use (no status: a catalog without maturity)."""
    return req.status is None or req.status in NORMATIVE_STATUSES


@functools.lru_cache(maxsize=8)
def _fixed_texts(lang: str, allowed: frozenset[str], literals: frozenset[str]) -> dict[str, str]:
    """The texts :meth:`Writer.fix` has fixed with these words, by text (a few catalogs' worth a process)."""
    return {}


class Writer:
    """Blocks of one language, with the helpers each part uses."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog, self.lang = catalog, lang
        self.data = load_data(catalog)
        # a literal that is also a word of a name (`EdDSA`, 「W3C Data Integrity EdDSA Cryptosuites」) stays a code value
        # where it stands alone; .namedwords reads it as a word inside the name
        self.allowed = self.data.allowed() - set(self.data.literals)
        self.literals = frozenset(self.data.literals)
        self.tag = "zh-CN" if lang == "zh" else "en"
        self._letters: dict[str, str] | None = None
        #: each 参考文献 entry's number by its document, set by the draft before the annexes that cite entries by number
        self.bibliography: dict[str, int] = {}
        #: :meth:`fix` of each text met: a pure function of the text and the writer's language, allowed names and
        #: literals, asked 17 700 times a draft for 7 000 texts (table cells repeat 「是」, `string`...), and
        #: shared by the writers of the same words (a PDF's draft is written three times, once for its 目次)
        self._fixed = _fixed_texts(lang, frozenset(self.allowed), self.literals)

    @functools.cached_property
    def ics_prepended(self) -> frozenset[str]:
        """The hand-written cases given the step checking the ICS first (:mod:`.icsstep`), found once a writer."""
        reqs = self.catalog.requirements
        return frozenset(rid for rid, written in self.data.procedures.items() if rid in reqs and lacks_ics_step(
            written, _features(selecting(self.catalog, reqs[rid]), reqs[rid], "zh")))

    def annex(self, kind: str) -> str:
        """The letter of an annex (:data:`ANNEXES`); "" when the document has no such annex."""
        if self._letters is None:
            self.letter_annexes(review=False)
        return (self._letters or {}).get(kind, "")

    def letter_annexes(self, *, review: bool) -> None:
        """Letter the annexes the document holds: the drafts and candidates only when there are
        some, the interface contracts only with HTTP operations named, the data formats only with
        formats listed, the requirements to review only with ``review``."""
        reqs = list(self.catalog.requirements.values())
        used, missing = named_operations(self.catalog, [r for r in reqs if normative(r)])
        present = {"ics": True, "mapping": True, "review": review,
                   "candidates": any(not normative(r) and r.status != "deprecated" for r in reqs),
                   "contracts": bool(used or missing), "formats": bool(self.data.formats)}
        kinds = [k for k in ANNEXES if present[k]]
        self._letters = {kind: chr(ord("A") + i) for i, kind in enumerate(kinds)}

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def text(self, value: object) -> str:
        """A bilingual mapping's text in this language (a plain string as it is)."""
        return str(value.get(self.lang, "")) if isinstance(value, dict) else str(value)

    def fix(self, text: str) -> str:
        fixed = self._fixed.get(text := keyed_refs(text))  # a catalog text's 「{clause:key}」 numbered (crossrefs)
        if fixed is None:
            fixed = self._fixed[text] = self._fix(text)
        return fixed

    def _fix(self, text: str) -> str:
        if self.lang != "zh":  # the Chinese passes that read no Chinese: symbols italic, products with ×
            named = one_document_name(one_citation_name(json_objects(text), "en"), "en")
            named = english_unit_symbols(dated_guides(si_symbols(named)))
            return signs(notation(quantity_marks(times_sign(unit_ranges(named)))), "en")
        cited = one_step_name(one_citation_name(text, "zh"))
        marked = one_verdict_name(one_document_name(coded(json_objects(whole_ids(cited)), self.allowed, self.literals)))
        symbols = unit_phrases(si_symbols(times_sign(unit_symbols(standard_dashes(marked)))))
        ranged = unit_ranges(celsius(percent_close(dated_guides(symbols))))
        return signs(notation(quantity_marks(chinese_quotes(ranged))), "zh")

    def para(self, text: str, *, normative: bool = True, anchor: str = "", centred: bool = False) -> Block:
        return Block("para", self.fix(text), lang=self.tag, normative=normative, anchor=anchor, centred=centred)

    def heading(self, text: str, level: int, anchor: str = "", *, page: bool = False,
                normative: bool = True) -> Block:
        return Block("heading", self.fix(text), level, anchor=anchor, lang=self.tag, page=page, normative=normative)

    def table(self, rows: Sequence[tuple[str, ...]], widths: tuple[int, ...], *, header: bool = True,
              normative: bool = True, anchor: str = "", title: str = "") -> Block:
        return Block("table", rows=tuple(tuple(self.fix(c) for c in row) for row in rows), header=header,
                     lang=self.tag, normative=normative, widths=widths, anchor=anchor, title=self.fix(title))


def test_case(w: Writer, req: Requirement, number: str, *, normative_text: bool = True) -> list[Block]:
    given = req
    if w.lang == "en":  # its code values marked as the Chinese marks them (twentieth reading, row 36)
        req = marked_requirement(req, w.allowed, w.literals)
    moved = w.ics_prepended
    case = case_for(w.catalog, req, w.lang, w.data.procedures.get(req.id), moved)
    zh = case if w.lang == "zh" else case_for(w.catalog, given, "zh", w.data.procedures.get(req.id), moved)
    # the laboratory's equipment named as clause 5 names it, not as annex B names the harness (twelfth reading); the
    # English parts with their code values marked as the same part of the Chinese case marks them (twenty-third
    # reading, row 29: the steps of AS-AIGC-017 marked 22 code values in Chinese and none in English)
    rows = [(w.t(*LABELS[part]), the_tester(case.part(part) if w.lang == "zh" or part == "purpose" else marked_part(
        case.part(part), zh.part(part), w.allowed, w.literals), w.lang)) for part in PARTS]
    # a pointer to the 参考文献 names its entries' numbers (forty-fourth reading, part h96-refs2)
    cells = numbered_cells(w, [cell for _, cell in rows], (w.data.procedures.get(req.id) or {}).get("cites", ()))
    rows = [(label, cell) for (label, _), cell in zip(rows, cells, strict=True)]
    # the formats the case reads, cited where a tester looks before starting (annex F): found in the Chinese case,
    # whose words for a format's data are the draft's terms, and cited alike in the English (twenty-second reading,
    # row 46: English words such as "captures" of a tracker cited the capture file's annex in six cases)
    read = "\n".join(the_tester(zh.part(part), "zh") for part in PARTS)  # and the corpora it plays (forty-first a6)
    # annex E's formats found in what the requirement's own text reads, not in the IXIT line listing every file of
    # its profile's target (forty-fourth reading, b3: four data-product cases cited the COCO file they never read)
    formats = w.t("", " ").join(filter(None, (cited_formats(w, own_reading(read)),
                                              w.t(*cited_answers(w.catalog, read, w.annex("contracts"))),
                                              w.t(*cited_schemas(w.catalog, own_reading(read), w.annex("contracts"))),
                                              w.t(*cited_corpora(read, w.annex("formats"))))))
    if formats:
        rows[1] = (rows[1][0], f"{rows[1][1]}\n{formats}")
    mark = "" if normative_text else w.t(f"〔{_STATUS_ZH.get(req.status or '', req.status)}〕", f"[{req.status}] ")
    level = w.t(f"（{LEVEL_ZH[req.level.value]}）", f" ({req.level.value})")
    return [w.heading(f"{number} {mark}{req.id} {req.title.get(w.lang)}{level}", 2, f"req-{req.id}",
                      normative=normative_text),
            # the text names each table by its number (GB/T 1.1-2020 9.8; thirteenth reading: 表 10 to 表 319 were not)
            w.para(w.t(f"本测试用例见表 {NEXT_TABLE}。", f"The test case is given in Table {NEXT_TABLE}."),
                   normative=normative_text),
            w.table(rows, (28, 137), header=False, normative=normative_text, anchor=f"test-{req.id}",
                    title=w.t(f"{req.id} 测试用例", f"Test case {req.id}"))]


def general_clause(w: Writer, number: str, anchor: str, *, normative: bool = True) -> Block:
    """The heading of the first subclause 「X.1 通则」 ("General"), holding the text a clause or annex has before its
    subclauses: no paragraph hangs between a heading and the subclauses under it, since a citation of the clause could
    not tell it from them (GB/T 1.1-2020 7.4; CEN-CENELEC Internal Regulations Part 3 5.2.4 names the remedy)."""
    return w.heading(f"{number} {w.t(*GENERAL)}", number.count(".") + 1, anchor, normative=normative)


_STATUS_ZH = {"draft": "草案", "candidate": "候选", "stable": "正式", "deprecated": "废止"}


def format_clauses(w: Writer, text: str, own: bool = False) -> str:
    """The formats ``text`` (Chinese) names by their ``read_as`` words, each with its clauses' numbers
    (「关节状态记录：E.8」), or "" when it names none. ``own``: only what the text names as itself, not a format
    named only to qualify another (「采集文件的签名记录」 is a signed record: forty-fifth reading, a2)."""
    def named(word: str) -> bool:
        """The word in the text; with ``own``, once at least not followed by 「的」 (which makes it qualify the noun
        after it)."""
        return any(not (own and text.startswith("的", m.end())) for m in re.finditer(re.escape(word), text))

    clauses: dict[str, list[str]] = {}
    for anchor, entry in [*((f"format-{n}", e) for n, e in enumerate(w.data.formats, 1)),
                          *((f"encoding-{n}", e) for n, e in enumerate(w.data.encodings, 1)),
                          *((f"xml-format-{n}", e) for n, e in xml_formats())]:  # an XML format's (URDF)
        sought = entry.get("found_by") or [entry.get("sought", entry["read_as"]["zh"])]  # an encoding's, a format's
        if (words := w.text(entry["read_as"])) and any(named(word) for word in sought):
            clauses.setdefault(words, []).append(clause_ref(anchor))  # the number of the format's clause
    sep = w.t("、", ", ")
    return w.t("；", "; ").join(f"{words}{w.t('：', ': ')}{sep.join(numbers)}" for words, numbers in clauses.items())


def cited_formats(w: Writer, text: str) -> str:
    """The sentence a test case's initial conditions cite the formats it reads with ("" when it
    reads none of them): ``text`` is the case in Chinese, where each format's ``read_as`` words
    are looked for, in the English draft too."""
    if not (listed := format_clauses(w, text)):
        return ""
    letter = w.annex("formats")
    return w.t(f"所读数据的格式见附录 {letter}（{listed}）。", f"The formats of the data read are in annex {letter} ({listed}).")


def with_formats(w: Writer, cell: str, text: str) -> str:
    """An IXIT row's description ``cell`` followed by the formats of annex E its Chinese ``text`` names (forty-first
    reading, c1: table A.79 defined the joint-state record only as a tool's output), so that a target's row and the
    cases reading it cite the same clauses."""
    if not (listed := format_clauses(w, text, own=True)):
        return cell
    return cell + w.t(f"；格式见附录 {w.annex('formats')}（{listed}）", f"; its format is in annex {w.annex('formats')} ({listed})")


#: what may not stand beside a name of clause 4 for the name to count as used (ASCII, as the drafts' regex had it)
_ALNUM = frozenset(string.ascii_letters + string.digits)


def used_names(body: list[Block]) -> list[Block]:
    """Clause 4 with only the names kept in the original that the rest of the document uses: it listed eleven
    (FLAC, HLS, STEP ...) the text no longer writes (seventh reading). The abbreviations stay as listed (AR and VR
    name what 3.8's 扩展现实 gathers)."""
    start = next(i for i, b in enumerate(body) if b.anchor == "clause-4")
    end = next(i for i, b in enumerate(body) if i > start and b.kind == "heading" and b.level == 1)
    rest = "\n".join(" ".join([b.text, *(" ".join(row) for row in b.rows)]) for b in body[:start] + body[end:])

    def used(word: str) -> bool:
        """The word standing alone (no ASCII letter or digit either side) somewhere in the rest: found by
        ``str.find``, since a regular expression opening with a lookbehind scanned the whole document's
        text at every position, a tenth of a second a name."""
        at = rest.find(word)
        while at != -1:
            end = at + len(word)
            if not (at and rest[at - 1] in _ALNUM) and not (end < len(rest) and rest[end] in _ALNUM):
                return True
            at = rest.find(word, at + 1)
        return False

    clause: list[Block] = []
    for block in body[start:end]:
        kept = re.match(r"(.*?(?:保留原文：|kept as written: ))(.*)([。.])$", block.text) if block.kind == "para" else None
        if kept:
            names = [n for n in re.split(r"、|, ", kept.group(2)) if used(n)]
            sep = "、" if "、" in kept.group(2) else ", "
            block = replace(block, text=f"{kept.group(1)}{sep.join(names)}{kept.group(3)}")
        clause.append(block)
    return body[:start] + clause + body[end:]
