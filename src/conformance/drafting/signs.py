"""Signs, numbers and identifiers the sixteenth reading of issue 76 found in a programmer's form or written two ways,
set at rendering as the rest of the draft writes them (the catalog's texts keep their words, as the earlier readings'
passes do). Code values are left as they are.

- a comparison is the mathematical sign, 「0 ≤ `start` < `end` ≤ …」, never ``<=`` (GB 3102.11-1993);
- a negative value takes the minus sign, 「−60 dB FS」, not the hyphen (GB 3102.11-1993), as the formulae already do;
- a number of five digits or more is grouped in threes, 「10 000 000 B」, 「131 072 位」, as the draft writes
  「86 400 s」 (GB 3101-1993; the tenth reading grouped a value only before some unit symbols);
- a number in a programmer's exponent form, 「1e-05」, is 「1 × 10⁻⁵」 (GB 3101-1993);
- the degree joins its number in a rate too, 「10000°/s」 beside 「10000 °/s」 (the fifteenth leftovers' form);
- in Chinese, an alternative unit after a value by its symbol, 「0.1 rad/s 或 m/s」, not 「或米/秒」, and a percentile as
  the text names it, 「第 95 百分位数」, not 「p95」 (clause 4 lists no such abbreviation), and the English likewise,
  "95th percentile";
- an official document's number as issued, 「国新出发〔2021〕14号」, 「令第5号」 (GB/T 9704-2012 7.2.4), as the
  参考文献 writes it;
- a requirement ID whole, 「AS‑AIGC‑001 至 AS‑AIGC‑003、AS‑AIGC‑005」, never 「AS‑AIGC‑001..003、-005」.

The seventeenth reading added two:

- the binary minus is the minus sign too, 「(*n* − 1)」, 「|帧间隔 − 周期|」, not 「(*n* - 1)」 (GB 3102.11-1993): a
  hyphen between spaces outside code is a subtraction, the text's dashes being the em dash;
- in Chinese, the member ``min`` beside ``max`` is a code value, 「40 ≤ `min` < `max` ≤ 90 mm」: the Chinese writer
  leaves it plain as the minute's symbol (``wording.UNITS``), which it is only after a number or in 「以 min 计」;
- in Chinese, a JSON string in a body is code with its quotation marks, 「`"Label"`: `"1"`」, not 「"1"」 (GB/T 15834—2011,
  the sixth reading's rule), and a path template is one code value, 「`{generation_path}/prompt`」.

The eighteenth reading found code values still cut by the marks around them, and joins them in Chinese (the sixth
reading's rule: the marks belong to the code value): an XML element with its angle brackets, 「<`robot`>」 ->
「`<robot>`」, and a placeholder with the path after it, 「<`endpoint`>`/{report_id}`」 -> 「`<endpoint>/{report_id}`」;
a query string, 「?$`select`=`result`,`phenomenonTime`」 -> 「`?$select=result,phenomenonTime`」, 「?`personalised`=`false`」
-> 「`?personalised=false`」; a URI scheme, 「`mqtt`://」 -> 「`mqtt://`」; and an entry with its elision,
「`ViewDefinition` [...]」 -> 「`ViewDefinition [...]`」.
The twentieth reading found three more: a call with its parentheses, 「`update`()」 -> 「`update()`」, a JSON array
with its brackets, 「[`"setDidDocument"`]」 -> 「`["setDidDocument"]`」, and a scheme with an optional letter,
「`http`(s)」 -> 「`http` 或 `https`」; and a path template alone or after its method, 「{`generation_path`}」 ->
「`{generation_path}`」, 「`GET` `{generation_path}/label`」 -> 「`GET {generation_path}/label`」.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_COMPARE = ((re.compile(r"<="), "≤"), (re.compile(r">="), "≥"))
#: a hyphen before a number where a value begins (after a space, an opening bracket, a separator, a clause's or a
#: sentence's end (fifty-first reading: 「；-60 dB FS 为……」 kept its hyphen) or the start), but not an ID's zero-padded
#: suffix (「至 -009」, handled by ``whole_ids``) nor a range or a date (a digit before it)
_MINUS = re.compile(r"(?:(?<=[\s（(\[，、：:=；。])|^)-(?=\d)(?!0\d\d(?![\d.]))")
#: five digits or more standing as a number: not part of a word, a path, a decimal, a document number
#: (「GB 45438」, 「ISO 10303-21」, 「GB/T 12642—2013」) or a date-like seed (「20240501」); a comma or a stop after it
#: ends a clause, not the number (twentieth reading, row 23: the English 「`max_triangles` = 100000, …」)
_LONG = re.compile(r"(?<![\w.,/#:?=&\-−〔\u2011])(\d{5,})(?![\d:\-—\u2011]|[.,]\d)")
_DOCUMENT = re.compile(r"(?:GB(?:/T|/Z)?|ISO(?:/IEC|/TS|/PAS|/TR)?|IEC|RFC|EN|ES|TS|TR|ASTM|IEEE|ITU-[RT]|指南|Guide)\s?$")
_DATE_LIKE = re.compile(r"(?:19|20)\d{6}")
_EXPONENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)e(-?)0*(\d+)(?![\w.])")
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_DEGREE_RATE = re.compile(r"(?<=\d) (?=°/s)")
_ALTERNATIVE_UNIT = re.compile(r"(\d rad(?:/s)?) 或米(/秒)?")
_PERCENTILE = re.compile(r"( ?)(?<![\w`])p(50|95|99)(?!\w)( ?)")
_BINARY_MINUS = re.compile(r"(?:(?<=\S)|^) - (?=\S|$)")
#: ``min`` not after a number nor in 「以 min 计」: the member, not the unit
_MIN_MEMBER = re.compile(r"(?<![\w.])(?<!\d )(?<!以 )min(?![\w.])")
_JSON_STRING = re.compile(r'(?<![\w`])"([^"\s`]{1,20})"(?![\w`])')
#: a JSON array of one string, marked whole with its brackets (「`["setDidDocument"]`」)
_JSON_ARRAY = re.compile(r'(?<![\w`])\[("[^"\s`]{1,40}")\](?![\w`])')
_TEMPLATE = re.compile(r"\{`([^`{}]+)`\}`([^`]*)`")
#: code values cut by their marks (eighteenth reading), each with what makes it whole; adjacent spans then join
_CUT_CODE = ((re.compile(r"<`([\w-]+)`>"), r"`<\1>`"),
             (re.compile(r"\?(\$?)`(\w+)`=`([^`]+)`((?:,`[^`]+`)*)"),
              lambda m: f"`?{m.group(1)}{m.group(2)}={m.group(3)}{m.group(4).replace('`', '')}`"),
             (re.compile(r"`(\w+)`=`([^`\s]+)`"), r"`\1=\2`"),
             (re.compile(r"(?<![\w`])\$`(\w+)`"), r"`$\1`"),
             (re.compile(r"`(mqtts?|wss?|https?)`://"), r"`\1://`"),
             (re.compile(r"`(\w+)` \[\.\.\.\]"), r"`\1 [...]`"),
             (re.compile(r"`(\w+)`\(\)"), r"`\1()`"),
             (re.compile(r'\[`("[^`"\n]*")`\]'), r"`[\1]`"),
             (re.compile(r"`(https?|wss?)`\(s\)"), r"`\1` 或 `\1s`"),
             (re.compile(r"\{`(\w+)`\}(?!`)"), r"`{\1}`"),
             (re.compile(r"`(GET|POST|PUT|PATCH|DELETE)` `(\{[^`\s]*)`"), r"`\1 \2`"),
             (re.compile(r"`([^`\n]+)``([^`\n]+)`"), r"`\1\2`"))
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_ISSUE_NUMBER = (re.compile(r"(〔\d{4}〕\d+) 号"), re.compile(r"令第 (\d+) 号"))
#: a requirement ID (its hyphens ASCII or non-breaking), an ID range by 「..」 and a bare suffix after an ID
_ID_PIECE = re.compile(r"(?P<prefix>\b[A-Z]{2,3}[-\u2011][A-Z]+[-\u2011])(?P<n>\d{3})(?:(?:\.\.|～)(?P<to>\d{3}))?"
                       r"|(?<=[、，（(\s])-(?P<bare>0\d\d)(?:(?:\.\.|～)(?P<bare_to>0\d\d))?(?![\d.])")


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    return "".join(part if part.startswith("`") else change(part) for part in re.split(r"(`[^`\n]*`)", text))


def _grouped(match: re.Match[str]) -> str:
    digits = match.group(1)
    before = match.string[max(0, match.start() - 8):match.start()]
    if _DOCUMENT.search(before) or _DATE_LIKE.fullmatch(digits):
        return digits
    head = len(digits) % 3 or 3
    return " ".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def _exponent(match: re.Match[str]) -> str:
    return f"{match.group(1)} × 10{(match.group(2) + match.group(3)).translate(_SUPERSCRIPT)}"


def _percentile(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = match.group(1) if start and not _CJK.match(text[start - 1]) else ""
    after = match.group(3) if end < len(text) and not _CJK.match(text[end]) else ""
    return f"{before}第 {match.group(2)} 百分位数{after}"


def whole_ids(text: str, lang: str) -> str:
    """Each requirement ID of a run written whole: a range 「AS‑AIGC‑001..003」 as 「AS‑AIGC‑001 至 AS‑AIGC‑003」 and
    a bare suffix after an ID, 「、-005」, with the ID's prefix."""
    to = " 至 " if lang == "zh" else " to "
    prefix = ""

    def piece(match: re.Match[str]) -> str:
        nonlocal prefix
        if match.group("prefix"):
            prefix = match.group("prefix")
            first, last = match.group("n"), match.group("to")
        elif prefix:
            first, last = match.group("bare"), match.group("bare_to")
        else:
            return match.group(0)
        return f"{prefix}{first}{to}{prefix}{last}" if last else f"{prefix}{first}"
    return _ID_PIECE.sub(piece, text)


def signs(text: str, lang: str) -> str:
    """``text`` with its signs, long numbers, document numbers and requirement IDs as the draft writes them."""
    def change(part: str) -> str:
        for pattern, sign in _COMPARE:
            part = pattern.sub(sign, part)
        part = whole_ids(part, lang)
        part = _BINARY_MINUS.sub(" − ", _MINUS.sub("−", _EXPONENT.sub(_exponent, part)))
        part = _DEGREE_RATE.sub("", _LONG.sub(_grouped, part))
        if lang == "zh":
            part = _ALTERNATIVE_UNIT.sub(lambda m: f"{m.group(1)} 或 m{'/s' if m.group(2) else ''}", part)
            part = _outside_code(_JSON_ARRAY.sub(r"`[\1]`", part), lambda s: _JSON_STRING.sub(r'`"\1"`', s))
            part = _MIN_MEMBER.sub("`min`", _PERCENTILE.sub(_percentile, part))
            for pattern in _ISSUE_NUMBER:
                part = pattern.sub(lambda m: m.group(0).replace(" ", ""), part)
        else:  # the English names the statistic as the Chinese does (leftovers of the eighteenth reading, part d)
            part = _PERCENTILE.sub(lambda m: f"{m.group(1)}{m.group(2)}th percentile{m.group(3)}", part)
        return part
    if lang == "zh":
        text = _TEMPLATE.sub(r"`{\1}\2`", text)
        for pattern, whole in _CUT_CODE:
            text = pattern.sub(whole, text)
    return _outside_code(text, change)
