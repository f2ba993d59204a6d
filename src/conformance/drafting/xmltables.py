"""The clauses of the data formats annex that table the XML formats (:mod:`.xmlformats`): an element a row, then each
of its attributes a row, with its value, whether it is required (or its default) and the requirements reading it."""

from __future__ import annotations

from typing import Any

from .bibcites import numbered_pointers
from .writer import Block, Writer, table_ahead
from .xmlformats import xml_formats


def _value(w: Writer, attribute: dict[str, Any]) -> str:
    """What an attribute holds: its values, its count of numbers and their unit, a link's name, or a name."""
    if values := attribute.get("values"):
        listed = w.t("、", ", ").join(f"`{v}`" for v in values)
        return w.t(f"{listed} 之一", f"one of {listed}")
    if count := attribute.get("numbers"):
        unit = attribute.get("unit")
        unit = w.text(unit) if isinstance(unit, dict) else unit
        numbers = w.t(f"{count} 个十进制数", f"{count} decimal number{'s' if count > 1 else ''}")
        return numbers + (w.t(f"，以 {unit} 计", f", in {unit}") if unit else "")
    return w.t("连杆的名称", "a link's name") if attribute.get("link") else w.t("名称", "a name")


def _required(w: Writer, part: dict[str, Any]) -> str:
    if part.get("required"):
        return w.t("是", "yes")
    if types := part.get("required_for"):
        listed = w.t("、", ", ").join(f"`{t}`" for t in types)
        return w.t(f"{listed} 关节为是，其余为否", f"yes for {listed} joints, else no")
    if "default" in part:
        return w.t(f"否（缺省为 `{part['default']}`）", f"no (default `{part['default']}`)")
    return w.t("否", "no")


def xml_clauses(w: Writer, letter: str, first: int) -> list[Block]:
    """A clause and its table for each XML format, numbered from ``letter``.``first``."""
    out: list[Block] = []
    for index, (name, entry) in enumerate(xml_formats()):
        rows: list[tuple[str, ...]] = [(w.t("元素", "Element"), w.t("所在元素", "Parent"), w.t("属性", "Attribute"),
                                        w.t("取值", "Value"), w.t("是否必需", "Required"),
                                        w.t("读取该项的要求", "Read by"))]
        for tag, element in entry["elements"].items():
            parents = w.t("、", ", ").join(f"`{p}`" for p in element["parents"]) or "—"
            used = element.get("used_by")
            rows.append((f"`{tag}`", parents, "—", w.t("由 ", "used by ") + w.t("、", ", ").join(f"`{t}`" for t in used)
                         + w.t(" 关节使用", " joints") if used else "—", _required(w, element),
                         w.t("、", ", ").join(element.get("read_by", ())) or "—"))
            rows += [(f"`{tag}`", parents, f"`{attribute}`", _value(w, part), _required(w, part),
                      w.t("、", ", ").join(part["read_by"])) for attribute, part in element["attributes"].items()]
        title = w.text(entry["title"])
        out += [w.heading(f"{letter}.{first + index} {title}", 2, f"xml-format-{name}"),
                w.para(numbered_pointers(w, w.text(entry["lead"]), entry.get("cites", ())).replace("{table}", table_ahead(1))),
                w.table(rows, (25, 30, 25, 40, 30, 45), anchor=f"xml-format-table-{name}", title=title)]
    return out
