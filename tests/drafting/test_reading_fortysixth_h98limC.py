"""The forty-sixth reading, part h98-limC (docs/drafting.md, "Forty-sixth reading, part h98-limC"): numbers in a
terminal case's steps that decide what is measured or judged stood in no row of the 编制说明's 三（三）: TD-DEPTH-002's,
TD-RADAR-002's and TD-CAM-002's hold criteria (c1, marked fixed in the forty-fourth reading, whose fix marked only
the measuring part of a hold), the 8 `xrWaitFrame` requests (c2), TD-GAZE-002's 10 valid samples (c3), the latency
searches' −100 ms to 500 ms (c4), TD-HAPT-003's, TD-FORCE-005's and TD-BCI-007's windows and coverage (c5–c7),
TD-PERF-005's 30 samples (c8). 三（三） now reads a step clause deciding what is measured (grouped into a hold, not
measured, not counted, unjudged) when it brings a number the statement, rules and criteria do not give. TD-RUN-006's
pass line spoke of 「至少一次应答」 where one request is sent (cx1). Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.limitnumbers import _DECIDES_WHAT, _READING_BOUND, clauses
from tests.drafting.blocks import limit_rows as _rows

_FLAG = "附注未写明"


def _limits(cell: str) -> list[str]:
    return cell.split("，")


def test_the_step_numbers_deciding_what_is_measured_have_their_rows(note):
    """c1–c8: each number stands in its row's limits and its basis is quoted, none left to the drafting group."""
    rows = _rows(note)
    wanted = {"TD-DEPTH-002": ["1 mm", "0.5 s"], "TD-RADAR-002": ["5 mm", "0.2°", "0.5 s"],
              "TD-CAM-002": ["5 mm", "0.2°", "0.5 s"], "TD-RUN-002": ["8 次"], "TD-RUN-003": ["8 次"],
              "TD-RUN-005": ["8 次"], "TD-RUN-006": ["8 次"], "TD-GAZE-002": ["10 个"],
              "TD-BODY-003": ["−100 ms", "500 ms", "1 ms"], "TD-FACE-004": ["−200 ms", "500 ms", "1 ms"],
              "TD-HAND-005": ["−100 ms", "500 ms", "1 ms"], "TD-PERF-004": ["−100 ms", "500 ms", "1 ms"],
              "TD-AUD-005": ["−100 ms", "500 ms", "1 ms"], "TD-HAPT-003": ["300 ms", "90%", "20 ms", "4 个周期"],
              "TD-FORCE-005": ["50 ms", "90%"], "TD-BCI-007": ["90%"], "TD-PERF-005": ["30 个样本"]}
    for rid, numbers in wanted.items():
        limits, basis = rows[rid]
        assert set(numbers) <= set(_limits(limits)), (rid, limits)
        assert _FLAG not in basis, (rid, basis)
    assert "1 mm 为 R1 在 0.5 m 处的 1%" in rows["TD-DEPTH-002"][1]
    assert "与 TD-BODY-004 相同" in rows["TD-RUN-002"][1]


def test_every_clause_deciding_what_is_measured_is_read(catalog, note):
    """The class of c1: over every case, a step clause grouping readings into a hold or leaving something unmeasured,
    uncounted or unjudged by a number with a unit has that number in its row (a reading bound of 5.1 apart)."""
    from conformance.drafting.explanatory_data import LIMIT
    from conformance.drafting.testcases import case_for
    from conformance.drafting.wording import unit_symbols
    from conformance.drafting.writer import Writer

    rows = _rows(note)
    w = Writer(catalog, "zh")
    missing = []
    for rid, req in catalog.requirements.items():
        if (procedure := w.data.procedures.get(rid)) is None:
            continue
        case = case_for(catalog, req, "zh", procedure, w.ics_prepended)
        for step in case.steps:
            for clause in clauses(re.sub(r"^\d+\. ", "", step)):
                if not _DECIDES_WHAT.search(clause) or _READING_BOUND in clause:
                    continue
                listed = {unit_symbols(limit).replace(" ", "") for limit in _limits(rows.get(rid, ("", ""))[0])}
                for m in LIMIT.finditer(clause):
                    number = unit_symbols(m.group(0)).replace(" ", "").replace("-", "−")
                    if number not in listed and not any(number in limit for limit in listed):
                        missing.append((rid, m.group(0)))
    assert not missing


def test_the_run_006_pass_line_speaks_of_its_one_answer(zh, en):
    """cx1: step 3 sends one `xrGetFaceExpressionWeights2FB` request; the pass line spoke of 「至少一次应答」."""
    for blocks, wrong in ((zh, "至少一次应答"), (en, "at least one answer's")):
        text = "\n".join(cell for b in blocks if b.kind == "table" and b.rows for row in b.rows for cell in row
                         if "xrGetFaceExpressionWeights2FB" in cell or "isValid" in cell)
        assert "isValid" in text and wrong not in text
