"""The sixty-second reading of issue 76, part h125-refs (docs/drafting.md, "Sixty-second reading, part h125-refs"):
the 参考文献's entries and the numbers the 编制说明 cites them by, and the code font of plain words.

a2: a report [R] or a book [M] is described with its 出版项, 「出版地: 出版者, 出版年」 (GB/T 7714-2015 8.4), unknown
parts as [S.l.]/[s.n.] or [出版地不详]/[出版者不详], an estimated year in square brackets: [4], [31], [148] and [168]
gave a year alone or nothing. d8: IF-RATE-001's burst of 20 and IF-LAT-001's page of 10 rest on Stripe's API
documentation and nginx's limit_req documentation, now listed with their 引用日期 and cited by number. d9: the
val3dity defaults SC-CITY-007 to -009, -012 and -013 equal come from its usage page of version 2.6.0, now listed, not
only the error codes' page. d10: 「伍德沃思（参考文献[192]）或库恩的著作」: an author the 编制说明 names beside a
work the 参考文献 holds is cited by number wherever it stands. dx1: 「Age `and` Ageing」, 「1 − `cos` 18°」,
「20·`lg` 4」 and 「86 `kPa`」: the literal marking set a title's joining words, a function before its argument and a
unit as code."""

from __future__ import annotations

import re

import pytest

from conformance import Catalog
from conformance.drafting.wording import UNITS, coded
from conformance.drafting.writer import SpecData, load_data

#: the 参考文献 entry's type codes of a report and a book, and the 出版项 after the code (and after a book's
#: 「//」 part or an edition statement): place, publisher, year (an estimated year in square brackets)
_REPORT_OR_BOOK = re.compile(r"\[(?:R|M)(?:/OL)?\]")
_PUBLICATION = re.compile(r"\[(?:R|M)(?:/OL)?\](?://[^.]+)?\. (?:[^.]*edition\. )?"
                          r"(?:\[S\.l\.\]|\[出版地不详\]|[A-Z][\w -]+): "
                          r"(?:\[s\.n\.\]|\[出版者不详\]|[^,\[\]]+), \[?\d{4}")
#: how the Chinese notes write the authors they name in Chinese characters
_CHINESE_NAMES = {"Woodworth": "伍德沃思", "Kuhn": "库恩"}
_LIMITS_ZH, _LIMITS_EN = "### （三）各项限值的确定依据", "### 3.3 The basis of each limit"
_JOINING = "a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|with"


def _bibliography(markdown: str, heading: str) -> dict[int, str]:
    part = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\[(\d+)\] (.+)$", part, re.M)}


def _rows(note: str, heading: str) -> dict[str, str]:
    """三（三）'s rows by requirement, their cells joined (a requirement with two rows: both)."""
    part = note.split(heading, 1)[1].split("\n### ", 1)[0]
    out: dict[str, str] = {}
    for m in re.finditer(r"^\| ([A-Z]{2}‑[A-Z0-9]+‑\d{3}) \|(.*)$", part, re.M):
        out[m[1].replace("‑", "-")] = out.get(m[1].replace("‑", "-"), "") + m[2]
    return out


@pytest.fixture(scope="module")
def data(catalog: Catalog) -> SpecData:
    return load_data(catalog)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a2_every_report_and_book_has_its_publication_item(lang, zh_markdown, en_markdown):
    zh = lang == "zh"
    entries = _bibliography(zh_markdown if zh else en_markdown, "参考文献" if zh else "Bibliography")
    described = {n: e for n, e in entries.items() if _REPORT_OR_BOOK.search(e)}
    assert len(described) >= 9, described  # the five reports and the four books of the list
    missing = {n: e for n, e in described.items() if not _PUBLICATION.search(e)}
    assert not missing, missing
    by_title = {e.split("[")[0]: e for e in described.values()}
    assert any("Sophia Antipolis: 3GPP, [2022]" in e for e in by_title.values()), by_title
    assert any("London: Ofcom, 2014" in e for e in by_title.values()), by_title


def test_a2_the_note_says_which_publication_items_are_unknown_or_estimated(note_md, note_md_en):
    assert "著录为“出版地不详”与“出版者不详”" in note_md and "出版年为估计的年份，置于方括号内" in note_md
    assert "which stand as unknown ([S.l.], [s.n.])" in note_md_en and "its year is an estimate in square" in note_md_en


def _number(entries: dict[int, str], start: str) -> int:
    found = [n for n, e in entries.items() if e.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_d8_d9_the_vendor_and_tool_documents_are_listed_dated_and_cited(lang, zh_markdown, en_markdown, note_md,
                                                                          note_md_en):
    zh = lang == "zh"
    entries = _bibliography(zh_markdown if zh else en_markdown, "参考文献" if zh else "Bibliography")
    rows = _rows(note_md if zh else note_md_en, _LIMITS_ZH if zh else _LIMITS_EN)
    cite = "参考文献[{}]" if zh else "Bibliography [{}]"
    rate, page = _number(entries, "Stripe. Rate limits"), _number(entries, "Stripe. API reference: pagination")
    nginx = _number(entries, "NGINX. Module ngx_http_limit_req_module")
    usage = _number(entries, "Ledoux H. Using val3dity")
    for number in (rate, page, nginx, usage):  # each online entry with its 引用日期
        assert re.search(r"\[EB/OL\]\. (?:\(\d{4}-\d{2}-\d{2}\))?\[\d{4}-\d{2}-\d{2}\]\. https://", entries[number])
    assert "val3dity 2.6.0" in entries[usage]
    assert cite.format(rate) in rows["IF-RATE-001"] and cite.format(nginx) in rows["IF-RATE-001"]
    assert cite.format(page) in rows["IF-LAT-001"]
    for req in ("SC-CITY-007", "SC-CITY-008", "SC-CITY-009", "SC-CITY-012", "SC-CITY-013"):
        assert cite.format(usage) in rows[req], req
        assert "val3dity 2.6.0" in rows[req].replace("`", ""), req
    # the number joins its mention, never splits a name's 等 or its possessive from it
    if zh:
        assert "Stripe API 等公开接口（参考文献" in rows["IF-LAT-001"]
    else:
        assert "`nginx`'s (Bibliography" in rows["IF-RATE-001"]


def _surnames(entry: str) -> list[str]:
    """The authors' surnames of a GB/T 7714 entry (none where its first element is a title)."""
    first = entry.split(". ")[0]
    if ". " not in entry or "[" in first:
        return []
    return [p.split(" ")[0] for p in first.split(", ") if p and p != "et al" and re.match(r"[A-Z]", p)]


def test_d10_every_author_named_beside_a_cited_work_has_its_number(catalog, data, zh_markdown, en_markdown, note_md,
                                                                    note_md_en):
    for zh in (True, False):
        _authors_numbered(catalog, data, zh_markdown if zh else en_markdown, note_md if zh else note_md_en, zh)


def _authors_numbered(catalog: Catalog, data: SpecData, markdown: str, note: str, zh: bool) -> None:
    entries = _bibliography(markdown, "参考文献" if zh else "Bibliography")
    rows = _rows(note, _LIMITS_ZH if zh else _LIMITS_EN)
    cite = "参考文献[{}]" if zh else "Bibliography [{}]"
    missing, checked = [], 0
    for req_id, row in rows.items():
        for name in dict.fromkeys(s.name for s in catalog.requirements[req_id].source.standards):
            if name not in data.citations:
                continue
            before = data.works_before.get(name, ())
            works = name.split("; ") if before else [name]
            for work, entry in zip(works, [*before, data.citations[name]], strict=True):
                number = _number(entries, entry.split("[")[0])
                names = [*data.named_in_notes.get(work, ()), *_surnames(entry)]
                names += [_CHINESE_NAMES[s] for s in _surnames(entry) if s in _CHINESE_NAMES and zh]
                named = [n for n in names if re.search(rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])", row)]
                checked += bool(named)
                if named and cite.format(number) not in row:
                    missing.append((req_id, work[:40], named, number))
    assert checked > 20 and not missing, missing
    kuhn = _number(entries, "Kuhn G F.")
    assert ("库恩（参考文献[{}]）" if zh else "Kuhn (Bibliography [{}])").format(kuhn) in rows["TD-AUD-004"]


def test_dx1_plain_words_are_not_code_where_they_stand():
    assert coded("（Bohannon，《x》，Age and Ageing，1997）", set()) == "（Bohannon，《x》，Age and Ageing，1997）"
    assert "`" not in coded("《y》，Biomechanics and Modeling in Mechanobiology，2011", set())
    assert coded("至多 1 − cos 18°，即 20·lg 4 ≈ 12.04 dB；气压 86 kPa 至 106 kPa", set()).count("`") == 0
    # a code value stays one where no title or argument surrounds it
    assert coded("参数 in 为 query；令牌的 exp 与 iat", set()) == "参数 `in` 为 `query`；令牌的 `exp` 与 `iat`"


def test_dx1_the_rendered_documents_set_no_title_word_function_or_unit_as_code(zh_markdown, en_markdown, note_md,
                                                                                note_md_en):
    units = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    wrong = {
        "title word": re.compile(rf"[A-Z][\w'-]* `(?:{_JOINING})` [A-Z]"),
        "function": re.compile(r"`(?:sin|cos|tan|exp|ln|lg|log)`(?:\(| [\d(π*])"),
        "unit": re.compile(rf"\d `(?:{units})`"),
    }
    found = {(doc, kind): pattern.findall(text)[:5]
             for doc, text in (("spec-zh", zh_markdown), ("spec-en", en_markdown), ("note-zh", note_md),
                               ("note-en", note_md_en))
             for kind, pattern in wrong.items() if pattern.search(text)}
    assert not found, found
    # 「Age and Ageing」 left the note when part h125-nums cited Bohannon by number; the unit test above holds it
    assert "1 − cos 18°" in note_md and "20·lg 4" in note_md and "86 kPa" in note_md
