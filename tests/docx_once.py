"""``conformance catalog render --format docx --out catalog.docx``, as docs/catalog.md writes it,
run once a test session on the shipped catalog (about 6 CPU-s a render): read by the drafting
tests (tests/drafting/conftest.py ``cli_docx``) and taken by tests/house/test_docs_commands.py
for the documented line itself where its catalog copy is still the checkout's, byte for byte."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import once_per_session

#: the documented command line (docs/catalog.md), as the harness's ``main`` takes it
ARGV = ("catalog", "render", "--format", "docx", "--out", "catalog.docx")


def rendered_once(factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The render's exit code (``code``), the file it wrote (``out``) and its stderr (``err``):
    made by whichever xdist worker asks first, in the session's shared folder."""
    return once_per_session(factory, "cli-docx", _render)


def _render(folder: Path) -> dict[str, Any]:
    from conformance.cli import main

    said = io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stderr(said):  # --out relative, as documented
        code = main(list(ARGV))
    return {"code": code, "out": str(folder / ARGV[-1]), "err": said.getvalue()}
