"""Annex D's paragraphs after a contract's operations table: the header fields it defines for every operation
(``components.headers``), so that a header a test case sends and judges (IF-REQ-001's ``X-Request-ID``: forty-first
reading, b20) is defined in the normative annex, not only in the case; and the component schemas whose meaning the
annex's member tables (no description column) cannot give (``x-annex-paragraph``: the signed registrar requests'
``secret.signingResponse``, b16); and, in an operation's schema cell, the header fields the contract gives one of
its responses (fifty-eighth reading b2: IF-RATE-001 reads the discovery document's 429 and its ``Retry-After``)."""

from __future__ import annotations

from typing import Any, cast

from .._catalog.catalog import Catalog
from .contracts import Operation
from .schema_summary import DESCRIPTION_ZH
from .writer import Block, Writer


def response_headers(w: Writer, op: Operation, document: dict[str, Any]) -> str:
    """A line for each header field the contract defines on a response of ``op`` (its ``headers``, references
    resolved): the status code, the field's name and what it carries, in each language; "" for none."""
    lines = []
    responses = op.source.get("responses") if isinstance(op.source, dict) else None
    for code, node in (responses if isinstance(responses, dict) else {}).items():
        if isinstance(node, dict) and "$ref" in node:
            node = document.get("components", {}).get("responses", {}).get(str(node["$ref"]).rsplit("/", 1)[-1], {})
        for name, header in (node.get("headers") or {}).items() if isinstance(node, dict) else ():
            said = " ".join(str(header.get(DESCRIPTION_ZH if w.lang == "zh" else "description", "")).split())
            lines.append(w.t(f"\n{code} 响应头 `{name}`：{said}", f"\n{code} response header `{name}`: {said}"))
    return "".join(lines)


def header_fields(w: Writer, catalog: Catalog, contract: str) -> list[Block]:
    """A paragraph for each header field ``contract`` defines for all its operations, and for each of its component
    schemas with an ``x-annex-paragraph`` (none: no paragraph)."""
    components = cast("dict[str, Any]", catalog.schemas.get(contract)).get("components", {})
    headers = components.get("headers", {})
    out = []
    for name, header in headers.items():
        said = " ".join(str(header.get(DESCRIPTION_ZH if w.lang == "zh" else "description", "")).split())
        out.append(w.para(w.t(f"头字段 `{name}`（适用于该接口的每个操作）：{said}",
                              f"Header field `{name}` (for every operation of this interface): {said}")))
    for schema in components.get("schemas", {}).values():
        if isinstance(said := schema.get("x-annex-paragraph"), dict):
            out.append(w.para(" ".join(w.text(said).split())))
    return out
