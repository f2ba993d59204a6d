"""Terminal output after a run: failures first, a compact table of profiles, a closing count line
(the progress display while tests run is conformance.progress)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .messages import localize
from .model import CaseResult, Report
from .report.labels import labels

STYLES = {
    "pass": "green", "conformant": "bold green",
    "fail": "red", "not_conformant": "bold red",
    "error": "dark_orange", "inconclusive": "yellow", "incomplete": "bold yellow",
    "not_applicable": "dim",
}


def _verdict(text: str, lang: str) -> Text:
    return Text(labels(lang).get(text, text), style=STYLES.get(text, ""))


#: The order of requirements in the summary: what needs the reader's attention first.
ORDER = ("fail", "error", "inconclusive", "not_applicable", "pass")


def _line(console: Console, text: Text) -> None:
    """One line, whatever its length: the summary's line count is what a screen holds."""
    console.print(text, no_wrap=True, overflow="ellipsis", crop=True)


def requirement_lines(console: Console, report: Report, lang: str, verbose: bool) -> None:
    """Failures and errors (then inconclusive ones) with their one-line finding; passing and
    not applicable requirements only when verbose. Requirements that share one message (a
    run cut short: "not reached") are one line."""
    shown = ORDER if verbose else ORDER[:3]
    for verdict in shown:
        results = [r for r in report.requirements if r.verdict.value == verdict]
        groups: dict[str, list[str]] = {}
        for result in results:
            groups.setdefault(result.message, []).append(result.requirement)
        for result in results:
            same = groups.get(result.message, [])
            if not same or (len(same) > 2 and not verbose and result.requirement != same[0]):
                continue
            label = _verdict(verdict, lang)
            label.pad_right(13 - cell_len(label.plain))
            if len(same) > 2 and not verbose:
                head = f"{len(same)} {labels(lang)['requirements'].lower()} ({', '.join(same[:3])}, …)"
                groups.pop(result.message)
            else:
                head = f"{result.requirement} {result.level.value} {result.title.get(lang)}"
            tail = (" — ", (localize(result.message, result.text, lang), "")) if result.message else ("",)
            _line(console, Text.assemble(label, head, *tail))
            if len(result.cases) > 1 and (len(same) <= 2 or verbose):
                case_lines(console, result.cases, lang)


def case_lines(console: Console, cases: list[CaseResult], lang: str) -> None:
    """Under a requirement its profiles judge with different parameters: each case's verdict,
    profiles and the values that decided it."""
    for case in cases:
        label = _verdict(case.verdict.value, lang)
        label.pad_right(11 - cell_len(label.plain))
        values = " ".join(f"{name}={value!r}" for name, value in case.parameters.items())
        _line(console, Text.assemble("  ", label, f"{'+'.join(case.profiles)}: {values}"))


def print_summary(console: Console, report: Report, files: Iterable[Path], lang: str = "en",
                  verbose: bool = False, quiet: bool = False) -> None:
    """Failures first, the cause of an incomplete run, the terms, a compact table of
    profiles, the files written, and the closing count line."""
    t = labels(lang)
    if not report.complete:  # why the run is incomplete explains what follows
        for note in report.notes_in(lang):
            _line(console, Text(f"{t['cause']}: {note}", style="bold yellow"))
    requirement_lines(console, report, lang, verbose)
    if report.complete:
        for note in report.notes_in(lang):
            _line(console, Text(f"{t['note']}: {note}", style="yellow"))
    if not quiet:
        print_terms(console, report, lang)
        profiles = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
        for header in ("profile", "outcome", "verdict", "blocking"):
            profiles.add_column(t[header], no_wrap=True, overflow="ellipsis",
                                max_width=32 if header == "blocking" else None)
        for profile in report.profiles:
            counts = Text(" ").join(_verdict(v, lang).append(f" {n}") for v, n in profile.counts.items())
            blocking = ", ".join(profile.blocking[:4]) + (" …" if len(profile.blocking) > 4 else "")
            profiles.add_row(f"{profile.id} {profile.version}", _verdict(profile.outcome.value, lang), counts, blocking)
        console.print(profiles)
        written = list(files)
        if written:
            folder = written[0].parent
            names = ", ".join(p.name if p.parent == folder else str(p) for p in written)
            _line(console, Text(f"{t['wrote']} {folder}/ {{{names}}}", style="dim"))
    console.print(Text(count_line(report, lang), style="bold"), soft_wrap=True)


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
    if len(report.profiles) <= 3:
        outcomes = "; ".join(f"{p.id}: {t[p.outcome.value]}" for p in report.profiles)
    else:
        tally: dict[str, int] = {}
        for profile in report.profiles:
            tally[profile.outcome.value] = tally.get(profile.outcome.value, 0) + 1
        outcomes = f"{len(report.profiles)} {t['profiles'].lower()}: " + ", ".join(
            f"{n} {t[o]}" for o, n in tally.items())
    return ", ".join(parts) + (f" ({outcomes})" if outcomes else "")
