"""The fifty-sixth reading, part h110-cases56 (docs/drafting.md, "Fifty-sixth reading, part h110-cases56"): what a
case reads that no normative annex defined, and a case leaving a verdict to one that does not apply. AS-AIGC-016 read
`extras.explicit_label` and `KHR_node_visibility`, named nowhere (b1); IF-UDP-006 read a 202 export annex D did not
give, which IF-UDP-001 failed (b2); ID-MFA-003 left its high assurance login to ID-MFA-001, not applicable to a
platform declaring `device-factor` alone (b3); ID-VCAPI-003 took any 2xx for annex D's 200 (bx1); annex D kept
`minors.playtime.sessions`, a second place for play sessions (bx2); IF-CODE-008's steps did not say a refused linked
identity fails R2 (bx3); TD-ACC-003's IXIT line named captures it never reads, optional (cx3). Each test fails on
the draft as it was before (972914d5)."""

from __future__ import annotations

import json
import re

import yaml

from conformance.areas.assets import explicit
from tests.drafting.test_reading_fiftyfifth_cases55 import ROOT, _case, _known_bad, _line


def _criterion(case: str, verdict: str) -> str:
    return next(part for part in _line(case, "判定准则").split("<br>") if part.startswith(f"{verdict}："))


def _requirement(area: str, rid: str) -> dict:
    data = yaml.safe_load((ROOT / "suites" / area / "requirements.yaml").read_text(encoding="utf-8"))
    (req,) = [r for r in data["requirements"] if r["id"] == rid]
    return req


def _contract() -> dict:
    return yaml.safe_load((ROOT / "schemas" / "interfaces" / "platform.openapi.yaml").read_text(encoding="utf-8"))


def test_b1_annex_e_defines_the_label_node_the_scene_case_reads(zh_markdown):
    """Annex E gives a clause to the label node, its rows naming the very members the check reads; AS-AIGC-016's
    steps name them and its initial conditions cite the clause."""
    heading = re.search(r"^### (E\.\d+) glTF 场景中的显式标识节点$", zh_markdown, re.M)
    assert heading, "no annex E clause on the label node"
    clause = zh_markdown[heading.end():zh_markdown.index("\n### ", heading.end())]
    for member in (f"`extras.{explicit.LABEL}`", f"`{explicit.LABEL}.{explicit.LABEL_TEXT}`",
                   f"`{explicit.LABEL}.{explicit.LABEL_BILLBOARD}`", f"`extensions.{explicit.VISIBILITY}.visible`"):
        assert member in clause, member
    assert re.search(r"参考文献\[\d+\]", clause)
    case = _case(zh_markdown, "AS-AIGC-016")
    assert f"显式标识节点：{heading.group(1)}" in _line(case, "前置条件")
    steps = _line(case, "测试步骤")
    assert "`explicit_label`" in steps and "`KHR_node_visibility`" in steps and "`explicit_label.billboard`" in steps


def test_b2_annex_d_gives_the_deferred_export_and_ifudp001_leaves_it_to_ifudp006(zh_markdown):
    """The contract gives `exportUserData` a 202 with a `Location` (what IF-UDP-006 reads); IF-UDP-001 no longer
    fails it but leaves that platform to IF-UDP-006."""
    responses = _contract()["paths"]["/users/{did}/export"]["get"]["responses"]
    assert "Location" in responses["202"]["headers"]
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `GET /users/{did}/export` |"))
    assert "状态码：200、202" in row
    case = _case(zh_markdown, "IF-UDP-001")
    assert "202" in _criterion(case, "不通过") and "IF‑UDP‑006" in _criterion(case, "不确定")


def test_b3_the_device_case_judges_its_own_high_login(zh_markdown):
    """ID-MFA-003 judges the key-alone high login itself (R6), not ID-MFA-001, which a platform declaring
    `device-factor` alone does not meet; a platform granting `high` on the key alone fails it."""
    rules = {rule["id"]: rule["zh"] for rule in _requirement("identity", "ID-MFA-003")["rules"]}
    assert "mfa_token" in rules["R6"]
    case = _case(zh_markdown, "ID-MFA-003")
    assert "ID‑MFA‑001" not in _criterion(case, "不确定") and "（规则 R6）" in _line(case, "测试步骤")
    assert any(bad["rule"] == "R6" and bad.get("defects") == ["mfa-skipped"]
               for bad in _known_bad("identity", "ID-MFA-003"))


def test_bx1_the_status_update_takes_annex_d_200_alone(zh_markdown):
    rules = {rule["id"]: rule["zh"] for rule in _requirement("identity", "ID-VCAPI-003")["rules"]}
    assert "应返回 200" in rules["R3"] and "2xx" not in rules["R3"]
    assert "2xx" not in _line(_case(zh_markdown, "ID-VCAPI-003"), "测试步骤")
    assert any(bad["rule"] == "R3" and bad.get("defects") == ["status-update-204"]
               for bad in _known_bad("identity", "ID-VCAPI-003"))


def test_bx2_play_time_terms_name_no_second_place_for_play_sessions(zh_markdown):
    """The terms' `sessions` member is gone (IF-RISK-001 and AS-MINOR-002 post to annex D's `/play-sessions`)."""
    terms = json.loads((ROOT / "schemas" / "assets" / "playtime-terms.json").read_text(encoding="utf-8"))
    assert "sessions" not in terms["properties"] and "sessions" not in terms["required"]
    assert "`minors.playtime.sessions`" not in zh_markdown and "开始游戏会话的位置" not in zh_markdown


def test_bx3_the_linked_identity_step_says_a_refusal_fails_r2(zh_markdown):
    steps = _line(_case(zh_markdown, "IF-CODE-008"), "测试步骤")
    assert "平台拒绝开通关联身份时，记录“不通过”（规则 R2）" in steps


def test_cx3_the_input_mode_case_names_its_own_capture(zh_markdown):
    """TD-ACC-003's IXIT line names the capture it reads, needed, not the item shared with TD-ACC-004 to -006."""
    conditions = _line(_case(zh_markdown, "TD-ACC-003"), "前置条件")
    ixit = next(part for part in conditions.split("<br>") if part.startswith("已按 IXIT"))
    assert "单声道音频" not in ixit and "（可选）" not in ixit and "设备描述 JSON 文件" not in ixit
    assert "输入方式使用期间记录的采集文件" in ixit and "不确定" in ixit
