"""The leftovers of the twenty-fifth reading of issue 76, part p (docs/drafting.md, "Leftovers of the twenty-fifth
reading, part p"): ID-PORT-001 names only the platform it acts at (row 1); IF-MOD-002 gives R2 its day as the rule
allows (row 2), names a discovery document declaring no category (row 3) and says its English fail line whole
(row 4); SC-FEED-005 to -007 name the Datastream or Thing their checks take and the states those checks reach
(row 6). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps, _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_the_export_case_names_only_the_platform_it_acts_at(zh_markdown, en_markdown):
    """Row 1: every step of ID-PORT-001 acts at platform A (its check reads target `api` alone), yet its 前置条件
    named the importing platform too."""
    zh = _row(_cases(zh_markdown)["ID-PORT-001"], "前置条件")
    assert "注册并导出身份的平台" in zh and "导入" not in zh
    en = _row(_cases(en_markdown)["ID-PORT-001"], "Initial conditions")
    assert "registered at and exported from" in en and "import" not in en


def test_the_withdrawal_case_gives_r2_its_day(zh_markdown, en_markdown, catalog):
    """Row 2: step 5 read the listing at once when the URL was withdrawn at once, so a platform dropping the
    listing entry later within its day (what R2 allows) failed; now the clock is advanced before R2 is judged, a
    changed check (a minor step). Since the twenty-ninth reading's part s (row a24) the clock is the reader's test
    clock, set past the report's deadline, not the test moderation clock advanced a day."""
    zh = _steps(_cases(zh_markdown)["IF-MOD-002"], "zh")[4]
    assert "若其中仍列有该资产而第 4 步未设置测试时钟" in zh and "再次读取 A 的资产列表" in zh
    en = _steps(_cases(en_markdown)["IF-MOD-002"], "en")[4]
    assert "step 4 did not set the test clock" in en and "read A's listing again" in en
    passed = _verdict_lines(_cases(zh_markdown)["IF-MOD-002"], "zh")["通过"]
    assert "第 5 步最后一次读取以 200 给出的 A 的资产列表不含该资产" in passed  # 200: thirty-second reading, part n
    assert tuple(map(int, catalog.requirement("IF-MOD-002").version.split("."))) >= (1, 2, 1)


def test_the_withdrawal_case_names_a_document_declaring_no_category(zh_markdown, en_markdown):
    """Row 3: the check is inconclusive when `reporting.categories` declares none; neither step 1 nor the 不确定
    line said so."""
    zh = _cases(zh_markdown)["IF-MOD-002"]
    assert "`reporting.categories` 未声明任何类别时记录“不确定”" in _steps(zh, "zh")[0]
    assert "`reporting.categories` 未声明任何类别（第 1 步）" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IF-MOD-002"]
    assert "when `reporting.categories` declares no category, record \"inconclusive\"" in _steps(en, "en")[0]
    assert "`reporting.categories` declares no category (step 1)" in _verdict_lines(en, "en")["Inconclusive"]


def test_the_withdrawal_fail_line_is_whole_in_english(en_markdown):
    """Row 4: "…such as 200 (R1) or still listed among A's items (R2)" had no subject or verb."""
    fail = _verdict_lines(_cases(en_markdown)["IF-MOD-002"], "en")["Fail"]
    assert "such as 200 (R1), or the item is still listed among A's items" in fail
    assert "or still listed" not in fail


_STREAM = ("Datastream", "读取服务根列出的 `Datastreams` 实体集，取其中第一个 `@iot.id` 为整数或字符串的 `Datastream`",
           "Read the `Datastreams` entity set the service root names and take its first `Datastream` "
           "whose `@iot.id` is an integer or a string")
_TAKEN = {"SC-FEED-005": _STREAM, "SC-FEED-006": _STREAM,
          "SC-FEED-007": ("Thing", "读取服务根列出的 `Things` 实体集的第一页，取其中第一个 `@iot.id` 为整数或字符串且 "
                                   "`description` 为字符串的 `Thing`",
                          "Read the first page of the `Things` entity set the service root names and take its first "
                          "`Thing` whose `@iot.id` is an integer or a string and whose `description` is a string")}


def test_the_feed_cases_name_the_entity_their_checks_take(zh_markdown, en_markdown):
    """Row 6: step 4 acted on 「某 `Datastream`」 / 「某 `Thing`」, leaving the laboratory the choice the check
    makes (the first whose `@iot.id` a path can name)."""
    for rid, (kind, zh, en) in _TAKEN.items():
        zh_step = _steps(_cases(zh_markdown)[rid], "zh")[3]
        assert zh_step.startswith("4. " + zh) and f"某 `{kind}`" not in zh_step, rid
        en_step = _steps(_cases(en_markdown)[rid], "en")[3]
        assert en_step.startswith("4. " + en) and f"a `{kind}`'s" not in en_step, rid


def test_the_feed_cases_name_the_states_their_checks_reach(zh_markdown, en_markdown):
    """Row 6: no 不确定 line named a service listing no usable `Datastream` (`scenes.feed-no-datastreams`) or no
    usable `Thing` (`scenes.mqtt-no-thing`), and SC-FEED-005's not the Observation its check fails to create."""
    for rid, kind in (("SC-FEED-005", "Datastream"), ("SC-FEED-006", "Datastream"), ("SC-FEED-007", "Thing")):
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
        assert "中没有 `@iot.id` 为整数或字符串" in zh and f"的 `{kind}`" in zh, rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")["Inconclusive"]
        assert f"no `{kind}` whose `@iot.id` is an integer or a string" in en, rid
    assert "平台未能经 HTTP 创建第 5 步的观测" in _verdict_lines(_cases(zh_markdown)["SC-FEED-005"], "zh")["不确定"]
    assert "does not create the Observation of step 5 over HTTP" in \
        _verdict_lines(_cases(en_markdown)["SC-FEED-005"], "en")["Inconclusive"]
    assert "`Observations@iot.navigationLink`" in _verdict_lines(_cases(zh_markdown)["SC-FEED-006"], "zh")["不确定"]
