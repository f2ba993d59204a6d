"""The leftovers of the thirty-second reading of issue 76, part j (docs/drafting.md, "Leftovers of the
thirty-second reading, part j"): AS-AIGC-011 gives an unreadable file the check's one verdict and says the label
raster is a PNG file (row a1); AS-META-004's Chinese range and array as the schema has them (row a4); AS-REG-005 and
AS-TRADE-007 lock and unlock only under `lifecycle-lock`, in sequences of at most 20 steps (row a5); AS-REG-003
sends the holding period the check sets, with its unit (row a6); AS-HIST-002 and AS-REG-003 name the seconds
member with its symbol (row a7). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_an_unreadable_picture_fails_and_the_label_raster_is_a_png(zh_markdown, en_markdown):
    """Row a1: the check records a finding (rule readable) for a missing or refused file, which the inconclusive
    line gave 不确定; it reads the label raster only as PNG, which step 1 did not say."""
    zh = _cases(zh_markdown)["AS-AIGC-011"]
    assert "标识图像（PNG 文件）" in _steps(zh, "zh")[0]
    lines = _verdict_lines(zh, "zh")
    # a refused metadata document is unjudged (part mAS of the thirty-ninth reading); a picture still fails
    assert "文件缺失" in lines["不通过"]
    assert lines["不确定"].endswith("元数据所引用的图片或标识图像无法读取的，见“不通过”。")
    assert "访问被拒" not in lines["不确定"]
    en = _cases(en_markdown)["AS-AIGC-011"]
    assert "names (a PNG file)" in _steps(en, "en")[0]
    lines = _verdict_lines(en, "en")
    assert "missing" in lines["Fail"] and lines["Inconclusive"].endswith(
        "an image or label raster the metadata references that cannot be read, see \"Fail\".")


def test_the_content_rating_step_writes_the_range_and_array_as_the_schema(zh_markdown):
    """Row a4: 「0～21」 was the draft's only 「～」 range, and 「非空字符串数组」 read as a non-empty array."""
    case = _cases(zh_markdown)["AS-META-004"]
    step = _steps(case, "zh")[2]
    assert "0 至 21" in step and "由非空字符串组成的数组" in step
    assert "～" not in case


def test_the_stateful_cases_lock_only_under_the_feature(zh_markdown, en_markdown):
    """Row a5: the checks send lock and unlock requests and compare `locked` only where the ICS declares
    `lifecycle-lock`; `stateful_steps` is a sequence's largest number of steps."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    reg_zh, reg_en = _steps(zh["AS-REG-005"], "zh"), _steps(en["AS-REG-005"], "en")
    assert "每个至多 20 步" in reg_zh[1] and "声明支持特性“持有者能锁定与解锁其资产（锁定与解锁生命周期事件）”（`lifecycle-lock`）时另有锁定、解锁" in reg_zh[1]
    assert "`burned`（ICS 声明支持特性“持有者能锁定与解锁其资产（锁定与解锁生命周期事件）”（`lifecycle-lock`）时还有 `locked`）" in reg_zh[3]
    assert "of at most 20 steps each" in reg_en[1] and "lock and unlock as well where the ICS declares" in reg_en[1]
    assert "(and `locked` where the ICS declares the feature \"Holders can lock and unlock their assets (lock and unlock lifecycle events)\" (`lifecycle-lock`))" in reg_en[3]
    for case, lang, words in ((zh["AS-REG-005"], "zh", "时另有锁定、解锁请求"),
                              (en["AS-REG-005"], "en", "(and lock and unlock requests where the ICS declares"),
                              (zh["AS-TRADE-007"], "zh", "时另有锁定、解锁请求"),
                              (en["AS-TRADE-007"], "en", "(and lock and unlock requests where the ICS declares")):
        assert words in _row(case, "测试目的" if lang == "zh" else "Test purpose"), case[:40]
    trade_zh = "\n".join(_steps(zh["AS-TRADE-007"], "zh"))
    assert "ICS 声明支持特性“持有者能锁定与解锁其资产（锁定与解锁生命周期事件）”（`lifecycle-lock`）时另有锁定、解锁请求" in trade_zh and "销毁、锁定、解锁、下单" not in trade_zh
    trade_en = "\n".join(_steps(en["AS-TRADE-007"], "en"))
    assert "(and lock and unlock requests where the ICS declares the feature \"Holders can lock and unlock their assets (lock and unlock lifecycle events)\" (`lifecycle-lock`))" in trade_en


def test_the_holding_period_sent_is_the_checks_with_its_unit(zh_markdown, en_markdown):
    """Row a6: step 3 gave a bare 86 400 "for example"; the check sets 31 536 000 s."""
    zh = _steps(_cases(zh_markdown)["AS-REG-003"], "zh")[2]
    assert "为 31 536 000（即本文件规定的持有期 31 536 000 s，一年，远大于测试时长）" in zh and "例如" not in zh and "86" not in zh
    en = _steps(_cases(en_markdown)["AS-REG-003"], "en")[2]
    assert "(in seconds) to 31 536 000" in en and "for example" not in en


def test_the_seconds_member_is_named_with_its_symbol(zh_markdown, en_markdown):
    """Row a7: 「`transfer.min_holding_period_s` 秒」, 「该秒数」 and "… seconds" after the member, where every other
    case writes 「以 s 计」 / "in seconds"."""
    for rid in ("AS-HIST-002", "AS-REG-003"):
        zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
        assert not re.search(r"min_holding_period_s` 秒|该秒数", zh), rid
        assert "min_holding_period_s`（以 s 计）" in zh, rid
        assert not re.search(r"min_holding_period_s` seconds|that many seconds", en), rid
        assert "min_holding_period_s` (in seconds)" in en, rid
