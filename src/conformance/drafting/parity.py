"""``language-parity``: a requirement's English and Chinese texts state the same rule (issue 63).

A committee reads one language and an implementer the other, so each checks what the two can
be compared on without a translator: the numbers (with their units, normalised: ``100 ms`` is
``100 毫秒``, ``10 %`` is ``10%``), the requirement IDs, the code values (written as code in
backticks, or a Latin-script name joined by ``_`` or ``.``), and the count of sentences (an
English ``. `` against a Chinese ``。``). A finding names what one language has that the other
lacks; the statement and each rule are compared, each with its own counterpart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._catalog.model import Requirement
from .._catalog.versions import feature_labels_dropped

_REQ_ID = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2}-[A-Z0-9]+-\d{3}(?![A-Za-z0-9-])")
#: a code value as the catalog writes it in both languages: in backticks, or a name joined by
#: ``_`` or a dotted member path (risk_grade.measures, system.display.refresh_rates_hz)
_CODE = re.compile(r"`([^`]+)`|(?<![\w.])([A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)*_[A-Za-z0-9_.]*[A-Za-z0-9]"
                   r"|[a-z][A-Za-z0-9]+(?:\.[a-z][A-Za-z0-9_]*)+)(?!\w|\.\w)")
#: a number not inside a word or a name (int64, SHA-256, UTF-8, 1.x: names are compared as code
#: values); a thousands comma is dropped
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.^/-])-?\d+(?:,\d{3})*(?:\.\d+)?(?!\.?[A-Za-z0-9_]|-[A-Za-z])"
                     r"|(?<![A-Za-z0-9_.^/-])\d+(?=(?:st|nd|rd|th)\b)")
#: a number joined to a word (8-byte, 1-based, 2-manifold): the other language may write the
#: compound as one word (二维流形), so it is not asked of it, but it answers the other's number
_COMPOUND = re.compile(r"(?<![A-Za-z0-9_.^/-])\d+(?=-[A-Za-z])")
#: a unit after a number, in either language, and the name both are compared by
UNITS = {
    "ms": "ms", "milliseconds": "ms", "millisecond": "ms", "毫秒": "ms",
    "us": "us", "µs": "us", "microseconds": "us", "微秒": "us", "ns": "ns", "nanoseconds": "ns", "纳秒": "ns",
    "s": "s", "seconds": "s", "second": "s", "秒": "s", "minutes": "min", "minute": "min", "min": "min",
    "分钟": "min", "hours": "h", "hour": "h", "h": "h", "小时": "h", "days": "d", "day": "d", "天": "d", "日": "d",
    "mm": "mm", "毫米": "mm", "cm": "cm", "厘米": "cm", "m": "m", "metres": "m", "meters": "m", "米": "m",
    "%": "%", "percent": "%", "degrees": "deg", "degree": "deg", "°": "deg", "度": "deg",
    "Hz": "Hz", "赫兹": "Hz", "kHz": "kHz", "dB": "dB", "bytes": "B", "byte": "B", "字节": "B",
    "px": "px", "pixels": "px", "pixel": "px", "像素": "px", "frames": "frame", "frame": "frame", "帧": "frame",
}
_UNIT = re.compile(r"\s?(" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")(?![A-Za-z])")
#: the end of an English sentence: a full stop (not of a number, an abbreviation such as e.g.,
#: or a file name) before a capital or the end of the text
_EN_SENTENCE = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)\.(?=\s+[A-Z\"“(]|\s*$)")


#: a small count or factor the English writes in words, "at least three points", "twice as intense": it answers the
#: Chinese digit, 「至少 3 个点」, 「2 倍」 (sixty-seventh reading, part h130-term: the Chinese writes a deciding count in
#: digits, while the English may spell it out as English does)
_IN_WORDS = {"2": r"two|twice|double|twofold", "3": r"three|threefold", "4": r"four|fourfold", "5": r"five|fivefold",
             "6": "six", "7": "seven", "8": "eight", "9": "nine", "10": r"ten|tenfold"}


def _in_words(number: str, en: str) -> bool:
    return number in _IN_WORDS and re.search(rf"\b(?:{_IN_WORDS[number]})\b", en, re.I) is not None


def _bare(text: str) -> str:
    return _REQ_ID.sub(" ", _CODE.sub(" ", text))


def numbers(text: str) -> dict[str, set[str]]:
    """Each number of a text and the units it is written with (none: no unit)."""
    bare = _bare(text)
    found: dict[str, set[str]] = {}
    for match in _NUMBER.finditer(bare):
        value = match.group().replace(",", "")
        value = value.rstrip("0").rstrip(".") if "." in value else value
        unit = _UNIT.match(bare, match.end())
        found.setdefault(value, set()).update({UNITS[unit.group(1)]} if unit else set())
    return found


def codes(text: str) -> set[str]:
    return {m.group(1) or m.group(2) for m in _CODE.finditer(_REQ_ID.sub(" ", text))}


def sentences(text: str, lang: str) -> int:
    if lang == "zh":
        return max(1, len(re.findall("。(?!$)", text.strip())) + 1)
    return max(1, len(_EN_SENTENCE.findall(text.strip().rstrip(".") + ".")))


def text_problems(place: str, en: str, zh: str) -> Iterator[str]:
    """What one language of ``place`` (the statement, a rule) has that the other lacks."""
    en, zh = feature_labels_dropped(en), feature_labels_dropped(zh)  # a label's numbers are the profile's
    en_numbers, zh_numbers = numbers(en), numbers(zh)
    compounds = {"en": set(_COMPOUND.findall(_bare(en))), "zh": set(_COMPOUND.findall(_bare(zh)))}
    for lang, mine, theirs in (("en", en_numbers, zh_numbers), ("zh", zh_numbers, en_numbers)):
        lacking = [n for n in mine if n not in theirs and n not in compounds[_other(lang)]
                   and not (lang == "zh" and _in_words(n, en))]
        if lacking:
            yield f"{place}.{lang} has the number(s) {', '.join(lacking)} that {place}.{_other(lang)} lacks"
    for value in en_numbers.keys() & zh_numbers.keys():
        if en_numbers[value] and zh_numbers[value] and not en_numbers[value] & zh_numbers[value]:
            yield (f"{place} gives {value} in {'/'.join(sorted(en_numbers[value]))} in en but in "
                   f"{'/'.join(sorted(zh_numbers[value]))} in zh")
    for lang, text, other in (("en", en, zh), ("zh", zh, en)):
        ids = sorted(set(_REQ_ID.findall(text)) - set(_REQ_ID.findall(other)))
        if ids:
            yield f"{place}.{lang} names {', '.join(ids)}, which {place}.{_other(lang)} does not"
        values = sorted(c for c in codes(text) if c not in other)
        if values:
            yield f"{place}.{lang} has the code value(s) {', '.join(values)}, which {place}.{_other(lang)} lacks"
    counts = {"en": sentences(en, "en"), "zh": sentences(zh, "zh")}
    if counts["en"] != counts["zh"]:
        yield f"{place} has {counts['en']} sentence(s) in en but {counts['zh']} in zh"


def parity_problems(req: Requirement) -> Iterator[tuple[str, str, str]]:
    """``language-parity`` findings of the statement and of each rule."""
    texts = [("statement", req.statement.en, req.statement.zh)]
    texts += [(f"rule {rule.id}", rule.en, rule.zh) for rule in req.rules]
    for place, en, zh in texts:
        for problem in text_problems(place, en, zh):
            yield ("language-parity", problem,
                   "state the same rule in both languages: the same numbers and units, IDs, code values and sentences")


def _other(lang: str) -> str:
    return "zh" if lang == "en" else "en"
