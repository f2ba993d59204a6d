"""The twenty-second round's part c (docs/drafting.md, "Leftovers of the twenty-second reading, part c"): the
twenty-first reading's row 4 (nine MAY statements that hid an obligation inside their permission) and the
twenty-second reading's rows 2, 3, 39, 40 and 56. Each test fails on the draft as it was before the fix; the lint's
scan also finds a planted defect."""

from __future__ import annotations

import re

import yaml

from conformance._catalog.model import Level, Text
from conformance.drafting.modals import condition_findings
from tests.drafting.test_spec_twentyfirst_reading import _field, _verdict
from tests.paths import ROOT

# ---- twenty-first reading, row 4: one permission with the forms it covers

#: the nine statements and the version each takes (a patch step, AS-META-004's major one: rules R1, R3 removed)
NINE = {"AS-META-001": "2.2.2", "AS-META-003": "1.2.2", "AS-META-004": "3.0", "TD-ACC-001": "1.2.1",
        "TD-ACC-002": "1.3.3", "RB-JOINT-002": "1.2.3", "TD-AUD-003": "1.1.2", "TD-POSE-002": "1.2.1",
        "TD-PWR-001": "2.1.2"}
#: the obligations the statements and rules wrote after the permission, without a modal verb
HIDDEN = ("若带有", "若声明", "若给出", "时则", "均处于其内", "均位于该范围之内", "，该范围包含", "，每个电量在",
          "，记录的该关节", "which, when", "when carried", "with ipd_range_mm in it when declared",
          "each position inside it or", "carries it when the profile requires")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_nine_may_statements_are_each_one_permission(catalog):
    for rid, version in NINE.items():
        req = catalog.requirements[rid]
        assert req.level is Level.MAY and _version(req.version) >= _version(version), (rid, req.version)
        texts = [("statement", req.statement)] + [(f"rule {rule.id}", Text(en=rule.en, zh=rule.zh))
                                                  for rule in req.rules]
        for place, text in texts:
            assert list(condition_findings(req.level, text, place)) == [], (rid, place)
            assert not [h for h in HIDDEN if h in text.zh or h in text.en], (rid, place)
        assert "第二十一次审读" in req.notes.zh and "twenty-first reading" in req.notes.en, rid


def test_the_lint_refuses_an_obligation_written_after_a_permission(catalog):
    old = Text(en="Each asset's metadata MAY carry rights, which, when carried, give a license_url.",
               zh="每项资产的元数据可带有权利声明 rights，若带有，则 rights 给出许可文档 license_url。")
    assert [f[0] for f in condition_findings(Level.MAY, old)] == ["permission-condition"] * 2
    rule = Text(en="Each asset's metadata MAY carry transfer, and carries it when the profile requires the member.",
                zh="每项资产的元数据可带有 transfer，测试配置要求该成员时则带有。")
    assert len(list(condition_findings(Level.MAY, rule, "rule R1"))) == 2
    # a condition in a MUST is GB/T 1.1-2020's conditional requirement; 规则 and 若干 hold no condition
    assert not list(condition_findings(Level.MUST, old))
    assert not list(condition_findings(Level.MAY, Text(en="A device MAY report levels (rules R1, R2).",
                                                       zh="设备可报告若干电量，符合规则 R1 与 R2。")))
    # the form the twentieth reading's part b gave TD-BIO-002 and TD-FORCE-001 passes
    for rid in ("TD-BIO-002", "TD-FORCE-001"):
        assert not list(condition_findings(Level.MAY, catalog.requirements[rid].statement)), rid


def test_as_meta_004_judges_only_the_members_carried(catalog):
    """3.0: R1 and R3 failed metadata lacking a member the profile parameter required_members named, an obligation a
    profile attached to the permission; they went with the parameter, R2 and R4 are R1 and R2."""
    req = catalog.requirements["AS-META-004"]
    assert [rule.id for rule in req.rules] == ["R1", "R2"] and not req.parameters
    assert "required_members" not in catalog.profiles["asset-metadata"].parameters
    cases = yaml.safe_load((ROOT / "suites" / "assets" / "known_bad.yaml").read_text(encoding="utf-8"))["AS-META-004"]
    assert sorted({case["rule"] for case in cases}) == ["R1", "R2"]
    assert not [case for case in cases if "parameters" in case]


# ---- twenty-second reading


def test_the_aigc_014_inconclusive_line_names_no_tool_of_the_laboratory(zh_markdown, en_markdown):
    """Row 2: 「或无法解码视频帧的设备不可用」 named the laboratory's means; 「视频无法解码」 stays a failure."""
    for markdown, lang, tool, fail in ((zh_markdown, "zh", "设备不可用", "视频无法解码"),
                                       (en_markdown, "en", "means of decoding", "the video does not decode")):
        criteria = _field(markdown, lang, "criteria")["AS-AIGC-014"]
        inconclusive = _verdict(criteria, {"zh": "不确定：", "en": "Inconclusive: "}[lang])
        # a reading bound is named in quotes (「读取界限“生成视频的解码时长”」, sixty-fourth reading bx1): no means
        unquoted = re.sub(r"“[^”]*”", "", inconclusive)
        assert inconclusive and tool not in inconclusive and "解码" not in unquoted, inconclusive
        assert fail in _verdict(criteria, {"zh": "不通过：", "en": "Fail: "}[lang])


def test_the_trade_010_expected_result_states_both_rules(zh_markdown, en_markdown):
    """Row 3: the expected result gave R1's holder (B) only."""
    assert "持有者不变（R1 为 B，R2 为 C）" in _field(zh_markdown, "zh", "expected")["AS-TRADE-010"]
    assert "the holder does not change (B for R1, C for R2)" in _field(en_markdown, "en", "expected")["AS-TRADE-010"]


def test_a_gltf_record_names_the_provision_not_a_tools_issue_code(zh_markdown, en_markdown):
    """Row 39: 「问题代码」 / "issue code" (AS-GLTF-001 step 3 and 不通过, AS-GLTF-002, SC-TILE-005) were the codes of
    a validator the draft neither names nor cites."""
    for markdown, lang, tool, named in ((zh_markdown, "zh", "问题代码", "glTF 2.0 "),
                                        (en_markdown, "en", "issue code", "of glTF 2.0")):
        assert tool not in markdown, lang
        for rid, part in (("AS-GLTF-001", "steps"), ("AS-GLTF-001", "criteria"), ("AS-GLTF-002", "steps"),
                          ("AS-GLTF-002", "criteria"), ("SC-TILE-005", "steps")):
            text = _field(markdown, lang, part)[rid]
            assert named in text and ("JSON 指针" in text or "JSON pointer" in text), (rid, part, lang)


_ELLIPSIS_AFTER_CODE = re.compile(r"`[^`\n]+`\.\.\.|\ballow\.\.\.")


def test_no_code_value_stands_for_members_by_three_full_stops(catalog, zh_markdown, en_markdown):
    """Row 40: AS-VRM-001 R3's 「`allow`... 成员」, a wildcard defined nowhere: the five members are named."""
    assert _ELLIPSIS_AFTER_CODE.search("`modification` 与 `allow`... 成员")
    assert _ELLIPSIS_AFTER_CODE.search("allow... 成员")
    r3 = next(rule for rule in catalog.requirements["AS-VRM-001"].rules if rule.id == "R3")
    for member in ("allowExcessivelyViolentUsage", "allowExcessivelySexualUsage", "allowPoliticalOrReligiousUsage",
                   "allowAntisocialOrHateUsage", "allowRedistribution"):
        assert member in r3.zh and member in r3.en, member
    for markdown in (zh_markdown, en_markdown):
        assert not _ELLIPSIS_AFTER_CODE.search(markdown)


def test_the_trade_011_inconclusive_line_names_r4_left_unjudged(zh_markdown, en_markdown):
    """Row 56: step 5 leaves R4 unjudged when the refund is refused; the 不确定 line did not say so."""
    zh = _verdict(_field(zh_markdown, "zh", "criteria")["AS-TRADE-011"], "不确定：")
    en = _verdict(_field(en_markdown, "en", "criteria")["AS-TRADE-011"], "Inconclusive: ")
    assert "第 5 步的退款被拒绝" in zh and "R4 未经判定" in zh, zh
    assert "the refund of step 5 is refused" in en and "R4 cannot be judged" in en, en
