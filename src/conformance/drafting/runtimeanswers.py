"""The format line's citation of annex D for a test case that reads the runtime test interface's answers (forty-third
reading, c2: TD-TACT-003 read `test.readTactile`'s `forces` and TD-OLF-004 `test.getScentOutput`'s `scents[]`, defined
in annex D's schemas, while their format line cited only annex E's device descriptor): found in the case's Chinese
text, as annex E's formats are, and numbered by the clause of each schema annex D gives."""

from __future__ import annotations

import re
from typing import Any

from .._catalog.catalog import Catalog
from .crossrefs import clause_ref, schema_anchor

#: the term (clause 3) a case names the interface by; the path in the purpose of some
_INTERFACE = ("运行时测试接口", "`GET /xr/runtime`")
#: a test interface's own method, with or without its code marks (the wording pass adds them later)
_OWN_METHOD = re.compile(r"(?<![\w.])test\.[A-Za-z]+")


def _own_methods(catalog: Catalog) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """(message schema URI, ((method, its result's schema key), ...)) for each schema whose ``$defs`` give a test
    interface's own methods (``x-method``) or the OpenXR functions it carries (``x-function``): annex D's tables of
    them; read only for the cases naming the interface."""
    found = []
    for uri in catalog.schemas.ids():
        if not uri.endswith(".json"):
            continue  # an OpenAPI contract, which gives operations and no methods
        defs: dict[str, Any] = catalog.schemas.get(uri).get("$defs") or {}  # type: ignore[assignment]
        # its own methods and the OpenXR functions it carries (forty-fourth reading, a4: TD-RUN-002 read
        # `xrLocateSpace`'s answer, whose table its format line did not cite)
        methods = tuple((method, f"{uri}#/$defs/{key}") for key, node in defs.items() if isinstance(node, dict)
                        for method in [*node.get("x-function", {}), *filter(None, [node.get("x-method")])])
        if methods:
            found.append((uri, methods))
    return tuple(found)


def cited_answers(catalog: Catalog, text: str, letter: str) -> tuple[str, str]:
    """The sentence (zh, en) citing annex ``letter``'s clauses of the runtime test interface's messages and of the
    result of each own method the Chinese ``text`` names (TD-OLF-006 names `test.applyScent` alone), or ("", "") when
    it reads none."""
    if not letter or not (_OWN_METHOD.search(text) or any(word in text for word in _INTERFACE)):
        return "", ""
    for uri, methods in _own_methods(catalog):
        named = [(method, key) for method, key in methods if re.search(rf"(?<![\w.]){re.escape(method)}(?!\w)", text)]
        if not named and not any(word in text for word in _INTERFACE):
            continue  # another interface's `test.` method
        # the methods answered by one schema cited together (TD-RUN-007's fifteen session calls answer an XrResult)
        by_result: dict[str, list[str]] = {}
        for method, key in named:
            by_result.setdefault(key, []).append(f"`{method}`")
        results = "".join(f"；{'、'.join(ms)} 的结果：{clause_ref(schema_anchor(k))}" for k, ms in by_result.items())
        results_en = "".join(f"; the result of {', '.join(ms)}: {clause_ref(schema_anchor(k))}"
                             for k, ms in by_result.items())
        messages = clause_ref(schema_anchor(uri))
        return (f"运行时测试接口的消息与应答的格式见附录 {letter}（{messages}{results}）。",
                f"The formats of the runtime test interface's messages and answers are in annex {letter} "
                f"({messages}{results_en}).")
    return "", ""
