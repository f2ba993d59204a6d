"""The sixty-ninth reading of issue 76, part h133-ocaps4: two more caps of c2's class (a check cut or failed a target's
input past a cap no text stated) are 5.1 reading bounds, past which the input is unjudged, never failed:

* ``scenes.legacy.MAX_DEPTH``: SC-TILE-009 skipped the inner tiles of composites nested deeper than 8 levels silently
  and judged the file on the rest (3D Tiles 1.1 lets a composite hold composites, with no depth): 「复合瓦片的嵌套层数」;
* ``identity.statuslist.MAX_BYTES``: ID-VCAPI-003 reported a status list expanding past 16 MiB as unreadable, a
  finding (W3C Bitstring Status List sets a least size, no greatest): 「状态列表的解压大小」.

Each is in table 1 under its case, named in the case's step and 不确定 line (en and zh), and given its reason in
三（三）. Each test fails on the branch's base (19ddc58a0)."""

from __future__ import annotations

import pytest

from conformance.areas.identity import statuslist
from conformance.areas.scenes import legacy
from conformance.drafting.boundtable import BOUNDS
from tests.drafting.test_reading_sixtyeighth_tbound import _note_row, _table_row
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: (bound zh, bound en, case, the figure zh, en, the step's number in procedures.yaml)
NEW = (("复合瓦片的嵌套层数", "nesting of composite tiles", "SC-TILE-009", "8 个层级", "8 levels", "2."),
       ("状态列表的解压大小", "status list expanded", "ID-VCAPI-003", "16 MiB", "16 MiB", "3."))


def test_the_caps_are_the_bounds_figures():
    bounds = {b.name: b for b in BOUNDS}
    assert legacy.MAX_DEPTH == 8 and "8 个层级" in bounds[NEW[0][:2]].value[0]
    assert statuslist.MAX_BYTES == 16 * 1024 * 1024 and "16 777 216 B" in bounds[NEW[1][:2]].value[0]
    assert all(not bounds[n[:2]].sample for n in NEW)


@pytest.mark.parametrize("bound", NEW, ids=lambda b: b[2])
def test_table_1_lists_the_case_under_the_bound(zh_markdown, en_markdown, bound):
    zh, en = _table_row(zh_markdown, bound[0]), _table_row(en_markdown, bound[1])
    assert zh[2] == bound[2] and en[2] == bound[2], (zh, en)
    assert bound[3] in zh[1] and "不确定" in zh[3], zh


@pytest.mark.parametrize("bound", NEW, ids=lambda b: b[2])
def test_the_case_names_the_bound_in_its_step_and_inconclusive_line(zh_markdown, en_markdown, bound):
    zh_name, en_name, rid, zh_fig, en_fig, _ = bound
    zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if zh_name in s)  # the step reading the input
    assert f"读取界限“{zh_name}”，见 5.1" in step and zh_fig in step, step
    step = next(s for s in _row(en, "Test procedure").split("<br>") if en_name in s)
    assert f'the reading bound "{en_name}", see 5.1' in step and en_fig in step, step
    assert f"读取界限“{zh_name}”" in _verdict_lines(zh, "zh")["不确定"]
    assert f'the reading bound "{en_name}"' in _verdict_lines(en, "en")["Inconclusive"]


@pytest.mark.parametrize("bound", NEW, ids=lambda b: b[2])
def test_the_note_gives_the_bound_its_reason(note_md, note_md_en, bound):
    zh, en = _note_row(note_md, bound[0]), _note_row(note_md_en, bound[1])
    assert "不确定" in zh and "不因本界限判定为不通过" in zh, zh
    assert "inconclusive, never failed for the bound" in en, en
    assert ("131 072" in zh) if bound[2] == "ID-VCAPI-003" else ("3D Tiles 1.1" in zh), zh
