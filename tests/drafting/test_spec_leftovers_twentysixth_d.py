"""The leftovers of the twenty-sixth reading of issue 76, part d (docs/drafting.md, "Leftovers of the twenty-sixth
reading, part d"): rows 3, 4 and 9. SC-FEED-005 to -007 say what a broker that cannot be connected (clause 5.1's
unverifiable chain among the causes) or a refused subscription gives (row 4), SC-FEED-006 names the navigation link
at the step that reads it and the steps its missing inputs stop (row 3), and clause 15 counts the 应 requirements a
claim needs and says what the selected 宜 and 可 ones are for (row 9). Each test fails on the draft as it was before
these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

FEED_MQTT = ("SC-FEED-005", "SC-FEED-006", "SC-FEED-007")
STEPS = {"zh": "测试步骤", "en": "Test procedure"}


def test_the_mqtt_cases_say_what_a_broker_connection_gives(zh_markdown, en_markdown):
    """Row 4: clause 5.1 defers a chain that does not verify to each case's provision for a failed connection,
    but no verdict line of SC-FEED-005 to -007 spoke of the broker connection (the check recorded an R2 finding)."""
    for rid in FEED_MQTT:
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
        assert "第 3 步未能与代理建立连接" in zh["不确定"] and "不能按 5.1 所述信任锚验证" in zh["不确定"], rid
        assert "连接建立后代理发送非 MQTT 3.1.1 的数据" in zh["不通过"] and "记为违反 R2" in zh["不通过"], rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")
        assert "the connection to the broker in step 3 cannot be made" in en["Inconclusive"], rid
        assert "the trust anchors of clause 5.1" in en["Inconclusive"], rid
        assert "once connected, the broker sends data that is not MQTT 3.1.1" in en["Fail"], rid
    # a refused subscription: the rule of the topic refused, in the cases that subscribe
    assert "观测主题 R2，带 `$select` 的主题 R4" in _verdict_lines(_cases(zh_markdown)["SC-FEED-005"], "zh")["不通过"]
    assert "实体主题 R2，属性主题 R3" in _verdict_lines(_cases(zh_markdown)["SC-FEED-007"], "zh")["不通过"]
    assert "the entity topic R2, the property topic R3" in _verdict_lines(_cases(en_markdown)["SC-FEED-007"],
                                                                          "en")["Fail"]


def test_clause_5_1_lands_on_a_provision_in_every_case_naming_mqtts_or_wss(zh_markdown, en_markdown):
    """Row 4: every case whose steps connect over `mqtts://` or `wss://` names clause 5.1's trust anchors in its
    不确定 line, the provision 5.1's last sentence defers to."""
    for markdown, lang, label in ((zh_markdown, "zh", "不确定"), (en_markdown, "en", "Inconclusive")):
        connecting = [rid for rid, case in _cases(markdown).items()
                      if re.search(r"`(mqtts|wss)://`", _row(case, STEPS[lang]))]
        assert set(connecting) >= set(FEED_MQTT)
        for rid in connecting:
            assert "5.1" in _verdict_lines(_cases(markdown)[rid], lang)[label], (lang, rid)


def test_sc_feed_006_names_the_navigation_link_where_step_5_reads_it(zh_markdown, en_markdown):
    """Row 3: the 不确定 line put the navigation link at step 4, which neither reads nor needs it, and said the checks
    'from step 3 on' could not be completed, though step 3 comes before the Datastream is read."""
    zh = _cases(zh_markdown)["SC-FEED-006"]
    steps = _row(zh, STEPS["zh"]).split("<br>")
    assert "`Observations@iot.navigationLink`" in steps[4] and "navigationLink" not in steps[3]
    inconclusive = _verdict_lines(zh, "zh")["不确定"]
    assert "第 3 步起" not in inconclusive and "（`Observations@iot.navigationLink`，第 4 步）" not in inconclusive
    assert "第 5 步读取其观测所用的导航链接（`Observations@iot.navigationLink`），致使第 5 步的检查无法完成" \
        in inconclusive
    en = _cases(en_markdown)["SC-FEED-006"]
    assert "`Observations@iot.navigationLink`" in _row(en, STEPS["en"]).split("<br>")[4]
    inconclusive = _verdict_lines(en, "en")["Inconclusive"]
    assert "from step 3 on" not in inconclusive
    assert "(`Observations@iot.navigationLink`), which step 5 reads, so the check of step 5 cannot be completed" \
        in inconclusive


def _clauses_15(markdown: str) -> dict[str, str]:
    """Each profile's subclause of clause 15 by its profile ID."""
    body = markdown[markdown.index("\n## 15 "):markdown.index("\n## 16 ")]
    return {m.group(1): m.group(0) for m in re.finditer(r"^### 15\.\d+ .*[(（]`([a-z0-9-]+)`[)）]$[\s\S]*?(?=^### |\Z)",
                                                          body, re.M)}


def test_clause_15_counts_the_must_requirements_and_says_what_the_others_are_for(catalog, zh_markdown, en_markdown):
    """Row 9: 「应通过该配置所选全部“应”级规范性要求（共 N 项）」 counted the selected 宜 and 可 requirements too
    (15.2: 4 for 3), and no clause said what those are for."""
    zh, en = _clauses_15(zh_markdown), _clauses_15(en_markdown)
    claimable = [p for p in catalog.profiles.values() if catalog.normative_requirements(p)]
    assert len(zh) >= len(claimable) and set(zh) == set(en)
    reported_clauses = 0
    for profile in claimable:
        deciding = catalog.normative_requirements(profile)
        assert f"规范性要求（共 {len(deciding)} 项）" in zh[profile.id], profile.id
        assert f"the profile selects ({len(deciding)} in all;" in en[profile.id], profile.id
        assert {catalog.requirements[i].level.value for i in deciding} == {"MUST"}, profile.id
        others = [catalog.requirements[i] for i in profile.all_requirements() if i in catalog.requirements
                  and catalog.requirements[i].status in (None, "stable") and i not in deciding]
        counts = {level: sum(r.level.value == level for r in others) for level in ("SHOULD", "MAY")}
        if not any(counts.values()):
            assert "该配置另选的" not in zh[profile.id] and "also selects are run" not in en[profile.id]
            continue
        reported_clauses += 1
        names = {"SHOULD": "“宜”级", "MAY": "“可”级"}
        wanted = "与 ".join(f"{n} 项{names[level]}" for level, n in counts.items() if n)
        assert f"该配置另选的 {wanted}规范性要求，其测试用例亦予执行，结果记入测试报告，不影响符合性结论。" \
            in zh[profile.id], profile.id
        wanted = " and ".join(f"{n} {level}" for level, n in counts.items() if n)
        noun = "requirement" if sum(counts.values()) == 1 else "requirements"  # by number (twenty-seventh, row 13)
        assert f"The test cases of the {wanted} normative {noun} the profile also selects are run as well " \
               "and their results reported; they do not decide conformance." in en[profile.id], profile.id
    assert reported_clauses >= 19  # the reading's 15.2 asset-3d-content, 15.26 interfaces-core and the others
