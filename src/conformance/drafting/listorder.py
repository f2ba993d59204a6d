"""The order and the naming of the documents the draft lists: the reference lists' order (GB/T 1.1-2020's,
clause 2 and the 参考文献) and the seed documents named by kind (the 引言 and 编制说明 一（一）)."""

from __future__ import annotations

import re
import unicodedata

from .adoptions import listed_name
from .gbt7714 import standardization_document
from .tables import Standard, Tables
from .writer import Writer


def _natural(name: str) -> str:
    """The others' key: by name regardless of case (「buildingSMART」 and 「glTF」 stood after every 「W3C」), each
    number by its value (ITU-T G.114 before G.711 before G.1010, RFC 2330 before RFC 10000), a Recommendation by
    its number (nineteenth reading: 「Recommendation ITU-R BT.709-6」 stood among the R's), a letter with a
    diacritic as its base letter (thirty-seventh reading, b5: 「Čoh」 stood after 「Zhang」, U+010D after every
    ASCII letter; GB/T 7714-2015 orders by the romanized name)."""
    key = re.sub(r"^Recommendation ", "", name).casefold()
    key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return re.sub(r"\d+", lambda m: f"{int(m.group(0)):09d}", key)


def _order(standard: Standard, listed: str | None = None) -> tuple[float, tuple[int, ...], str]:
    """GB/T 1.1-2020's order of cited documents (8.6.3; by ``listed``, the name listed, where given): national
    standards (GB, GB/T, GB/Z as one group), sector standards, group standards, ISO, ISO/IEC and IEC documents
    (one group), then the others. National, ISO and IEC standards by their number alone, numerically (GB 4943.1
    before GB/T 10000 before GB 11643; ISO 19136-1 before ISO/IEC 21794-2 before IEC 60601-2-26), an ISO/IEC
    Guide after the numbered documents; sector and group standards by code, then number; the others by name and number
    (``_natural``). The eleventh reading's leftovers: GB stood before GB/T and ISO
    before ISO/IEC before IEC, each a group of its own."""
    name = listed or standard.name
    rank = (0 if re.match(r"GB(?:/[TZ])? \d", name) else 1 if re.match(r"[A-Z]{2}(?:/[TZ])? \d", name)
            else 1.5 if name.startswith("T/") else 2 if re.match(r"(?:ISO|IEC)[ /]", name) else 5)
    if rank == 5:
        return rank, (), _natural(name)
    guide = re.match(r"\S+ Guide ([\d.-]+)", name)  # ISO/IEC Guide 98-3:2008
    number = guide or re.match(r"\S+ ([\d.-]+)", name)  # GB 4943.1-2022, ISO 9241-392:2015
    digits = number.group(1) if number else ""
    if rank < 2:  # a Chinese standard's year follows its last dash
        digits = digits.rsplit("-", 1)[0]
    numbers = tuple(int(p) for p in re.findall(r"\d+", digits))
    if rank in (1, 1.5):  # a sector or group standard by its code first
        return rank, (*(ord(c) for c in name.split(" ", 1)[0]), -1, *numbers), name
    return rank, ((1 << 30,) if guide else ()) + numbers, name


#: the GB/T 7714-2015 type code of a seed document's entry: [Z] a policy document, [R] a report (the white paper
#: [4] of two research institutes is no policy document; the 引言 and 编制说明 called all five 「政策文件」)
_SEED_KIND = re.compile(r"\[([A-Z]+)\]")


def _numbers(numbers: list[int], zh: bool) -> str:
    """[1]至[3]、[5] (zh) or [1] to [3] and [5] (en): runs of reference numbers."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"[{r[0]}]" if len(r) == 1 else f"[{r[0]}]{'至' if zh else ' to '}[{r[-1]}]" for r in runs]
    return ("、" if zh else " and ").join(parts)


_COUNT_ZH = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}
_COUNT_EN = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
#: a title's ASCII quotation marks as the Chinese text writes them (上海市培育“元宇宙”新赛道行动方案)
_ASCII_QUOTED = re.compile(r'"([^"]*)"')


def seed_documents(w: Writer, tables: Tables, titled: bool = False) -> tuple[str, str]:
    """The seed documents named by kind, as the 参考文献 numbers them: 「参考文献[1]至[3]、[5]所列四份政策文件与
    [4]所列白皮书」 (``titled``: each with its title, as the 编制说明 names them)."""
    policy: list[tuple[int, str]] = []
    reports: list[tuple[int, str]] = []
    for number, (key, title) in enumerate(tables.documents.items(), 1):
        kind = _SEED_KIND.search(w.data.documents.get(key, ""))
        title = _ASCII_QUOTED.sub("“\\1”", title)
        # a title is named whole, as the 参考文献 gives it: a draft for comment as one (sixth reading: 一（一） named [2]
        # without its 「（征求意见稿）」), a plan with its years (nineteenth reading: [3]'s 「（2022—2025年）」)
        entry = _ASCII_QUOTED.sub("“\\1”", w.data.documents.get(key, ""))
        whole = re.search(re.escape(title.strip()) + r"(（[^（）]*）)\[", entry)
        title += whole.group(1) if whole else ""
        (reports if kind and kind.group(1) == "R" else policy).append((number, title))
    zh = f"参考文献{_numbers([n for n, _ in policy], True)}所列{_COUNT_ZH.get(len(policy), str(len(policy)))}份政策文件"
    en = f"The {_COUNT_EN.get(len(policy), str(len(policy)))} policy documents {_numbers([n for n, _ in policy], False)}"
    if titled:
        # titles in 书名号, juxtaposed without 顿号 (GB/T 15834-2011 4.5.3.5; sixth reading: no 书名号)
        zh += "（" + "".join(f"《{t.strip()}》" for _, t in policy) + "）"
    if reports:
        zh += f"与{_numbers([n for n, _ in reports], True)}所列{'白皮书' if len(reports) == 1 else '研究报告'}"
        en += f" and the white paper {_numbers([n for n, _ in reports], False)}" if len(reports) == 1 else \
            f" and the reports {_numbers([n for n, _ in reports], False)}"
        if titled:
            zh += "（" + "".join(f"《{t.strip()}》" for _, t in reports) + "）"
    return zh, en


def seed_clauses(tables: Tables, keys: set[str]) -> list[str]:
    """Policy clauses as the 参考文献 numbers their documents and the documents number their clauses, 「[1] 3.1.3」:
    the catalog's keys (「SH-GUIDE 3.1.3-economy」, 「WHITEPAPER 4-risk」) are the project's own names, which a
    committee reader cannot place (sixth reading); a key naming a whole document is its number alone."""
    numbers = {key: n for n, key in enumerate(tables.documents, 1)}
    cited: set[tuple[int, tuple[int, ...], str]] = set()
    for key in keys:
        document, _, clause = key.partition(" ")
        clause = clause.split("-", 1)[0]  # the topic a clause's key adds (3.1.3-economy) is no part of its number
        cited.add((numbers[document], tuple(int(p) for p in clause.split(".") if p.isdigit()), clause))
    return [f"[{n}]" + (f" {clause}" if clause else "") for n, _, clause in sorted(cited)]


def seed_origin(w: Writer, tables: Tables) -> tuple[str, str]:
    """编制说明 一（一）'s first sentence (zh, en): the seed documents by kind and title, and what they ask."""
    zh, en = seed_documents(w, tables, titled=True)
    return (f"{zh}提出了元宇宙互操作与测试评估标准的需求。本文件将其中可检测的要求写成一致性测试规范。",
            f"{en} of the specification's bibliography state the need for metaverse interoperability and "
            "test-and-evaluation standards. This document writes their testable requirements as a conformance test "
            "specification.")


#: a Chinese document's entry: its issuer first (「全国人民代表大会常务委员会. ……[Z]. 2021-08-20」)
_CJK_ENTRY = re.compile(r"^[\u4e00-\u9fff]")
#: the issuers of a law, then of an administrative regulation; the other Chinese documents are rules and notices
#: of the State Council's departments
_ISSUER_LEVEL = ((re.compile(r"^全国人民代表大会"), 0), (re.compile(r"^国务院"), 1))


def _bibliography_order(w: Writer, standard: Standard) -> tuple[float, tuple[int, ...], str]:
    """The 参考文献's order after the seed documents: clause 2's order (national standards, international,
    then the others), a group standard after the national standards, and among the others the Chinese laws
    and regulations first, by level (law, administrative regulation, departmental rule) and date, then the
    rest by name. Fifth reading: the laws stood among the English entries by their English catalog keys
    (「中华人民共和国民法典」 between CesiumGS and Coh as "Civil Code ...", 「网络安全法」 as "Cybersecurity ...")."""
    rank, numbers, name = _order(standard, listed_name(w, standard))
    entry = w.data.citations.get(standard.name) or w.data.titles.get(standard.name) or ""
    if rank < 5 or not _CJK_ENTRY.match(entry):
        return rank, numbers, name
    if "团体标准" in entry:
        return 1.5, (), entry
    level = next((n for pattern, n in _ISSUER_LEVEL if pattern.match(entry)), 2)
    date = re.search(r"\d{4}-\d{2}-\d{2}", entry)
    return 4.5, (level,), date.group(0) if date else entry


def by_entry(order: tuple[float, tuple[int, ...], str], entry: str) -> tuple[float, tuple[int, ...], str]:
    """An entry's place among the others (``order`` of rank 5, not a Chinese law): by the entry's first element, its
    authors or its issuer as GB/T 7714 writes them, not by the catalog's key (twenty-third reading, row 38); the
    other bodies' standards as a group of their own."""
    if order[0] != 5 or order[1]:
        return order
    # another body's standardization document (an [S] entry: 3GPP, ASTM, ETSI, IETF, ITU, W3C...) follows ISO and
    # IEC, before the laws and the other documents (GB/T 1.1-2020 8.13 by 8.6.3; fifty-first reading, a7: they stood
    # among the articles and web pages, after the laws); a technical report of such a body ([R]) with them
    return 3 if standardization_document(entry) else order[0], order[1], _natural(entry)
