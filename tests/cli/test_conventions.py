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


def test_list_as_json_keys_each_row_by_the_columns_the_help_names(capsys) -> None:
    import json

    assert main(["list", "profiles", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and set(listed[0]) == {"id", "version", "requirements", "normative", "targets", "title"}
    assert main(["list", "requirements", "--area", "identity", "--format", "json", "--lang", "zh"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(r["id"].startswith("ID-") for r in rows) and any("凭证" in r["title"] for r in rows)
    assert "--format json" in _sub("list").format_help()


def test_piped_output_never_wraps_a_line(capsys) -> None:
    # rich wraps at 80 columns off a terminal unless told not to: a script reading defect names
    # or file paths line by line got halves of them (`reports/certi` / `ficates/...json`)
    assert main(["serve", "--list-defects"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 100 and all(len(line.split("\t")) == 2 for line in lines), lines[:3]
    assert max(len(line) for line in lines) > 80  # a long description stays on its line


def test_the_console_of_a_piped_command_keeps_long_lines_whole() -> None:
    import io

    from conformance.cli import stdout_console

    stream = io.StringIO()
    path = "reports/certificates/" + "a-participant-with-a-long-name/" * 4 + "certificate.json"
    stdout_console(stream).print(f"wrote {path}")
    assert stream.getvalue() == f"wrote {path}\n"


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


@pytest.mark.parametrize("command", ["status", "runs", "failing", "changes", "certificates"])
def test_each_programme_listing_names_its_columns_in_its_help(command: str) -> None:
    # piped, a listing is one tab-separated line per row with no header: its help says what each
    # column is (the same tuple the command prints as its table's header)
    from conformance.programme.listings import COLUMNS

    parser = build_parser(["programme"])
    programme = next(a for a in parser._actions if hasattr(a, "choices") and isinstance(a.choices, dict)).choices
    sub = programme["programme"]
    listing = next(a for a in sub._actions if hasattr(a, "choices") and isinstance(a.choices, dict)).choices[command]
    words = " ".join(listing.format_help().split())
    assert "its columns: " + ", ".join(COLUMNS[command]) + "." in words
