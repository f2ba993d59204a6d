"""A run stopped before it finished (SIGINT, SIGTERM, its time budget): one line saying what
stopped it and how many requirements it did not reach, never a line per requirement.

Both the run's own summary (:func:`conformance._run.console.print_summary`) and a
programme's console and site (``programme/causes.py``) say it so; it reads the report's
note texts and verdicts, as a model or as the JSON a report file holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..messages import Message, localize, msg
from .labels import labels

#: The notes naming what stopped a run, the most telling first.
STOPPED_BY = ("engine.interrupted-by", "engine.budget-spent", "engine.interrupted")
#: The verdict messages of a requirement the stopped run did not judge.
NOT_REACHED = ("engine.not-reached", "engine.did-not-run")


def _get(item: object, name: str) -> Any:
    return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)


def _verdict(result: object) -> str:
    return _verdict_of(result, "verdict")


def _verdict_of(item: object, name: str) -> str:
    """A verdict or outcome member as its value, from a model (an enum) or a report's JSON."""
    value = _get(item, name)
    return str(getattr(value, "value", value))


def stop_cause(report: object) -> dict[str, Any] | None:
    """The text (key and arguments) of the note saying what stopped the run, or None when
    nothing did (the run finished, or ended incomplete for another reason)."""
    if _get(report, "complete") is not False:
        return None
    texts = [t for t in _get(report, "note_texts") or [] if isinstance(t, Mapping)]
    for key in STOPPED_BY:
        for text in texts:
            if text.get("key") == key:
                return dict(text)
    return None


def stop_line(report: object, lang: str = "en") -> str | None:
    """``interrupted by SIGINT: 89 of 137 requirements not reached (judged before it
    stopped: 39 passed, 8 not applicable)``, or None when nothing stopped the run."""
    cause = stop_cause(report)
    if cause is None:
        return None
    results = [r for r in _get(report, "requirements") or [] if _get(r, "verdict") is not None]
    counts: dict[str, int] = {}
    missed = 0
    for result in results:
        text = _get(result, "text")
        if _verdict(result) == "error" and isinstance(text, Mapping) and text.get("key") in NOT_REACHED:
            missed += 1
        else:
            counts[_verdict(result)] = counts.get(_verdict(result), 0) + 1
    t = labels(lang)
    parts = [f"{n} {t.get('count_' + v, v)}" for v, n in sorted(counts.items(), key=_order)]
    judged = ("，" if lang == "zh" else ", ").join(parts)
    line = msg("engine.stopped-line", cause=Message.of(cause), count=missed, total=len(results))
    if judged:
        line = msg("engine.stopped-judged", line=line, judged=judged)
    return localize(line, line.text(), lang)


def report_line(path: object, lang: str = "en") -> str:
    """``incomplete report: reports/x/report.html``"""
    line = msg("engine.incomplete-report", path=str(path))
    return localize(line, line.text(), lang)


def _order(item: tuple[str, int]) -> int:
    order = ("fail", "error", "inconclusive", "pass", "not_applicable")
    return order.index(item[0]) if item[0] in order else len(order)


def unreachable_lines(report: object, lang: str = "en") -> list[str]:
    """One line per target the run could not reach (its note: the manifest's place, what
    happened, the fix) with how many requirements it left unjudged; none when every target
    answered."""
    texts = [t for t in _get(report, "note_texts") or [] if isinstance(t, Mapping)]
    results = [r for r in _get(report, "requirements") or [] if _get(r, "verdict") is not None]
    lines = []
    for text in texts:
        if text.get("key") != "engine.role-unreachable":
            continue
        reason = (text.get("args") or {}).get("reason")
        count = sum(1 for r in results if _unreachable(r, reason))
        line = msg("engine.unreachable-line", note=Message.of(text), count=count, total=len(results))
        lines.append(localize(line, line.text(), lang))
    return lines


def _unreachable(result: object, reason: object = None) -> bool:
    """Whether ``result`` is an error because a target could not be reached (for ``reason``:
    that target's)."""
    text = _get(result, "text")
    return (_verdict(result) == "error" and isinstance(text, Mapping) and text.get("key") == "engine.target-unreachable"
            and (reason is None or (text.get("args") or {}).get("reason") == reason))


def reached(report: object) -> list[Any]:
    """The report's requirements but those an unreachable target left unjudged."""
    return [r for r in _get(report, "requirements") or [] if not _unreachable(r)]


def why_incomplete(report: object, lang: str = "en") -> str | None:
    """One sentence saying why a run is incomplete, for the report's banner: what stopped it,
    else a target it could not reach, else the first requirement an incomplete profile needed
    that was left undecided, with why (``asset-usd: AS-USD-001 was not decided: OpenUSD is not
    installed…``). None when no profile is incomplete."""
    incomplete = [p for p in _get(report, "profiles") or [] if _verdict_of(p, "outcome") == "incomplete"]
    if not incomplete:
        return None
    said = stop_line(report, lang) or next(iter(unreachable_lines(report, lang)), None)
    if said:
        return said
    results = {_get(r, "requirement"): r for r in _get(report, "requirements") or []}
    for profile in incomplete:
        for requirement in _get(profile, "blocking") or []:
            result = results.get(requirement)
            if result is None or _verdict(result) not in ("inconclusive", "error"):
                continue
            text, message = _get(result, "text"), str(_get(result, "message") or "")
            reason = localize(message, text if isinstance(text, Mapping) else None, lang)
            line = msg("engine.why-incomplete", profile=str(_get(profile, "id")), requirement=str(requirement),
                       verdict=labels(lang).get(_verdict(result), _verdict(result)),
                       reason=reason.splitlines()[0] if reason else "")
            return localize(line, line.text(), lang)
    return None
