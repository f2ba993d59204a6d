"""A unit named with no value, written as annex E writes it: 「以 ms 计」 (twenty-second reading, row 16).

The draft gave a quantity's unit three ways in one column of annex A (「……，单位毫秒」, 「……（毫秒）」, and annex E's
「……，以 ms 计」) and wrote unit names where every value beside them carries the symbol (TD-PWR-003's 「平均功率（瓦）」
beside 「0.1 W」, 「以吉赫计」 beside the 1 700 rows of annex E that write symbols). GB 3100-1993 and GB/T 1.1-2020 ask
for one way of writing throughout; annex E's is the one kept. :func:`.wording.unit_symbols` writes a value's unit by
its symbol; this module writes the unit a text names on its own: 「（毫秒）」 as 「（以 ms 计）」, 「，单位毫秒」,
「（`t0`，纳秒）」 and 「以毫秒计」 as 「以 ms 计」, and an annex A description ending in its unit as annex E ends
one, 「……，以 ms 计」.
Counts (像素, 帧) stay words, as do units in an alternative (「弧度或米」), which name no single unit.
"""

from __future__ import annotations

import re

from .wording import _UNIT_NAMES

#: the names a unit is given on its own besides those after a value (「（以牛计）」)
_NAMES = {**_UNIT_NAMES, "牛": "N", "摄氏度": "℃"}
_NAME = "|".join(sorted(_NAMES, key=len, reverse=True))
#: units the text writes by symbol in brackets (「（m/s²）」), after :func:`.wording.si_symbols` has written them
_SYMBOL = r"m/s²|m/s³|m/s|°/s²|°/s|cd/m²|dB|℃"
_MEASURED_IN = re.compile(rf"以 ?({_NAME}|{_SYMBOL}) ?计")
_BRACKETED = re.compile(rf"（({_NAME}|{_SYMBOL})(?=[）；，])")
#: 「，单位毫秒」, and a unit closing a bracket's list, 「（`t0`，纳秒）」
_UNIT_OF = re.compile(rf"，(?:单位({_NAME})(?![\u4e00-\u9fff])|({_NAME})(?=$|[）；]))")
#: a description's closing unit, before the symbols are written (the profiles write 「m/s^2」, 「deg/s」)
_WRITTEN = {"m/s^2": "m/s²", "m/s^3": "m/s³", "deg/s^2": "°/s²", "deg/s": "°/s"}
_CLOSING = re.compile(rf"（({_NAME}|m/s\^[23]|deg/s\^2|deg/s|{_SYMBOL})）$")


def _symbol(unit: str) -> str:
    return _NAMES.get(unit, unit)


def unit_phrases(text: str) -> str:
    """A Chinese text's units named with no value, outside code values, by their symbols in annex E's form."""
    def measured(m: re.Match[str]) -> str:
        return f"以 {_symbol(m.group(1))} 计"

    def bracketed(m: re.Match[str]) -> str:
        return f"（以 {_symbol(m.group(1))} 计"

    def unit_of(m: re.Match[str]) -> str:
        return f"，以 {_symbol(m.group(1) or m.group(2))} 计"

    parts = text.split("`")
    for i in range(0, len(parts), 2):  # the even parts are outside backticks
        parts[i] = _UNIT_OF.sub(unit_of, _BRACKETED.sub(bracketed, _MEASURED_IN.sub(measured, parts[i])))
    return "`".join(parts)


def closing_unit(text: str) -> str:
    """An annex A description that ends in its unit in brackets, 「……的上限（毫秒）」, ended as annex E ends one,
    「……的上限，以 ms 计」."""
    return _CLOSING.sub(lambda m: f"，以 {_WRITTEN.get(m.group(1)) or _symbol(m.group(1))} 计", text.rstrip())
