"""The twenty-first reading of issue 76 (docs/drafting.md, "Twenty-first reading"): each test fails on the draft as it
was before the fix its row names; the scans also find a planted defect."""

from __future__ import annotations

import re

from tests.drafting.blocks import section
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_LABELS = {"zh": {"conditions": "前置条件", "steps": "测试步骤", "expected": "预期结果", "criteria": "判定准则",
                  "purpose": "测试目的"},
           "en": {"conditions": "Initial conditions", "steps": "Test procedure", "expected": "Expected result",
                  "criteria": "Verdict criteria", "purpose": "Test purpose"}}
_NA = {"zh": "不适用：", "en": "Not applicable: "}
_INC = {"zh": "不确定：", "en": "Inconclusive: "}


def _field(markdown: str, lang: str, part: str) -> dict[str, str]:
    return {rid: _row(case, _LABELS[lang][part]) for rid, case in _cases(markdown).items()}


def _verdict(criteria: str, label: str) -> str:
    return next((c for c in criteria.split("<br>") if c.startswith(label)), "")


# row 21: a code value cut by its marks


def _cut_code(text: str) -> list[str]:
    """A code value with a letter, digit or underscore right outside its marks (「`Pset`_」, 「3`DTILES_…`」)."""
    return [text[max(m.start() - 1, 0):m.end() + 1] for m in re.finditer(r"`[^`\n]+`", text)
            if re.match(r"[A-Za-z0-9_]", text[m.start() - 1:m.start()]) or re.match(r"[A-Za-z0-9_]", text[m.end():m.end() + 1])]


def test_the_scan_finds_a_planted_cut_code_value():
    assert _cut_code("以保留前缀 `Pset`_ 命名")
    assert _cut_code("由 3`DTILES_bounding_volume_S2` 扩展给出")
    assert not _cut_code("以保留前缀 `Pset_` 命名")


def test_code_values_ending_in_an_underscore_or_led_by_a_digit_stay_whole(zh_markdown, en_markdown):
    """Row 21: SC-BIM-008's 「`Pset`_」 (both languages) and SC-TILE-011's 「3`DTILES_bounding_volume_S2`」."""
    from conformance.drafting.wording import coded

    assert coded("以 Pset_ 或 Qto_ 命名", set()) == "以 `Pset_` 或 `Qto_` 命名"
    assert coded("由 3DTILES_bounding_volume_S2 扩展给出", set()) == "由 `3DTILES_bounding_volume_S2` 扩展给出"
    for markdown in (zh_markdown, en_markdown):
        cases = _cases(markdown)
        assert [cut for rid, case in cases.items() for cut in _cut_code(case)] == []
    zh = _cases(zh_markdown)
    assert "`Pset_` 或 `Qto_`" in zh["SC-BIM-008"] and "`3DTILES_bounding_volume_S2`" in zh["SC-TILE-011"]


# row 5: a code value touching Chinese text, a space after a full-width colon


def _unspaced(text: str) -> list[str]:
    spans = [text[max(m.start() - 1, 0):m.end() + 1] for m in re.finditer(r"`[^`\n]+`", text)]
    return [s for s in spans if re.match(r"[\u4e00-\u9fff]", s) or re.search(r"[\u4e00-\u9fff]$", s)] + \
        re.findall(r"[：；，。] `", text)


def test_the_scan_finds_a_planted_code_value_touching_chinese():
    assert _unspaced("不含 `VerifiableCredential`的凭证")
    assert _unspaced("问题详情对象： `Content-Type`")
    assert not _unspaced("不含 `VerifiableCredential` 的凭证")


def test_no_code_value_touches_the_chinese_text_of_a_case(zh_markdown):
    """Row 5: twelve rules of ID-VCAPI-002 and IF-ERR-001's purpose."""
    assert [hit for case in _cases(zh_markdown).values() for hit in _unspaced(case)] == []


# row 6: the step an input stops, after a step that checks the ICS


def test_an_inconclusive_line_after_an_ics_step_names_the_step_after_it(zh_markdown, en_markdown):
    """Row 6: 「致使第 2 步起的检查无法完成」 where step 2 checks the ICS (11 cases)."""
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        steps, criteria = _field(markdown, lang, "steps"), _field(markdown, lang, "criteria")
        wrong = [rid for rid in steps
                 if re.search(r"(?:^|<br>)2\. (?:核对 ICS|Check the ICS)", steps[rid])
                 and re.search(r"第 2 步起|from step 2 on", _verdict(criteria[rid], _INC[lang]))]
        assert wrong == []
    assert "致使第 3 步起的检查无法完成" in _verdict(_field(zh_markdown, "zh", "criteria")["SC-BIM-003"], "不确定：")


# row 7: a feature named as the 前置条件 name it


def test_a_not_applicable_line_names_the_feature_as_its_conditions_do(zh_markdown, en_markdown):
    """Row 7: AS-REG-006, AS-VRM-001 and ID-MFA-001 named the feature otherwise; the lines with another condition
    that the nineteenth reading left (ID-CAT-001, ID-MFA-002, TD-SAFE-001) keep their words."""
    left = {"ID-CAT-001", "ID-MFA-002", "TD-SAFE-001"}
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        conditions, criteria = _field(markdown, lang, "conditions"), _field(markdown, lang, "criteria")
        for rid, text in criteria.items():
            line = _verdict(text, _NA[lang])
            if rid in left or not re.match(r"不适用：ICS|Not applicable: the ICS", line):
                continue
            declared = re.search(r"ICS 声明支持(特性“.*?”（`[a-z0-9-]+`）(?:或特性“.*?”（`[a-z0-9-]+`）)*)。"
                                 r"|The ICS declares (the feature \".*?\" \(`[a-z0-9-]+`\)(?: or the feature .*?)*)\.",
                                 conditions[rid])
            assert declared, rid
            named = declared.group(1) or declared.group(2)
            expected = (f"不适用：ICS 未声明支持{named}" if lang == "zh"
                        else f"Not applicable: the ICS does not declare {named}")
            assert line.startswith(expected), (rid, line)


# row 8: the IXIT line names the targets the case reads


def test_a_case_names_in_its_conditions_only_the_targets_it_reads(zh_markdown, en_markdown):
    """Row 8: AS-HIST-001 named the assets' metadata, TD-SAFE-001 the capture files and annex E."""
    zh, en = _field(zh_markdown, "zh", "conditions"), _field(en_markdown, "en", "conditions")
    assert "已按 IXIT（附录 A）提供：资产历史文件。" in zh["AS-HIST-001"]
    assert "元数据" not in zh["AS-HIST-001"] and "metadata" not in en["AS-HIST-001"]
    assert "IXIT" not in zh["TD-SAFE-001"] and "附录 E" not in zh["TD-SAFE-001"]
    assert "IXIT" not in en["TD-SAFE-001"] and "annex E" not in en["TD-SAFE-001"]


# rows 1 and 17: one form for "no case of not applicable"


def test_no_not_applicable_line_reads_an_operation_or_restates_its_verdict(zh_markdown, en_markdown):
    """Row 1: AS-MINOR-003's 「服务发现文档未声明 `POST /play-sessions`」; row 17: IF-UDP-006's 「不适用于……以外的对象」."""
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        lines = {rid: _verdict(text, _NA[lang]) for rid, text in _field(markdown, lang, "criteria").items()}
        assert [rid for rid, line in lines.items()
                if re.search(r"未声明 `(?:GET|POST|PUT|DELETE) |declares no `(?:GET|POST|PUT|DELETE) ", line)] == []
        assert [rid for rid, line in lines.items() if re.search(r"不适用：不适用于|applies only to", line)] == []
    zh = _field(zh_markdown, "zh", "criteria")
    assert _verdict(zh["AS-MINOR-003"], "不适用：") == "不适用：无（声明本测试配置的被测对象均适用本要求）。"
    # the pair form since the twenty-second reading's row 12 (IF-UDP-006 is a case of the data-portability pair)
    assert _verdict(zh["IF-UDP-006"], "不适用：") == "不适用：无（声明本测试配置的平台对均适用本要求）。"


# row 2: a required input missing is inconclusive


def test_a_missing_joint_state_recording_is_inconclusive_in_the_text(zh_markdown):
    """Row 2: RB-JOINT-001 called a supply of no `.jsonl` recording 不适用."""
    line = _verdict(_field(zh_markdown, "zh", "criteria")["RB-JOINT-001"], "不适用：")
    # the missing recording is the 不确定 line's alone since the twenty-fourth reading's row 35
    assert line.startswith("不适用：无（") and "本身即被检对象" in line and "不确定" not in line
    assert "关节状态记录缺失" in _verdict(_field(zh_markdown, "zh", "criteria")["RB-JOINT-001"], "不确定：")


def test_a_missing_joint_state_recording_is_inconclusive_in_the_check(catalog, run_manifest, tmp_path):
    """Row 2: the check raised NotApplicable when the files held no recording."""
    from tests.conftest import manifest_for, verdicts

    stray = tmp_path / "notes.txt"
    stray.write_text("no recording here\n", encoding="utf-8")
    result = run_manifest(manifest_for(catalog, "robot-joint-data", files={"joint_states": [str(stray)]}),
                          requirements=["RB-JOINT-001", "RB-JOINT-002"])
    assert verdicts(result) == {"RB-JOINT-001": "inconclusive", "RB-JOINT-002": "inconclusive"}


# row 3: an inconclusive line states a condition


def _not_a_condition(line: str) -> bool:
    """An inconclusive line that states a verdict, the method, a report's cell or the requirement's history."""
    return bool(re.search(r"不予判定|不作判定|判为不确定|判定为不确定|结论为|单元格|版之前|绝不|不判为|"
                          r"leaves? (?:the|its|this) (?:requirement|test|cell)|makes the test|verdict is|"
                          r"never a|its cell|before 1\.\d", line))


def test_the_scan_finds_a_planted_inconclusive_line_that_states_no_condition():
    assert _not_a_condition("不确定：`PATCH` 被拒绝时判为不确定。")
    assert _not_a_condition("Inconclusive: A PATCH refused makes the test inconclusive.")
    assert not _not_a_condition("不确定：平台拒绝第 5 步的 `PATCH`，致使推送无法观察。")


def test_an_inconclusive_line_states_a_condition_of_the_object(zh_markdown, en_markdown):
    """Row 3: IF-TDX-001, IF-UDP-002, -005, RB-TRACK-002, SC-FEED-003 (and, by the same scan, IF-RISK-004,
    IF-UDP-010, SC-CITY-011, SC-FEED-007, TD-MPLAT-001, -004)."""
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        criteria = _field(markdown, lang, "criteria")
        lines = {rid: _verdict(text, _INC[lang])[len(_INC[lang]):] for rid, text in criteria.items()}
        assert [rid for rid, line in lines.items() if _not_a_condition(line)] == []


# row 19: a step states no requirement


def _modal_in_step(steps: str) -> list[str]:
    return re.findall(r"[^，。；<]{0,12}(?:不应|(?<![响对相适反供效])应(?![答用有被])"
                      r"(?=[^，。；<]{0,3}(?:为|在|至少|仍|指明|位于|对应|先)))[^，。；<]{0,12}", steps)


def test_the_scan_finds_a_planted_modal_verb_in_a_step():
    assert _modal_in_step("3. 统计应答个数（规则 R3，应为零个）。")
    assert _modal_in_step("5. ……按步骤 4 查看，持有者应仍为 C（规则 R2）。")
    assert not _modal_in_step("3. 统计应答个数，查看其是否为零（规则 R3）。")
    assert not _modal_in_step("5. 对第 1 至 4 步中应被拒绝的每个请求")


def test_no_step_states_a_requirement(zh_markdown):
    """Row 19: 16 steps of 14 cases wrote 应 (AS-TRADE-010, TD-HAPT-003, -004, TD-OLF-006, ...)."""
    steps = _field(zh_markdown, "zh", "steps")
    assert {rid: _modal_in_step(text) for rid, text in steps.items() if _modal_in_step(text)} == {}


# row 20: no case leans on a candidate requirement


def test_no_case_leans_on_a_candidate_requirement(catalog, zh_markdown, en_markdown):
    """Row 20: AS-AIGC-016 「如 AS-AIGC-006 所述」, IF-RISK-004 「按 IF-RISK-001 …」, TD-HOLO-002 「（见 TD-HOLO-001）」."""
    candidates = {rid for rid, r in catalog.requirements.items() if str(getattr(r.status, "value", r.status))
                  in ("draft", "candidate")}
    assert "AS-AIGC-006" in candidates
    for markdown in (zh_markdown, en_markdown):
        leaning = {(rid, other) for rid, case in _cases(markdown).items()
                   for other in re.findall(r"[A-Z]{2}‑[A-Z]+‑\d{3}", case)
                   if other.replace("‑", "-") in candidates}
        assert leaning == set()


# row 15: a value this document sets is no default


def test_a_value_this_document_sets_is_not_called_a_default_in_a_case(zh_markdown, en_markdown):
    """Row 15: IF-UDP-006 「默认 2 592 000 s」, SC-FEED-007 「默认 10 s」, TD-POSE-002 「参数默认不要求」."""
    zh = {rid: _row(case, "测试步骤") + _row(case, "判定准则") for rid, case in _cases(zh_markdown).items()}
    assert [rid for rid, text in zh.items() if re.search(r"默认 \d|默认不|参数默认", text)] == []
    en = {rid: _row(case, "Test steps") + _row(case, "Verdict criteria") for rid, case in _cases(en_markdown).items()}
    assert [rid for rid, text in en.items() if re.search(r"(?:by )?default \d|parameter's default", text)] == []
    # TD-POSE-002's parameter itself went in 1.3 (twenty-third reading's leftovers, part n): its 不通过 names none
    assert "require_tracking_volume" not in _verdict(_field(zh_markdown, "zh", "criteria")["TD-POSE-002"], "不通过：")


# row 16: one form for the IXIT's identity setting


def test_the_identity_setting_is_written_as_annex_a_writes_it(zh_markdown, en_markdown):
    """Row 16: AS-REG-001 and -005 wrote 「获得测试身份……的途径（默认为……）」."""
    zh, en = _field(zh_markdown, "zh", "conditions"), _field(en_markdown, "en", "conditions")
    for rid in ("AS-REG-001", "AS-REG-005"):
        assert "配置项 `identity_path`（默认 `/test-identities`）" in zh[rid] and "途径" not in zh[rid]
        assert "setting `identity_path`" in en[rid] and "how test identities" not in en[rid]


# rows 9 and 18: what a step checks, what a frame without flags counts as


def test_the_import_status_the_expected_result_names_is_checked_by_a_step(zh_markdown, en_markdown):
    """Row 9: IF-UDP-005's expected result named 200 or 201, which no step looked at (201 alone since the
    thirty-third reading's b1)."""
    assert "查看导入是否以 201 应答" in _field(zh_markdown, "zh", "steps")["IF-UDP-005"]
    assert "whether the import answers 201" in _field(en_markdown, "en", "steps")["IF-UDP-005"]


def test_a_frame_without_flags_counts_as_tracked_in_the_frozen_pose_rule(zh_markdown, en_markdown):
    """Row 18: 「未带标志位的帧视为全部有效」 left a reader unsure whether such a frame is judged."""
    assert "未带标志位的帧视为全部有效且已跟踪" in _field(zh_markdown, "zh", "purpose")["TD-MOT-001"]
    assert "valid and tracked, in frames without flags" in _field(en_markdown, "en", "purpose")["TD-MOT-001"]


# rows 12 to 14: annex B


def _annex_b(markdown: str) -> str:
    return section(markdown, 2, r"(?:附录 B（|Annex B \()")


def test_annex_b_names_the_features_and_cites_each_document(zh_markdown, en_markdown):
    """Rows 12 to 14: 「属特性 `terminal-spatial-audio`」 (a profile), 「另一特性」; 「RFC 3650-3652」; 「见该工具的文档」."""
    zh, en = _annex_b(zh_markdown), _annex_b(en_markdown)
    assert "特性 `terminal-spatial-audio`" not in zh and "feature of terminal-spatial-audio" not in en
    assert "另一特性" not in zh and "another feature" not in en
    assert "属特性“在双耳处测量的双耳渲染”" in zh
    assert "RFC 3650-3652" not in zh + en and "RFC 3650、RFC 3651、RFC 3652" in zh
    assert "工具的文档" not in zh and "harness's documentation" not in en


# row 11: one term for tracking


def test_tracking_is_named_by_one_term(zh_markdown):
    """Row 11: 14 terminal cases wrote 追踪 (「被追踪设备」, 「眼动追踪器」) beside 411 跟踪; the policy themes of table
    B.2, which quote the seed's words (「追踪定位」), keep them."""
    assert [rid for rid, case in _cases(zh_markdown).items() if "追踪" in case] == []
    annex_a = zh_markdown[zh_markdown.index("\n## 附录 A（"):zh_markdown.index("\n## 附录 B（")]
    assert "追踪" not in annex_a
    assert "追踪定位" in _annex_b(zh_markdown)  # a quoted policy theme
