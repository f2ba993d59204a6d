"""The PDF specification (`catalog render --format pdf`, headless Chromium's print to PDF)
read back as pages: every page A4, page 1 rendered to a PNG that is not blank, the running
header and "page / pages" footer on every page, a test case for every requirement. A blank
page fails the same check. ``python -m tests.test_spec_pdf docs/screenshots`` regenerates
the screenshot of page 1."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from conformance.cli import main
from conformance.drafting.pdf import find_chromium
from conformance.drafting.spec import TITLE

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


@pytest.mark.slow
@pytest.mark.skipif(find_chromium() is None, reason="no chromium on PATH (apt-get install chromium; .ci/run does)")
def test_the_pdf_has_a4_pages_with_header_footer_and_every_test_case(catalog, tmp_path):
    out = tmp_path / "specification.pdf"
    assert main(["catalog", "render", "--format", "pdf", "--out", str(out)]) == 0
    pdf = pdfium.PdfDocument(out)
    pages = len(pdf)
    assert pages > 20 and all(is_a4(pdf[i]) for i in range(pages))
    first = render_page(pdf, 0, tmp_path / "page-1.png")
    assert first.size == (827, 1170)  # A4 at 100 dpi
    assert ink(first) > 0.005  # text on it, not a blank page
    texts = [pdf[i].get_textpage().get_text_range() for i in range(pages)]
    for number, text in enumerate(texts, start=1):
        assert TITLE[0] in text and f"{number} / {pages}" in text  # running header, page / pages
    whole = "".join(texts)
    assert all(req_id in whole for req_id in catalog.requirements)
    assert "测试目的" in whole and "判定准则" in whole


def test_pdf_without_chromium_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CHROMIUM", "")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["catalog", "render", "--format", "pdf", "--out", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "needs Chromium" in err and "Traceback" not in err and not (tmp_path / "x.pdf").exists()
    assert main(["catalog", "render", "--format", "pdf"]) == 2
    assert "needs --out" in capsys.readouterr().err


if __name__ == "__main__":  # python -m tests.test_spec_pdf docs/screenshots
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    target = Path(folder) / "specification.pdf"
    main(["catalog", "render", "--format", "pdf", "--out", str(target)])
    render_page(pdfium.PdfDocument(target), 0, folder / "specification-pdf-page-1.png")
    target.unlink()
