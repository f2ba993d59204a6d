"""Every "see `conformance ...`" hint the harness prints names a command that runs: a hint that
itself ends in "the following arguments are required" sends a user in a circle."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import conformance
from conformance.cli.parser import build_parser

PACKAGE = Path(conformance.__file__).parent
#: a hint written in full in the source (one built with an f-string or a constant is left out)
HINT = re.compile(r"(?:see|with|run) `(conformance [^`{}\"+]*)`")


def _hints() -> list[tuple[str, str]]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for match in HINT.finditer(path.read_text(encoding="utf-8")):
            found.add((str(path.relative_to(PACKAGE)), match.group(1)))
    return sorted(found)


def test_the_hints_are_found() -> None:
    commands = {command for _, command in _hints()}
    assert {"conformance list profiles", "conformance list requirements", "conformance serve --list-defects"} <= commands


@pytest.mark.parametrize(("where", "command"), _hints())
def test_each_hint_names_a_command_the_parser_accepts(where: str, command: str) -> None:
    argv = shlex.split(command)[1:]
    try:
        build_parser(argv).parse_args(argv)
    except SystemExit as exc:
        pytest.fail(f"{where}: the hint `{command}` is refused by the parser (exit {exc.code})")
