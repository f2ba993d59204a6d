"""Issue 61: every subcommand's --help (the nested ones too: ``programme …``, ``catalog …``,
``keys …``, the areas' generators and commands) says what it does, shows at least one example
and its exit codes; each example is a command line the parser accepts. Walks the whole
argparse tree, so a subcommand added without them fails here."""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterator

import pytest

from conformance.cli import main
from conformance.cli.parser import build_parser
from conformance.errors import ExitCode


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, (*path, name))


def _tree(argv: list[str] | None = None) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    return dict(_walk(build_parser(argv)))


# None: the whole tree as --help builds it (the areas' commands); ["generate"]: the generators too
TREE = {**_tree(None), **_tree(["generate"])}


def _examples(parser: argparse.ArgumentParser) -> list[str]:
    text = parser.epilog or ""
    block = text.split("example:\n", 1)[1].split("\n\n", 1)[0] if "example:\n" in text else ""
    return [line.strip() for line in block.splitlines() if line.strip()]


def _argv(example: str) -> list[str]:
    """The conformance command of an example line: after any VAR=value, before any `&&`, `|` or `&`."""
    words = shlex.split(example)
    for stop in ("&&", "|", "&"):
        words = words[:words.index(stop)] if stop in words else words
    while words and "=" in words[0] and not words[0].startswith("-"):
        words = words[1:]
    assert words[0] == "conformance", example
    return words[1:]


def test_the_walk_reaches_every_nested_command() -> None:
    names = {" ".join(path) for path in TREE}
    assert {"programme init", "programme audit", "catalog lock", "keys sign-assessment", "report replay",
            "generate capture", "generate city", "contexts add", "verify", "lint", "warm"} <= names
    assert len(TREE) >= 50


@pytest.mark.parametrize("path", sorted(TREE), ids=lambda p: " ".join(p) or "conformance")
def test_each_help_has_a_description_an_example_and_its_exit_codes(path: tuple[str, ...]) -> None:
    parser = TREE[path]
    text = parser.format_help()
    assert parser.description and len(parser.description) > 20, text
    examples = _examples(parser)
    assert examples, f"`conformance {' '.join(path)} --help` shows no example"
    assert "\nexit codes:\n  0 " in text, f"`conformance {' '.join(path)} --help` gives no exit codes"
    assert set(_exit_codes(text)) <= {int(code) for code in ExitCode}, (
        f"`conformance {' '.join(path)} --help` lists an exit code that is not conformance.errors.ExitCode's")
    for example in examples:
        argv = _argv(example)
        assert argv[:len(path)] == list(path), (path, example)  # an example of this command, not another
        if argv[-1] != "--help":
            build_parser(argv).parse_args(argv)  # the parser accepts it (exit 2 would raise SystemExit)


def _exit_codes(help_text: str) -> list[int]:
    """The codes of a help's "exit codes:" block (each line "  N meaning"; a wrapped line, indented further, none)."""
    block = help_text.split("\nexit codes:\n", 1)[1]
    return [int(line.split()[0]) for line in block.splitlines()
            if line.startswith("  ") and not line.startswith("   ") and line.split()[0].isdigit()]


def test_an_exit_code_outside_the_enum_would_be_caught() -> None:
    listed = _exit_codes("usage: x\n\nexit codes:\n  0 done\n  7 something new\n    (wrapped 9)\n")
    assert listed == [0, 7] and not set(listed) <= {int(code) for code in ExitCode}


def test_an_example_the_parser_refuses_would_be_caught() -> None:
    # the check above is not vacuous: an example with a misspelled option is refused (one line, exit 2)
    argv = _argv("conformance programme run programme.yaml --rerunn")
    with pytest.raises(SystemExit) as stopped:
        build_parser(argv).parse_args(argv)
    assert stopped.value.code == 2


def test_an_area_command_without_its_own_words_still_gets_a_guide() -> None:
    # contexts brings description, example and exits; a command of a third-party area that brings
    # only help gets its help as the description and `--help` as the example
    contexts = TREE[("contexts",)]
    assert contexts.description.startswith("The JSON-LD contexts") and "exit codes:" in (contexts.epilog or "")


@pytest.mark.parametrize("argv,columns", [
    (["list", "profiles"], 6), (["list", "requirements"], None), (["list", "schemas"], None),
    (["generate", "capture", "--list-faults"], 3), (["generate", "city", "--list-defects"], 3),
    (["generate", "building", "--list-defects"], 3),
])
def test_listings_piped_are_tab_separated(capsys, argv: list[str], columns: int | None) -> None:
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    widths = {len(line.split("\t")) for line in lines}
    assert lines and len(widths) == 1 and widths.pop() >= 2, lines[:3]  # one column count, tabs between
    if columns:
        assert len(lines[0].split("\t")) == columns
    assert all("  " not in line.split("\t")[0] for line in lines)  # no space padding: `cut -f1` is the ID


@pytest.mark.parametrize("path", sorted(TREE), ids=lambda p: " ".join(p) or "conformance")
def test_each_option_an_exit_code_names_is_one_the_command_takes(path: tuple[str, ...]) -> None:
    # `catalog coverage` said it could stop "past --time-limit/--memory-limit", options it refused
    parser = TREE[path]
    text = parser.epilog or ""
    codes = text.split("exit codes:\n", 1)[1] if "exit codes:\n" in text else ""
    taken = {option for action in parser._actions for option in action.option_strings}
    named = set(re.findall(r"(?<![\w`-])(--[a-z][a-z-]*[a-z])", codes))
    assert named <= taken, f"conformance {' '.join(path)}: exit codes name {sorted(named - taken)}"
