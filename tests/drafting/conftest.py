"""The rendered draft and its 编制说明, once a test session (the first xdist worker to ask renders
them, the others read its blocks): the drafting tests read the same Chinese and English blocks
(each render walks the whole catalog: 2 CPU-s in Chinese, 5–7 in English), and a Block is frozen.
The Markdown and HTML fixtures write those same blocks (``markdown_of``, ``html_of``: what
``render_markdown`` and ``render_html`` write of a fresh render), not a render of their own each."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from conformance import Catalog
from conformance.drafting.render import blocks, html_of, markdown_of
from conformance.drafting.writer import Block
from tests import session_commands
from tests.conftest import once_per_session


def _blocks_once(factory: pytest.TempPathFactory, name: str, render: Callable[[], list[Block]]) -> list[Block]:
    """``render()``'s blocks, rendered by the first xdist worker to ask and read by the others
    (pickled: a Block is a frozen dataclass of strings and tuples), not rendered in each worker."""

    def make(folder: Path) -> dict[str, str]:
        (folder / "blocks.pickle").write_bytes(pickle.dumps(render()))
        return {"folder": str(folder)}

    made = once_per_session(factory, name, make)
    return cast(list[Block], pickle.loads((Path(made["folder"]) / "blocks.pickle").read_bytes()))


@pytest.fixture(scope="session")
def zh(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    return _blocks_once(tmp_path_factory, "drafting-zh", lambda: blocks(catalog))


@pytest.fixture(scope="session")
def en(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    return _blocks_once(tmp_path_factory, "drafting-en", lambda: blocks(catalog, lang="en"))


@pytest.fixture(scope="session")
def note(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    from conformance.drafting.explanatory import explanatory_note

    return _blocks_once(tmp_path_factory, "drafting-note", lambda: explanatory_note(catalog))


@pytest.fixture(scope="session")
def note_en(catalog: Catalog, note: list[Block], tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    from conformance.drafting.explanatory import explanatory_note

    # marked against the session's Chinese note, not a second one
    return _blocks_once(tmp_path_factory, "drafting-note-en", lambda: explanatory_note(catalog, "en", zh=note))


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
def zh_markdown(zh: list[Block]) -> str:
    """The shipped catalog's Chinese Markdown specification (``render_markdown(catalog)``)."""
    return markdown_of(zh)


@pytest.fixture(scope="session")
def en_markdown(en: list[Block]) -> str:
    return markdown_of(en)


@pytest.fixture(scope="session")
def zh_html(zh: list[Block]) -> str:
    """The Chinese HTML specification (``render_html(catalog)``)."""
    return html_of(zh)


@pytest.fixture(scope="session")
def en_html(en: list[Block]) -> str:
    return html_of(en, "en")


@pytest.fixture(scope="session")
def note_html(note: list[Block]) -> str:
    """The Chinese 编制说明 as HTML (``render_html(catalog, part="explanatory")``)."""
    return html_of(note)


@pytest.fixture(scope="session")
def zh_docx(tmp_path_factory: pytest.TempPathFactory, zh: list[Block], request: pytest.FixtureRequest) -> bytes:
    """The Chinese draft's DOCX as ``docx_bytes`` writes it from the blocks (no 目次 page numbers),
    made once a test session for the tests that read its tables and paragraphs: python-docx
    builds it in about 4 CPU-s, and three modules read it. Whichever xdist worker asks first
    writes it into the session's shared folder; the others read the file. Where LibreOffice is
    missing (CI), ``catalog render --format docx`` writes exactly this (``render_docx``: the same
    blocks through ``docx_bytes`` without page numbers; every part of the package alike, only the
    zip's timestamps differ), so the session's ``cli_docx`` is read instead of a second build."""
    pytest.importorskip("docx")
    from conformance.drafting.render import find_soffice
    from conformance.drafting.wordfile import docx_bytes

    if find_soffice() is None:
        _, written, _ = request.getfixturevalue("cli_docx")
        return written.read_bytes()

    def make(folder: Path) -> dict[str, str]:
        (folder / "draft.docx").write_bytes(docx_bytes(zh, "zh", None))
        return {"folder": str(folder)}

    return (Path(once_per_session(tmp_path_factory, "zh-docx", make)["folder"]) / "draft.docx").read_bytes()


@pytest.fixture(scope="session")
def limit_tables(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, tuple[str, str]]]:
    """The 编制说明's limits table as ``limit_basis`` builds it of every normative requirement, by language: each
    requirement's (limits, basis) cells. Built once a test session (about 12 CPU-s a language): two modules read
    both tables (tests/drafting/test_spec_leftovers_eighteenth_b.py's ``_table``)."""
    from tests.drafting.test_spec_leftovers_eighteenth_b import _table

    made = once_per_session(tmp_path_factory, "drafting-limits",
                            lambda folder: {lang: _table(catalog, lang) for lang in ("zh", "en")})
    return {lang: {rid: (limits, basis) for rid, (limits, basis) in rows.items()} for lang, rows in made.items()}
