"""The sixtieth reading, part h119-misc (docs/drafting.md, "Sixtieth reading, part h119-misc"): IF-ROB-001's
inconclusive line named 「没有一个操作得到探测」, which the check cannot reach since every path is filled (r1);
AS-MINOR-003's case gave its probes as days and periods, not the instants the check sets the test clock to, and
the limits table of the 编制说明's 三（三） read none of them (r2); the conditions table's humidity row said nothing
of what was read of IEC 60068-1:2013 (r3); IF-CON-001's prober decided which reads it probes by reading
`x-probe` itself, beside the rule annex D's "Requirements" column reads (r4). Each test fails on the tree
before (14f17e141)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conformance._catalog.contractops import probed_read
from conformance.areas.assets import antiaddiction
from conformance.areas.interfaces.openapi import Contract
from conformance.drafting.contracts import operations
from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line
from tests.drafting.test_reading_fiftyninth_iface import _annex_rows, _ids

#: an instant as RFC 3339 writes it, to the second, with an offset
_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+\-]\d\d:\d\d)")


def _step(case: str, number: int) -> str:
    cell = _line(case, "测试步骤") if "| 测试步骤 |" in case else _line(case, "Test procedure")
    steps = re.split(r"<br>(?=\d+\. )", cell.split(" | ", 1)[1])
    return next(s for s in steps if s.startswith(f"{number}. "))


def test_r1_if_rob_001_names_no_inconclusive_state_the_check_cannot_reach(zh_markdown, en_markdown):
    """The inconclusive line names step 1's set-up only; step 2 no longer promises to record an operation left
    unprobed (annex D's contract fills every path: tests/areas/interfaces/test_robustness.py pins the check)."""
    zh, en = _case(zh_markdown, "IF-ROB-001"), _case(en_markdown, "IF-ROB-001")
    line = _line(zh, "判定准则")
    assert "没有一个操作得到探测" not in line and "路径参数均没有可用取值" not in line
    assert "不确定：平台无法访问，无法开通测试身份或发行探测资产（第 1 步）；" in line and "原因中指明该步骤。" in line
    # the contract's paths are all filled (seventy-fourth reading, b's doubtful item: not "every operation is probed",
    # beside the operations steps 2 and 4 record as not probed)
    assert "不予探测" not in _step(zh, 2) and "每个操作的契约路径都能填充" in _step(zh, 2)
    assert "no operation is probed" not in en and "is not probed, and is recorded" not in en
    assert "every such operation's contract path can be filled" in en


def _instants() -> set[str]:
    """Every instant AS-MINOR-003's check sets a test clock to, as it sends it (``datetime.isoformat``)."""
    profile = yaml.safe_load(Path("profiles/asset-minors.yaml").read_text(encoding="utf-8"))
    probes = antiaddiction.probes(profile["parameters"]["play_windows"]["default"])
    return {p.at.isoformat() for p in probes.inside + probes.outside + probes.adult}


def test_r2_as_minor_003_gives_each_probe_its_instant(zh_markdown, en_markdown, note_md, note_md_en):
    """Step 2 gives, in both languages, exactly the instants the check sends (RFC 3339, +08:00), each one; the limits
    table of 三（三） lists each, with the notes sentence giving its reason (no 「附注未写明」)."""
    sent = _instants()
    assert len(sent) == 10 and all(i.endswith("+08:00") for i in sent)
    for markdown in (zh_markdown, en_markdown):
        step = _step(_case(markdown, "AS-MINOR-003"), 2)
        assert set(_RFC3339.findall(step)) == sent, set(_RFC3339.findall(step)) ^ sent
        assert "1 月 7 日之间" not in step and "1 January 2026 (New Year's Day, a statutory holiday) and 7 January" \
            not in step
    row = next(r for r in note_md.splitlines() if r.startswith("| AS‑MINOR‑003 |"))
    for instant in sent:
        day, time = instant[:10].split("-"), instant[11:16]
        assert f"{day[0]} 年 {int(day[1])} 月 {int(day[2])} 日 {time}" in row.split(" | ")[1], instant
    assert "附注未写明" not in row and "起草组补充" not in row
    row_en = next(r for r in note_md_en.splitlines() if r.startswith("| AS‑MINOR‑003 |"))
    assert "5 January 2026 10:00" in row_en and "The catalog's own 5 January 10:00" not in row_en


def test_r3_the_humidity_row_says_what_was_read_of_the_2013_edition(note_md, note_md_en):
    """The conditions table's humidity row keeps its values, says what was read of IEC 60068-1:2013 (its abstract's
    list of changes) and that neither its clause nor GB/T 2421-2020's could be read."""
    zh = next(r for r in note_md.splitlines() if r.startswith("| 测量类测试用例的相对湿度"))
    assert "15 ℃ 至 35 ℃" in zh and "相对湿度 25% 至 75%" in zh and re.search(r"86 `?kPa`? 至 106 `?kPa", zh)
    assert "摘要所列相对第 6 版的主要变化" in zh and "GB/T 2421" in zh and "未能取得核对" in zh
    en = next(r for r in note_md_en.splitlines() if "Relative humidity of the measuring test cases" in r)
    assert "the main changes its abstract lists" in en and "GB/T 2421" in en


def test_r4_if_con_001_probes_by_the_rule_annex_d_reads(catalog, zh_markdown):
    """The prober's reads are those annex D's "Requirements" column lists IF-CON-001 on: one rule
    (``contractops.probed_read``), called by the check through ``robustness.probed_reads``."""
    from conformance.areas.interfaces.robustness import probed_reads

    contract = Contract(catalog.schemas)
    prober = {f"{op.method} {op.path}" for op in probed_reads(contract)}
    column = {f"{op.method} {op.path}" for op in operations(catalog) if op.contract == contract.uri
              and probed_read(op.source, op.method, op.path)}
    rows = _annex_rows(zh_markdown)
    listed = {key for key in prober | column for row in rows.get(key, []) if "IF-CON-001" in _ids(row)}
    assert prober == column == listed and len(prober) >= 20
    source = Path("suites/interfaces/test_contract.py").read_text(encoding="utf-8")
    assert "probed_reads(contract)" in source
