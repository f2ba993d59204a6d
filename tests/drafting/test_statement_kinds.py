"""Issue 63's last statement rules: ``run-detail``, ``justification``, ``language-parity`` and
``modal-order``'s 只应. Each is tripped through the lint of a small catalog, and the forms
its pattern leaves alone by design are shown passing (checked on the requirement alone: cheap)."""

from __future__ import annotations

import re

import pytest

from conformance._catalog.model import Requirement, Rule, Text
from conformance.drafting.parity import parity_problems
from conformance.drafting.statements import kind_problems, order_problems
from tests.drafting.test_catalog_lint import EN, GOOD, RULES, ZH, _set, findings

CASES = {"ID-DOC-901": [{"profile": "mini", "files": {"files": ["bad.json"]}, "rule": r} for r in ("R1", "R2")]}


@pytest.mark.parametrize(("change", "expected"), [
    (_set(EN, "Each DID document MUST carry an id member within the harness's size cap."),
     ("run-detail", "statement.en says 'harness'")),
    (_set(ZH, "每个 DID 文档应带有本次运行给出的 id 成员。"), ("run-detail", "statement.zh says '本次运行'")),
    (_set(EN, "Each DID document MUST carry an id member, so that a client can resolve it."),
     ("justification", "statement.en says 'so that'")),
    (_set(ZH, "每个 DID 文档应带有 id 成员，以便客户端解析。"), ("justification", "statement.zh says '以便'")),
    (_set(ZH, "每个 DID 文档应带有 id 成员，使客户端能解析该文档。"),
     ("justification", "statement.zh says '使客户端能解析该文档。'")),
    (_set(ZH, "每个 DID 文档只应带有一个 id 成员。"), ("modal-order", "statement.zh writes 只应")),
    (_set(EN, "Each DID document MUST carry an id member of at most 100 bytes."),
     ("language-parity", "statement.en has the number(s) 100 that statement.zh lacks")),
])
def test_each_rule_is_reported_by_the_lint(tmp_path, change, expected):
    assert findings(tmp_path, change) == [expected]


def test_a_rule_is_read_as_the_statement_is(tmp_path):
    restricted = RULES[1]["zh"].replace("应", "仅应", 1).replace("。", "，因为解析器只接受它。")
    rules = [RULES[0], RULES[1] | {"zh": restricted}]
    assert findings(tmp_path, _set("rules", rules), known_bad=CASES) == [
        ("modal-order", "rule R2.zh writes 仅应"), ("justification", "rule R2.zh says '因为'")]


def _requirement(en: str, zh: str, rules: tuple[tuple[str, str], ...] = ()) -> Requirement:
    req = Requirement.model_validate({**GOOD, "area": "identity"})
    listed = [Rule(id=f"R{i}", en=rule_en, zh=rule_zh) for i, (rule_en, rule_zh) in enumerate(rules, 1)]
    return req.model_copy(update={"statement": Text(en=en, zh=zh), "rules": listed})


@pytest.mark.parametrize(("en", "zh"), [
    # a run of samples, HLS's program date-time, the time since settlement: no run, programme or reason
    ("Every window (the last run of at least 20 ms) MUST hold a label with program date-times.",
     "每个窗口（不短于 20 毫秒的最后一段）应带有含节目日期时间的标识。"),
    ("A refund asked for after the window has passed since settlement MUST be refused.",
     "结算后超过该时限才提出的退款应被拒绝。"),
    # a test signal, a test clock: conditions the product is measured under, not the run
    ("For each test signal, the level MUST be at least -60 dB FS, through the declared test clock.",
     "对每个测试信号，电平应不低于 -60 dB FS，经所声明的测试时钟。"),
    # 并使 keeps an obligation (keep it readable), not a purpose
    ("A platform MUST acknowledge each report and keep it readable.", "平台应确认每份举报，并使举报能够读取。"),
])
def test_what_the_patterns_leave_alone_by_design(en, zh):
    assert list(kind_problems(_requirement(en, zh))) == []


def test_not_only_is_no_restriction_before_the_verb():
    """不仅应 ("not only") is no 只应; 仅应 is."""
    never = re.compile("(?!)")
    assert list(order_problems(_requirement("x", "平台不仅应确认举报。"), never)) == []
    found = [p for _, p, _ in order_problems(_requirement("x", "平台仅应确认举报。"), never)]
    assert found == ["statement.zh writes 仅应"]


@pytest.mark.parametrize(("en", "zh"), [
    ("It MUST answer within 100 ms, 10 % of the time.", "其应在 100 毫秒内响应，比例为 10%。"),
    ("It MUST hold 1,000 items on an 8-byte boundary.", "其应在 8 字节边界上含 1000 项。"),
    ("Every shell MUST be 2-manifold, as ID-DOC-901 says, with `id` and rate_hz.",
     "每个壳应为二维流形，如 ID-DOC-901 所述，带有 `id` 与 rate_hz。"),
    ("It MUST carry an id (e.g. `did:key`). The id is a DID.", "其应带有 id（例如 `did:key`）。该 id 为 DID。"),
])
def test_the_same_rule_in_both_languages_is_no_finding(en, zh):
    assert list(parity_problems(_requirement(en, zh))) == []


@pytest.mark.parametrize(("en", "zh", "problem"), [
    ("It MUST answer within 100 ms.", "其应在 100 秒内响应。", "statement gives 100 in ms in en but in s in zh"),
    ("It MUST answer within 100 ms.", "其应在 100 毫秒内响应，共 3 次。",
     "statement.zh has the number(s) 3 that statement.en lacks"),
    ("It MUST carry an id, as ID-DOC-902 says.", "其应带有 id。",
     "statement.en names ID-DOC-902, which statement.zh does not"),
    ("It MUST carry `id`.", "其应带有标识。", "statement.en has the code value(s) id, which statement.zh lacks"),
    ("It MUST carry an id. The id is a DID.", "其应带有 id，该 id 为 DID。",
     "statement has 2 sentence(s) in en but 1 in zh"),
])
def test_what_one_language_has_and_the_other_lacks_is_named(en, zh, problem):
    assert [p for _, p, _ in parity_problems(_requirement(en, zh))] == [problem]


def test_each_rule_is_compared_with_its_own_counterpart():
    req = _requirement("It MUST carry an id.", "其应带有 id。",
                       rules=(("The id MUST be at most 64 bytes.", "id 应不超过 46 字节。"),))
    assert [p for _, p, _ in parity_problems(req)] == [
        "rule R1.en has the number(s) 64 that rule R1.zh lacks",
        "rule R1.zh has the number(s) 46 that rule R1.en lacks"]
