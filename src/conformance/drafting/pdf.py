"""``conformance catalog render --format pdf``: the HTML specification printed by headless
Chromium (``--print-to-pdf``), the maintained converter Debian packages (``apt-get install
chromium fonts-noto-cjk``; ``.ci/run`` installs both for the browser tests).

The page set-up is CSS paged media: A4 with the GB/T 1.1-2020 margins of the DOCX, the
standard's number in the running header, the page number in the footer (``@page`` margin
boxes): none on the cover, Roman numerals for the front matter, Arabic from 1 for the body
(named pages and a counter of the front matter's own), each chapter on a new page. Chromium
is found as ``$CHROMIUM`` or on ``PATH``; without it the command says so in one line (exit 2).
tests/drafting/test_spec_pdf.py renders the pages back to pixels (pypdfium2) and reads the
page numbers and the running header from the pages' margins.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .._catalog.catalog import Catalog
from ..errors import HarnessInputError, OutputFailed
from .spec import NUMBER, page_labels, standard_number

#: the names Debian, Ubuntu and Google give the browser
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: how long one print may take (the whole specification prints in a few seconds)
TIMEOUT_S = 300


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), *CANDIDATES):
        if name and (path := shutil.which(name)):
            return path
    return None


def print_css(number: str = NUMBER) -> str:
    """A4 with the DOCX's margins; the standard's number in the running header of every page but
    the cover's; the front matter (``.front``: 目次, 前言, 引言) numbered I, II... from the page
    after the cover, the body 1, 2... from its first page (GB/T 1.1-2020). The cover's page
    adds nothing to the page counter and the front matter's pages count on a counter of their
    own, so the body starts at 1."""
    number = number.replace("\\", "").replace('"', "'")
    return ("<style>@page{size:A4;margin:25mm 20mm 20mm 25mm;"
            f'@top-right{{content:"{number}";font-size:9pt;color:#444}}'
            "@bottom-center{content:counter(page);font-size:9pt}}"
            "@page cover{counter-increment:page 0;@top-right{content:none}@bottom-center{content:none}}"
            "@page front{counter-increment:page 0 front 1;@bottom-center{content:counter(front,upper-roman)}}"
            ".cover{page:cover}.front{page:front}"
            "body{margin:0;max-width:none;font-size:10.5pt}.page{break-before:page}"
            "h1{font-size:13pt}h2,h3{font-size:11pt}td,th{font-size:9.5pt}"
            "tr,h2,h3{break-inside:avoid}h1,h2,h3{break-after:avoid}</style>")


def render_pdf(catalog: Catalog, out: Path, changes: dict[str, object] | None = None, lang: str = "zh",
               rates: list[dict[str, object]] | None = None, *, part: str = "draft",
               report: dict[str, object] | None = None) -> None:
    """The draft is printed twice: the first print says on which page each 目次 entry starts,
    the second carries those page numbers (the 目次 keeps its length, so the pages do not
    move). The 编制说明 (``part="explanatory"``) has no 目次: one print."""
    from .._io.outputs import atomic_write
    from .render import blocks, heading_pages, render_html, require_page_reader

    toc = next((b.rows for b in blocks(catalog, changes, lang, rates, part=part, report=report)
                if b.kind == "toc"), ())
    if toc:
        require_page_reader("--format pdf")
    executable = find_chromium()
    if executable is None:
        raise HarnessInputError("--format pdf", "needs Chromium to print the specification, found none on PATH",
                                "apt-get install chromium fonts-noto-cjk, or set CHROMIUM=/path/to/chromium")

    def page(labels: dict[str, str] | None) -> str:
        css = print_css(standard_number(catalog))
        return render_html(catalog, changes, lang, rates, labels, part=part, report=report).replace(
            "</head>", css + "</head>", 1)

    with tempfile.TemporaryDirectory(prefix="conformance-pdf-") as tmp:
        if toc:
            draft = _print(executable, page(None), Path(tmp) / "draft", out)
            (Path(tmp) / "draft.pdf").write_bytes(draft)
            pages = heading_pages(Path(tmp) / "draft.pdf", [(text, anchor) for _, text, anchor in toc])
            data = _print(executable, page(page_labels(pages, toc)), Path(tmp) / "final", out)
        else:
            data = _print(executable, page(None), Path(tmp) / "final", out)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, data)


def _print(executable: str, page: str, folder: Path, out: Path) -> bytes:
    folder.mkdir()
    source, printed = folder / "specification.html", folder / "specification.pdf"
    source.write_text(page, encoding="utf-8")
    command = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--no-default-browser-check", "--no-pdf-header-footer", f"--user-data-dir={folder / 'profile'}",
               f"--print-to-pdf={printed}", source.as_uri()]
    try:
        subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputFailed(str(out), f"Chromium ({executable}) did not print the PDF: {exc}") from None
    data = printed.read_bytes() if printed.is_file() else b""
    if not data.startswith(b"%PDF-"):
        raise OutputFailed(str(out), f"Chromium ({executable}) wrote no PDF", "run it by hand to see why")
    return data
