"""The leftovers of the twenty-eighth reading of issue 76, part m (docs/drafting.md, "Leftovers of the
twenty-eighth reading, part m"): IF-SES-001's steps use the parameters its 前置条件 fixes (row a4); IF-CODE-009
and IF-COMM-001 judge 201 as annex D's contract gives it, and IF-CODE-009 drives no late joiner it does not judge
(row a6); IF-IOP-002's identities one label in both languages (row a7); IF-ROB-001's verdicts as the check reaches
them and its probe asset in the steps (row a8); IF-UDP-006's stray space (row a9); IR-RES-002's identifier list
and its inconclusive line (row a10). Each test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

SUITES = Path(__file__).resolve().parents[2] / "suites"


def _steps(case: str, lang: str) -> str:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure")


def test_the_session_steps_use_the_parameters_their_conditions_fix(zh_markdown, en_markdown):
    """Row a4: 前置条件 fixed session_updates, session_interval_ms and session_settle_ms, and no step published,
    waited or settled; the check publishes 10 updates 100 ms apart, settles 2000 ms and joins a late joiner."""
    zh = _steps(_cases(zh_markdown)["IF-SES-001"], "zh")
    en = _steps(_cases(en_markdown)["IF-SES-001"], "en")
    for name in ("session_updates", "session_interval_ms", "session_settle_ms"):
        assert f"`{name}`" in zh and f"`{name}`" in en, name
    assert "后加入者" in zh and "late joiner" in en


def test_the_block_and_the_community_checks_accept_the_contracts_201_alone(zh_markdown, en_markdown):
    """Row a6: the text said 201 (annex D's contract gives 201 alone) while the checks accepted 200 too; step 3
    of IF-CODE-009 had a fourth identity D join whose outcome nothing judged."""
    for check in ("test_blocking.py", "test_community.py"):
        text = (SUITES / "interfaces" / check).read_text(encoding="utf-8")
        assert "(200, 201)" not in text and "!= 201" in text, check
    known_bad = (SUITES / "interfaces" / "known_bad.yaml").read_text(encoding="utf-8")
    assert "[block-answered-200]" in known_bad and "[community-answered-200]" in known_bad
    zh = _steps(_cases(zh_markdown)["IF-CODE-009"], "zh")
    en = _steps(_cases(en_markdown)["IF-CODE-009"], "en")
    assert "D" not in re.sub(r"DID", "", zh) and "A、B、C" in zh
    assert not re.search(r"\bD\b", en) and "A, B and C" in en
    blocking = (SUITES / "interfaces" / "test_blocking.py").read_text(encoding="utf-8")
    assert "late=False" in blocking


def test_the_interop_identities_have_one_label_in_both_languages(zh_markdown, en_markdown):
    """Row a7: the Chinese named the identities 甲 and 乙, the English A1 and A2."""
    case = _cases(zh_markdown)["IF-IOP-002"]
    assert "甲" not in case and "乙" not in case
    assert "A1 与 A2" in _steps(case, "zh") and "A1 and A2" in _steps(_cases(en_markdown)["IF-IOP-002"], "en")


def test_the_robustness_verdicts_are_the_checks(zh_markdown, en_markdown):
    """Row a8: 不适用 named a contract without body operations (annex D's, fixed by this document: a state that
    cannot arise; the check records inconclusive when nothing is probed), and no step issued the probe asset."""
    zh = _cases(zh_markdown)["IF-ROB-001"]
    lines = _verdict_lines(zh, "zh")
    assert lines["不适用"].startswith("不适用：无")
    # sixtieth reading, part h119-misc: every operation is probed (annex D fills every path), so the line names step
    # 1's set-up only, no longer 「没有一个操作得到探测」
    assert "探测资产" in lines["不确定"] and "没有一个操作得到探测" not in lines["不确定"]
    assert "发行一项探测资产" in _steps(zh, "zh")
    en = _cases(en_markdown)["IF-ROB-001"]
    assert _verdict_lines(en, "en")["Not applicable"].startswith("Not applicable: none")
    assert "probe asset" in _verdict_lines(en, "en")["Inconclusive"] and "probe asset" in _steps(en, "en")


def test_no_space_between_chinese_words_in_the_export_case(zh_markdown):
    """Row a9: 「请求时间加 测试参数」."""
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", _steps(_cases(zh_markdown)["IF-UDP-006"], "zh"))


def test_the_resolution_errors_read_the_identifier_list(zh_markdown, en_markdown):
    """Row a10: no step read GET /identifiers, from which the check takes the served prefix and the 406 handle,
    and the 不确定 line named only an unreachable base address, not the empty list the check records."""
    zh = _cases(zh_markdown)["IR-RES-002"]
    assert "`GET /identifiers`" in _steps(zh, "zh") and "没有格式正确的句柄" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IR-RES-002"]
    assert "`GET /identifiers`" in _steps(en, "en")
    assert "holds no well-formed handle" in _verdict_lines(en, "en")["Inconclusive"]
