"""Every ``conformance`` command in README.md and docs/*.md parses and, where it needs nothing
this machine lacks, runs (issue 71): a vendor copies the docs first. The commands are read as a
shell reads them (tests/house/docs_commands.py). Each is parsed by the harness's own command
line parser: an unknown command or option fails, naming the file and line. Those that need no
product (show, list, lint, the catalog's read-only commands, generate, validate on samples,
--help) run in a temporary folder and must end with the exit code the docs state; a block that
cannot run here says why on the line before it (``<!-- sh: not run: the reason -->``)."""

from __future__ import annotations

import contextlib
import io

import pytest

from conformance.cli.parser import build_parser
from tests.house.docs_commands import Command, documented_commands

COMMANDS = documented_commands()


def _parse_error(command: Command) -> str | None:
    """What the harness's parser says of the command line (None: it parses)."""
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
            build_parser(command.argv).parse_args(command.argv)
    except SystemExit as exc:
        if exc.code not in (0, None):  # --help and --version exit 0
            return said.getvalue().strip() or f"exit {exc.code}"
    return None


def test_the_docs_hold_commands() -> None:
    places = {command.doc for command in COMMANDS}
    assert {"README.md", "docs/running.md", "docs/catalog.md"} <= places


def test_every_documented_command_parses() -> None:
    """One assertion over all of them: the parser is built once per command (the areas'
    commands and generators are added on demand), a few seconds in all."""
    refused = [f"{command}\n    {error}" for command in COMMANDS if (error := _parse_error(command))]
    assert not refused, "documented commands the harness refuses:\n" + "\n".join(refused)


@pytest.mark.parametrize("line", [
    "conformance run --manifest a.yaml --no-such-option",
    "conformance no-such-command",
    "conformance catalog lnit",
])
def test_a_command_the_harness_refuses_is_found(line: str) -> None:
    from tests.house.docs_commands import _simple_commands

    [(words, _, _)] = _simple_commands(line)
    command = Command("docs/x.md:1", "docs/x.md:1", tuple(words[1:]), 0, None, None)
    assert _parse_error(command)
