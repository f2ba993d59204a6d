"""The leftovers of the fourteenth reading of issue 76 (docs/drafting.md, "Leftovers of the fourteenth reading"),
each closed at its source: the clock `POST /test/clock` sets has one name, 测试时钟, defined in clause 3; the
编制说明's limits table cites a document of the 参考文献 by its number there and calls only a standard a 标准; no
不适用 or 不确定 line of a verdict criterion says 「记录原因」 (clause 16 i) asks the report for every reason once) nor
holds method text; the 编制说明's parts 三 and 八 open with a first subclause; formula (1) is centred. Each test fails
on the draft before the change; the scans also on a planted defect."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest

from conformance.drafting.limitbasis import limit_basis
from conformance.drafting.spec import _ref_anchor, bibliography_numbers
from conformance.drafting.tables import Standard, load_tables
from conformance.drafting.testcases import LABELS
from conformance.drafting.writer import Block, Writer, normative
from tests.drafting.blocks import between


def _terms(markdown: str) -> list[str]:
    """Clause 3's terms, in order (the line under each 3.n heading: 「测试时钟  test clock」)."""
    clause = markdown.split("\n## 3 ", 1)[1].split("\n## 4 ", 1)[0]
    return [m.group(1) for m in re.finditer(r"^### 3\.\d+\n\n(\S+)  ", clause, re.M)]


def test_the_test_clock_has_one_name_and_a_definition(zh_markdown, en_markdown, catalog):
    """The clock `POST /test/clock` sets was 测试时钟 (21 uses) and 平台时钟 (14: AS-MINOR-003, -004, AS-RATING-003,
    the profiles' `clock_path`, table B.3); in English "the platform's clock" (annex D's `setTestClock` too) beside
    "test clock"."""
    assert "平台时钟" not in zh_markdown
    assert "测试时钟" in _terms(zh_markdown)
    assert not re.search(r"platform'?s? clock", en_markdown, re.I)
    for rid in ("AS-MINOR-003", "AS-MINOR-004", "AS-RATING-003"):
        req = catalog.requirements[rid]
        said = " ".join((req.title.en, req.title.zh, req.statement.en, req.statement.zh, req.notes.en, req.notes.zh))
        assert "test clock" in said and "测试时钟" in said and "平台时钟" not in said, rid
        assert "platform's clock" not in said, rid


def _limit_cells(note: list[Block]) -> dict[str, str]:
    """The 编制说明's limits table (三（三）): each requirement's basis cell."""
    table = next(b for b in between(note, "note-3-2") if b.kind == "table")
    return {row[0].replace("\u2011", "-"): row[2] for row in table.rows[1:]}


def cited_only(catalog, lang: str, ids: tuple[str, ...] = ("TD-TACT-001", "TD-TACT-003", "RB-JOINT-003")) -> dict[str, str]:
    """The basis cells of ``ids`` as the table writes them for notes that give no basis: the documents each cites
    (by default a paper, a JSON-RPC specification, a ROS message of the 参考文献)."""
    kept = [catalog.requirements[rid].model_copy(update={"notes": None}) for rid in ids]
    return _limit_cells(limit_basis(Writer(catalog, lang), kept))


def uncited(cell: str, names: list[str], numbers: dict[str, int], zh: bool) -> list[str]:
    """What is wrong with a basis cell naming the documents a requirement cites: a document of the 参考文献 named by
    the catalog's key instead of its number there, and a cell calling a document that is no standard a 标准."""
    wrong = [f"key: {name}" for name in names if name in numbers and name in cell]
    wrong += [f"number: {name}" for name in names if name in numbers
              and (f"参考文献[{numbers[name]}]" if zh else f"Bibliography [{numbers[name]}]") not in cell]
    if any(name in numbers for name in names) and cell.startswith(("所引标准：", "Standards cited:")):
        wrong.append("standard")
    return wrong


def test_a_limits_basis_cites_the_bibliography_by_number(catalog, note, note_en, zh):
    """TD-TACT-001, -003 and TD-BODY-006 named a paper by the catalog's key (「Dahiya, Metta, Valle, Sandini, Tactile
    Sensing …」), RB-JOINT-003 called the ROS message definition a 标准 (「所引标准：ROS sensor_msgs/JointState
    message」). A document of the 参考文献 is now cited by its number there, as GB/T 7714-2015's sequential numbering
    does and as the note already cites the seed documents (「参考文献[1]至[3]、[5]」); 「所引标准：」 only for
    standards of clause 2."""
    numbers = bibliography_numbers(Writer(catalog, "zh"), catalog, load_tables(catalog))
    for blocks, is_zh in ((note, True), (note_en, False)):
        # the rows whose notes give their numbers cite no document (forty-third reading, part h95-basisT: TD-TACT-001's
        # and -003's notes now say 0 N is no limit chosen), so those rows are also written as if their notes said
        # nothing
        cells = _limit_cells(blocks) | cited_only(catalog, "zh" if is_zh else "en")
        cited = {rid: cell for rid, cell in cells.items()
                 if cell.startswith(("所引标准：", "所引文件：", "Standards cited:", "Documents cited:"))}
        assert len(cited) >= 3, cited
        for rid, cell in cited.items():
            names = list(dict.fromkeys(s.name for s in catalog.requirements[rid].source.standards))
            assert uncited(cell, names, numbers, is_zh) == [], (rid, cell)
        # RB-JOINT-003's notes give its numbers since the forty-first reading (c18): TD-TACT-001 cites the paper
        assert cells["TD-TACT-001"].startswith(("所引文件：参考文献[", "Documents cited: Bibliography ["))
    # the number is the draft's: the 参考文献 entry that number heads is the document's
    entries = {b.anchor: b.text for b in zh if b.kind == "para" and b.anchor.startswith("ref-")}
    # (JSON-RPC 2.0 was the second sample until the forty-third reading's a1 listed it in clause 2)
    for name in ("ROS sensor_msgs/JointState message",):
        assert entries[_ref_anchor(Standard(name, ""))].startswith(f"[{numbers[name]}] "), name


def test_the_citation_scan_fails_on_a_key_or_a_standard(catalog):
    numbers = bibliography_numbers(Writer(catalog, "zh"), catalog, load_tables(catalog))
    name = "ROS sensor_msgs/JointState message"
    assert uncited(f"所引标准：{name}", [name], numbers, True) == [f"key: {name}", f"number: {name}", "standard"]
    assert uncited(f"所引标准：参考文献[{numbers[name]}]", [name], numbers, True) == ["standard"]
    assert uncited(f"所引文件：参考文献[{numbers[name]}]", [name], numbers, True) == []


def _criteria(blocks: list[Block], lang: str) -> dict[str, list[str]]:
    """Each test case's verdict criteria, a line each, by the case's requirement ID."""
    label = LABELS["criteria"][0 if lang == "zh" else 1]
    found: dict[str, list[str]] = {}
    heading = ""
    for block in blocks:
        if block.kind == "heading":
            heading = block.text
        for row in block.rows:
            if row and row[0] == label:
                found[heading] = row[1].split("\n")
    return found


#: a 不适用 or 不确定 line that asks for the reason to be recorded, which clause 16 i) asks of every such verdict
_RECORD = re.compile(r"记录原因|reasons? (?:is|are) recorded|record(?:ing)? the reason")
#: method text in a verdict line: how the tester proceeds, not when the verdict is given
_METHOD = re.compile(r"试验方法：|Test method:|以描述所在文件夹为基准解析|resolved against the description's folder")


def verdict_lines_wrong(criteria: dict[str, list[str]]) -> list[tuple[str, str]]:
    lines = [(case, line) for case, found in criteria.items() for line in found
             if line.startswith(("不适用：", "不确定：", "Not applicable:", "Inconclusive:"))]
    return [(case, line[:80]) for case, line in lines if _RECORD.search(line) or _METHOD.search(line)]


def test_no_verdict_line_records_the_reason_or_states_a_method(catalog, zh, en):
    """74 不确定 and 79 不适用 lines lacked 「记录原因」 where the others ended with it: none says it now, clause 16 i)
    asking the report for every 不适用 and 不确定 reason. DP-DIST-001's 不确定 line held how download URLs are
    resolved (now in its step 1), RB-TRACK-002's its test method, read as a 不确定 rule for its 「不确定度」."""
    for blocks, lang in ((zh, "zh"), (en, "en")):
        criteria = _criteria(blocks, lang)
        assert len(criteria) == sum(normative(r) for r in catalog.requirements.values())  # every test case read
        assert verdict_lines_wrong(criteria) == []
    dist = next(found for case, found in _criteria(zh, "zh").items() if "DP-DIST-001" in case)
    inconclusive = next(line for line in dist if line.startswith("不确定："))
    # the nineteenth reading: written by hand, without the harness manifest's fix the notes give
    # (the thirty-sixth reading's a4: the line names every state the check reaches, the relative URL last)
    assert inconclusive.startswith("不确定：所提供的文件中没有包含") and \
        "或有相对下载 URL 未指向所提供的文件（即使另有分发得到判定）" in inconclusive, inconclusive
    # RB-TRACK-002's line names the capture and the joints left unjudged, not its method (twenty-first reading, row 3)
    track = next(found for case, found in _criteria(zh, "zh").items() if "RB-TRACK-002" in case)
    # (the tracker's file is its 跟踪记录 since part front, forty-first reading c25; the robot description, which
    # gives each joint's test motion, first since the seventieth reading, c2)
    assert next(line for line in track if line.startswith("不确定：")).startswith(
        "不确定：机器人描述缺失或无法取得（访问被拒），或关节轨迹控制器状态记录缺失或无法取得（访问被拒），或外部跟踪仪的跟踪记录缺失")


def test_the_verdict_line_scan_fails_on_a_planted_line():
    planted = {"7.1 X": ["通过：……", "不确定：文件无法读取；记录原因。"],
               "7.2 Y": ["Inconclusive: Test method: the robot runs the motion."]}
    assert [case for case, _ in verdict_lines_wrong(planted)] == ["7.1 X", "7.2 Y"]


def hanging(blocks: list[Block]) -> list[str]:
    """The headings of the note's parts with subclauses whose text stands before their first subclause (a hanging
    paragraph: GB/T 1.1-2020 7.4 for the standard; the note reads the same way)."""
    found: list[str] = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.level != 1:
            continue
        rest = blocks[index + 1:]
        end = next((i for i, b in enumerate(rest) if b.kind == "heading" and b.level <= 1), len(rest))
        part = rest[:end]
        first = next((i for i, b in enumerate(part) if b.kind == "heading"), None)
        if first is not None and first > 0:
            found.append(block.text)
    return found


def test_no_part_of_the_note_hangs_a_paragraph_before_its_subclauses(note, note_en):
    """三 opened with the areas' table and 八 with the count of references before their （一）: each now stands in
    a first subclause of its own, 三（一）各领域的测试用例 and 八（一）概述."""
    for blocks in (note, note_en):
        assert hanging(blocks) == []
    headings = [b.text for b in note if b.kind == "heading" and b.level == 2]
    assert "（一）各领域的测试用例" in headings and "（一）概述" in headings


def test_the_hanging_scan_fails_on_a_planted_paragraph(note):
    at = next(i for i, b in enumerate(note) if b.anchor == "note-3")
    planted = [*note[:at + 1], Block("para", "本部分说明……"), *note[at + 1:]]
    assert hanging(planted) == [note[at].text]


def test_formula_1_is_centred_in_the_docx_and_the_html(zh, zh_docx, zh_html, zh_markdown):
    """6.2's formula (1) stood left-aligned like the text around it; a displayed formula is centred on its line
    (GB/T 1.1-2020 9.9). Markdown has no centred paragraph and keeps the line as it was."""
    pytest.importorskip("docx")
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from conformance.drafting.wordfile import docx_bytes

    formula = next(b for b in zh if b.kind == "para" and b.text.endswith("（1）"))
    assert formula.centred
    paragraphs = docx.Document(io.BytesIO(zh_docx)).paragraphs  # docx_bytes of zh, once a session (conftest.py)
    lines = [p for p in paragraphs if "√(" in p.text and p.text.endswith("（1）")]
    assert len(lines) == 1 and lines[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert re.search(r'<div class="formula"><p><i>U</i> = <i>k</i>·√', zh_html)
    assert re.search(r"^\*U\* = \*k\*·√\(.*\)　+（1）$", zh_markdown, re.M)
    # a paragraph not marked centred stays as the text around it
    plain = docx.Document(io.BytesIO(docx_bytes([replace(formula, centred=False)], "zh", None))).paragraphs
    assert all(p.alignment is None for p in plain if p.text.endswith("（1）"))

