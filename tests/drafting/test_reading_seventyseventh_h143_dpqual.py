"""Issue 76, the seventy-seventh reading's b1 (read77b): DP-QUAL-001's R3 read a COCO ``date_captured`` written
without a time zone offset (which R2 and annex E.16 accept) at +14:00 only, its earliest reading, so a record up to
14 h after the labelling activity's end passed, and neither step 4, the 判定准则 nor 三（三） said so. The check now
reads such a time at +14:00 and at -14:00, as XML Schema 1.1 part 2 (3.3.7.1) orders it and as ID-VC-002 does:
late when both readings are, not late when neither is, else its order is unknown and its R3 unjudged (named in the
不确定 line); step 4 says so, and 三（三） gives the 14 h its source.

The class: a test case whose purpose or steps admit a time without an offset states, in every step comparing times
(or in the step it refers to), how such a time is compared. Each test but the scan's own check on a made-up
table fails on ee48ece32."""

from __future__ import annotations

import re

import pytest

from conformance._catalog.catalog import Catalog
from conformance.areas.data import quality
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: a step comparing two times
COMPARE = re.compile(r"不晚于|不早于|晚于|早于|先后|按时刻比较")
OFFSETLESS = "不带时区偏移"


def offsetless_unsaid(markdown: str) -> list[tuple[str, str]]:
    """(case, step) for each step comparing times, in a case admitting a time without an offset, that neither
    states how such a time is compared nor refers to a step that does."""
    found = []
    for rid, case in _cases(markdown).items():
        purpose, steps = _row(case, "测试目的"), _row(case, "测试步骤")
        if OFFSETLESS not in purpose + steps:
            continue
        numbered = {m[1]: step for step in steps.split("<br>") if (m := re.match(r"(\d+)\. ", step))}
        for step in numbered.values():
            referred = [numbered.get(n, "") for n in re.findall(r"第 (\d+) 步", step)]
            if COMPARE.search(step) and not any(OFFSETLESS in s for s in (step, *referred)):
                found.append((rid.replace("‑", "-"), step[:120]))
    return found


def test_b1_every_step_comparing_times_states_the_offsetless_rule(zh_markdown: str):
    assert offsetless_unsaid(zh_markdown) == []


def test_b1_the_class_scan_finds_the_old_step_4():
    old = ("### 8.9 DP-QUAL-001 x（应）\n\n表 61　DP-QUAL-001 测试用例\n\n|  |  |\n|---|---|\n"
           "| 测试目的 | 验证 `date_captured`（带或不带时区偏移）。 |\n"
           "| 测试步骤 | 1. 读取。<br>4. 读取 `prov:endedAtTime`，检查每条记录的拍摄时间均不晚于该时间（规则 R3）。 |\n"
           "| 预期结果 | 无。 |\n\n")
    assert [rid for rid, _ in offsetless_unsaid(old)] == ["DP-QUAL-001"]


@pytest.fixture(scope="module")
def case(zh_markdown: str) -> str:
    return {k.replace("‑", "-"): v for k, v in _cases(zh_markdown).items()}["DP-QUAL-001"]


def test_b1_step_4_and_the_criterion_state_the_window(case: str):
    steps, criteria = _row(case, "测试步骤"), _row(case, "判定准则")
    step_4 = next(s for s in steps.split("<br>") if s.startswith("4. "))
    assert "不带时区偏移的 `date_captured` 按 XML Schema 1.1 第 2 部分第 3.3.7.1 条的排序规则依次取 +14:00 与 −14:00" in step_4
    assert "其先后不确定，记录该记录及其取值，其 R3 未作判定" in step_4
    inconclusive = next(s for s in criteria.split("<br>") if s.startswith("不确定："))
    assert "`date_captured` 不带时区偏移，按 UTC 读取时与该结束时间相距 14 h 以内" in inconclusive


def test_b1_the_14_hours_have_their_row_in_the_limits_table(note_md: str):
    row = next(line for line in note_md.splitlines() if line.startswith("| DP‑QUAL‑001 |"))
    assert "| 14 h |" in row and "XML Schema 1.1 第 2 部分第 3.3.7.1 条" in row


def test_b1_the_check_leaves_the_window_unjudged_and_judges_outside_it():
    """The reader's recomputation: end 2024-01-01T10:00:00Z, 20:00 local passed, 00:30 next day failed."""
    ended = "2024-01-01T10:00:00Z"
    images = [{"file_name": f"{i}.jpg", "width": 1, "height": 1, "date_captured": t}
              for i, t in enumerate(["2024-01-01 20:00:00", "2024-01-02 00:30:00", "2023-12-31 19:59:59"])]
    assert [f.actual for f in quality.timeliness(images, None, ended, "-")[0]] == ["2024-01-02 00:30:00"]
    assert quality.timeliness(images, None, ended, "-")[1] == [("/images/0", "2024-01-01 20:00:00")]


def test_b1_the_requirement_states_it_as_a_changed_check(catalog: Catalog):
    req = catalog.requirements["DP-QUAL-001"]
    assert req.version == "1.6.0"
    assert req.notes is not None
    assert "1.6.0 (issue 76, seventy-seventh reading, part h143-dpqual, b1)" in req.notes.en
    assert "1.6.0 版（议题 76，第七十七次审读，第 h143-dpqual 部分，b1）" in req.notes.zh
    assert any("XML Schema" in s.name for s in req.source.standards)
