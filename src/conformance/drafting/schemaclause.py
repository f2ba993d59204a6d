"""Annex D's clause of schemas beside the operations' bodies: the schema files two or more of its tables would expand,
given a table of their own that those tables refer to, and the clause's legend (split from :mod:`.annexes`, at its
line cap, when the thirty-second reading asked for both)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin

from .._catalog.catalog import Catalog
from .._catalog.schemas import BASE_URI
from .crossrefs import schema_anchor
from .schematables import closed_words, dash_words, keyword_words, required_words
from .writer import Block, Writer

Schemas = dict[str, tuple[str, object, str, str]]  # key -> (anchor, schema, its base URI, title)


def shared_schemas(catalog: Catalog, schemas: Schemas) -> Schemas:
    """``schemas`` and, after them, each schema file (an object with members of its own) that the members of two or
    more of them conform to (thirty-second reading: `assets/lifecycle-event.json`'s 23 rows were expanded in full in
    表 D.13, D.15 and D.22, three places to agree), in the order first reached."""
    shared = dict(schemas)
    while True:  # one at a time: a file reached only through another one given a table is expanded in that table
        reached: dict[str, set[str]] = {}
        for key, (_, node, base, _) in shared.items():
            for uri in _files(catalog, node, base, set(shared) - {key}):
                reached.setdefault(uri, set()).add(key)
        found = next((uri for uri, keys in reached.items() if len(keys) > 1 and isinstance(catalog.schemas.get(uri), dict)
                      and catalog.schemas.get(uri).get("properties")), None)
        if found is None:
            return shared
        shared[found] = (schema_anchor(found), catalog.schemas.get(found), found,
                         f"`{found.removeprefix(BASE_URI)}`")


def _files(catalog: Catalog, node: object, base: str, tabled: set[str]) -> Iterator[str]:
    """The schema files (URIs without a fragment) a schema's members refer to, through the references it follows
    (those into a contract's components, and other files'), not into a schema that has a table of its own."""
    seen: set[str] = set()
    todo: list[tuple[object, str]] = [(node, base)]
    while todo:
        item, at = todo.pop()
        if isinstance(item, list):
            todo += [(each, at) for each in item]
        if not isinstance(item, dict):
            continue
        ref = item.get("$ref")
        if isinstance(ref, str):
            target = urljoin(at, ref)
            uri, fragment = urldefrag(target)
            if target not in seen and target not in tabled:
                seen.add(target)
                if not fragment:
                    yield uri
                document: Any = catalog.schemas.get(uri)
                for part in (fragment.strip("/").split("/") if fragment else []):
                    document = document.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(document, dict) else None
                todo.append((document, uri))
        todo += [(value, at) for name, value in item.items() if name != "$ref"]


def members_legend(w: Writer, letter: str, tables_zh: str, tables_en: str, tables: list[Block] | None = None) -> str:
    """What the member tables' notation means: `a.b`, `a[]`, `a.*` (as annex E's legend says it; thirty-second reading:
    D.5 printed no freely named member), 〔*k*〕, then closed objects, the 必需 column and the constraints' words."""
    return (w.t(f"{tables_zh}给出附录 {letter} 各表所列模式的成员：`a.b` 为成员 `a` 之中的成员 `b`，`a[]` 为数组 `a` 的元素，"
                "`a.*` 为对象 `a` 中名称由实例自定的任一成员（“必需”栏记为“—”），〔*k*〕为第 *k* 种备选形式的成员；各层成员逐一给出。",
                f"The members of the schemas annex {letter}'s tables list are given in {tables_en}: `a.b` is member `b` "
                "within member `a`, `a[]` an element of array `a`, `a.*` any member of object `a` whose name the "
                "instance chooses (marked \"—\" under \"Required\"), 〔*k*〕 a member of the *k*-th alternative form; "
                "members are given at every level of nesting.")
            + w.t("", " ") + closed_words(w) + w.t("", " ") + required_words(w)
            + "".join(w.t("", " ") + said for said in [dash_words(w, tables or [])] if said)
            + w.t("", " ") + keyword_words(w))
