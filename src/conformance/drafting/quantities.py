"""Values as a Chinese text of the standard writes them: a duration given in Chinese numerals with its unit's
symbol, a long integer grouped in threes, a product with the multiplication sign (tenth reading of issue 76)."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")


#: the Chinese numerals a duration is written with (一分钟, 十分钟, 一小时); 每分钟 (per minute), 几分钟 and 第一 are
#: no value, and a fraction (十分之一) no duration
_NUMERALS = {"一": "1", "两": "2", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
             "十": "10"}
#: 秒 too (twelfth reading: 「一秒的窗口」, 「补零至一秒」 beside 「1 min」); 三分之一秒 is a fraction, no value
_NUMERAL_UNIT = re.compile(r"(?<![每第几数之十一二两三四五六七八九百千万])([一二两三四五六七八九十])(分钟|小时|秒钟|秒)")
_DURATION_UNITS = {"分钟": "min", "小时": "h", "秒钟": "s", "秒": "s"}


def numeral_durations(text: str) -> str:
    """A duration in Chinese numerals is a value too: 「静置一分钟的」 as 「静置 1 min 的」 (TD-PERF-005's
    「十分钟会话」 stood beside its 「不少于 10 min」, TD-PERF-003's title read 「静置一分钟」); spaced as a
    value with its symbol is."""
    def numeral(m: re.Match[str]) -> str:
        before = " " if m.start() and _CJK.match(m.string[m.start() - 1]) else ""
        after = " " if m.end() < len(m.string) and _CJK.match(m.string[m.end()]) else ""
        return f"{before}{_NUMERALS[m.group(1)]} {_DURATION_UNITS[m.group(2)]}{after}"
    return _NUMERAL_UNIT.sub(numeral, text)


#: an integer of five digits or more before a unit's symbol, outside a code value (tenth reading: 「7 日（604800 s）」 and
#: 「30 日（2592000 s）」 beside 「86 400 s」, 「10000 m」): grouped in threes from the right with a space, as the
#: draft already writes 86 400 (GB/T 15835's rule for scientific and technical texts, 8.1.1 of its 1995 text)
_LONG_VALUE = re.compile(r"(?<![\d.,\w/-])(\d{5,})(?![\d.,])"
                         r"(?=\s?(?:ms|μs|ns|s|min|h|mm|cm|km|m|nm|μm|Hz|kHz|dB|W)(?![A-Za-z]))")


def grouped_digits(text: str) -> str:
    """``604800 s`` as ``604 800 s``: a value of five digits or more before a unit symbol, grouped in threes."""
    def group(m: re.Match[str]) -> str:
        digits = m.group(1)
        head = len(digits) % 3 or 3
        return " ".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])
    return _LONG_VALUE.sub(group, text)


#: a product of values, 「160 x 90 像素」, 「1920 x 1080」: the multiplication sign is ×, not the letter x (GB 3102.11,
#: the sign of multiplication; tenth reading: SC-RENDER-002 and -004's test cases and the 编制说明's 3.2)
_TIMES = re.compile(r"(?<=\d) x (?=\d)")


def times_sign(text: str) -> str:
    """``160 x 90`` as ``160 × 90`` outside code values."""
    parts = text.split("`")  # and between two code values, 「`height` x `width`」 (fifteenth reading: DP-LABEL-003's R2)
    return "`".join((" × " if part == " x " and 0 < i < len(parts) - 1 else _TIMES.sub(" × ", part)) if i % 2 == 0
                    else part for i, part in enumerate(parts))


#: the expanded uncertainty U, its coverage factor k and the guard band w standing alone in a text outside code
#: values: clause 6 sets them italic (ninth reading, textbreaks.QUANTITY), the test cases and clause 16 wrote the same
#: symbols upright 187, 126 and 57 times (tenth reading: 「扩展不确定度 U（k = 2）」, 「保护带 w = U」)
#: a full stop after U ends a sentence ("by more than its U."; twentieth reading, row 37), as in "U.S." it does not
_EXPANDED = re.compile(r"(?<![A-Za-z0-9_*\-./<>'’])U(?![A-Za-z0-9_*\->'’])(?!\.[A-Za-z0-9_])")
_FACTOR = re.compile(r"(?<![A-Za-z0-9_*.'’])([kw]) = ")


def quantity_marks(text: str) -> str:
    """``U``, ``k = `` and ``w = `` as the writers' italic quantity symbols (``*U*``, ``*k* = ``) outside code."""
    parts = text.split("`")
    return "`".join(_FACTOR.sub(r"*\1* = ", _EXPANDED.sub("*U*", part)) if i % 2 == 0 else part
                    for i, part in enumerate(parts))


#: a value's unit by name in the English text -> its symbol (eleventh reading): the English draft wrote
#: "1.0 degrees" and "2 hours" beside "150 ms", the convention the ninth reading set for the Chinese text
#: (GB 3100-1993: a value takes its unit's symbol). The degree joins its number (1.0°), as in the Chinese text
_EN_UNIT_NAMES = (("degrees? Celsius", " °C"), ("degrees?|deg", "°"), ("hours?", " h"), ("minutes?", " min"),
                  ("milliseconds?", " ms"), ("microseconds?|us", " μs"), ("seconds?", " s"),
                  ("millimet(?:re|er)s?", " mm"), ("centimet(?:re|er)s?", " cm"), ("met(?:re|er)s?", " m"),
                  # ASCII spellings of SI symbols (twenty-fourth reading, row 23: TD-BCI-007's "6 uV", "10 kOhm" and
                  # "10 Mohm" where the Chinese text and annex E write μV, kΩ and MΩ)
                  ("uV", " μV"), ("kOhm", " kΩ"), ("Mohm", " MΩ"))
_EN_VALUE_UNIT = [(re.compile(rf"(?<=[\d)]) (?:{names})\b(?!-)"), symbol) for names, symbol in _EN_UNIT_NAMES]


def english_unit_symbols(text: str) -> str:
    """A value's unit written by its symbol in an English text outside code values: "1.0 degree" as "1.0°",
    "2 hours" as "2 h", "100 us" as "100 μs"; a unit without a value ("per second") stays a word."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):  # the even parts are outside backticks
        for pattern, symbol in _EN_VALUE_UNIT:
            parts[i] = pattern.sub(symbol, parts[i])
    return "`".join(parts)


#: a range of a quantity with its unit after the last value only, 「−100 至 500 ms」, "10 to 20°" (twenty-fifth
#: reading, row 20): GB 3101-1993 gives each limit its unit, as the draft writes 「−1000 m 至 10 000 m」
_RANGE_NUMBER = r"[−-]?\d+(?: \d{3})*(?:\.\d+)?"
_RANGE_UNIT = r"cd/m²|m/s²|m/s|°/s|°C|℃|kHz|Hz|dB|ms|μs|ns|min|mm|cm|km|lx|°|s|h|m|N|W|V"
_UNIT_RANGE = re.compile(rf"(?<![\w.\-−/])({_RANGE_NUMBER})( 至 | to )({_RANGE_NUMBER})( ?)({_RANGE_UNIT})(?![A-Za-z0-9/²³])")


def unit_ranges(text: str) -> str:
    """A range written with its unit once, outside code values, with the unit on each limit: 「−100 ms 至 500 ms」,
    "10° to 20°" (the degree joins its number, GB 3102.1)."""
    def each(m: re.Match[str]) -> str:
        unit = m.group(4) + m.group(5)
        return f"{m.group(1)}{unit}{m.group(2)}{m.group(3)}{unit}"

    parts = text.split("`")
    for i in range(0, len(parts), 2):  # the even parts are outside backticks
        parts[i] = _UNIT_RANGE.sub(each, parts[i])
    return "`".join(parts)
