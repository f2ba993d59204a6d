"""Documented command lines run once a test session on the shipped catalog, for the tests that
read what they did: docs/catalog.md's DOCX render (about 6 CPU-s; the drafting tests' ``cli_docx``,
tests/drafting/conftest.py) and its ``catalog lint`` (about 3.5 CPU-s; tests/drafting/test_catalog_lint.py's
shipped catalog). tests/house/test_docs_commands.py takes them for the documented lines themselves
while its catalog copy is still the checkout's, byte for byte: the same command line on the same
bytes, run once."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import once_per_session

#: the documented command line (as the harness's ``main`` takes it) -> its session product's name
COMMANDS = {
    ("catalog", "render", "--format", "docx", "--out", "catalog.docx"): "cli-docx",
    ("catalog", "lint"): "shipped-lint",
}
DOCX = next(argv for argv, name in COMMANDS.items() if name == "cli-docx")


def run_once(factory: pytest.TempPathFactory, argv: tuple[str, ...]) -> dict[str, Any]:
    """The command's exit code (``code``), its stdout (``stdout``) and stderr (``err``), and the
    folder it ran in (``folder``: what it wrote with a relative path is there): made by whichever
    xdist worker asks first, in the session's shared folder."""
    return once_per_session(factory, COMMANDS[argv], lambda folder: _run(folder, argv))


def _run(folder: Path, argv: tuple[str, ...]) -> dict[str, Any]:
    from conformance.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))  # relative paths as documented: in the product's own folder
    return {"code": code, "stdout": out.getvalue(), "err": err.getvalue(), "folder": str(folder)}
