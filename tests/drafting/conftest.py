"""The rendered draft and its 编制说明, once a test process: the drafting tests read the same Chinese
and English blocks (each render walks the whole catalog, a few seconds), and a Block is frozen."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance import Catalog
from conformance.drafting.render import blocks, markdown_of
from conformance.drafting.writer import Block
from tests import session_commands
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
def note_en(catalog: Catalog, note: list[Block]) -> list[Block]:
    from conformance.drafting.explanatory import explanatory_note

    return explanatory_note(catalog, "en", zh=note)  # marked against the session's Chinese note, not a second one


@pytest.fixture(scope="session")
def note_md(note: list[Block]) -> str:
    """The Chinese 编制说明 as Markdown, written once a test process from the ``note`` blocks
    (the modules reading its text share one render instead of one each)."""
    return markdown_of(note)


@pytest.fixture(scope="session")
def note_md_en(note_en: list[Block]) -> str:
    return markdown_of(note_en)


@pytest.fixture(scope="session")
def cli_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, str]:
    """``conformance catalog render --format docx`` of the shipped catalog, run once a test
    session for the tests that read what it wrote (about 6 CPU-s a render, a minute more when
    LibreOffice numbers the 目次; tests/session_commands.py): its exit code, the file and what it said on
    stderr. Where LibreOffice is missing (CI), this is also the render without it that
    tests/drafting/test_spec_pdf.py reads. Whichever xdist worker asks first makes it (the
    modules reading it may run on several workers, and docs/catalog.md's line is this command)."""
    made = session_commands.run_once(tmp_path_factory, session_commands.DOCX)
    return made["code"], Path(made["folder"]) / session_commands.DOCX[-1], made["err"]


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


@pytest.fixture(scope="session")
def en_html(catalog: Catalog) -> str:
    """The English HTML specification, rendered once a test process (about 1.3 CPU-s a render)."""
    from conformance.drafting.render import render_html

    return render_html(catalog, lang="en")


@pytest.fixture(scope="session")
def zh_docx(tmp_path_factory: pytest.TempPathFactory, zh: list[Block]) -> bytes:
    """The Chinese draft's DOCX as ``docx_bytes`` writes it from the blocks (no 目次 page numbers),
    made once a test session for the tests that read its tables and paragraphs: python-docx
    builds it in about 4 CPU-s, and three modules read it. Whichever xdist worker asks first
    writes it into the session's shared folder; the others read the file."""
    pytest.importorskip("docx")
    from conformance.drafting.wordfile import docx_bytes

    def make(folder: Path) -> dict[str, str]:
        (folder / "draft.docx").write_bytes(docx_bytes(zh, "zh", None))
        return {"folder": str(folder)}

    return (Path(once_per_session(tmp_path_factory, "zh-docx", make)["folder"]) / "draft.docx").read_bytes()
