"""Table B.2's English names the topics it refers to by the names its first column prints (thirty-fifth reading,
row b2): the drafters' English texts refer to other topics by the catalog's keys (``secure-communication``,
``behavioural-habit-data``), which the draft prints nowhere, where the Chinese names them (「见“接入安全与安全通信”」)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any


def named_topics(text: str, topics: Mapping[str, Any], profiles: Collection[str] = ()) -> str:
    """``text`` with each topic key written as a word (not inside a code mark nor part of a longer hyphenated
    name such as a profile ID) replaced by the topic's English name in quotation marks. A key that is also a
    profile's ID (``identifier-resolution``) is left as written: the text may name the profile, and which of the
    two it names the words cannot tell (thirty-fifth reading's open rows, part k3; until then the source had to
    mark the profile as code to keep it)."""
    # one-word keys are ordinary words
    keys = sorted((k for k in topics if "-" in k and k not in profiles), key=len, reverse=True)
    if not keys:
        return text
    pattern = re.compile(r"(?<![\w`/-])(" + "|".join(map(re.escape, keys)) + r")(?![\w`/-])")
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") else pattern.sub(lambda m: f'"{topics[m.group(1)].en}"', p) for p in parts)
