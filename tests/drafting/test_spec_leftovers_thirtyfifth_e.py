"""The leftovers of the thirty-fifth reading of issue 76, part e (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part e"): the assets cases against their checks. AS-META-001 and -003 fail a metadata document that cannot
be read as JSON (row a2); AS-TRADE-001 names the trading-terms schema and every AS-TRADE case the fail of a
`trading` listing neither an ISO 4217 currency nor a token (row a3); AS-TRADE-004 reads the refund as the last
event after the refused repeat refund (row a4); AS-MINOR-004's Chinese times of day have two-digit hours (row a15).
Each test on the draft fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_TRADE = [f"AS-TRADE-{n:03d}" for n in range(1, 12)]


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_an_unreadable_metadata_document_fails(zh_markdown, en_markdown):
    """Row a2: the file adapter records a document that does not parse as a finding (a fail), yet the
    不确定 lines named 「编码错误」 and the 不通过 lines did not name it."""
    for rid in ("AS-META-001", "AS-META-003"):
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
        assert "无法以 JSON 读取（编码错误、不是 JSON）" in zh["不通过"], rid
        assert "编码错误" not in zh["不确定"] and "文件缺失、访问被拒" in zh["不确定"], rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")
        assert "cannot be read as JSON (bad encoding, not JSON)" in en["Fail"], rid
        assert "encoding" not in en["Inconclusive"] and "(missing, access refused)" in en["Inconclusive"], rid


def test_an_unreadable_metadata_document_fails_the_checks(catalog, run_manifest, tmp_path):
    """Row a2: what the texts now say, as the checks decide it (this held before the fix too)."""
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'\xff\xfe{"asset_id": ')
    manifest = manifest_for(catalog, "asset-metadata", files={"asset_metadata": [str(broken)]})
    found = verdicts(run_manifest(manifest, requirements=["AS-META-001", "AS-META-003"]))
    assert found == {"AS-META-001": "fail", "AS-META-003": "fail"}


def test_the_trade_terms_case_names_its_schema(zh_markdown, en_markdown):
    """Row a3: the check validates `trading` against `assets/trade-terms.json`; no step or fail line named it."""
    zh = _cases(zh_markdown)["AS-TRADE-001"]
    assert "交易条款模式（附录 D 所列的 `assets/trade-terms.json`）校验 `trading`" in _steps(zh, "zh")[0]
    assert "不符合 `assets/trade-terms.json`" in _verdict_lines(zh, "zh")["不通过"]
    en = _cases(en_markdown)["AS-TRADE-001"]
    assert "trading-terms schema of the interface contracts (`assets/trade-terms.json`, annex D)" \
        in _steps(en, "en")[0]
    assert "not valid against `assets/trade-terms.json`" in _verdict_lines(en, "en")["Fail"]


def test_every_trade_case_fails_terms_without_a_currency(zh_markdown, en_markdown):
    """Row a3: every AS-TRADE set-up fails (shared.trade-no-currency) when `trading` lists neither an ISO 4217
    currency nor a token; step 1 and the fail lines named only a missing `trading`."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in _TRADE:
        zh = zh_cases[rid]
        assert re.search(r"既未在 `currencies` 中列出 ISO 4217(:2015)? 币种、也未在 `tokens` 中列出代币",
                         _row(zh, "测试步骤")), rid
        assert re.search(r"既未列出 ISO 4217(:2015)? 币种也未列出代币", _verdict_lines(zh, "zh")["不通过"]), rid
        en = en_cases[rid]
        assert re.search(r"lists neither an ISO 4217(:2015)? currency in `currencies` nor a token in `tokens`",
                         _row(en, "Test procedure")), rid
        assert re.search(r"lists neither an ISO 4217(:2015)? currency nor a token", _verdict_lines(en, "en")["Fail"]), rid


def test_the_refund_is_the_last_event_after_the_refused_repeat(zh_markdown, en_markdown, catalog):
    """Row a4: the check reads the history after step 5's refused refund and requires its last event to be the
    refund from the buyer to the seller naming the order; step 4 asked only whether the history 「有」 one."""
    zh = _cases(zh_markdown)["AS-TRADE-004"]
    steps = _steps(zh, "zh")
    assert "历史" not in steps[3]
    assert "最后一条事件是否为由买方转给卖方、载明该订单的退款事件" in steps[4]
    assert "历史的最后一条事件不是由买方转给卖方" in _verdict_lines(zh, "zh")["不通过"]
    en = _cases(en_markdown)["AS-TRADE-004"]
    steps = _steps(en, "en")
    assert "history" not in steps[3]
    assert "its last event is a refund event from the buyer to the seller naming the order" in steps[4]
    rule = next(r for r in catalog.requirement("AS-TRADE-004").rules if r.id == "R2")
    assert "from the buyer to the seller" in rule.en and "last event" in rule.en
    assert "由买方转给卖方" in rule.zh and "最后一条事件" in rule.zh


def test_times_of_day_have_two_digit_hours(zh_markdown):
    """Row a15: 「2 月 1 日 0:30」 and 「0:00」 beside 23:30; GB/T 7408.1-2023 writes 00:30."""
    assert not re.search(r"日 \d:\d\d", zh_markdown)
    case = _cases(zh_markdown)["AS-MINOR-004"]
    assert "2 月 1 日 00:30" in case and "自 2 月 1 日 00:00 起" in case
