"""Terminal output after a run: failures first, a compact table of profiles, a closing count line
(the progress display while tests run is conformance._run.progress)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .._catalog.model import CaseResult, Outcome, ProfileResult, Report, RequirementResult, majority_area
from .._io.printable import printable
from .._io.shell import command_lines
from .._record.grouping import input_of
from ..messages import localize, render
from ..report.labels import labels
from ..report.measurements import measurement_line, within_guard_band
from ..report.stopped import absent_lines, answered, reached, report_line, stop_line, unreachable_lines
from .answerlines import curl_commands, of_input, problem_lines
from .plainsummary import MANY_PROFILES, breaks, count_line

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog

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

#: How many of a requirement's findings the summary shows in full (the report has them all).
FIRST_FINDINGS = 3


def _gutter(lang: str) -> int:
    """The width of the verdict column: the longest verdict label and a space, so a label
    never runs into what follows it ("not applicable" included)."""
    t = labels(lang)
    return max(cell_len(t[v]) for v in ORDER) + 1


def _line(console: Console, text: Text | str, indent: int = 0, hanging: int = 0, keep: int = 0) -> None:
    """``text`` wrapped to the console's width (off a terminal: 80 columns), never cut:
    the first line ``indent`` columns in, the lines after it ``indent + hanging``. A word
    longer than a line (a URL, a path) is kept whole on its own line: never cut, never split."""
    text = Text(text) if isinstance(text, str) else text
    if printable(text.plain, keep_newlines=True) != text.plain:
        # a target's or a file's words holding control characters (escape sequences, bidi
        # overrides): shown as visible escapes, never obeyed by the terminal (its colours lost)
        text = Text(printable(text.plain, keep_newlines=True))
    width = max(console.width - indent, 20)
    for number, line in enumerate(text.divide(breaks(text.plain, width, max(width - hanging, 20), keep))):
        line.rstrip()
        pad = " " * (indent if number == 0 else indent + hanging)
        console.print(Text(pad) + line, no_wrap=True, crop=False, soft_wrap=True)


def _value(value: object, text: dict[str, object] | None, lang: str) -> str:
    """An expected or actual value as the reader sees it: words in the chosen language,
    data as compact JSON (a string as written)."""
    if text:
        return localize(str(value), text, lang)
    if isinstance(value, str):
        return value
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return repr(value)


def finding_where(item: dict[str, object]) -> str:
    """Where a finding is: ``file:line pointer`` and, in a capture, the stream, frame and time."""
    place = str(item.get("file") or "")
    if item.get("line") is not None:
        place = f"{place}:{item['line']}" if place else f"line {item['line']}"
    parts = [place, str(item["pointer"]) if item.get("pointer") else ""]
    parts += [f"{k}={item[k]}" for k in ("stream", "frame", "t") if item.get(k) is not None]
    return " ".join(p for p in parts if p)


def finding_lines(item: dict[str, Any], lang: str) -> list[str]:
    """A finding in full, one element per line before wrapping: where, what, and the rule,
    expected and actual values (each only when known)."""
    t = labels(lang)
    message = localize(str(item.get("message", "")), item.get("text"), lang)
    lines = [finding_where(item), message]
    details = []
    if item.get("rule"):
        details.append(f"{t['console_rule']}: {item['rule']}")
    for member in ("expected", "actual"):
        if item.get(member) is not None:
            details.append(f"{t['console_' + member]}: {_value(item[member], item.get(member + '_text'), lang)}")
    lines.extend(details)
    return [line for line in lines if line]


def _findings(console: Console, result: RequirementResult, lang: str, gutter: int) -> bool:
    """The requirement's first findings (and errors) in full; False when it has none."""
    t = labels(lang)
    items = [i for i in result.evidence if i.get("kind") in ("finding", "error")]
    if not items:
        return False
    count = _finding_count(result, len(items))
    shown = items[:FIRST_FINDINGS]
    head = t["findings_first"] if count > len(shown) else t["findings_count"]
    _line(console, Text(head.format(count=count, shown=len(shown)), style="dim"), gutter)
    commands = curl_commands(result.evidence)
    problems = problem_lines(result.evidence)
    for number, item in enumerate(shown, start=1):
        lines = finding_lines(item, lang)
        problem = of_input(problems, input_of(item)) if item.get("kind") == "finding" else None
        if problem:  # what the product said about it (RFC 9457), beside expected and actual
            lines.append(f"{t['console_problem']}: {problem}")
        mark = f"{number}. "
        _line(console, Text(mark + lines[0], style="bold"), gutter, len(mark), keep=len(mark))
        for line in lines[1:]:
            _line(console, line, gutter + len(mark), 2)
        command = of_input(commands, input_of(item)) if item.get("kind") == "finding" else None
        if command:
            _line(console, f"{t['console_reproduce']}:", gutter + len(mark), 2)
            pad = " " * (gutter + len(mark) + 2)
            # Quoted words may hold line feeds (a body's lines): kept, as the shell reads them;
            # any other control character is shown as an escape, never sent to the terminal.
            pieces = command_lines(printable(command, keep_newlines=True))
            for number, piece in enumerate(pieces, start=1):
                # never wrapped: a command broken anywhere but at " \" no longer pastes into a shell
                console.print(Text(pad + piece + (" \\" if number < len(pieces) else "")),
                              no_wrap=True, crop=False, soft_wrap=True)
    return True


def _guard_band_lines(console: Console, result: RequirementResult, lang: str, gutter: int) -> None:
    """One line per measured value inside its limit that did not pass for its guard band (guarded
    acceptance): its value with U (k = 2), the limit and the rule, so the reason is never only "fail"."""
    items = within_guard_band(result.evidence)
    for item in items[:FIRST_FINDINGS]:
        _line(console, Text(measurement_line(item, lang), style="yellow"), gutter, 2)
    if len(items) > FIRST_FINDINGS:
        _line(console, Text(render("engine.omitted", {"count": len(items) - FIRST_FINDINGS}, lang), style="dim"),
              gutter)


def _finding_count(result: RequirementResult, recorded: int) -> int:
    """How many findings the deciding test counted (its message's template says so; some may
    have been left out of the evidence by its caps), else how many were recorded."""
    args = (result.text or {}).get("args")
    count = args.get("count") if isinstance(args, dict) else None
    return count if isinstance(count, int) and count >= recorded else recorded


def requirement_lines(console: Console, report: Report, lang: str, verbose: bool) -> None:
    """Failures and errors (then inconclusive ones), each with its ID, level, title and its
    first findings in full (or its message); passing and not applicable requirements only
    when verbose. Requirements that share one message (a run cut short: "not reached")
    are one entry naming them all."""
    t = labels(lang)
    gutter = _gutter(lang)
    shown = ORDER if verbose else ORDER[:3]
    for verdict in shown:
        results = [r for r in report.requirements if r.verdict.value == verdict]
        groups: dict[str, list[str]] = {}
        for result in results:
            if not any(i.get("kind") == "finding" for i in result.evidence):  # errors alike: one entry
                groups.setdefault(result.message, []).append(result.requirement)
        for result in results:
            same = groups.get(result.message, [])
            grouped = len(same) > 2 and not verbose and result.requirement in same
            if grouped and result.requirement != same[0]:
                continue
            label = _verdict(verdict, lang)
            label.pad_right(gutter - cell_len(label.plain))
            if grouped:
                head = f"{len(same)} {t['requirements'].lower()} ({', '.join(same)})"
            else:
                head = f"{result.requirement} {result.level.value} {result.title.get(lang)}"
            _line(console, Text.assemble(label, head), 0, gutter)
            if grouped:
                _line(console, localize(result.message, result.text, lang), gutter)
            elif verdict in ("pass", "not_applicable"):
                if result.message and verdict == "not_applicable":
                    _line(console, Text(localize(result.message, result.text, lang), style="dim"), gutter)
            else:
                if not _findings(console, result, lang, gutter) and result.message:
                    _line(console, localize(result.message, result.text, lang), gutter)
                _guard_band_lines(console, result, lang, gutter)
            if len(result.cases) > 1 and not grouped:
                case_lines(console, result.cases, lang, gutter)


def case_lines(console: Console, cases: list[CaseResult], lang: str, gutter: int | None = None) -> None:
    """Under a requirement its profiles judge with different parameters (or that does not apply
    to some of them): each case's verdict, profiles and the values that decided it (a
    not-applicable case: why)."""
    gutter = _gutter(lang) if gutter is None else gutter
    for case in cases:
        label = _verdict(case.verdict.value, lang)
        label.pad_right(gutter - cell_len(label.plain))
        values = " ".join(f"{name}={value!r}" for name, value in case.parameters.items())
        if case.verdict.value == "not_applicable" and case.message and not case.tests:
            values = localize(case.message, case.text, lang)
        _line(console, Text.assemble(label, f"{'+'.join(case.profiles)}: {values}"), gutter, gutter)


def print_summary(console: Console, report: Report, files: Iterable[Path], lang: str = "en",
                  verbose: bool = False, quiet: bool = False) -> None:
    """Failures first, the cause of an incomplete run, the terms, a compact table of
    profiles, the files written, and the closing count line."""
    t = labels(lang)
    if _stopped(console, report, files, lang):
        return
    if not report.complete:  # why the run is incomplete explains what follows
        for note in report.notes_in(lang):
            _line(console, Text(f"{t['cause']}: {note}", style="bold yellow"), 0, 2)
    # nothing answered at an endpoint: one line for it, not one per requirement it left unjudged
    for said in absent_lines(report, lang):
        _line(console, Text(said, style="bold yellow"), 0, 2)
    requirement_lines(console, report.model_copy(update={"requirements": answered(report.requirements)}), lang,
                      verbose)
    if report.complete:
        for note in report.notes_in(lang):
            _line(console, Text(f"{t['note']}: {note}", style="yellow"), 0, 2)
    if not quiet:
        print_terms(console, report, lang)
        print_profiles(console, report, lang)
        written = list(files)
        if written:
            folder = written[0].parent
            names = ", ".join(p.name if p.parent == folder else str(p) for p in written)
            _line(console, Text(f"{t['wrote']} {folder}/ {{{names}}}", style="dim"), 0, 2)
    console.print(Text(count_line(report, lang), style="bold"), soft_wrap=True)


def _stopped(console: Console, report: Report, files: Iterable[Path], lang: str) -> bool:
    """A run that something stopped (SIGINT, SIGTERM, its budget): one line saying what and
    how many requirements it did not reach, and the report's path; never a line per
    requirement (the report has them). A target it could not reach: one line each (where,
    what, the fix, how many requirements it left unjudged), what the others decided, the
    report's path. False for any other run."""
    line = stop_line(report, lang)
    unreachable = unreachable_lines(report, lang) if line is None else []
    if line is None and not unreachable:
        return False
    for said in [line] if line else unreachable:
        _line(console, Text(said, style="bold yellow"), 0, 2)
    if unreachable:  # what the other targets decided (a failure, an error) is still worth its lines
        others = reached(report)  # those the unreachable targets left are in the lines above
        for said in absent_lines({"requirements": others}, lang):
            _line(console, Text(said, style="bold yellow"), 0, 2)
        requirement_lines(console, report.model_copy(update={"requirements": answered(others)}), lang, False)
    written = {p.name: p for p in files}
    shown = written.get("report.html") or written.get("report.json") or next(iter(written.values()), None)
    if shown is not None:
        _line(console, Text(report_line(shown, lang), style="dim"), 0, 2)
    return True


def print_profiles(console: Console, report: Report, lang: str = "en") -> None:
    """The profiles' table, every cell whole: a long profile ID or list of blocking
    requirements wraps within its column; the outcome is never shortened. The blocking
    column is there only when some profile has blocking requirements: an empty column would
    take the width that keeps a profile's name and its verdicts on one line at 80 columns.
    More than :data:`MANY_PROFILES` profiles: grouped by area instead (:func:`print_areas`)."""
    if len(report.profiles) > MANY_PROFILES:
        print_areas(console, report, lang)
        return
    t = labels(lang)
    outcomes = [_verdict(p.outcome.value, lang) for p in report.profiles]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    names = [f"{p.id} {p.version}" for p in report.profiles]
    blocking = any(p.blocking for p in report.profiles)
    table.add_column(t["profile"], overflow="fold")
    table.add_column(t["outcome"], no_wrap=True,
                     min_width=max([cell_len(o.plain) for o in outcomes] + [cell_len(t["outcome"])]))
    table.add_column(t["verdict"], overflow="fold")
    if blocking:
        table.add_column(t["blocking"], overflow="fold")
    for profile, name, outcome in zip(report.profiles, names, outcomes, strict=True):
        table.add_row(name, outcome, _counts(profile, lang), *([", ".join(profile.blocking)] if blocking else []))
    console.print(table)


def _counts(profile: ProfileResult, lang: str) -> Text:
    return Text(", ").join(_verdict(v, lang).append(f"\u00a0{n}") for v, n in profile.counts.items())


def profile_areas(report: Report, catalog: Catalog | None = None) -> dict[str, str]:
    """Profile ID -> its area: the area (as the catalog gives it) of most of the requirements
    the profile selected in this run; of two as many, the first by name."""
    from ..report.html import requirement_areas

    areas = requirement_areas(report, catalog)
    tally: dict[str, list[str]] = {}
    for result in report.requirements:
        for profile_id in result.profiles:
            tally.setdefault(profile_id, []).append(areas[result.requirement])
    return {profile_id: majority_area(selected) for profile_id, selected in tally.items()}


def print_areas(console: Console, report: Report, lang: str = "en", catalog: Catalog | None = None) -> None:
    """The profiles by area, for a run of many: per area one entry, the conformant profiles
    by name after their count, then each other profile on its own line with its outcome,
    verdict counts and blocking requirements. Names are never cut: an entry wraps between them."""
    t = labels(lang)
    areas = profile_areas(report, catalog)
    grouped: dict[str, list[ProfileResult]] = {}
    for profile in report.profiles:
        grouped.setdefault(areas.get(profile.id, ""), []).append(profile)
    column = max(cell_len(t["area"]), *(cell_len(area) for area in grouped)) + 2
    head = t["area"] + " " * (column - cell_len(t["area"])) + t["profiles"]
    console.print(Text(head, style="bold"), soft_wrap=True)
    console.print("\u2500" * min(console.width, max(cell_len(head), 40)), soft_wrap=True)
    conformant = Outcome.CONFORMANT
    for area in sorted(grouped):
        profiles = grouped[area]
        good = [p for p in profiles if p.outcome is conformant]
        pad = " " * (column - cell_len(area))
        if good:
            line = Text.assemble(area + pad, _verdict(conformant.value, lang), f"\u00a0{len(good)}: ",
                                 ", ".join(p.id for p in good))
            _line(console, line, 0, column)
        for number, profile in enumerate(p for p in profiles if p.outcome is not conformant):
            lead = area + pad if not good and number == 0 else " " * column
            line = Text.assemble(lead, _verdict(profile.outcome.value, lang), f" {profile.id} {profile.version}: ",
                                 _counts(profile, lang))
            if profile.blocking:
                line.append(f"; {t['blocking'].lower()}: {', '.join(profile.blocking)}")
            _line(console, line, 0, column + 2)


def print_terms(console: Console, report: Report, lang: str = "en", catalog: Catalog | None = None) -> None:
    """Under which terms the run judged: its scope, the certification plan, and every
    parameter that differs from its profile's default with who set it, one line each (wrapped
    between words, never within one); a value the manifest set is "tightened" only when the
    parameter has a stricter direction (lower, higher), else merely set."""
    t = labels(lang)
    if report.scope == "partial":
        chosen = "; ".join(f"{t[key]}: {', '.join(ids)}" for key, ids in report.selection.items())
        _line(console, Text(f"{t['scope']}: {t['scope_partial']} ({chosen})", style="yellow"), 0, 2)
    plan = report.certification_plan
    if plan:
        _line(console, f"{t['certification_plan']}: {plan['id']} · {plan['program']} · {plan['file']}", 0, 2)
    changed = [(p.id, o) for p in report.profiles for o in p.overrides]
    if changed:
        _line(console, Text(f"{t['parameters_changed']}:", style="bold"), 0, 2)
        tightening = _tightening(report, catalog)
        for profile_id, o in changed:
            who = str(o["set_by"])
            if who == "manifest" and tightening(profile_id, str(o["name"])):
                who = "manifest_tightened"
            line = (f"{profile_id} {o['name']}={o['value']!r} ({t['default'].lower()} {o['default']!r}; "
                    f"{t['console_set_by_' + who]})")
            _line(console, line, 2, 4)


def _tightening(report: Report, catalog: Catalog | None) -> Callable[[str, str], bool]:
    """(profile ID, parameter) -> whether a value set for it can only tighten it: its profile
    declares a stricter direction (lower or higher). Unknown to the catalog: False."""
    if catalog is None:
        from .._catalog.catalog import load_catalog
        from ..errors import CatalogError

        try:
            catalog = load_catalog(lazy=True)
        except CatalogError:
            return lambda profile_id, name: False

    known = catalog

    def tightened(profile_id: str, name: str) -> bool:
        profile = known.profiles.get(profile_id)
        spec = profile.parameters.get(name) if profile is not None else None
        return spec is not None and spec.direction in ("lower", "higher")

    return tightened
