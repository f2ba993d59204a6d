"""The twenty-second reading of issue 76, rows 9, 11, 12, 13, 14, 50 and 51 (docs/drafting.md, "Leftovers of the
twenty-second reading, part e"): the interfaces' verdict lines. One situation has one verdict (a discovery document
without `sessions.join` under the session profile, which claims sessions); every outcome a step reaches has its
verdict in the criteria; a 通过 line states the rules it cites; 「不适用：无（……）」 takes one form, or the pair form for
a pair of platforms. Each test fails on the draft as it was before the fix it names; each scan also on a planted
defect; the checks that now do what the text promises are run against the reference."""

from __future__ import annotations

import re

import pytest
import yaml

from conformance.areas.interfaces import sessions
from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}
_STEPS = {"zh": "测试步骤", "en": "Test procedure"}
_LABEL = {"zh": ("通过：", "不通过：", "不适用：", "不确定："), "en": ("Pass: ", "Fail: ", "Not applicable: ", "Inconclusive: ")}
#: the cases of the session profile that read the discovery document's `sessions.join`
_SESSION_CASES = ("IF-SES-001", "IF-SES-002", "IF-SES-003", "IF-SES-004", "IF-SES-005", "IF-SES-006",
                  "IF-CODE-009", "IF-CODE-010")


def _verdict(markdown: str, rid: str, lang: str, which: int) -> str:
    """One verdict line of a case's criteria (0 pass, 1 fail, 2 not applicable, 3 inconclusive)."""
    lines = _row(_cases(markdown)[rid], _CRITERIA[lang]).split("<br>")
    found = [line for line in lines if line.startswith(_LABEL[lang][which])]
    assert len(found) == 1, (rid, lang, lines)
    return found[0]


def _markdowns(zh: str, en: str) -> tuple[tuple[str, str], ...]:
    return (zh, "zh"), (en, "en")


# ---- row 9: a discovery document without sessions.join fails every case of the session profile


@pytest.mark.parametrize("rid", _SESSION_CASES)
def test_a_missing_session_binding_fails_the_session_profiles_cases(rid, zh_markdown, en_markdown):
    """Row 9: 「不适用：平台的服务发现文档未声明 `sessions.join`。」 in IF-SES-001 to -006, 不确定 in IF-CODE-009 and -010,
    while the trading cases fail the same absence: now 不通过 everywhere, and 不适用 says there is no such case."""
    for markdown, lang in _markdowns(zh_markdown, en_markdown):
        fail, na, unsure = (_verdict(markdown, rid, lang, i) for i in (1, 2, 3))
        assert "`sessions.join`" in fail, (rid, lang, fail)
        assert na in ("不适用：无（声明本测试配置的被测对象均适用本要求）。",
                      "Not applicable: none (every implementation under test claiming this profile is subject to this requirement)."), \
            (rid, lang, na)
        assert "sessions.join" not in unsure, (rid, lang, unsure)


def test_the_first_step_reading_the_binding_records_a_failure(zh_markdown, en_markdown):
    """Row 9: IF-SES-001's step 1 recorded 「不适用」 when `sessions.join` was not declared."""
    zh = _row(_cases(zh_markdown)["IF-SES-001"], _STEPS["zh"])
    en = _row(_cases(en_markdown)["IF-SES-001"], _STEPS["en"])
    assert "未声明时记录“不通过”（规则 R1）" in zh and "不适用" not in zh
    assert 'record "fail" (rule R1)' in en and "not applicable" not in en


def test_each_session_case_has_a_known_bad_case_without_the_binding():
    """Row 9: the check judges what the text says: the reference without `sessions` in its discovery document fails
    each of the eight cases (tests/e2e/test_known_bad.py runs them), on the first rule the session serves."""
    known_bad = yaml.safe_load((ROOT / "suites" / "interfaces" / "known_bad.yaml").read_text(encoding="utf-8"))
    first = {"IF-SES-004": None, "IF-SES-005": None}
    # IF-CODE-009 fails it under no rule since the fifty-first reading (bx1), which a known-bad case of a requirement
    # with rules cannot say: tests/areas/interfaces/test_blocking_without_sessions.py judges it
    for rid in (rid for rid in _SESSION_CASES if rid != "IF-CODE-009"):
        cases = [c for c in known_bad[rid] if "discovery-no-sessions" in c.get("defects", [])]
        assert len(cases) == 1, rid
        assert cases[0].get("rule") == first.get(rid, "R1"), rid


# ---- row 11: IF-SES-006 looks for each voice frame sent at every other participant


def test_each_voice_frame_sent_is_looked_for_at_every_other_participant(zh_markdown, en_markdown):
    """Row 11: step 2 compared only the frames a participant received, and 通过 spoke of 「每个收到的语音帧」."""
    steps = {lang: _row(_cases(markdown)["IF-SES-006"], _STEPS[lang])
             for markdown, lang in _markdowns(zh_markdown, en_markdown)}
    assert "对所发送的每个语音帧，查看其是否到达其他每名参与者" in steps["zh"]
    assert "For each voice frame sent, look at whether it arrived at every other participant" in steps["en"]
    assert _verdict(zh_markdown, "IF-SES-006", "zh", 0) == \
        "通过：*N* = 8（R1）与 *N* = 32（R2）时，每个所发送的语音帧都到达其他每名参与者且与所发送的逐字节相同。"
    assert "every voice frame sent arrives at every other participant byte for byte" in \
        _verdict(en_markdown, "IF-SES-006", "en", 0)


def test_a_voice_frame_whose_state_never_arrived_is_missing():
    """Row 11, the check: a frame in a state lost on the way is owed and missing, as one stripped or altered is."""
    record = sessions.Record(plan=sessions.Plan(participants=3, updates=2, interval_s=0.1, settle_s=0.1))
    record.sent = {(sender, seq): 0 for sender in range(3) for seq in range(2)}
    # every state arrives everywhere except sender 1's seq 0 at participant 2; frames ride on even seq
    record.received = {r: [(s, q, 0) for (s, q) in record.sent if s != r and (s, q, r) != (1, 0, 2)]
                       for r in range(3)}
    owed, faults = sessions.voice_faults(record)
    assert owed == 6  # three senders, one frame each (seq 0), two recipients each
    assert faults == [(2, 1, 0)]
    record.voice_altered = [(0, 2, 0)]
    assert sessions.voice_faults(record)[1] == [(2, 1, 0), (0, 2, 0)]  # in the order owed: by sender, then seq


# ---- row 12: one form for "no case of not applicable", the pair form for a pair of platforms

_NONE = {"zh": re.compile(r"不适用：无（声明(?:本|所列任一)测试配置的(?P<who>被测对象|平台对)均适用本要求）"),
         "en": re.compile(r"Not applicable: none \(every (?P<who>implementation under test|pair of platforms) claiming "
                          r"(?:this profile|any of the profiles listed) is subject to this requirement\)")}
_NONE_START = {"zh": "不适用：无（", "en": "Not applicable: none ("}


def _off_form(markdown: str, lang: str) -> list[str]:
    """The 「不适用：无（……）」 lines of every case that take neither form, by requirement ID."""
    out = []
    for rid, case in _cases(markdown).items():
        for line in _row(case, _CRITERIA[lang]).split("<br>"):
            if line.startswith(_NONE_START[lang]) and not _NONE[lang].match(line):
                out.append(f"{rid}: {line[:90]}")
    return out


def test_every_none_not_applicable_line_takes_one_of_two_forms(zh_markdown, en_markdown):
    """Row 12: 19 cases said 「……均提供本要求所检的接口」 ("offers the interface this requirement checks")."""
    assert _off_form(zh_markdown, "zh") == []
    assert _off_form(en_markdown, "en") == []
    planted = "### 1.1 IF-X-001 t\n\n| 判定准则 | 通过：x。<br>不适用：无（声明本测试配置的被测对象均提供本要求所检的接口）。 |\n"
    assert _cases(planted) and _off_form(planted, "zh") != []


def test_the_pair_profiles_cases_say_pair_of_platforms(catalog, zh_markdown, en_markdown):
    """Row 12: the data-portability pair had IF-UDP-006 「被测对象均适用」 and twelve siblings 「被测对象均提供……接口」
    beside ID-PORT-002's 「平台对均适用」 (and IF-TDX-001, ID-PORT-001, -004, -005 「平台均适用」)."""
    pair = {rid for p in catalog.profiles.values() if sum(t.kind == "http" for t in p.targets.values()) >= 2
            for rid in p.requirements}
    assert {"IF-UDP-001", "IF-UDP-006", "ID-PORT-002"} <= pair
    for markdown, lang in _markdowns(zh_markdown, en_markdown):
        for rid in sorted(pair & set(_cases(markdown))):
            na = _verdict(markdown, rid, lang, 2)
            if na.startswith(_NONE_START[lang]):
                assert _NONE[lang].match(na)["who"] in ("平台对", "pair of platforms"), (rid, lang, na)


# ---- row 13: IF-UDP-010 without a purpose of consent recording a profile set


def test_a_pair_without_a_purpose_of_consent_is_not_applicable(zh_markdown, en_markdown):
    """Row 13: step 1 ended the check of a platform without such a purpose, and no criterion gave the verdict."""
    assert _verdict(zh_markdown, "IF-UDP-010", "zh", 2) == \
        "不适用：平台对的两个平台的服务发现文档均未声明依据（`basis`）为 `consent` 且其操作含 `profile.set` 的目的（第 1 步）。"
    assert "neither platform of the pair declares" in _verdict(en_markdown, "IF-UDP-010", "en", 2)
    assert "两个平台均没有时记录“不适用”并结束本用例" in _row(_cases(zh_markdown)["IF-UDP-010"], _STEPS["zh"])
    assert 'record "not applicable" and stop' in _row(_cases(en_markdown)["IF-UDP-010"], _STEPS["en"])


def test_the_consent_check_reports_not_applicable_without_the_purpose(catalog, serve_reference, run_manifest):
    """Row 13, the check: it passed on nothing judged; now not applicable, and still a pass with the purpose."""
    no_purpose = serve_reference(["user-data-no-consent-purpose"])
    manifest = manifest_for(catalog, "data-portability", base_urls={"api": no_purpose, "api_b": no_purpose})
    assert verdicts(run_manifest(manifest, requirements=["IF-UDP-010"]))["IF-UDP-010"] == "not_applicable"
    manifest = manifest_for(catalog, "data-portability", base_urls={"api": no_purpose, "api_b": serve_reference()})
    assert verdicts(run_manifest(manifest, requirements=["IF-UDP-010"]))["IF-UDP-010"] == "pass"


# ---- row 14: IF-UDP-013's 不确定 line lists what steps 3 to 5 leave undecided; a feature without its path fails


def test_the_recommendations_inconclusive_line_names_each_step_it_comes_from(zh_markdown, en_markdown):
    """Row 14: 不确定 named only an unreachable base address; steps 1, 3 and 5 made three other situations."""
    zh = _verdict(zh_markdown, "IF-UDP-013", "zh", 3)
    en = _verdict(en_markdown, "IF-UDP-013", "en", 3)
    # the steps one further down since step 1 checks the ICS (twenty-fourth reading, row 37)
    # the rules left unjudged named after their steps (thirty-third reading's leftovers, part v); the deletion's
    # status is annex D's 204 alone (thirty-fifth reading's open rows, the lead)
    for said in ("第 4 步的推荐无法读取", "空白用户先后两次读取的推荐不同", "第 5 步的导出无法读取时，R2 未经判定",
                 "第 6 步的删除请求未以附录 D 所给的 204 应答", "R3 未经判定"):
        assert said in zh, said
    for said in ("the blank user's two reads differ", "R2 is unjudged", "not answered annex D's 204", "R3 is unjudged"):
        assert said in en, said
    step = _row(_cases(zh_markdown)["IF-UDP-013"], _STEPS["zh"])
    assert "`user_data.recommendations` 路径（缺少时判为不通过，规则 R1" in step


def test_a_claimed_feature_without_its_path_has_a_known_bad_case():
    """Row 14, the check: the reference of platform B claiming the feature without the path fails R1."""
    known_bad = yaml.safe_load((ROOT / "suites" / "interfaces" / "known_bad.yaml").read_text(encoding="utf-8"))
    cases = [c for c in known_bad["IF-UDP-013"]
             if "user-data-recommendations-undeclared" in c.get("role_defects", {}).get("api_b", [])]
    assert [c["rule"] for c in cases] == ["R1"]


# ---- row 50: IF-MOD-002's inconclusive condition in its own line, its listing request whole


def test_the_moderation_cases_inconclusive_condition_stands_in_its_line(zh_markdown, en_markdown):
    """Row 50: the 通过 line carried 「举报前列表中即无该资产时……判为不确定」; step 2 wrote 「`GET /assets?owner=A` 的 DID」."""
    assert _verdict(zh_markdown, "IF-MOD-002", "zh", 0) == \
        "通过：第 4 步的最后一次读取得到 401、403、404、410 或 451（R1），" \
        "且第 5 步最后一次读取以 200 给出的 A 的资产列表不含该资产（R2）。"  # 200: thirty-second reading, part n
    # part m3 of the thirty-seventh reading's leftovers added a listing that cannot be read to the same state
    assert "举报前 A 的资产列表中即无该资产或该列表无法读取（第 2 步；R2 无法检查）" in _verdict(zh_markdown, "IF-MOD-002", "zh", 3)
    assert "inconclusive" not in _verdict(en_markdown, "IF-MOD-002", "en", 0)
    assert "listing did not hold the item, or could not be read, before the report" in _verdict(
        en_markdown, "IF-MOD-002", "en", 3)
    assert "`GET /assets?owner={A 的 DID}`" in _row(_cases(zh_markdown)["IF-MOD-002"], _STEPS["zh"])
    assert "`GET /assets?owner={A's DID}`" in _row(_cases(en_markdown)["IF-MOD-002"], _STEPS["en"])


# ---- row 51: IF-REPORT-001 passes on its four rules


def test_the_reporting_case_passes_on_its_rules(zh_markdown, en_markdown):
    """Row 51: 「通过：受理确认、读取与处理结果均符合上述时限。」 left out R1 and R3, which are no time limits."""
    assert _verdict(zh_markdown, "IF-REPORT-001", "zh", 0) == "通过：R1 至 R4 均满足。"
    assert _verdict(en_markdown, "IF-REPORT-001", "en", 0) == "Pass: rules R1 to R4 all hold."
