"""The forty-fifth reading, part h97-note2 (docs/drafting.md, "Forty-fifth reading, part h97-note2"): 四（五） counted
SC-TILE-006, which the recorded run could not carry out for want of its validator, as 不确定, where 6.1 says a case
the test equipment lacks a program for is 未执行 (d6); 三（三） based IF-RISK-004's 1 000 000 users on
《网络安全审查办法》（2022）, cited by short title and year only and in neither the 参考文献 nor 八 (d7); and TD-BCI-006's 70 %
and TD-MPLAT-003's 10 % named Kübler 2001 and AGARD-AR-144, neither of them in the 参考文献 (d8). Each test fails on
the note as it was before."""

from __future__ import annotations

import json
import re

from conformance import Catalog
from conformance.drafting.explanatory_data import load_note_data
from conformance.drafting.writer import Block, normative

#: 6.1's verdicts and its 未执行 (the draft's clause 6: 「测试设备未能执行测试用例（如所需的程序缺失或运行出错）时，该测试用例
#: 记为未执行」)
CLAUSE_6 = ("通过", "不通过", "不适用", "不确定", "未执行")


def _run_table(blocks: list[Block]) -> Block:
    return next(b for b in blocks if b.kind == "table" and b.rows and b.rows[0][-1] == "记录之后新增")


def test_the_reference_run_counts_a_case_lacking_its_program_as_not_run(catalog: Catalog, note, note_md):
    """d6: 四（五）'s columns are 6.1's outcomes, and a case the record says was judged without a program it needs
    (the record's reason: "... is not installed") stands under 未执行, never under 不确定."""
    table = _run_table(note)
    header = table.rows[0][2:-1]
    assert all(name.startswith(CLAUSE_6) for name in header), header
    column = {name.split("（")[0]: at for at, name in enumerate(header, 2)}
    data = load_note_data(catalog)
    assert data is not None
    made = json.loads((data.root / str(data.get("reference_run")["file"])).read_text(encoding="utf-8"))
    lacking = [i for i, why in (made.get("reasons") or {}).items()
               if "not installed" in why and i in catalog.requirements and normative(catalog.requirements[i])]
    assert lacking  # SC-TILE-006, recorded without `3d-tiles-validator`
    kept = [i for i in made["verdicts"] if i in catalog.requirements and normative(catalog.requirements[i])]
    unsure = sum(made["verdicts"][i] == "inconclusive" for i in kept if i not in lacking)
    errors = sum(made["verdicts"][i] == "error" for i in kept if i not in lacking)
    assert sum(int(row[column["不确定"]]) for row in table.rows[1:]) == unsure
    assert sum(int(row[column["未执行"]]) for row in table.rows[1:]) == errors + len(lacking)
    for i in lacking:
        assert re.search(rf"{i}（未执行：记录所用计算机未安装其所需工具", note_md.replace("\u2011", "-"))
