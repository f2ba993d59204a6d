"""The rendered draft and its 编制说明, once a test process: the drafting tests read the same Chinese
and English blocks (each render walks the whole catalog, a few seconds), and a Block is frozen."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from conformance import Catalog
from conformance.drafting.render import blocks
from conformance.drafting.writer import Block
from tests.conftest import once_per_session


@pytest.fixture(scope="session")
def zh(catalog: Catalog) -> list[Block]:
    return blocks(catalog)


@pytest.fixture(scope="session")
def en(catalog: Catalog) -> list[Block]:
    return blocks(catalog, lang="en")


@pytest.fixture(scope="session")
def note(catalog: Catalog) -> list[Block]:
    from conformance.drafting.explanatory import explanatory_note

    return explanatory_note(catalog)


@pytest.fixture(scope="session")
def note_en(catalog: Catalog) -> list[Block]:
    from conformance.drafting.explanatory import explanatory_note

    return explanatory_note(catalog, "en")


@pytest.fixture(scope="session")
def cli_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, str]:
    """``conformance catalog render --format docx`` of the shipped catalog, run once a test
    process for the tests that read what it wrote (about 6 CPU-s a render, a minute more when
    LibreOffice numbers the 目次): its exit code, the file and what it said on stderr. Where
    LibreOffice is missing (CI), this is also the render without it that
    tests/drafting/test_spec_pdf.py reads. Made once a test session, whichever xdist worker asks
    first (the two modules reading it may run on two workers)."""
    made = once_per_session(tmp_path_factory, "cli-docx", _render_docx)
    return made["code"], Path(made["out"]), made["err"]


def _render_docx(folder: Path) -> dict[str, object]:
    from conformance.cli import main

    out = folder / "catalog.docx"
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        code = main(["catalog", "render", "--format", "docx", "--out", str(out)])
    return {"code": code, "out": str(out), "err": said.getvalue()}


@pytest.fixture(scope="session")
def zh_markdown(catalog: Catalog) -> str:
    """The shipped catalog's Chinese Markdown specification, rendered once a test process for
    the modules that read it (about 0.8 CPU-s a render)."""
    from conformance.drafting.render import render_markdown

    return render_markdown(catalog)


@pytest.fixture(scope="session")
def en_markdown(catalog: Catalog) -> str:
    from conformance.drafting.render import render_markdown

    return render_markdown(catalog, lang="en")


@pytest.fixture(scope="session")
def zh_html(catalog: Catalog) -> str:
    """The Chinese HTML specification, rendered once a test process (about 0.9 CPU-s a render)."""
    from conformance.drafting.render import render_html

    return render_html(catalog)
