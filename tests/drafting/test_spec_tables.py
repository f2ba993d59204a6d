"""Every table of the draft numbered and titled (docs/drafting.md, "Tables numbered"): the twelfth reading left
only table 1 with a number and a title, some 540 tables (each test case's among them) with none. GB/T 1.1-2020
numbers the tables 表 1, 表 2 ... in the body and 表 A.1, 表 B.1 ... in each annex, numbered afresh per annex,
with a title above each, and the text refers to a table by its number. The scans below read the rendered
Markdown, HTML and DOCX, and fail on a table planted without its number and title."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest

from conformance.drafting.tablenumbers import number_tables
from conformance.drafting.writer import NEXT_TABLE, Block

#: the line above a table: its number (表 12, 表 A.3, Table 12, Table A.3) and a title after it
_CAPTION = re.compile(r"^(?:表 (?P<zh>(?:[A-Z]\.)?\d+)　|Table (?P<en>(?:[A-Z]\.)?\d+) — )\S")
#: where the text names a table: 见表 D.4, 列于表 9, Table B.1 lists ...
_REFERENCE = re.compile(r"(?:表 |Table )((?:[A-Z]\.)?\d+)(?![\d.　]| —)")


def _number(line: str) -> str | None:
    match = _CAPTION.match(line)
    return (match.group("zh") or match.group("en")) if match else None


def markdown_findings(markdown: str) -> list[str]:
    """What is wrong with the tables of a Markdown draft: a table without its number and title on the line
    above it (a blank line between), a number out of sequence (the body's 1, 2 ...; each annex's A.1, A.2 ...),
    a table the text names that the document does not hold."""
    lines = markdown.split("\n")
    findings, numbers = [], []
    for index, line in enumerate(lines):
        if not line.startswith("|---"):
            continue
        above = lines[index - 3] if index >= 3 and not lines[index - 2] else ""
        number = _number(above)
        if number is None:
            findings.append(f"line {index}: a table without number and title: {lines[index - 1][:60]}")
        else:
            numbers.append(number)
    findings += sequence_findings(numbers)
    captions = {i for i, line in enumerate(lines) if _number(line)}
    text = "\n".join(line for i, line in enumerate(lines) if i not in captions and not line.startswith("|"))
    findings += [f"the text names table {n}, which the document does not hold"
                 for n in sorted({m.group(1) for m in _REFERENCE.finditer(text)} - set(numbers))]
    return findings


def sequence_findings(numbers: list[str]) -> list[str]:
    """Numbers out of sequence: the body's from 1, each annex's from its letter's 1, with no gap or repeat."""
    expected: dict[str, int] = {}
    findings = []
    for number in numbers:
        prefix, _, count = number.rpartition(".")
        expected[prefix] = expected.get(prefix, 0) + 1
        if int(count) != expected[prefix]:
            findings.append(f"table {number} out of sequence (expected {prefix + '.' if prefix else ''}"
                            f"{expected[prefix]})")
            expected[prefix] = int(count)
    return findings


def docx_findings(data: bytes) -> list[str]:
    """A DOCX's tables whose paragraph just above holds no number and title, and numbers out of sequence."""
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(io.BytesIO(data)).element.body
    findings, numbers, previous = [], [], None
    for element in body.iterchildren():
        if element.tag == qn("w:tbl"):
            text = "".join(t.text or "" for t in previous.iter(qn("w:t"))) if previous is not None else ""
            number = _number(text.replace("\u2060", "").replace("\u2011", "-"))
            if number is None:
                first = "".join(t.text or "" for t in element.iter(qn("w:t")))[:60]
                findings.append(f"a table without number and title: {first}")
            else:
                numbers.append(number)
        previous = element if element.tag == qn("w:p") else None
    return findings + sequence_findings(numbers)


def test_every_table_of_the_markdown_is_numbered_and_titled(zh_markdown, en_markdown):
    for markdown in (zh_markdown, en_markdown):
        assert markdown_findings(markdown) == []
        assert len(re.findall(r"^\|---", markdown, re.M)) > 500  # the scan read the tables, not nothing


def test_the_scan_fails_on_a_planted_table(zh_markdown):
    """A table without number and title, a repeated number, a reference to a table that is not there."""
    annex = zh_markdown.index("## 附录 A")
    planted = zh_markdown[:annex] + "| 项目 | 值 |\n|---|---|\n| a | 1 |\n\n" + zh_markdown[annex:]
    assert any("without number and title" in f for f in markdown_findings(planted))
    twice = zh_markdown.replace("表 2　", "表 1　", 1)
    assert any("out of sequence" in f for f in markdown_findings(twice))
    assert any("table 999" in f for f in markdown_findings(zh_markdown + "\n见表 999。\n"))


def test_the_body_and_each_annex_are_numbered_apart(zh_markdown, en_markdown):
    """表 1 ... in the body, 表 A.1 ... from annex A, 表 B.1 again from annex B; a test case's table titled by it."""
    for markdown, prefix in ((zh_markdown, "表 "), (en_markdown, "Table ")):
        numbers = [_number(line) for line in markdown.split("\n") if _number(line)]
        assert numbers[0] == "1" and "A.1" in numbers and "B.1" in numbers and "D.1" in numbers
        assert numbers.index("A.1") > max(i for i, n in enumerate(numbers) if "." not in n)
    assert re.search(r"^表 \d+　IF-TLS-001 测试用例$", zh_markdown, re.M)
    assert re.search(r"^Table \d+ — Test case IF-TLS-001$", en_markdown, re.M)
    # titled by the profile's name since the thirteenth reading (it read 「`asset-3d-content` 的 ICS」)
    assert re.search(r"^表 A\.1　[^`].*的 ICS$", zh_markdown, re.M)


def test_the_text_refers_to_a_table_by_its_number(zh_markdown, en_markdown):
    """Clause 6.3 wrote 「列于表 1」 when its table was the only one numbered; with clause 5's tables numbered it is
    table 9, and the number follows the table wherever it stands. Annex B's 「下表」 and annex D's 「下列方法」 name
    their tables by number."""
    decision = re.search(r"^表 (\d+)　测量类测试用例的判定规则$", zh_markdown, re.M)
    assert decision and f"列于表 {decision.group(1)}；" in zh_markdown
    decision_en = re.search(r"^Table (\d+) — Decision rules of the measuring test cases$", en_markdown, re.M)
    assert decision_en and f"listed in Table {decision_en.group(1)};" in en_markdown
    assert "下表按领域" not in zh_markdown and re.search(r"^表 B\.\d+ 按领域列出", zh_markdown, re.M)
    # the tables of the runtime test interface's methods, the last named at the end of its sentence (forty-fourth a4)
    assert re.search(r"见表 D\.\d+[：。]", zh_markdown) and re.search(r"given in Table D\.\d+[:.]", en_markdown)
    assert NEXT_TABLE not in zh_markdown + en_markdown


def test_every_html_table_has_its_caption(zh_html):
    tables = re.findall(r"<table[^>]*>(<caption>[^<]*)?", zh_html)
    assert len(tables) > 500 and all(caption.startswith("<caption>表 ") for caption in tables)


def test_every_docx_table_is_numbered_and_titled(zh_docx):
    assert docx_findings(zh_docx) == []  # docx_bytes of the Chinese blocks, once a session (conftest.py)


def test_the_docx_scan_fails_on_a_planted_table():
    pytest.importorskip("docx")
    from conformance.drafting.wordfile import docx_bytes

    rows = (("项目", "值"), ("a", "1"))
    made = number_tables([Block("heading", "1 范围", 1, lang="zh-CN"),
                          Block("table", rows=rows, lang="zh-CN", title="示例"),
                          Block("table", rows=rows, lang="zh-CN", title="示例")])
    assert [b.number for b in made if b.kind == "table"] == ["1", "2"]
    assert docx_findings(docx_bytes(made, "zh", None)) == []
    assert len(docx_findings(docx_bytes([*made[:2], replace(made[2], number="")], "zh", None))) == 1


def test_numbering_restarts_in_each_annex_and_resolves_references():
    rows = (("a",),)
    made = number_tables([Block("heading", "5 测试环境", 1, lang="zh-CN"),
                          Block("para", f"见表 {NEXT_TABLE}。", lang="zh-CN"),
                          Block("table", rows=rows, lang="zh-CN"),
                          Block("heading", "附录 A（规范性）甲", 1, lang="zh-CN"),
                          Block("table", rows=rows, lang="zh-CN"),
                          Block("heading", "附录 B（资料性）乙", 1, lang="zh-CN"),
                          Block("heading", "B.1 丙", 2, lang="zh-CN"),
                          Block("table", rows=rows, lang="zh-CN")])
    assert [(b.number, b.title) for b in made if b.kind == "table"] == [("1", "测试环境"), ("A.1", "甲"),
                                                                         ("B.1", "丙")]
    assert made[1].text == "见表 1。"
    with pytest.raises(ValueError):
        number_tables([Block("para", f"见表 {NEXT_TABLE}。", lang="zh-CN")])
