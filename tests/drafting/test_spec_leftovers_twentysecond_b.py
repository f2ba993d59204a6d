"""The leftovers of the twenty-second reading of issue 76, part b (docs/drafting.md, "Leftovers of the twenty-second
reading, part b"): who may change a test parameter said once (row 1), units in one form (row 16), 保护带为零 (row 19),
permission written 「可」 (row 34), the English steps naming JSON Schema 2020-12 (row 36), one term each for
人工智能生成 (row 5), 公民身份号码 (row 7), 设备描述 (row 23) and 高保障级别 (row 25), and three leftovers of earlier
readings (「规定值」 / "set at" in the notes, 不符合项 for 不满足项, 不符合项 for a finding in the zh report). Each scan
reads the whole rendered draft, is tried on a planted text, and fails on the draft as it was before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conformance.drafting.unitphrases import closing_unit, unit_phrases
from conformance.report.labels import labels
from tests.drafting.blocks import section
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

SRC = Path(__file__).resolve().parents[2] / "src" / "conformance"


def _plain(text: str) -> str:
    """``text`` without its code values: the scans read the draft's own words."""
    return "".join(part for i, part in enumerate(text.split("`")) if i % 2 == 0)


# ---- row 1: the permission once, in the 前置条件 and annex A; a step gives the parameter and its value

#: a step or an expected result saying who may change a value (「认证计划只能调高」, 「认证计划可能将其调高至 1.0」,
#: 「认证计划或声明文件可将其调低」, 「示例数与步数认证计划只能调高」), or annex A's 「能缩短它」
_PERMISSION_ZH = re.compile(r"(?:认证计划|声明文件|清单)(?:均)?(?:只能|只可|可能|能|可)(?:将其|将|增|调|改|缩)|能缩短")
_PERMISSION_EN = re.compile(r"(?:certification plan|a plan|manifest|programme)s?,? (?:can|may|could)(?: only)? "
                            r"(?:raise|lower|add|shorten|make|tighten)|unless a certification plan raises")


def _step_permissions(markdown: str, lang: str) -> list[str]:
    labels_ = ("测试步骤", "预期结果") if lang == "zh" else ("Test procedure", "Expected result")
    pattern = _PERMISSION_ZH if lang == "zh" else _PERMISSION_EN
    return [f"{req} {m.group(0)}" for req, case in _cases(markdown).items() for label in labels_
            for m in pattern.finditer(_row(case, label))]


def test_the_scan_finds_a_permission_planted_in_a_step():
    planted = ("### 9.1 XX-YYY-001 试验\n\n| 项目 | 内容 |\n|---|---|\n"
               "| 测试步骤 | 1. 取前 20 项（测试参数 `max_assets`，由本文件规定，认证计划只能调高）。 |\n")
    assert _step_permissions(planted, "zh") == ["XX-YYY-001 认证计划只能调"]
    assert _PERMISSION_ZH.search("`vrm_min_version`（0.0，认证计划可能将其调高至 1.0）")
    assert _PERMISSION_ZH.search("认证计划或声明文件能缩短它，但不能延长")
    assert _PERMISSION_EN.search("(test parameter `clock_skew_s`, which a certification plan can only lower)")
    assert not _PERMISSION_ZH.search("至多 20 项，测试参数 `max_assets`")


def test_no_step_says_who_may_change_a_test_parameter(zh_markdown, en_markdown):
    """Row 1: the steps of some twenty cases repeated, three ways, what the 前置条件 of the same case say once
    (「认证计划或声明文件只可将其改严」), and left the declaration file out; AS-VRM-001 wrote a possibility
    (「可能」)."""
    assert _step_permissions(zh_markdown, "zh") == []
    assert _step_permissions(en_markdown, "en") == []
    cases = _cases(zh_markdown)
    assert "（至多 20 项，测试参数 `max_assets`）" in _row(cases["AS-API-001"], "测试步骤")
    assert "`vrm_min_version`（0.0）" in _row(cases["AS-VRM-001"], "测试步骤")
    assert "认证计划或声明文件只可将其改严" in _row(cases["AS-VRM-001"], "前置条件")


def test_annex_a_states_the_permission_with_the_preconditions_subject(zh_markdown, en_markdown):
    """Row 1: annex A's sentence named a third party, 提供者, in the sentence saying 「提供者不填写」; its row
    `export_response_s` a fourth form, 「认证计划或声明文件能缩短它，但不能延长」."""
    annex = section(zh_markdown, 2, "附录 A")
    general = section(annex, 3, "A.1 ")
    assert "其余数值认证计划或声明文件只可向所注方向改严" in general
    assert "提供者只可" not in general and "或提供者" not in general
    assert "plan or the manifest may only make stricter" in section(en_markdown, 2, "Annex A")
    rows = [line for line in annex.splitlines() if line.startswith("| 参数 `")]
    assert rows and not [row for row in rows if _PERMISSION_ZH.search(row.split(" | ")[1])]
    export = next(row for row in rows if row.startswith("| 参数 `export_response_s`"))
    assert "（只可调低，最严 1 s）" in export


# ---- row 16: a unit named on its own as annex E writes it, 「以 ms 计」

#: unit names the reading found with no value beside them (a value's unit is :func:`unit_symbols`' already)
_UNIT_NAMES = ("（毫秒）", "单位毫秒", "（秒）", "（米）", "（度）", "（瓦）", "瓦时", "吉赫", "毫牛", "纳秒", "微伏",
               "以毫秒计", "以秒计", "以米计", "以毫米计", "以度计",
               # the twenty-third reading's row 26 (part j)
               "单位为米", "单位为秒", "以米每二次方秒计", "以瓦计", "以毫瓦计")
#: prose where the unit itself is named, not a quantity measured in it: ROS time's seconds and nanoseconds, a
#: timestamp in whole nanoseconds, the unit a channel declares (`uV`)
_UNIT_AS_WORD = re.compile(r"秒与纳秒|整数纳秒|单位(?:应)?为微伏")


def _unit_names(text: str) -> list[str]:
    plain = _UNIT_AS_WORD.sub("", _plain(text))
    return [plain[max(0, m.start() - 12):m.end() + 4] for name in _UNIT_NAMES for m in re.finditer(name, plain)]


def test_a_unit_named_on_its_own_is_written_by_its_symbol():
    assert unit_phrases("计算 `t` − `pose_t`（毫秒）") == "计算 `t` − `pose_t`（以 ms 计）"
    assert unit_phrases("平均功率（瓦）与能量（瓦时）") == "平均功率（以 W 计）与能量（以 W·h 计）"
    assert unit_phrases("频段（`band_ghz`，以吉赫计）") == "频段（`band_ghz`，以 GHz 计）"
    assert unit_phrases("两次更新之间的时间，单位毫秒（每秒 10 次）") == "两次更新之间的时间，以 ms 计（每秒 10 次）"
    assert unit_phrases("起始时刻 `t`（采集时钟，纳秒）") == "起始时刻 `t`（采集时钟，以 ns 计）"
    assert unit_phrases("`（毫秒）`、以像素计、（弧度或米）") == "`（毫秒）`、以像素计、（弧度或米）"  # code, counts
    assert closing_unit("视线滞后的最大平均时延（毫秒）") == "视线滞后的最大平均时延，以 ms 计"
    assert closing_unit("头部角加速度的合理上限（deg/s^2）") == "头部角加速度的合理上限，以 °/s² 计"
    assert closing_unit("最大差值（度）（本文件自定）") == "最大差值（度）（本文件自定）"
    assert len(_unit_names("平均功率（瓦）；逐帧变化不超过 1 毫牛；以微伏计；`t`（纳秒）")) == 4
    assert _unit_names("换算为秒与纳秒；以整数纳秒给出；通道的单位应为微伏（`uV`）") == []


def test_units_are_written_in_one_form(zh_markdown):
    """Row 16: annex A's 说明 column gave a unit three ways (「，单位毫秒」, 「（毫秒）」, 「以毫秒计」) beside annex
    E's
    「以 ms 计」, and the steps named 瓦, 瓦时, 毫牛, 纳秒, 微伏 where every value beside them carries its symbol."""
    assert _unit_names(zh_markdown) == []
    annex = section(zh_markdown, 2, "附录 A")
    described = [line.split(" | ")[1] for line in annex.splitlines() if line.startswith("| 参数 `")]
    assert "视线滞后于人工眼跳变的最大平均时延，以 ms 计" in described
    assert not [d for d in described if re.search(r"（(?:ms|s|m|mm|°|min|m/s²?|°/s²?)）$", d)]
    cases = _cases(zh_markdown)
    assert "平均功率（以 W 计）" in _row(cases["TD-PWR-003"], "前置条件")
    assert "（以 W·h 计）" in _row(cases["TD-PWR-003"], "测试步骤")
    assert "1 mN" in _row(cases["TD-FORCE-004"], "测试步骤")
    assert "以 GHz 计" in section(zh_markdown, 2, "附录 E")


# ---- row 19: 保护带为零 / guard band zero

def test_the_guard_band_is_written_one_way(zh_markdown, en_markdown, note_md_en):
    """Row 19: TD-VOICE-004's step 7 and pass line wrote 「保护带为 0」 beside the generated 「保护带为零」."""
    assert "保护带为 0" not in zh_markdown and "保护带为零" in _row(_cases(zh_markdown)["TD-VOICE-004"], "判定准则")
    for text in (en_markdown, note_md_en):
        assert not re.search(r"guard band 0\b", text)
    assert "guard band zero" in _row(_cases(en_markdown)["TD-VOICE-004"], "Verdict criteria")


# ---- row 34: a permission is 「可」, "may"

def test_a_permission_is_written_with_ke_and_may(zh_markdown, en_markdown):
    """Row 34: TD-GAZE-005's 前置条件 「也能由……的人代替人工眼」 ("can take the artificial eye's place"); the profiles'
    「认证计划能要求该特性」. GB/T 1.1-2020 reserves 「能」 for possibility and capability."""
    assert "也可由头部置于颏托上" in _row(_cases(zh_markdown)["TD-GAZE-005"], "前置条件")
    assert "may take the artificial eye's place" in _row(_cases(en_markdown)["TD-GAZE-005"], "Initial conditions")
    normative = zh_markdown[:zh_markdown.index("## 附录 B")]
    assert not re.findall(r"(?:认证计划|声明文件|清单)(?:均)?(?:只)?能(?!力|够)", _plain(normative))
    assert "也能由" not in normative


# ---- row 36: the English steps name the schema dialect as the Chinese do

def test_the_english_steps_name_json_schema_2020_12_where_the_chinese_do(zh_markdown, en_markdown):
    """Row 36: AS-API-001, AS-HIST-001, AS-META-002, ID-RES-003 and IF-SES-001 read 「使用 JSON Schema 2020-12 校验器」
    and "using a JSON Schema validator"."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    differ = {req: (_row(case, "测试步骤").count("2020-12"), _row(en_cases[req], "Test procedure").count("2020-12"))
              for req, case in zh_cases.items()}
    assert {req: n for req, n in differ.items() if n[0] != n[1]} == {}
    assert differ["AS-API-001"] == (1, 1) and differ["IF-SES-001"] == (1, 1)


# ---- rows 5, 7, 23, 25: one term for one concept

def test_one_term_each_for_generated_identity_number_descriptor_and_assurance(zh_markdown):
    """Row 5: 「AI 生成」 twice (AS-USD-011, A.10.11) beside 「人工智能生成」; row 7: annex E's `subject`
    「居民身份证号码」
    beside 公民身份号码 (GB 11643—1999); row 23: IR-RES-003 「设备描述符」 (3.26 defines 设备描述); row 25: ID-MFA-002
    「高保证级操作」 beside 「高保障级别」."""
    for other in ("AI 生成", "居民身份证号码", "设备描述符", "高保证"):
        assert other not in zh_markdown, other
    cases = _cases(zh_markdown)
    assert "| AS‑USD‑011 | 人工智能生成资产的 OpenUSD 模型" in section(zh_markdown, 2, "附录 C")
    assert "AS‑USD‑011 人工智能生成资产的 OpenUSD 模型" in section(zh_markdown, 2, "附录 A")
    assert "其高保障级别的操作" in _row(cases["ID-MFA-002"], "测试目的")
    assert _row(cases["IR-RES-003"], "测试目的").count("设备描述") == 5  # title, statement and R1
    subject = next(line for line in section(zh_markdown, 2, "附录 E").splitlines() if line.startswith("| `subject` "))
    assert "手机号码或公民身份号码" in subject


# ---- leftovers of earlier readings

def test_the_notes_call_a_number_this_document_sets_set_at(note_md_en, note_md):
    """The 编制说明 quoted English notes saying "(default 0.05, the statement's 5 %)" of numbers a plan may only
    tighten, where the 前置条件 and annex A say 规定值 / "set at"."""
    assert not re.findall(r"[a-z_]+ ?(?:\(|, )default \d", note_md_en)
    assert not re.findall(r"[a-z_]+ ?[（(，]默认 ?\d", note_md)


def test_a_non_conformity_is_named_buhegexiang_in_the_draft(zh_markdown, note_md):
    """不满足项 (the generated 「记录每个不满足项……」, 40 steps) beside 不符合项 (97 places)."""
    assert "不满足项" not in zh_markdown and "不满足项" not in note_md
    assert "记录每个不符合项" in zh_markdown


def test_the_chinese_report_names_a_finding_buhegexiang():
    """The zh report and console called a finding 发现 (「2 项发现；第一项：……」), the draft 不符合项."""
    assert labels("zh")["finding"] == "不符合项"
    assert "发现" not in "".join(labels("zh").values())
    texts = []
    for path in sorted(SRC.glob("messages/*.yaml")) + sorted(SRC.glob("areas/*/messages.yaml")):
        entries = (yaml.safe_load(path.read_text("utf-8")) or {}).items()
        texts += [(path.name, key, entry["zh"]) for key, entry in entries
                  if isinstance(entry, dict) and isinstance(entry.get("zh"), str)]
    assert len(texts) > 500
    noun = re.compile(r"(?<!服务)发现(?!文档|的是|私钥)")  # 「发现的是 VRM 0.x」: the verb
    assert [t for t in texts if noun.search(t[2])] == []
