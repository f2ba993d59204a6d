"""The leftovers of the twentieth reading of issue 76, part d (docs/drafting.md, "Leftovers of the twentieth reading,
part d"): one name for one thing (rows 13 to 17), code values whole and marked (rows 27 and 28), and the expanded
uncertainty italic in English (row 37). Each scan reads the whole rendered draft, not only the places the reading
named, and is tried on a planted line; each fails on the draft as it was before these fixes."""

from __future__ import annotations

import re


from conformance.drafting.quantities import quantity_marks
from conformance.drafting.signs import signs
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _plain(text: str) -> str:
    """``text`` without its code values: what the scans read is the draft's own words."""
    return "".join(part for i, part in enumerate(text.split("`")) if i % 2 == 0)


# ---- rows 13 and 17: the fee's payer, the interface contracts, the discovery document, the user's test clock

#: a second name for a defined thing, and the name the draft keeps (GB/T 1.1-2020: one term for one concept)
_SECOND_NAMES = {"付费方": "支付方", "接口约定": "接口契约", "用户时钟": "用户的测试时钟", "用户测试时钟": "用户的测试时钟"}
#: the discovery document by a short form: 「其发现文档」, 「（发现文档所声明……」, never after 服务
_SHORT_DISCOVERY = re.compile(r"(?<!服务)发现文档")


def _second_names(text: str) -> list[str]:
    found = [name for name in _SECOND_NAMES if name in text]
    return found + [m.group(0) for m in _SHORT_DISCOVERY.finditer(text)]


def test_the_scan_finds_a_planted_second_name():
    assert _second_names("费用（金额、币种、付费方），并符合接口约定的模式；平台应在其发现文档中声明；于用户时钟上届满")
    assert _second_names("在用户测试时钟上") == ["用户测试时钟"]
    assert _second_names("费用的支付方，符合接口契约；服务发现文档声明；于用户的测试时钟上届满") == []


def test_one_name_for_the_payer_the_contracts_the_discovery_document_and_the_clock(zh_markdown, note_md):
    """Row 13: AS-TRADE-001 called the fee's payer 付费方 in its purpose and 支付方 in D.6, and the contracts once
    接口约定. Row 17: IF-UDP-012 and IF-BIO-001 wrote 用户时钟 and 用户测试时钟 for the test clock (3.x), and 「其发现文档」
    stood eight times beside 服务发现文档."""
    for text in (zh_markdown, note_md):
        assert _second_names(text) == []
    trade = _cases(zh_markdown)["AS-TRADE-001"]
    assert "支付方" in _row(trade, "测试目的") and "接口契约的交易订单模式" in _row(trade, "测试步骤")
    assert "用户的测试时钟" in _row(_cases(zh_markdown)["IF-UDP-012"], "测试目的")


# ---- row 14: the values this document sets

def test_the_stateful_trading_case_states_the_values_this_document_sets(catalog, zh_markdown, en_markdown):
    """Row 14: AS-TRADE-007 step 2 took 「测试配置给定的种子、示例数与步数」 (a profile gives none: annex A sets them).
    The step now states each parameter with the value annex A gives it, read here from the profile."""
    profile = catalog.profiles["asset-trading"]
    values = {name: profile.parameters[name].default for name in ("stateful_seed", "stateful_examples", "stateful_steps")}
    for markdown, steps, lang in ((zh_markdown, "测试步骤", "zh"), (en_markdown, "Test procedure", "en")):
        step = _row(_cases(markdown)["AS-TRADE-007"], steps)
        for name, value in values.items():
            assert re.search(rf"`{name}`[，,] ?[^）)]*?{value}\b", step), (lang, name, value)
        assert "本文件规定" in step if lang == "zh" else "this document sets" in step
    assert "测试配置给定" not in zh_markdown and "the profile gives" not in en_markdown


# ---- row 15: 不符合项, not 发现

#: 发现 as a verb or in 服务发现: 「未发现私钥材料」, 「均被比对发现」, 「要求发现此类信息」, a quoted message 「“发现 VRM 0.x”」,
#: a study's finding (「Albert、Patney、Luebke 与 Kim（2017）发现」, TD-GAZE-003's basis in the 编制说明, with its
#: bibliography number since part h97-note2), a passive 「才被发现违规的内容」 and 「要求平台发现此类信息时」
_VERB = re.compile(r"服务发现|未发现|比对发现|要求发现|被发现|平台发现|[“\"]发现 |（\d{4}(?:，参考文献\[\d+\])?）发现")


def _finding_nouns(text: str) -> list[str]:
    """Each 发现 that names a non-conformity (the harness's word, defined nowhere in the draft), with its context."""
    plain = _VERB.sub("", _plain(text))
    return [plain[max(0, m.start() - 12):m.end() + 6] for m in re.finditer("发现", plain)]


def test_the_scan_finds_a_planted_finding():
    assert _finding_nouns("（SC‑CITY‑002 的发现）未经判定：在没有其他发现时结论为不确定；记录每处发现的位置")
    assert _finding_nouns("两种设置的判定、发现与测得值须一致")
    assert _finding_nouns("所有 DID 文档中均未发现私钥材料；服务发现文档；均被比对发现；说明“发现 VRM 0.x”") == []


def test_a_non_conformity_is_named_one_way(zh_markdown, note_md):
    """Row 15: SC-CITY-007 to -012, SC-FEED-003, -006, annex A's `geometry_budget_s` and others called a
    non-conformity 发现 beside 服务发现; the draft's word is 不符合项."""
    assert _finding_nouns(zh_markdown) == []
    assert _finding_nouns(note_md) == []
    assert "SC‑CITY‑002 记录的不符合项" in _row(_cases(zh_markdown)["SC-CITY-008"], "测试步骤")


# ---- row 16: the offers entry of a stream, annex E's name

#: 能力 where it is not an `offers` entry: the defined term 设备能力描述, a laboratory's competence, the XR system's
#: tracking and graphics properties (OpenXR), what an ICS says is implemented, a SensorThings TaskingCapability
_OTHER_CAPABILITY = re.compile(r"设备能力描述|实验室能力|交互能力|实现了哪些能力|数据流与能力|跟踪能力|图形能力|支持该能力|其自身能力"
                               r"|对照其能力的 SWE")
_CAPABILITY = re.compile(r"能力")


def _capabilities(text: str) -> list[str]:
    """Each 能力 left naming an element of `offers[]`, with its context."""
    plain = _OTHER_CAPABILITY.sub("", _plain(text))
    return [plain[max(0, m.start() - 12):m.end() + 4] for m in _CAPABILITY.finditer(plain)]


def test_the_scan_finds_a_planted_capability():
    assert len(_capabilities("读取其所属能力的 limits；找到各自所属的设备描述能力；在 motion_platform 能力声明的范围内")) == 3
    assert _capabilities("设备能力描述；系统的跟踪能力；在设备描述中找到该数据流所属的提供项") == []


def test_a_stream_belongs_to_an_offers_entry(zh_markdown):
    """Row 16: the Chinese called an element of `offers[]` 能力 (「所属能力」, 「设备描述能力」) in 16 places of the
    biometric and force-feedback cases, annex E.5 and the English an offer; the scan found it in the descriptor,
    accessibility, haptic, olfactory, motion-platform and tracking cases too (「数据流能力」, 「`motion_platform` 能力」)."""
    assert _capabilities(zh_markdown) == []
    cases = _cases(zh_markdown)
    for rid in ("TD-BIO-001", "TD-BIO-002", "TD-FORCE-001", "TD-FORCE-002", "TD-FORCE-003", "TD-DESC-001",
                "TD-DESC-002", "TD-ACC-002", "TD-MPLAT-001", "TD-MPLAT-004", "TD-PERF-001"):
        # forty-fourth reading, c4: 「`offers` 项」 gave way to the term 提供项 (clause 3), the one name of the cases
        assert "提供项" in cases[rid], rid
    assert "`offers[]`" in zh_markdown and "设备提供的一个数据流" in zh_markdown  # annex E.5's row, the name's source


# ---- row 27: code values whole

#: a code value cut by its marks, the kinds the eighteenth reading's scan missed: a call's parentheses, a JSON array's
#: brackets, a scheme's optional letter, a path template alone or apart from its method (a JSON body after its
#: method, 「`POST` `{"at": …}`」, is a value of its own: the thirtieth reading's one form for request bodies)
_CUT = re.compile(r"`\w+`\(\)|\[`\"[^`]*\"`\]|`\w+`\(s\)|\{`\w+`\}|`(?:GET|POST|PUT|PATCH|DELETE)` `\{(?!\")")


def test_signs_join_a_planted_cut_code_value():
    planted = "DIF 的 `update`()，`didDocumentOperation` 为 [`\"setDidDocument\"`]；（DID、`http`(s) URL）；请求 `POST` {`generation_path`}；`GET` `{generation_path}/label`"
    assert len(_CUT.findall(planted)) == 5
    fixed = signs(planted, "zh")
    assert _CUT.search(fixed) is None, fixed
    for whole in ("`update()`", '`["setDidDocument"]`', "`http` 或 `https`", "`POST {generation_path}`",
                  "`GET {generation_path}/label`"):
        assert whole in fixed, whole
    assert '`["setDidDocument"]`' in signs('为 ["setDidDocument"]）', "zh")


def test_code_values_stand_whole(zh_markdown):
    """Row 27: ID-REG-003 (「`update`()」, 「[`"setDidDocument"`]」) and ID-VC-003 R4 (「`http`(s) URL」); the scan over
    the whole draft also found annex A's generation interface (「`POST` {`generation_path`}」)."""
    assert _CUT.findall(zh_markdown) == []
    cases = _cases(zh_markdown)
    purpose = _row(cases["ID-REG-003"], "测试目的")
    assert "`update()`" in purpose and '`["setDidDocument"]`' in purpose
    assert "`http` 或 `https` URL" in _row(cases["ID-VC-003"], "测试目的")


# ---- row 28: code values marked

#: an ISO 8601 duration and the capture time t0 outside code
_UNMARKED = re.compile(r"(?<![\w`])P(?:T?\d+(?:\.\d+)?[YMWDHS])+(?![\w`])|(?<![\w`])t0(?![\w`])")
#: an IFC schema's name as its file header writes it (「FILE_SCHEMA」), not the name of a view (「IFC4 参考视图」)
_SCHEMA = re.compile(r"(?<![\w`.])(?:IFC2X3|IFC4)(?![\w`.])(?! (?:参考|协调)视图)")


def _unmarked(text: str) -> list[str]:
    """Code values left plain: a duration, t0, and an IFC schema name in a sentence that marks another one."""
    found = []
    for sentence in re.split(r"[。；\n]|<br>", text):  # a line of a table is a sentence too
        plain = _plain(sentence)
        found += [m.group(0) for m in _UNMARKED.finditer(plain)]
        if "`IFC" in sentence:
            found += [m.group(0) for m in _SCHEMA.finditer(plain)]
    return found


def test_the_scan_finds_a_planted_unmarked_code_value():
    assert len(_unmarked("IFC 模式 IFC2X3、IFC4 与 `IFC4X3_ADD2` 之一；时长（如 P30D）；转台角度（自 t0 起）")) == 4
    assert _unmarked("只判定 IFC4 文件：未发布 `IFC4.3` 参考视图的清单") == ["IFC4"]
    assert _unmarked("IFC 模式 `IFC2X3`、`IFC4` 与 `IFC4X3_ADD2`；如 `P30D`；自 `t0` 起；（IFC4 参考视图 1.2，或 `IFC4.3` 的参考视图）") == []


def test_code_values_of_one_kind_are_marked_alike(zh_markdown):
    """Row 28: SC-BIM-001 (「IFC2X3、IFC4 与 `IFC4X3_ADD2`」), TD-BIO-002 step 4 (「如 P30D」), TD-PERF-002 step 4
    (「自 t0 起」, its 前置条件 writing `t0`)."""
    assert _unmarked(zh_markdown) == []
    # each schema with its edition since part e (row 26)
    assert "buildingSMART IFC2x3 TC1（2007-07）的 `IFC2X3`、ISO 16739-1:2018 的 `IFC4` 与 ISO 16739-1:2024 的 `IFC4X3_ADD2`" in _row(
        _cases(zh_markdown)["SC-BIM-001"], "测试目的")


# ---- row 37: the expanded uncertainty italic

#: U standing alone outside code and not set italic (「*U*」)
_UPRIGHT_U = re.compile(r"(?<![\w*\-./<>'’])U(?![\w*\->'’])(?!\.\w)")


def test_a_planted_upright_u_is_set_italic():
    for line in ("by more than its U.", "each value judged with the guard band U. |", "less than its U, or"):
        assert _UPRIGHT_U.search(_plain(line))
        assert _UPRIGHT_U.search(_plain(quantity_marks(line))) is None, line
    assert _UPRIGHT_U.search("the U.S. market and the *U*") is None


def test_the_expanded_uncertainty_is_italic_in_english(en_markdown):
    """Row 37: TD-CAM-002, TD-DISP-009, -010 and -011 set U upright before a full stop ("by more than its U.")."""
    assert [m.start() for m in _UPRIGHT_U.finditer(_plain(en_markdown))] == []
    cases = _cases(en_markdown)
    for rid in ("TD-CAM-002", "TD-DISP-010"):
        assert "its *U*." in _row(cases[rid], "Verdict criteria"), rid
    # TD-DISP-011's pass line has said "less its *U*, is still at least" since the twenty-fifth reading, row 12
    assert "less its *U*, is still at least 0.5" in _row(cases["TD-DISP-011"], "Verdict criteria")
    assert "the guard band *U*." in _row(cases["TD-DISP-009"], "Expected result")
