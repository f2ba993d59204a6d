"""Report writers. ``report.json`` is the source of truth; JUnit XML, HTML and EARL are views."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import orjson

from ..errors import HarnessInputError
from ..model import Report
from .unicode import valid_text

FORMATS = ("json", "junit", "html", "earl")
FILENAMES = {"json": "report.json", "junit": "junit.xml", "html": "report.html", "earl": "report.earl.jsonld"}


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates 0600; a report is an ordinary file, readable as the umask allows.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def set_aside_reports(out_dir: Path) -> Path | None:
    """Move an earlier run's reports (report.*, junit.xml, a signed attestation.*) into
    ``out_dir/previous/`` (replacing what an even earlier run left there); returns that
    folder, if anything moved."""
    found = [p for p in out_dir.iterdir()
             if p.is_file() and (p.name in FILENAMES.values() or p.name.startswith(("report.", "attestation.")))]
    if not found:
        return None
    aside = out_dir / PREVIOUS
    if aside.is_dir():
        for old in aside.iterdir():
            if old.is_file():
                old.unlink()
    aside.mkdir(exist_ok=True)
    for path in found:
        os.replace(path, aside / path.name)
    return aside


def _renderer(name: str) -> Callable[[Report, str], bytes]:
    """The writer of one view, imported only when asked for (the HTML one loads jinja2)."""
    if name == "junit":
        from .junit import render_junit

        return render_junit
    if name == "html":
        from .html import render_html

        return render_html
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


def write_reports(report: Report, out_dir: Path, formats: Iterable[str], lang: str) -> list[Path]:
    """Write report.json first (always), then the requested views; returns the paths."""
    wanted = ["json", *[f for f in parse_formats(formats) if f != "json"]]
    written = []
    for name in wanted:
        path = out_dir / FILENAMES[name]
        atomic_write(path, _renderer(name)(report, lang))
        written.append(path)
    return written
