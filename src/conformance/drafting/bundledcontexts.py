"""The JSON-LD contexts the test equipment holds, listed in 5.1 (issue 76, forty-first reading, b8): DP-DESC-001's
verdict on a description whose `@context` the equipment does not hold depends on that set, so the document names it
and two laboratories judge alike. The list is the one the areas' checks hold (their pinned set, each file checked
against its SHA-256 when loaded), which an area gives with its description (``jsonld_contexts``), never typed here."""

from __future__ import annotations

from .._areas import descriptions
from .owncontexts import pointer
from .writer import Writer


def bundled_urls() -> list[str]:
    """The URLs of the contexts the equipment holds, as the areas give them, each once, in their order."""
    held = (d.get("jsonld_contexts", {}).get("en", "") for d in descriptions().values())
    return list(dict.fromkeys(url for text in held for url in text.splitlines() if url))


def contexts_text(w: Writer) -> str:
    """5.1's paragraph: the contexts held, and that no other is fetched."""
    urls = bundled_urls()
    sep = "、" if w.lang == "zh" else ", "
    listed = sep.join(f"`{u}`" for u in urls)
    return w.t(f"测试设备将 JSON-LD 文档展开时只使用下列 {len(urls)} 个内置的 JSON-LD 上下文（以其 URL 标识，内容为该 URL "
               "所发布文档的固定版本）以及声明文件的 `jsonld_contexts` 给出本地副本的上下文，不从网络获取；"
               f"其他上下文视为无法取得：{listed}。" + pointer(w),
               f"When it expands a JSON-LD document the test equipment uses only the following {len(urls)} JSON-LD "
               "contexts it holds (named by their URL, their content a fixed version of the document published there) "
               "and the contexts the manifest's `jsonld_contexts` gives as local copies, nothing fetched from the "
               f"network; any other context cannot be obtained: {listed}." + pointer(w))
