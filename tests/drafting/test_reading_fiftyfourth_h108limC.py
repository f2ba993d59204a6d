"""The fifty-fourth reading, part h108-limC (docs/drafting.md, "Fifty-fourth reading, part h108-limC"): numbers of
the cases that 三（三） did not list or gave no reason for. TD-DISP-010's 380 nm to 700 nm and 5 nm stood in no row, as
the limits table knew no unit nm (c2); TD-TACT-004's 95 % and 0.05 N were named without a reason (c3); RB-JOINT-003's
0.1 m/s for a prismatic joint, written 「0.1 rad/s（或 m/s）」, was read as no limit, nor RB-TRACK-002's metres (c4);
TD-MPLAT-001's 5 Hz was a bare premise (c5); SC-RENDER-004's row made SC-RENDER-002 the user of 1920 × 1080 (cx1);
the 「前 5 个语法有效的 DID」 of four identity cases was a reading bound 5.1 and 三（三） did not list (b3). Each test
fails at 4c5b53e6."""

from __future__ import annotations

import re

from conformance.drafting.boundtable import BOUNDS
from conformance.drafting.explanatory_data import LIMIT
from conformance.drafting.limitnumbers import clauses
from conformance.drafting.wording import unit_symbols
from tests.drafting.blocks import limit_rows as _rows

#: a limit written with a second unit by its number, 「0.1 弧度/秒（或米/秒）」, as the catalog's statements write it
_OR_UNIT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?) ?([^\s（）\d]{1,6})（或 ?([^\s（）\d][^（）]{0,5})）")


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


def test_c2_a_wavelength_is_a_limit_with_its_reason(note):
    """c2: nm is a unit the limits table reads, so TD-DISP-010's span and step stand in its row with their reasons."""
    assert LIMIT.fullmatch("380 nm") and LIMIT.fullmatch("5 nm")
    limits, basis = _rows(note)["TD-DISP-010"]
    assert "380 nm 至 700 nm" in limits and "5 nm" in limits, limits
    assert "其上端 700 nm 为 IEC 62471:2006 的 B 所规定范围（300 nm 至 700 nm）的上端" in basis
    assert "在 380 nm 以下几乎不发光" in basis and "5 nm 为 B 的列表值的行距" in basis


def test_c3_the_touch_share_and_the_off_load_have_reasons(note):
    """c3: TD-TACT-004's 95 % of frames and its 0.05 N are given why, not only named."""
    basis = _plain(_rows(note)["TD-TACT-004"][1])
    assert "与 R4 的第 95 百分位数容许同一份额" in basis
    assert "为 TD-TACT-002 不予判定的保持段载荷 0.5 N 的十分之一" in basis
    assert "双尖相距 20 mm 与 50 ms 的稳定时间同为本文件自定" in basis  # the reasons before them still quoted


def test_c4_a_limit_in_a_second_unit_is_a_limit(catalog, note):
    """c4's class: every 「N 单位（或 单位）」 of a stable statement or rule lists its second unit in the row, with a
    reason (no 「附注未写明」 left): RB-JOINT-003's 0.1 m/s, RB-TRACK-002's 0.05 m, 0.1 m/s and 0.02 m."""
    from conformance.drafting.limitnumbers import alternative_units
    rows = _rows(note)
    seen = set()
    for req in catalog.requirements.values():
        if req.status != "stable" or req.id not in rows:
            continue
        for text in (req.statement.zh, *(rule.zh for rule in req.rules)):
            for m in _OR_UNIT.finditer(text):
                other = unit_symbols(f"{m.group(1)} {m.group(3)}")
                if LIMIT.fullmatch(other):
                    seen.add((req.id, other))
                    assert other in rows[req.id][0], (req.id, other)
                    assert "附注未写明" not in rows[req.id][1], req.id
    assert {("RB-JOINT-003", "0.1 m/s"), ("RB-TRACK-002", "0.02 m")} <= seen
    assert "直线关节的 0.1 m/s 同为本文件自定" in rows["RB-JOINT-003"][1]
    assert alternative_units("300 ms（或下一条指令）") == "300 ms（或下一条指令）"


def test_c5_the_motion_band_has_its_reason(note):
    """c5: the 5 Hz TD-MPLAT-001's 100 frames a second rest on is given as the document's own, with why."""
    basis = _plain(_rows(note)["TD-MPLAT-001"][1])
    # 57th reading, cx1; its one reason since the 64th reading, d1
    assert "5 Hz 为本文件自定：它是 TD-MPLAT-003 判定其时延的正弦运动的最高频率 1 Hz 的五倍" in basis


def test_cx1_the_full_hd_size_is_bt709s(note):
    """cx1: 1920 × 1080 is ITU-R BT.709-6's; SC-RENDER-002 uses the 160 × 90 derived from it."""
    basis = _plain(_rows(note)["SC-RENDER-004"][1])
    assert "SC-RENDER-002 所用 1920" not in basis
    assert "160 像素 × 90 像素与 SC-RENDER-002 所用的相同，即 ITU-R BT.709-6 的 1920 像素 × 1080 像素的 1/12" in basis


def test_b3_every_first_n_of_a_step_is_a_reading_bound(zh_markdown):
    """b3's class: a step judging only the first N of what it reads (「前 5 个语法有效的 DID」, 「前 50 个实体」) cites the
    reading bound that sets N, so 5.1's table and 三（三）'s list every such bound with its reason."""
    loose = [clause[:80] for line in zh_markdown.splitlines() if line.startswith("| 测试步骤 |")
             for step in line.split("|")[2].split("<br>") for clause in clauses(step)
             if re.search(r"前 ?\d[\d ]* ?个", clause) and "读取界限“" not in clause]
    assert not loose


def test_b3_the_example_dids_bound_is_listed(zh_markdown, note):
    """b3: 5.1 lists the bound with the four cases citing it, and its value is the check's."""
    from conformance.areas.identity.resolution import MAX_EXAMPLE_DIDS
    bound = next(b for b in BOUNDS if b.name[0] == "判定的示例 DID 数")
    assert f"前 {MAX_EXAMPLE_DIDS} 个" in bound.value[0]
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| 判定的示例 DID 数 |"))
    assert all(rid in _plain(row) for rid in ("ID-RES-001", "ID-RES-003", "ID-PRIV-001", "ID-PRIV-002")), row
    basis = [row for block in note if block.kind == "table" and block.rows for row in block.rows
             if row[0] == "判定的示例 DID 数"]
    assert basis and "5 个 DID 至多 15 次请求" in basis[0][2]
