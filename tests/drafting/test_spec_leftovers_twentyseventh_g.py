"""The leftovers of the twenty-seventh reading of issue 76, part g (docs/drafting.md, "Leftovers of the
twenty-seventh reading, part g"): a test hook's request named by its IXIT setting. The label and prompt of
AS-AIGC-013 to -015 by `generation_path` (row 1); the request for test identities in one form by `identity_path`
(row 2); AS-TRADE-007 provisions the identities its 前置条件 fixes (row 3); the DID method by `did_method` (row 4);
an IXIT setting called a setting in the notes and in the harness's advice (leftover). Each test fails on the draft
or the harness as they were before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

SUITES = Path(__file__).resolve().parents[2] / "suites"


def _steps(case: str, lang: str) -> str:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure")


def test_label_and_prompt_are_asked_at_the_generation_setting(zh_markdown, en_markdown):
    """Row 1: step 1 sent the generation request to `generation_path` and fetched the label and the prompt at
    the bare defaults `GET /generate/label`, `GET /generate/prompt`."""
    for lang, text in (("zh", zh_markdown), ("en", en_markdown)):
        cases = _cases(text)
        for rid, hook in (("AS-AIGC-013", "label"), ("AS-AIGC-014", "label"), ("AS-AIGC-015", "prompt")):
            steps = _steps(cases[rid], lang)
            assert f"`{{generation_path}}/{hook}`" in steps, (rid, lang)
            bare = re.sub(rf"[（(](?:默认|by default) `/generate/{hook}`[）)]", "", steps)
            assert f"/generate/{hook}" not in bare, (rid, lang)
            verdicts = " ".join(_verdict_lines(cases[rid], lang).values())
            assert f"`GET /generate/{hook}`" not in verdicts, (rid, lang)


def _identity_steps() -> dict[str, list[str]]:
    steps = {}
    for area in ("assets", "identity", "interfaces"):
        procedures = yaml.safe_load((SUITES / area / "procedures.yaml").read_text(encoding="utf-8"))["procedures"]
        for rid, case in procedures.items():
            if isinstance(case, dict) and "steps" in case:
                steps[rid] = case["steps"]["zh"] + case["steps"]["en"]
    return steps


def test_test_identities_are_asked_in_one_form():
    """Row 2: the same request was written 「按 IXIT 取得测试身份」, 「测试开通端点」, 「同一开通端点」,
    「开通卖方与买方两个测试身份」 (and "as the IXIT says", "the test provisioning endpoint"), without the
    setting."""
    others = re.compile(r"按 IXIT 取得|测试开通端点|同一开通端点|^\d+\. 开通(?:卖方|多个)|as the IXIT says"
                        r"|provisioning endpoint|^\d+\. Provision (?:a seller|several)")
    found = {rid: line for rid, lines in _identity_steps().items()
             for line in lines if others.search(line)}
    assert not found


def test_the_identity_setting_is_named_in_full_at_first_mention():
    """Row 2: a case's first step sending the identities' request gives the setting and its default."""
    for rid, lines in _identity_steps().items():
        for lang_lines in (lines[: len(lines) // 2], lines[len(lines) // 2:]):
            first = next((line for line in lang_lines if "`identity_path`" in line), None)
            if first is not None:
                assert "`/test-identities`" in first, rid


def test_the_stateful_trade_case_provisions_its_identities(zh_markdown, en_markdown):
    """Row 3: the 前置条件 fix `stateful_identities` = 3; step 1 provisioned "several" identities."""
    zh = _steps(_cases(zh_markdown)["AS-TRADE-007"], "zh").split("<br>")[0]
    assert "3 个测试身份（测试参数 `stateful_identities`）" in zh and "多个" not in zh
    en = _steps(_cases(en_markdown)["AS-TRADE-007"], "en").split("<br>")[0]
    assert "3 test identities (test parameter `stateful_identities`)" in en and "several" not in en


def test_the_did_method_is_named_by_its_setting(zh_markdown, en_markdown):
    """Row 4: ID-REG-001 wrote `method=web` in its statement, R1 and step 2 as if fixed; the ten cases listing
    `did_method` in their 前置条件 named it in no step."""
    for lang, text in (("zh", zh_markdown), ("en", en_markdown)):
        cases = _cases(text)
        for rid in ("ID-PORT-001", "ID-PORT-002", "ID-PORT-003", "ID-PORT-004", "ID-PORT-005", "ID-REG-001",
                    "ID-REG-002", "ID-REG-003", "ID-REG-004", "IF-IOP-001"):
            assert "`did_method`" in _steps(cases[rid], lang), (rid, lang)
        purpose = _row(cases["ID-REG-001"], "测试目的" if lang == "zh" else "Test purpose")
        assert "method=web`" not in purpose.replace("默认 `method=web`", "").replace("`method=web` by default", "")
    assert "`POST /1.0/create?method={did_method}`" in _steps(_cases(zh_markdown)["ID-REG-001"], "zh")


def test_notes_and_advice_call_a_setting_a_setting():
    """Leftover: notes called `identity_path`, `clock_path`, `moderation_path` … 「配置参数」 (rendered 测试参数) or
    "profile parameter", and the harness told the provider to declare `moderation_clock_path` "in the profile's
    parameters" (it is an IXIT setting, with a default, given in the manifest)."""
    settings = (r"(?:account_path|clock_path|did_method|identity_path|known_did|moderation_clock_path"
                r"|moderation_path|unknown_did|unsupported_did)\b")
    wrong = re.compile(rf"(?:测试)?配置参数\s*`?{settings}|profile(?:'s)?\s+parameters?\s+`?{settings}"
                       rf"|in the profile's parameters|在测试配置参数中声明")
    for area in ("assets", "identity", "interfaces"):
        text = (SUITES / area / "requirements.yaml").read_text(encoding="utf-8")
        assert not wrong.search(text), area
    messages = (SUITES.parent / "src/conformance/areas/interfaces/messages.yaml").read_text(encoding="utf-8")
    assert not wrong.search(messages)
    assert "IXIT setting moderation_clock_path" in messages and "IXIT 配置项 moderation_clock_path" in messages
