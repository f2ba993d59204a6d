"""How the specification's Chinese text is worded: its code values marked as code, and the
checks that its normative body has no English words and its procedures name no tool (GB/T 1.1
asks for the one language; a test procedure says what the tester does, not which command)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .namedwords import FUNCTIONS, inside_name, plain_in_place
from .quantities import grouped_digits, numeral_durations

#: a Latin-script word: letters, digits and the joiners of code values and standard numbers, and a final _ (Pset_)
WORD = re.compile(r"[/.@]?[A-Za-z][A-Za-z0-9]*(?:[-_./:@+][A-Za-z0-9]+)*(?:_(?![A-Za-z0-9]))?")
#: an HTTP status class (``4xx``): code as a whole, not a digit and a word
_STATUS_CLASS = re.compile(r"(?<![A-Za-z0-9])[1-5]xx(?![A-Za-z0-9])")
#: a code value that starts with a digit (3d-tiles-validator, 2d_array): one value, not a digit and
#: a word; a digit and a unit (10dB) stays two, the unit as written
_DIGIT_LED = re.compile(r"(?<![A-Za-z0-9])\d+[A-Za-z][A-Za-z0-9]*(?:[-_./:@+][A-Za-z0-9]+)+")
_TOKEN = re.compile(rf"{_STATUS_CLASS.pattern}|{_DIGIT_LED.pattern}|{WORD.pattern}")
_REQ_ID = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2}-[A-Z0-9]+-\d{3}(?![A-Za-z0-9-])")
_CODE, _KEPT = re.compile(r"`[^`]*`"), re.compile(r"(`[^`]*`|\[(?:[0-9A-Za-z]-[0-9A-Za-z])+\])")
#: a document's designation with its edition: a name, a colon and the date (ILAC-G8:09/2019, ISO 4217:2015)
_EDITION = re.compile(r"(.+?):(?:\d{2}/)?\d{4}")
#: an HTTP path or an MQTT topic in a Chinese text: a slash (or a version such as v1.1 and a slash) after a
#: space, a bracket or the start (not a degree sign, 「1000°/s」, nor an italic symbol, 「*n*/60 s」, nor a Greek or
#: accented letter or a closing bracket, a formula's division: 「1 − cos(π/10)」, sixty-fourth reading dx1), then a path
_PATH = re.compile(r"(?<![A-Za-z0-9`/°*\u00c0-\u024f\u0370-\u03ff)\]])((?:v\d[\d.]*)?/[A-Za-z0-9_.~{}$=&?%()<>-]+(?:/[A-Za-z0-9_.~{}$=&?%()<>-]*)*)")
#: units a Chinese text writes in Latin script, not code (μmol/mol reads as mol/mol; TiB, mW: forty-third reading, dx1)
UNITS = {"Hz", "kHz", "mm", "cm", "km", "ms", "ns", "min", "dB", "lx", "cd/m", "m/s", "mm/s", "deg/s", "rad/s", "px", "fps",
         "KiB", "MiB", "GiB", "TiB", "kbit/s", "rad", "nm", "sr", "N/m", "mV/g", "mol/mol", "GHz", "eV", "kg", "mW", "kW", "mA",
         "kPa", "hPa", "MPa", "Pa"}  # sixty-second reading, dx1: 「气压 86 kPa 至 106 kPa」 was set as code


def listed(items: list[str], lang: str) -> str:
    """``a、b与c`` / ``a, b and c``; where an item holds the conjunction itself, the last one
    is joined by 以及 / ", and"."""
    if len(items) < 2:
        return "".join(items)
    if lang == "zh":
        return "、".join(items[:-1]) + ("以及" if any("与" in item for item in items) else "与") + items[-1]
    last = ", and " if len(items) > 2 and any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def coded(text: str, allowed: set[str], literals: frozenset[str] = frozenset()) -> str:
    """Chinese text with its code values marked as code (backticks): a Latin-script word that
    is not an abbreviation or name of clause 4, a unit or a requirement ID, and is written as
    code is written (lower case, joined by ``_ . / : @``, or with a capital inside)."""
    def mark(match: re.Match[str]) -> str:
        word, whole = match.group(0), match.string
        # part of a word with letters beyond ASCII (Kübler, Čoh): a name, not a code value
        if (match.start() and whole[match.start() - 1].isalpha() and not _CJK.match(whole[match.start() - 1])) or (
                match.end() < len(whole) and whole[match.end()].isalpha() and not _CJK.match(whole[match.end()])):
            return word
        if word in literals:  # but a word of a name as written: 「W3C Data Integrity EdDSA Cryptosuites」
            return word if inside_name(match, allowed) else f"`{word}`"
        if plain_in_place(match):  # a function before its argument, a title's joining word (62nd reading, dx1)
            return word
        if word in allowed or word in UNITS or _REQ_ID.fullmatch(word) or len(re.sub(r"[^A-Za-z]", "", word)) < 2:
            return word
        # a name of clause 4 with its edition (sixth reading: 「`ILAC-G8:09/2019` 4.2」 was a code value)
        if _dated(word, allowed):
            return word
        if re.search(r"[_./:@+]", word) or re.search(r"[a-z][A-Z]", word) or word.islower():
            return f"`{word}`"
        return word

    def token(match: re.Match[str]) -> str:
        return f"`{match.group(0)}`" if _STATUS_CLASS.fullmatch(match.group(0)) else mark(match)

    # a URL (http://www.tc260.org.cn/ns/AIGC/1.0/) is one code value, not a word and a path; then an
    # HTTP path with its query (/1.0/resolve?identifier={identifier}) or an MQTT topic
    # (v1.1/Things(<id>)/description), not words and digits
    text = "".join(part if part.startswith("`") else _URL.sub(_url_code, part) for part in re.split(r"(`[^`]*`)", text))
    # a quoted glob (「例如 "products/**/*"」) is one code value, not a word and stars (seventh reading)
    text = "".join(part if part.startswith("`") else _GLOB.sub(r"`\1`", part) for part in re.split(r"(`[^`]*`)", text))
    text = "".join(part if part.startswith("`") else _PATH.sub(r"`\1`", part)
                   for part in re.split(r"(`[^`]*`)", text))
    parts = _KEPT.split(text)  # a code value, or a character class as written: 「[0-9a-f]」 (28th reading, b10)
    # a JSON member or string the text writes ({"to": B 的 DID}): the quotation marks belong to the code value,
    # not to the Chinese text around it (eighth reading: 44 「{"`to`": ...}」, ASCII quotes outside code)
    return _QUOTED_CODE.sub(r'`\1\2\3\1`', "".join(part if i % 2 else _TOKEN.sub(token, part)
                                                for i, part in enumerate(parts)))


_QUOTED_CODE = re.compile(r'(["\'])`([^`"\'\n]+)`( \.\.\.)?\1')  # "`text` ..." cut short; an IFC string '`Body`' too


_GLOB = re.compile(r'"([^"\s`]*\*[^"\s`]*)"')


def _url_code(match: re.Match[str]) -> str:
    """A URL as one code value, the sentence's closing punctuation left outside it."""
    url = match.group(0).rstrip(".,;:")
    return f"`{url}`{match.group(0)[len(url):]}"


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The words of a Chinese text that are English: Latin-script words of three or more
    letters that are not code values (marked as code), requirement IDs, abbreviations or names
    clause 4 lists, or units. The Chinese normative body has none."""
    found = []
    for word in WORD.findall(_REQ_ID.sub(" ", _CODE.sub(" ", text))):
        letters = re.sub(r"[^A-Za-z]", "", word)
        if (len(letters) >= 3 and word not in allowed and word not in UNITS and not _is_number(word, allowed)
                and not _dated(word, allowed) and word not in FUNCTIONS):
            found.append(word)
    return found


#: what names a tool in a procedure: a test node ID, a Python file, a command line or its options
_TOOL = re.compile(r"\S+\.py\b\S*|\S*::test_\S*|\bpytest\b"
                   r"|\bconformance\s+(?:run|catalog|report|list|programme|certify|init)\b|(?<![\w-])--[a-z][\w-]*")


def tool_words(text: str) -> list[str]:
    """The parts of a text that name a tool (test node IDs, commands, options): a test
    procedure says what the tester does and observes, and has none."""
    return _TOOL.findall(text)


#: third-party programs a test case could be tempted to name (issue 76): a test case names the
#: specification clause it checks, the program goes to annex B, the notes and the 编制说明 (not its limits basis: 45th, cx1)
_PROGRAM = re.compile(r"glTF-Validator|3d-tiles-validator|\bval3dity\b|IfcOpenShell|ifctester|\burdfdom\b"
                      r"|\bcheck_urdf\b|usdchecker|\bPyAV\b|\bNumPy\b|\bSciPy\b", re.IGNORECASE)


def program_names(text: str) -> list[str]:
    """The third-party programs a text names: a test case's purpose, steps, expected result and
    verdict criteria name none (the method is the rule of the specification it checks)."""
    return _PROGRAM.findall(text.replace("`", ""))  # a name marked as code is a name too


def untooled(text: str) -> str:
    """A description without the remarks in brackets that name the harness's own files (how
    the project measured a default belongs to annex B, not to a normative pro forma)."""
    def keep(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        kept = [part for part in re.split(r"[；;]", inner) if not tool_words(part)]
        if len(kept) == len(re.split(r"[；;]", inner)):
            return match.group(0)
        return f"{match.group(0)[0]}{'；'.join(p.strip() for p in kept)}{match.group(0)[-1]}" if kept else ""

    return re.sub(r"（[^（）]*）|\([^()]*\)", keep, text)


def _dated(word: str, allowed: set[str]) -> bool:
    """A document of clause 4's names cited with its edition (``ILAC-G8:09/2019``): a name, not a code value
    (sixth reading: 「`ILAC-G8:09/2019` 4.2」 in clause 6 and every measuring test case's 判定准则)."""
    edition = _EDITION.fullmatch(word)
    return edition is not None and edition.group(1) in allowed


def _is_number(word: str, allowed: set[str]) -> bool:
    """A standard's number or a versioned name (``IEEE 1789-2015``, ``RFC``, ``IFC4``, ``SHA-256``):
    an allowed word followed by digits, or one made of allowed parts."""
    stem = re.sub(r"[-.:/]?\d[\w.-]*$", "", word)
    return bool(stem) and (stem in allowed or all(p in allowed or p.isdigit() for p in re.split(r"[-/]", stem) if p))


_CJK = re.compile(r"[\u4e00-\u9fff]")
#: the clauses whose entries name foreign documents or give a term's English equivalent
#: (GB/T 1.1-2020 keeps a foreign document's title as published and a term's English name)
_NAMING_CLAUSES = ("clause-2", "clause-3", "clause-4", "bibliography")


def english_in_document(blocks: Sequence[Any], allowed: set[str]) -> list[tuple[str, str]]:
    """Every English word of the whole Chinese document, annexes and tables included, with the text it stands in:
    (word, text). Left out, because they are names and not sentences: the cover's English title, the 目次's anchors,
    URLs, and in clauses 2 to 4 and the 参考文献 an entry of a foreign document (no Chinese but 「ISO/IEC 指南 98-3」's
    指南) or a term's or abbreviation's English equivalent after its Chinese name, and an entry's type code ([Z/OL]).
    A Chinese document (a law, a GB standard) is cited in Chinese, so an entry with Chinese in it is checked whole."""
    found: list[tuple[str, str]] = []
    clause = ""
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            clause = block.anchor
        if block.kind in ("cover", "toc"):
            texts = [row[1] for row in block.rows if row[0] not in ("subtitle",)] if block.kind == "cover" else \
                [row[1] for row in block.rows]
        else:
            texts = [block.text, *(cell for row in block.rows for cell in row)]
        for text in texts:
            text = _URL.sub(" ", str(text))
            if clause in _NAMING_CLAUSES and block.kind == "para":
                if not _CJK.search(text.replace("ISO/IEC 指南 ", "")):
                    continue
                # "术语  term", 「DID：…（decentralized identifier）」, an adoption's 「（ISO 2631-1:1997，IDT）[S].」
                text = re.sub(r"\s{2,}[^\u4e00-\u9fff]+$", "", re.sub(r"\[[A-Z]+/OL\]", "", text))  # 61st reading, a3
                text = re.sub(r"（[^（）]*）(?:\[[A-Z]+\]\.)?\s*$", "", text)
            # the cover's placeholders for the number and dates (GB/T XXXXX—XXXX) are no words
            found += [(word, text) for word in english_words(text, allowed) if set(word) - {"-"} != {"X"}]
    return found


_URL = re.compile(r"(?:https?://|doi:)[^\s`\u3000-\uffff]+")


#: "无法判定" or "无法确定" as the verdict's name (判为无法判定, 记录“无法判定”, 判定为无法确定) is clause 3's 不确定
_VERDICT_NAMED = re.compile(r"“无法(?:判定|确定)”|(?<=判为|记为|视为|定为|果为|论为)无法(?:判定|确定)")


#: a Chinese standard's number and year, which GB/T 1.1-2020 joins with an em dash (GB/T 22240—2020);
#: the catalog's texts write them with a hyphen, as their English does
_GB_NUMBER = re.compile(r"(?<![A-Za-z0-9])(GB(?:/T|/Z)? \d+(?:\.\d+)*)-(\d{4})(?!\d)")


#: units written in ASCII in the catalog's texts ("1000 deg/s", "700 m/s^2"), as the SI writes their symbols (BIPM
#: SI Brochure, 9th edition, table 8: the degree's symbol is °; a power is a superscript): "1000 °/s",
#: "700 m/s²" (fourth reading: 13 in the Chinese draft, TD-MOT-002 and TD-MOT-003). Code values keep theirs
_UNIT_SYMBOLS = ((re.compile(r"(?<![\w/])deg/s(?:\^2|²)(?![\w^])"), "°/s²"), (re.compile(r"(?<![\w/])deg/s(?![\w^²])"), "°/s"),
                 (re.compile(r"(?<=/s)\^2(?!\d)"), "²"), (re.compile(r"(?<=/s)\^3(?!\d)"), "³"),
                 # fifth reading: the eyepiece luminance limit 「50 cd/m^2」 (TD-DISP-011, its test case, annex A)
                 (re.compile(r"(?<=\bcd/m)\^2(?!\d)"), "²"),
                 # and a bracket squared, the Ambisonics channel count 「(阶数 + 1)^2」 (TD-AUD-001, annex E)
                 (re.compile(r"(?<=[)）])\^2(?!\d)"), "²"))
#: the radiance unit 「W m^-2 `sr`^-1」 (TD-DISP-010's test case: the steradian, a Latin word, was set as code) and the
#: spectral radiance's 「… `nm`^-1」 as the SI writes a product of units with negative powers, 「W·m⁻²·sr⁻¹」 and
#: 「W·m⁻²·sr⁻¹·nm⁻¹」 (fifth reading)
_RADIANCE = re.compile(r"\bW(?: m\^-2 |·m⁻²·)`?sr`?(?:\^-1|⁻¹)(?P<nm>[ ·]`?nm`?(?:\^-1|⁻¹))?")  # or 「W·m⁻²·`sr`⁻¹」


def si_symbols(text: str) -> str:
    """``deg/s`` as ``°/s``, ``m/s^2`` as ``m/s²`` and ``cd/m^2`` as ``cd/m²`` outside code values."""
    parts = _RADIANCE.sub(lambda m: "W·m⁻²·sr⁻¹" + ("·nm⁻¹" if m.group("nm") else ""), text).split("`")
    for i in range(0, len(parts), 2):  # the even parts are outside backticks
        for pattern, symbol in _UNIT_SYMBOLS:
            parts[i] = pattern.sub(symbol, parts[i])
    return "`".join(parts)


#: a unit's Chinese name after a value -> its symbol (ninth reading). GB 3100-1993 and the rules for the use of the
#: legal units: a value is written with the unit's symbol, in narrative text too; the Chinese names serve text with no
#: value and popular books, and a compound unit does not mix the two (「km/时」). The draft wrote 毫秒 258 times beside
#: ms 47, 分贝 beside dB, 「九条 150 毫秒的振动……80 Hz、170 Hz 与 250 Hz」 in one sentence. Calendar periods (日, 周, 月, 年),
#: counts (像素, 帧, 次) stay words; a unit named with no value, 「（毫秒）」, is :mod:`.unitphrases`' (「以 ms 计」)
_UNIT_NAMES = {"毫秒": "ms", "微秒": "μs", "纳秒": "ns", "秒": "s", "分钟": "min", "小时": "h", "纳米": "nm", "微米": "μm",
               "毫米": "mm", "厘米": "cm", "千米": "km", "米": "m", "分贝": "dB", "千赫": "kHz", "赫兹": "Hz", "吉赫": "GHz",
               "瓦时": "W·h", "瓦": "W", "毫牛": "mN", "牛顿": "N", "微伏": "μV", "毫伏": "mV", "度": "°", "弧度": "rad",
               "兆欧": "MΩ", "千欧": "kΩ", "纳法": "nF"}  # 「0.05 弧度（或米）」: the alternative's unit too
_UNIT_ALT = "|".join(sorted(_UNIT_NAMES, key=len, reverse=True))
_PER_SECOND = re.compile(rf"每秒 ?(\d[\d.]*) ?({_UNIT_ALT})")
_VALUE_UNIT = re.compile(rf"(?:(?<=[\d)）])|(?<=（或)) ?({_UNIT_ALT})(?:/({_UNIT_ALT})|(每秒))?(?=(.?))")


def unit_symbols(text: str) -> str:
    """A value's unit written by its symbol in a Chinese text outside code values: 「150 毫秒的」 as 「150 ms 的」,
    「30 度/秒」 as 「30°/s」, 「1.0 度」 as 「1.0°」 (the degree joins its number, GB 3102.1)."""
    def symbol(m: re.Match[str]) -> str:
        if m.group(1) == "瓦" and m.group(4) == "片":  # 「14.9 SC-TILE-006 瓦片集」: a tileset, not watts
            return m.group(0)
        unit = _UNIT_NAMES[m.group(1)] + (f"/{_UNIT_NAMES[m.group(2)]}" if m.group(2) else "/s" if m.group(3) else "")
        spaced = unit if unit.startswith("°") else f" {unit}"
        return spaced + (" " if m.group(4) and _CJK.match(m.group(4)) and not unit.endswith("°") else "")

    parts = text.split("`")
    # a rate in words around a value, 「以每秒 20 毫米滑动」, is the value with its compound unit: 「以 20 mm/s 滑动」
    def rate(m: re.Match[str]) -> str:  # a space between Chinese and the value, as the text writes 「以 1.5 N」
        return (" " if m.start() and _CJK.match(m.string[m.start() - 1]) else "") + f"{m.group(1)} {m.group(2)}/秒"

    return "`".join(grouped_digits(_VALUE_UNIT.sub(symbol, _PER_SECOND.sub(rate, numeral_durations(part))))
                    if i % 2 == 0 else part for i, part in enumerate(parts))


#: the uncertainty guides as clause 2 lists them, dated (sixth reading: clause 6, the 判定准则 and the notes the test
#: cases quote cited 「ISO/IEC 指南 98-3」 and 「ISO/IEC 指南 98-4」 undated beside clause 2's dated entries)
_GUIDES = re.compile(r"(ISO/IEC (?:指南|Guide) 98-([34]))(?![:\d])")
_GUIDE_EDITIONS = {"3": "2008", "4": "2012"}


def dated_guides(text: str) -> str:
    """``ISO/IEC 指南 98-3`` as ``ISO/IEC 指南 98-3:2008``, the edition clause 2 cites (98-4: 2012)."""
    return _GUIDES.sub(lambda m: f"{m.group(1)}:{_GUIDE_EDITIONS[m.group(2)]}", text)


def percent_close(text: str) -> str:
    """``5 %`` as ``5%`` in a Chinese text outside code values: the draft writes it so 258 times (sixth reading:
    28 times with a space, 「约 95 %」 in clause 6.2 beside 「5%」)."""
    parts = text.split("`")
    return "`".join(re.sub(r"(?<=\d) %", "%", part) if i % 2 == 0 else part for i, part in enumerate(parts))


def unquoted_names(text: str, allowed: set[str]) -> str:
    """A name of clause 4 a drafter's text sets as code (「`WebAuthn`」, 「`buildingSMART`」, 「`IEC 62471`」)
    written as a name, as :func:`coded` leaves it in the body: a code span each of whose words is one of
    clause 4's names, or such a name with its edition, beside digits only (seventh reading: table B.3 quoted
    the coverage table's texts with their backticks). Code values (`GET`, `terminal-voice`) keep theirs."""
    def name(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        words = WORD.findall(inner)
        rest = WORD.sub("", inner)
        if words and all(w in allowed or _dated(w, allowed) for w in words) and re.fullmatch(r"[\d\s.:/-]*", rest):
            return inner
        return match.group(0)

    return _CODE.sub(name, text)


_CELSIUS = re.compile(r"(?<=\d) ?(?:摄氏度|°C)")
_CELSIUS_RANGE = re.compile(r"(?<![(（\d.])(\d+(?:\.\d+)?) ± (\d+(?:\.\d+)?) ℃")


def celsius(text: str) -> str:
    """A Celsius temperature in a Chinese text outside code values as 「43 ℃」, 「(25 ± 2) ℃」: the draft wrote
    ℃ 32 times (clause 5, the 前置条件) and 摄氏度 14 times (TD-PWR-002's title, steps and criteria; seventh
    reading); ℃ is the unit's symbol, the one form Chinese practice also allows as a Chinese symbol."""
    parts = text.split("`")
    return "`".join(_CELSIUS_RANGE.sub(r"(\1 ± \2) ℃", _CELSIUS.sub(" ℃", part).replace("（摄氏度）", "（℃）"))
                    if i % 2 == 0 else part for i, part in enumerate(parts))


_CJK_MARK = "\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e"
_ASCII_QUOTED = re.compile(rf'(?:(?<=[{_CJK_MARK}]) ?)"([^"\n`]{{1,40}})"(?: ?(?=[{_CJK_MARK}]))?'
                           rf'|"([^"\n`]{{1,40}})"(?: ?(?=[{_CJK_MARK}]))')


def chinese_quotes(text: str) -> str:
    """A short string quoted with ASCII double quotes beside Chinese text, outside code values, in Chinese quotation
    marks without the spaces around them: 「`Label` 不为 "1"；」 as 「`Label` 不为“1”；」, 「（"人工智能" 或 "AI"）」 as
    「（“人工智能”或“AI”）」 (seventh reading: 18 such in the draft beside 「不是“1”或“2”」)."""
    parts = text.split("`")
    return "`".join(_ASCII_QUOTED.sub(lambda m: f"“{m.group(1) or m.group(2)}”", part) if i % 2 == 0 else part
                    for i, part in enumerate(parts))


def standard_dashes(text: str) -> str:
    """``GB/T 22240-2020`` in a Chinese text as ``GB/T 22240—2020``."""
    return _GB_NUMBER.sub("\\1—\\2", text)


#: the catalog's name for itself: its requirements and notes say 本目录 / "this catalog" ("本目录自定的数值",
#: "本目录的参考语料"), but in the specification rendered from them the catalog is the document, which
#: GB/T 1.1-2020 calls 本文件 throughout (third reading of issue 76: 33 uses in the draft, 29 in the 编制说明);
#: its seed documents are the policy documents 参考文献[1] to [5] list (「种子文件未规定」); a topic's quote of its
#: seed, 「（种子：「……」）」, is 「（原文：「……」）」, since [4] is a white paper, not a policy document (fifth
#: reading); a random seed, 随机种子, stays
_CATALOG_NAMES = {"zh": ((re.compile("本目录"), "本文件"), (re.compile("种子文件"), "政策文件"),
                         (re.compile("（种子："), "（原文："), (re.compile("种子义务"), "原文义务"),
                         # the catalog's notes call the programme that sets or tightens a parameter 试点(项目) (a
                         # pilot), which clause 3 defines as 认证计划 (eighth reading: 28 requirements' notes, quoted by
                         # 编制说明 3.2); a real pilot project (编制说明 六) and a pilot laboratory are not it
                         (re.compile(r"试点(?:项目)?(?=能|将参数|设定|决定|另行|指定|据此|的参考序列)"), "认证计划")),
                  "en": ((re.compile(r"\bthis catalog\b"), "this document"),
                         (re.compile(r"\b([Tt])he catalog's\b"), "\\1his document's"),  # its board, corpus: a20
                         # the five documents, not a random seed (fifth reading: "the seeds define no ...")
                         (re.compile(r"\b([Tt])he seeds\b"), "\\1he policy documents"),
                         (re.compile(r"\(seed: "), "(source text: "))}


#: requirement IDs written as a range of numbers, 「TD-PERF-001/002」: set as code (a word with "/") and
#: never linked, in clause 5's list of measuring test cases (third reading)
_ID_RUN = re.compile(r"(?<![A-Za-z0-9-])([A-Z]{2}-[A-Z0-9]+-)(\d{3}(?:/\d{3})+)(?![A-Za-z0-9/-])")


def whole_ids(text: str) -> str:
    """``text`` with each run of requirement IDs written whole: 「TD-PERF-001、TD-PERF-002」."""
    return _ID_RUN.sub(lambda m: "、".join(m.group(1) + n for n in m.group(2).split("/")), text)


def one_document_name(text: str, lang: str = "zh") -> str:
    """``text`` naming the document as the specification names itself (本文件, "this document")."""
    for pattern, name in _CATALOG_NAMES[lang]:
        text = pattern.sub(name, text)
    return text


#: other names of the object under test (issue 76: it had six); 被测平台, 被测终端 and 被测设备 name
#: kinds of it and stay, as the note to clause 3's entry 被测对象 says
_OBJECT_NAMES = re.compile(r"被测(?:产品|实现)")

#: other names of a profile's parameter: the text calls it 测试参数 (177 uses, clause 3's 认证计划 and the test
#: cases' 「测试参数取本文件规定的值」), the notes the 编制说明 quotes also 测试配置参数 and 配置参数 (fifth reading:
#: 4 and 1 in the draft, 15 and 1 in the 编制说明)
_PARAMETER_NAMES = re.compile(r"(?:测试)?配置参数")


def one_verdict_name(text: str) -> str:
    """Chinese text naming the inconclusive verdict one way, 不确定 (clause 3 defines it): the
    catalog's notes also call it 无法判定, which a reader takes for a fifth verdict; where the
    words say that no verdict can be reached they read 无法作出判定. The object under test is
    named as clause 3 names it, 被测对象, and a profile's parameter 测试参数."""
    text = _PARAMETER_NAMES.sub("测试参数", _OBJECT_NAMES.sub("被测对象", text))
    return _VERDICT_NAMED.sub(lambda m: "“不确定”" if m.group(0).startswith("“") else "不确定", text).replace(
        "无法判定", "无法作出判定")


_ZH_DIGITS = "〇一二三四五六七八九"


def zh_number(number: int) -> str:
    """1..99 as Chinese numerals (十一, 二十六): the 编制说明's sub-clauses are numbered so."""
    tens, units = divmod(number, 10)
    return (("" if tens < 2 else _ZH_DIGITS[tens]) + ("十" if tens else "")
            + ("" if tens and not units else _ZH_DIGITS[units]))


_RATIO = re.compile(r"(?<![\d.])(\d+) / (\d+)(?![\d.])")
_COUNT_PERCENT = re.compile(r"(?<![\d.])(\d+) \((\d+(?:\.\d+)?) ?%\)")
_PACKAGE = re.compile(r"^(?P<name>.+?) \((?P<inside>[^()]*), (?P<registry>PyPI|npm)\)$")
#: the package registries the products of 编制说明 四（三） were installed from: names, not code values
REGISTRIES = ("PyPI", "npm")


def note_figures(text: str) -> str:
    """The figures 编制说明 四 reads from the project's English tables (docs/, bench/), written as the Chinese text
    writes them, outside code values: 「369 / 369」 as 「369/369」 (beside 「580/580」), 「603 (99.8%)」 as 「603 个（99.8%）」
    (eighth reading). The English docs stay as they are; the conversion is the Chinese rendering's."""
    parts = text.split("`")
    # no space after the closing parenthesis (「603 个（99.8%） 一致」, ninth reading)
    return "`".join(_COUNT_PERCENT.sub(r"\1 个（\2%）", _RATIO.sub(r"\1/\2", part)).replace("%） ", "%）")
                    if i % 2 == 0 else part for i, part in enumerate(parts))


def product_name(name: str) -> str:
    """A product heading of docs/real-products.md, 「ACA-Py (acapy-agent 1.7.0, PyPI)」, in Chinese punctuation:
    「ACA-Py（acapy-agent 1.7.0，PyPI）」 (eighth reading: ASCII parentheses and comma in a Chinese table)."""
    match = _PACKAGE.match(name)
    return f"{match['name']}（{match['inside']}，{match['registry']}）" if match else name


def plain_registries(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """A table's cells with a registry's name (PyPI, npm) written plain where :func:`coded` set it as code: the
    registry is a name, the package installed from it (`acapy-agent`) the code value (eighth reading); and each
    row's product named plain before its package (「obj2gltf（`obj2gltf` 3.2.0，npm）」, :func:`plain_programs`)."""
    plain = re.compile(rf"`({'|'.join(REGISTRIES)})`")
    named = re.compile(r"^`([^`]+)`(?=（)")
    return tuple(tuple(named.sub(r"\1", plain.sub(r"\1", cell)) for cell in row) for row in rows)


#: the programs and products the 编制说明 names (ninth and eleventh readings). One convention, which 四 states: a program
#: or product by its name, plain (glTF-Validator, TEAM Engine); what a user types (`usd-core`, `check_urdf`) as code
PROGRAM_NAMES = ("glTF-Validator", "IfcOpenShell", "urdfdom", "UsdValidation", "metaverse-conformance")
#: the convention as 编制说明 四（二） states it (zh, en)
NAMES_RULE = ("本说明以名称书写程序与产品，以代码字体书写安装的软件包、命令与函数：",
              "This note writes a program or product by its name, and a package as installed, a command or a "
              "function in code type:")


def plain_programs(text: str) -> str:
    """``text`` with the program names of :data:`PROGRAM_NAMES` written plain where :func:`coded` set them as code."""
    return re.sub(rf"`({'|'.join(map(re.escape, PROGRAM_NAMES))})`", r"\1", text)


def plain_program_rows(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """A table's cells with :func:`plain_programs` applied."""
    return tuple(tuple(plain_programs(cell) for cell in row) for row in rows)
