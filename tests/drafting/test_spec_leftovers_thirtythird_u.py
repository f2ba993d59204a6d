"""The leftovers of the thirty-third reading of issue 76, part u (docs/drafting.md, "Leftovers of the thirty-third
reading, part u"): ID-RES-002 and ID-RES-004 take the known DID as the check does (`known_did`, else the first
syntactically valid entry of `example_dids`) and name no DID to resolve as inconclusive (rows 4, 5); IR-SYN-001,
IR-RES-001 and IR-SEC-001 name the identifier list `resolution.listed` needs, and IR-SEC-001's step 2 the request
(row 9); IR-SYN-001 validates the list against its schema as the check does (row 10). Each test fails on the draft
as it was before these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

# the thirty-seventh reading's a16 added a body that is not JSON between the two states
_LIST_ZH = "平台的标识列表（`GET /identifiers`）未以 200 应答、响应体不是 JSON 或为空"
_LIST_EN = "the platform's identifier list (`GET /identifiers`) is not answered 200, its body is not JSON or it is empty"


@pytest.mark.parametrize("rid", ["ID-RES-002", "ID-RES-004"])
def test_the_route_probe_takes_the_known_did_as_the_check_does(rid, zh_markdown, en_markdown):
    """Rows 4 and 5: step 3 named `known_did` alone (ID-RES-004) or the first `example_dids` entry whatever it
    is (ID-RES-002); `dids_to_resolve` takes the first syntactically valid one and is inconclusive without."""
    zh = _cases(zh_markdown)[rid]
    step = next(s for s in _steps(zh, "zh") if "已知 DID" in s)
    assert "`example_dids` 所列条目中第一个语法有效的 DID" in step
    assert "未给出 `known_did` 且服务发现文档的 `example_dids` 中没有语法有效的 DID" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)[rid]
    step = next(s for s in _steps(en, "en") if "known DID" in s)
    assert "the first entry of the discovery document's `example_dids` that is a syntactically valid DID" in step
    assert ("`known_did` is not given and the discovery document's `example_dids` holds no syntactically valid DID"
            in _verdict_lines(en, "en")["Inconclusive"])


def test_an_unsupported_did_that_is_no_did_is_inconclusive(zh_markdown, en_markdown):
    """Row 4: `require_did` leaves ID-RES-004 inconclusive on an `unsupported_did` or `known_did` that is no DID."""
    assert "配置项 `unsupported_did`（或第 3 步所用的 `known_did`）不是语法有效的 DID" in \
        _verdict_lines(_cases(zh_markdown)["ID-RES-004"], "zh")["不确定"]
    assert "the setting `unsupported_did` (or `known_did`, used in step 3) is not a syntactically valid DID" in \
        _verdict_lines(_cases(en_markdown)["ID-RES-004"], "en")["Inconclusive"]


@pytest.mark.parametrize("rid", ["IR-SYN-001", "IR-RES-001", "IR-SEC-001"])
def test_the_identifier_list_states_are_inconclusive(rid, zh_markdown, en_markdown):
    """Row 9: `resolution.listed` is inconclusive when the list is not answered 200 or is empty."""
    # IR-SYN-001 judges the list: one that is not JSON is its finding, not an undecided state
    zh_list, en_list = (_LIST_ZH, _LIST_EN) if rid != "IR-SYN-001" else (
        "平台的标识列表（`GET /identifiers`）未以 200 应答或为空",
        "the platform's identifier list (`GET /identifiers`) is not answered 200 or is empty")
    assert zh_list in _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
    assert en_list in _verdict_lines(_cases(en_markdown)[rid], "en")["Inconclusive"]


def test_the_secure_channel_case_reads_the_list_and_leaves_unresolved_identifiers_unjudged(zh_markdown, en_markdown):
    """Row 9: IR-SEC-001's step 2 named no request for the identifiers, and an identifier `_resolved(reader=True)`
    leaves unjudged made no verdict line."""
    zh = _cases(zh_markdown)["IR-SEC-001"]
    assert "读取平台的标识列表（`GET /identifiers`）" in _steps(zh, "zh")[1]
    assert "有格式正确的标识未解析出有效结果（第 2 步），且无不符合项" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IR-SEC-001"]
    assert "read the platform's identifier list (`GET /identifiers`)" in _steps(en, "en")[1]
    assert "a well-formed identifier resolves to no valid result (step 2) and nothing fails" in \
        _verdict_lines(en, "en")["Inconclusive"]


def test_the_identifier_list_is_validated_against_its_schema(zh_markdown, en_markdown):
    """Row 10: `listed(..., judged=True)` records the list's schema findings; no step validated the list."""
    zh = _cases(zh_markdown)["IR-SYN-001"]
    assert "按附录 D 所列的 `identifiers/identifier-list.json` 验证响应体" in _steps(zh, "zh")[0]
    assert "标识列表的响应体不符合附录 D 所列的 `identifiers/identifier-list.json`" in _verdict_lines(zh, "zh")["不通过"]
    en = _cases(en_markdown)["IR-SYN-001"]
    assert "against `identifiers/identifier-list.json`, which annex D lists" in _steps(en, "en")[0]
    assert "the identifier list's body is not valid against `identifiers/identifier-list.json`" in \
        _verdict_lines(en, "en")["Fail"]
