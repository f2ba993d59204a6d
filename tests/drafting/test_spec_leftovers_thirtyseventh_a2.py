"""The leftovers of the thirty-seventh reading of issue 76, part a2 (docs/drafting.md, "Leftovers of the
thirty-seventh reading, part a2"): the identity and interfaces cases. ID-PRIV-002 names a resolver answer that is
not JSON (a8); IF-CODE-004..006 take the test moderation endpoint's 201 (a9); IF-DISC-001 reads the origin's
well-known URI (a10); IF-IOP-002 passes on no history never (a11); IF-MOD-001 names an unread listing (a12);
IF-ROB-002 drops the exclusion it never made and provisions as a set-up (a13, a14); an export or listing a case
reads but does not judge, answered 200 without JSON, is unjudged (a15); IF-IOP-001 names every registrar-answer
fail (a17). Each test fails on the draft or the suites as they were before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

SUITES = ROOT / "suites"


def _lines(markdown: str, rid: str, lang: str) -> dict[str, str]:
    return {label: line.replace("\u2011", "-") for label, line in _verdict_lines(_cases(markdown)[rid], lang).items()}


def _steps(markdown: str, rid: str, lang: str) -> list[str]:
    return _row(_cases(markdown)[rid], "测试步骤" if lang == "zh" else "Test procedure").replace(
        "\u2011", "-").split("<br>")


def test_a8_a_resolver_answer_not_json_is_named_inconclusive(zh_markdown, en_markdown):
    """a8: an answer whose body is not JSON ended ID-PRIV-002 as a fail under a line naming key material only."""
    assert "不带 JSON 响应体的应答" in _lines(zh_markdown, "ID-PRIV-002", "zh")["不确定"]
    # a state of the object (the twenty-first reading's row 3), not what the case does with it
    # an empty body too since the sixty-seventh reading (d1, part h130-idp)
    assert "或有以 `2xx` 或 `3xx` 应答而响应体为空或不是 JSON 的响应（其提供方式由 ID-RES-001 判定），且无不符合项" \
        in _lines(zh_markdown, "ID-PRIV-002", "zh")["不确定"]
    assert "has an empty body or one that is not JSON (ID-RES-001 judges how it is served) and nothing fails" in _lines(
        en_markdown, "ID-PRIV-002", "en")["Inconclusive"]
    assert "由 ID-RES-001 判定" in _lines(zh_markdown, "ID-PRIV-001", "zh")["不确定"]
    source = (SUITES / "identity" / "test_privacy.py").read_text(encoding="utf-8")
    assert '"ID-RES-001"' in source


def test_a9_the_moderation_endpoints_answer_is_a_set_up():
    """a9: a 201 of the test moderation endpoint was judged against the sanction schema (and a non-JSON body
    failed IF-CODE-004..006) under no rule of theirs."""
    source = (SUITES / "interfaces" / "test_sanctions.py").read_text(encoding="utf-8")
    assert "SANCTION_SCHEMA" not in source


def test_a10_the_discovery_case_requests_the_well_known_location(zh_markdown, en_markdown):
    """a10: the check read where the manifest's `paths` moved the discovery endpoint, the text RFC 8615's place."""
    assert "该处仅供其他用例读取" in _steps(zh_markdown, "IF-DISC-001", "zh")[0]
    assert "serves the other cases only" in _steps(en_markdown, "IF-DISC-001", "en")[0]


def test_a11_no_pass_on_a_history_neither_platform_serves(zh_markdown, en_markdown):
    """a11: two histories not served compared equal and IF-IOP-002 passed; a non-JSON export ended the case."""
    zh = _lines(zh_markdown, "IF-IOP-002", "zh")
    assert "源平台上的历史未以 200 及含 `events` 数组的 JSON 对象应答（由 AS-REG-001 判定）" in zh["不确定"]
    assert "源平台均提供了可比较的历史" in zh["通过"] and "导出未以 200 及 JSON 应答" in zh["不通过"]
    en = _lines(en_markdown, "IF-IOP-002", "en")
    assert "(AS-REG-001 judges that), so that direction has no history to compare" in en["Inconclusive"]
    assert "the export not answered 200 with JSON" in en["Fail"]


def test_a12_an_unread_author_listing_is_named(zh_markdown, en_markdown):
    """a12: IF-MOD-001 passed R1's listing half over a listing it never read."""
    assert "A 的资产列表未以 200 及含 `items` 数组的 JSON 对象应答（由 AS-REG-001 判定）" in _lines(
        zh_markdown, "IF-MOD-001", "zh")["不确定"]
    assert "A's listing of step 4 is not answered 200" in _lines(en_markdown, "IF-MOD-001", "en")["Inconclusive"]


def test_a13_the_robustness_case_has_no_exclusion_branch(zh_markdown, en_markdown):
    """a13: the statement, step 4 and the lines excluded refusals other requirements state; the check never did."""
    zh = _cases(zh_markdown)["IF-ROB-002"]
    assert "除外" not in _lines(zh_markdown, "IF-ROB-002", "zh")["通过"]
    assert "排除在判定之外" not in zh and "无其他要求规定拒绝" not in zh
    assert "本文件其他要求规定的拒绝均不适用" in _steps(zh_markdown, "IF-ROB-002", "zh")[3]
    en = _cases(en_markdown)["IF-ROB-002"]
    assert "leave that request out of the verdict" not in en and "where no other requirement states" not in en


def test_a14_the_robustness_provisioning_is_a_set_up(zh_markdown, en_markdown):
    """a14: the provisioning was judged (a refusal failed) while the text excluded it and called it 不确定."""
    assert "开通请求属于准备步骤，不计入判定" in _steps(zh_markdown, "IF-ROB-002", "zh")[1]
    assert "the provisioning is a set-up" in _steps(en_markdown, "IF-ROB-002", "en")[1]
    source = (SUITES / "interfaces" / "test_robustness.py").read_text(encoding="utf-8")
    assert "count=2, judged" not in source


def test_a15_a_set_up_body_that_is_not_json_is_unjudged():
    """a15: `judged_export`, `held_by` and IF-UDP-012's export read `.json()` uncaught: a 200 not JSON failed."""
    from conformance.areas.interfaces import userplatform

    source = (ROOT / "src" / "conformance" / "areas" / "interfaces" / "userplatform.py").read_text(encoding="utf-8")
    judged_export = source[source.index("def judged_export"):source.index("def history_events")]
    assert "answer.json()" not in judged_export and "served_body" in judged_export
    assert userplatform.served_body is not None
    habits = (SUITES / "interfaces" / "test_user_habits.py").read_text(encoding="utf-8")
    assert "package = answer.json()" not in habits and habits.count("served_body(answer)") == 2
    interop = (SUITES / "interfaces" / "test_interop.py").read_text(encoding="utf-8")
    assert "exported.json()" not in interop


def test_a17_the_interop_identity_fail_line_names_the_registrar_fails(zh_markdown, en_markdown):
    """a17: IF-IOP-001 named only the import's 201 while `registrar_state` fails three more states."""
    zh = _lines(zh_markdown, "IF-IOP-001", "zh")["不通过"]
    assert "`didState.state` 不为 `finished`、其 `didState.did` 缺失或不是 DID" in zh and "私钥材料" in zh
    en = _lines(en_markdown, "IF-IOP-001", "en")["Fail"]
    assert "its `didState.state` not `finished`, its `didState.did` missing or not a DID" in en
    assert "private key material" in en
