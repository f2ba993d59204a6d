"""The leftovers of the thirty-ninth reading of issue 76, part aIF (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part aIF"): IF-SES-001's step 5 and fail line leave the late joiner's join to IF-SES-005
(a10); the checks changed by a1, a2 and a3 carry their minor steps and notes in both languages (the behaviour in
tests/areas/interfaces/test_served_bodies_thirtyninth_aIF.py and test_sessions_late_joiner.py). Each test fails
on the draft or the catalog as they were before these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def _flat(text: str) -> str:
    return text.replace("\u2011", "-")


def test_a10_the_late_joiner_is_not_one_of_r1s_participants(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["IF-SES-001"], _cases(en_markdown)["IF-SES-001"]
    step = next(s for s in _steps(zh, "zh") if "后加入者随后以其令牌加入该空间" in s)
    assert "后加入者不属于规则 R1 所指的 *N* 名参与者" in step and "IF-SES-005 判定" in _flat(step)
    assert "*N* 名参与者中任一名未能加入" in _verdict_lines(zh, "zh")["不通过"]
    step = next(s for s in _steps(en, "en") if "The late joiner then joins the space" in s)
    assert "the late joiner is not one of the *N* participants of rule R1" in step
    assert "IF-SES-005's to judge" in _flat(step)
    assert "one of the *N* participants cannot join" in _verdict_lines(en, "en")["Fail"]


@pytest.mark.parametrize(("rid", "version"), [
    ("IF-SES-001", "1.3.0"), ("IF-BIO-001", "1.5.0"), ("IF-UDP-009", "1.4"), ("IF-UDP-010", "1.5"),
    ("IF-IOP-002", "1.4"), ("IF-SCN-002", "1.3.0"), ("IF-MOD-001", "1.3.0"), ("IF-TDX-001", "1.3.0"),
    ("ID-CERT-001", "1.2.0")])
def test_a1_a2_a3_a10_the_changed_checks_carry_their_version_notes(catalog, rid, version):
    requirement = catalog.requirements[rid]
    # a later reading may step it again; the step this part took stays in the notes
    assert _release(requirement.version) >= _release(version)
    assert f"{version} (issue 76, thirty-ninth reading's leftovers, part aIF)" in requirement.notes.en
    assert f"{version} 版（议题 76，第三十九次审读遗留问题，第 aIF 部分）" in requirement.notes.zh


def _release(version: object) -> tuple[int, ...]:
    return tuple(int(part) for part in str(version).split("."))
