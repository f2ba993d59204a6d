"""Table B.2's English names the topics it refers to by the names its first column prints (thirty-fifth reading,
row b2): the drafters' English texts refer to other topics by the catalog's keys (``secure-communication``,
``behavioural-habit-data``), which the draft prints nowhere, where the Chinese names them (「见“接入安全与安全通信”」)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any


#: the word "profile" before or after a key: the key names a profile there
_PROFILE_BEFORE = re.compile(r"\bprofiles? $")
_PROFILE_AFTER = re.compile(r" profiles?\b")


def named_topics(text: str, topics: Mapping[str, Any], profiles: Collection[str] = ()) -> str:
    """``text`` with each topic key written as a word (not inside a code mark nor part of a longer hyphenated
    name such as a profile ID) replaced by the topic's English name in quotation marks. A key that is also a
    profile's ID (``identifier-resolution``, ``content-rating``) is the profile where the word "profile" stands
    next to it ("(profile identifier-resolution)", "the content-rating profile") and is left as written there
    (thirty-fifth reading's open rows, part k3: until then the source had to mark the profile as code to keep it);
    elsewhere it is the topic, as the Chinese names it (表 B.2's 「适龄分级（「数字内容分级分类」）」)."""
    keys = sorted((k for k in topics if "-" in k), key=len, reverse=True)  # one-word keys are ordinary words
    if not keys:
        return text
    pattern = re.compile(r"(?<![\w`/-])(" + "|".join(map(re.escape, keys)) + r")(?![\w`/-])")

    def name(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in profiles and (_PROFILE_BEFORE.search(m.string, 0, m.start())
                                or _PROFILE_AFTER.match(m.string, m.end())):
            return key
        return f'"{topics[key].en}"'
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") else pattern.sub(name, p) for p in parts)

