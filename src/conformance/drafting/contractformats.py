"""The format line's citation of annex D for a test case naming data whose format only a schema of annex D defines
(fifty-second reading a4: AS-META-003, AS-META-004, AS-CONT-001, AS-AIGC-011 and AS-HIST-002 read asset metadata
documents, defined by D.5.9 alone, and cited no clause, while a case reading a format of annex E cites it). A schema
says what the cases call its data with ``x-read-as`` (``zh``, ``en``, and the Chinese words ``sought``); a case whose
Chinese text holds one of those words, outside the title of the profile it claims, cites the schema's clause. The
sentence names the schema (「资产元数据模式见附录 D（D.5.9）」, the name AS-META-001 and AS-META-004 use), not "the data
read": a case may send the data (AS-REG-001 issues an asset with its metadata)."""

from __future__ import annotations

import re
from typing import Any

from .._catalog.catalog import Catalog
from .crossrefs import clause_ref, schema_anchor

#: a profile's title in the claim line (「测试配置“数字资产元数据文件”」), which names no data the case itself reads
_PROFILE_TITLE = re.compile(r"测试配置“[^”]*”")


def _marked(catalog: Catalog) -> list[tuple[str, dict[str, Any]]]:
    """(URI, its ``x-read-as``) of each JSON schema carrying one."""
    found = []
    for uri in sorted(catalog.schemas.ids()):
        if uri.endswith(".json") and isinstance(said := catalog.schemas.get(uri).get("x-read-as"), dict):
            found.append((uri, said))
    return found


def cited_schemas(catalog: Catalog, text: str, letter: str) -> tuple[str, str]:
    """The sentences (zh, en) citing annex ``letter``'s clause of each marked schema whose words the Chinese ``text``
    names, or ("", "") when it names none."""
    if not letter:
        return "", ""
    text = _PROFILE_TITLE.sub("", text)
    zh, en = [], []
    for uri, said in _marked(catalog):
        if any(word in text for word in said.get("sought") or [said["zh"]]):
            where = clause_ref(schema_anchor(uri))
            zh.append(f"{said['zh']}模式见附录 {letter}（{where}）。")
            en.append(f"The {said['en']} schema is in annex {letter} ({where}).")
    return "".join(zh), " ".join(en)
