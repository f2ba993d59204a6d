"""The forty-first reading, part h94-basis (docs/drafting.md, "Forty-first reading, part h94-basis"): the 编制说明's
三（三） gives every number deciding a verdict its basis. It read limits from the statements alone, and only numbers with
a unit or a count word (d7, d10: AS-AIGC-011's 0.8, TD-PWR-003's 0.1 W cut-off, TD-DEPTH-002's 10 frames stood in no
row); a row quoted one sentence and let the other numbers look justified by it (c17, c19, d3); rows cited documents that
do not give the number (b24, b25, c18, c20, c21, d8) or credited a standard, an unapproved project or a vendor's page
with the catalog's own figure (d1, d2, d3, c31). Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.limitbasis import OWN_LIMITS
from conformance.drafting.writer import Block


def _limits(blocks: list[Block]) -> dict[str, tuple[str, str]]:
    table = next(b for b in blocks if b.kind == "table" and b.rows and b.rows[0][1] in ("限值", "Limits"))
    return {row[0]: (row[1], row[2]) for row in table.rows[1:]}


def _number(limit: str) -> str:
    """「至少 16 个字符」 -> 16, 「100 W·m⁻²·sr⁻¹」 -> 100, 「1 min⁻¹」 -> 1, 「10 000 000」 as written."""
    limit = re.sub(r"^(?:至少|每秒|第)\s?", "", limit)  # 「第 95 百分位数」 -> 95 (fiftieth reading, h104-pct)
    limit = limit.removeprefix("[")  # a closed interval, 「[0, 1]」 -> 0 (fifty-eighth reading, h116-limT, d1)
    found = re.match(r"−?\d{1,3}(?: \d{3})+(?![\d.])|−?\d+(?:\.\d+)?", limit)
    assert found, limit
    return found.group(0).lstrip("−")


def test_every_number_a_row_lists_is_named_in_its_basis(note):
    """c17, c19, d3 and the class: a row quoting the notes names each number it lists, in a quoted sentence (the one
    giving its source or saying the catalog sets it, or the one saying where all the limits come from) or in the
    closing list of numbers the notes leave without a source, never silently."""
    rows = _limits(note)
    assert len(rows) > 140
    quoted = 0
    for req, (limits, basis) in rows.items():
        if not basis.startswith("附注："):
            continue
        quoted += 1
        whole = OWN_LIMITS.search(basis) or re.search(r"各限值[^。；]{0,10}为本文件自定", basis)
        for limit in limits.split("，"):
            if re.fullmatch(r"第一个(?:小时|分钟)", limit):  # a rule's period from a turn (fifty-ninth reading, b5)
                assert limit in basis, (req, limit, basis)
                continue
            number = _number(limit)
            named = re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", basis)
            assert named or whole, (req, limit, basis)
    assert quoted > 100


def test_the_criteria_and_the_numbers_without_a_unit_have_their_rows(note):
    """d7, d9, d10, b21, b22, c17, d4: numbers deciding 不通过 or 不确定 in the 判定准则, or without a unit."""
    rows = _limits(note)
    expected = {"AS-AIGC-011": ["0.8", "0.25"], "AS-AIGC-015": ["0.5"], "TD-PWR-003": ["0.1 W"],
                "TD-FACE-004": ["0.15", "0.1"], "TD-CAPT-004": ["0.9"], "TD-DEPTH-002": ["10 帧"],
                "TD-ACC-006": ["2 倍"], "TD-DISP-010": ["100 W·m⁻²·sr⁻¹"], "TD-FORCE-005": ["500 ms"],
                "TD-FORCE-004": ["200 ms", "50 ms", "90%"], "TD-AUD-006": ["15°"], "TD-AUD-005": ["60 s"],
                "TD-BCI-007": ["6 μV", "10 MΩ"], "AS-GLTF-003": ["10 000 000", "150 000", "50"]}
    for req, numbers in expected.items():
        listed = rows[req][0].split("，")
        for number in numbers:
            assert number in listed, (req, number, listed)
    lead = next(b.text for b in note if b.kind == "para" and "决定判定结果的限值" in b.text)
    assert f"共出现在 {len(rows)} 项要求中" in lead


_OWN = ("ID-AUTH-001", "IF-SES-001", "IF-SES-003", "IF-SES-004", "IF-SES-005", "RB-JOINT-003", "TD-BIO-004",
        "TD-BODY-006", "AS-GLTF-003", "AS-AIGC-015", "AS-AIGC-011", "AS-AIGC-013", "AS-AIGC-014", "TD-DISP-002",
        "TD-FORCE-005", "TD-GAZE-002")


def test_the_rows_read_say_where_each_number_comes_from(note):
    """b21-b25, c16, c18, c20, c21, c31, d1-d3, d8: each of these rows quotes the notes' sentence saying the catalog
    sets the number (no cited document that does not give it), names no number as the notes' gap, and credits no
    standard, unapproved project or vendor page with the catalog's figure."""
    rows = _limits(note)
    for req in _OWN:
        basis = rows[req][1]
        assert basis.startswith("附注：") and "自定" in basis, (req, basis)
        # a number the notes justify is never named as their gap; the step values read since the forty-second reading
        # (part h94-basisA: AS-AIGC-011's search scale, IF-SES-001's interval) may be, for the drafting group
        quoted, _, gap = basis.partition("（附注未写明")
        assert not any(re.search(rf"(?<![\d.]){re.escape(_number(x))}(?![\d])", quoted)
                       for x in gap.split(" 的来源")[0].split("的来源")[0].strip().split("、") if gap), (req, basis)
    assert "普遍采用" not in rows["TD-DISP-002"][1] and "规定了运动到成像时延" not in rows["TD-DISP-002"][1]
    assert "标准规定的 200 ms" not in rows["TD-FORCE-005"][1] and "500 ms 的观察窗为本文件自定" in rows["TD-FORCE-005"][1]
    gaze = rows["TD-GAZE-002"][1]
    assert gaze.index("本文件自定") < gaze.index("SR Research") and "定为 0.5°" in gaze
    assert "`position` 与 `velocity`" in rows["RB-JOINT-003"][1]


def test_the_english_table_has_the_same_rows(note, note_en):
    """Both languages list the same requirements, and the English cell names the gaps the Chinese names."""
    zh, en = _limits(note), _limits(note_en)
    assert zh.keys() == en.keys()
    for req, (_, basis) in zh.items():
        assert ("附注未写明" in basis) == ("for the drafting group to add" in en[req][1]), req
