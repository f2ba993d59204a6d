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


#: The verdict messages of a requirement whose endpoint nothing answered at (404, 405).
NOTHING_ANSWERS = ("engine.nothing-answers-endpoint", "engine.nothing-answers")


def _absent_text(result: object) -> Mapping[str, Any] | None:
    text = _get(result, "text")
    if _verdict(result) == "inconclusive" and isinstance(text, Mapping) and text.get("key") in NOTHING_ANSWERS:
        return text
    return None


def _unanswered(result: object) -> tuple[str, Mapping[str, Any]] | None:
    """Where ``result`` found nothing answering, and its text: an endpoint's URL (404, 405), or
    a target that stopped answering during the run (its reason: refused, timed out...)."""
    text = _absent_text(result)
    if text is not None:
        return str((text.get("args") or {}).get("url")), text
    if _unreachable(result):
        text = _get(result, "text")
        return str((text.get("args") or {}).get("reason")), text
    return None


def absent_lines(report: object, lang: str = "en") -> list[str]:
    """One line per endpoint URL nothing answered at (404, 405: no route), with the
    manifest's field that moves it, and per target that stopped answering during the run
    (connection refused, no answer), each with the requirements it left unjudged, instead of
    a line per requirement each saying so in its own words. (A target unreachable from the
    start is :func:`unreachable_lines`'.)"""
    by_url: dict[str, tuple[Mapping[str, Any], list[str]]] = {}
    for result in _get(report, "requirements") or []:
        found = _unanswered(result)
        if found is not None:
            by_url.setdefault(found[0], (found[1], []))[1].append(str(_get(result, "requirement")))
    lines = []
    for text, ids in by_url.values():
        shown = ids if len(ids) <= MAX_REQUIREMENTS else [*ids[:MAX_REQUIREMENTS], "…"]
        line = msg("engine.nothing-answers-line", note=Message.of(text), count=len(ids), requirements=", ".join(shown))
        lines.append(localize(line, line.text(), lang))
    return lines


def answered(requirements: list[Any]) -> list[Any]:
    """``requirements`` but those left unjudged because nothing answered at their endpoint or
    their target (:func:`absent_lines` says each once)."""
    return [r for r in requirements if _unanswered(r) is None]


#: the most of a reason shown, and of the requirements named per profile
MAX_REASON = 240
MAX_REQUIREMENTS = 5
#: the words a cause is put together with, by language
CAUSE_WORDS = {
    "en": {"report": "report", "console": "console", "more": "and {n} more", "sep": ": ", "list": "; ",
           "reason": "{0} ({1})"},
    "zh": {"report": "报告", "console": "控制台输出", "more": "另有 {n} 项", "sep": "：", "list": "；",
           "reason": "{0}（{1}）"},
}


def shorten(text: str, limit: int = MAX_REASON, *, keep_end: bool = False) -> str:
    """``text`` on one line, cut to ``limit`` characters at its end, or (``keep_end``) in its
    middle: the harness's one line is "path: what happened: why", and a long path must not
    push out the why (a full disk, a refused input) at the end."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    tail = (limit - 1) // 2 if keep_end else 0
    return text[: limit - 1 - tail] + "…" + (text[-tail:] if tail else "")


def profile_causes(report: object, lang: str = "en") -> list[str]:
    """One line per profile the report did not judge whole (outcome incomplete): the profile,
    its outcome, and its blocking requirements that were not decided, each with its verdict
    and reason."""
    names, words = labels(lang), CAUSE_WORDS["zh" if lang == "zh" else "en"]
    requirements = {_get(r, "requirement"): r for r in _get(report, "requirements") or []}
    lines = []
    for profile in _get(report, "profiles") or []:
        if _verdict_of(profile, "outcome") != "incomplete":
            continue
        undecided: list[str] = []
        absent: dict[str, list[str]] = {}  # nothing answered at an endpoint: its requirements said once
        for req_id in _get(profile, "blocking") or []:
            result = requirements.get(req_id) or {}
            verdict = _verdict(result)
            if verdict in ("pass", "fail", "not_applicable"):
                continue  # decided: a failure is the outcome's, not why the run could not finish
            text = _get(result, "text")
            reason = localize(str(_get(result, "message") or ""), text if isinstance(text, Mapping) else None, lang)
            if _absent_text(result) is not None:
                if reason not in absent:
                    absent[reason] = []
                    undecided.append(reason)  # a place kept, filled in below
                absent[reason].append(req_id)
                continue
            said = f"{req_id} {names.get(verdict, verdict)}"
            undecided.append(words["reason"].format(said, shorten(reason)) if reason else said)
        undecided = [words["reason"].format(f"{', '.join(absent[u])} {names.get('inconclusive', 'inconclusive')}",
                                            shorten(u)) if u in absent else u for u in undecided]
        if len(undecided) > MAX_REQUIREMENTS:
            undecided = [*undecided[:MAX_REQUIREMENTS], words["more"].format(n=len(undecided) - MAX_REQUIREMENTS)]
        head = f"{_get(profile, 'id')} {names.get('incomplete', 'incomplete')}"
        lines.append(head + (words["sep"] + words["list"].join(undecided) if undecided else ""))
    return lines


def why_incomplete(report: object, lang: str = "en") -> str | None:
    """One line saying why a run is incomplete, for the report's banner: what stopped it, else
    a target it could not reach, else an endpoint nothing answered at, else the first
    incomplete profile's cause (its undecided requirements, each with its verdict and reason:
    :func:`profile_causes`, as a programme's console and site say it). None when no profile
    is incomplete."""
    causes = profile_causes(report, lang)
    if not causes:
        return None
    return (stop_line(report, lang) or next(iter(unreachable_lines(report, lang)), None)
            or next(iter(absent_lines(report, lang)), None) or causes[0])
