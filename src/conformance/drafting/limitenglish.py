"""The English cell of the 编制说明's limits table: the clauses of the English notes saying what the quoted Chinese
clauses say and each limit's own English form (:func:`limit_en`; both moved out of :mod:`.limitbasis`, which the house holds
under 450 lines)."""

from __future__ import annotations

import re

from .._catalog.model import Requirement
from .limitnumbers import COUNT, LEVEL, RATE
from .notealign import aligned, english_clauses
from .testcases import for_laboratory


def english_basis(chinese: list[str], picked: list[int], notes: str) -> str:
    """The clauses of the English notes that say what the ``picked`` clauses of the Chinese notes (``chinese``, cut
    by :func:`.limitnumbers.clauses`) say, in the Chinese table's order (twenty-fourth reading, row 40: the English quoted every
    sentence naming a number, or the whole notes when a limit was a count, 59 rows of 137 far longer than the
    Chinese; AS-TRADE-004's 40 characters against 1 276). The history is left out as the Chinese leaves it out."""
    english = english_clauses(notes)
    pairs = aligned(chinese, english)
    chosen = list(dict.fromkeys(j for i in picked for j in pairs.get(i, [])))
    quoted = [(j, kept) for j in chosen if not _EN_HISTORY.match(english[j])
              and (kept := for_laboratory(english[j], "en"))]
    out = ""
    for k, (j, clause) in enumerate(quoted):
        # a clause opening the quotation, or a sentence, opens with a capital ("these figures are ..." after the
        # Chinese 「；」 it followed); one cut from its sentence closes with an ellipsis, as the Chinese 「……」 does
        # (fourth reading), unless the next clause quoted is the one after it
        if (not out or out.endswith((".", "…"))) and re.match(r"[a-z]+\b(?![_\-(])", clause):
            clause = clause[0].upper() + clause[1:]
        if clause.endswith(";") and (k + 1 == len(quoted) or quoted[k + 1][0] != j + 1):
            clause = clause[:-1] + "…"
        out += (" " if out else "") + clause
    # the notes' English says "profile parameter", the draft "test parameter" (as the Chinese 配置参数 is quoted
    # 测试参数, wording.one_verdict_name; thirty-second reading, b12)
    return out.replace("profile parameter", "test parameter")


#: a version's note in the English notes: 「1.2 (issue 75): ...」, 「2.4.1: ...」
_EN_HISTORY = re.compile(r"(?:Version )?\d+\.\d+(?:\.\d+)? ?(?:\(issue \d+\))?:")


#: a Chinese unit as the English table writes it
_EN_UNITS = {"毫秒": "ms", "微秒": "μs", "纳秒": "ns", "秒": "s", "分钟": "min", "小时": "h", "天": "days", "摄氏度": "°C",
             "毫米": "mm", "厘米": "cm", "米每秒": "m/s", "米": "m", "度": "°", "赫兹": "Hz", "字节": "bytes", "弧度": "rad",
             "像素": "pixels", "个位置": "positions",  # AS-AIGC-011's step: 「5 个位置」, "5 positions"
             "帧": "frames", "项": "items", "岁": "years", "周岁": "years of age", "元": "yuan", "分贝": "dB", "次": "times",
             "名": "participants", "人": "people", "倍": "times", "位": "digits", "日": "days", "个字符": "characters",
             "微伏": "μV", "兆欧": "MΩ", "毫牛": "mN", "瓦": "W",
             "层": "levels"}  # AS-AIGC-014/-015: 「16 层」 of container nesting (seventy-first reading, b1)
_EN_UNIT = re.compile("|".join(sorted(_EN_UNITS, key=len, reverse=True)))
#: the English units that are symbols, never put in the singular ("ms", "ns", "μs", "s")
_SYMBOLS = {unit for unit in _EN_UNITS.values() if not re.fullmatch(r"[a-z]{3,}s( of age)?", unit)}


def limit_en(limit: str, req: Requirement, taken: set[int], steps: str) -> str:
    """A limit of the Chinese table as the English cell writes it: a rate, a percentile level, a count with the noun
    the English statement (or step) gives it, or the number with its unit in English, a unit of 1 in the singular."""
    return (_rate_en(limit) or _level_en(limit) or _counted_en(limit, req, taken, steps)
            or _singular(re.sub(r"(\d) °(?!C)", r"\1°", _EN_UNIT.sub(lambda m: _EN_UNITS[m.group(0)], limit))))


def _rate_en(limit: str) -> str | None:
    """「每秒 100 帧」 as "100 frames a second"; None for any other limit."""
    rate = RATE.fullmatch(limit)
    return f"{rate.group(1)} frames a second" if rate else None


def _level_en(limit: str) -> str | None:
    """「第 99.5 百分位数」 as "99.5th percentile"; None for any other limit."""
    level = LEVEL.fullmatch(limit)
    return level and f"{level.group(1)}{_ORDINAL.get(level.group(1)[-1], 'th')} percentile"


_ORDINAL = {"1": "st", "2": "nd", "3": "rd"}  # no level is 11th to 13th


def _singular(limit: str) -> str:
    """A limit of 1 with its English unit in the singular: "1 pixel", "1 day" (not "1 pixels"). A unit symbol ending
    in s is no plural: "1 ms" stays ms (thirty-third reading, b7: TD-DISP-009 and TD-RUN-004 printed "1 m")."""
    return limit if limit[2:] in _SYMBOLS else re.sub(r"^1 ([a-z]+)s$", r"1 \1", limit)


#: the English numerals a count of three or more is written in (two is the least a comparison needs, see ``digits``)
_EN_NUMERALS = ("three", "four", "five", "six", "seven", "eight", "nine")
_EN_NUMERAL = re.compile(rf"\b({'|'.join(_EN_NUMERALS)})\b(?= [a-z])", re.IGNORECASE)


def _counted_en(limit: str, req: Requirement, taken: set[int], steps: str = "") -> str | None:
    """A count as the English statement words it: the number and its noun, up to the first plural (「100 个比较帧」 ->
    "100 compared frames", 「100 次」 -> "100 attempts" where the statement says so); None for a unit the table maps."""
    count = COUNT.fullmatch(limit)
    if not count or not re.match(r"个(?!字符)|次|名|人|位", count.group(2)):
        return None
    # a count the English words, "at least three points", as the Chinese the table reads, 「至少有三个点」 (forty-eighth
    # reading, part h101-numerals: SC-CITY-007's row read a bare "3")
    english = _EN_NUMERAL.sub(lambda m: str(_EN_NUMERALS.index(m.group(1).lower()) + 3),
                              req.statement.en + " " + " ".join(rule.en for rule in req.rules))
    said = next((m for m in re.finditer(
        rf"(?<![\w.]){re.escape(count.group(1))}((?:\s+(?!of\b|in\b|on\b|at\b|with\b|and\b|or\b|each\b)"
        r"[a-z][\w-]*?s\b)|(?:\s+[a-z][\w-]*){1,2}?\s+[a-z][\w-]*?s\b)", english) if m.start() not in taken), None)
    if said:
        taken.add(said.start())
        return said.group(0)
    unit = _EN_UNITS.get(count.group(2), "")
    # a count only a step gives, 「少于本文件规定的 3 个应答」: its noun as the English step writes it, "3 answers", with
    # one word before it, "0.5 sample periods" (forty-ninth reading, h102-limT2's leftover: TD-DISP-005 read a bare "0.5")
    if not unit and (step := re.search(rf"(?<![\w.]){re.escape(count.group(1))} (?!(?:has|was|does|is|of|in|and|or)\b)"
                                       r"(?:[a-z]{2,}s\b|[a-z]{2,} (?!(?:has|was|does|is)\b)[a-z]{2,}s\b)", steps)):
        return step.group(0)
    if count.group(2) == "位" and re.search(rf"(?<![\w.]){re.escape(count.group(1))} bits\b", steps):
        unit = "bits"
    return f"{count.group(1)} {unit}".strip() if count.group(1) != "1" else f"1 {unit.rstrip('s')}".strip()
