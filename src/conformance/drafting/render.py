"""``conformance catalog render``: the catalog as a document a committee can review.

Bilingual, Chinese first, and shaped as GB/T 1.1-2020 shapes a standard: 1 Scope,
2 Normative references, 3 Terms and definitions, then one chapter per area with one clause
per requirement (statement, notes, source clauses, external references, profiles and
parameters, how it is tested, status). One list of blocks feeds three writers: Markdown,
HTML and DOCX (python-docx, the ``drafting`` extra), so their headings agree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..errors import HarnessInputError
from .facts import gather, ordered, parameters_of
from .tables import load_tables

AREA_TITLES = {"identity": ("数字身份", "Digital identity"), "assets": ("数字资产", "Digital assets"),
               "interfaces": ("平台接口", "Platform interfaces"),
               "terminal": ("终端数据交换", "Terminal data exchange")}
LEVEL_ZH = {"MUST": "应", "SHOULD": "宜", "MAY": "可"}
TESTING_ZH = {"automated": "自动检测", "manual": "人工评估", "untestable": "不可检测"}
TERMS = [
    ("要求", "requirement", "具有稳定标识、级别（应 / 宜 / 可）与双语文本的一条规范性陈述。",
     "One normative statement with a stable ID, a level (MUST / SHOULD / MAY) and bilingual text."),
    ("测试配置", "profile", "产品可声明符合的一组要求，连同其参数、可选特性与通过规则。",
     "A conformance class: a selection of requirements with their parameters, features and pass rule."),
    ("已知不合格用例", "known-bad case", "使某项测试必然判定不通过的输入，用以证明该测试能够判定不通过。",
     "An input that makes a test fail, proving that the test can fail."),
    ("判定", "verdict", "对一项要求的检测结论：通过、不通过、无法判定、不适用或错误。",
     "The outcome for one requirement: pass, fail, inconclusive, not applicable or error."),
]


@dataclass(frozen=True)
class Block:
    kind: str  # heading, para, table
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()


def blocks(catalog: Catalog) -> list[Block]:
    tables = load_tables(catalog)
    facts = gather(catalog)
    out = [Block("heading", "元宇宙互操作性要求目录 / Metaverse interoperability requirements catalog", 0),
           Block("heading", "1 范围 / Scope", 1),
           Block("para", "本文件规定数字身份、数字资产、平台接口与终端数据交换的可检测要求，"
                         "并给出每项要求的检测方法。"),
           Block("para", "This document states testable requirements for digital identity, digital assets, platform "
                         "interfaces and terminal data exchange, and how each is tested."),
           Block("heading", "2 规范性引用文件 / Normative references", 1),
           Block("para", "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。 / The following documents "
                         "are referred to in the text in such a way that their content is part of this document.")]
    cited = {s.name for r in catalog.requirements.values() for s in r.source.standards}
    out += [Block("para", f"{s.name}, {s.url}") for s in tables.standards.values() if s.name in cited]
    out.append(Block("heading", "3 术语和定义 / Terms and definitions", 1))
    for number, (zh, en, zh_def, en_def) in enumerate(TERMS, 1):
        out += [Block("heading", f"3.{number} {zh} {en}", 2), Block("para", zh_def), Block("para", en_def)]
    requirements = ordered(catalog)
    areas = list(dict.fromkeys(r.area for r in requirements))
    for chapter, area in enumerate(areas, 4):
        zh, en = AREA_TITLES.get(area, (area, area))
        out.append(Block("heading", f"{chapter} {zh} / {en}", 1))
        for number, req in enumerate((r for r in requirements if r.area == area), 1):
            out.append(Block("heading", f"{chapter}.{number} {req.id} {req.title.zh} / {req.title.en}", 2))
            out.append(Block("para", f"【{LEVEL_ZH[req.level.value]} / {req.level.value}】{req.statement.zh}"))
            out.append(Block("para", req.statement.en))
            if req.notes:
                out += [Block("para", f"注：{req.notes.zh}"), Block("para", f"NOTE: {req.notes.en}")]
            rows: list[tuple[str, ...]] = [("项目 / item", "内容 / content")]
            for key in req.source.policy:
                clause = tables.clauses.get(key)
                rows.append(("政策条款 / policy clause",
                             f"{key} {clause.clause}: {clause.zh}" if clause else key))
            for ref in req.source.standards:
                rows.append(("引用标准 / standard", ", ".join(x for x in (ref.name, ref.section, ref.url) if x)))
            rows.append(("测试配置 / profiles", ", ".join(facts.profiles.get(req.id, [])) or "—"))
            for profile, name, default, bounds in parameters_of(catalog, req.id):
                rows.append(("参数 / parameter", f"{profile}: {name} = {default}" + (f" {bounds}" if bounds else "")))
            tests = facts.tests.get(req.id, [])
            rows.append(("检测方法 / how tested",
                         f"{TESTING_ZH[req.testing.value]} / {req.testing.value}; {len(tests)} test(s); "
                         f"{facts.known_bad.get(req.id, 0)} known-bad case(s)"))
            rows += [("测试 / test", t) for t in tests]
            status = f"{req.status or '—'}, version {req.version or '—'}, since {req.since or '—'}"
            rows.append(("状态 / status", status))
            out.append(Block("table", rows=tuple(rows)))
    return out


def render_markdown(catalog: Catalog) -> str:
    lines: list[str] = []
    for block in blocks(catalog):
        if block.kind == "heading":
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        elif block.kind == "para":
            lines += [block.text, ""]
        else:
            head, *rest = block.rows
            lines += [f"| {head[0]} | {head[1]} |", "|---|---|"]
            lines += [f"| {a} | {_cell(b)} |" for a, b in rest] + [""]
    return "\n".join(lines)


def render_html(catalog: Catalog) -> str:
    e = html.escape
    parts: list[str] = []
    for block in blocks(catalog):
        if block.kind == "heading":
            parts.append(f"<h{block.level + 1}>{e(block.text)}</h{block.level + 1}>")
        elif block.kind == "para":
            parts.append(f"<p>{e(block.text)}</p>")
        else:
            head, *rest = block.rows
            parts.append("<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in head) + "</tr>"
                         + "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in rest) + "</table>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Requirements catalog</title>"
            "<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}"
            "td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}</style></head><body>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def render_docx(catalog: Catalog, out: Path) -> None:
    try:
        import docx
    except ImportError:
        raise HarnessInputError("--format docx", "needs python-docx",
                                "pip install 'metaverse-conformance[drafting]'") from None
    document = docx.Document()
    for block in blocks(catalog):
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level)
        elif block.kind == "para":
            document.add_paragraph(block.text)
        else:
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for a, b in block.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = a, b
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


def _cell(text: str) -> str:
    """A Markdown table cell: a pipe would end it."""
    return text.replace("|", "\\|")
