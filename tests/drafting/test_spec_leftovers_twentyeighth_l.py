"""The leftovers of the twenty-eighth reading of issue 76, part l (docs/drafting.md, "Leftovers of the
twenty-eighth reading, part l"): every test hook a case's 前置条件 lists is named in one of its steps (row a1:
`identity_path`; row a2: `moderation_path` and `moderation_clock_path` in IF-CODE-005 and -006); IF-MOD-002's
不确定 line names a state its steps reach (row a3); IF-CODE-005 says which period it imposes at a declared bound
(row a5); annex A's `identity_path` row of `asset-minors` names what the minors cases send (row a23). Each test
fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_LABELS = {"zh": ("前置条件", "测试步骤", r"配置项 `(\w+_path)`"),
           "en": ("Initial conditions", "Test procedure", r"setting `(\w+_path)`")}


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, _LABELS[lang][1]).split("<br>")


def _unnamed_hooks(markdown: str, lang: str) -> list[tuple[str, str]]:
    """(case, setting) for each test hook (a setting ending in `_path`) a case's 前置条件 lists that neither its
    steps nor the steps of a case they cite (「按 IF-SES-001 的……」) name."""
    pre, steps, setting = _LABELS[lang]
    cases = _cases(markdown)
    out = []
    for case_id, case in sorted(cases.items()):
        procedure = _row(case, steps)
        cited = [cases.get(c.replace("\u2011", "-"), "") for c in re.findall(r"[A-Z]{2}\u2011[A-Z]+\u2011\d{3}", procedure)]
        for hook in re.findall(setting, _row(case, pre)):
            if f"`{hook}`" not in procedure and not any(f"`{hook}`" in _row(c, steps) for c in cited):
                out.append((case_id, hook))
    return out


def test_every_listed_test_hook_is_named_in_a_step(zh_markdown, en_markdown):
    """Rows a1 and a2: 30 cases listed `identity_path` and provisioned 「测试身份」 (「开通」, 「取得」, "obtain")
    with no setting named, or used identities no step provisioned; IF-CODE-005 and -006 listed `moderation_path`,
    IF-CODE-006 `moderation_clock_path`, and their steps named 「测试处罚端点」 and 「测试处罚时钟」 only."""
    assert _unnamed_hooks(zh_markdown, "zh") == []
    assert _unnamed_hooks(en_markdown, "en") == []
    assert "经测试处罚端点" not in zh_markdown and "经测试处罚时钟" not in zh_markdown
    assert "through the test moderation endpoint" not in en_markdown


def test_the_risk_case_sends_the_age_band_as_a_member(zh_markdown, en_markdown):
    """Row a1: IF-RISK-004 step 2 asked for 「一个 12-15 年龄段的身份」 without saying it is a member of the
    request."""
    assert '`{"age_band": "12-15"}`' in _row(_cases(zh_markdown)["IF-RISK-004"], "测试步骤")
    assert '`{"age_band": "12-15"}`' in _row(_cases(en_markdown)["IF-RISK-004"], "Test procedure")


def test_the_ban_case_advances_the_clock_by_a_named_request(zh_markdown, en_markdown):
    """Row a2: IF-CODE-006 step 6 named neither the clock's setting nor its request body."""
    zh = next(s for s in _steps(_cases(zh_markdown)["IF-CODE-006"], "zh") if s.startswith("6. "))
    assert "`moderation_clock_path`" in zh and '"advance_s"' in zh
    en = next(s for s in _steps(_cases(en_markdown)["IF-CODE-006"], "en") if s.startswith("6. "))
    assert "`moderation_clock_path`" in en and '"advance_s"' in en


def test_the_removal_case_reaches_the_state_its_inconclusive_line_names(zh_markdown, en_markdown):
    """Row a3: IF-MOD-002's 不确定 named 「举报未被记录」, which no step observes; the check judges the answer
    to the report (since the thirtieth reading's part c, the contract's 201 alone)."""
    zh = _cases(zh_markdown)["IF-MOD-002"]
    filed = next(s for s in _steps(zh, "zh") if "METAVERSE-CONFORMANCE-VIOLATING-TEST-CONTENT:illegal" in s)
    assert "201" in filed
    assert "举报未被记录" not in _verdict_lines(zh, "zh")["不确定"]
    assert "状态码不是 201" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IF-MOD-002"]
    filed = next(s for s in _steps(en, "en") if "METAVERSE-CONFORMANCE-VIOLATING-TEST-CONTENT:illegal" in s)
    assert "other than the 201" in filed
    assert "not recorded" not in _verdict_lines(en, "en")["Inconclusive"]


def test_the_sanction_period_at_a_declared_bound_is_stated(zh_markdown, en_markdown):
    """Row a5: IF-CODE-005 fixed 1 h or 3 s 「在所声明的最短与最长期限之内」 without saying what is imposed
    when that falls outside them; the check takes the nearer bound (sanctions.period_for)."""
    zh = next(s for s in _steps(_cases(zh_markdown)["IF-CODE-005"], "zh") if "`sanction_period_s`" in s)
    assert "`min_period_s`）时取最短期限" in zh and "`max_period_s`）时取最长期限" in zh
    en = next(s for s in _steps(_cases(en_markdown)["IF-CODE-005"], "en") if "`sanction_period_s`" in s)
    assert "(`min_period_s`), the shortest period" in en and "(`max_period_s`), the longest period" in en


def _minors_identity_row(markdown: str, label: str) -> str:
    section = re.search(r"^### A\.\d+ [^\n]*`asset-minors`[^\n]*\n(.*?)(?=^### )", markdown, re.M | re.S)
    assert section
    return next(line for line in section.group(1).splitlines() if line.startswith(f"| {label} `identity_path` |"))


def test_the_minors_identity_row_names_what_the_cases_send(zh_markdown, en_markdown):
    """Row a23: the row said {"age_band": ...} gives the identity's age band and named no `birth_date`, which
    AS-MINOR-003, -004 and AS-RATING-003 send (and `real_name_verified` = false, and `age_band` as a self-claim)."""
    zh = _minors_identity_row(zh_markdown, "配置项")
    assert '"birth_date"' in zh and '"real_name_verified"' in zh and "时为该年龄段的身份" not in zh
    en = _minors_identity_row(en_markdown, "Setting")
    assert '"birth_date"' in en and '"real_name_verified"' in en and "one of that age band" not in en
