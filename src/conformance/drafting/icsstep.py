"""The step that checks the ICS, first in every feature case whose hand-written steps lack it (twenty-fourth
reading, row 37).

A case selected through a profile's feature is not applicable when the ICS does not declare the feature, and its
不适用 line says so; 27 cases written by hand check the ICS in a step, 63 gave that verdict in the criteria only,
so a laboratory following their steps ran a case the ICS excludes. The step is prepended here, once for all of
them, rather than written into each ``procedures.yaml``: the steps after it move down by one, and so does every
「第 N 步」/"step N" naming them, in the case itself and in another case that follows its steps (「按 TD-BODY-003 的
第 1 步至第 5 步」). The catalog's texts keep the numbers they were written with. The numbering of a generated
case's steps (:func:`numbered`) is here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from .onename import one_step_name

#: a requirement ID as the catalog writes it, or as the draft does (non-breaking hyphens)
_ID = r"[A-Z]{2}[-‑][A-Z]+[-‑]\d{3}"
#: a chain of steps in the Chinese, 「第 3 步」, 「第 1 步至第 5 步」, 「第 2 步、第 6 步」, after the case they belong
#: to where it is another (「TD-BODY-003 的第 3 步」, 「SC-CITY-001 第 4 步」)
_STEPS_ZH = re.compile(rf"(?:(?P<id>{_ID}) ?(?:的 ?)?)?第 ?\d+ ?步(?: ?(?:至|、|与|和|或|及) ?第 ?\d+ ?步)*")
#: the same in the English, "step 3", "steps 1 to 5", "steps 1, 3, 4, 5 and 6", with the case before ("TD-BODY-003's
#: steps 1 to 5", "TD-BODY-003, step 3") or after ("steps 1 and 2 of TD-RUN-001"); no decimal ("a step of 0.5")
_NUMBER_EN = r"\d+(?![.,]\d)"
_STEPS_EN = re.compile(rf"(?:(?P<id>{_ID})(?:'s|,) )?\b[Ss]teps? {_NUMBER_EN}"
                       rf"(?:(?:, | and | to | or |–){_NUMBER_EN})*(?: of (?P<of>{_ID}))?")
_STEP_LINE = re.compile(r"^(\d+)\. ")


class _Case(Protocol):
    """What of a test case (testcases.TestCase) the step changes."""

    @property
    def purpose(self) -> str: ...
    @property
    def conditions(self) -> list[str]: ...
    @property
    def steps(self) -> list[str]: ...
    @property
    def expected(self) -> str: ...
    @property
    def criteria(self) -> list[str]: ...

    def __init__(self, purpose: str, conditions: list[str], steps: list[str], expected: str,
                 criteria: list[str]) -> None: ...


_C = TypeVar("_C", bound=_Case)


def numbered(steps: list[str]) -> list[tuple[int, str]]:
    """Each step with its number, a lettered item (「a) ……」) with the number of the step it belongs to."""
    out, number = [], 0
    for step in steps:
        if not re.match(r"^[a-z]\)", step):
            number += 1
        out.append((number, step))
    return out


def lacks_ics_step(override: Mapping[str, Any] | None, features: Sequence[str]) -> bool:
    """A feature case whose hand-written steps (the Chinese, the normative text) never look at the ICS."""
    steps = ((override or {}).get("steps") or {}).get("zh")
    return bool(features and steps and not any("ICS" in step for step in steps))


def ics_step(feature: str, lang: str) -> str:
    """The step, naming the feature as the case's 不适用 line names it (the form of the 27 cases written with it)."""
    return (f"1. 核对 ICS：未声明支持{feature}时，记录“不适用”并结束本用例。" if lang == "zh" else
            f'1. Check the ICS: when it does not declare {feature}, record "not applicable" and stop.')


def with_ics_step(steps: Sequence[str], feature: str, lang: str) -> list[str]:
    """The steps with the ICS step first and each numbered step one further down (lettered items keep their
    letters)."""
    return [ics_step(feature, lang)] + [_STEP_LINE.sub(lambda m: f"{int(m.group(1)) + 1}. ", step) for step in steps]


def renumbered(text: str, lang: str, moved: Callable[[str | None], bool]) -> str:
    """``text`` with each step it names one further down where the case it names has the ICS step prepended:
    ``moved(None)`` for the case the text belongs to, ``moved(id)`` for another case named with its steps."""
    if lang == "zh":
        text = one_step_name(text)  # 「步骤 3」, 「第 1 至 4 步」 as the draft writes them, one form to shift

    def shift(match: re.Match[str]) -> str:
        case = match.groupdict().get("id") or match.groupdict().get("of")
        if not moved(case.replace("‑", "-") if case else None):
            return match.group(0)
        # the numbers after the case named before them and before the one named after them, not the IDs' digits
        whole, offset = match.group(0), match.start()
        start = match.end("id") - offset if match.group("id") else 0
        end = match.start("of") - offset if match.groupdict().get("of") else len(whole)
        return whole[:start] + re.sub(r"\d+", lambda n: str(int(n.group(0)) + 1), whole[start:end]) + whole[end:]

    parts = text.split("`")
    for i in range(0, len(parts), 2):  # outside code values only
        parts[i] = (_STEPS_ZH if lang == "zh" else _STEPS_EN).sub(shift, parts[i])
    return "`".join(parts)


def prepended(case: _C, rid: str, lang: str, feature: str, moved: frozenset[str]) -> _C:
    """The case of ``rid`` with the ICS step first when ``feature`` names the feature its steps do not check, and each
    step it names one further down where that step's case (``rid`` itself, or one of ``moved``) has the step."""
    if not feature and not moved:
        return case

    def is_moved(case_id: str | None) -> bool:
        return bool(feature) if case_id is None or case_id == rid else case_id in moved

    def shifted(texts: list[str]) -> list[str]:
        return [renumbered(text, lang, is_moved) for text in texts]

    steps = shifted(case.steps)
    return type(case)(renumbered(case.purpose, lang, is_moved), shifted(case.conditions),
                      with_ics_step(steps, feature, lang) if feature else steps,
                      renumbered(case.expected, lang, is_moved), shifted(case.criteria))
