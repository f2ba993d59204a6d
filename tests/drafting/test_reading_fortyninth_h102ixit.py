"""The forty-ninth reading, part h102-ixit (docs/drafting.md, "Forty-ninth reading, part h102-ixit"), rows ax1 and ax2:
no IXIT value loosens what the standard fixes. 5.1 and annex E's descriptions of `timeout_s` and `verify_tls` say what
each may change: the request time limit the IXIT gives lengthens only a wait whose running out is inconclusive (a
verdict resting on an answer not come waits the fixed 10 s, tests/areas/interfaces/test_fixed_request_limit.py), and
verification switched off is recorded, leaves the chain judged by the case's own handshakes, and supports no claim (a
certification run refuses it, tests/certification/test_unverified_tls.py). Each test fails at f8afb3b1."""

from __future__ import annotations

from conformance.adapters.http import DEFAULT_TIMEOUT_S
from conformance.area import BASE_URI
from conformance.drafting.bodyclauses import request_timeout_text, trust_anchors_text
from conformance.drafting.writer import Writer


def _member(catalog, name: str) -> dict:
    return catalog.schemas.get(f"{BASE_URI}manifest/target-http.json")["properties"][name]


def test_5_1_fixes_the_limit_a_verdict_rests_on_and_the_ixit_only_lengthens_an_inconclusive_wait(catalog):
    zh, en = request_timeout_text(Writer(catalog, "zh")), request_timeout_text(Writer(catalog, "en"))
    assert f"所用的时限固定为 {DEFAULT_TIMEOUT_S:g} s，不随 IXIT 改变" in zh
    assert "只改变测试设备对未得到应答即判为不确定的请求等待多久" in zh
    assert f"the limit is {DEFAULT_TIMEOUT_S:g} s, whatever the IXIT gives" in en


def test_5_1_says_what_holds_when_verification_is_off(catalog):
    zh, en = trust_anchors_text(Writer(catalog, "zh")), trust_anchors_text(Writer(catalog, "en"))
    assert "`verify_tls` 为否" in zh and "测试报告所载的 IXIT 记录这一点" in zh
    assert "仍以其自身的握手" in zh and "不能支持符合性声明，在认证计划下不予运行" in zh
    assert "cannot support a claim of conformance and is not run under a certification plan" in en


def test_annex_e_describes_timeout_s_and_verify_tls_as_5_1_does(catalog):
    timeout, verify = _member(catalog, "timeout_s"), _member(catalog, "verify_tls")
    assert f"（默认 {DEFAULT_TIMEOUT_S:g}）" in timeout["x-description-zh"]
    assert f"所用时限固定为 {DEFAULT_TIMEOUT_S:g} s" in timeout["x-description-zh"]
    assert f"waits the fixed {DEFAULT_TIMEOUT_S:g} s" in timeout["description"]
    assert "在认证计划下不予运行" in verify["x-description-zh"]
    assert "not run under a certification plan" in verify["description"]
