"""``conformance catalog render --format pdf``: the HTML specification printed by headless
Chromium (``--print-to-pdf``), the maintained converter Debian packages (``apt-get install
chromium fonts-noto-cjk``; ``.ci/run`` installs both for the browser tests).

The page set-up is CSS paged media: A4 with the GB/T 1.1-2020 margins of the DOCX, the
document title in the running header and "page / pages" in the footer (``@page`` margin
boxes), each chapter on a new page. Chromium is found as ``$CHROMIUM`` or on ``PATH``; without
it the command says so in one line (exit 2). tests/test_spec_pdf.py renders the pages back
to pixels (pypdfium2).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog
from ..errors import HarnessInputError, OutputFailed
from .spec import TITLE

#: the names Debian, Ubuntu and Google give the browser
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: how long one print may take (the whole specification prints in a few seconds)
TIMEOUT_S = 300


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), *CANDIDATES):
        if name and (path := shutil.which(name)):
            return path
    return None


def print_css() -> str:
    title = TITLE[0].replace('"', "'")
    return ("<style>@page{size:A4;margin:25mm 20mm 20mm 25mm;"
            f'@top-center{{content:"{title}";font-size:9pt;color:#444}}'
            '@bottom-center{content:counter(page) " / " counter(pages);font-size:9pt}}'
            "body{margin:0;max-width:none;font-size:10.5pt}h2{break-before:page}nav h2{break-before:auto}"
            "tr,h3,h4{break-inside:avoid}h3,h4{break-after:avoid}</style>")


def render_pdf(catalog: Catalog, out: Path, changes: dict[str, Any] | None = None) -> None:
    from .._io.outputs import atomic_write
    from .render import render_html

    executable = find_chromium()
    if executable is None:
        raise HarnessInputError("--format pdf", "needs Chromium to print the specification, found none on PATH",
                                "apt-get install chromium fonts-noto-cjk, or set CHROMIUM=/path/to/chromium")
    page = render_html(catalog, changes).replace("</head>", print_css() + "</head>", 1)
    with tempfile.TemporaryDirectory(prefix="conformance-pdf-") as tmp:
        source, printed = Path(tmp) / "specification.html", Path(tmp) / "specification.pdf"
        source.write_text(page, encoding="utf-8")
        command = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--no-default-browser-check", "--no-pdf-header-footer", f"--user-data-dir={Path(tmp) / 'profile'}",
                   f"--print-to-pdf={printed}", source.as_uri()]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputFailed(str(out), f"Chromium ({executable}) did not print the PDF: {exc}") from None
        data = printed.read_bytes() if printed.is_file() else b""
        if not data.startswith(b"%PDF-"):
            raise OutputFailed(str(out), f"Chromium ({executable}) wrote no PDF", "run it by hand to see why")
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, data)
