"""Under a schema's members, the values of a member that names what another member holds, as the schema's
``x-value-types`` gives them (fifty-fifth reading, a3: the Handle value types IR-RES-003 reads, `DESCRIBES.ID` and
`DESCRIBES.SHA256`, and the digest's 64 lower-case hexadecimal digits, stood only in the schema's English
description, so D.5.3 said of `values[].type` no more than 「长度不小于 1」). The check reads the same names and
compares the digest as the schema says (tests/drafting/test_reading_fiftyfifth_cases55.py holds them together)."""

from __future__ import annotations

from .writer import Block, Writer


def value_types(w: Writer, node: object) -> list[Block]:
    """One paragraph for a schema carrying ``x-value-types`` ({"member", "data", "types": [{"type", "format",
    "value", "value-zh"}]}); [] for any other schema."""
    kinds = node.get("x-value-types") if isinstance(node, dict) else None
    if not isinstance(kinds, dict):
        return []
    member, data = f"`{kinds['member']}`", kinds["data"]
    zh = "；".join(f"`{t['type']}`：`{data}.format` 为 `{t['format']}`，`{data}.value` 为{t['value-zh']}"
                  for t in kinds["types"])
    en = "; ".join(f"`{t['type']}`: `{data}.format` is `{t['format']}` and `{data}.value` is {t['value']}"
                   for t in kinds["types"])
    return [w.para(w.t(f"上表中 {member} 的下列取值由本附录规定，同一值的 `{data}` 如下：{zh}。{member} 的其他取值按 RFC 3651 第 3.1 节理解。",
                       f"The following values of {member} in the table above are defined by this annex, with the "
                       f"`{data}` of the same value as given: {en}. Other values of {member} are read as RFC 3651, "
                       "section 3.1 has them."))]
