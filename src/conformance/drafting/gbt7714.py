"""The 参考文献's entries in GB/T 7714-2015 form: each document's type code (a standard [S], a journal
article [J], a program [CP/OL], an online document [EB/OL]...) and where it is found."""

from __future__ import annotations

import re

#: an entry a Chinese body issued (its issuer written in Chinese first) and the sites that publish such texts with
#: authority: the State Council's, the NPC's national law database, the ministries' (all under gov.cn). Fourth
#: reading: laws were linked at chinalawtranslate.com, zh.wikisource.org and a mirror of npc.gov.cn, the CADPA
#: group standard at a news site
_CHINESE = re.compile(r"^[\u4e00-\u9fff]")
_OFFICIAL = re.compile(r"^https?://(?:[\w-]+\.)*gov\.cn(?:/|$)")
_NATIONAL = re.compile(r"^GB(?:/[TZ])? \d")

#: GB/T 7714-2015 4.1 type codes: a standard [S], a journal article [J], anything else an online document [EB/OL]
#: (sixty-third reading, d3: a Japanese (JIS), interstate (GOST) and metrology guide's (JCGM) designation too)
_STANDARD = re.compile(r"^(?:GB|ISO|IEC|RFC|ITU|IEEE|ASTM|3GPP|OGC|W3C|FIPS|OASIS|ETSI|IETF|JSON-LD|OpenAPI|OpenXR|"
                       r"SPDX|CityJSON|GS1|buildingSMART|glTF|VRM|Khronos|ILAC|ANSI|JIS|GOST|JCGM)\b")
_ARTICLE = re.compile(r"\d+ \(\d+\)|Journal|Proceedings|Symposium|Frontiers|Review\b")
#: a standards body's technical report (3GPP TR, ISO/TR, ISO/IEC TR, IEC TR, ETSI TR): an informative study, no
#: standard, so GB/T 7714-2015's report [R] (fifty-second reading, a6/d8: 3GPP TR 26.928 was given as [S])
_REPORT = re.compile(r"^(?:3GPP|ETSI|ISO(?:/IEC)?|IEC)[ /]TR \d|\bTechnical Report\b")


def gbt7714(text: str, url: str, cited: str = "") -> str:
    """A bibliography entry in GB/T 7714-2015 form: the title and its type code, then where it is
    found ("RFC 3339 Date and Time on the Internet[S]. https://..."); an entry already written
    with its code (a law: "...[Z]. 2021-08-20") keeps its own. An entry read at ``url`` is an online resource, its code
    with /OL ([S/OL], [Z/OL], [EB/OL]...), and carries ``cited``, its 引用日期, after its date of update if any (8.8.2:
    "(2016)[2026-11-23]")."""
    if not re.search(r"\[(?:S|J|Z|M|R|C|D|EB/OL|DB/OL|CP/OL)\]", text):
        code = ("R" if _REPORT.search(text) else "S" if _STANDARD.match(text) else "J" if _ARTICLE.search(text)
                else "EB/OL")
        text = f"{text}[{code}]"
    doi = re.search(r"\. (DOI:\S+)$", text)  # GB/T 7714-2015 8.8.3: the DOI closes the entry, after the access path
    text, doi_of = (text[:doi.start()], f". {doi.group(1)}") if doi and url else (text, "")
    if url and cited:
        # 58th reading, a5: no online entry had its 引用日期; 61st, a3: an entry of any type read at its URL is online,
        # its code with 「/OL」 ([S/OL], [J/OL], [Z/OL]...) and its 引用日期 after the last element of its publication
        # (「2012[2026-11-26]」, 「(2016)[2026-11-29]」), or after the code where none follows it (「[S/OL]. [2026-11-23]」)
        text = re.sub(r"\[(S|J|Z|M|R|C|D|EB|DB|CP)(?:/OL)?\]", r"[\1/OL]", text, count=1)
        text = f"{text}. [{cited}]" if text.endswith("/OL]") else f"{text}[{cited}]"
    if url.startswith("https://doi.org/") and "DOI:" not in text + doi_of:  # an entry closes with its DOI
        return f"{text}. DOI:{url.removeprefix('https://doi.org/')}."
    return f"{text}. {url}{doi_of}" if url else f"{text}."


def standardization_document(entry: str) -> bool:
    """An entry of a standards body's standardization document: a standard [S] or its technical report [R], which
    the reference lists order with the standards (GB/T 1.1-2020 8.6.3), not among the other reports."""
    return bool(re.search(r"\[S(?:/OL)?\]", entry)) or bool(_REPORT.search(entry) and _STANDARD.match(entry))


#: a search page's address (「webstore.iec.ch/en/searchform?q=62629-22-1」, 「iso.org/search.html?q=…」): it finds the
#: document without being its access path, so an entry prints no such address (sixty-third reading, a4: the 参考文献 gave
#: IEC's search form as IEC 62629-22-1:2013's address)
SEARCH_PAGE = re.compile(r"/search(?:form|\.html)?\?|[?&]q=")


def entry_of(text: str, url: str, kind: str = "", cited: str = "") -> str:
    """A listed document's entry: ``kind`` its type code when the catalog knows it (a program [CP/OL]; a
    document that is no published standard, a draft or a community report, [EB/OL]), unless the entry is
    written with its own; a Chinese law, regulation or group standard linked only at its issuer's site; ``cited`` the
    date the catalog recorded ``url`` (an online entry's 引用日期)."""
    if kind and not re.search(r"\[[A-Z/]+\]", text):
        text = f"{text}[{kind}]"
    # a national standard (「GB/T 13441.1—2007 …」) only at its own public record, never at the page of the
    # international standard it adopts (twenty-seventh reading, row 19: ISO's page for ISO 2631-1)
    # a law or regulation ([Z]) in either language: the English entry of a Chinese law kept the translators' links
    # (thirty-fifth reading, b5)
    chinese = _CHINESE.match(text) or _NATIONAL.match(text) or re.search(r"\[Z\]|group standard\[S\]", text)
    url = "" if SEARCH_PAGE.search(url) else url
    return gbt7714(text, url if not chinese or _OFFICIAL.search(url) else "", cited)
