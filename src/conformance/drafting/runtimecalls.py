"""Annex D's tables of the runtime test interface's methods: the OpenXR functions it carries (``x-function`` in its
message schema's ``$defs``: the parameters the test equipment writes, since a handle, a pointer and a ``next`` chain
have no JSON form of OpenXR's own, and the result's schema; forty-fourth reading, a4) and the interface's own methods
(``x-method``: what OpenXR defines no function for; ninth reading). Both come from the schema the harness reads the
answers with, so that the text and the answers cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .crossrefs import table_ahead, table_ref
from .writer import Block, Writer

#: the schema cell of a result: (its key, its node, the schema file, the operation, its role) -> its clause's name
Short = Callable[[str, Any, str, str, tuple[str, str]], str]
_HEAD = (("方法", "Method"), ("参数", "Parameters"), ("结果", "Result"))
#: the anchors of the two tables, which the message schema's clause cites for its answers' `result`
_FUNCTIONS, _OWN = "runtime-functions", "runtime-own-methods"


def method_tables(w: Writer, defs: list[tuple[str, str, str, dict[str, Any]]], short: Short) -> list[Block]:
    """The paragraph and tables of the methods ``defs`` give: (schema file, operation, ``$defs`` key, node) of each
    node with an ``x-function`` or an ``x-method``; [] when none has."""
    def row(method: str, params: dict[str, str], uri: str, operation: str, key: str,
            node: dict[str, Any]) -> tuple[str, str, str]:
        result = short(f"{uri}#/$defs/{key}", node, uri, operation, ("结果", "result"))
        return f"`{method}`", w.text(params), w.text(node["x-result"]) + w.t("：", ": ") + result

    functions = [row(name, params, uri, op, key, node) for uri, op, key, node in defs
                 for name, params in node.get("x-function", {}).items()]
    own = [row(node["x-method"], node["x-params"], uri, op, key, node) for uri, op, key, node in defs if "x-method" in node]
    if not functions and not own:
        return []
    head = tuple(w.t(*cell) for cell in _HEAD)
    out = [w.para(w.t(
        "方法名为 OpenXR 1.1 函数名的请求，其参数与结果为该函数的结构以 JSON 表示（成员名同 OpenXR 结构，枚举值与标志位以其名称表示，"
        "`XrTime` 以 ns 计）；OpenXR 以句柄或指针给出者以名称或数组表示：空间以其输入路径或参考空间类型 `XrReferenceSpaceType` 的名称指明，"
        "手以 `XrHandEXT` 的名称指明，结构的 `next` 链为数组，每个元素为带有 `type`（`XrStructureType` 的名称）的结构；"
        "输入结构的成员直接为参数，输出结构的成员及输出数组（以其参数名）直接为结果的成员，数组的长度即其计数；"
        "实例、系统、会话、交换链及面部与身体跟踪器为对话中唯一者，不予指明，表中未列的输入成员由运行时测试接口给出。"
        f"测试设备所发送的函数、其参数与结果见表 {table_ahead(1)}；OpenXR 未规定的功能由运行时测试接口自身的方法承担，见表 {table_ahead(2)}。",
        "A request whose method is an OpenXR 1.1 function's name has that function's structures as JSON for parameters "
        "and result (OpenXR's member names, enumerants and flag bits by name, `XrTime` in ns); what OpenXR passes as a "
        "handle or a pointer is a name or an array: a space is named by its input path or its `XrReferenceSpaceType`, a "
        "hand by its `XrHandEXT`, and a structure's `next` chain is an array of structures each with its `type` (an "
        "`XrStructureType` name); an input structure's members are parameters, an output structure's members and an "
        "output array (under its parameter's name) are the result's, an array's length being its count; the instance, "
        "system, session, swapchain, face tracker and body tracker are the dialogue's one and are not named, and an "
        "input member the table does not list the runtime test interface supplies. The functions the test equipment "
        f"sends, their parameters and results are given in Table {table_ahead(1)}; what OpenXR defines no function "
        f"for, the test interface's own methods do, given in Table {table_ahead(2)}."))]
    out.append(w.table([head, *functions], (40, 60, 65), anchor=_FUNCTIONS, title=w.t("运行时测试接口所承载的 OpenXR 函数",
                                                                 "The OpenXR functions the runtime test interface carries")))
    out.append(w.table([head, *own], (40, 60, 65), anchor=_OWN, title=w.t("运行时测试接口自身的方法", "The runtime test interface's own methods")))
    return out


def result_pointer(w: Writer, node: object) -> list[Block]:
    """Under the members of a message schema whose ``$defs`` give the methods' results, where its answers' `result`
    (an object the envelope does not constrain) is defined: the two tables' result column (forty-fourth reading, a4:
    D.5's `result` said 「无」 and pointed nowhere); [] for any other schema."""
    defs = node.get("$defs") if isinstance(node, dict) else None
    if not isinstance(defs, dict) or not any(isinstance(d, dict) and ("x-function" in d or "x-method" in d)
                                             for d in defs.values()):
        return []
    return [w.para(w.t(f"应答的 `result` 的成员按所请求的方法见表 {table_ref(_FUNCTIONS)} 与表 {table_ref(_OWN)} 的结果一列。",
                       f"The members of an answer's `result` are given by the method requested, in the result column "
                       f"of Table {table_ref(_FUNCTIONS)} and Table {table_ref(_OWN)}."))]
