"""What a test case checks one by one, named in its steps and criteria. 3.15's 被检对象 is an object inside the files,
records or answers provided; a case judging each platform of a pair by its behaviour, reading no file, names the
platform (fiftieth reading, b3: IF-UDP-009 to -013 and IF-BIO-001 said 「每个被检对象均满足」 of the pair's platforms),
and a case judging its one platform by its behaviour gives the names in its procedures (``item``)."""

from __future__ import annotations

from typing import Any

#: (each, every … 均, any) by language: an item checked, or a platform of the pair
_ITEMS = {False: {"zh": ("每个被检对象", "每个被检对象均", "任一被检对象"),
                  "en": ("each item checked", "every item checked", "an item checked")},
          True: {"zh": ("平台对的每个平台", "平台对的每个平台均", "任一平台"),
                 "en": ("each platform of the pair", "each platform of the pair", "a platform")}}


def checked_items(pair: bool, reads_files: bool, override: dict[str, Any] | None, lang: str) -> tuple[str, str, str]:
    """(each, every, any) for a case: its procedures' ``item`` when given, else a platform of the pair when the case
    judges a pair of platforms and reads no file, else 被检对象."""
    given = (override or {}).get("item", {}).get(lang)
    return tuple(given) if given else _ITEMS[pair and not reads_files][lang]
