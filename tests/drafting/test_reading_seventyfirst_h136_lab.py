"""The seventy-first reading of issue 76, ax1 redone (part h136-lab): the lead's fix (b6f8741a6, the class test in
test_reading_seventyfirst_lead.py) was reverted because older tests pinned the count of profiles holding
``laboratory_records`` and the laboratory's words; this part brings it back. robot-joint-data's records sign the
external tracker's tracker captures (E.14), not capture files, and its first wording said 「测量类记录（外部跟踪仪的跟踪
记录）」 and 「实验室记录」, a second name for 3.61's 实验室签名记录, and its row cited E.14 as if the target were a tracker
capture. Each row of the laboratory's records names it 实验室签名记录 and cites E.6 alone.

Fails on b6f8741a6 as cherry-picked (the robot's row)."""

from __future__ import annotations

import re

_LAB_ROW = re.compile(r"^\| 测试实验室的记录 `laboratory_records` \| ([^|]*) \|", re.M)


def test_ax1_every_laboratory_records_row_names_the_signed_record_and_cites_e6_alone(zh_markdown):
    rows = _LAB_ROW.findall(zh_markdown)
    assert len(rows) == 14  # 13 terminal profiles and robot-joint-data
    for row in rows:
        assert "实验室记录" not in row and re.search(r"(?<!实验室)签名记录", row) is None, row
        assert row.endswith("；格式见附录 E（实验室签名记录：E.6）"), row


def test_ax1_the_robots_row_says_what_its_record_signs(zh_markdown, en_markdown):
    assert ("| 测试实验室的记录 `laboratory_records` | 外部跟踪仪跟踪记录的实验室签名记录，由测试实验室而非提供者给出；"
            "测试用例不读取该记录，测试报告据之标识各跟踪记录的实验室签名记录（第 16 章）；格式见附录 E（实验室签名记录：E.6） |"
            in zh_markdown)
    assert "The laboratory signed records of the external tracker's tracker captures, given by the test laboratory" \
        in en_markdown
