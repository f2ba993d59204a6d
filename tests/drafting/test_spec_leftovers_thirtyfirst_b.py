"""The leftovers of the thirty-first reading of issue 76, part b (docs/drafting.md, "Leftovers of the thirty-first
reading, part b"): ID-MFA-001's fail line names a wrong code not refused with 4xx problem details (row a6) and its step
2 what the check accepts of the seed (row a7); the English names GB 11643-1999's number by its title (row a8);
ID-RES-002 names the three strings it resolves and a setting that is not a DID (row a9); TD-BIO-003's not-applicable
line as its step 2 (row a20); TD-BIO-004 and annex E name the mainland mobile number as ID-PRIV-001 does, with the
prefixes the detector takes (row a21). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance.areas._shared.privacy import _PRC_MOBILE
from tests.drafting.blocks import section
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_mfa_fail_line_names_a_refusal_without_problem_details(zh_markdown, en_markdown):
    """Row a6: step 5 judges the wrong code's refusal as 4xx problem details, the fail line named acceptance only."""
    assert "错误验证码被接受或未以 `4xx` 问题详情拒绝" in _verdict_lines(_cases(zh_markdown)["ID-MFA-001"], "zh")["不通过"]
    en = _verdict_lines(_cases(en_markdown)["ID-MFA-001"], "en")["Fail"]
    assert "a wrong code is accepted or not refused with `4xx` problem details" in en


def test_the_mfa_seed_step_states_what_the_check_accepts(zh_markdown, en_markdown):
    """Row a7: the check takes the seed from a 201 answer only (200 or 201 before the thirty-third reading b1),
    with an algorithm it can compute, 6 to 8 digits (6 to 10 before the fifty-first reading, b1) and a positive period;
    step 2 stated none of it and 不通过 named no unusable seed."""
    zh = _cases(zh_markdown)["ID-MFA-001"]
    step = next(s for s in _steps(zh, "zh") if "/1.0/auth/totp" in s)
    for part in ("以 201 得到", "`SHA1`、`SHA256` 或 `SHA512`", "`digits` 为 6 至 8", "RFC 4226 第 5.3 节",
                 "`period` 为正的秒数"):
        assert part in step, part
    assert "未下发可用的种子（应答不为 201" in _verdict_lines(zh, "zh")["不通过"]
    en = _cases(en_markdown)["ID-MFA-001"]
    step = next(s for s in _steps(en, "en") if "/1.0/auth/totp" in s)
    for part in ("a 201 answer", "`SHA1`, `SHA256` or `SHA512`", "`digits` 6 to 8", "RFC 4226 section 5.3",
                 "`period` a positive number of seconds"):
        assert part in step, part
    assert "no usable seed is provisioned (the answer is not 201" in _verdict_lines(en, "en")["Fail"]


def test_the_english_names_the_number_by_its_standards_title(en_markdown):
    """Row a8: "resident identity number" in ID-PRIV-001, TD-BIO-004 and annex E, where clause 2 gives
    GB 11643-1999 as "Citizen identification number"."""
    assert "resident identity" not in en_markdown
    cases = _cases(en_markdown)
    assert _row(cases["ID-PRIV-001"], "Test purpose").count("citizen identification number (GB 11643-1999)") == 1
    assert "citizen identification number (GB 11643-1999) of 18" in _steps(cases["ID-PRIV-001"], "en")[2]
    assert "citizen identification number (GB 11643-1999)" in _row(cases["ID-PRIV-001"], "Expected result")
    for label in ("Test purpose", "Test procedure", "Expected result"):
        assert "citizen identification number" in _row(cases["TD-BIO-004"], label), label
    assert "citizen identification number (GB 11643-1999)" in _verdict_lines(cases["TD-BIO-004"], "en")["Fail"]
    subject = next(line for line in section(en_markdown, 2, "Annex E").splitlines() if line.startswith("| `subject` "))
    assert "mobile phone number or citizen identification number (GB 11643-1999)" in subject


def test_the_resolution_case_names_the_three_strings_and_a_setting_not_a_did(zh_markdown, en_markdown):
    """Row a9: the check resolves three malformed strings and is inconclusive when `unknown_did` (or `known_did`)
    is not a DID; step 1 named one string "for example" and 不确定 named no such setting."""
    zh = _cases(zh_markdown)["ID-RES-002"]
    first = _steps(zh, "zh")[0]
    for part in ("三个", "`not-a-did`（无 `did:` 前缀）", "`did:Example:123`（方法名含大写字母", "`did:example:`（方法专用标识符为空）"):
        assert part in first, part
    assert "例如" not in first
    assert "`unknown_did`（或第 3 步所用的 `known_did`）不是语法有效的 DID" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["ID-RES-002"]
    first = _steps(en, "en")[0]
    assert "three strings" in first and "for example" not in first
    for part in ("`not-a-did` (no `did:` scheme)", "`did:Example:123` (an upper-case letter", "`did:example:` (an empty"):
        assert part in first, part
    assert "`unknown_did` (or `known_did`, used in step 3) is not a syntactically valid DID" in \
        _verdict_lines(en, "en")["Inconclusive"]


def test_the_biometric_export_not_applicable_line_follows_step_2(zh_markdown, en_markdown):
    """Row a20: a capture stays on the device when `off_device` is not `true`; 不适用 said `false`."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-BIO-003"], "zh")["不适用"]
    assert "`export.off_device` 不为 `true`" in zh and "`false`" not in zh
    en = _verdict_lines(_cases(en_markdown)["TD-BIO-003"], "en")["Not applicable"]
    assert "`export.off_device` not `true`" in en and "`false`" not in en


def test_the_capture_case_names_the_mobile_number_as_the_privacy_case(zh_markdown, en_markdown):
    """Row a21: TD-BIO-004 and annex E's `subject` said 电话号码 / "phone number" with +86 only, where ID-PRIV-001
    says 手机号码 / "mobile phone number" and the shared detector takes +86, 0086 and 86."""
    for prefix in ("+86 ", "0086 ", "86 ", "+86-", ""):
        assert _PRC_MOBILE.search(f"x {prefix}13812345678 x"), prefix  # what the texts now list
    zh = _cases(zh_markdown)["TD-BIO-004"]
    for label in ("测试目的", "测试步骤", "预期结果"):
        assert "电话号码" not in _row(zh, label).replace("移动电话号码", "").replace("固定电话号码", ""), label
        assert "手机号码" in _row(zh, label), label
    assert "+86、0086 或 86 前缀" in _row(zh, "测试目的") and "+86、0086 或 86 前缀" in _steps(zh, "zh")[1]
    assert "第 2 步所列的手机号码" in _verdict_lines(zh, "zh")["不通过"]
    privacy = _steps(_cases(zh_markdown)["ID-PRIV-001"], "zh")[2]
    assert "可带 `+86`、`0086` 或 `86` 前缀" in privacy
    subject = next(line for line in section(zh_markdown, 2, "附录 E").splitlines() if line.startswith("| `subject` "))
    assert "手机号码或公民身份号码" in subject
    en = _cases(en_markdown)["TD-BIO-004"]
    for label in ("Test purpose", "Test procedure", "Expected result"):
        assert not re.search(r"(?<!mobile )phone number", _row(en, label)), label
    assert "with or without a +86, 0086 or 86 prefix" in _steps(en, "en")[1]
    assert "with or without a `+86`, `0086` or `86` prefix" in _steps(_cases(en_markdown)["ID-PRIV-001"], "en")[2]
