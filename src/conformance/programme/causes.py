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
from typing import Any

import orjson

from ..messages import localize
from ..report.labels import LABELS
from ..report.stopped import stop_line

#: the most of a report read to find a cause (a larger one is named, not read)
MAX_REPORT_BYTES = 64 * 2**20
#: the most of a reason shown, and of the requirements named per profile
MAX_REASON = 240
MAX_REQUIREMENTS = 5
CONSOLE_FILE = "console.log"

_WORDS = {
    "en": {"report": "report", "console": "console", "more": "and {n} more", "sep": ": ", "list": "; ",
           "reason": "{0} ({1})"},
    "zh": {"report": "报告", "console": "控制台输出", "more": "另有 {n} 项", "sep": "：", "list": "；",
           "reason": "{0}（{1}）"},
}


def _shorten(text: str, limit: int = MAX_REASON, *, keep_end: bool = False) -> str:
    """``text`` on one line, cut to ``limit`` characters at its end, or (``keep_end``) in its
    middle: the harness's one line is "path: what happened: why", and a long path must not
    push out the why (a full disk, a refused input) at the end."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    tail = (limit - 1) // 2 if keep_end else 0
    return text[: limit - 1 - tail] + "…" + (text[-tail:] if tail else "")


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
    return _shorten(lines[-1], keep_end=True) if lines else None


def report_file(report_dir: Path) -> Path | None:
    """The run's report people open: report.html, else report.json; None if there is none."""
    for name in ("report.html", "report.json"):
        if (report_dir / name).is_file():
            return report_dir / name
    return None


def profile_causes(report: dict[str, Any], lang: str = "en") -> list[str]:
    """One line per profile the report did not judge whole (outcome incomplete): the profile,
    its outcome, and its blocking requirements that were not decided, each with its verdict
    and reason."""
    labels, words = LABELS[lang], _WORDS[lang]
    requirements = {r.get("requirement"): r for r in report.get("requirements") or [] if isinstance(r, dict)}
    lines = []
    for profile in report.get("profiles") or []:
        if not isinstance(profile, dict) or profile.get("outcome") != "incomplete":
            continue
        undecided = []
        for req_id in profile.get("blocking") or []:
            result = requirements.get(req_id) or {}
            verdict = result.get("verdict")
            if verdict in ("pass", "fail", "not_applicable"):
                continue  # decided: a failure is the outcome's, not why the run could not finish
            reason = localize(str(result.get("message") or ""), result.get("text"), lang)
            text = f"{req_id} {labels.get(str(verdict), verdict)}"
            undecided.append(words["reason"].format(text, _shorten(reason)) if reason else text)
        if len(undecided) > MAX_REQUIREMENTS:
            undecided = [*undecided[:MAX_REQUIREMENTS], words["more"].format(n=len(undecided) - MAX_REQUIREMENTS)]
        head = f"{profile.get('id')} {labels.get('incomplete', 'incomplete')}"
        lines.append(head + (words["sep"] + words["list"].join(undecided) if undecided else ""))
    return lines


def run_cause(report_dir: Path, lang: str = "en", *, files: bool = True) -> list[str]:
    """Why the run in ``report_dir`` did not finish: the profiles and requirements its report
    names (else its console's last line), then (``files``) the paths of its report and console.log."""
    words = _WORDS[lang]
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
