"""The fifty-eighth reading, part h114-limA (docs/drafting.md, "Fifty-eighth reading, part h114-limA"): numbers a case's
steps set, a count of assets taken, a probe amount, a page size, a holding period, stood in no row of the 编制说明's
三（三） (b3 = d2: AS-CONT-002's and AS-REG-004's 20 assets; b4: AS-TRADE-011's probe amounts; b5: IF-LAT-001's page of
10; b6: AS-REG-003's 31 536 000 s), and the reasons of IF-RATE-001's 20, IF-ROB-001's 40 and IF-ROB-003's 25 only gave a
direction (d5). AS-TRADE-011 funded the buyer with 10 000 smallest units whatever the fees, so a platform disclosing a
buyer's fee over 8 750 of them refused the order with 409 and failed R1 (b4). Each test fails on the tree before
(bf0efc1f6)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conformance import load_catalog
from conformance.areas.assets.accounts import buyer_units, unrated_buyer_fee
from conformance.areas.interfaces.mutations import mutations
from conformance.areas.interfaces.openapi import Contract
from conformance.areas.interfaces.robustness import body_operations, filled
from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line

#: a number a step sets for a probe: assets taken (「前 20 项资产」), a page size (`limit=10`), a multiple of the smallest
#: unit (「1 250 倍」), one smallest unit, a period the step sets in seconds (「31 536 000 s」)
_PROBE = re.compile(r"前 (\d+) 项|limit=(\d+)|(\d{1,3}(?: \d{3})+|\d+) 倍|(\d+) 个最小单位|(\d{1,3}(?: \d{3})+) s\b")


def _alone(number: str) -> str:
    """The number standing alone, not a part of a larger one (「10 000」 holds no 10)."""
    return rf"(?<!\d)(?<!\d ){re.escape(number)}(?!\d)(?! \d{{3}})"


def _rows(note_md: str) -> dict[str, str]:
    start = note_md.index("### （三）各项限值的确定依据" if "### （三）" in note_md else "### 3.3 The basis of each limit")
    section = note_md[start:note_md.index("\n### ", start + 1)]
    return {cells[1].strip().replace("‑", "-"): line for line in section.splitlines()
            if line.startswith("| ") and len(cells := line.split("|")) > 3 and re.match(r" [A-Z]+‑", cells[1])}


def _cases(markdown: str) -> list[str]:
    return re.findall(r"^### \d+\.\d+ ((?:AS|IF)-[A-Z]+-\d{3}) ", markdown, re.M)


def test_every_probe_number_an_as_or_if_step_sets_has_its_row(zh_markdown, note_md):
    """The class of b3-b6: every count of assets, page size, probe amount and set period in the steps of an AS or IF
    case stands in its requirement's row of 三（三）, quoted from notes that name it and flagged for nobody to add."""
    rows = _rows(note_md)
    seen = set()
    for rid in _cases(zh_markdown):
        steps = _line(_case(zh_markdown, rid), "测试步骤")
        for m in _PROBE.finditer(steps):
            number = next(g for g in m.groups() if g)
            seen.add(rid)
            assert rid in rows, (rid, m.group(0))
            limits, basis = rows[rid].split(" | ")[1:3]
            assert re.search(_alone(number), limits), (rid, number, limits)
            assert basis.startswith("附注：") and "起草组补充" not in basis, (rid, basis)
            days = int(number.replace(" ", "")) // 86_400 if m.group(5) else 0  # 604 800 s is given as 「7 天」
            assert re.search(_alone(number), basis) or days and f"{days} 天" in basis, (rid, number)
    assert {"AS-CONT-002", "AS-REG-003", "AS-REG-004", "AS-TRADE-011", "IF-LAT-001"} <= seen


@pytest.mark.parametrize("rid", ["AS-CONT-002", "AS-REG-004"])
def test_b3_the_20_assets_take_as_api_001s_value_in_their_own_row(rid, note_md, note_md_en):
    """b3 = d2: each row says its 20 assets take AS-API-001's value and basis, in the 「沿用……的取值」 form."""
    zh, en = _rows(note_md)[rid], _rows(note_md_en)[rid]
    assert "20 项" in zh and "沿用 AS‑API‑001 的取值及其依据（本文件自定）" in zh, zh
    assert "20 items" in en and "takes AS‑API‑001's value and its basis" in en, en


def test_b4_each_probe_amount_of_as_trade_011_has_its_reason(note_md, note_md_en):
    """b4: the balance, the price, the one unit short and the tokens' default decimals each have a sentence saying why."""
    zh, en = _rows(note_md)["AS-TRADE-011"], _rows(note_md_en)["AS-TRADE-011"]
    for said in ("10 000 个最小单位的余额为本文件自定", "1 250 个最小单位的价格为本文件自定", "1 个最小单位为本文件自定",
                 "2 位小数为本文件自定", "8 750 个最小单位"):
        assert said in zh, said
    for said in ("The balance of 10 000 smallest units", "The price of 1 250 smallest units", "8 750 smallest units"):
        assert said in en, said


def test_b4_the_buyer_is_funded_for_the_fees_disclosed_by_rate():
    """b4: a buyer's fee of 8 (800 % of the 1 250 price, 10 000 units) is funded on top of the 10 000, so the probe
    order stays payable; a seller's fee, a bad rate or a fee without one adds nothing, and a fee without a rate is
    known as the one an order may be refused for."""
    terms = {"fees": [{"kind": "platform", "payer": "buyer", "rate": "8"},
                      {"kind": "platform", "payer": "seller", "rate": "0.5"},
                      {"kind": "odd", "payer": "buyer", "rate": "x"}]}
    assert buyer_units(terms, 10_000, 1_250) == 20_000
    assert buyer_units(terms, 10_000, 1_250) > 1_250 + Decimal("8") * 1_250
    assert buyer_units({"fees": [{"kind": "p", "payer": "buyer", "rate": "0.025"}]}, 10_000, 1_250) == 10_032
    assert buyer_units({}, 10_000, 1_250) == 10_000
    assert not unrated_buyer_fee(terms)
    assert unrated_buyer_fee({"fees": [{"kind": "flat", "payer": "buyer"}]})
    assert not unrated_buyer_fee({"fees": [{"kind": "flat", "payer": "seller"}]})


def test_b5_b6_the_page_size_and_the_holding_period_have_their_reasons(note_md):
    """b5: IF-LAT-001's page of 10 (`limit=10`); b6: AS-REG-003's 31 536 000 s."""
    rows = _rows(note_md)
    assert "10 项" in rows["IF-LAT-001"].split(" | ")[1]
    assert "列表请求每页 10 项（`limit=10`）的页大小为本文件自定：即 Stripe API" in rows["IF-LAT-001"]
    assert "31 536 000 s 为本文件自定：即 365 天的一年" in rows["AS-REG-003"]


def test_d5_robustness_mutations_covers_every_rule_of_every_request_schema(note_md, zh_markdown):
    """d5: the default of `robustness_mutations` is the most invalid bodies any request schema of annex D yields, so
    no rule goes unprobed, and the row says so with the count; 40 left rules of two operations unprobed."""
    contract = Contract(load_catalog().schemas)
    values = {"asset_id": "a", "holder": "did:example:a", "other-holder": "did:example:b", "fresh-id": "x"}
    counts = {bop.op.operation_id: len(mutations(filled(bop.example, bop.fill, values), bop.schema))
              for bop in body_operations(contract)}
    most = max(counts.values())
    profile = yaml.safe_load(Path("profiles/interfaces-robustness.yaml").read_text(encoding="utf-8"))
    default = profile["parameters"]["robustness_mutations"]
    row = _rows(note_md)["IF-ROB-001"]
    assert f"{most} 个无效请求体" in row.split(" | ")[1], row
    assert f"其规定值 {most} 为本文件自定" in row and f"共 {sum(counts.values())} 个请求" in row
    assert default["default"] == default["bounds"]["min"] == most
    assert f"每个操作至多 {most} 个无效请求体" in _line(_case(zh_markdown, "IF-ROB-001"), "测试步骤")


def test_d5_the_burst_and_the_generated_strings_are_explained_by_numbers(note_md):
    """d5: IF-RATE-001's 20 and IF-ROB-003's 25 are explained by what they are counted against, not by a direction."""
    rows = _rows(note_md)
    assert "较小的突发使测试对被测平台的负载很小" not in rows["IF-RATE-001"]
    # the documentation cited by its number since the sixty-second reading (part h125-refs, d8)
    assert re.search(r"20 为 Stripe API（参考文献\[\d+\]）所记载的最低的每秒读取限额", rows["IF-RATE-001"])
    assert "25 个使向每个操作发出的请求数有限" not in rows["IF-ROB-003"]
    assert "第 14 个含空白" in rows["IF-ROB-003"] and "共收到 375 个请求" in rows["IF-ROB-003"]
