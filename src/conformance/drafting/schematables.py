"""A schema's members as the tables of annexes D and E give them: member, type, required, constraints, read
from the schema itself (split from :mod:`.annexes` when the thirteenth reading's annex A sentences needed room)."""

from __future__ import annotations

import re
from typing import Any, cast

from .schema_summary import ABSENT, FIRST, PRESENT
from .writer import Block, Writer, table_ref


def schema_table(w: Writer, node: object, base: str, resolve: Any, depth: int | None = None, title: str = "",
                 described: bool = False, named: bool = False, tabled: dict[str, object] | None = None,
                 anchor: str = "") -> Block:
    """One schema's members as a table titled 「``title`` 的成员」 (a bare URI said what, not that it lists members):
    member, type, required, constraints, read from the schema (:mod:`.schema_summary`), ``depth`` levels deep;
    ``described``: a last column 「说明」 with each member's meaning and unit, from the schema's descriptions
    (issue 76: the data formats annex defined no member but `t`; a member without one is shown 「—」);
    ``tabled``: the schemas with a table of their own, by URI, each (its title, its table's anchor), which a member
    conforming to one refers to; ``anchor``: this table's."""
    from .schema_summary import MAX_DEPTH, closure, summary

    rows: list[tuple[str, ...]] = [(w.t("成员", "Member"), w.t("类型", "Type"), w.t("必需", "Required"),
                                    w.t("约束", "Constraints"))
                                   + ((w.t("说明", "Description"),) if described else ())]
    if whole := closure(node, base, resolve):  # the object itself, in a first row (:func:`closed_words`)
        said = w.t("；", "; ").join(_constraint(w, *rule) for rule in whole)
        rows.append((w.t(*WHOLE), "`object`", "—", said)
                    + ((w.t("本表所列成员所属的对象。", "The object whose members this table lists."),) if described else ()))
    rows += [member_cells(w, row, described)
             for row in _joined(summary(node, base, resolve, MAX_DEPTH if depth is None else depth, named, tabled))]
    if len(rows) == 1:
        rows.append(("—", "—", "—", w.t("不限定成员", "no members constrained")) + (("—",) if described else ()))
    gap = " " if title[-1:].isascii() else ""  # 「`a.json` 的成员」, 「请求体的成员」
    widths = (40, 20, 12, 50, 60) if described else (55, 25, 15, 70)
    # "Members of the `importAsset` request body" (an operation's inline body); a schema file's name stands alone
    the = "the " if title.startswith("`") and " " in title else ""
    return w.table(rows, widths, title=w.t(f"{title}{gap}的成员", f"Members of {the}{title}") if title else "",
                   anchor=anchor)


def _joined(rows: list[Any]) -> list[Any]:
    """One row a member, in the place of its first: a member two ``allOf`` parts constrain (an access token's `amr`,
    the key proof's item and the one-time password's; fifty-first reading's leftovers) was two rows of one name."""
    from dataclasses import replace

    joined: dict[str, Any] = {}
    for row in rows:
        had = joined.get(row.path)
        joined[row.path] = row if had is None else replace(
            had, types=had.types or row.types, required=had.required or row.required,
            constraints=had.constraints + row.constraints, description=had.description or row.description)
    return list(joined.values())


def member_cells(w: Writer, row: Any, described: bool = False) -> tuple[str, ...]:
    """One member's cells: its path as code, type, required (「—」 for an array's elements), constraints in words
    (「无」 for none) and, ``described``, its meaning in the writer's language (「—」 without one)."""
    # a condition names its member by the full path, as every other cell does (thirtieth reading: 「`type` 为
    # `issue` 时」 in `events[].from` read as the table's top-level `type`, which is never `issue`)
    required = "—" if row.required is None else (w.t("是", "yes") if row.required else required_when(w, row.when))
    # 「无」 where nothing is constrained, in every member and parameter table: a blank cell (the member tables) and
    # 「—」 (the parameter tables) said the same twice, and 「—」 means "not applicable" under 「必需」 (twentieth reading)
    constraints = [(kind, (sibling(row.path, value[0]), *value[1:]) if kind in _SIBLING_CONDITIONS else value)
                   for kind, value in row.constraints]
    said = w.t("；", "; ").join(_constraint(w, kind, value) for kind, value in constraints) or w.t("无", "none")
    meaning = (cited_tables((row.description or {}).get(w.lang) or "—"),) if described else ()
    return (f"`{row.path}`", row.types or "—", required, said) + meaning


#: where a text (an environment row, a schema's description) cites a table of the draft by its anchor,
#: 「表 {table:decision-rules-table}」: its number is known only once the document is whole (twenty-second reading:
#: 5.9 listed 28 measuring cases by hand while the table of decision rules, generated from the catalog, lists 54)
_CITED_TABLE = re.compile(r"\{table:([a-z0-9-]+)\}")


def cited_tables(text: str) -> str:
    """``text`` with each ``{table:anchor}`` replaced by the mark of the cited table's number (forty-first reading,
    part h94-fmt3: the schemas' descriptions typed 「见表 E.10」, left stale when two formats came before the table of
    each stream type's frames)."""
    return _CITED_TABLE.sub(lambda match: table_ref(match.group(1)), text)


def sibling(path: str, name: str) -> str:
    """The path of member ``name`` of the object holding the member at ``path`` (`events[].from`, `type` ->
    `events[].type`)."""
    return f"{path.rsplit('.', 1)[0]}.{name}" if "." in path else name


def required_when(w: Writer, when: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """「否」 for a member never required; for one the schema requires on another member's value (``Row.when``), the
    condition: 「`type` 为 `pose`、`hand` 之一时是，否则否」 (twenty-ninth reading: the condition was dropped)."""
    if not when:
        return w.t("否", "no")
    said = [_value_is(w, on, values) for on, values in when]
    return w.t(f"{'或'.join(said)}时是，否则否", f"yes when {' or '.join(said)}; otherwise no")


def _value_is(w: Writer, on: str, values: tuple[str, ...], negated: bool = False) -> str:
    """「`type` 为 `pose`、`hand` 之一」 (``negated``: 「不为」), or of the first item of an array member when the
    values start with :data:`FIRST` (「`@context` 的第 1 个元素为 ……」); whether the member is there for
    (:data:`PRESENT`,) or (:data:`ABSENT`,) (「`…` 出现」, thirty-first reading)."""
    if values in ((PRESENT,), (ABSENT,)):
        return w.t(f"`{on}` {'' if values == (PRESENT,) else '不'}出现",
                   f"`{on}` is {'present' if values == (PRESENT,) else 'absent'}")
    if values[:1] == (FIRST,):
        values = values[1:]
        on_zh, on_en = f"`{on}` 的第 1 个元素", f"item 1 of `{on}`"
    else:
        on_zh, on_en = f"`{on}`", f"`{on}`"
    codes = [f"`{value}`" for value in values]
    be_zh, be_en = ("不为", "is not") if negated else ("为", "is")
    be_zh = f" {be_zh}" if on_zh.endswith("`") else be_zh  # a space between code and Chinese only
    return w.t(f"{on_zh}{be_zh} {codes[0]} " if len(codes) == 1 else f"{on_zh}{be_zh} {'、'.join(codes)} 之一",
               f"{on_en} {be_en} {codes[0]}" if len(codes) == 1 else f"{on_en} {be_en} one of {', '.join(codes)}")


def required_words(w: Writer, cells: str | None = None) -> str:
    """What the tables' 「必需」 column means (fifteenth reading: 是 for a member of an optional object read as if
    every instance needed it, and 「—」 for an array's elements was explained nowhere), and the conditions its cells
    and the constraints depend on; ``cells``: the tables' 必需 and 约束 cells, a notation they never print left out
    (thirty-third reading: annex E's legend defined seven notations none of its tables uses)."""
    return _said(w, _REQUIRED, cells)


def keyword_words(w: Writer, cells: str | None = None) -> str:
    """What the constraints the thirty-second reading added mean: a member that shall be absent, an item an array
    shall contain, an encoding, the names of a keyed object's members, a condition on an array's first item
    (``cells`` as :func:`required_words`)."""
    return _said(w, _KEYWORDS, cells)


def dash_words(w: Writer, blocks: list[Block]) -> str:
    """What 「—」 means where ``blocks``' member tables print it outside the 必需 column: under 「类型」, and as
    the one row of a table whose schema constrains no member (thirty-fourth reading: the legend defined 「—」 for
    必需 alone)."""
    rows = [row for block in blocks if block.kind == "table" for row in block.rows[1:]]
    said = []
    if any(row[0] != "—" and row[1] == "—" for row in rows):
        said.append(w.t("“类型”栏记为“—”的成员，其模式不规定类型："
                        "取值由其约束（如所列备选形式）限定，无约束的可为任一 JSON 值。",
                        "A member marked \"—\" under \"Type\" is one whose schema fixes no type: its values are those "
                        "its constraints allow (such as the alternative forms listed), any JSON value "
                        "where it has none."))
    if any(row[0] == "—" for row in rows):
        said.append(w.t("表中仅有一行且成员记为“—”、约束为“不限定成员”的，其模式不限定任何成员。",
                        "A table whose one row is marked \"—\" under \"Member\" with \"no members constrained\" "
                        "gives a schema that constrains no member."))
    return w.t("", " ").join(said)


def _said(w: Writer, pieces: tuple[tuple[tuple[str, ...], str, str], ...], cells: str | None) -> str:
    """The legend's sentences whose notation (any of its marks, in the writer's language) ``cells`` prints; all
    of them without ``cells``."""
    kept = [w.t(zh, en) for marks, zh, en in pieces
            if cells is None or not marks or any(mark in cells for mark in marks)]
    return w.t("", " ").join(kept)


#: (marks zh and en, zh, en): the 必需 column and the conditions, each sentence with what the cells print for it
_REQUIRED = (
    ((), "“必需”为“是”的成员在其所属对象出现时应出现（顶层成员在每个实例中均应出现），为“否”的成员可以省略；"
         "数组的元素不适用此栏，记为“—”。",
     "A member marked \"yes\" under \"Required\" shall be present whenever the object holding it is (a top-level "
     "member in every instance), one marked \"no\" may be left out; an array's elements are marked \"—\"."),
    (("时是，否则否", "; otherwise no"),
     "记为“……时是，否则否”的成员在所属对象中所述成员取所列值时应出现，否则可以省略。",
     "A member marked \"yes when … ; otherwise no\" shall be present when the member named there, in the same "
     "object, has one of the values listed, and may be left out otherwise."),
    (("时类型为", "of type "),
     "约束中“……为……时类型为……”取决于所述成员的取值，该成员以完整路径写出，为同一对象中的成员。",
     "A constraint \"of type … when … is …\" depends on the value of the member named, written by its full path, a "
     "member of the same object."),
    (("为 `array` 时", "when `array`"), "约束“为 `array` 时：……；否则：……”取决于成员自身的类型。",
     "A constraint \"when `array`: …; otherwise: …\" depends on the member's own type."),
    (("出现时", "is present", "is absent"),
     "条件为“……出现时”或“……不出现时”的，取决于所述成员（以完整路径写出，可以是其他对象中的成员）是否出现。",
     "A condition \"when … is present\" or \"when … is absent\" depends on whether the member named, written by "
     "its full path (which may be in another object), is there."))

#: the same for the constraints the thirty-second reading added
_KEYWORDS = (
    (("不应出现", "shall be absent"),
     "约束“不应出现”表示该成员不应出现在所属对象中（如某种备选形式不含 `id`）。",
     "\"Shall be absent\" is a member the object holding it does not carry (such as an alternative form without "
     "`id`)."),
    (("时不应出现", "shall be absent when"), "约束“……时不应出现”表示仅在所述条件成立时如此。",
     "\"Shall be absent when …\" is so only where that condition holds."),
    (("含取值为", "contains an item"), "约束“含取值为……的元素”表示数组至少有一个元素取该值。",
     "\"Contains an item …\" is an array at least one of whose items has that value."),
    (("编码", "encoded as"), "约束“以 `base64` 编码”表示字符串为该编码的数据。",
     "\"Encoded as `base64`\" is a string holding data so encoded."),
    (("成员名称匹配", "member names match"), "约束“成员名称匹配……”约束对象中各成员的名称。",
     "\"Member names match …\" constrains the names of the object's members."),
    (("不封闭", "not closed"), "约束“不封闭”表示对象除所列成员外还可以含其他成员。",
     "\"Not closed\" is an object that may hold members besides those listed."),
    (("的第 1 个元素为", "item 1 of"), "条件“……的第 1 个元素为……”取决于所述数组成员的第一个元素。",
     "A condition \"item 1 of … is …\" depends on the first item of the array member named."))


#: the first row of a table whose schema's object is itself closed
WHOLE = ("（对象本身）", "(the object itself)")


#: how the tables' patterns and formats are read (fortieth reading b2, b3: the dialect was left to guess, and
#: 「格式 `uri`」 rested on no document the draft lists); the Python-only end guard is not printed (patterns.py);
#: the dialect's edition as clause 2 dates it (58th reading, a2: ECMA-262 was cited undated and listed nowhere)
DIALECT_ZH = ("约束中的正则表达式按 JSON Schema 2020-12（见第 2 章）的规定以 ECMA-262（2020-06）正则"
              "表达式方言解读；“格式”为该文件所定义的 `format` 取值，如 `date-time` 为 RFC 3339 的 `date-time`，"
              "`uri` 为 RFC 3986 的 URI。")
DIALECT_EN = (" The regular expressions of the constraints are read in the ECMA-262 (2020-06) dialect, as JSON Schema "
              "2020-12 (clause 2) reads them; a \"format\" is a `format` value that document defines, such as "
              "`date-time`, RFC 3339's `date-time`, and `uri`, an RFC 3986 URI.")


def closed_words(w: Writer) -> str:
    """What 「封闭」 means in annexes D and E (twenty-ninth reading: 「只含所列成员」, while 108 closed objects take
    members named `x-…`, as ``patternProperties`` admits; the tables now say which; thirty-fifth reading: the first
    row's 「不封闭」 and its 「—」 under 必需 were not among the cases said)."""
    return w.t("“封闭”表示对象只含所列成员；约束注明“另可含名称匹配……的成员”者，还可以含名称匹配该正则表达式的成员"
               "（如名称以 `x-` 开头的扩展成员）。表的第一行为“（对象本身）”的，给出该表模式所定义的对象本身的约束：该对象封闭，"
               "不封闭（除所列成员外还可含其他成员），或实例符合所列备选形式之一（“符合 *n* 种形式之一”表示恰符合其中一种，"
               "其成员记为〔*k*〕）；该行不是成员，“必需”栏记为“—”。",
               "\"Closed\" is an object that holds no member but those listed and, where its constraints say "
               "\"members whose names match … allowed too\", members whose names match that regular expression "
               "(such as extension members whose names start with `x-`). A table's first row \"(the object itself)\" gives the "
               "constraints of the object its schema defines: that it is closed, that it is not closed (it may hold "
               "members besides those listed), or that an instance is one of the alternative forms listed (\"exactly "
               "one of *n* forms\": one and only one of them, whose members are marked 〔*k*〕); that row is no member "
               "and is marked \"—\" under \"Required\".") + w.t(DIALECT_ZH, DIALECT_EN)


#: each constraint of a schema summary as the annex words it (zh, en); {} is the value
_CONSTRAINTS = {"const": ("取值为 {}", "the value {}"), "enum": ("取值之一：{}", "one of {}"),
                "format": ("格式 {}", "format {}"), "pattern": ("匹配正则表达式 {}", "matches {}"),
                "minLength": ("长度不小于 {}", "length at least {}"),
                "maxLength": ("长度不大于 {}", "length at most {}"),
                "minItems": ("元素不少于 {} 个", "at least {} items"),
                "maxItems": ("元素不多于 {} 个", "at most {} items"),
                "minimum": ("不小于 {}", "at least {}"), "maximum": ("不大于 {}", "at most {}"),
                "exclusiveMinimum": ("大于 {}", "above {}"), "exclusiveMaximum": ("小于 {}", "below {}"),
                "minProperties": ("成员不少于 {} 个", "at least {} members"),
                "maxProperties": ("成员不多于 {} 个", "at most {} members"),
                "multipleOf": ("为 {} 的整数倍", "a multiple of {}"), "uniqueItems": ("元素互不相同", "items distinct"),
                "closed": ("封闭", "closed"),
                "closed_but": ("封闭（另可含名称匹配 {} 的成员）", "closed (members whose names match {} allowed too)"),
                "oneOf": ("符合 {} 种形式之一", "exactly one of {} forms"),
                "anyOf": ("符合 {} 种形式中的至少一种", "at least one of {} forms"),
                "recursive": ("递归引用 {}", "refers back to {}"), "required": ("带有 {}", "has {}"),
                "refer": ("符合 {}", "conforms to {}"),
                # thirty-second reading: `contains`, `contentEncoding`, `propertyNames`, `not: {required}` were never printed
                "contains": ("含取值为 {} 的元素", "contains an item {}"), "contentEncoding": ("以 {} 编码", "encoded as {}"),
                "contains_any": ("含取值为 {} 之一的元素", "contains an item that is one of {}"),
                "propertyNames": ("成员名称匹配正则表达式 {}", "member names match {}"),
                "absent": ("不应出现", "shall be absent"),
                # thirty-fourth reading: an object listing no member, and what tells alike forms apart
                "open": ("不封闭", "not closed")}


def _constraint(w: Writer, kind: str, value: object) -> str:
    if kind == "value_is":  # 「`method` 为 `session.joined` 或 `session.left`」
        member, values = cast("tuple[str, list[str]]", value)
        return w.t(f"`{member}` 为 {' 或 '.join(values)}", f"`{member}` is {' or '.join(values)}")
    if kind in _CONDITIONAL:
        return _conditional(w, kind, value)
    zh, en = _CONSTRAINTS[kind]
    if kind == "recursive":
        value = f"`{value}`"
    if kind == "refer":  # a schema with its own table: its title and the table's number
        title, anchor = value if isinstance(value, tuple) else ("", "")
        value = w.t(f"{title}（见表 {table_ref(anchor)}）", f"{title} (see Table {table_ref(anchor)})")
    if kind in _COUNTED and value == "`1`" and w.lang != "zh":  # "at least `1` item", not "items" (thirty-first reading)
        en = en.replace("items", "item").replace("members", "member")
    if kind in ("enum", "contains_any") and w.lang != "zh":  # the values joined as the writer's language joins a list
        value = str(value).replace("`、`", "`, `")
    if kind == "required" and isinstance(value, tuple):  # a form's required members, in the writer's language
        names = [f"`{name}`" for name in value]
        value = w.t("、".join(names[:-1]) + " 与 " + names[-1] if len(names) > 1 else names[0],
                    ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])
    if isinstance(value, tuple):  # the alternatives of oneOf / anyOf, each its types and constraints
        forms = []
        for number, (types, said) in enumerate(value, 1):
            parts = ([types] if types else []) + [_constraint(w, k, v) for k, v in said]
            forms.append(f"〔{number}〕" + (w.t("，", ", ").join(parts) or w.t("不限", "any")))
        return w.t(zh.format(len(value)), en.format(len(value))) + w.t("：", ": ") + w.t("；", "; ").join(forms)
    return w.t(zh.format(value), en.format(value))


#: the constraints counting items or members, whose English noun is singular for the value 1
_COUNTED = ("minItems", "maxItems", "minProperties", "maxProperties")

#: the kinds a schema's conditional rules give (:func:`.schema_summary._conditions`, ``_by_type``), worded by
#: :func:`_conditional` (twenty-ninth reading: the tables dropped ``if``/``then`` and ``prefixItems``)
_CONDITIONAL = ("when_type", "when_pattern", "by_type", "prefixItem", "items", "absent_unless")
#: the conditional kinds whose condition names another member of the object (by its full path in the table)
_SIBLING_CONDITIONS = ("when_type", "when_pattern", "absent_unless")


def _conditional(w: Writer, kind: str, value: Any) -> str:
    """A conditional rule in words: 「`type` 为 `issue` 时类型为 `null`」, 「为 `array` 时：……；否则：……」, 「第 1 个元素……」
    (a member required on a condition says so in the 必需 column, :func:`required_when`)."""
    def said(constraints: tuple[tuple[str, object], ...]) -> str:
        return w.t("，", ", ").join(_constraint(w, k, v) for k, v in constraints)

    if kind == "items":
        return w.t(f"元素{said(value)}", f"items: {said(value)}")
    if kind == "prefixItem":
        number, constraints = value
        return w.t(f"第 {number} 个元素{said(constraints)}", f"item {number}: {said(constraints)}")
    if kind == "by_type":
        kind_of, then, other = value
        text = w.t(f"为 {kind_of} 时：{said(then)}", f"when {kind_of}: {said(then)}") if then else ""
        if other:
            text += (w.t("；否则：", "; otherwise: ") if text else w.t("不为 {} 时：", "when not {}: ").format(kind_of)) \
                + said(other)
        return text or w.t("无", "none")
    if kind == "absent_unless":  # what an ``else`` forbids: 「`@context` 的第 1 个元素不为 `…` 时不应出现」
        return w.t(f"{_value_is(w, value[0], value[1], negated=True)}时不应出现",
                   f"shall be absent when {_value_is(w, value[0], value[1], negated=True)}")
    key, values = value[0], value[1]
    if values in (PRESENT, ABSENT):  # whether the member is there
        there = _value_is(w, key, (values,))
        return w.t(f"{there}时类型为 {value[2]}", f"of type {value[2]} when {there}")
    one_of = "、" in values
    values_en = values.replace("`、`", "`, `")
    when = w.t(f"`{key}` 为 {values}{' 之一' if one_of else ' '}时", f"when `{key}` is {'one of ' if one_of else ''}{values_en}")
    if kind == "when_pattern":
        return w.t(f"{when}匹配正则表达式 {value[2]}", f"matches {value[2]} {when}")
    return w.t(f"{when}类型为 {value[2]}", f"of type {value[2]} {when}")
