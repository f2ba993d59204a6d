"""The closing summary of a run that passed, written without rich when it goes to a file or a
pipe: the very characters :func:`conformance._run.console.print_summary` writes there.

Importing rich (its console, table, styles and text layout) is about a tenth of the CPU time
of validating one DID document (bench/startup.py). Off a terminal rich writes no colours, and
the summary of a run whose requirements all pass is a profile table whose cells fit the
width, a line naming the files written and the count line: plain text. Anything else (a
terminal, colours forced, findings to show, notes, changed parameters, a table too wide for
its cells to stay on one line, a character rich would treat specially) is left to rich:
:func:`plain_summary` answers None and writes nothing. ``tests/_run/test_plainsummary.py``
compares both writers character for character.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io.printable import printable
from ..report.labels import labels

if TYPE_CHECKING:
    from rich.console import Console

    from .._catalog.model import Report

#: The verdicts whose requirements the summary lists without -v: none of them, none listed.
_LISTED = ("fail", "error", "inconclusive")
#: More profiles than this and the summary groups them by area (console.print_areas, which
#: needs the catalog and rich: this writer leaves such a summary to rich).
MANY_PROFILES = 12
#: The order of the closing line's counts.
COUNTED = ("pass", "fail", "error", "inconclusive", "not_applicable")
#: What a line may break before: a word, or any one character of a script written without
#: spaces between words (Chinese, Japanese), or a line break.
_CJK = "\u2e80-\u9fff\u3000-\u303f\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"


@cache
def _words() -> re.Pattern[str]:
    """Compiled on first use (~2 ms: the character classes): a line that fits needs none."""
    return re.compile(rf"\n|[{_CJK}]|[^\s{_CJK}]+")



class LazyConsole:
    """Standard output for a run: a rich Console made only when something asks for one (a
    progress bar, a summary that needs rich); :attr:`file` is the stream itself."""

    def __init__(self, file: Any) -> None:
        self.file = file
        self._rich: Console | None = None

    @property
    def rich(self) -> Console:
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(file=self.file)
        return self._rich

    def __getattr__(self, name: str) -> object:
        return getattr(self.rich, name)


def cell_len(text: str) -> int:
    """Columns ``text`` takes in a terminal, as rich counts them (ASCII and the no-break
    space of the verdict counts without asking it)."""
    if text.replace("\u00a0", " ").isascii():
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def breaks(plain: str, first: int, rest: int, keep: int = 0) -> list[int]:
    """Where to break ``plain`` into lines of at most ``first`` then ``rest`` cells: before
    a word that would not fit (a line break in the text breaks too; a word longer than a
    line stays whole; the first ``keep`` characters stay with the word after them)."""
    found: list[int] = []
    start, width = 0, first
    for word in _words().finditer(plain):
        if word.group() == "\n":
            found.append(word.end())
            start, width = word.end(), rest
        elif word.start() > (start if found else keep) and cell_len(plain[start:word.end()]) > width:
            found.append(word.start())
            start, width = word.start(), rest
    return found


def count_line(report: Report, lang: str = "en") -> str:
    """The closing line: requirement counts, then each profile's outcome.
    ``3 passed, 1 failed, 0 inconclusive, 2 not applicable (identity-document: not conformant)``"""
    t = labels(lang)
    counts = {v: 0 for v in COUNTED}
    for result in report.requirements:
        counts[result.verdict.value] += 1
    parts = [f"{counts[v]} {t['count_' + v]}" for v in COUNTED if v != "error" or counts[v]]
    if len(report.profiles) <= 3:
        outcomes = "; ".join(f"{p.id}: {t[p.outcome.value]}" for p in report.profiles)
    else:
        tally: dict[str, int] = {}
        for profile in report.profiles:
            tally[profile.outcome.value] = tally.get(profile.outcome.value, 0) + 1
        outcomes = f"{len(report.profiles)} {t['profiles'].lower()}: " + ", ".join(
            f"{n} {t[o]}" for o, n in tally.items())
    if report.scope == "partial":  # judged over what ran: never a certification
        outcomes = f"{outcomes}; {t['console_partial']}" if outcomes else t["console_partial"]
    return ", ".join(parts) + (f" ({outcomes})" if outcomes else "")


def plain_width(file: Any) -> int | None:
    """The width rich would give a Console on ``file``, or None where rich would write
    anything but plain text there (a terminal, colours forced, Jupyter, not UTF-8)."""
    environ = os.environ
    if "TTY_COMPATIBLE" in environ or "FORCE_COLOR" in environ or "IPython" in sys.modules:
        return None
    try:
        if file.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    if not (getattr(file, "encoding", None) or "utf-8").lower().startswith("utf"):
        return None  # rich draws the table's rule in ASCII there
    width = 0
    for descriptor in (0, 1, 2):  # as rich asks: the first of the standard streams that is a terminal
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


def _wrapped(text: str, width: int, indent: int = 0, hanging: int = 0) -> list[str]:
    """conformance._run.console._line's lines of ``text``, for a text without control characters."""
    room = max(width - indent, 20)
    if cell_len(text) <= room:  # what breaks() finds then: no break
        return [" " * indent + text.rstrip()]
    cuts = [0, *breaks(text, room, max(room - hanging, 20)), len(text)]
    pieces = [text[a:b].rstrip() for a, b in zip(cuts, cuts[1:], strict=False)]
    return [" " * (indent if n == 0 else indent + hanging) + piece for n, piece in enumerate(pieces)]


def _table(rows: list[list[str]], width: int) -> list[str] | None:
    """A rich table with box SIMPLE_HEAD, no edge, padding 1, as print_profiles draws it,
    when every cell fits on one line; else None."""
    widths = [max(cell_len(row[c]) for row in rows) for c in range(len(rows[0]))]
    if sum(widths) + 3 * (len(widths) - 1) > width:
        return None
    lines = []
    for row in rows:
        cells = [cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths, strict=True)]
        lines.append("   ".join(cells))
    lines.insert(1, "\u2500" * (sum(widths) + 3 * (len(widths) - 1)))
    return lines


def _plain(text: str) -> bool:
    """Text rich writes as it is: no control characters, no tabs."""
    return printable(text) == text and "\t" not in text


def plain_summary(report: Report, files: Iterable[Path], width: int, lang: str = "en", verbose: bool = False,
                  quiet: bool = False) -> str | None:
    """The summary :func:`conformance._run.console.print_summary` writes off a terminal at
    ``width``, for a run that lists no requirement (all passed or not applicable, not
    verbose), has no notes and changed no parameter; None for anything else."""
    t = labels(lang)
    if verbose or not report.complete or report.notes_in(lang) or report.scope == "partial" \
            or report.certification_plan or any(r.verdict.value in _LISTED for r in report.requirements):
        return None
    lines: list[str] = []
    if not quiet:
        if any(p.overrides or p.blocking for p in report.profiles) or not report.profiles \
                or len(report.profiles) > MANY_PROFILES:
            return None
        rows = [[t["profile"], t["outcome"], t["verdict"]]]
        for p in report.profiles:
            counts = ", ".join(f"{t.get(v, v)}\u00a0{n}" for v, n in p.counts.items())
            rows.append([f"{p.id} {p.version}", t.get(p.outcome.value, p.outcome.value), counts])
        if not all(_plain(cell) for row in rows for cell in row):
            return None
        table = _table(rows, width)
        if table is None:
            return None
        lines += table
        written = list(files)
        if written:
            folder = written[0].parent
            names = ", ".join(p.name if p.parent == folder else str(p) for p in written)
            line = f"{t['wrote']} {folder}/ {{{names}}}"
            if not _plain(line):
                return None
            lines += _wrapped(line, width, 0, 2)
    closing = count_line(report, lang)
    if not _plain(closing):
        return None
    lines.append(closing)
    return "".join(line + "\n" for line in lines)
