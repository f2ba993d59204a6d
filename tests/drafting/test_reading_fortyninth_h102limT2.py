"""The forty-ninth reading, part h102-limT2 (docs/drafting.md, "Forty-ninth reading, part h102-limT2"): terminal timing
numbers without their row or reason in the 编制说明's 三（三）: the 100 ms after a signal's end that closes TD-AUD-004's,
-006's and -007's windows (c2), TD-DISP-009's 1.5 and half a period (c3), TD-DISP-005's half a sample period (c4); one
20 ms motion-to-photon budget read three ways (d1); TD-ACC-002's bounds resting on an unquoted, unsourced adult range
(d2). Each test fails on the draft as it was before (28ba3b7a)."""

from __future__ import annotations

import re

from conformance.drafting.limitnumbers import clauses
from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

_FLAG = "附注未写明"
#: a fraction in Chinese numerals, which the limits table cannot read as a number: 「半个周期」, 「半个采样周期」, and
#: (fiftieth reading, c1) SC-CITY-004's 「半个 `scale` 步长」
_SPELLED = re.compile(r"半个\s?`?[\w\u4e00-\u9fff]")
#: window tails outside this part's rows, left for the lead: TD-HAPT-004's 「结束后至少 200 毫秒」 stands in no row
_TAILS_LEFT = {"TD-HAPT-004"}


def test_each_timing_number_stands_in_its_row_with_its_reason(note):
    """c2–c4: the number is listed, and the quote gives why it is what it is, not only that the document sets it."""
    rows = _rows(note)
    tail = "长于 TD-AUD-005 对渲染器所容许的 60 ms 时延"
    wanted = {"TD-AUD-004": (["100 ms"], ["窗口在信号结束后延续的 100 ms 为本文件自定", tail]),
              "TD-AUD-006": (["100 ms"], ["窗口在信号结束后延续的 100 ms 为本文件自定", tail]),
              "TD-AUD-007": (["100 ms"], ["窗口在信号结束后延续的 100 ms 为本文件自定", tail]),
              "TD-DISP-009": (["1.5 个周期", "0.5 个周期"], ["它是一个周期与两个周期的中点",
                                                         "离另一次刷新的上升沿更近，属于那一次刷新"]),
              "TD-DISP-005": (["0.5 个采样周期"], ["它是无偏差与一个采样周期（丢失或多出一个样本时的偏差）的中点"])}
    for rid, (numbers, reasons) in wanted.items():
        limits, basis = rows[rid]
        assert all(number in limits.split("，") for number in numbers), (rid, limits)
        assert _FLAG not in basis and all(reason in basis for reason in reasons), (rid, basis)


def test_no_case_spells_a_period_in_chinese_numerals(catalog):
    """The class of c3 and c4 (and of the fiftieth c1): a fraction that decides a verdict is written in digits
    (「0.5 个周期」), which
    the limits table reads, not 「半个周期」, which it passes over."""
    w = Writer(catalog, "zh")
    wrong = []
    for rid, req in catalog.requirements.items():
        if (procedure := w.data.procedures.get(rid)) is None:
            continue
        case = case_for(catalog, req, "zh", procedure, w.ics_prepended)
        wrong += [(rid, m.group(0)) for line in [*case.conditions, *case.steps, *case.criteria, req.statement.zh,
                                                 *(rule.zh for rule in req.rules)]
                  for m in _SPELLED.finditer(line)]
    assert not wrong


def test_every_window_tail_of_a_step_stands_in_its_row(catalog, note):
    """The class of c2: a time after an event's end that closes a step's window (「结束后 100 毫秒」) decides which signals
    overlap and so are not measured: the step marks it as this document's or the row lists it already."""
    rows = _rows(note)
    w = Writer(catalog, "zh")
    wrong = []
    for rid, req in catalog.requirements.items():
        if (procedure := w.data.procedures.get(rid)) is None:
            continue
        case = case_for(catalog, req, "zh", procedure, w.ics_prepended)
        for line in [*case.conditions, *case.steps]:
            wrong += [(rid, m.group(0)) for m in re.finditer(r"结束后(?!本文件规定的)[^，。；]{0,4}?(\d+) ?毫秒", line)
                      if f"{m.group(1)} ms" not in rows.get(rid, ("", ""))[0].split("，") and rid not in _TAILS_LEFT]
    assert not wrong


def test_the_motion_to_photon_budget_has_one_meaning(catalog, note):
    """d1: TD-DISP-002's 20 ms is the budget of the whole chain from a motion to its photons; each row drawing on it says
    so, none calls it what TD-DISP-002 leaves rendering and display, and TD-PERF-002's quote gives the reason the
    tracking rows point to."""
    rows = _rows(note)
    drawing = [rid for rid, (_, basis) in rows.items() if "`max_motion_to_photon_ms`" in basis]
    assert {"TD-DISP-002", "TD-GAZE-003", "TD-PERF-002", "TD-BODY-003", "TD-HAND-005"} <= set(drawing)
    for rid in drawing:
        basis = rows[rid][1]
        assert "整条链路" in basis and "留给渲染与显示的" not in basis and "仅对显示部分" not in basis, (rid, basis)
    assert "跟踪时延是其中的一部分，超出整个预算的跟踪器不给渲染与显示留下任何余量" in rows["TD-PERF-002"][1]
    assert "渲染与显示只是其中一部分，至多占用 20 ms" in rows["TD-GAZE-003"][1]
    assert "TD-DISP-002 留给渲染与显示的 20 毫秒" not in catalog.requirements["TD-GAZE-003"].notes.zh


def test_a_quote_pointing_back_quotes_what_it_points_to(note):
    """d2: TD-ACC-002's quote said its bounds lie outside 「上述成年人瞳距范围」, a range it left out (and the notes gave
    without a source). Now the range and its source stand in the quoted sentence; no row's quote opens its first clause
    with a reference back (「上述」, 「前述」) to something before it."""
    rows = _rows(note)
    basis = rows["TD-ACC-002"][1]
    assert "Dodgson（2004，参考文献[" in basis and "45 mm 至 80 mm" in basis, basis
    wrong = [rid for rid, (_, cell) in rows.items()
             if re.search(r"上述|前述", (clauses(cell.removeprefix("附注：")) or [""])[0])]
    assert not wrong


def test_the_range_is_the_cited_papers(catalog):
    """d2: the notes give the adult range as Dodgson (2004) gives it, cited in the requirement's source and so in the
    bibliography, no longer 50 to 77 mm."""
    req = catalog.requirements["TD-ACC-002"]
    assert any(ref.name.startswith("Dodgson, Variation and extrema of human interpupillary distance")
               for ref in req.source.standards)
    assert "成年人的瞳距约在 50 至 77 毫米之间" not in req.notes.zh and "within about 50 to 77 mm" not in req.notes.en
    assert "45 至 80 毫米" in req.notes.zh and "45 to 80 mm" in req.notes.en
