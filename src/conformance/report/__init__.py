"""Report writers. ``report.json`` is the source of truth; JUnit XML, HTML and EARL are views."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from .._catalog.model import Report
from .._io.outputs import atomic_write
from ..errors import HarnessInputError
from .unicode import valid_text

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog

FORMATS = ("json", "junit", "html", "earl")
FILENAMES = {"json": "report.json", "junit": "junit.xml", "html": "report.html", "earl": "report.earl.jsonld"}


def report_json(report: Report) -> bytes:
    data = report.model_dump(mode="json")
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        # A lone surrogate (a file name that is not UTF-8, say) cannot be UTF-8 JSON: it
        # becomes U+FFFD, and the report is still written.
        text = orjson.dumps(valid_text(data), option=orjson.OPT_INDENT_2)
    return _NUMBER_ARRAY.sub(_one_line, text) + b"\n"


#: An indented array of numbers (and nulls), e.g. a chart series: one line, not one per value
#: (a third of the size). Only structural whitespace is matched: a JSON string holds no raw newline.
_NUMBER_ARRAY = re.compile(rb"\[\n[ ]+(?:-?[0-9][0-9.eE+-]*|null)(?:,\n[ ]+(?:-?[0-9][0-9.eE+-]*|null))*\n[ ]*\]")


def _one_line(match: re.Match[bytes]) -> bytes:
    return b"[" + b", ".join(v.strip() for v in match.group()[1:-1].split(b",")) + b"]"


#: What a run writes into its folder; an earlier run's are moved aside before a run starts.
PREVIOUS = "previous"


def is_own_file(name: str) -> bool:
    """Whether ``name`` is one the harness writes into an output folder (a report, a view,
    the event log, a signed attestation)."""
    return name in FILENAMES.values() or name.startswith(("report.", "attestation."))


def set_aside_reports(out_dir: Path) -> Path | None:
    """Move an earlier run's reports (report.*, junit.xml, a signed attestation.*) into
    ``out_dir/previous/`` (replacing what an even earlier run left there); returns that
    folder, if anything moved.

    Only the harness's own files move, and only regular files: a link or a folder of the
    same name stays where it is (and a report is then refused there, see
    :func:`check_report_names`). ``previous`` is never followed: if it is a symbolic link
    or anything but a folder, nothing is set aside and the run is refused with one line.
    Everything is done relative to descriptors of the folders, so a link swapped in while
    it happens is not followed either."""
    out_fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with os.scandir(out_fd) as entries:
            found = [e.name for e in entries if is_own_file(e.name) and e.is_file(follow_symlinks=False)]
        if not found:
            return None
        aside = out_dir / PREVIOUS
        try:
            info = os.stat(PREVIOUS, dir_fd=out_fd, follow_symlinks=False)
        except FileNotFoundError:
            os.mkdir(PREVIOUS, dir_fd=out_fd)
        else:
            if not stat.S_ISDIR(info.st_mode):
                raise HarnessInputError(str(aside), "is not a folder the harness made (a symbolic link or a file); "
                                        "earlier reports are set aside there", "remove it, or choose another --out")
        aside_fd = os.open(PREVIOUS, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=out_fd)
        try:
            with os.scandir(aside_fd) as entries:
                old = [e.name for e in entries if is_own_file(e.name) and e.is_file(follow_symlinks=False)]
            for name in old:
                os.unlink(name, dir_fd=aside_fd)
            for name in found:
                os.replace(name, name, src_dir_fd=out_fd, dst_dir_fd=aside_fd)
        finally:
            os.close(aside_fd)
        return aside
    finally:
        os.close(out_fd)


def check_report_names(out_dir: Path) -> None:
    """Before a run writes into ``out_dir``: none of the names it writes is a link or
    anything but a regular file (bad input, one line: the harness never writes through them)."""
    from .._io.outputs import check_destination

    for name in (*FILENAMES.values(), "report.events.ndjson", "attestation.dsse.json"):
        check_destination(out_dir / name)


def _renderer(name: str, catalog: Catalog | None = None) -> Callable[[Report, str], bytes]:
    """The writer of one view, imported only when asked for (the HTML one loads jinja2, and
    reads each requirement's area from ``catalog``, default the installed one)."""
    if name == "junit":
        from .junit import render_junit

        return render_junit
    if name == "html":
        from .html import render_html

        return lambda report, lang: render_html(report, lang, catalog)
    if name == "earl":
        from .earl import render_earl

        return render_earl
    return lambda report, lang: report_json(report)


def parse_formats(value: str | Iterable[str]) -> list[str]:
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    for name in names:
        if name not in FORMATS:
            raise HarnessInputError(f"--format {name}", "unknown report format", f"use {','.join(FORMATS)}")
    return names


def write_reports(report: Report, out_dir: Path, formats: Iterable[str], lang: str,
                  written: list[Path] | None = None, catalog: Catalog | None = None) -> list[Path]:
    """Write report.json first (always), then the requested views; returns the paths (also
    appended to ``written`` one by one, so a caller knows what was written before a failure).
    ``catalog``: the run's, which the views read what the report does not hold from (each
    requirement's area); default: the installed one."""
    wanted = ["json", *[f for f in parse_formats(formats) if f != "json"]]
    written = [] if written is None else written
    for name in wanted:
        path = out_dir / FILENAMES[name]
        atomic_write(path, _renderer(name, catalog)(report, lang))
        written.append(path)
    return written


def incomplete(report: Report, note: str) -> Report:
    """``report`` marked incomplete (exit code 3) with ``note``: what is left of a run whose
    reports could not all be written."""
    from ..messages import text_of

    texts = [*(report.note_texts or [None] * len(report.notes)), text_of(note)]
    return report.model_copy(update={"complete": False, "exit_code": 3, "notes": [*report.notes, note],
                                     "note_texts": texts})
