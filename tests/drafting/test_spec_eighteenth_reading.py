"""The eighteenth reading of issue 76 (docs/drafting.md, "Eighteenth reading"): every 前置条件 names the profile
claimed (any one of several), the IXIT's inputs and settings and the test parameters with the values this document
sets, fixed ones as fixed; a 通过 line states no modal verb; SC-FEED-005's and IF-SES-002's 不确定 lines state a
condition; code values whole with their marks; E.6 cited alike in both languages; annex C an element of the document;
the microsecond, the multiplication sign, 哈希 and 节 one way. Each test fails on the draft as it was before the fix
it names; the scans also on a planted defect."""

from __future__ import annotations

import re

from conformance.drafting.conditions import completed
from conformance.drafting.signs import signs
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CONDITIONS = {"zh": "前置条件", "en": "Initial conditions"}
#: a 前置条件's lines: the profile, the IXIT and (where a case reads parameters) their values
_PROFILE = {"zh": "被测对象声明符合测试配置", "en": "The implementation under test claims conformance to"}
_IXIT = {"zh": "已按 IXIT（附录 A）提供", "en": "The IXIT (annex A) provides"}


def _conditions(markdown: str, lang: str) -> dict[str, str]:
    return {rid: _row(case, _CONDITIONS[lang]) for rid, case in _cases(markdown).items()}


def test_every_precondition_names_the_profile_and_the_ixit_once(zh_markdown, en_markdown):
    """61 hand-written 前置条件 (TD-HOLO-002, TD-PWR-002, IF-SES-002...) replaced the generated one whole and named no
    profile, no IXIT input; 16 cases named each of several profiles in a sentence of its own (all of them claimed)."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        conditions = _conditions(markdown, lang)
        assert len(conditions) == 310
        missing = sorted(rid for rid, text in conditions.items() if _PROFILE[lang] not in text)
        assert missing == [], missing[:8]
        twice = sorted(rid for rid, text in conditions.items() if text.count(_PROFILE[lang]) > 1)
        assert twice == [], twice[:8]
        # a case that reads no target (TD-SAFE-001: the device as sold, its packaging and manual) has no IXIT line
        # (twenty-first reading, row 8); it says what the applicant supplies instead
        no_ixit = sorted(rid for rid, text in conditions.items() if _IXIT[lang] not in text)
        assert no_ixit == ["TD-SAFE-001"], no_ixit[:8]
        assert re.search("零售状态的被测设备|a device as sold", conditions["TD-SAFE-001"])
    zh = _conditions(zh_markdown, "zh")
    assert "“数字资产元数据文件”（`asset-metadata`）或“ERC-721 / ERC-1155 通证元数据”（`asset-metadata-erc`）" in zh["AS-META-002"]
    assert "`max_contact_temperature_c` = 43 ℃" in zh["TD-PWR-002"]  # a hand-written case's value, as annex A sets it
    assert zh["TD-SAFE-001"].index(_PROFILE["zh"]) < zh["TD-SAFE-001"].index("零售状态的被测设备")


def test_ixit_settings_stand_with_the_ixit_and_fixed_parameters_are_fixed(zh_markdown, en_markdown):
    """92 cases listed the IXIT's settings (`identity_path`, `known_did`...) among the test parameters 「只可将其改严」,
    and 15 said a fixed parameter (`page_size`, a seed, `snap_tolerance_m`) could be made stricter; IR-RES-002's
    `invalid_identifier` stood outside code; AS-REG-005 called the document's values 「默认」."""
    zh = _conditions(zh_markdown, "zh")
    params = re.compile(r"测试参数取本文件规定的值[^<]*")
    for rid, text in zh.items():
        listed = " ".join(params.findall(text))
        for setting in ("identity_path", "clock_path", "generation_path", "render_path", "known_did", "did_method"):
            assert f"`{setting}` =" not in listed, (rid, setting)
    assert "配置项 `identity_path`（默认 `/test-identities`）" in zh["AS-REG-002"]
    assert "配置项 `invalid_identifier`（默认 `88.100.1/`）" in zh["IR-RES-002"]
    assert "测试参数取本文件规定的值（附录 A，固定）：`page_size` = 100。" in zh["IF-PAGE-001"]
    assert "`snap_tolerance_m` = 0.001 m（固定）" in zh["SC-CITY-007"] and "注明“固定”以外者改严" in zh["SC-CITY-007"]
    assert "默认 40" not in zh["AS-REG-005"] and "`stateful_seed` = 20240501（固定）" in zh["AS-REG-005"]
    en = _conditions(en_markdown, "en")
    assert "setting `identity_path` (default `/test-identities`)" in en["AS-REG-002"]
    assert "(annex A; fixed): `page_size` = 100." in en["IF-PAGE-001"]


def test_a_hand_written_precondition_is_completed_in_the_generated_order():
    generated = ["被测对象声明符合测试配置“A”（`a`）。", "ICS 声明支持特性“F”。", "已按 IXIT（附录 A）提供：采集文件。",
                 "测试参数取本文件规定的值（附录 A，认证计划或声明文件只可将其改严）：`x` = 1。"]
    written = ["已按 IXIT（附录 A）提供：采集文件与包装。", "设备置于暗室中。"]
    assert completed(generated, written, "zh") == [generated[0], generated[1], written[0], generated[3], written[1]]
    assert completed(generated, [], "zh") == generated


def test_a_pass_line_states_no_modal_verb(zh_markdown):
    """SC-FEED-005 and SC-FEED-007: 「…其…代理应在所声明的推送时限内…」 (the modal pass left 应 after 代理)."""
    for rid in ("SC-FEED-005", "SC-FEED-007"):
        passed = next(c for c in _row(_cases(zh_markdown)[rid], "判定准则").split("<br>") if c.startswith("通过："))
        assert "代理应" not in passed and "应在" not in passed, passed


def test_inconclusive_lines_state_a_condition(zh_markdown, en_markdown):
    """SC-FEED-005's 不确定 line was a sentence of its notes (where the endpoint is read); IF-SES-002's joined two texts,
    「…；原因中指明该步骤。或某一 *N*…」, and asked to re-run on a quieter machine."""
    zh = _cases(zh_markdown)
    feed = _row(zh["SC-FEED-005"], "判定准则").split("不确定：", 1)[1]
    assert "serverSettings" not in feed and "无法" in feed
    sessions = _row(zh["IF-SES-002"], "判定准则").split("不确定：", 1)[1]
    assert "。或" not in sessions and "负载较低的机器" not in sessions
    en = _row(_cases(en_markdown)["IF-SES-002"], "Verdict criteria")
    assert "harness" not in en and "quieter machine" not in en


#: a code value cut by its marks: an XML element or placeholder in angle brackets, a query string, a URI scheme, an
#: elided entry (「<`robot`>」, 「?$`select`=`result`」, 「`personalised`=`false`」, 「`mqtt`://」, 「`ViewDefinition` [...]」)
_CUT = re.compile(r"<`[\w-]+`>|\?\$?`\w+`=|`\w+`=`|(?<![\w`])\$`\w+`|`\w+`://|`\w+` \[\.\.\.\]|``")


def test_code_values_stand_whole_with_their_marks(zh_markdown):
    assert [m.group(0) for m in _CUT.finditer(zh_markdown)] == []
    for whole in ("`<endpoint>/{report_id}`", "`<robot>`", "`<limit>`", "`?$select=result,phenomenonTime`",
                  "`?personalised=false`", "`ViewDefinition [...]`"):
        assert whole in zh_markdown, whole
    planted = "读取 <`endpoint`>`/{report_id}`；根为 <`robot`> 元素；带 ?$`select`=`result`,`b` 的主题；`mqtt`:// 端点"
    assert _CUT.search(planted)
    fixed = signs(planted, "zh")
    assert _CUT.search(fixed) is None, fixed
    assert "`<endpoint>/{report_id}`" in fixed and "`?$select=result,b`" in fixed and "`mqtt://`" in fixed


def test_the_laboratory_record_is_cited_alike_in_both_languages(zh_markdown, en_markdown):
    """The Chinese cited 「签名记录：E.6」 in 29 cases under E.6's title 「实验室记录」, the English in none."""
    zh = sum("签名记录：E.6" in text for text in _conditions(zh_markdown, "zh").values())
    en = sum("signed record: E.6" in text for text in _conditions(en_markdown, "en").values())
    assert zh == en  # none since the twenty-fourth reading (row 22): no case reads the record, 5.9 says what it is for
    assert "### E.6 实验室签名记录" in zh_markdown and "### E.6 Laboratory signed record" in en_markdown


def test_annex_c_is_an_element_of_the_document(zh_markdown, en_markdown):
    """「另有 62 项草案与候选要求列于附录 C，不是本文件的内容」: an informative annex is part of the document."""
    assert "不是本文件的内容" not in zh_markdown and "not content of this document" not in en_markdown
    assert "列于附录 C，不是本文件的要求" in zh_markdown


def test_units_signs_and_terms_one_way(zh_markdown, en_markdown):
    """「10 `us`」 (TD-AUD-004, -005) for the microsecond, 「8192 *x* 8192」 (TD-HOLO-002) for ×, 散列链 beside 哈希链
    (AS-TRADE-005), 「RFC 9110 第 5.6.7 条」 beside RFC sections as 节."""
    for markdown in (zh_markdown, en_markdown):
        assert "`us`" not in markdown and not re.search(r"\d us\b", markdown)
        assert "8192 *x* 8192" not in markdown and "8192 × 8192" in markdown
    cases = _cases(zh_markdown)
    assert "`_qs`" in cases["TD-HOLO-002"] and "<列数>" not in cases["TD-HOLO-002"]
    assert "散列" not in cases["AS-TRADE-005"] and "散列" not in cases["AS-TRADE-007"]
    assert not re.search(r"RFC \d+ 第 [\d.]+ 条", zh_markdown)
    # one instrument, one name: 「JSON 模式校验器」, 「JSON Schema 验证器」, 「JSON 模式（2020-12 版）校验器」 stood beside it
    names = set(re.findall(r"JSON ?(?:Schema|模式)[^，。；、]{0,14}?(?:验证器|校验器)", zh_markdown))
    assert names == {"JSON Schema 2020-12 校验器", "JSON Schema 校验器"}, names


def test_the_radiance_units_are_no_code_values(zh_markdown):
    """Annex E's spectral radiance 「以 W·m⁻²·`sr`⁻¹·`nm`⁻¹ 计」 (E.4, E.8) and the blue-light limit a completed
    前置条件 prints, 「100 W·m⁻²·`sr`⁻¹」: the steradian and the nanometre set as code (GB 3102.6; the fifth
    reading's form 「W·m⁻²·sr⁻¹·nm⁻¹」)."""
    assert "`sr`" not in zh_markdown and "`nm`" not in zh_markdown
    assert zh_markdown.count("W·m⁻²·sr⁻¹·nm⁻¹") >= 3 and "`max_blue_light_radiance` = 100 W·m⁻²·sr⁻¹" in zh_markdown
