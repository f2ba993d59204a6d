"""The sixty-second reading of issue 76, part h125-nums (docs/drafting.md, "Sixty-second reading, part h125-nums"):
numbers of the draft and their reasons in the 编制说明's 三（三）.

c2, c3: TD-GAZE-003's jumps of 10° to 20° and its stage settling within 1 ms, and TD-PERF-005's placement 2 cm inside
each face, are numbers of the test programme the cases fix, with no reason in 三（三）: the programme lines are now read
as limits and each row quotes the notes' reason. d5: TD-CAM-001's row said where the board's 24 corners come from, not
why the board is 5 × 7 squares of 40 mm. d6: annex A let a plan tighten A.51's plausibility limits below motion users
make (the head's angular speed to 750°/s, under the 780°/s median of vigorous head turns; a hand-held device's speed
to 3 m/s, its angular speed to 200°/s, its acceleration to 10 m/s²); each strictest value now lies above the published
figure of such motion or the limit is fixed, with its reason in 三（三）. d7: the studies A.51's reasons cite stood with
a DOI and no 参考文献 entry. Each test fails on the branch's base (64869e926)."""

from __future__ import annotations

import math
import re

import pytest

from conformance._catalog.parameters import strict_end

#: the published figure of motion users make that each plausibility limit of A.51 must stay above at its strictest,
#: in the parameter's unit, and the study giving it (TD-MOT-002's and TD-MOT-003's sources)
_MOTION = {
    "max_head_speed_m_s": (2.53, "Bohannon"),  # adults' mean maximum gait speed
    "max_head_angular_speed_deg_s": (780.0, "Grossman"),  # the group median of vigorous voluntary head turns
    "max_device_speed_m_s": (37.4, "Kageyama"),  # a pitcher's hand, the faster group
    "max_device_angular_speed_deg_s": (7700.0, "Seroyer"),  # the humerus in a pitch
    "max_head_acceleration_m_s2": (31 * 9.80665, "Funk"),  # everyday and vigorous activities
    "max_head_angular_acceleration_deg_s2": (math.degrees(2888), "Funk"),
    "max_device_acceleration_m_s2": (223 * 9.80665, "Jovanovski"),  # a boxer's glove
}


def _row(note: str, rid: str) -> tuple[str, str]:
    """三（三）'s limits row of ``rid``: its limits cell and its basis cell (the table of limits, not of decision rules)."""
    for line in note.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].replace("\u2011", "-") == rid and re.search(r"\d", cells[1]) \
                and ("附注" in cells[2] or "Notes" in cells[2]):
            return cells[1], cells[2]
    raise AssertionError(f"no limits row for {rid}")


@pytest.mark.parametrize(("rid", "numbers", "reason"), [
    ("TD-GAZE-003", ("10° 至 20°", "1 ms"), ("最小跳变 10°为", "最大跳变 20°为最小跳变的两倍", "1 ms 为时延限值的三十分之一")),
    ("TD-PERF-005", ("2 cm",), ("放置于各面向内 2 cm 处为本文件自定", "该面与其向内 4 cm 之间")),
    ("TD-CAM-001", ("24 个内角点", "48 个"), ("两边的内角点数不同（4 与 6）", "两边的方格数均为奇数（5 与 7）",
                                           "40 mm 方格使标定板为 200 mm × 280 mm")),
])
def test_c2_c3_d5_each_number_of_the_case_stands_in_3_3_with_its_reason(note_md, rid, numbers, reason):
    """Each number the case's test programme or board fixes is in its 三（三） row's limits and the row quotes the
    notes' reason for it (not only where it comes from)."""
    limits, basis = _row(note_md, rid)
    assert all(n in limits for n in numbers), (rid, limits)
    assert all(r in basis for r in reason), (rid, basis)


def test_c2_c3_english_rows_give_the_same_numbers(note_md_en):
    limits, basis = _row(note_md_en, "TD-GAZE-003")
    assert "10° to 20°" in limits and "1 ms" in limits and "twice the smallest" in basis, limits
    limits, basis = _row(note_md_en, "TD-PERF-005")
    assert "2 cm" in limits and "The placement 2 cm inside each face" in basis, limits
    assert "A4 sheet" in _row(note_md_en, "TD-CAM-001")[1]


def test_d6_class_no_plausibility_limit_of_a51_tightens_below_motion_users_make(catalog, zh_markdown, note_md):
    """Over every plausibility limit of the 6-DoF profile (TD-MOT-002, TD-MOT-003): its strictest value lies above
    the published figure of such motion, so a plan tightening to it never flags it; a limit whose figure leaves no
    room is fixed (annex A prints 「（固定）」), and either way 三（三）'s table gives the reason naming the study."""
    profile = catalog.profiles["terminal-hmd-6dof"]
    plausible = {name for name, spec in profile.parameters.items()
                 if spec.description and "plausible" in spec.description.en}
    assert plausible == set(_MOTION), plausible ^ set(_MOTION)
    table = {m.group(1): line for line in note_md.splitlines()
             if (m := re.match(r"^\| A\.\d+(?:、A\.\d+)* \| `([a-z0-9_]+)` \| ", line))}
    for name, (figure, study) in _MOTION.items():
        spec = profile.parameters[name]
        end = strict_end(spec)
        assert end is not None and end > figure, (name, end, figure)
        annex = next(line for line in zh_markdown.splitlines() if line.startswith(f"| 参数 `{name}`"))
        row = table.get(name, "")
        assert study in row and "参考文献[" in row, (name, row)
        if end == spec.default:
            assert "（固定）" in annex and "| 固定 |" in row and "不能改严" in row, (name, annex, row)
        else:
            assert f"最严 {row.split(' | ')[3]}）" in annex, (name, annex, row)


def test_d6_the_notes_say_which_limits_a_pilot_can_tighten(catalog):
    """TD-MOT-002's and TD-MOT-003's notes no longer say every limit can be tightened."""
    for rid in ("TD-MOT-002", "TD-MOT-003"):
        notes = catalog.requirements[rid].notes
        assert "a pilot can tighten them" not in notes.en and "试点能收紧。" not in notes.zh, rid
        assert "fixed" in notes.en and "固定" in notes.zh, rid


def _outside_bibliography(markdown: str) -> tuple[str, str]:
    """(the text before the 参考文献, the 参考文献) of a rendered draft."""
    at = re.search(r"^## (?:参考文献|Bibliography)$", markdown, re.M)
    assert at, "no bibliography"
    return markdown[:at.start()], markdown[at.start():]


_DOI = re.compile(r"10\.\d{4,9}/[^\s，。；）)`,;\]]+")


def test_d7_class_every_doi_the_draft_or_the_note_cites_is_in_the_bibliography(zh_markdown, en_markdown, note_md,
                                                                              note_md_en):
    """Every DOI the draft (outside its 参考文献) or the 编制说明 gives is the DOI of a 参考文献 entry, in each
    language: a study cited for a number is found by its entry (d7: Bohannon's and the head-motion review's DOIs stood
    in 三（三） and nowhere in the 参考文献)."""
    for draft, note in ((zh_markdown, note_md), (en_markdown, note_md_en)):
        text, bibliography = _outside_bibliography(draft)
        listed = {d.rstrip(".").lower() for d in _DOI.findall(bibliography)}
        cited = {d.rstrip(".").lower() for d in _DOI.findall(text + note)}
        assert cited <= listed, sorted(cited - listed)


def test_d7_class_every_study_a_strictest_reason_names_has_its_number(note_md, note_md_en, zh_markdown):
    """Each author a reason of 三（三）'s strictest-value table names with a year carries the number of its 参考文献
    entry, and no reason gives a DOI instead; Bohannon's paper is an entry in GB/T 7714 form."""
    for note, number in ((note_md, "参考文献"), (note_md_en, "Bibliography")):
        rows = [line for line in note.splitlines() if re.match(r"^\| A\.\d+(?:、A\.\d+)* \| `", line)]
        assert rows
        for row in rows:
            assert "doi" not in row.lower(), row
            for m in re.finditer(r"[A-Z][a-zčć]+(?: 等| et al\.| 与 [A-Z][a-z]+| and [A-Z][a-z]+)?[（(，, ]+(\d{4})", row):
                assert re.match(rf"[，, ]+{number} ?\[\d+\]", row[m.end():]), (m.group(0), row[m.start():m.end() + 30])
    _, bibliography = _outside_bibliography(zh_markdown)
    entry = next(line for line in bibliography.splitlines() if "Bohannon R W." in line)
    assert "[J]. Age and Ageing, 1997, 26(1): 15-19" in entry and "10.1093/ageing/26.1.15" in entry, entry
    cited = re.search(r"Bohannon（1997，参考文献\[(\d+)\]）", note_md)
    assert cited and entry.startswith(f"[{cited.group(1)}] "), (cited, entry)
