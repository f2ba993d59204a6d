"""The sentence a test case's fail criterion ends with on the requirement's level: 「本要求为“应”级……」, or for a
declaration check what it reads. A hand-written criterion's copy is replaced by the catalog's when it has drifted."""

from __future__ import annotations

import re

_LEVEL_SENTENCE = {"zh": re.compile(r"本要求为“(应|宜|可)”级[^。]*。"),
                   "en": re.compile(r"This is a (MUST|SHOULD|MAY) (?:requirement|declaration check)[^.]*(?:\([^)]*\)[^.]*)?\.")}
#: what a declaration check reads (``declared_against``): the declaration alone, or held against recorded data
DECLARED_READS = {"itself": ("只读取被测对象的自我声明", "it reads only what the implementation under test declares about itself"),
                  "records": ("将被测对象的自我声明与其记录的数据比对",
                              "it holds what the implementation under test declares about itself against the data it recorded")}
_LEVEL_WORD = {"zh": {"MUST": "应", "SHOULD": "宜", "MAY": "可"}, "en": {"MUST": "MUST", "SHOULD": "SHOULD", "MAY": "MAY"}}


def stated_level(criterion: str, level: str, sentence: str, lang: str) -> str:
    """A criterion whose sentence on the level names another level than the requirement's, or another declaration
    check's reading (forty-first reading, c27: 「只读取」 copied into cases comparing records), with the right one."""
    found = _LEVEL_SENTENCE[lang].search(criterion)
    if found is None or found.group(1) == _LEVEL_WORD[lang][level] and (
            found.group(0) == sentence or not re.search("声明检查|declaration check", found.group(0))):
        return criterion
    return criterion[:found.start()] + sentence + criterion[found.end():]
