"""The JSON-LD contexts the test equipment holds, listed in 5.1 (issue 76, forty-first reading, b8): DP-DESC-001's
verdict on a description whose `@context` the equipment does not hold depends on that set, so the document names it
and two laboratories judge alike. The list is the one the areas' checks hold (their pinned set, each file checked
against its SHA-256 when loaded), which an area gives with its description (``jsonld_contexts``), never typed here.
Annex E tables each one's SHA-256 and retrieval date (forty-ninth reading, a1: a URL alone is an undated reference
whose document changes), from the same pinned entries (``jsonld_context_pins``), so table and copies cannot drift."""

from __future__ import annotations

import json

from .._areas import descriptions
from .crossrefs import clause_ref
from .owncontexts import pointer
from .writer import Block, Writer, table_ahead

ANCHOR = "held-jsonld-contexts"


def bundled_urls() -> list[str]:
    """The URLs of the contexts the equipment holds, as the areas give them, each once, in their order."""
    held = (d.get("jsonld_contexts", {}).get("en", "") for d in descriptions().values())
    return list(dict.fromkeys(url for text in held for url in text.splitlines() if url))


def pins() -> dict[str, tuple[str, str]]:
    """URL -> (SHA-256 of the held file's bytes, the date it was retrieved), as the areas give them."""
    out: dict[str, tuple[str, str]] = {}
    for description in descriptions().values():
        for url, digest, retrieved in json.loads(description.get("jsonld_context_pins", {}).get("en", "") or "[]"):
            out.setdefault(url, (digest, retrieved))
    return out


def contexts_text(w: Writer) -> str:
    """5.1's paragraph: the contexts held, and that no other is fetched."""
    urls = bundled_urls()
    sep = "、" if w.lang == "zh" else ", "
    listed = sep.join(f"`{u}`" for u in urls)
    # the digests' clause, where annex E has one (a catalog pinning no context has none: held_context_clauses)
    where = clause_ref(ANCHOR) if pins() and w.data.formats else ""  # annex E's clauses come with its formats
    zh_pin = f"，即 SHA-256 摘要为 {where} 所列值的文档" if where else ""
    en_pin = f": the document whose SHA-256 digest {where} gives" if where else ""
    return w.t(f"测试设备将 JSON-LD 文档展开时只使用下列 {len(urls)} 个测试设备持有的 JSON-LD 上下文（以其 URL 标识，内容为该 URL "
               f"所发布文档的固定版本{zh_pin}）以及声明文件的 `jsonld_contexts` "
               f"给出本地副本的上下文，不从网络获取；其他上下文视为无法取得：{listed}。" + pointer(w),
               f"When it expands a JSON-LD document the test equipment uses only the following {len(urls)} JSON-LD "
               "contexts it holds (named by their URL, their content a fixed version of the document published there"
               f"{en_pin}) and the contexts the manifest's `jsonld_contexts` "
               f"gives as local copies, nothing fetched from the network; any other context cannot be obtained: "
               f"{listed}." + pointer(w))


def held_context_clauses(w: Writer, letter: str, number: int) -> list[Block]:
    """The clause 「测试设备持有的 JSON-LD 上下文」 numbered ``letter``.``number``: URL, digest, date; [] if none."""
    pinned = pins()
    if not pinned:
        return []
    title = w.t("测试设备持有的 JSON-LD 上下文", "The JSON-LD contexts the test equipment holds")
    rows = [(w.t("URL", "URL"), w.t("SHA-256 摘要", "SHA-256 digest"), w.t("取得日期", "Retrieved")),
            *((f"`{url}`", f"`{digest}`", retrieved) for url, (digest, retrieved) in pinned.items())]
    return [w.heading(f"{letter}.{number} {title}", 2, ANCHOR), w.para(w.t(
        f"5.1 所列各 JSON-LD 上下文的固定版本如表 {table_ahead(1)}：以该 URL 标识、其文件字节序列（原样，不作任何"
        "规范化）的 SHA-256 摘要（十六进制小写）为所列值的文档，取得日期为起草组取得该文档的日期。测试设备"
        "持有的副本载入时核对此摘要，不一致的副本不予使用。",
        f"The fixed version of each JSON-LD context 5.1 lists is given in Table {table_ahead(1)}: the document "
        "identified by that URL whose file bytes (as they are, not normalized) have the SHA-256 digest given "
        "(lowercase hexadecimal); the date is the one the drafters retrieved it. The test "
        "equipment checks each copy it holds against this digest when loading it and does not use a copy that "
        "differs.")),
        w.table(rows, (70, 80, 20), anchor=f"{ANCHOR}-table", title=title)]
