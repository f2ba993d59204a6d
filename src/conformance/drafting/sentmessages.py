"""Annex D's tables of the messages a party sends over a connection whose schema gives what the platform sends at
its top and what the party sends in ``$defs`` (``x-annex-sent``: those ``$defs`` names; fifty-seventh reading, b3:
D.5.36 printed only the session messages the platform sends, so no normative text said where `session.join` carries
the bearer token or what `session.publish` holds, though IF-SES-001 to -006 send them)."""

from __future__ import annotations

from typing import Any

from .writer import Block, Writer


def _sent(node: object) -> list[str]:
    if not isinstance(node, dict):
        return []
    names, defs = node.get("x-annex-sent"), node.get("$defs", {})
    return [name for name in names if name in defs] if isinstance(names, list) else []


def sent_tables(catalog: Any, keys: Any) -> int:
    """How many tables :func:`sent_messages` adds for the schemas ``keys`` (for the legend's 「表 x 至表 y」)."""
    return sum(len(_sent(catalog.schemas.get(key))) for key in keys if key.endswith(".json"))


def sent_messages(w: Writer, catalog: Any, key: str, resolve: Any, tabled: dict[str, Any], anchor: str) -> list[Block]:
    """A paragraph and one member table for each message ``$defs`` the schema ``key`` lists in ``x-annex-sent``."""
    from .schema_summary import EVERY_LEVEL
    from .schematables import schema_table

    node = catalog.schemas.get(key) if key.endswith(".json") else None
    names = _sent(node)
    if not names or not isinstance(node, dict):
        return []
    methods = [f"`{node['$defs'][name]['properties']['method']['const']}`" for name in names]
    out = [w.para(w.t("参与者在同一连接上发送的消息亦为 JSON-RPC 2.0 消息，每条消息一个文本帧，"
                      f"为 {'、'.join(methods)} 之一，"
                      "其成员见下列各表；请求（带有 `id`）得到上表所列形式的应答，通知（不带 `id`）没有应答。",
                      f"What a participant sends on the same connection is a JSON-RPC 2.0 message too, one text frame "
                      f"each, one of {', '.join(methods)}, whose members the tables below give; a request (with an "
                      "`id`) is answered in a form of the table above, a notification (no `id`) is not answered."))]
    for name, method in zip(names, methods, strict=True):
        out.append(schema_table(w, {"$ref": f"{key}#/$defs/{name}"}, key, resolve, depth=EVERY_LEVEL, named=True,
                                title=w.t(f"参与者发送的 {method} 消息", f"{method} message a participant sends"),
                                tabled=tabled, anchor=f"{anchor}-sent-{name}"))
    return out
