"""The step recording 「不适用」 a case's criteria give a ground for (forty-ninth reading, part h102-na).

A case whose 不适用 line states a ground (「所提供的采集文件中没有本要求逐一检查的被检对象」,
「平台未对突发请求返回任何 429 响应」) decides that verdict by what its steps find; 93 cases (SC-TILE-*,
SC-CITY-*, TD-*, AS-AIGC-*, IF-RATE-001) had no step saying so, and a laboratory following the steps alone never
recorded it. The step is added here, from the criteria, so no case written later can leave it out; a case whose
steps already record it (DP-PRICE-001 step 2, the ICS step) and a 不适用 line of 「无」 take none. The step comes
last, so no step a criterion names by number moves."""

from __future__ import annotations

import re
from .conditions import bilingual as _t


_LABEL = {"zh": "不适用：", "en": "Not applicable: "}
#: a step that records the verdict, 「记录“不适用”」, 'record "not applicable"' (not AS-META-006 step 2's
#: 「其他文件不适用本要求」, which sets files aside)
_RECORDS = re.compile(r'记录“不适用”|record "not applicable"', re.I)
#: a 不适用 line with no ground: 「不适用：无（……）」, "Not applicable: none (…)"
_NONE = re.compile(r"无（|无。?$|none(?: \(|\.?$)", re.I)


def ground(criteria: list[str], lang: str) -> str:
    """The ground the 不适用 line gives, without its label ('' where there is no such line or it says 「无」)."""
    line = next((c for c in criteria if c.startswith(_LABEL[lang])), "")
    text = line[len(_LABEL[lang]):].strip()
    return "" if not text or _NONE.match(text) else text


#: a written step checking the ICS, which records 「不适用」 for the ICS's ground only (fifty-ninth reading, b4)
_ICS_STEP = re.compile(r"\s*\d+\. (?:核对 ICS|Check the ICS)")
#: the ICS's ground a 不适用 line opens with, its bracketed reason included, and what joins it to the next ground
_ICS_GROUND = {"zh": re.compile(r"^ICS 未声明支持特性“[^”]*”（`[^`]*`）(?:（[^）]*）)?(?:，或|$|。$)"),
               "en": re.compile(r'^the ICS does not declare the feature "[^"]*" \(`[^`]*`\)(?: \([^)]*\))?(?:,? or |$|\.$)',
                                re.I)}


def with_na_step(steps: list[str], criteria: list[str], lang: str) -> list[str]:
    """A case's ``steps`` with a last step recording 「不适用」 where its ``criteria`` give a ground no step records
    (the steps and criteria only: testcases.TestCase calls this module, which imports nothing back). A written step
    checking the ICS records the ICS's ground alone: the other grounds still take the step (fifty-ninth reading, b4:
    ID-CAT-001's, SC-BIM-006's and TD-PERF-001's went unrecorded)."""
    because = ground(criteria, lang)
    if any(_ICS_STEP.match(step) for step in steps):
        because = _ICS_GROUND[lang].sub("", because).strip()
    if not because or any(_RECORDS.search(step) for step in steps if not _ICS_STEP.match(step)):
        return steps
    last = max((int(m.group(1)) for step in steps if (m := re.match(r"\s*(\d+)\.", step))), default=0)
    step = _t(lang, f"{last + 1}. 有下列情形时，不作通过或不通过的判定，记录“不适用”：{because}",
              f'{last + 1}. Record "not applicable", neither pass nor fail, where: {because}')
    return [*steps, step]
