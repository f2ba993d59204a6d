"""The leftovers of the twentieth reading of issue 76, part b (docs/drafting.md, "Leftovers of the twentieth reading,
part b"): verdict lines and criteria of rows 1 to 8, 11, 12 and 39, each closed at its source (the catalog's YAML, the
rendering's verdict lines, and the checks where a line promises a verdict). Each test fails on the draft as it was
before the fix it names; the scans also on a planted line."""

from __future__ import annotations

import inspect
import re
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from conformance import NonConformance
from conformance._record.evidence import Evidence, recording
from conformance.drafting.testcases import observed
from conformance.errors import Inconclusive, NotApplicable
from tests.drafting.test_spec_leftovers_nineteenth import _NONE, ROOT, _emptied_role, _line, _suite
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_NA = {"zh": "不适用：", "en": "Not applicable: "}
_INC = {"zh": "不确定：", "en": "Inconclusive: "}
_PASS = {"zh": "通过：", "en": "Pass: "}
_FAIL = {"zh": "不通过：", "en": "Fail: "}
_STEPS = {"zh": "测试步骤", "en": "Test procedure"}
_CONDITIONS = {"zh": "前置条件", "en": "Initial conditions"}
_SUPPLIES_NONE = {"zh": "被测对象未提供任何", "en": "the implementation under test supplies no "}


def _both(zh_markdown: str, en_markdown: str) -> tuple[tuple[str, str], ...]:
    return (zh_markdown, "zh"), (en_markdown, "en")


# Row 1: a missing required input is 不确定 (clause 3.23), in the text and in the check

def test_a_missing_asset_document_or_model_is_inconclusive_in_the_text(zh_markdown, en_markdown):
    """AS-META-001, -003, -004 and AS-GLTF-003 called a product supplying none of the profile's input 不适用."""
    for markdown, lang in _both(zh_markdown, en_markdown):
        for rid in ("AS-META-001", "AS-META-003", "AS-META-004", "AS-GLTF-003"):
            na, inc = _line(markdown, rid, _NA, lang), _line(markdown, rid, _INC, lang)
            assert _SUPPLIES_NONE[lang] not in na and "holds no" not in na and "没有 `.gltf`" not in na, (rid, na)
            assert _SUPPLIES_NONE[lang] in inc, (rid, lang, inc)
        assert _NONE[lang].match(_line(markdown, "AS-GLTF-003", _NA, lang)), lang


@pytest.mark.parametrize("name", ["test_asset_identity_and_content", "test_asset_rights",
                                  "test_transfer_rules_and_rating"])
def test_an_asset_metadata_check_that_reads_no_document_is_inconclusive(tmp_path, name):
    """AS-META-001, -003 and -004 were not applicable when no document was read; now inconclusive, naming the missing
    input, as AS-META-002 and -006 (the nineteenth's row 3)."""
    check = getattr(_suite("suites/assets/test_metadata.py"), name)
    adapter = _emptied_role(tmp_path, "asset_metadata")
    given = {"targets": {"asset_metadata": adapter}, "schemas": None, "evidence": Evidence(),
             "params": SimpleNamespace(required_members=[])}
    with recording(Evidence()), pytest.raises(Inconclusive, match="missing|缺失"):
        check(**{k: v for k, v in given.items() if k in inspect.signature(check).parameters})


def test_a_budget_check_that_reads_no_model_is_inconclusive_naming_the_missing_input(tmp_path):
    check = _suite("suites/assets/test_3d_content.py").test_models_within_budgets
    params = SimpleNamespace(max_model_bytes=10_000_000, max_triangles=100_000, max_vertices=150_000, max_draw_calls=50)
    with recording(Evidence()), pytest.raises(Inconclusive, match="missing|缺失"):
        check(targets={"models": _emptied_role(tmp_path, "models")}, evidence=Evidence(), params=params)


# Row 2: AS-CONT-002 without a same-origin reference is 不适用; AS-CONT-001's line gives no advice

def test_the_content_criteria_state_conditions_only(zh_markdown, en_markdown):
    for markdown, lang in _both(zh_markdown, en_markdown):
        assert not re.search("建议|advice", _line(markdown, "AS-CONT-001", _NA, lang)), lang
        na, inc = _line(markdown, "AS-CONT-002", _NA, lang), _line(markdown, "AS-CONT-002", _INC, lang)
        assert re.search("自身源上的内容引用|on the registry's own origin", na), (lang, na)
        assert not re.search("自身源上的内容引用|on the registry's own origin", inc), (lang, inc)


class _Answer:
    def __init__(self, status: int, body: object, requested: str) -> None:
        self.status, self._body, self.requested, self.content = status, body, requested, b""

    def json(self) -> object:
        return self._body


class _Registry:
    """A registry listing one asset whose metadata references content on another origin only."""

    def __init__(self, metadata_status: int = 200) -> None:
        self.metadata_status = metadata_status

    def get(self, path: str, auth: object = None) -> _Answer:
        return _Answer(200, {"items": [{"asset_id": "urn:x:1"}]}, f"GET {path}")

    def request(self, method: str, path: str, **_: Any) -> _Answer:
        body = {"content": [{"uri": "https://elsewhere.example/a.glb", "sha256": "0" * 64}]}
        return _Answer(self.metadata_status, body if self.metadata_status == 200 else None, f"{method} {path}")

    def url(self, uri: str) -> str:
        raise NonConformance("another origin")

    def requested(self, method: str, path: str) -> str:
        return f"{method} {path}"


@pytest.mark.parametrize(("status", "verdict"), [(200, NotApplicable), (500, Inconclusive)])
def test_a_registry_without_same_origin_content_is_not_applicable(status, verdict):
    """AS-CONT-002: metadata read with no reference on the registry's own origin holds nothing the case checks
    (clause 3.24); metadata not obtained leaves it undecided."""
    check = _suite("suites/assets/test_registry_content.py").test_served_content_matches_its_hash
    schemas = SimpleNamespace(get=lambda _: {"$defs": {"asset_id": {"pattern": "^urn:"}}})
    with recording(Evidence()), pytest.raises(verdict):
        check(targets={"api": _Registry(status)}, schemas=schemas, evidence=Evidence(),
              params=SimpleNamespace(max_assets=20))
    if verdict is NotApplicable:  # the exact class: an Inconclusive is no NotApplicable
        with recording(Evidence()), pytest.raises(NotApplicable) as raised:
            check(targets={"api": _Registry(status)}, schemas=schemas, evidence=Evidence(),
                  params=SimpleNamespace(max_assets=20))
        assert not isinstance(raised.value, Inconclusive)


# Row 3: ID-AUTH-003's fail line covers every outcome of step 3, and the check judges a 5xx and a bare 4xx

def test_an_expired_proof_not_refused_with_problem_details_fails(zh_markdown, en_markdown):
    for markdown, lang in _both(zh_markdown, en_markdown):
        fail = _line(markdown, "ID-AUTH-003", _FAIL, lang)
        assert re.search(r"未以 `4xx` 问题详情拒绝|not refused with `4xx` problem details", fail), (lang, fail)
    known = yaml.safe_load((ROOT / "suites/identity/known_bad.yaml").read_text(encoding="utf-8"))["ID-AUTH-003"]
    defects = {d for case in known for d in case["defects"]}
    assert {"auth-expired-5xx", "auth-expired-bare-401"} <= defects  # tests/e2e/test_known_bad.py runs them


# Rows 4 and 5: each condition of an inconclusive verdict in its line, the method in the steps

def test_every_inconclusive_condition_of_the_steps_is_in_the_line(zh_markdown, en_markdown):
    # IF-BIO-001's step 8 was its step 7 before step 1 checked the ICS (twenty-fourth reading, row 37)
    # IF-UDP-012's profile set names annex D's 200 alone since the thirty-fifth reading's part d (row a10);
    # IF-BIO-001's withdrawal annex D's 204 alone since 1.3.0 (the thirty-fifth reading's open rows, part k1), its
    # enrolment table D.3's 201 alone (the thirty-sixth reading's leftovers, part t)
    wanted = {"IF-UDP-012": (r"第 4 步的资料未能设置（未按附录 D 以 200 应答", r"profile of step 4 cannot be set \(not answered 200"),
              # since 1.7 (part h109-cases55, b2) a withdrawal not answered 204 fails R5, no longer inconclusive
              "IF-BIO-001": (r"第 8 步的录入未以附录 D 所给的 201 应答或未返回 `biometric_id`，致使",
                             r"enrolment of step 8 is not answered 201 as annex D gives or answers no `biometric_id`, "
                             r"so that")}
    for markdown, lang in _both(zh_markdown, en_markdown):
        for rid, (zh, en) in wanted.items():
            line = _line(markdown, rid, _INC, lang)
            assert re.search(zh if lang == "zh" else en, line), (rid, lang, line)
            assert not re.search(r"IF.UDP.00[78]", line), (rid, lang, line)
        steps = _row(_cases(markdown)["IF-BIO-001"], _STEPS[lang])
        assert not re.search("发行两项资产|issues two assets", steps), lang


def test_the_biometric_case_provisions_only_what_its_steps_say():
    """IF-BIO-001 step 1 no longer sets a profile and issues two assets: nor does the check."""
    source = inspect.getsource(_suite("suites/interfaces/test_user_rights.py")
                               .test_biometric_data_is_collected_on_separate_consent_and_kept_no_longer_than_stated)
    assert "enrolling_platform(" in source and " platform(" not in source


def test_the_fallback_reading_stands_in_a_step(zh_markdown, en_markdown):
    """SC-FEED-006: the 5-page fallback stood in the inconclusive line only."""
    for markdown, lang in _both(zh_markdown, en_markdown):
        line = _line(markdown, "SC-FEED-006", _INC, lang)
        assert not re.search(r"nextLink|5 页|5 pages|SC.FEED.00[23]", line), (lang, line)
        step = _row(_cases(markdown)["SC-FEED-006"], _STEPS[lang])
        assert "@iot.nextLink" in step and re.search("至多读取 5 页|at most 5 pages", step), lang


# Row 6: the geometry budget stated in a step and in the inconclusive line

def test_the_geometry_budget_is_stated_where_it_acts(zh_markdown, en_markdown):
    for markdown, lang in _both(zh_markdown, en_markdown):
        cases = _cases(markdown)
        for rid in ("SC-CITY-007", "SC-CITY-008", "SC-CITY-009", "SC-CITY-012", "SC-CITY-013"):
            assert "`geometry_budget_polygons`" in _row(cases[rid], _STEPS[lang]), (rid, lang)
            assert "`geometry_budget_polygons`" in _line(markdown, rid, _INC, lang), (rid, lang)


# Row 7: a case lists only the parameters it reads

def test_the_rate_cases_list_no_jitter_parameter(catalog, zh_markdown, en_markdown):
    for markdown, lang in _both(zh_markdown, en_markdown):
        cases = _cases(markdown)
        for rid in ("TD-RATE-001", "TD-RATE-002"):
            assert "max_jitter_p99" not in _row(cases[rid], _CONDITIONS[lang]), (rid, lang)
        assert "max_jitter_p99_ms" in _row(cases["TD-RATE-003"], _CONDITIONS[lang]), lang
    source = (ROOT / "suites/terminal/test_timing.py").read_text(encoding="utf-8")
    for name in ("test_streams_run_at_declared_rate", "test_few_frames_dropped"):
        body = source.split(f"def {name}(")[1].split("\n\n\n")[0]
        assert "max_jitter" not in body, name  # a parameter read must be listed, so the check reads none


# Row 8: rules cited in number order

def _out_of_order(line: str) -> bool:
    """Whether a verdict line cites its rules out of number order (before its 「即」, "that is" or 「中任一项」)."""
    head = re.split(r"，即|, that is|中任一项|; the record", line)[0]
    cited = [int(n) for n in re.findall(r"(?<![\w‑-])R(\d+)\b", head)]
    return cited != sorted(cited)


def test_the_scan_finds_a_planted_rule_list_out_of_order():
    assert _out_of_order("通过：每个被检对象均满足 R1、R2、R6、R11、R7，即……")
    assert not _out_of_order("通过：每个被检对象均满足 R1、R2、R10、R11，即……")


def test_every_generated_rule_list_is_in_number_order(zh_markdown, en_markdown):
    for markdown, lang in _both(zh_markdown, en_markdown):
        lines = re.findall(rf"(?:{_PASS[lang]}every item checked meets|{_PASS[lang]}每个被检对象均满足|"
                           rf"{_FAIL[lang]}an item checked breaks any of|{_FAIL[lang]}任一被检对象违反)[^<|]*", markdown)
        assert len(lines) > 75, (lang, len(lines))  # fewer since cases judging platforms name them (50th reading b3)
        assert not [line for line in lines if _out_of_order(line)], lang


# Row 11: pass lines without a modal verb; a step states no requirement

def test_observed_drops_the_modal_of_ying_dui_and_of_a_permission():
    assert observed("平台应对其为之保存记录的每一目的说明期限。", "zh") == "平台对其为之保存记录的每一目的说明期限。"
    assert observed("脑电响应对应起点。", "zh") == "脑电响应对应起点。"  # 响应 and 对应 are words
    assert observed("机器人描述可为每个关节声明限值。", "zh", permission=True) == "机器人描述为每个关节声明限值。"
    assert observed("每帧均可解码。", "zh", permission=True) == "每帧均可解码。"  # a capability, no modal


def test_no_pass_line_keeps_a_modal_verb(zh_markdown):
    cases = _cases(zh_markdown)
    # 「平台对其」 read as the term 平台对 (sixty-ninth reading, h133-text): 「平台就其」 since
    assert "即平台就其为之保存" in _line(zh_markdown, "IF-UDP-012", _PASS, "zh")
    # 「声明包含……的限值」 since the twenty-first reading's row 4 (one permission with its form)
    assert "即机器人描述为每个关节声明包含" in _line(zh_markdown, "RB-JOINT-002", _PASS, "zh")
    assert "代币代码不是 ISO 4217" in _row(cases["AS-TRADE-001"], _STEPS["zh"])
    assert "不应为 ISO 4217" not in _row(cases["AS-TRADE-001"], _STEPS["zh"])


# Row 12: unambiguous conditions

def test_the_gtin_step_and_the_interval_count_read_one_way(zh_markdown, en_markdown):
    for markdown, lang in _both(zh_markdown, en_markdown):
        steps = _row(_cases(markdown)["IR-SYN-001"], _STEPS[lang])
        assert not re.search(r"路径以 GTIN（01）结尾时|path ends in a GTIN", steps), lang
        assert re.search(r"路径含 GTIN（01）时.*（如有）|path holds a GTIN \(01\).*\(if any\)", steps), lang
        line = _line(markdown, "RB-JOINT-003", _INC, lang)
        assert not re.search("足够|enough", line) and re.search("10 个区间|10 intervals", line), (lang, line)


# Row 39: a permission with no obligation hidden in it

def test_the_conditional_permissions_are_one_provision(catalog):
    """TD-BIO-002 and TD-FORCE-001 wrote an obligation without a modal verb inside a permission (「若说明其中任何
    一项，则三项均予说明」, 「若有声明，则……均为正数」): each is now one permission with the forms it covers, at the
    level MAY, a patch step, its note saying why no conditional requirement follows it."""
    # TD-FORCE-001's 1.2.2 is part d's wording (an offer named an `offers` entry), merged after this step
    for rid, version, noted, old in (("TD-BIO-002", "1.3.1", "1.3.1", "均予说明"),
                                     ("TD-FORCE-001", "1.2.2", "1.2.1", "均为正数")):
        req = catalog.requirements[rid]
        # at least that step: a later wording step (TD-FORCE-001 1.2.2, `offers`) keeps the permission
        assert req.level.value == "MAY" and tuple(map(int, req.version.split("."))) >= tuple(
            map(int, version.split("."))), rid
        assert old not in req.statement.zh and "若" not in req.statement.zh, rid
        assert req.statement.zh.count("可") == 1 and "MAY" in req.statement.en, rid
        assert f"{noted} 版（议题 76，第二十次审读）" in req.notes.zh and "GB/T 1.1-2020" in req.notes.en, rid
