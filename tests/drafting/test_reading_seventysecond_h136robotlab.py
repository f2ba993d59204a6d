"""Seventy-second reading, part h136-robotlab (X, left by the part that gave robot-joint-data its
``laboratory_records`` target): the laboratory signed record signs RB-TRACK-002's tracker captures as well as
the terminal's captures, and the robot row of annex A says so, but 3.61 and 16 j) spoke of capture files only
and the robots' environment table (table 7) never named the record or the tracker's serial. Table 9 is the
terminal area's environment table, so its capture files are right there. E.6 (the record's format) names the
files it covers as data files, and its certificate may state one uncertainty per unit (a tracker reports
angles and lengths)."""

from __future__ import annotations

import re


def _term(text: str, name: str) -> str:
    """The entry of clause 3 whose term line begins with ``name`` (the Chinese line adds the English term)."""
    at = re.search(rf"^{re.escape(name)}(  .*)?$", text, re.M).start()
    return text[at:text.index("\n###", at)]


def _row(text: str, heading: str, label: str) -> str:
    clause = text[text.index(heading):]
    clause = clause[:clause.index("\n### ", 1)]
    return next(line for line in clause.splitlines() if line.startswith(f"| {label} |"))


def _item(text: str, heading: str, letter: str) -> str:
    clause = text[text.index(heading):]
    return next(line for line in clause.splitlines() if line.startswith(f"{letter}) "))


def test_3_61_names_the_data_files_the_record_covers_not_captures_alone(zh_markdown, en_markdown):
    zh, en = _term(zh_markdown, "实验室签名记录"), _term(en_markdown, "laboratory signed record")
    assert "测量类数据文件（采集文件、跟踪记录、气味分析记录）" in zh and "所覆盖的数据文件" in zh
    assert "measuring data files (captures, tracker captures, scent analyses records)" in en
    assert "the data files it covers" in en


def test_16_j_identifies_the_record_of_each_capture_and_tracker_capture(zh_markdown, en_markdown):
    zh, en = _item(zh_markdown, "## 16 测试报告", "j"), _item(en_markdown, "## 16 Test report", "j")
    assert "每个测量类数据文件（采集文件、跟踪记录、气味分析记录）的实验室签名记录（E.6）的标识，或该文件未附" in zh
    assert "each measuring data file judged (a capture, a tracker capture, a scent analyses record)" in en


def test_table_7_lists_the_tracker_in_the_laboratory_signed_record(zh_markdown, en_markdown):
    zh = _row(zh_markdown, "### 5.7 ", "校准")
    en = _row(en_markdown, "### 5.7 ", "Calibration")
    assert "型号、校准与按单位给出的扩展不确定度" in zh and "仪器的序列号声明时一并记录" in zh
    assert "实验室签名记录（E.6" in zh and "未附记录的跟踪记录予以注明（第 16 章）" in zh
    assert "model, calibration and expanded uncertainty per unit" in en and "laboratory signed record (E.6" in en
    assert "states that a tracker capture came without one (clause 16)" in en


def test_no_clause_of_the_record_says_it_covers_capture_files_alone(zh_markdown):
    """The class: wherever the draft says what the laboratory signed record covers outside the terminal's own
    clauses (table 9 and the terminal profiles' rows of annex A), it names data files or tracker captures."""
    text = zh_markdown
    e6 = text[text.index("### E.6"):]
    e6 = e6[:e6.index("\n### E.7")]
    assert "每个采集文件" not in e6 and "一个采集文件" not in e6
    assert "每个数据文件（采集文件、跟踪记录、气味分析记录）" in e6  # scent analyses records since the 74th reading
    assert re.search(r"`apparatus\[\]\.calibration\.uncertainty〔2〕\[\]`", e6)
    for found in re.finditer(r"[^。|]*实验室签名记录[^。|]*所覆盖的采集文件", text):
        assert "5.9" in text[:found.start()].rsplit("### ", 1)[1][:8], found.group(0)
