"""Terminal output: a progress bar while tests run, a summary table at the end."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .model import Report, Verdict
from .report.labels import labels

STYLES = {
    "pass": "green", "conformant": "bold green",
    "fail": "red", "not_conformant": "bold red",
    "error": "dark_orange", "inconclusive": "yellow", "incomplete": "bold yellow",
    "not_applicable": "dim",
}


class ProgressBar:
    """The plugin's progress hooks, drawn with rich (silent when not on a terminal)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        if not self.console.is_terminal:
            return
        self._progress = Progress(
            TextColumn("[bold]testing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}", style="dim"),
            console=self.console, transient=True,
        )
        self._task = self._progress.add_task("", total=total)
        self._progress.start()

    def advance(self, nodeid: str, verdict: Verdict) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=nodeid.split("::")[-1][:50])

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _verdict(text: str, lang: str) -> Text:
    return Text(labels(lang).get(text, text), style=STYLES.get(text, ""))


def print_summary(console: Console, report: Report, files: Iterable[Path], lang: str = "en") -> None:
    t = labels(lang)
    table = Table(title=t["requirements"], show_lines=False, expand=False)
    for header in ("requirement", "name", "level", "verdict", "message"):
        table.add_column(t[header], overflow="fold")
    for result in report.requirements:
        table.add_row(
            result.requirement, result.title.get(lang), result.level.value, _verdict(result.verdict.value, lang),
            Text(result.message[:300]),
        )
    console.print(table)
    profiles = Table(title=t["profiles"])
    for header in ("profile", "outcome", "blocking"):
        profiles.add_column(t[header], overflow="fold")
    for profile in report.profiles:
        profiles.add_row(
            f"{profile.id} {profile.version}", _verdict(profile.outcome.value, lang), ", ".join(profile.blocking)
        )
    console.print(profiles)
    print_terms(console, report, lang)
    for note in report.notes:
        console.print(Text(f"note: {note}", style="yellow"))
    for path in files:
        console.print(Text(f"wrote {path}", style="dim"))


def print_terms(console: Console, report: Report, lang: str = "en") -> None:
    """Under which terms the run judged: its scope, the certification plan, and every
    parameter that differs from its profile's default with who set it."""
    t = labels(lang)
    if report.scope == "partial":
        chosen = "; ".join(f"{t[key]}: {', '.join(ids)}" for key, ids in report.selection.items())
        console.print(Text(f"{t['scope']}: {t['scope_partial']} ({chosen})", style="yellow"))
    plan = report.certification_plan
    if plan:
        console.print(Text(f"{t['certification_plan']}: {plan['id']} · {plan['program']} · {plan['file']}"))
    changed = [(p.id, o) for p in report.profiles for o in p.overrides]
    if changed:
        table = Table(title=t["parameters_changed"])
        for header in ("profile", "parameter", "value", "default", "set_by"):
            table.add_column(t[header], overflow="fold")
        for profile_id, o in changed:
            table.add_row(profile_id, o["name"], repr(o["value"]), repr(o["default"]), t[f"set_by_{o['set_by']}"])
        console.print(table)


#: The order of the closing line's counts.
COUNTED = ("pass", "fail", "error", "inconclusive", "not_applicable")


def count_line(report: Report, lang: str = "en") -> str:
    """The closing line: requirement counts, then each profile's outcome.
    ``3 passed, 1 failed, 0 inconclusive, 2 not applicable (identity-document: not conformant)``"""
    t = labels(lang)
    counts = {v: 0 for v in COUNTED}
    for result in report.requirements:
        counts[result.verdict.value] += 1
    parts = [f"{counts[v]} {t['count_' + v]}" for v in COUNTED if v != "error" or counts[v]]
    outcomes = "; ".join(f"{p.id}: {t[p.outcome.value]}" for p in report.profiles)
    return ", ".join(parts) + (f" ({outcomes})" if outcomes else "")
