"""The PDF specification (`catalog render --format pdf`, headless Chromium's print to PDF)
read back as pages: every page A4, the cover rendered to a PNG that is not blank, a test case
for every requirement; on every page after the cover the standard's number in the running
header (not the title) and the page number in the footer, read from the page's margins: the
front matter (目次, 前言, 引言) I, II..., the body 1, 2... from clause 1 (GB/T 1.1-2020). A blank
page, and a numbering that runs on from the cover, fail the same checks. With poppler-utils,
every page is rendered to pixels (PDFium) and its text layer read by poppler (pdftotext): the cover of
a 征求意见稿, a 目次 whose page numbers (Roman for the front matter) are the pages its headings
are on, no Markdown backtick and no test node ID or
command line before annex B. With LibreOffice, the DOCX is printed by it and must stay
within 1.5 times the page count of the direct PDF, with the same running header and page
numbering, a 目次 whose every number is the page its heading is on, and no requirement ID
broken across two lines.
``python -m tests.drafting.test_spec_pdf docs/screenshots`` regenerates the screenshot of page 1."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from conformance.cli import main
from conformance.drafting.pdf import _print, find_chromium
from conformance.drafting.render import docx_to_pdf, find_soffice
from conformance.drafting.spec import NUMBER, TITLE, page_labels, roman
from conformance.drafting.wording import tool_words
from tests.conftest import once_per_session

#: A4 in PostScript points (210 mm x 297 mm)
A4 = (595.28, 841.89)


def render_page(pdf: pdfium.PdfDocument, index: int, png: Path) -> Image.Image:
    """One page as a PNG at 100 dpi, read back."""
    pdf[index].render(scale=100 / 72).to_pil().save(png)
    return Image.open(png)


def ink(image: Image.Image) -> float:
    """The share of the page's pixels that are not (nearly) white."""
    pixels = np.asarray(image.convert("L"))
    return float((pixels < 200).mean())


def is_a4(page: pdfium.PdfPage) -> bool:
    width, height = page.get_size()
    return abs(width - A4[0]) < 1.5 and abs(height - A4[1]) < 1.5


def test_a_blank_page_fails_the_check(tmp_path):
    blank = pdfium.PdfDocument.new()
    blank.new_page(*A4)
    assert ink(render_page(blank, 0, tmp_path / "blank.png")) == 0.0
    letter = pdfium.PdfDocument.new()
    letter.new_page(612, 792)  # US Letter: not A4
    assert not is_a4(letter[0])


#: a test node ID or the harness's command line (annex B holds them; the normative text none)
NODE = re.compile(r"\S+\.py::\S+|\bconformance (?:run|catalog)\b")
#: LibreOffice lays the DOCX out at most this many times the pages of the direct PDF (issue 47)
PAGE_RATIO = 1.5
needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="no chromium on PATH (apt-get install chromium; .ci/run does)")


def _print_specification(folder: Path) -> dict[str, str]:
    out = folder / "specification.pdf"
    assert main(["catalog", "render", "--format", "pdf", "--out", str(out)]) == 0
    return {"pdf": str(out)}


@pytest.fixture(scope="session")
def spec_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese specification printed once a test session (two prints of about half a minute
    each), whichever xdist worker asks first: work stealing may hand this module's tests to two
    workers, and a module-scoped fixture printed it in each (the tests only read the file)."""
    return Path(once_per_session(tmp_path_factory, "spec-pdf", _print_specification)["pdf"])


def margins(pdf: pdfium.PdfDocument) -> list[tuple[str, str]]:
    """(running header, footer) of each page: the text in its top and bottom margins."""
    out = []
    for index in range(len(pdf)):
        text = pdf[index].get_textpage()
        out.append((text.get_text_bounded(bottom=A4[1] - 45).strip(), text.get_text_bounded(top=45).strip()))
    return out


@functools.cache
def printed_margins(pdf_path: Path) -> tuple[tuple[str, str], ...]:
    """:func:`margins` of a PDF file, read once a process: both tests of the session's print read them."""
    document = pdfium.PdfDocument(pdf_path)
    try:
        return tuple(margins(document))
    finally:
        document.close()


def numbering_problems(footers: list[str], body_start: int) -> list[str]:
    """What breaks GB/T 1.1-2020's page numbering, given each page's footer and the index of
    the body's first page: the cover unnumbered, the front matter I, II... from the page after
    it, the body 1, 2... from ``body_start``."""
    expected = ["", *(roman(n) for n in range(1, body_start)),
                *(str(n) for n in range(1, len(footers) - body_start + 1))]
    return [f"page {i + 1}: {got!r}, not {want!r}" for i, (got, want) in enumerate(zip(footers, expected, strict=True))
            if got != want]


def test_numbering_that_runs_on_from_the_cover_fails_the_check():
    assert numbering_problems(["", "I", "II", "1", "2"], 3) == []
    assert numbering_problems(["", "2", "3", "4", "5"], 3) == [  # Arabic from the cover, as before issue 63
        "page 2: '2', not 'I'", "page 3: '3', not 'II'", "page 4: '4', not '1'", "page 5: '5', not '2'"]
    assert numbering_problems(["1", "I", "1", "2"], 3) == ["page 1: '1', not ''", "page 3: '1', not 'II'",
                                                           "page 4: '2', not '1'"]


def test_the_toc_shows_roman_numbers_for_the_front_matter_and_arabic_from_clause_1():
    toc = (("1", "前言", "foreword"), ("1", "引言", "introduction"), ("1", "1 范围", "clause-1"),
           ("1", "2 规范性引用文件", "clause-2"), ("1", "参考文献", "bibliography"))
    pages = {"foreword": 3, "introduction": 4, "clause-1": 5, "clause-2": 5, "bibliography": 40}
    assert page_labels(pages, toc) == {"foreword": "II", "introduction": "III", "clause-1": "1", "clause-2": "1",
                                       "bibliography": "36"}
    assert [roman(n) for n in (1, 4, 9, 14, 40, 0)] == ["I", "IV", "IX", "XIV", "XL", ""]


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_the_pdf_has_a4_pages_with_header_footer_and_every_test_case(catalog, spec_pdf, tmp_path):
    pdf = pdfium.PdfDocument(spec_pdf)
    pages = len(pdf)
    assert pages > 20 and all(is_a4(pdf[i]) for i in range(pages))
    assert pdfium.raw.FPDFCatalog_IsTagged(pdf.raw)  # Chromium's structure tree kept: only the probes drop it
    first = render_page(pdf, 0, tmp_path / "page-1.png")
    assert first.size == (827, 1170)  # A4 at 100 dpi
    assert ink(first) > 0.005  # text on it, not a blank page
    texts = [pdf[i].get_textpage().get_text_range() for i in range(pages)]
    assert re.sub(r"\s", "", TITLE[0]) in re.sub(r"\s", "", texts[0])  # its elements apart by ideographic spaces
    headers, footers = zip(*printed_margins(spec_pdf), strict=True)
    assert headers[0] == footers[0] == ""  # the cover: no running header or footer
    assert set(headers[1:]) == {NUMBER}  # the standard's number, not the title, on every other page
    body_start = next(i for i, text in enumerate(texts) if i > 1 and "目次" not in text and "1 范围" in text)
    assert footers[1] == "I" and footers[body_start] == "1"
    assert numbering_problems(list(footers), body_start) == []
    whole = "".join(texts)
    assert all(r.id in whole for r in catalog.requirements.values() if r.status != "deprecated")
    assert "测试目的" in whole and "判定准则" in whole


def pdftotext(pdf: Path) -> dict[int, str]:
    """The text layer of every page (numbered from 1), laid out: one ``pdftotext`` over the
    whole document, whose pages it ends with a form feed each, as it prints them one by one
    (``-f N -l N`` gives exactly page N's text and its form feed; one process, not one a page)."""
    whole = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = whole.split("\f")
    assert pages[-1] == "", "pdftotext ends every page with a form feed"
    return dict(enumerate(pages[:-1], start=1))


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils (apt-get install poppler-utils)")
def test_the_pdf_pages_read_as_a_draft_for_comments(spec_pdf):
    document = pdfium.PdfDocument(spec_pdf)
    pages = len(document)
    # Pixels from PDFium at 30 dpi (a fifth of poppler's pdftoppm's CPU for the same pages,
    # bench/README.md), the text layer from poppler: the print is read by two readers.
    assert all(ink(document[n].render(scale=30 / 72).to_pil()) > 0.001 for n in range(pages))  # no blank page
    texts = pdftotext(spec_pdf)
    assert len(texts) == pages
    cover = texts[1]
    for text in ("ICS 35.240", "CCS L 60", "GB/T XXXXX—XXXX", "征求意见稿", "发布", "实施", TITLE[0]):
        assert re.sub(r"\s", "", text) in re.sub(r"\s", "", cover), text
    toc = texts[2]
    entries = dict(re.findall(r"^\s*(\S.*?\S)\s{2,}([IVXLC]+|\d+)\s*$", toc, re.M))
    assert {"前言", "1 范围", "参考文献"} <= set(entries) and len(entries) >= 15  # a number for every entry
    assert entries["前言"] == "II" and entries["1 范围"] == "1"  # after the 目次 (I); the body from 1
    page_of = {footer: n for n, (_, footer) in enumerate(printed_margins(spec_pdf), start=1) if footer}
    for title in ("前言", "引言", "1 范围", "附录 B（资料性）测试用例与自动化测试工具的对应关系", "参考文献"):
        # the number is the page the heading is on (an annex's heading is three lines: GB/T 1.1-2020, 10.4.1)
        assert squeezed(title) in squeezed(texts[page_of[entries[title]]]), title
    for n in range(3, page_of[entries["附录 B（资料性）测试用例与自动化测试工具的对应关系"]]):
        assert "`" not in texts[n] and NODE.findall(texts[n]) == [], n  # no Markdown, no test node ID or command


def squeezed(text: str) -> str:
    """Text without white space (a heading set on several lines reads as one)."""
    return re.sub(r"\s+", "", text)


def test_a_toc_number_that_is_not_the_heading_page_fails_the_check():
    entries = dict(re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", "前言    3\n1 范围     5\n", re.M))
    assert entries == {"前言": "3", "1 范围": "5"}
    assert tool_words("1. 执行 conformance run --requirement ID-DOC-001") != []
    assert NODE.findall("见 suites/a/test_b.py::test_c[1] 与 conformance run") == [
        "suites/a/test_b.py::test_c[1]", "conformance run"]


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
@pytest.mark.skipif(find_soffice() is None, reason="no LibreOffice (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_lays_the_docx_out_close_to_the_pdf(spec_pdf, tmp_path):
    docx = tmp_path / "specification.docx"
    assert main(["catalog", "render", "--format", "docx", "--out", str(docx)]) == 0
    printed = docx_to_pdf(find_soffice(), docx, tmp_path)
    assert printed is not None
    office, direct = len(pdfium.PdfDocument(printed)), len(pdfium.PdfDocument(spec_pdf))
    print(f"LibreOffice {office} pages, direct PDF {direct} pages: {office / direct:.2f}x")
    assert office <= PAGE_RATIO * direct
    document = pdfium.PdfDocument(printed)
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    headers, footers = zip(*margins(document), strict=True)
    assert headers[0] == footers[0] == "" and set(headers[1:]) == {NUMBER}  # the cover bare, then the number
    body_start = next(i for i, text in enumerate(texts) if i > 1 and "目次" not in text and "1 范围" in text)
    assert numbering_problems(list(footers), body_start) == []  # I, II... then 1, 2... from clause 1
    toc = texts[1]
    entries = dict(re.findall(r"^(\S.*?)\.{3,}\s*([IVXLC]+|\d+)\s*$", toc, re.M))
    assert len(entries) >= 15 and "参考文献" in entries and entries["前言"] == "II"  # the 目次 is populated
    page_of = {footer: index for index, footer in enumerate(footers) if footer}
    for title, number in entries.items():  # each number is the page its heading is on
        assert squeezed(title) in squeezed(texts[page_of[number]]), title
    assert not any("`" in text for text in texts)
    assert cut_ids(texts) == []  # no requirement ID broken across two lines
    import docx as python_docx

    written = python_docx.Document(str(docx))
    words = set(re.findall(r"[A-Za-z]{2,}", "\n".join(
        [p.text for p in written.paragraphs] + [c.text for t in written.tables for r in t.rows for c in r.cells])))
    assert cut_words(texts, words) == []


#: the start of a requirement ID at a line end, the rest at the next line's start
_ID_HEAD = re.compile(r"(?<![A-Za-z0-9-])([A-Z]{2}(?:-[A-Z0-9]*)?(?:-\d{0,2})?)$")
_ID_TAIL = re.compile(r"^([A-Z0-9-]+)")
_ID = re.compile(r"[A-Z]{2}-[A-Z0-9]+-\d{3}")


def cut_ids(pages: list[str]) -> list[str]:
    """Requirement IDs a layout broke across two lines (``AS-R`` / ``EG-004``): a line ending
    in the start of an ID and the next starting with the rest."""
    cut = []
    for text in pages:
        lines = [line.strip().replace("\u2060", "") for line in text.splitlines()]
        for line, following in zip(lines, lines[1:], strict=False):
            head, tail = _ID_HEAD.search(line), _ID_TAIL.match(following)
            if head and tail and not _ID.fullmatch(head[1]) and _ID.fullmatch(head[1] + tail[1]):
                cut.append(head[1] + "|" + tail[1])
    return cut


def test_an_id_broken_across_lines_is_found():
    assert cut_ids(["AS-API-001、AS-R\nEG-004", "IF-PAGE-00\n1", "（AS-A\nIGC-008）"]) == [
        "AS-R|EG-004", "IF-PAGE-00|1", "AS-A|IGC-008"]
    assert cut_ids(["AS-API-001、\nAS-REG-004", "RB-TRACK-001\n2026"]) == []


def cut_words(pages: list[str], words: set[str]) -> list[str]:
    """Words a layout cut at a line end (``tr`` / ``ansfer``): a line ending in letters and the
    next starting with lower-case letters that join into a word of the source text, neither
    half being one."""
    cut = []
    for text in pages:
        lines = text.splitlines()
        for line, following in zip(lines, lines[1:], strict=False):
            head, tail = re.search(r"([A-Za-z]+)\s*$", line), re.match(r"\s*([a-z]+)", following)
            if head and tail and head[1] + tail[1] in words and head[1] not in words and tail[1] not in words:
                cut.append(head[1] + "|" + tail[1])
    return cut


def test_a_word_cut_at_a_line_end_is_found():
    assert cut_words(["字段 tr\nansfer 的值"], {"transfer", "the"}) == ["tr|ansfer"]
    assert cut_words(["the\ntransfer"], {"transfer", "the"}) == []


def test_a_docx_without_libreoffice_says_its_toc_has_no_page_numbers(tmp_path, monkeypatch, capsys, cli_docx):
    if find_soffice() is None:  # the session's render (tests/drafting/conftest.py) is already one without it
        code, out, err = cli_docx
    else:
        monkeypatch.setattr("conformance.drafting.render.find_soffice", lambda: None)
        out = tmp_path / "spec.docx"
        code, err = main(["catalog", "render", "--format", "docx", "--out", str(out)]), capsys.readouterr().err
    assert code == 0
    assert out.is_file() and "the 目次 has no page numbers" in err and "libreoffice-writer-nogui" in err


def test_a_probe_is_printed_untagged_and_the_final_print_tagged(tmp_path, monkeypatch):
    """A probe is read only for its row marks' pages; its structure tree (13 of 22 MB) is left out."""
    commands: list[list[str]] = []

    def chromium(command: list[str], **_: object) -> None:
        commands.append(command)
        Path(next(a for a in command if a.startswith("--print-to-pdf=")).split("=", 1)[1]).write_bytes(b"%PDF-1.7")

    monkeypatch.setattr("conformance.drafting.pdf.subprocess.run", chromium)
    _print("chromium", "<p>probe</p>", tmp_path / "probe", tmp_path / "x.pdf", tagged=False)
    _print("chromium", "<p>final</p>", tmp_path / "final", tmp_path / "x.pdf")
    assert ["--disable-pdf-tagging" in command for command in commands] == [True, False]


def test_pdf_without_chromium_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CHROMIUM", "")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["catalog", "render", "--format", "pdf", "--out", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "needs Chromium" in err and "Traceback" not in err and not (tmp_path / "x.pdf").exists()
    assert main(["catalog", "render", "--format", "pdf"]) == 2
    assert "needs --out" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_render_that_could_not_number_its_toc_is_refused_naming_the_extra(tmp_path, monkeypatch, capsys, kind):
    """Without pypdfium2 the 目次 would be written without page numbers and the command exit 0
    (issue 73): it says so in one line naming the drafting extra instead, exit 2, and writes nothing."""
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if installed without the drafting extra
    monkeypatch.setattr("conformance.drafting.render.find_soffice", lambda: "/usr/bin/soffice")  # its pages to read
    out = tmp_path / f"spec.{kind}"
    assert main(["catalog", "render", "--format", kind, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "目次" in err and "pip install '.[drafting]' in a clone" in err and not out.exists()


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_the_explanatory_note_prints_as_pdf_its_table_laid_out(catalog, tmp_path):
    """The help offers PDF for --part explanatory (issue 73 refused it): A4 pages with the
    standard's number in the header, the table's header repeated on each page it runs onto,
    one policy clause key a line and no comma left alone at a line's start."""
    out = tmp_path / "explanatory.pdf"
    assert main(["catalog", "render", "--part", "explanatory", "--format", "pdf", "--out", str(out)]) == 0
    pdf = pdfium.PdfDocument(out)
    assert len(pdf) >= 2 and all(is_a4(pdf[i]) for i in range(len(pdf)))
    headers, footers = zip(*margins(pdf), strict=True)
    assert set(headers) == {NUMBER} and list(footers) == [str(n) for n in range(1, len(pdf) + 1)]
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert "编制说明" in texts[0] and "三、主要内容及其确定依据" in "".join(texts)
    lines = [line.strip() for text in texts for line in text.splitlines()]
    assert not [line for line in lines if line[:1] in (",", "，")], "a comma alone at a line's start"
    # the clauses as the 参考文献 numbers them, 「[1] 3.1.3」, since the sixth reading of issue 76 (not the keys)
    from conformance.drafting.listorder import seed_clauses
    from conformance.drafting.tables import load_tables

    keys = {key for req in catalog.requirements.values() for key in req.source.policy}
    clauses = set(seed_clauses(load_tables(catalog), keys))
    starts = {line for line in lines if line in clauses}
    assert len(starts) >= len(clauses) // 2  # one clause a line (a page break may share one with a row)
    # a page holding a policy clause of the table (「[1] 3.1.3」, not the limits table's 「[95] 4 Request object」)
    def has_clause(text: str) -> bool:
        return any(line.strip() in clauses for line in text.splitlines())
    table_pages = [i for i, text in enumerate(texts) if has_clause(text) and "引用最多的规范性引用文件" in text]
    assert table_pages and all("引用最多的规范性引用文件" in texts[i] for i in range(table_pages[0], len(texts))
                               if has_clause(texts[i]))  # the header repeats where the table runs on


if __name__ == "__main__":  # python -m tests.drafting.test_spec_pdf docs/screenshots
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    target = Path(folder) / "specification.pdf"
    main(["catalog", "render", "--format", "pdf", "--out", str(target)])
    render_page(pdfium.PdfDocument(target), 0, folder / "specification-pdf-page-1.png")
    target.unlink()
