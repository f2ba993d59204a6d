"""The leftovers of the thirty-sixth reading of issue 76, part n (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part n"): ID-REG-002 and ID-REG-003 name a DID that does not resolve after their requests (row a1);
ID-REG-003's steps follow its check's order (row a2); ID-REG-003 and its siblings name every finding
`registrar_state` records (row a3); ID-VCAPI-001's fail line is as R6 to R31 (row a7). Each test fails on the draft
as it was before these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_ZH = {"fail": "不通过", "inconclusive": "不确定", "steps": "测试步骤"}
_EN = {"fail": "Fail", "inconclusive": "Inconclusive", "steps": "Test procedure"}


def _case(lang, zh_markdown, en_markdown, rid):
    return _cases(zh_markdown if lang == "zh" else en_markdown)[rid]


def _plain(text: str) -> str:
    """The text without the rendering's non-breaking hyphens in identifiers and code marks around `4xx`."""
    return text.replace("\u2011", "-").replace("`4xx`", "4xx")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("rid", ["ID-REG-002", "ID-REG-003"])
def test_a_dids_not_resolving_is_inconclusive(lang, rid, zh_markdown, en_markdown):
    """Row a1: `resolved_document(..., RESOLVES)` leaves R2 (and ID-REG-003's R1) unjudged when the DID does not
    resolve, yet neither 不确定 line named it."""
    line = _verdict_lines(_case(lang, zh_markdown, en_markdown, rid), lang)[(_ZH if lang == "zh" else _EN)["inconclusive"]]
    named = "未以 200 及 JSON 对象应答（由 ID-REG-001 判定）" if lang == "zh" else \
        "not answered 200 with a JSON object; ID-REG-001 judges that"
    assert named in _plain(line), line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_id_reg_003_steps_send_the_forged_requests_first(lang, zh_markdown, en_markdown):
    """Row a2: the check sends the forged update and deactivation before the controlling update; the steps had the
    controlling update first, after which a forged update with the same body cannot be seen to take effect."""
    steps = _row(_case(lang, zh_markdown, en_markdown, "ID-REG-003"), (_ZH if lang == "zh" else _EN)["steps"])
    forged, controlling = ("冒用控制密钥标识", "所列密钥对第 2 步的更新请求签名") if lang == "zh" else \
        ("claims the controlling key's", "Sign the update request of step 2 with a key the document lists")
    assert forged in steps and controlling in steps, steps
    assert steps.index(forged) < steps.index(controlling)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("rid,verdict", [("ID-REG-003", "fail"), ("ID-PORT-002", "fail"),
                                         ("ID-REG-004", "inconclusive"), ("ID-PORT-004", "inconclusive"),
                                         ("ID-PORT-005", "inconclusive")])
def test_every_registrar_state_finding_is_named(lang, rid, verdict, zh_markdown, en_markdown):
    """Row a3: `registrar_state` also records private key material in the answer and refuses a `didState.did`
    missing or not a DID; the lines named only the status and `finished`."""
    line = _verdict_lines(_case(lang, zh_markdown, en_markdown, rid), lang)[(_ZH if lang == "zh" else _EN)[verdict]]
    did, key = ("`didState.did` 缺失或不是 DID", "含私钥材料") if lang == "zh" else \
        ("`didState.did` a DID" if verdict == "inconclusive" else "`didState.did` is missing or not a DID",
         "private key material")
    assert did in line and key in line, line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_id_vcapi_001_fails_a_probe_answered_otherwise(lang, zh_markdown, en_markdown):
    """Row a7: R6-R31 and the check fail a probe answered otherwise than 4xx without a credential (a 5xx); the line
    asked for a 4xx missing *and* a credential carrying the violation."""
    line = _verdict_lines(_case(lang, zh_markdown, en_markdown, "ID-VCAPI-001"), lang)[
        (_ZH if lang == "zh" else _EN)["fail"]]
    line = _plain(line)
    if lang == "zh":
        assert "未以 4xx 拒绝，且未返回不含该违规的凭证" in line and "所签发的凭证仍含该违规" not in line, line
    else:
        assert "neither refused with a 4xx nor answered with a credential free of the violation" in line, line
        assert "still carries the violation" not in line, line
