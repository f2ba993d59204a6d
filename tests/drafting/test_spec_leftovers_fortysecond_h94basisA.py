"""The forty-second reading, part h94-basisA (docs/drafting.md, "Forty-second reading, part h94-basisA"): the 编制说明's
三（三）. Its limits column split 「200 000 个」 into 「000 个」 and read 「不少于 4 人」 as a bare 4 (d13, cX1); its header
counted as justified the rows whose only "source" was the instrument sentence 「这些数值为本文件自定……：各仪器的扩展不确定度……」
(cX4); a reading bound of 5.1 was credited to glTF 2.0 in one table and called the document's own in the next (d12);
5.1's file bound, 64 MiB and the IXIT's range, had no reason (b2, d14); 表 1 left out TD-HAND-004, which uses the marker
bound (dx1); and numbers of the steps this document sets stood in no row (b1, b3-b6, c10), one with a basis that does not
hold it (d9). Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.boundtable import BOUNDS
from conformance.drafting.limitnumbers import deciding_text
from conformance.drafting.readingbounds import named_bounds
from conformance.drafting.wording import unit_symbols
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _limits


def _flat(text: str) -> str:
    """Digit groups closed up (「200 000」, 「200000」 are one number), the units as symbols, 「10 %」 as the table's 「10%」."""
    text = re.sub(r"(?<=\d) (?=[%°])", "", unit_symbols(text).replace("日", "天").replace("−", "-"))
    return re.sub(r"(?<=\d)[ \u2009\u202f](?=\d{3}(?!\d))", "", text)


def test_every_listed_limit_stands_whole_in_its_requirement(note, catalog):
    """d13, cX1: each limit a row lists is a number of the statement, rules, criteria or the steps' values as they are
    written, never a piece of a grouped number (「000 个」) nor a count stripped of its word (「4」 of 「4 人」)."""
    w = Writer(catalog, "zh")
    for req, (limits, _) in _limits(note).items():
        text = _flat(written := deciding_text(w, catalog.requirement(req)))
        for limit in limits.split("，"):
            if limit in named_bounds(written):  # a 5.1 bound the text cites by name, its value 5.1's (62nd reading, b3)
                continue
            limit = re.sub(r"^(?:至少|每秒|第)\s?", "", limit)  # a level, 「第 95 百分位数」
            # a rate per minute, a time of day or an instant, a rule's period from a turn (「第一个小时」, fifty-ninth
            # reading, b5): written otherwise in the text
            if re.search(r"⁻¹$|:\d\d|^一个(?:小时|分钟)$", limit):
                continue
            flat = _flat(limit)  # its number as written, the unit as the table writes it (°/s for deg/s)
            # a closed interval a value lies in, 「[0, 1]」 (fifty-eighth reading, d1): stands whole as written
            if re.fullmatch(r"\[-?\d[\d.]*, ?-?\d[\d.]*\]", flat):
                assert re.search(rf"(?<![\w.]){re.escape(flat)}", text), (req, limit)
                continue
            number = re.match(r"-?\d[\d.]*(?:⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?", flat)
            assert number, (req, limit)
            whole = rf"(?<![\d.]){re.escape(number.group(0))}(?![\d.])"
            assert re.search(whole, text), (req, limit)
            if number.group(0) == flat:  # a number alone stands somewhere without a count word after it
                assert re.search(whole + r"(?!\s?[人个次名位倍])", text), (req, limit)


def test_the_header_counts_every_row_whose_numbers_lack_a_basis(note):
    """cX4: the instrument sentence covers the numbers its colon lists, not the limits; every row naming numbers without
    a basis is counted in the header."""
    rows = _limits(note)
    # the rows quoting the notes (a row on cited documents alone is flagged too, counted apart: forty-third reading, d6)
    gaps = sum("（附注未写明" in basis and basis.startswith("附注") for _, basis in rows.values())
    lead = next(b.text for b in note if b.kind == "para" and "决定判定结果的限值" in b.text)
    # since the forty-third reading every row gives each number's basis: the header then says nothing of gaps
    assert (f"另有 {gaps} 项的附注未写明其中部分数值的来源" in lead) if gaps else ("未写明" not in lead and "起草组补充" not in lead)
    # part h94-basisT gave TD-AUD-005's 8.75 cm and 100 μs their basis (TD-AUD-004's), so its row quotes it
    # and since the sixty-eighth reading (h131-ttext) the speed of sound of that model too
    assert "附注：100 μs 限值与半径 8.75 cm、声速 343 m/s 的头部模型均沿用 TD-AUD-004" in rows["TD-AUD-005"][1]
    assert "附注未写明 8.75 cm" not in rows["TD-AUD-005"][1]


def test_reading_bounds_have_one_story(note, zh):
    """d12, b1, b2, d14, dx1: a row whose limit is a 5.1 reading bound points to the bounds' table, never to a cited
    standard; that table gives 64 MiB and the IXIT's range their reason; 表 1 lists every case citing a bound."""
    rows = _limits(note)
    for req in ("AS-GLTF-001", "AS-GLTF-002", "AS-CONT-001"):
        basis = rows[req][1]
        assert "为 5.1 所列测试设备的读取界限" in basis and "glTF" not in basis, (req, basis)
    assert "200 000 个为 5.1 所列测试设备的读取界限" in rows["TD-BCI-006"][1]
    reasons = next(b for b in note if b.kind == "table" and b.rows and b.rows[0][2] == "确定依据"
                   and b.rows[0][0] == "读取界限")
    text = "\n".join("|".join(row) for row in reasons.rows)
    for figure in ("64 MiB（67 108 864 B）", "1 024 B 至 1 099 511 627 776 B", "1 GiB（1 073 741 824 B）"):
        assert figure in text, figure
    assert all(row[2].startswith("本文件自定：") for row in reasons.rows[1:])
    table = next(b for b in zh if b.kind == "table" and b.rows and b.rows[0][2] == "所涉测试用例")
    cases = {row[0]: row[2] for row in table.rows[1:]}
    assert "TD-HAND-004" in cases["标记数据流的标记数"].replace("\u2011", "-")


def test_a_step_past_a_counted_bound_cites_it(catalog):
    """dx1, the class: a procedure stopping at a counted bound of 5.1 (「超过 200 000 个」) names the bound it applies."""
    # the marker bound (SC-CITY-008's 1 000 polygons of a shell is a bound 5.1 does not list yet: docs/drafting.md)
    counted = {re.sub(r"\D", "", b.value[0]) for b in BOUNDS if b.name[0] == "标记数据流的标记数"}
    procedures = Writer(catalog, "zh").data.procedures
    assert procedures
    for req, written in procedures.items():
        for step in map(str, written.get("steps", {}).get("zh", [])):
            for m in re.finditer(r"超过 ([\d ]+) 个", step):
                if re.sub(r"\D", "", m.group(1)) in counted:
                    assert "读取界限“" in step, (req, step[:80])


#: IF-CODE-009 waits 2 s since the fifty-first reading (bx2; 1 s before); its 256 KiB, the bound 「会话消息的大小」,
#: since the sixty-ninth reading (h133-ws)
_SET = {"AS-META-004": ("0 至 21", "21 岁"), "IF-CODE-005": ("1 h，3 s", "自定"),
        "IF-CODE-009": ("256 KiB，100 ms，2 s，10 次", "400 ms"), "IF-ROB-003": ("25 个，1 至 64 个字符", "自定"),
        "RB-URDF-003": ("10⁻¹² kg·m²，10⁻⁶ 倍", "自定")}


def test_the_steps_values_have_their_basis(note):
    """b3-b6, c10, d9: the values a step sets have a row quoting the notes' sentence that gives them; RB-TRACK-002's
    overshoot and drift are its own, not RB-TRACK-001's; a unit is a symbol (kg·m²)."""
    rows = _limits(note)
    for req, (limits, word) in _SET.items():
        listed, basis = rows[req]
        assert listed == limits and basis.startswith("附注：") and word in basis and "附注未写明" not in basis, (req, rows[req])
    track = rows["RB-TRACK-002"][1]
    assert "前三者" not in track and "超调 10% 为本文件自定" in track and "漂移 5% 为本文件自定" in track
    assert "千克" not in rows["RB-URDF-003"][1]
