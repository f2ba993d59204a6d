"""The fifty-ninth reading, part h117-limA (docs/drafting.md, "Fifty-ninth reading, part h117-limA"): TD-TACT-002's
2 mm and 10 mm rested on the pitch of the generated capture's 「参考阵列」, and its 4 mm tip, load steps, drift load and
three grid points had no reason (c2); TD-RADAR-002's and TD-CAM-002's 1 s hold and TD-RADAR-002's 1 m clearance had
none, and their 0.5 s reason named a 导轨 only TD-DEPTH-002 has (c3); TD-CAM-002's 0.1 mm flatness and 300 lx had none
(c4); 5.9's table 9 left out instruments the measuring cases' initial conditions name (cx1). Each test fails on the
draft as it was before (8de1ae53)."""

from __future__ import annotations

import re

import pytest

from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line
from tests.drafting.test_reading_fiftysixth_h110cases56 import _requirement

#: the instruments a measuring case's initial conditions can name, as the Chinese and the English draft write them
#: (calibration references such as the tape, interferometer or standard lamp are the calibration's, not the bench's)
_INSTRUMENTS = (
    ("转台", "rotary stage"), ("激光测距仪", "laser distance meter"), ("定位台", "positioning stage"),
    ("压头", "indenter"), ("力传感器", "force transducer"), ("人工嘴", "artificial mouth"),
    ("声级计", "sound level meter"), ("激光跟踪仪", "laser tracker"), ("光谱辐射计", "spectroradiometer"),
    ("自准直仪", "autocollimator"), ("深度尺", "depth gauge"), ("高度规", "height gauge"), ("分划板", "reticle"),
    ("刚性支架", "rigid stand"), ("加速度计", "accelerometer"), ("光离子化检测器", "photoionization detector"),
    ("气相色谱仪", "gas chromatograph"), ("功率分析仪", "power analyser"), ("信号发生器", "signal generator"),
    ("头和躯干模拟器", "head and torso simulator"), ("耳模拟器", "ear simulator"), ("声校准器", "sound calibrator"),
    ("亮度计", "luminance meter"), ("光电二极管", "photodiode"), ("温度计", "thermometer"), ("机械臂", "robot arm"),
    ("人工眼", "artificial eye"), ("颏托", "chin rest"), ("动作捕捉系统", "motion capture"),
    ("惯性测量单元", "inertial measurement unit"), ("通风罩", "ventilated enclosure"), ("隔振", "vibration-isolated"),
    ("拉线位移传感器", "draw-wire"), ("参考跟踪仪", "reference tracker"),
    # sixty-second reading, part h125-terms (c6): the face reference instrument by its kind (参考面部捕捉 is its record)
    ("面部标记点捕捉系统", "facial marker capture system"),
)


def _measuring(markdown: str, table: str) -> list[str]:
    """The terminal requirements the measuring cases' table (表 10, Table 10) lists."""
    start = markdown.index(table)
    body = markdown[start:markdown.index("\n\n", markdown.index("|---|", start))]
    return [rid.replace("\u2011", "-") for rid in re.findall(r"^\| (TD\u2011[A-Z]+\u2011\d{3}) ", body, re.M)]


def _equipment_cell(markdown: str, table: str, head: str) -> str:
    start = markdown.index(table)
    return next(line for line in markdown[start:].splitlines() if line.startswith(f"| {head} |"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cx1_class_every_instrument_a_measuring_case_names_is_in_table_9(lang, zh_markdown, en_markdown):
    """Over every terminal case of the measuring cases' table: each instrument its 前置条件 names is in 5.9's table 9
    「测试设备」 row, which says the measuring cases need the apparatus their initial conditions list."""
    markdown, table, equip_table, head, pre = (
        (zh_markdown, "表 10　测量类测试用例的判定规则", "表 9　终端数据交换测试环境", "测试设备", "前置条件")
        if lang == "zh" else
        (en_markdown, "Table 10 — Decision rules", "Table 9 — Terminal data exchange", "Equipment",
         "Initial conditions"))
    ids = _measuring(markdown, table)
    assert len(ids) > 50
    listed = _equipment_cell(markdown, equip_table, head)
    index = 0 if lang == "zh" else 1
    missing = []
    for rid in ids:
        conditions = _line(_case(markdown, rid), pre)
        missing += [f"{rid}: {pair[index]}" for pair in _INSTRUMENTS
                    if pair[index] in conditions and pair[index] not in listed]
    assert not missing, missing


def test_cx1_the_reader_named_instruments_are_listed(zh_markdown):
    listed = _equipment_cell(zh_markdown, "表 9　终端数据交换测试环境", "测试设备")
    for word in ("激光测距仪", "三轴定位台", "压头", "经校准的人工嘴", "激光跟踪仪"):
        assert word in listed, word


def _limits_row(note_md: str, rid: str) -> str:
    return next(line for line in note_md.splitlines() if line.startswith(f"| {rid.replace('-', chr(0x2011))} | ")
                and "附注" in line)


def _environment_rows(note_md: str, rid: str) -> list[str]:
    key = rid.replace("-", "\u2011")
    return [line for line in note_md.splitlines() if key in line.split(" | ")[0] and "本文件自定" in line]


def test_c3_class_a_quoted_reason_names_only_the_apparatus_its_case_uses(zh_markdown, note_md):
    """Over every row of 三（三）'s limits table: a reason naming a 导轨 (rail) is a case's whose initial conditions
    have one (TD-DEPTH-002's); TD-RADAR-002 and TD-CAM-002 place their targets with a rotary stage."""
    wrong = []
    for line in note_md.splitlines():
        if m := re.match(r"^\| (TD\u2011[A-Z]+\u2011\d{3}) \| .*附注", line):
            rid = m.group(1).replace("\u2011", "-")
            if "导轨" in line and "导轨" not in _line(_case(zh_markdown, rid), "前置条件"):
                wrong.append(rid)
    assert not wrong, wrong
    for rid in ("TD-RADAR-002", "TD-CAM-002"):
        assert "转台转动" in _limits_row(note_md, rid), rid


def test_c3_the_hold_and_the_clearance_have_their_reasons(note_md):
    """The 1 s each place is held (TD-RADAR-002, TD-CAM-002, and TD-DEPTH-002 alike) and the 1 m from other reflectors
    stand in 三（三）'s table of conditions with why; the notes say the same (en and zh)."""
    for rid in ("TD-RADAR-002", "TD-CAM-002", "TD-DEPTH-002"):
        assert any("| 1 s |" in row and "14 帧" in row for row in _environment_rows(note_md, rid)), rid
    assert any("| 至少 1 m |" in row and "0.9 m" in row for row in _environment_rows(note_md, "TD-RADAR-002"))
    for rid in ("TD-RADAR-002", "TD-CAM-002"):
        notes = _requirement("terminal", rid)["notes"]
        assert "14 frames a second" in notes["en"] and "每秒不少于 14 帧" in notes["zh"], rid
        assert "pause of the rail" not in notes["en"] and "而导轨在两处之间" not in notes["zh"], rid


def test_c4_the_board_flatness_and_light_have_their_reasons(note_md):
    rows = _environment_rows(note_md, "TD-CAM-002")
    assert any("| 0.1 mm |" in row and "十分之一" in row for row in rows)
    assert any("| 不低于 300 lx |" in row and "200 lx 至 500 lx" in row for row in rows)
    notes = _requirement("terminal", "TD-CAM-002")["notes"]
    assert "flatness of 0.1 mm is this catalog's own" in notes["en"] and "平面度 0.1 毫米为本目录自定" in notes["zh"]
    assert "300 lx is this catalog's own" in notes["en"] and "照度不低于 300 lx 为本目录自定" in notes["zh"]


def test_c2_the_tactile_limits_rest_on_no_generated_array(zh_markdown, note_md):
    """No reason of the draft or the 编制说明 rests on the generated capture's 「参考阵列」: the 2 mm is set against the
    fingertips' two-point threshold (Nolan, 1982), the 10 mm on the tip and R2's 2 mm; the 4 mm tip, the load steps,
    the drift's 2 N and the three grid points stand in 三（三）'s table of conditions with why."""
    assert "参考阵列" not in zh_markdown and "参考阵列" not in note_md
    row = _limits_row(note_md, "TD-TACT-002")
    assert "2.6 mm（Nolan" in row and "半径 2 mm、R2 所容许" in row
    for lang in ("en", "zh"):
        notes = _requirement("terminal", "TD-TACT-002")["notes"][lang]
        assert "reference array" not in notes and "参考阵列" not in notes, lang
    rows = " ".join(_environment_rows(note_md, "TD-TACT-002"))
    for value in ("| 4 mm |", "| 0.5 N、1 N、2 N 与 4 N |", "| 2 N |", "| 至少 3 个点 |"):
        assert value in rows, value
