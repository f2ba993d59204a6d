"""The explanatory note's account of the operations the contracts annex specifies (issue 74).

The seeds ask for a platform's behaviour to be tested but define no operation to observe it
through, so the contracts annex specifies them. A committee reading the note must see that it
does, which operations, which requirements use each, and which only a test deployment offers,
generated from the same contracts the annex lists so the two agree. The prose is the note's data
(suites/explanatory.yaml, ``annex_operations``), as the note's other prose is.
"""

from __future__ import annotations

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .contracts import named_operations
from .explanatory_data import NoteData
from .writer import Block, Writer


def annex_operations(w: Writer, catalog: Catalog, kept: list[Requirement], data: NoteData | None) -> list[Block]:
    """Sub-clause 3.4 of the note: the operations of the contracts annex, the requirements using
    each and whether only a test deployment offers it; nothing without the annex or its text."""
    letter = w.annex("contracts")
    text = data.get("annex_operations") if data else None
    if not letter or not text:
        return []
    used, _ = named_operations(catalog, kept, w.data.procedures)
    counts = {"letter": letter, "operations": len(used), "test_only": sum(op.test_only for op in used)}
    out = [w.heading(w.text(text["heading"]), 2, "note-3-3", normative=False),
           w.para(w.text(text["body"]).format(**counts), normative=False)]
    joiner = "、" if w.lang == "zh" else ", "
    rows: list[tuple[str, ...]] = [(w.t("操作", "Operation"), w.t("使用它的规范性要求", "Normative requirements using it"),
                                    w.t("仅测试部署", "Test deployment only"))]
    rows += [(f"{op.method} {op.path}", joiner.join(op.requirements), w.t("是", "yes") if op.test_only else w.t("否", "no"))
             for op in used]
    out.append(w.table(rows, (60, 80, 25), normative=False))
    return out
