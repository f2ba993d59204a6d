"""Annex D's parts that the discovery document brings (issue 76): the clause defining the document itself, its
members as a table generated from the schema the harness validates it with (``interfaces/discovery.json``), and
the query parameters of each operation annex D lists, from the contract's ``parameters``.

An operation at a path the discovery document declares (``user_data.export``) is reached by a requirement that
names the member (:func:`.contracts.named_operations`, by the operation's ``x-discovery``), so a statement saying
"GET on the declared user_data.export path" refers to a part of the document as "GET /users/{did}/export" does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import urldefrag, urljoin

from .._catalog.catalog import Catalog
from .._catalog.contractops import offer_marks
from .._catalog.schemas import BASE_URI
from .contracts import Operation, operations
from .schema_summary import summary
from .schematables import member_cells, schema_table
from .writer import NEXT_TABLE, Block, Writer, table_ref

#: the anchor of the discovery document's clause, which annex D's operations table cites for its schema
DISCOVERY_ANCHOR = "annex-discovery"

#: levels of members the discovery table gives: every level of the schema (``minors.playtime.windows[].start``,
#: ``risk_grade.assessment.inputs.registered_users``), so a member a test case reads is never cut off
DISCOVERY_DEPTH = 6

#: where a parameter is sent, as OpenAPI's ``in`` names it
_WHERE = {"query": ("查询", "query"), "header": ("首部", "header"), "cookie": ("Cookie", "cookie")}


def resolver(catalog: Catalog) -> Any:
    """(base URI, $ref) -> (the schema, its base URI), through the catalog's registry as a run resolves them."""
    registry = catalog.schemas.registry

    def resolve(at: str, ref: str) -> tuple[object, str]:
        return registry.resolver(base_uri=at).lookup(ref).contents, urldefrag(urljoin(at, ref))[0]

    return resolve


def discovery_clause(w: Writer, catalog: Catalog, number: str, uri: str, used: list[Operation]) -> list[Block]:
    """The clause 「服务发现文档」: what the document is, where it is served, and its members' table (each member's
    type, whether required, constraints and meaning, read from the schema's ``description`` and
    ``x-description-zh``). ``used``: the operations annex D lists; a member through which only operations it
    leaves out are reached is marked so (twentieth reading: the table presented their paths as the platform's
    interface)."""
    name = f"`{uri.removeprefix(BASE_URI)}`"
    # the operations tables that name the member an operation is reached through (the contracts' tables)
    cited = list(dict.fromkeys(operations_anchor(op.contract) for op in used if op.discovery))
    zh_tables, en_tables = ("、".join(f"表 {table_ref(a)}" for a in cited),
                            ", ".join(f"Table {table_ref(a)}" for a in cited))
    table = schema_table(w, catalog.schemas.get(uri), uri, resolver(catalog), DISCOVERY_DEPTH, title=name,
                         described=True, named=True)
    return [w.heading(w.t(f"{number} 服务发现文档", f"{number} The discovery document"), 2, DISCOVERY_ANCHOR),
            w.para(w.t(f"服务发现文档由 `GET /.well-known/metaverse-interop`（RFC 8615 规定的众所周知 URI）以 `application/json` "
                       f"提供，其模式为 {name}，成员列于表 {NEXT_TABLE}。值为路径的成员（如 "
                       "`user_data.export`）给出相对于平台基础地址的路径，路径中的 `{did}` 等由测试填入；"
                       f"本附录中经这些成员到达的操作，以其在接口契约中的方法与路径列出，{zh_tables} 的“操作”栏注明所经的成员；"
                       "经其到达的操作均不在本附录中的成员，其说明注明其用途。"
                       "`a.*` 为对象 `a` 中名称由文档自定的任一成员，“必需”栏记为“—”。",
                       "The discovery document is served at `GET /.well-known/metaverse-interop` (the well-known "
                       f"URI of RFC 8615) as `application/json`; its schema is {name}, whose members Table {NEXT_TABLE} "
                       "lists. A member whose value is a path (`user_data.export`) gives "
                       "a path relative to the platform's base address, its `{did}` and the like filled in by the "
                       "test; the operations of this annex reached through such a member are listed by their method "
                       f"and path in the interface contract, the member named in the \"Operation\" column of {en_tables}; "
                       "a member through which no operation of this annex is reached says what it serves. "
                       "`a.*` is any member of object `a` whose name the document chooses, marked \"—\" under "
                       "\"Required\".")),
            _marked(w, table, _left_out(catalog, used))]


def operations_anchor(contract: str) -> str:
    """The anchor of annex D's operations table of ``contract``, which the discovery clause cites by number."""
    return "operations-" + contract.removeprefix(BASE_URI)


def _left_out(catalog: Catalog, used: list[Operation]) -> dict[str, bool]:
    """Member -> whether the operations reached through it that annex D leaves out are all of test deployments;
    only members none of whose operations annex D lists (docs/drafting.md, "Annex D: the discovery document and
    what it reaches": reached by candidate requirements only, or the order's test clock)."""
    listed = {op.discovery for op in used}
    out: dict[str, bool] = {}
    for op in operations(catalog):
        if op.discovery and op.discovery not in listed:
            out[op.discovery] = out.get(op.discovery, True) and op.test_only
    return out


def _marked(w: Writer, table: Block, left: dict[str, bool]) -> Block:
    """The members' table with each member of ``left`` marked in its description."""
    drafts = w.annex("candidates")
    # a test deployment's hook no requirement reaches states that, as D.6's lead-in asks (28th reading, row b5)
    test = w.t("；本文件的要求均不使用该成员，本附录不规定经其到达的操作",
               "; used by no requirement of this document, this annex does not define "
               "the operations reached through it")
    candidates = (w.t(f"；仅为附录 {drafts} 所列要求所用，本附录不规定经其到达的操作",
                      f"; used only by requirements listed in annex {drafts}, this annex does not define the "
                      "operations reached through it") if drafts else test)

    def mark(said: str, member: str) -> str:  # before the description's full stop
        stop = said[-1:] if said[-1:] in ("。", ".") else ""
        return said.removesuffix(stop) + (test if left[member] else candidates) + stop

    rows = [row if row[0].strip("`") not in left else (*row[:-1], mark(row[-1], row[0].strip("`")))
            for row in table.rows]
    return replace(table, rows=tuple(rows))


def reached_through(w: Writer, op: Operation, said: str) -> str:
    """What the operations table adds to an operation reached through a discovery member its summary does not
    name already: 「（经服务发现文档的 `user_data.profile`）」; or through a URL an answer carries (x-link), whose
    path the platform chooses too (thirty-eighth reading, row b4: `GET /credentials/status/1` read as a fixed route)."""
    offer = offered_by(w, op)
    if op.link and op.link not in said:
        return w.t(f"（经应答所载 `{op.link}` 的 URL）", f" (through the URL an answer's `{op.link}` gives)") + offer
    if not op.discovery or op.discovery in said:
        return offer
    suffix = op.source.get("x-discovery-suffix") if isinstance(op.source, dict) else None
    if isinstance(suffix, str) and suffix:  # the path is the member's value followed by it, as declared_path reads it
        return w.t(f"（经服务发现文档的 `{op.discovery}` 后接 `{suffix}`）",
                   f" (through the discovery document's `{op.discovery}` followed by `{suffix}`)") + offer
    through = w.t(f"（经服务发现文档的 `{op.discovery}`）", f" (through the discovery document's `{op.discovery}`)")
    return through + offer


def offered_by(w: Writer, op: Operation) -> str:
    """The test profiles (``x-profiles``) and features (``x-features``) whose declaration offers the operation, as
    the operations table adds them: 「（列出测试配置 `generation-interface` 的平台提供）」 (seventy-second reading,
    b's doubtful 1; the checks read the same marks, :func:`conformance.area.offered`)."""
    profiles, features, _ = offer_marks(op.source)
    if not profiles:
        return ""
    many = len(profiles) > 1
    zh = "、".join(f"`{p}`" for p in profiles) + (" 中任一项" if many else "")
    if features:
        zh += ("" if many else " ") + "并列出特性 " + "、".join(f"`{f}`" for f in features)
    zh += "" if many and not features else " "
    listed_en = ("one of the profiles " if many else "the profile ") + ", ".join(f"`{p}`" for p in profiles)
    feature_en = " and the feature " + ", ".join(f"`{f}`" for f in features) if features else ""
    return w.t(f"（由服务发现文档列出测试配置 {zh}的平台提供）",
               f" (offered by a platform whose discovery document lists {listed_en}{feature_en})")


def parameter_tables(w: Writer, ops: Iterable[Operation], contract: str) -> list[Block]:
    """The parameters other than the path's that the listed operations take (``limit``, ``personalised``), each
    with where it is sent, its type and constraints, whether required and its meaning; none: no table."""
    rows: list[tuple[str, ...]] = [(w.t("参数", "Parameter"), w.t("所属操作", "Operation"), w.t("位置", "In"), w.t("类型", "Type"), w.t("必需", "Required"),
                                    w.t("约束", "Constraints"), w.t("说明", "Description"))]
    resolve = resolver(w.catalog)
    for op in ops:
        for parameter in op.parameters:
            node = {"type": "object", "properties": {parameter.name: {**parameter.schema, **{
                k: v for k, v in (("description", parameter.description["en"]),
                                  ("x-description-zh", parameter.description["zh"])) if v}}}}
            (row,) = summary(node, op.contract, resolve, 1)
            _, types, _, said, meaning = member_cells(w, row, described=True)
            where = w.t(*_WHERE.get(parameter.location, (parameter.location, parameter.location)))
            rows.append((f"`{parameter.name}`", f"`{op.method} {op.path}`", where, types,
                         w.t("是", "yes") if parameter.required else w.t("否", "no"), said, meaning))
    if len(rows) == 1:
        return []
    return [w.para(w.t(f"上表操作除路径参数外所取的参数列于表 {NEXT_TABLE}。",
                       f"The parameters other than the path's these operations take are listed in Table {NEXT_TABLE}.")),
            w.table(rows, (20, 36, 12, 16, 12, 30, 46), title=w.t(f"`{contract.removeprefix(BASE_URI)}` 的操作参数",
                                                                  f"Parameters of `{contract.removeprefix(BASE_URI)}`"))]
