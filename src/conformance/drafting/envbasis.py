"""The 编制说明's basis of the test environment's numbers (三（三）; issue 76, fifty-eighth reading, part h114-env:
rows a9, d3 and a10). Clause 5's tables and the test cases' 「测试环境」 lines fix the conditions of every measuring
case ((23 ± 5) ℃, 25 % to 75 %, 1 lx, 30 dB below the quietest signal...) and the clocks of the cases that judge time
(within 1 s of UTC, 1 ms resolution), and the note gave no source or reason for any of them. Each area's entry of
``environment:`` in ``suites/specification.yaml`` now lists them under ``basis``; this module renders them once, a row
a number, naming the clauses that state it (a row several areas share, as the clock's, is written once)."""

from __future__ import annotations

from .facts import ordered
from .writer import Block, Writer


def _rows(w: Writer) -> list[tuple[str, str, str, list[str]]]:
    """(condition, value, basis, the clauses 5.n stating it), in clause order; clause numbers as clause 5 gives them
    (5.2 onwards, an area a subclause in the order of the requirements)."""
    areas = list(dict.fromkeys(r.area for r in ordered(w.catalog)))
    merged: dict[tuple[str, str, str], list[str]] = {}
    for number, area in enumerate(areas, 2):
        for row in w.data.environment.get(area, {}).get("basis", ()):
            key = (w.text(row["condition"]), w.text(row["value"]), w.text(row["basis"]))
            merged.setdefault(key, []).append(f"5.{number}")
    return [(*key, clauses) for key, clauses in merged.items()]


def environment_basis(w: Writer) -> list[Block]:
    """三（三）'s paragraph and table: each number of the test environment, where clause 5 states it, and its basis."""
    rows = _rows(w)
    if not rows:
        return []
    head = (w.t("条件", "Condition"), w.t("数值", "Value"), w.t("所在条款", "Clause"), w.t("确定依据", "Basis"))
    body = [(condition, value, w.t("、", ", ").join(clauses), basis) for condition, value, basis, clauses in rows]
    return [w.para(w.t("第 5 章各表的校准与环境条件及各测试用例前置条件中“测试环境”所给的数值，其来源或理由如下表：所引标准给出数值的，"
                       "写明该标准；其余为本文件自定，写明理由。这些条件不是判定阈值，而是使测得值能与限值比较的测量条件。",
                       "The numbers of the calibration and ambient conditions in clause 5's tables and of the \"Environment\" "
                       "in the test cases' initial conditions have the sources or reasons below: where a cited standard "
                       "gives the number the table names it; the rest are this document's own, with the reason. They are "
                       "not verdict thresholds but the conditions under which a measured value compares with its limit."),
                   normative=False),
            Block("table", rows=tuple(tuple(w.fix(c) for c in row) for row in [head, *body]), lang=w.tag,
                  normative=False, widths=(40, 35, 20, 70))]
