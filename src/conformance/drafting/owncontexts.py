"""Annex E's clause of the JSON-LD contexts this project itself publishes (forty-eighth reading, a3: 5.1 listed
`https://metaverse-conformance.org/contexts/identity/v1` among the contexts the equipment holds, "the document
published at that URL", while only this repository published it and no annex gave its content; JSON-LD expansion in
ID-VC-001, ID-VC-003 and ID-VP-001 depends on it). The table is the held file itself, term by term, as the area
gives it with its description (``own_jsonld_contexts``), so the annex and the equipment's copy cannot drift."""

from __future__ import annotations

import json

from .._areas import descriptions
from .crossrefs import clause_ref
from .writer import Block, Writer, table_ahead

ANCHOR = "own-jsonld-contexts"


def own_contexts() -> dict[str, dict[str, object]]:
    """URL -> context document (the whole file: its ``@context`` object) of the held contexts this project publishes."""
    out: dict[str, dict[str, object]] = {}
    for description in descriptions().values():
        if text := description.get("own_jsonld_contexts", {}).get("en", ""):
            out.update(json.loads(text))
    return out


def pointer(w: Writer) -> str:
    """5.1's sentence sending the reader to the clause, naming each context it gives ("" when there is none)."""
    urls = list(own_contexts())
    if not urls or not w.data.formats:  # annex E's clauses come with its formats (formats.annex_formats)
        return ""
    listed = w.t("、", ", ").join(f"`{u}`" for u in urls)
    return w.t(f"其中 {listed} 由本文件发布，其内容见 {clause_ref(ANCHOR)}。",
               f" Of these, {listed} is published by this document; its content is given in {clause_ref(ANCHOR)}.")


def _value(w: Writer, term: str, value: object) -> str:
    if term == "@vocab":
        return w.t(f"`{value}`（未在本表列出的术语展开为此国际化资源标识符后接该术语）",
                   f"`{value}` (a term this table does not list expands to this IRI followed by the term)")
    return f"`{value}`" if isinstance(value, str | int | float) else f"`{json.dumps(value, ensure_ascii=False)}`"


def own_context_clauses(w: Writer, letter: str, number: int) -> list[Block]:
    """The clause 「本文件的 JSON-LD 上下文」 numbered ``letter``.``number``, one table a context; [] when none."""
    contexts = own_contexts()
    if not contexts:
        return []
    title = w.t("本文件的 JSON-LD 上下文", "The JSON-LD contexts of this document")
    out = [w.heading(f"{letter}.{number} {title}", 2, ANCHOR)]
    for index, (url, document) in enumerate(contexts.items(), 1):
        context = document.get("@context", {})
        terms = context if isinstance(context, dict) else {}
        out.append(w.para(w.t(
            f"以 URL `{url}` 标识的 JSON-LD 上下文为一个 JSON 对象，其 `@context` 成员逐项如表 {table_ahead(1)}："
            "关键字（以 `@` 开头）及其取值，术语及其展开的国际化资源标识符。测试设备持有的该上下文与此表一致。",
            f"The JSON-LD context identified by the URL `{url}` is a JSON object whose `@context` member is given "
            f"entry by entry in Table {table_ahead(1)}: the keywords (beginning with `@`) and their values, the terms "
            "and the IRIs they expand to. The copy the test equipment holds is this table.")))
        rows = [(w.t("关键字或术语", "Keyword or term"), w.t("取值或国际化资源标识符", "Value or IRI")),
                *((f"`{term}`", _value(w, term, value)) for term, value in terms.items())]
        out.append(w.table(rows, (60, 110), anchor=f"{ANCHOR}-table-{index}", title=w.t(
            f"JSON-LD 上下文 `{url}` 的成员", f"Members of the JSON-LD context `{url}`")))
    return out
