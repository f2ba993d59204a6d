"""The command line's conventions: piped output is tab-separated, and each of the harness's
own commands' --help says what it does, shows an example and its exit codes."""

from __future__ import annotations

import pytest

from conformance.cli import main
from conformance.cli.parser import build_parser


def test_list_piped_is_tab_separated_columns(capsys) -> None:
    assert main(["list", "profiles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(len(line.split("\t")) == 6 for line in lines), lines[:3]
    assert all(" " not in line.split("\t")[0] for line in lines)  # `cut -f1` gives the IDs alone


def _sub(name: str):
    parser = build_parser([name])
    return next(a for a in parser._actions if hasattr(a, "choices") and isinstance(a.choices, dict)).choices[name]


@pytest.mark.parametrize("name", ["run", "validate", "demo", "serve", "list", "show"])
def test_each_commands_help_has_a_description_an_example_and_its_exit_codes(name: str) -> None:
    sub = _sub(name)
    text = sub.format_help()
    assert sub.description and "example:\n  conformance " + name in text and "exit codes:\n  0 " in text, text
    undocumented = [a.dest for a in sub._actions if a.help is None]
    assert set(undocumented) <= {"what", "lang"}, undocumented  # a choice's names, a language: self-evident


def test_the_help_of_each_option_says_what_it_does() -> None:
    run, validate = _sub("run"), _sub("validate")
    memory = next(a for a in run._actions if "--prepare-memory-limit" in a.option_strings)
    assert "time budget" not in memory.help and "memory" in memory.help
    out = next(a for a in validate._actions if "--out" in a.option_strings)
    assert "<time>-ad-hoc-validation" in out.help  # what it writes: the ad-hoc manifest's product
    assert next(a for a in validate._actions if "--profile" in a.option_strings).help
