"""The leftovers of the thirtieth reading of issue 76, part a (docs/drafting.md, "Leftovers of the thirtieth reading,
part a"): the assets cases against their checks and the request bodies of every area. AS-CONT-001 gives its hashing
cap (row a1); AS-GLTF-003 says how it counts (a2); AS-RATING-003 names no state its check never gives (a3); a
request body is one code value everywhere (a4); AS-REG-002 names its second identity (a5); the cooling-off period
is 604 800 s alone (a6). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance._io.vendorfiles import MAX_HASH_BYTES
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> str:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure")


def test_the_content_case_gives_the_hashing_cap_the_check_uses(zh_markdown, en_markdown):
    """Row a1: 「大于测试工具所读取的上限」 named a cap without its value; the not-applicable line said 「没有可在本地
    读取的内容文件」, which also covered a file that exists but cannot be read (inconclusive)."""
    assert MAX_HASH_BYTES == 1_073_741_824
    # part h94-basisA writes the reading bound 1 GiB first, its bytes after
    for markdown, lang, cap, none in ((zh_markdown, "zh", "至多 1 GiB，即 1 073 741 824 B", "没有本地内容引用"),
                                      (en_markdown, "en", "at most 1 GiB, 1 073 741 824 B", "no local content reference")):
        case = _cases(markdown)["AS-CONT-001"]
        assert cap in _steps(case, lang)
        lines = _verdict_lines(case, lang)
        assert "1 GiB" in lines["不确定" if lang == "zh" else "Inconclusive"]
        assert none in lines["不适用" if lang == "zh" else "Not applicable"]


def test_the_budget_case_says_how_the_check_counts(zh_markdown, en_markdown):
    """Row a2: instancing, strips and fans and the accessors' counts decided the verdict but stood only in the
    notes, rendered in neither draft."""
    for markdown, lang, words in ((zh_markdown, "zh", ("`EXT_mesh_gpu_instancing`", "元素数减 2", "除以 3 取整")),
                                  (en_markdown, "en", ("`EXT_mesh_gpu_instancing`", "the elements less 2",
                                                       "divided by 3, rounded down"))):
        steps = _steps(_cases(markdown)["AS-GLTF-003"], lang)
        assert all(word in steps for word in words), steps


def test_the_rated_content_case_names_no_state_the_check_never_gives(zh_markdown, en_markdown):
    """Row a3: 不适用 「被测对象不提供带内容分级的内容」, while the check issues its own rated items and has no
    not-applicable path; step 1 did not say how the items are obtained."""
    for markdown, lang, label, none, issued in (
            (zh_markdown, "zh", "不适用", "不适用：无（", '`{"system": "CADPA", "rating": "8+", "min_age": 8}`'),
            (en_markdown, "en", "Not applicable", "Not applicable: none (",
             '`{"system": "CADPA", "rating": "8+", "min_age": 8}`')):
        case = _cases(markdown)["AS-RATING-003"]
        assert _verdict_lines(case, lang)[label].startswith(none)
        assert issued in _steps(case, lang)


def test_every_request_body_is_one_code_value(zh_markdown, en_markdown):
    """Row a4: about 45 bodies set a code span per member name, {`"to"`: DID}, beside 33 written whole,
    `{"to": B 的 DID}`; AS-REG-001 used both for one body, and ID-AUTH-003 wrote its `ttl_s` three ways."""
    for markdown in (zh_markdown, en_markdown):
        assert re.findall(r'.{0,20}\{`"', markdown) == []
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    assert '请求体 `{"to": DID}`' in zh_markdown and 'with `{"to": DID}`' in en_markdown  # AS-REG-001, R2
    assert '提交 `{"did": B 的 DID}`' in _steps(zh["IF-CODE-009"], "zh")
    assert "send `{\"did\": B's DID}`" in _steps(en["IF-CODE-009"], "en")
    for markdown in (zh_markdown, en_markdown):
        assert "ttl_s: 1" not in markdown and "`ttl_s`=1" not in markdown and "ttl_s=1" not in markdown
    assert '以请求体 `{"did": 该 DID, "ttl_s": 1}` 申请挑战' in _steps(zh["ID-AUTH-003"], "zh")


def test_the_impossible_changes_case_names_its_second_identity(zh_markdown, en_markdown):
    """Row a5: the check re-issues A's asset ID with a second identity B's token; the steps said 「以该令牌」."""
    for markdown, lang, words in ((zh_markdown, "zh", ("开通两个测试身份 A 与 B", "以 B 的令牌请求 `POST /assets`")),
                                  (en_markdown, "en", ("two test identities A and B", "With B's token, `POST /assets`"))):
        case = _cases(markdown)["AS-REG-002"]
        assert all(word in _steps(case, lang) for word in words)
        assert "A 与 B" in _verdict_lines(case, lang)["不确定"] if lang == "zh" else \
            "A and B" in _verdict_lines(case, lang)["Inconclusive"]


def test_the_cooling_off_period_is_a_number_and_a_unit_symbol(zh_markdown, en_markdown):
    """Row a6: "7 days (604 800 s)", 「7 日（604 800 s）」 and "within 7 days" beside the 86 400 s of part s."""
    assert not re.search(r"7 days|(?<!月 )7 日(?!之)", en_markdown + zh_markdown)
    for case in ("AS-TRADE-004", "AS-TRADE-008", "AS-TRADE-010"):
        assert "604 800 s" in _cases(en_markdown)[case] and "604 800 s" in _cases(zh_markdown)[case]
