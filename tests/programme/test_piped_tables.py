"""Issue 61: docs/programme.md promises that the queries (status, runs, failing, changes,
certificates, catalogs) print one tab-separated line per row when piped, as `conformance
list` does. They all print through one table writer; piped, its rows are tab-separated with
one column count, and a cell holding a tab or a line break (a product name, a run's detail
from the history) is escaped, so that `cut -f` and one row a line still hold."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from conformance.programme import commands
from tests.paths import ROOT


def test_piped_rows_are_tab_separated_and_one_line_each() -> None:
    out = io.StringIO()
    rows = [("headset", "terminal-hmd-6dof", "conformant"), ("evil\tname", "line\nbreak", "not run")]
    commands._table(Console(file=out, force_terminal=False), "title", ("participant", "profile", "outcome"), rows)
    lines = out.getvalue().splitlines()
    assert lines == ["headset\tterminal-hmd-6dof\tconformant", "evil\\tname\tline\\nbreak\tnot run"]


def test_on_a_terminal_it_is_a_table_not_tabs() -> None:
    out = io.StringIO()
    commands._table(Console(file=out, force_terminal=True, width=100), "title", ("a", "b"), [("x", "y")])
    assert "\t" not in out.getvalue() and "x  y" in out.getvalue()  # columns padded with spaces


def test_every_query_the_docs_name_prints_through_the_table_writer() -> None:
    source = Path(commands.__file__).read_text(encoding="utf-8")
    doc = (ROOT / "docs" / "programme.md").read_text(encoding="utf-8")
    assert "one tab-separated line per row when piped" in doc
    for query in ("status", "runs", "failing", "changes", "certificates", "catalogs"):
        body = re.search(rf"\ndef _{query}\(.*?(?=\ndef )", source, re.S)
        assert body and "_table(console" in body.group(0), query
