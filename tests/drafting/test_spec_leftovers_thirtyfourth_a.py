"""The leftovers of the thirty-fourth reading of issue 76, part a (docs/drafting.md, "Leftovers of the thirty-fourth
reading, part a"): ID-PORT-005's 前置条件 names only the platform its steps and its check use (row a1); the 不确定
lines of IF-UDP-002, -005, -006, -010 and IF-BIO-001 name the user-data set-up states their checks leave inconclusive,
in IF-UDP-004's words (row a2). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

# the thirty-fifth reading's part d put the unserved discovery document first (a11) and annex D's 200 (a10); the
# paths named are each case's own since the forty-first reading's part h94-k5 (its test holds them)
_DECLARED_ZH = "服务发现文档未以 200 应答或不是 JSON，或未声明 `user_data` 的 `"
_DECLARED_EN = "or does not declare `user_data` with its `"
_SET_ZH = "资料未能设置（未按附录 D 以 200 应答，由 IF‑UDP‑011 判定）或资产未能发行"
_SET_EN = "a profile set (not answered 200 as annex D gives; IF‑UDP‑011 judges it) or an asset issued"


def test_the_portability_revocation_case_needs_one_platform(zh_markdown, en_markdown):
    """Row a1: steps 1-5 of ID-PORT-005 and its check use platform A alone (`targets.http("api")`), yet its
    前置条件 also named the platform the identity is imported into, as ID-PORT-004's does not."""
    zh = _row(_cases(zh_markdown)["ID-PORT-005"], "前置条件")
    assert "注册并导出身份的平台" in zh and "导入身份并在其上认证的平台" not in zh
    en = _row(_cases(en_markdown)["ID-PORT-005"], "Initial conditions")
    assert "the platform the identity is registered at and exported from" in en
    assert "imported into" not in en
    # ID-PORT-005 alone logs in with a `did:key` identity, so it alone cites annex E's did:key clause (forty-first
    # reading, part fmt4): the conditions are otherwise the same
    assert zh.split("<br>所读数据的格式")[0] == _row(_cases(zh_markdown)["ID-PORT-004"], "前置条件")


@pytest.mark.parametrize("case", ["IF-UDP-002", "IF-UDP-005", "IF-UDP-006", "IF-UDP-010", "IF-BIO-001"])
def test_the_user_data_set_up_states_are_named(case, zh_markdown, en_markdown):
    """Row a2: each check starts from `userplatform.platform` or `enrolling_platform` (a `user_data` declaration, test
    identities provisioned; `platform` also sets a profile and issues assets), and no 不确定 line said so."""
    zh = _verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"]
    en = _verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"]
    assert _DECLARED_ZH in zh and "测试身份未能开通" in zh, case
    assert _DECLARED_EN in en and "a test identity cannot be provisioned" in en, case
    if case == "IF-BIO-001":  # one identity, nothing set or issued; R2 reads the export
        assert "资料未能设置" not in zh and "profile set" not in en
        assert "导出无法读取，R2 未经判定" in zh and "cannot be read, so R2 is unjudged" in en
    else:
        assert _SET_ZH in zh and _SET_EN in en, case


def test_the_trusted_exchange_names_its_importing_identity(zh_markdown, en_markdown):
    """Row a2, the sibling grep: IF-TDX-001's check provisions the importing identity at the other platform
    (`Session(...)` at the target, step 6), which its 不确定 line did not name."""
    zh = _verdict_lines(_cases(zh_markdown)["IF-TDX-001"], "zh")["不确定"]
    assert "的导入身份未能在导入平台上开通" in zh
    en = _verdict_lines(_cases(en_markdown)["IF-TDX-001"], "en")["Inconclusive"]
    assert "cannot be provisioned at the importing platform" in en
