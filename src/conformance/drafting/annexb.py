"""Annex B's counts and IDs as the draft holds them (twenty-seventh reading, rows 1 to 3): table B.1 counts the
normative requirements and annex C's candidates and drafts apart, and no deprecated one (the draft lists none, so
its counts add up with the 引言 and annex C); table B.2 names no deprecated requirement and gives annex C's IDs
apart from the normative ones, since annex C says they are not requirements of the document."""

from __future__ import annotations

from .._catalog.catalog import Catalog
from .facts import Facts, ordered
from .writer import Block, Writer, area_title, normative


def counts_lead(w: Writer, table: str) -> str:
    """Table B.1's lead-in, saying what each column counts."""
    letter = w.annex("candidates")
    return w.t(f"表 {table} 按领域列出规范性要求与附录 {letter} 所列候选、草案要求的数量（已废止的要求不列入本文件，不计），"
               "二者中由自动化测试检验与由人员评估的数量，以及证明测试能判定不通过的已知不合格用例的数量。",
               f"Table {table} lists, per area, the number of normative requirements and of the candidates and drafts "
               f"annex {letter} lists (deprecated requirements are not in this document and not counted), how many of "
               "them automated tests and how many assessors check, and the number of known-bad cases proving the "
               "tests can fail.")


def area_known_bad(catalog: Catalog, known_bad: dict[str, int], area: str) -> tuple[int, int]:
    """An area's known-bad cases as table B.1 counts them (no deprecated requirement's), and the deprecated
    requirements' cases apart: the one count the draft and its 编制说明 四（四） give (twenty-eighth reading, b9)."""
    mine = [r for r in catalog.requirements.values() if r.area == area]
    return (sum(known_bad.get(r.id, 0) for r in mine if r.status != "deprecated"),
            sum(known_bad.get(r.id, 0) for r in mine if r.status == "deprecated"))


def counts_table(w: Writer, catalog: Catalog, facts: Facts, areas: list[str]) -> Block:
    """Table B.1: one row an area."""
    letter = w.annex("candidates")
    rows: list[tuple[str, ...]] = [(w.t("领域", "Area"), w.t("规范性要求", "Normative requirements"),
                                    w.t(f"附录 {letter} 的要求", f"Annex {letter} requirements"),
                                    w.t("自动化测试", "Automated"), w.t("人员评估", "Manual"),
                                    w.t("已知不合格用例", "Known-bad cases"))]
    reqs = [r for r in ordered(catalog) if r.status != "deprecated"]
    for area in areas:
        mine = [r for r in reqs if r.area == area]
        kept = sum(normative(r) for r in mine)
        automated = sum(bool(facts.tests.get(r.id)) for r in mine)
        bad = area_known_bad(catalog, facts.known_bad, area)[0]
        rows.append((w.t(*area_title(area)), str(kept), str(len(mine) - kept), str(automated),
                     str(len(mine) - automated), str(bad)))
    return Block("table", rows=tuple(rows), lang=w.tag, widths=(45, 22, 22, 25, 22, 30), anchor="annex-b-map",
                 title=w.t("各领域的要求、测试与已知不合格用例的数量", "Requirements, tests and known-bad cases per area"))


def topic_ids(w: Writer, catalog: Catalog, ids: tuple[str, ...]) -> str:
    """A topic's requirements in table B.2: the normative ones (and any the catalog lacks, which its gap text
    explains), then annex C's after their mark; a deprecated one not at all ("—" when none is left)."""
    reqs = catalog.requirements
    listed = [i for i in ids if i not in reqs or reqs[i].status != "deprecated"]
    others = [i for i in listed if i in reqs and not normative(reqs[i])]
    kept = [i for i in listed if i not in others]
    sep = w.t("、", ", ")
    text = sep.join(kept)
    if others:
        letter = w.annex("candidates")
        mark = w.t(f"附录 {letter} 的候选或草案要求：", f"annex {letter}'s candidates or drafts: ")
        text += (w.t("；", "; ") if text else "") + mark + sep.join(others)
    return text or "—"
