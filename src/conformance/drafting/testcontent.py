"""Annex D's paragraphs on violating test content: what a contract's ``x-test-content`` defines, in words, for the
laboratory that plants it, since no real violating content can be planted: in a request body (``POST /assets``,
category ``illegal``) or in a WebSocket message (``session.publish``'s chat, category ``harassment``: the forty-first
reading's b13 found that marker defined nowhere normative, though IF-CODE-010 plants it), or in a report's body
(``POST /reports``: the marker there says that the report's ``subject`` is violating content; sixty-ninth reading, b1)."""

from __future__ import annotations

from .contracts import Operation, TestContent, named_operations
from .writer import Block, Writer

#: how a test deployment treats each category's content (the category's own legal text; the Chinese, the English)
TREATED = {
    "illegal": ("《网络信息内容生态治理规定》第六条所列信息",
                "information Article 6 of the Provisions on the Governance of the Online Information Content "
                "Ecosystem lists"),
    "harassment": ("对接收者的骚扰（《网络暴力信息治理规定》所称网络暴力信息）",
                   "harassment of its recipient (online violence information as the Provisions on the Governance "
                   "of Online Violence Information call it)"),
}


def _plants(w: Writer, requirement: str, spec: TestContent) -> bool:
    """Whether ``requirement`` plants the content: its statement names the marker, or (a message's content, which a
    statement names as 「the harassment marker」) its notes do."""
    req = w.catalog.requirements[requirement]
    notes = req.notes.en if req.notes is not None else ""
    return spec.marker in req.statement.en or bool(spec.message) and spec.marker in notes


def _reported(w: Writer, requirement: str) -> bool:
    """Whether ``requirement`` sends an operation whose marked body says what it names is violating content (a report:
    the sixty-ninth reading's b1 found IF-MOD-002 listed under the content planted in ``POST /assets``, which it
    publishes without the marker)."""
    ops, _ = named_operations(w.catalog, [w.catalog.requirements[requirement]], w.data.procedures)
    return any(op.test_content is not None and bool(op.test_content.subject) for op in ops)


def test_content(w: Writer, op: Operation, spec: TestContent) -> Block:
    """The paragraph defining the violating test content planted through ``op``."""
    marker = spec.marker
    sep = "、" if w.lang == "zh" else ", "
    members = (" 或 " if w.lang == "zh" else " or ").join(f"`{m}`" for m in spec.members)
    categories = sep.join(f"`{c}`" for c in spec.categories)
    # the requirements that plant it (their statements or notes name the marker), not every one naming the operation
    # a body's content is not planted by a requirement whose marker is a report's (IF-MOD-002); a message's is
    # planted by the requirement that then reports it (IF-CODE-010)
    ids = sep.join(r for r in op.requirements if _plants(w, r, spec)
                   and (bool(spec.subject or spec.message) or not _reported(w, r)))
    treated = (sep if w.lang == "zh" else "; ").join(w.t(*TREATED[c]) for c in spec.categories if c in TREATED)
    where = (w.t(f"经 `{op.method} {op.path}` 建立的 WebSocket 发送的 `{spec.message}` 消息中", f"a `{spec.message}` "
                 f"message sent over the WebSocket `{op.method} {op.path}` opens") if spec.message
             else w.t(f"发送至 `{op.method} {op.path}` 的请求体中", f"a request body sent to `{op.method} {op.path}`"))
    if spec.subject:
        return w.para(w.t(
            f"举报表明的违规测试内容（{ids}）：{where}，成员 {members} 载有标记 `{marker}` 并后接 `:` 及类别"
            f"（{categories}）者，表明成员 `{spec.subject}` 所指之物为该类违规测试内容。被测平台的测试部署应将该物视为"
            f"{treated}，一如其经核实的举报所指的内容；其生产部署无需识别该标记。",
            f"Violating test content shown by a report ({ids}): {where} whose member {members} carries the marker "
            f"`{marker}` followed by `:` and a category ({categories}) says that what its member `{spec.subject}` "
            f"names is violating test content of that category. The test deployment of the platform under test shall "
            f"treat that item as {treated}, as it would the subject of a report it has verified; its production "
            "deployment need not know the marker."))
    return w.para(w.t(
        f"违规测试内容（{ids}）：{where}，成员 {members} 载有标记 `{marker}` "
        f"并后接 `:` 及类别（{categories}）者为违规测试内容。被测平台的测试部署应将其视为{treated}；"
        "其生产部署无需识别该标记。",
        f"Violating test content ({ids}): {where} whose member {members} "
        f"carries the marker `{marker}` followed by `:` and a category ({categories}) is violating test "
        f"content. The test deployment of the platform under test shall treat it as {treated}; its production "
        "deployment need not know the marker."))
