"""The thirty-sixth reading's leftovers of issue 76, part t (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part t"): what parts n and o noticed and left. ID-REG-003 resolves the DID right after the forged
deactivation (row 1); ID-REG-002's fail line names every finding on the create on behalf of the verified user
(row 2); IF-BIO-001's enrolment is a set-up taken with table D.3's 201 alone (row 3). Each test fails on the
draft or the catalog as they were before (7c00e259); the checks' changes are tested in
tests/areas/identity/test_forged_deactivation.py and tests/areas/interfaces/test_biometric_enrolment_status.py."""

from __future__ import annotations

import yaml

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT


def _requirement(area: str, rid: str) -> dict:
    document = yaml.safe_load((ROOT / f"suites/{area}/requirements.yaml").read_text(encoding="utf-8"))
    items = document["requirements"] if isinstance(document, dict) else document
    return next(r for r in items if r["id"] == rid)


def test_row1_the_forged_deactivation_is_resolved_right_after(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["ID-REG-003"], _cases(en_markdown)["ID-REG-003"]
    assert "随后解析该 DID，查看其是否仍未停用（规则 R2）：以 410 应答即表明该停用已生效" in _steps(zh, "zh")[2]
    assert "then resolve the DID and look at whether it is still active (rule R2): an answer 410" in _steps(en, "en")[2]
    assert "该 DID 在第 3 步随即解析为 410" in _verdict_lines(zh, "zh")["不通过"]
    assert "the DID then resolving 410 in step 3" in _verdict_lines(en, "en")["Fail"]
    requirement = _requirement("identity", "ID-REG-003")
    assert requirement["version"] >= "1.6.0"  # a later part may step it again (open items, part h92-ruleID: R3)
    assert "1.5.1 (issue 76, thirty-sixth reading's leftovers, part n)" in requirement["notes"]["en"]
    assert "1.6.0 (issue 76, thirty-sixth reading's leftovers, part t)" in requirement["notes"]["en"]
    assert "1.6.0 版（议题 76，第三十六次审读遗留问题，第 t 部分）" in requirement["notes"]["zh"]


def test_row2_the_real_name_create_fail_names_every_finding(zh_markdown, en_markdown):
    zh = _verdict_lines(_cases(zh_markdown)["ID-REG-002"], "zh")["不通过"]
    assert "未以 201 应答、其 `didState.state` 不为 `finished`、其 `didState.did` 缺失或不是 DID），或其应答含私钥材料" in zh
    en = _verdict_lines(_cases(en_markdown)["ID-REG-002"], "en")["Fail"]
    assert "its `didState.did` missing or not a DID) or its answer carries private key material" in en
    requirement = _requirement("identity", "ID-REG-002")
    assert requirement["version"] == "1.5.4"  # the sixty-seventh reading, b2
    assert "part n; thirty-sixth reading's leftovers, part t)" in requirement["notes"]["en"]
    assert "第 n 部分；第三十六次审读遗留问题，第 t 部分）" in requirement["notes"]["zh"]


def test_row3_the_biometric_enrolment_takes_201_alone(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["IF-BIO-001"], _cases(en_markdown)["IF-BIO-001"]
    # the draft's steps 5 and 8 (the yaml's 4 and 7: the ICS step comes first)
    assert "未按附录 D 以 201 应答或没有 `biometric_id` 时判为不确定" in _steps(zh, "zh")[4]
    assert "录入未以附录 D 所给的 201 应答或没有 `biometric_id`" in _steps(zh, "zh")[7]
    assert "not answered 201 as annex D gives or answers no `biometric_id`" in _steps(en, "en")[4]
    assert "the enrolment is not answered annex D's 201 with a `biometric_id`" in _steps(en, "en")[7]
    assert "其后的录入未按附录 D 以 201 应答或未返回 `biometric_id`" in _verdict_lines(zh, "zh")["不确定"]
    assert "the enrolment after it is not answered 201 as annex D gives" in _verdict_lines(en, "en")["Inconclusive"]
    requirement = _requirement("interfaces", "IF-BIO-001")
    assert requirement["version"] >= "1.3.0"  # a later part may step it again (thirty-seventh reading, part a2)
    assert "part o; thirty-sixth reading's leftovers, part t)" in requirement["notes"]["en"]
    assert "第 o 部分；第三十六次审读遗留问题，第 t 部分）" in requirement["notes"]["zh"]
