"""The catalog as a conformance test specification in the GB/T 1.1-2020 layout, one language
at a time: the Chinese normative text (``zh``) and its English translation (``en``), with the
same numbering.

Cover (standard number, ICS and CCS codes, status and date, 发布/实施 lines), 目次, 前言 (the
drafting-rule and patent statements, 提出/归口, drafting units and drafters as placeholders),
引言, 1 范围, 2 规范性引用文件 (GB, GB/T, ISO/IEC, then the rest; GB titles in Chinese; laws,
papers, tools and web pages go to the 参考文献), 3 术语和定义 (the domain's terms), 4 缩略语,
5 测试环境 (equipment, calibration and ambient conditions per area), a chapter of test cases per
area (:mod:`.testcases`: one per requirement whose status allows normative use), a
conformance clause per profile, annex A (normative) the ICS and IXIT pro formas, annex B
(informative) the harness's mapping (commands, test node IDs, known-bad cases, seed topics),
annex C (informative) the requirements to review (``catalog diff`` and, given a programme
history, failure rates), annex D (informative) the test cases of draft and candidate
requirements, annex E (normative) the HTTP operations the normative requirements name, as
their interface contracts define them (:mod:`.contracts`), and the 参考文献. What no
requirement holds comes from ``suites/specification.yaml``.
:mod:`.render` writes the blocks as Markdown, HTML and DOCX; :mod:`.pdf` prints the HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog, load_yaml_kept
from .._catalog.model import Profile, Requirement
from .._catalog.schemas import BASE_URI
from ..errors import CatalogError, Location
from .contracts import named_operations
from .facts import Facts, gather, ordered
from .tables import Standard, Tables, load_tables
from .testcases import LABELS, PARTS, case_for, selecting

TITLE = ("元宇宙互操作性一致性测试规范", "Metaverse interoperability: conformance test specification")
AUTHOR = "metaverse-conformance project"
LANGS = ("zh", "en")
LEVEL_ZH = {"MUST": "应", "SHOULD": "宜", "MAY": "可"}
#: ISO/IEC 9646-7 status of an item in an ICS: m mandatory, o optional, c conditional (on a feature),
#: i informative here (a draft or candidate requirement, annex D)
ICS_STATUS = {"MUST": "m", "SHOULD": "o", "MAY": "o"}
#: the statuses whose requirements are normative text; the others go to the informative annex D
NORMATIVE_STATUSES = ("stable",)
SPEC_DATA = "specification.yaml"
PROCEDURES = "procedures.yaml"
SPEC_SCHEMA = BASE_URI + "catalog/specification.json"
DRAFTING_RULE = "本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。"
PATENT = "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。"
_DRAFTING_RULE_EN = ("This document is drafted in accordance with the rules given in GB/T 1.1-2020 Directives for "
                     "standardization - Part 1: Rules for the structure and drafting of standardizing documents.")
_PATENT_EN = ("Attention is drawn to the possibility that some of the elements of this document may be the subject "
              "of patent rights. The issuing body of this document shall not be held responsible for identifying "
              "any or all such patent rights.")
#: a Latin-script word: letters, digits and the joiners of code values and standard numbers
WORD = re.compile(r"[/.]?[A-Za-z][A-Za-z0-9]*(?:[-_./:@+][A-Za-z0-9]+)*")
#: an HTTP status class (``4xx``): code as a whole, not a digit and a word
_STATUS_CLASS = re.compile(r"(?<![A-Za-z0-9])[1-5]xx(?![A-Za-z0-9])")
_TOKEN = re.compile(rf"{_STATUS_CLASS.pattern}|{WORD.pattern}")
_REQ_ID = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2}-[A-Z0-9]+-\d{3}(?![A-Za-z0-9-])")
_CODE = re.compile(r"`[^`]*`")
#: an HTTP path or an MQTT topic in a Chinese text: a slash (or a version such as v1.1 and a
#: slash) after a space, a bracket or the start, then ASCII path characters
_PATH = re.compile(r"(?<![A-Za-z0-9`/])((?:v\d[\d.]*)?/[A-Za-z0-9_.~{}$=&?%()<>-]+(?:/[A-Za-z0-9_.~{}$=&?%()<>-]*)*)")
#: units a Chinese text writes in Latin script (not code)
UNITS = {"Hz", "kHz", "mm", "cm", "ms", "ns", "dB", "lx", "cd/m", "m/s", "deg/s", "rad/s", "px", "fps",
         "KiB", "MiB", "GiB", "kbit/s"}


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


def listed(items: list[str], lang: str) -> str:
    """``a、b与c`` / ``a, b and c``; where an item holds the conjunction itself, the last one
    is joined by 以及 / ", and"."""
    if len(items) < 2:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + ("以及" if any("与" in item for item in items) else "与") + items[-1]
    last = ", and " if len(items) > 2 and any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


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
    #: part of the normative body (what the no-English and no-tool checks read)
    normative: bool = False
    #: relative widths of a table's columns (they add up to the text width of A4)
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class SpecData:
    cover: dict[str, Any]
    foreword: dict[str, Any]
    terms: list[dict[str, Any]]
    abbreviations: list[dict[str, str]]
    names: list[str]
    literals: list[str]
    titles: dict[str, str]
    bibliography: list[str]
    environment: dict[str, dict[str, Any]]
    procedures: dict[str, dict[str, Any]]

    def allowed(self) -> set[str]:
        """The Latin-script words a Chinese text may use: the abbreviations and names of clause 4
        (a name of several words allows each of them)."""
        return {a["abbr"] for a in self.abbreviations} | {part for n in self.names for part in n.split()}


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
                    merged.get("environment", {}), merged.get("procedures", {}))


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


def coded(text: str, allowed: set[str], literals: frozenset[str] = frozenset()) -> str:
    """Chinese text with its code values marked as code (backticks): a Latin-script word that
    is not an abbreviation or name of clause 4, a unit or a requirement ID, and is written as
    code is written (lower case, joined by ``_ . / : @``, or with a capital inside)."""
    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in literals:
            return f"`{word}`"
        if word in allowed or word in UNITS or _REQ_ID.fullmatch(word) or len(re.sub(r"[^A-Za-z]", "", word)) < 2:
            return word
        if re.search(r"[_./:@+]", word) or re.search(r"[a-z][A-Z]", word) or word.islower():
            return f"`{word}`"
        return word

    def token(match: re.Match[str]) -> str:
        return f"`{match.group(0)}`" if _STATUS_CLASS.fullmatch(match.group(0)) else mark(match)

    # an HTTP path with its query (/1.0/resolve?identifier={identifier}) or an MQTT topic
    # (v1.1/Things(<id>)/description) is one code value, not words and digits
    text = "".join(part if part.startswith("`") else _PATH.sub(r"`\1`", part)
                   for part in re.split(r"(`[^`]*`)", text))
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(part if part.startswith("`") else _TOKEN.sub(token, part) for part in parts)


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The words of a Chinese text that are English: Latin-script words of three or more
    letters that are not code values (marked as code), requirement IDs, abbreviations or names
    clause 4 lists, or units. The Chinese normative body has none."""
    found = []
    for word in WORD.findall(_REQ_ID.sub(" ", _CODE.sub(" ", text))):
        letters = re.sub(r"[^A-Za-z]", "", word)
        if len(letters) >= 3 and word not in allowed and word not in UNITS and not _is_number(word, allowed):
            found.append(word)
    return found


#: what names a tool in a procedure: a test node ID, a Python file, a command line or its options
_TOOL = re.compile(r"\S+\.py\b\S*|\S*::test_\S*|\bpytest\b"
                   r"|\bconformance\s+(?:run|catalog|report|list|programme|certify|init)\b|(?<![\w-])--[a-z][\w-]*")


def tool_words(text: str) -> list[str]:
    """The parts of a text that name a tool (test node IDs, commands, options): a test
    procedure says what the tester does and observes, and has none."""
    return _TOOL.findall(text)


def _untooled(text: str) -> str:
    """A description without the remarks in brackets that name the harness's own files (how
    the project measured a default belongs to annex B, not to a normative pro forma)."""
    def keep(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        kept = [part for part in re.split(r"[；;]", inner) if not tool_words(part)]
        if len(kept) == len(re.split(r"[；;]", inner)):
            return match.group(0)
        return f"{match.group(0)[0]}{'；'.join(p.strip() for p in kept)}{match.group(0)[-1]}" if kept else ""

    return re.sub(r"（[^（）]*）|\([^()]*\)", keep, text)


def _is_number(word: str, allowed: set[str]) -> bool:
    """A standard's number or a versioned name (``IEEE 1789-2015``, ``RFC``, ``IFC4``, ``SHA-256``):
    an allowed word followed by digits, or one made of allowed parts."""
    stem = re.sub(r"[-.:/]?\d[\w.-]*$", "", word)
    return bool(stem) and (stem in allowed or all(p in allowed or p.isdigit() for p in re.split(r"[-/]", stem) if p))


class _Writer:
    """Blocks of one language, with the helpers each part uses."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog, self.lang = catalog, lang
        self.data = load_data(catalog)
        self.allowed = self.data.allowed()
        self.literals = frozenset(self.data.literals)
        self.tag = "zh-CN" if lang == "zh" else "en"

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def text(self, value: Any) -> str:
        """A bilingual mapping's text in this language (a plain string as it is)."""
        return str(value.get(self.lang, "")) if isinstance(value, dict) else str(value)

    def fix(self, text: str) -> str:
        return coded(text, self.allowed, self.literals) if self.lang == "zh" else text

    def para(self, text: str, *, normative: bool = True, anchor: str = "") -> Block:
        return Block("para", self.fix(text), lang=self.tag, normative=normative, anchor=anchor)

    def heading(self, text: str, level: int, anchor: str = "", *, page: bool = False,
                normative: bool = True) -> Block:
        return Block("heading", self.fix(text), level, anchor=anchor, lang=self.tag, page=page, normative=normative)

    def table(self, rows: list[tuple[str, ...]], widths: tuple[int, ...], *, header: bool = True,
              normative: bool = True, anchor: str = "") -> Block:
        return Block("table", rows=tuple(tuple(self.fix(c) for c in row) for row in rows), header=header,
                     lang=self.tag, normative=normative, widths=widths, anchor=anchor)


def specification(catalog: Catalog, changes: dict[str, Any] | None = None, lang: str = "zh",
                  rates: list[dict[str, Any]] | None = None) -> list[Block]:
    """The specification in ``lang``; ``changes`` (``catalog diff``) and ``rates`` (a programme's
    per-requirement failure rates) fill annex C."""
    w = _Writer(catalog, lang)
    tables = load_tables(catalog)
    facts = gather(catalog)
    requirements = ordered(catalog)
    areas = list(dict.fromkeys(r.area for r in requirements))
    kept = [r for r in requirements if normative(r)]
    body: list[Block] = []
    body += _front(w, tables, areas)
    body += _references(w, tables, catalog)
    body += _terms(w)
    body += _abbreviations(w)
    body += _environment(w, areas)
    chapter = 6
    for area in areas:
        cases = [r for r in kept if r.area == area]
        if not cases:
            continue
        area_zh, area_en = area_title(area)
        body.append(w.heading(w.t(f"{chapter} {area_zh}测试用例", f"{chapter} {area_en} test cases"), 1,
                              f"clause-{chapter}"))
        for number, req in enumerate(cases, 1):
            body += _test_case(w, req, f"{chapter}.{number}")
        chapter += 1
    body.append(w.heading(w.t(f"{chapter} 符合性", f"{chapter} Conformance"), 1, "conformance"))
    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 1):
        body += conformance_clause(w, profile, f"{chapter}.{number}")
    body += _annex_ics(w, catalog)
    body += _annex_mapping(w, catalog, tables, facts, areas)
    body += _annex_review(w, catalog, changes, rates)
    body += _annex_candidates(w, requirements)
    body += annex_contracts(w, catalog, kept)
    body += _bibliography(w, catalog, tables)
    toc = tuple((str(b.level), b.text, b.anchor) for b in body if b.kind == "heading" and b.level == 1)
    return [_cover(w), Block("toc", w.t("目次", "Contents"), rows=toc, lang=w.tag, page=True), *body]


def _cover(w: _Writer) -> Block:
    cover = w.data.cover
    status = w.text(cover.get("status", {"zh": "征求意见稿", "en": "Draft for comments"}))
    rows = (("ics", f"ICS {cover.get('ics', '')}"), ("ccs", f"CCS {cover.get('ccs', '')}"),
            ("kind", w.t("中华人民共和国国家标准", "National Standard of the People's Republic of China")),
            ("number", str(cover.get("number", "GB/T XXXXX—XXXX"))),
            ("title", w.t(TITLE[0], TITLE[1])), ("subtitle", w.t(TITLE[1], "")),
            ("status", f"（{status}）" if w.lang == "zh" else f"({status})"),
            ("date", w.t(f"（本稿完成日期：{cover.get('date', '')}）", f"(completed {cover.get('date', '')})")),
            ("issued", w.t("XXXX - XX - XX 发布", "Issued XXXX-XX-XX")),
            ("effective", w.t("XXXX - XX - XX 实施", "Implemented XXXX-XX-XX")),
            ("issuer", w.text(cover.get("issuer", {"zh": "（发布机构）", "en": "(issuing body)"}))))
    return Block("cover", rows=rows, lang=w.tag, anchor="cover")


def _front(w: _Writer, tables: Tables, areas: list[str]) -> list[Block]:
    scopes = [area_scope(area) for area in areas]
    scope = listed([s[0] if w.lang == "zh" else s[1] for s in scopes], w.lang)
    foreword = w.data.foreword
    counts: dict[str, int] = {}
    for topic in tables.topics.values():
        counts[topic.status] = counts.get(topic.status, 0) + 1
    out = [w.heading(w.t("前言", "Foreword"), 1, "foreword", page=True),
           w.para(w.t(DRAFTING_RULE, _DRAFTING_RULE_EN)), w.para(w.t(PATENT, _PATENT_EN))]
    out += [w.para(w.text(foreword[key])) for key in ("proposed_by", "administered_by", "drafting_units", "drafters")
            if key in foreword]
    out += [w.heading(w.t("引言", "Introduction"), 1, "introduction", page=True),
            w.para(w.t("参考文献[1]至[5]所列政策文件提出了元宇宙标准化的需求。"
                       "本文件将其中可检测的要求写成一致性测试用例，"
                       "使不同的测试机构对同一被测对象得到相同的判定。"
                       f"政策文件中可检测的主题共 {len(tables.topics)} 个："
                       f"已覆盖 {counts.get('covered', 0)} 个，部分覆盖 {counts.get('partial', 0)} 个，尚未覆盖 "
                       f"{counts.get('absent', 0)} 个，"
                       f"不在本文件范围内 {counts.get('out of scope', 0)} 个（见附录 B）。",
                       f"The policy documents [1] to [5] state needs for metaverse standardization. This document "
                       "writes their testable requirements as conformance test cases, so that different test "
                       "laboratories reach the same verdict on the same product. The documents name "
                       f"{len(tables.topics)} testable topics: {counts.get('covered', 0)} covered, "
                       f"{counts.get('partial', 0)} partly covered, {counts.get('absent', 0)} not yet covered and "
                       f"{counts.get('out of scope', 0)} out of scope (annex B).")),
            w.para(w.t("本文件的测试用例独立于任何测试工具：测试步骤说明测试人员做什么、"
                       "观察什么。附录 B 给出一种自动化实现"
                       "（开源一致性测试工具）与测试用例的对应关系。",
                       "The test cases are independent of any tool: a procedure says what the tester does and "
                       "observes. Annex B maps them to one automated implementation (an open-source conformance "
                       "test harness).")),
            w.heading(w.t("1 范围", "1 Scope"), 1, "clause-1", page=True),
            w.para(w.t(f"本文件规定了{scope}的一致性测试环境、测试用例与判定准则，"
                       "以及各测试配置的符合性要求与实现一致性声明"
                       "（ICS）、测试用实现附加信息（IXIT）表格。",
                       f"This document specifies the conformance test environment, test cases and verdict criteria "
                       f"for {scope}, with the conformance requirements and the implementation conformance statement "
                       "(ICS) and implementation extra information for testing (IXIT) pro formas of each profile.")),
            w.para(w.t("本文件适用于元宇宙平台、终端、内容与数据产品的一致性测试，也可供其研发与验收参考。",
                       "This document applies to conformance testing of metaverse platforms, terminals, content and "
                       "data products, and can serve their development and acceptance."))]
    return out


def _order(standard: Standard) -> tuple[int, str]:
    name = standard.name
    rank = (0 if re.match(r"GB \d", name) else 1 if name.startswith("GB/T") else 2 if name.startswith("ISO")
            else 3 if name.startswith("IEC") else 4)
    number = re.match(r"RFC (\d+)", name)
    return rank, f"RFC {int(number.group(1)):06d}" if number else name


def _in_bibliography(standard: Standard, data: SpecData) -> bool:
    """Laws, regulations, papers, tools and web pages: cited for information, never normative."""
    return not standard.normative or standard.name in data.bibliography


def _ref_text(w: _Writer, standard: Standard) -> str:
    """A reference as GB/T 1.1 writes it: number (em dash before the year) and title; a GB
    standard by its Chinese title; the date of an edition where one is cited."""
    title = w.data.titles.get(standard.name) if w.lang == "zh" else None
    if title:
        return title
    name = standard.name
    if re.match(r"GB(/T)? \d", name) and w.lang == "zh":
        name = re.sub(r"^(GB(?:/T)? [\d.]+)-(\d{4})", r"\1—\2", name)
    return f"{name}{f' ({standard.date})' if standard.date and standard.date not in name else ''}"


def _cited(catalog: Catalog, kept_only: bool) -> set[str]:
    return {s.name for r in catalog.requirements.values() if not kept_only or normative(r) for s in r.source.standards}


def _references(w: _Writer, tables: Tables, catalog: Catalog) -> list[Block]:
    cited = _cited(catalog, kept_only=True)
    out = [w.heading(w.t("2 规范性引用文件", "2 Normative references"), 1, "clause-2"),
           w.para(w.t("下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。"
                      "其中，注日期的引用文件，仅该日期对应的"
                      "版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。",
                      "The following documents are referred to in the text in such a way that some or all of their "
                      "content constitutes requirements of this document. For dated references, only the edition "
                      "cited applies. For undated references, the latest edition of the referenced document "
                      "(including any amendments) applies."))]
    refs = sorted((s for s in tables.standards.values() if s.name in cited and not _in_bibliography(s, w.data)),
                  key=_order)
    out += [Block("para", _ref_text(w, s), lang=w.tag, anchor=_ref_anchor(s), normative=False) for s in refs]
    return out


def _ref_anchor(standard: Standard) -> str:
    return "ref-" + re.sub(r"[^a-z0-9]+", "-", standard.name.lower()).strip("-")[:60]


def _terms(w: _Writer) -> list[Block]:
    out = [w.heading(w.t("3 术语和定义", "3 Terms and definitions"), 1, "clause-3"),
           w.para(w.t("下列术语和定义适用于本文件。", "For the purposes of this document, the following terms and "
                                                 "definitions apply."))]
    for number, term in enumerate(w.data.terms, 1):
        name = f"{term['zh']}  {term['en']}" if w.lang == "zh" else term["en"]
        out += [Block("heading", f"3.{number}", 2, anchor=f"term-{number}", lang=w.tag, normative=True),
                Block("para", name, lang=w.tag, normative=False),
                w.para(w.text(term["definition"]))]
        if "source" in term:
            out.append(w.para(f"[{w.text(term['source'])}]"))
    return out


def _abbreviations(w: _Writer) -> list[Block]:
    rows = sorted(w.data.abbreviations, key=lambda a: a["abbr"].lower())
    out = [w.heading(w.t("4 缩略语", "4 Abbreviations"), 1, "clause-4"),
           w.para(w.t("下列缩略语适用于本文件。", "The following abbreviations apply in this document."))]
    if rows:
        out.append(Block("table", rows=tuple((a["abbr"], w.t(f"{a['zh']}（{a['en']}）", a["en"])) for a in rows),
                         header=False, lang=w.tag, widths=(30, 135)))
    if w.data.names:
        out.append(w.para(w.t("本文件中下列技术、产品与规范的名称保留原文：" + "、".join(w.data.names) + "。",
                              "These names of technologies, products and specifications are kept as written: "
                              + ", ".join(w.data.names) + ".")))
    return out


def _environment(w: _Writer, areas: list[str]) -> list[Block]:
    out = [w.heading(w.t("5 测试环境", "5 Test environment"), 1, "clause-5"),
           w.para(w.t("各领域的测试在下列环境中进行。测试设备的型号、"
                      "版本与校准状态记入测试报告；所用软件的名称与版本记入测试报告。",
                      "Each area is tested in the environment below. The model, version and calibration state of "
                      "the equipment, and the name and version of any software used, are recorded in the test "
                      "report."))]
    labels = (("equipment", "测试设备", "Equipment"), ("calibration", "校准", "Calibration"),
              ("conditions", "环境条件", "Ambient conditions"))
    for number, area in enumerate(areas, 1):
        area_zh, area_en = area_title(area)
        env = w.data.environment.get(area, {})
        out.append(w.heading(f"5.{number} {w.t(area_zh, area_en)}", 2, f"environment-{area}"))
        rows = [(w.t(zh, en), w.text(env[key])) for key, zh, en in labels if key in env]
        if rows:
            out.append(w.table(rows, (30, 135), header=False))
    return out


def _test_case(w: _Writer, req: Requirement, number: str, *, normative_text: bool = True) -> list[Block]:
    case = case_for(w.catalog, req, w.lang, w.data.procedures.get(req.id))
    rows = [(w.t(*LABELS[part]), case.part(part))
            for part in PARTS]
    mark = "" if normative_text else w.t(f"〔{_STATUS_ZH.get(req.status or '', req.status)}〕", f"[{req.status}] ")
    level = w.t(f"（{LEVEL_ZH[req.level.value]}）", f" ({req.level.value})")
    return [w.heading(f"{number} {mark}{req.id} {req.title.get(w.lang)}{level}", 2, f"req-{req.id}",
                      normative=normative_text),
            w.table(rows, (28, 137), header=False, normative=normative_text, anchor=f"test-{req.id}")]


_STATUS_ZH = {"draft": "草案", "candidate": "候选", "stable": "正式", "deprecated": "废止"}


def conformance_clause(w: _Writer, profile: Profile, number: str) -> list[Block]:
    levels = ("、" if w.lang == "zh" else ", ").join(
        LEVEL_ZH[level.value] if w.lang == "zh" else level.value for level in profile.pass_rule.require)
    reqs = w.catalog.requirements
    kept = [i for i in profile.all_requirements() if i in reqs and normative(reqs[i])]
    informative = len(profile.all_requirements()) - len(kept)
    out = [w.heading(f"{number} {profile.title.get(w.lang)}（`{profile.id}`）" if w.lang == "zh"
                     else f"{number} {profile.title.en} (`{profile.id}`)", 2, f"profile-{profile.id}"),
           w.para(w.t(f"声称符合测试配置“{profile.title.zh}”（版本 {profile.version}）的实现，"
                      f"应通过该配置所选全部“{levels}”级"
                      f"规范性要求（共 {len(kept)} 项）的测试用例（特性所含要求在 ICS 声明支持该特性时适用），"
                      "并应提交填写完整的"
                      "ICS 与 IXIT（附录 A）。",
                      f"An implementation claiming conformance to profile \"{profile.title.en}\" (version "
                      f"{profile.version}) shall pass the test cases of every {levels} normative requirement the "
                      f"profile selects ({len(kept)} in all; those of a feature when its ICS declares the feature) "
                      "and shall supply a completed ICS and IXIT (annex A)."))]
    if informative:
        out.append(w.para(w.t(f"该配置另选有 {informative} 项草案或候选要求（附录 D），"
                              "其结果仅供参考，不影响符合性结论。",
                              f"The profile also selects {informative} draft or candidate requirement(s) (annex D); "
                              "their results are for information and do not decide conformance.")))
    return out


def _annex_ics(w: _Writer, catalog: Catalog) -> list[Block]:
    out = [w.heading(w.t("附录 A（规范性）实现一致性声明（ICS）与测试用实现附加信息（IXIT）表格",
                         "Annex A (normative) ICS and IXIT pro formas"), 1, "annex-a", page=True),
           w.para(w.t("ICS 状态：m 为必备，o 为可选，c 为以所列特性为条件，i 为资料性（草案或候选要求，见附录 D）。"
                      "IXIT 由申请者填写被测对象的目标与参数取值。",
                      "ICS status: m mandatory, o optional, c conditional on the feature named, i informative (a "
                      "draft or candidate requirement, annex D). The applicant fills in the IXIT: the targets and "
                      "parameter values of the product under test."))]
    support = w.t("是 [ ]  否 [ ]", "Yes [ ]  No [ ]")
    for number, profile in enumerate(sorted(catalog.profiles.values(), key=lambda p: p.id), 1):
        out.append(w.heading(f"A.{number} {profile.title.get(w.lang)}（`{profile.id}`）" if w.lang == "zh"
                             else f"A.{number} {profile.title.en} (`{profile.id}`)", 2, f"ics-{profile.id}"))
        rows: list[tuple[str, ...]] = [(w.t("序号", "Item"), w.t("要求", "Requirement"), w.t("状态", "Status"),
                                        w.t("支持", "Support"))]
        for item, req_id in enumerate(profile.all_requirements(), 1):
            req = catalog.requirements.get(req_id)
            feature = profile.feature_of(req_id)
            if req is not None and not normative(req):
                status = "i"
            elif feature:
                status = f"c（`{feature}`）" if w.lang == "zh" else f"c (`{feature}`)"
            else:
                status = ICS_STATUS.get(req.level.value if req else "MUST", "m")
            title = req.title.get(w.lang) if req else ""
            rows.append((f"A.{number}.{item}", f"{req_id} {title}", status, support))
        out.append(w.table(rows, (18, 84, 36, 27)))
        ixit: list[tuple[str, ...]] = [(w.t("项目", "Item"), w.t("说明", "Description"), w.t("默认", "Default"),
                                        w.t("取值", "Value"))]
        for role, target in profile.targets.items():
            desc = target.description.get(w.lang) if target.description else ""
            ixit.append((w.t(f"被测目标 `{role}`", f"Target `{role}`"), desc, "—", ""))
        for name, spec in profile.parameters.items():
            desc = _untooled(spec.description.get(w.lang)) if spec.description else ""
            ixit.append((w.t(f"参数 `{name}`", f"Parameter `{name}`"), desc, f"`{_value(spec.default)}`"
                         + _bounds(w, spec), ""))
        out.append(w.table(ixit, (42, 68, 38, 17)))
    return out


def _annex_mapping(w: _Writer, catalog: Catalog, tables: Tables, facts: Facts, areas: list[str]) -> list[Block]:
    out = [w.heading(w.t("附录 B（资料性）测试用例与自动化测试工具的对应关系",
                         "Annex B (informative) Mapping of the test cases to an automated harness"), 1, "annex-b",
                     page=True, normative=False),
           w.para(w.t("本附录说明开源一致性测试工具（命令 conformance）如何实现各测试用例："
                      "工具如何取得被测对象、运行哪些测试，"
                      "以及证明每个测试能判定不通过的已知不合格用例的数量。",
                      "This annex says how the open-source conformance harness (command conformance) implements each "
                      "test case: how it reaches the product, which tests it runs, and how many known-bad cases prove "
                      "that each test can fail."), normative=False),
           w.heading(w.t("B.1 工具的测试环境", "B.1 The harness's environment"), 2, "annex-b-1", normative=False)]
    for area in areas:
        env_zh, env_en = area_environment(area)
        out.append(w.para(f"{w.t(*area_title(area))}：{env_zh}" if w.lang == "zh"
                          else f"{area_title(area)[1]}: {env_en}", normative=False))
    out.append(w.heading(w.t("B.2 测试用例与测试", "B.2 Test cases and tests"), 2, "annex-b-2", normative=False))
    out.append(w.para(w.t("运行一个测试用例：conformance run --manifest 清单文件 --requirement 要求编号。",
                          "To run one test case: conformance run --manifest MANIFEST --requirement ID."),
                      normative=False))
    for req in ordered(catalog):
        tests = facts.tests.get(req.id, [])
        cases = facts.case_rules.get(req.id, [])
        bad = facts.known_bad.get(req.id, 0)
        by_rule = "; ".join(f"{r.id}: {cases.count(r.id)}" for r in req.rules)
        profiles = ", ".join(p.id for p in selecting(catalog, req)) or "—"
        lines = [f"{req.id} — {w.t('测试配置', 'profiles')}: {profiles}",
                 w.t(f"已知不合格用例：{bad} 个", f"known-bad cases: {bad}") + (f"（{by_rule}）" if by_rule else "")]
        lines += [f"`{test}`" for test in tests] or [w.t("（人工评估）", "(manual assessment)")]
        out.append(Block("para", "\n".join(lines), lang=w.tag, anchor=f"map-{req.id}"))
    out.append(w.heading(w.t("B.3 政策主题的追溯", "B.3 Traceability of the policy topics"), 2, "annex-b-3",
                         normative=False))
    rows: list[tuple[str, ...]] = [(w.t("主题", "Topic"), w.t("状态", "Status"), w.t("要求", "Requirements"))]
    status_zh = {"covered": "已覆盖", "partial": "部分覆盖", "absent": "未覆盖", "out of scope": "范围外"}
    for topic in tables.topics.values():
        detail = ", ".join(topic.requirements) or "—"
        gap = topic.out_of_scope or topic.missing
        rows.append((topic.zh if w.lang == "zh" else topic.en,
                     status_zh.get(topic.status, topic.status) if w.lang == "zh" else topic.status,
                     detail + (f"\n{gap}" if gap else "")))
    out.append(Block("table", rows=tuple(rows), lang=w.tag, widths=(45, 20, 100), anchor="traceability"))
    return out


def _annex_review(w: _Writer, catalog: Catalog, changes: dict[str, Any] | None,
                  rates: list[dict[str, Any]] | None) -> list[Block]:
    """Annex C: the requirements the drafters should look at again: those changed since an
    earlier release (``catalog diff``) and, given a programme history, those participants fail
    most often (a high rate may mean a hard requirement or a wrong one)."""
    out = [w.heading(w.t("附录 C（资料性）待复核的要求", "Annex C (informative) Requirements to review"), 1, "annex-c",
                     page=True, normative=False)]
    if changes is None and rates is None:
        out.append(w.para(w.t("本稿未给出比较的版本与测评历史，故无待复核的要求。生成方法：conformance catalog render "
                              "--changes-since 版本 --history 测评历史数据库。",
                              "No earlier release and no programme history were given for this draft, so no "
                              "requirement is listed. To list them: conformance catalog render --changes-since REF "
                              "--history DATABASE."), normative=False))
        return out
    rows: list[tuple[str, ...]] = [(w.t("要求", "Requirement"), w.t("原因", "Reason"), w.t("内容", "Detail"))]
    if changes is not None:
        since = changes.get("since", "")
        out.append(w.para(w.t(f"自 {since} 以来的变更；[-…-] 为删除，{{+…+}} 为新增。",
                              f"Changes since {since}; [-…-] removed, {{+…+}} added."), normative=False))
        rows += [(i, w.t("新增", "added"), "") for i in changes["added"]]
        rows += [(i, w.t("删除", "removed"), "") for i in changes["removed"]]
        rows += [(i, w.t("重新编号", "renumbered"), ", ".join(new)) for i, new in changes["renumbered"].items()]
        rows += [(i, w.t("级别", "level"), f"{a} → {b}") for i, (a, b) in changes["level"].items()]
        rows += [(i, w.t("陈述", "statement"), langs.get(w.lang, "")) for i, langs in changes["text"].items()]
        rows += [(profile, w.t("参数默认值", "parameter default"), f"{name}: {a!r} → {b!r}")
                 for profile, params in changes["parameters"].items() for name, (a, b) in params.items()]
    for rate in rates or []:
        if rate["judged"] and rate["failed"]:
            share = rate["failed"] / rate["judged"]
            rows.append((rate["requirement"], w.t("测评不通过率", "failure rate"),
                         w.t(f"{rate['failed']}/{rate['judged']} 个参测方（{share:.0%}）",
                             f"{rate['failed']} of {rate['judged']} participants ({share:.0%})")))
    if rates is not None:
        out.append(w.para(w.t("测评不通过率："
                              "各参测方最近一次完整测评中判定不通过的参测方数与被判定的参测方数之比（不适用不计）。",
                              "Failure rate: of the participants a requirement was judged for in their latest "
                              "whole run (not applicable left out), how many failed it."), normative=False))
    out.append(Block("table", rows=tuple(rows), lang=w.tag, widths=(30, 30, 105), anchor="change-log"))
    return out


def _annex_candidates(w: _Writer, requirements: list[Requirement]) -> list[Block]:
    others = [r for r in requirements if not normative(r) and r.status != "deprecated"]
    if not others:
        return []
    out = [w.heading(w.t("附录 D（资料性）草案与候选要求的测试用例", "Annex D (informative) Test cases of draft and "
                         "candidate requirements"), 1, "annex-d", page=True, normative=False),
           w.para(w.t(f"下列 {len(others)} 项要求尚处于草案或候选状态，不构成本文件的规范性内容；标注〔草案〕〔候选〕。"
                      "其测试结果仅供参考，待验证后可转为正式要求。",
                      f"The {len(others)} requirements below are drafts or candidates, not normative content of "
                      "this document; each is marked [draft] or [candidate]. Their results are for information "
                      "until they are validated and become stable."), normative=False)]
    for number, req in enumerate(others, 1):
        out += _test_case(w, req, f"D.{number}", normative_text=False)
    return out


def annex_contracts(w: _Writer, catalog: Catalog, kept: list[Requirement]) -> list[Block]:
    """Annex E (normative): each HTTP operation a normative requirement names ("GET /path"), as
    its interface contract defines it, so that a path in a statement refers to the document."""
    used, missing = named_operations(catalog, kept)
    if not used and not missing:
        return []
    out = [w.heading(w.t("附录 E（规范性）接口契约", "Annex E (normative) Interface contracts"), 1, "annex-e",
                     page=True),
           w.para(w.t("测试用例所依据的要求以“方法 路径”指明的 HTTP 操作由下列接口契约（OpenAPI 3.1 文档）规定。"
                      "路径相对于 IXIT 给出的被测平台基础地址；请求体与成功响应应符合所列模式。契约与模式以其 URI"
                      f"（`$id`）标识，下表省略共同前缀 `{BASE_URI}`；“内联”表示模式写在契约之中。",
                      "The HTTP operations that the requirements of the test cases name as \"METHOD path\" are "
                      "defined by the interface contracts below (OpenAPI 3.1 documents). Paths are relative to the "
                      "base address of the platform under test the IXIT gives; request bodies and successful "
                      "responses are valid against the schemas listed. Contracts and schemas are identified by "
                      f"their URI (`$id`), shown without the common prefix `{BASE_URI}`; \"inline\" is a schema "
                      "written in the contract."))]

    def short(uri: str) -> str:
        if uri == "inline":
            return w.t("内联", "inline")
        return f"`{uri.removeprefix(BASE_URI)}`" if uri else "—"

    head = (w.t("方法与路径", "Method and path"), w.t("操作", "Operation"), w.t("模式", "Schemas"),
            w.t("要求", "Requirements"))
    for number, contract in enumerate(dict.fromkeys(op.contract for op in used), 1):
        out.append(w.heading(f"E.{number} `{contract.removeprefix(BASE_URI)}`", 2, f"contract-{number}"))
        rows: list[tuple[str, ...]] = [head]
        for op in (o for o in used if o.contract == contract):
            name = f"`{op.operation_id}`" + ("" if w.lang == "zh" or not op.summary else f": {op.summary}")
            schemas = w.t(f"请求体：{short(op.request)}\n成功响应：{short(op.response)}",
                          f"Request: {short(op.request)}\nResponse: {short(op.response)}")
            rows.append((f"`{op.method} {op.path}`", name, schemas,
                         "、".join(op.requirements) if w.lang == "zh" else ", ".join(op.requirements)))
        # widths that keep an operation ID (createAuthChallenge) and a schema's name whole in the DOCX
        out.append(w.table(rows, (40, 40, 52, 33)))
    if missing:
        listed_ops = "; ".join(f"`{m} {p}` ({', '.join(ids)})" for (m, p), ids in missing.items())
        out.append(w.para(w.t(f"下列操作由要求指明，但不见于任何接口契约：{listed_ops}。",
                              f"These operations are named by requirements but defined by no contract: "
                              f"{listed_ops}.")))
    return out


def _bibliography(w: _Writer, catalog: Catalog, tables: Tables) -> list[Block]:
    out = [w.heading(w.t("参考文献", "Bibliography"), 1, "bibliography", page=True, normative=False)]
    number = 0
    for key, title in tables.documents.items():
        number += 1
        out.append(Block("para", f"[{number}] {title}", lang=w.tag, anchor=f"bib-{key}"))
    cited = _cited(catalog, kept_only=False)
    kept = _cited(catalog, kept_only=True)
    for standard in sorted((s for s in tables.standards.values() if s.name in cited
                            and (_in_bibliography(s, w.data) or s.name not in kept)), key=_order):
        number += 1
        out.append(Block("para", f"[{number}] {_ref_text(w, standard)}, {standard.url}", lang=w.tag,
                         anchor=_ref_anchor(standard)))
    return out


def _value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _bounds(w: _Writer, spec: Any) -> str:
    """Bounds as a reader writes them: '（界限 [1, 4096]）', ' (bounds ≥ 1)'."""
    low, high = (spec.bounds.min, spec.bounds.max) if spec.bounds else (None, None)
    label = w.t("界限", "bounds")
    if low is not None and high is not None:
        shown = f"[{_num(low)}, {_num(high)}]"
    elif low is not None:
        shown = f"≥ {_num(low)}"
    elif high is not None:
        shown = f"≤ {_num(high)}"
    else:
        return ""
    return f"（{label} {shown}）" if w.lang == "zh" else f" ({label} {shown})"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def data_path(catalog: Catalog) -> Path | None:
    """The first catalog folder's ``suites/specification.yaml`` (where a drafter edits it)."""
    for root in catalog.roots.values():
        return root / "suites" / SPEC_DATA
    return None
