"""The leftovers of the thirty-eighth reading of issue 76, part aID (docs/drafting.md, "Leftovers of the
thirty-eighth reading, part aID"): ID-PORT-003's steps and fail line state what its check judges (a5); ID-RES-003's
R2 the media type and the 406's problem details the check asks (a7); ID-VC-001's not-applicable line and step 1 the
SD-JWTs the check leaves to ID-VC-004 (a8); ID-VC-007 the envelopes it leaves unverified and the COSE algorithms
(a9); IF-AUTH-002's steps the 401 probes that precede B's (a10); IF-SCN-001 and -002, IR-SEC-001, IR-RES-003 and
AS-CONT-002 their raised versions for the checks changed (a11, a13; the behaviour in
tests/areas/interfaces/test_served_bodies_thirtyeighth_aID.py); IR-SEC-001's inconclusive line an all-malformed
list (a12). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.drafting.versions import not_earlier


def _steps(case: str, lang: str) -> str:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure")


def _flat(text: str) -> str:
    return text.replace("\u2011", "-")


def test_a5_the_forged_import_case_states_only_what_its_check_judges(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["ID-PORT-003"], _cases(en_markdown)["ID-PORT-003"]
    assert "didState" not in _steps(zh, "zh") and "解析原 DID" not in _steps(zh, "zh")
    assert "不通过：导入未以 `4xx` 问题详情拒绝" in _flat(_verdict_lines(zh, "zh")["不通过"]) or \
        "导入未以 `4xx` 问题详情拒绝" in _verdict_lines(zh, "zh")["不通过"]
    assert "didState" not in _steps(en, "en") and "Resolve the original DID" not in _steps(en, "en")
    assert "the import is not refused with 4xx problem details" in _verdict_lines(en, "en")["Fail"].replace("`", "")


def test_a7_the_jsonld_rule_names_the_media_type_and_the_problem_details(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["ID-RES-003"], _cases(en_markdown)["ID-RES-003"]
    assert "以 200 及媒体类型 `application/did+ld+json` 返回含 `@context` 的文档，或以 406 及 RFC 9457 问题详情拒绝" \
        in _steps(zh, "zh")
    assert "served as `application/did+ld+json`, or 406 with RFC 9457 problem details (rule R2)" in _steps(en, "en")
    assert "以 200 及媒体类型 `application/did+ld+json` 返回含 `@context` 的 JSON-LD 文档，或以 406 及 RFC 9457 问题详情拒绝" \
        in _flat(zh_markdown)


def test_a8_the_data_model_case_names_what_it_leaves_to_id_vc_004(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["ID-VC-001"], _cases(en_markdown)["ID-VC-001"]
    assert "SD-JWT" in _flat(_verdict_lines(zh, "zh")["不适用"]) and "没有凭证文件" in _verdict_lines(zh, "zh")["不适用"]
    assert "SD-JWT 与不承载凭证的 JWT 不在此列" in _flat(_steps(zh, "zh"))
    assert "SD-JWTs or JWTs carrying no credential" in _flat(_verdict_lines(en, "en")["Not applicable"])
    assert "an SD-JWT and a JWT carrying no credential are left out" in _flat(_steps(en, "en"))


def test_a9_the_envelope_case_names_every_envelope_left_unverified(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["ID-VC-007"], _cases(en_markdown)["ID-VC-007"]
    line = _flat(_verdict_lines(zh, "zh")["不确定"])
    assert "`_sd_alg`" in line and "`+cose` 结尾" in line and "COSE 算法不在第 4 步所列之中" in line
    assert "采用其他算法的封装未能检查" in _steps(zh, "zh") and "`PS256`（\u221237）" in _steps(zh, "zh")
    assert "a COSE algorithm step 4 does not list" in _verdict_lines(en, "en")["Inconclusive"]
    assert "and an envelope of another algorithm could not be checked" in _steps(en, "en")


def test_a10_the_403_case_names_the_401_probes_before_b(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["IF-AUTH-002"], _cases(en_markdown)["IF-AUTH-002"]
    assert "先发送 IF" in _steps(zh, "zh") and "作用于同一探测资产" in _steps(zh, "zh")
    assert "改变探测资产状态之后对 B 的请求响应不是 403" in _verdict_lines(zh, "zh")["不确定"]
    assert "first send IF" in _steps(en, "en") and "all of them act on the one probe asset" in _steps(en, "en")
    assert "after a request without a usable token changed the probe asset" in _verdict_lines(en, "en")["Inconclusive"]


def test_a12_the_secure_resolution_case_names_an_all_malformed_list(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["IR-SEC-001"], _cases(en_markdown)["IR-SEC-001"]
    assert "所列标识均格式不正确（由 IR-SYN-001 判定）" in _flat(_verdict_lines(zh, "zh")["不确定"])
    assert "every identifier listed is malformed (judged by IR-SYN-001)" in _flat(_verdict_lines(en, "en")["Inconclusive"])


def test_a11_a13_the_changed_checks_carry_their_version_notes(catalog):
    """a11 and a13 change checks (a minor step, or this session's raised version extended)."""
    notes = {rid: (str(catalog.requirements[rid].version), catalog.requirements[rid].notes.en,
                   catalog.requirements[rid].notes.zh)
             for rid in ("IF-SCN-001", "IF-SCN-002", "IR-SEC-001", "IR-RES-003", "AS-CONT-002", "IF-AUTH-002")}
    assert not_earlier(notes["IF-SCN-001"][0], "1.3.0") and not_earlier(notes["IF-SCN-002"][0], "1.2.0")
    assert not_earlier(notes["AS-CONT-002"][0], "1.2.0") and not_earlier(notes["IF-AUTH-002"][0], "1.2.0")
    for rid, (_version, en, zh) in notes.items():
        assert "thirty-eighth reading's leftovers, part aID" in en, rid
        assert "第三十八次审读遗留问题，第 aID 部分" in zh, rid
