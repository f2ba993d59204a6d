"""Why a participant run did not finish, where people look: the programme's console and its site.

A run that ends ``incomplete`` (exit 3) has a report saying which profile could not be
judged and which requirements kept it so (its ``blocking`` ones, with their verdict and
reason); a run that ends without a report (refused input, a crash) has its console, whose
last line is the harness's own one-line reason. Either way the cause names the files to open:
the run's report (``report.html``, else ``report.json``) or its ``console.log``. The text is
in English or Chinese (the report keeps each reason's template, see :mod:`conformance.messages`);
a participant's own words inside a reason are shown as given, shortened.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from ..report.stopped import (
    CAUSE_WORDS,
    MAX_REASON,  # noqa: F401  (the cap of a cause: read from here too)
    profile_causes,
    shorten,
    stop_line,
)

#: the most of a report read to find a cause (a larger one is named, not read)
MAX_REPORT_BYTES = 64 * 2**20
CONSOLE_FILE = "console.log"


def _report(report_dir: Path) -> dict[str, object] | None:
    path = report_dir / "report.json"
    try:
        if not path.is_file() or path.stat().st_size > MAX_REPORT_BYTES:
            return None
        report = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return report if isinstance(report, dict) else None


def _last_line(path: Path) -> str | None:
    """The console's last non-empty line (the harness's one-line reason for a refused run)."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 8192))
            tail = handle.read().decode("utf-8", "replace")
    except OSError:
        return None
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    return shorten(lines[-1], keep_end=True) if lines else None


def report_file(report_dir: Path) -> Path | None:
    """The run's report people open: report.html, else report.json; None if there is none."""
    for name in ("report.html", "report.json"):
        if (report_dir / name).is_file():
            return report_dir / name
    return None


def run_cause(report_dir: Path, lang: str = "en", *, files: bool = True) -> list[str]:
    """Why the run in ``report_dir`` did not finish: the profiles and requirements its report
    names (else its console's last line), then (``files``) the paths of its report and console.log."""
    words = CAUSE_WORDS[lang]
    report = _report(report_dir)
    stopped = stop_line(report, lang) if report is not None else None  # one line, not one per profile
    lines = [stopped] if stopped else profile_causes(report, lang) if report is not None else []
    console = report_dir / CONSOLE_FILE
    if not lines:
        last = _last_line(console)
        if last:
            lines.append(last)
    if not files:
        return lines
    shown = report_file(report_dir)
    if shown is not None:
        lines.append(f"{words['report']}{words['sep']}{shown}")
    if console.is_file():
        lines.append(f"{words['console']}{words['sep']}{console}")
    return lines
