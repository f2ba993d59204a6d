"""The fifty-ninth reading, part h117-disp (docs/drafting.md, "Fifty-ninth reading, part h117-disp"), row c1:
TD-DISP-011 reads the eyepiece's luminance at field points (±15, 0), (0, ±15) and (±15, ±15) degrees, but 三（三） gave
the 15° no reason of its own (only the 0.5° sentence named it), and a near-eye display whose field of view does not
reach the points (AR glasses with a vertical field under 30°) could not pass, while the case called itself applicable
to every product claiming the feature. Each test fails on the draft as it was before (76388b9cd)."""

from __future__ import annotations

import re

import pytest

from tests.drafting.test_reading_fiftyeighth_limA import _rows
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line

#: a case's field points given as (horizontal, vertical) angles: 「（±15，0）」, "(±15, 0)"
_POINTS = {"zh": re.compile(r"（±(\d+(?:\.\d+)?)，0）"), "en": re.compile(r"\(±(\d+(?:\.\d+)?), 0\)")}
_HEADS = {"zh": ("测试目的", "判定准则"), "en": ("Test purpose", "Verdict criteria")}


def _point_cases(markdown: str, lang: str) -> dict[str, str]:
    """Every test case whose purpose gives field points as angles, with the angle (the class of c1)."""
    found = {}
    for rid in re.findall(r"^### \d+\.\d+ ([A-Z]{2}-[A-Z0-9]+-\d{3}) ", markdown, re.M):
        case = _case(markdown, rid)
        if m := _POINTS[lang].search(_line(case, _HEADS[lang][0])):
            found[rid] = m.group(1)
    return found


def test_c1_every_field_point_angle_is_a_limit_with_a_cited_reason(zh_markdown, note_md):
    """Each angle at which a case places its field points stands in its requirement's 三（三） row, quoted from a notes
    sentence that sets it as this document's own and cites where it comes from (a work of 参考文献), not from the
    sentence giving another limit's reason (the 0.5° tolerance's, which named 15° only in passing)."""
    cases = _point_cases(zh_markdown, "zh")
    assert "TD-DISP-011" in cases, cases
    rows = _rows(note_md)
    for rid, angle in cases.items():
        limits, basis = rows[rid].split(" | ")[1:3]
        assert f"{angle}°" in limits.split("，"), (rid, limits)
        first = next(s for s in re.split(r"[。；]", basis.removeprefix("附注：")) if f"{angle}°" in s)
        assert f"{angle}°为本文件自定" in first.split("：")[0], (rid, first)
        assert "不超过 0.5°" not in first and "参考文献[" in first, (rid, first)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_c1_a_display_whose_field_does_not_hold_the_points_is_out_of_scope(lang, zh_markdown, en_markdown):
    """Each case placing field points states, in its purpose (the statement) and its not-applicable line, that it is
    for a display whose declared field of view (the device description's display.fov_deg) holds them; the
    not-applicable line no longer says "none"; it names the feature as the ICS does (twenty-first reading's class) and
    says what a test case does, not what the tool reads."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    cases = _point_cases(markdown, lang)
    assert "TD-DISP-011" in cases, cases
    for rid, angle in cases.items():
        case = _case(markdown, rid)
        purpose, criteria = (_line(case, head) for head in _HEADS[lang])
        assert "display.fov_deg" in purpose, (rid, purpose)
        na = re.search(r"不适用：[^<|]*" if lang == "zh" else r"Not applicable: [^<|]*", criteria)
        assert na, (rid, criteria)
        text = na.group(0)
        # the not-applicable line holds the ICS ground only (a further ground adds a step, h117-note's nastep), the
        # scope in a bracket; the purpose gives the field of view's member
        assert ("视场不包含" in text if lang == "zh" else "does not hold the nine field points" in text), (rid, text)
        if lang == "zh":
            assert text.startswith("不适用：ICS 未声明支持特性") and "不读取" not in text, text
        else:
            assert text.startswith("Not applicable: the ICS does not declare the feature") and "read" not in text, text


def test_c1_the_cited_study_is_in_the_bibliography_in_gbt7714_form(zh_markdown):
    """The saccade study 15° rests on is an informative reference, written as a journal article ([J])."""
    entry = next(line for line in zh_markdown.splitlines() if "Malinov I V" in line)
    assert "Characteristics of saccades and vergence in two kinds of sequential looking tasks[J/OL]" in entry  # online (61st a3)
    assert "Vision Research, 2000, 40: 2083-2090" in entry
