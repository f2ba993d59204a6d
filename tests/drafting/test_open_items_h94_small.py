"""Part h94-small: running Chinese text of the draft uses no ASCII colon or semicolon outside code spans, URLs
and identifiers such as `ISO 9283:1998` (the marker's colon of the violating test content is code, `:`)."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE = re.compile(r"`[^`]*`|(?:https?|urn|did|data|mailto|wss?|mqtts?):\S+|\]\([^)]*\)")
#: a colon or semicolon not between two characters of one identifier (9283:1998, usdValidation:Composition)
_LOOSE = re.compile(r"(?<![A-Za-z0-9_./*\-])[:;]|[:;](?![A-Za-z0-9_/*\-])")


def _loose(markdown: str) -> list[str]:
    found, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if fenced or line.startswith("```") or not _CJK.search(line):
            continue
        # GB/T 7714—2015's publication element of an entry whose place is unknown, 「[出版地不详]: 出版者」
        text = _CODE.sub("", line).replace("[出版地不详]: ", "")
        found += [text[max(0, m.start() - 20):m.end() + 10] for m in _LOOSE.finditer(text)
                  if _CJK.search(text[max(0, m.start() - 3):m.end() + 3])]
    return found


def test_running_chinese_text_has_no_ascii_colon_or_semicolon(zh_markdown):
    assert _loose(zh_markdown) == []


def test_the_scan_finds_a_planted_colon():
    assert _loose("标记后接“:”及类别") and _loose("规则 R1; 其次") and not _loose("见 `a: b` 与 ISO 9283:1998")
