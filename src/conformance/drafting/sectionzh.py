"""A section of a Chinese-language document (a law or regulation of the 参考文献, a GB standard) as the document
numbers it, for the Chinese text (thirty-second reading of issue 76, row b13: 编制说明 三（三） cited 「参考文献[31]
Art. 4」, 「GB/T 35273—2020 … 3.1 personal information」 and 「GB 11643—1999 … Check character」, the catalog's English
labels, where the law writes 第四条 and the standard 3.1 and 校验码). An article is 「第N条」, a paragraph 「第N款」, an
item 「第N项」; a clause keeps its number without the English words after it; an annex is 「附录 X」; a label with
no number is the standard's own Chinese term where it is known, else the English remark it is, in brackets."""

from __future__ import annotations

import re

from .wording import zh_number

#: labels with no number and the cited standard's own term for them: GB 11643—1999 names its last digit 校验码
#: (its clause 4.4); a standard's clause 1 is its 范围 (GB/T 1.1-2020, 8.1)
TERMS = {"Check character": "校验码", "Scope": "范围"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
#: one reference of an article list: an article's number, a paragraph (「para. 1」, 「paragraph 1」, 「second
#: paragraph」) or items (「item 3」, 「items 2 and 3」) of the article before it; a singular 「item」 takes one number,
#: so in 「17, paragraph 1, item 2 and 19」 the 19 is an article (fifty-sixth reading, d2: it was 「第十九项」)
_ARTICLE_PART = re.compile(r"(?P<para>para(?:graph|\.)\s*(?P<pn>\d+)|(?P<ord>first|second|third|fourth|fifth)"
                           r" paragraph)|(?P<items>item\s+(?P<i1>\d+)|items\s+(?P<i2>\d+)\s+and\s+(?P<i3>\d+))"
                           r"|(?P<art>\d+)")
_CLAUSE = re.compile(r"(?:Annex|Table) [A-Z0-9.]+|\d+(?:\.\d+)*(?: [a-z]\))?")


def numeral(number: int) -> str:
    """1..999 as Chinese numerals (第一百零五条): :func:`.wording.zh_number` for 1..99."""
    hundreds, rest = divmod(number, 100)
    if not hundreds:
        return zh_number(number)
    tail = "" if not rest else ("零" + zh_number(rest)) if rest < 10 else ("一" + zh_number(rest)) if rest < 20 \
        else zh_number(rest)
    return zh_number(hundreds) + "百" + tail


def _articles(text: str) -> str:
    """「Articles 13, 14 and 47, paragraph 1, item 3」 as 「第十三条、第十四条、第四十七条第一款第三项」."""
    out: list[str] = []
    for m in _ARTICLE_PART.finditer(text):
        if m.group("art"):
            out.append(f"第{numeral(int(m.group('art')))}条")
        elif out and m.group("para"):
            out[-1] += f"第{numeral(int(m.group('pn')) if m.group('pn') else _ORDINALS[m.group('ord')])}款"
        elif out and m.group("items"):
            out[-1] += "、".join(f"第{numeral(int(i))}项" for i in (m.group("i1"), m.group("i2"), m.group("i3")) if i)
    return "、".join(out)


def _part(part: str) -> str:
    """One reference of a section list, 「;」 apart in the catalog."""
    part = part.strip()
    if re.match(r"(?:Art\.|Articles?)\s*\d", part):
        return _articles(part)
    if (item := re.match(r"items?\s+(\d+)(?:\s+and\s+(\d+))?\b", part)):  # a notice's items, its remark after ':'
        return "、".join(f"第{numeral(int(i))}项" for i in item.groups() if i)
    if part in TERMS:
        return TERMS[part]
    if re.match(r"(?:Annex|Table) |\d", part):  # a clause, an annex or a table, the English words after each left out
        return "、".join(c.replace("Annex ", "附录 ").replace("Table ", "表 ") for c in _CLAUSE.findall(part))
    return f"（{part}）"


def chinese_section(section: str) -> str:
    """A section of a Chinese-language document, its English remarks in brackets already left out, as the
    document numbers it; several 「、」 apart."""
    return "、".join(_part(p) for p in section.split(";") if p.strip())


#: a catalog remark in brackets that holds the limit's own figures, in Chinese (thirty-fifth reading, b4)
_FIGURES_ZH = {"detectability thresholds about +45 ms and -125 ms": "可察觉阈约为 +45 ms 与 −125 ms"}
_FIGURE = re.compile(r"[+-]?\d+(?:\.\d+)?\s?(?:ms|s|Hz|kHz|dB|%|°|m|cm|mm)\b")


def kept_bracket(m: re.Match[str]) -> str:
    """A catalog bracket after a section of a document not written in Chinese, as the Chinese text keeps it: the
    cited sub-clause (「（10.1 Keep Personal Data Private）」) and the limit's figures stay, a remark on what the
    section holds goes (thirty-fifth reading, b4: the two languages cite the same sections and figures)."""
    inner = m.group(1).strip()
    if sub := re.match(r"\d+(?:\.\d+)+(?=\s)", inner):  # the sub-clause by its number (forty-second reading, d17)
        return f"（{sub.group()}）"
    if figures := _FIGURE.findall(inner):
        return f"（{_FIGURES_ZH.get(inner) or '、'.join(f.replace('-', '−') for f in figures)}）"
    return ""


#: the heads of a paper's parts, as the Chinese text names them (forty-first reading, d23: 「参考文献[68] Abstract」)
_HEADS_ZH = {"abstract": "摘要", "introduction": "引言", "methods": "方法", "results": "结果", "discussion": "讨论",
             "conclusions": "结论", "conclusion": "结论"}
_HEAD = re.compile(r"\b(" + "|".join(_HEADS_ZH) + r")\b", re.IGNORECASE)


def chinese_heads(section: str) -> str:
    """A cited section of an English paper with its part heads in Chinese: 「Abstract and results」 is 「摘要与结果」."""
    named = _HEAD.sub(lambda m: _HEADS_ZH[m.group(1).lower()], section)
    return re.sub(r"(?<=[\u4e00-\u9fff])(?: and |, ?)(?=[\u4e00-\u9fff])", lambda m: "与" if "and" in m.group() else "、",
                  named)


#: a cited part of a document not written in Chinese that its number names: a clause, an annex, a table
_NUMBERED = re.compile(r"(?:(?P<kind>Annex|Appendix|Table) (?P<label>[A-Z0-9.]+)|(?P<clause>\d+(?:\.\d+)*))(?=[\s,]|$)")
#: a part named by English words alone ("Specification", "Abstract and results")
_WORDS = re.compile(r"[A-Z][a-z]+(?: [a-z]+)*")


def foreign_section(section: str) -> str:
    """A cited section of a document not written in Chinese, for the Chinese text (forty-second reading, d17:
    「9.2.2 Idempotent 方法」, 「4 Request object, 5 Response object」, 「Specification」, 「2 Links」 stood half in
    English): a clause, annex or table by its number alone, 「、」 apart; a paper's part heads in Chinese; a part
    named by English words alone names no clause and is left out; a name of the document's own (an OpenXR
    extension, `XrTime`, a file) stays as written."""
    cited: list[str] = []
    for part in (p.strip() for p in re.split(r"\s*;\s*|,\s*(?=\d|Annex |Table )", section) if p.strip()):
        if numbered := _NUMBERED.match(part):
            kind = {"Table": "表 "}.get(numbered.group("kind") or "", "附录 ")
            sub = re.search(r"（[^（）]*）$", part)  # the sub-clause :func:`kept_bracket` kept
            cited.append((numbered.group("clause") or kind + numbered.group("label")) + (sub.group() if sub else ""))
        elif _WORDS.fullmatch(part):
            if (headed := chinese_heads(part)) != part:
                cited.append(headed)
        else:
            cited.append(chinese_heads(part))
    return "、".join(cited)
