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
from .spec import NUMBER, body_start, page_labels, standard_number

#: the names Debian, Ubuntu and Google give the browser
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: how long one print may take (the whole specification prints in a few seconds)
TIMEOUT_S = 300


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), *CANDIDATES):
        if name and (path := shutil.which(name)):
            return path
    return None


def print_css(number: str = NUMBER, *, body_on_left: bool = False) -> str:
    """A4 with the DOCX's margins; the standard's number in the running header of every page but
    the cover's; the front matter (``.front``: 目次, 前言, 引言) numbered I, II... from the page
    after the cover, the body 1, 2... from its first page (GB/T 1.1-2020). The cover's page
    adds nothing to the page counter and the front matter's pages count on a counter of their
    own, so the body starts at 1.

    Printed on both sides, as GB standards are published, the running header and the page number
    stand at the outer edge: on the right of an odd-numbered page, on the left of an even one, and
    the wider margin (25 mm) at the binding edge. The browser's ``:left`` and ``:right`` pages are
    the sheets' sides counted from the cover (page 1, a right page), while the side a number goes
    to follows the number: the front matter's I is on the cover's second page (a left page), so
    its sides are swapped; the body's 1 is on a left page when ``body_on_left`` (read from the
    first print, :func:`render_pdf`)."""
    number = number.replace("\\", "").replace('"', "'")

    def side(odd: bool, counter: str) -> str:
        outer, inner = ("right", "left") if odd else ("left", "right")
        return (f"margin-{inner}:25mm;margin-{outer}:20mm;"
                f'@top-{outer}{{content:"{number}";font-size:9pt;color:#444}}@top-{inner}{{content:none}}'
                f"@bottom-{outer}{{content:{counter};font-size:9pt}}@bottom-{inner}{{content:none}}")

    body, front = "counter(page)", "counter(front,upper-roman)"
    return ("<style>@page{size:A4;margin:25mm 20mm 20mm 25mm}"
            f"@page :right{{{side(not body_on_left, body)}}}@page :left{{{side(body_on_left, body)}}}"
            "@page cover{counter-increment:page 0;@top-right{content:none}@bottom-right{content:none}"
            "@top-left{content:none}@bottom-left{content:none}}"
            "@page front{counter-increment:page 0 front 1}"
            f"@page front:right{{{side(False, front)}}}@page front:left{{{side(True, front)}}}"
            ".cover{page:cover}.front{page:front}"
            "body{margin:0;max-width:none;font-size:10.5pt}.page{break-before:page}"
            "h1{font-size:13pt}h2,h3{font-size:11pt}td,th{font-size:9.5pt}"
            "tr,h2,h3{break-inside:avoid}h1,h2,h3{break-after:avoid}</style>")


def render_pdf(catalog: Catalog, out: Path, changes: dict[str, object] | None = None, lang: str = "zh",
               rates: list[dict[str, object]] | None = None, *, part: str = "draft",
               report: dict[str, object] | None = None) -> None:
    """The draft is printed until its tables' page breaks hold (:mod:`.continued`: each print
    with the row marks says where a table runs onto a new page; the next one cuts it there, the
    part continued under 「表 N（续）」), then once more without marks and with the page numbers
    of the 目次 (the 目次 keeps its length, so the pages do not move) and the pages' sides. A
    document without 目次 and without numbered tables (the 编制说明) is printed once."""
    from .._io.outputs import atomic_write
    from .continued import settle
    from .render import blocks, heading_pages, html_of, require_page_reader

    items = blocks(catalog, changes, lang, rates, part=part, report=report)
    toc = next((b.rows for b in items if b.kind == "toc"), ())
    probe = bool(toc) or any(b.number for b in items)
    if probe:
        require_page_reader("--format pdf")
    executable = find_chromium()
    if executable is None:
        raise HarnessInputError("--format pdf", "needs Chromium to print the specification, found none on PATH",
                                "apt-get install chromium fonts-noto-cjk, or set CHROMIUM=/path/to/chromium")

    def page(labels: dict[str, str] | None, splits: dict[int, tuple[int, ...]], *, marks: bool = False,
             body_on_left: bool = False) -> str:
        css = print_css(standard_number(catalog), body_on_left=body_on_left)
        # the blocks rendered once above: the rounds differ in pages, cuts and marks, not in the text
        return html_of(items, lang, labels, splits=splits, marks=marks).replace("</head>", css + "</head>", 1)

    covered = any(b.kind == "cover" for b in items)
    with tempfile.TemporaryDirectory(prefix="conformance-pdf-") as tmp:
        splits: dict[int, tuple[int, ...]] = {}
        labels, body_page = None, 2 if covered else 1
        if probe:
            def printed(round_: int, splits: dict[int, tuple[int, ...]]) -> Path:
                return _print(executable, page(None, splits, marks=True), Path(tmp) / f"probe{round_}", out,
                              tagged=False)

            splits, draft = settle(printed)
            if toc:
                pages = heading_pages(draft, [(text, anchor) for _, text, anchor in toc])
                labels = page_labels(pages, toc)
                body_page = body_start(pages, toc) or body_page
        final = _print(executable, page(labels, splits, body_on_left=body_page % 2 == 0), Path(tmp) / "final", out)
        data = final.read_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, data)


def _print(executable: str, page: str, folder: Path, out: Path, *, tagged: bool = True) -> Path:
    """The PDF Chromium printed of ``page``, in ``folder`` (read by the caller: a probe's pages
    are read where they were written). Chromium tags the PDF (a structure tree for assistive
    technology) unless told not to: the tree is about 130 000 objects, 13 of the draft's 22 MB and
    some 0.3 of a print's CPU. The final print keeps it; a probe (``tagged=False``), read only for
    the pages its row marks stand on, lays out the same without it (headless Chromium's
    ``--disable-pdf-tagging``: headless/lib/renderer/headless_print_render_frame_helper_delegate.cc)."""
    folder.mkdir()
    source, printed = folder / "specification.html", folder / "specification.pdf"
    source.write_text(page, encoding="utf-8")
    command = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--no-default-browser-check", "--no-pdf-header-footer", f"--user-data-dir={folder / 'profile'}",
               *(() if tagged else ("--disable-pdf-tagging",)), f"--print-to-pdf={printed}", source.as_uri()]
    try:
        subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputFailed(str(out), f"Chromium ({executable}) did not print the PDF: {exc}") from None
    head = b""
    if printed.is_file():
        with printed.open("rb") as file:
            head = file.read(5)
    if head != b"%PDF-":
        raise OutputFailed(str(out), f"Chromium ({executable}) wrote no PDF", "run it by hand to see why")
    return printed
