"""The leftovers of the thirtieth reading of issue 76, part b (docs/drafting.md, "Leftovers of the thirtieth
reading, part b"): DP-DESC-001's verdict lines as its check gives them (row a7), ID-PRIV-001's one name for the
telephone number (row a8), ID-VC-004's SD-JWT signatures (row a9) and what IR-RES-003's check skips and when it is
inconclusive (row a18). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_a_description_that_cannot_be_expanded_fails_and_no_dataset_is_inconclusive(zh_markdown, en_markdown):
    """Row a7: the check fails an unexpandable JSON-LD description (``rule="jsonld"``) and is inconclusive without
    a dcat:Dataset, while the 不适用 line named the latter and only 不确定 「无法读取」 the former."""
    zh = _verdict_lines(_cases(zh_markdown)["DP-DESC-001"], "zh")
    assert "无法作为 JSON-LD 展开" in zh["不通过"] and "jsonld_contexts" in zh["不通过"]
    assert zh["不适用"].startswith("不适用：无（") and "dcat:Dataset" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["DP-DESC-001"], "en")
    assert "cannot be expanded as JSON-LD" in en["Fail"] and en["Not applicable"].startswith("Not applicable: none (")
    assert "dcat:Dataset" in en["Inconclusive"]
    assert "jsonld_contexts" in _steps(_cases(zh_markdown)["DP-DESC-001"], "zh")[0]


def test_the_privacy_case_names_the_mobile_number_one_way(zh_markdown, en_markdown):
    """Row a8: the expected result said 电话号码 / "telephone number" (and "resident identity number") where the
    statement and step 3 say 手机号码 / "mobile phone number" (and "PRC resident identity number")."""
    zh = _cases(zh_markdown)["ID-PRIV-001"]
    assert "电话号码" not in _row(zh, "预期结果") and "手机号码" in _row(zh, "预期结果")
    assert "以 13 至 19 开头" in _steps(zh, "zh")[2]
    en = _cases(en_markdown)["ID-PRIV-001"]
    expected = _row(en, "Expected result")
    assert "telephone" not in expected and "citizen identification number (GB 11643-1999), mobile phone number" in expected
    assert "beginning 13 to 19" in _steps(en, "en")[2]


def test_the_jwt_case_names_the_sd_jwt_signatures_it_verifies(zh_markdown, en_markdown):
    """Row a9: the check verifies every SD-JWT's issuer signature under R4, yet step 1 and 不适用 named VC 1.1
    JWTs only."""
    zh = _cases(zh_markdown)["ID-VC-004"]
    assert "SD-JWT" in _steps(zh, "zh")[0] and "SD-JWT" in _steps(zh, "zh")[3]
    assert "SD-JWT" in _verdict_lines(zh, "zh")["不适用"]
    en = _cases(en_markdown)["ID-VC-004"]
    assert "SD-JWT" in _steps(en, "en")[0] and "SD-JWT" in _steps(en, "en")[3]
    assert "nor an SD-JWT" in _verdict_lines(en, "en")["Not applicable"]


def test_the_resolution_case_says_what_it_skips_and_when_it_is_inconclusive(zh_markdown, en_markdown):
    """Row a18: the check skips malformed identifiers, unresolved ones (unjudged) and `URL` values off the
    platform, and is inconclusive when nothing was compared; the text resolved and fetched everything and its
    不确定 line named only an unreachable base address."""
    zh = _cases(zh_markdown)["IR-RES-003"]
    steps = _steps(zh, "zh")
    assert "IR‑SYN‑001" in steps[0] and "IR‑RES‑001" in steps[0] and "不予获取" in steps[1]
    assert "无文档可比对" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IR-RES-003"]
    assert "off the platform is neither fetched nor judged" in _steps(en, "en")[1]
    assert "no document is compared" in _verdict_lines(en, "en")["Inconclusive"]
