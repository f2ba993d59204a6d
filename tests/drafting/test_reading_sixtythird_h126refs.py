"""The sixty-third reading of issue 76, part h126-refs (docs/drafting.md, "Sixty-third reading"): the 参考文献 and the
cover's date.

d3: the 编制说明 cited seven documents by their numbers (ISO/IEC 17043:2023, ISO 13528:2022, GB/T 38258—2019, GOST
28198-89, JIS Z 8703, JCGM 100:2008, JCGM 106:2012) that neither clause 2 nor the 参考文献 listed; the class: every
document the note cites by a standard's number is listed, but where the note speaks of other standards as such (七, the
comparison with international and foreign standards and the adoptions; 八, the mandatory standards; 十, the nature
proposed) and the rules this document is drafted and cited by. d4: 「The Open University, Hearing (OpenLearn
course)[EB/OL]」 separated author and title by a comma and glossed its title; the class: no online entry without a
「. 」 holds a comma outside brackets. a1: the cover's 「本稿完成日期：2026-11」 was typed and fell behind 引用日期 of
2026-12-01; it is derived now. a4: IEC 80601-2-26:2019 was linked at the page of EN IEC 80601-2-26:2020, IEC
62629-22-1:2013 at IEC's search form. d2: 三（五） names each document clause 2 and the 参考文献 list in two editions."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from conformance import Catalog
from conformance.drafting.coverdate import completed_on, draft_month
from conformance.drafting.gbt7714 import SEARCH_PAGE, entry_of
from conformance.drafting.stages import readings
from conformance.drafting.writer import load_data

ROOT = Path(__file__).resolve().parents[2]

#: a document's number as the note cites it: the body, then the number with its parts and year (「GB/T 38258—2019」,
#: 「ISO/IEC 17043:2023」, 「GOST 28198-89」, 「JIS Z 8703」, 「JCGM 106:2012」, 「ISO/IEC 指南 98-3:2008」)
_CITED = re.compile(r"(?<![\w/-])(?:GB(?:/[TZ])?|ISO/IEC(?: 指南)?|ISO(?:/TS|/TR)?|IEC|JIS [A-Z]|GOST(?: R)?|JCGM|ASTM|"
                    r"IEEE(?: Std)?|ETSI (?:EN|TS|TR)|ANSI/[A-Z]+) ?\d[\d.]*(?:-\d+)*(?:[:—-]\d{2,4})?(?![\d.])")
#: the 编制说明's parts that speak of other standards as such, not as sources this document draws on: 七 (the comparison
#: with international and foreign standards, the adoptions' table), 八 (the laws and mandatory standards), 十 (the
#: nature proposed for this document)
_ABOUT_OTHERS = ("七", "八", "十")
#: the rules this document is drafted and its references written by (its foreword names the first)
_RULES = ("GB/T 1.1—2020", "GB/T 7714—2015")


def _sections(note: str) -> dict[str, str]:
    parts = re.split(r"^## (\S+?)、", note, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _lists(draft: str) -> str:
    """Clause 2 and the 参考文献, as the draft prints them."""
    clause_2 = draft.split("\n## 2 ", 1)[1].split("\n## 3 ", 1)[0]
    return clause_2 + draft.split("\n## 参考文献", 1)[1]


def _bibliography(markdown: str, heading: str) -> dict[int, str]:
    part = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\[(\d+)\] (.+)$", part, re.M)}


def _unlisted(note: str, lists: str) -> list[str]:
    missing = []
    for head, text in _sections(note.replace("\u2011", "-")).items():
        if head in _ABOUT_OTHERS:
            continue
        for cited in dict.fromkeys(m.group(0) for m in _CITED.finditer(text)):
            if cited not in _RULES and not re.search(rf"(?<![\w/]){re.escape(cited)}(?![\w.])", lists):
                missing.append(f"{head}: {cited}")
    return missing


def test_d3_every_standard_the_note_cites_is_listed(zh_markdown, note_md):
    lists = _lists(zh_markdown.replace("\u2011", "-"))
    assert _unlisted(note_md, lists) == []
    # the seven of the reading, each by the number the note gives it
    for cited in ("ISO/IEC 17043:2023", "ISO 13528:2022", "GB/T 38258—2019", "GOST 28198-89", "JIS Z 8703",
                  "JCGM 100:2008", "JCGM 106:2012"):
        assert cited in note_md and cited in lists, cited
    # the class finds what it is for: a number the lists lack, in a part it reads, not in the parts it leaves
    assert _unlisted("## 三、x\n\n取自 GOST 12345-90 的 5.1。\n\n## 七、y\n\nISO 99999:2020\n", lists) == ["三: GOST 12345-90"]


def test_d3_the_new_entries_are_standards_in_their_own_form(zh_markdown, en_markdown):
    for markdown, heading in ((zh_markdown, "参考文献"), (en_markdown, "Bibliography")):
        entries = _bibliography(markdown, heading).values()
        for lead in ("ISO/IEC 17043:2023 Conformity assessment — General requirements for the competence of "
                     "proficiency testing providers[S/OL]. [2026-12-01]. https://webstore.iec.ch/en/publication/85273",
                     "ISO 13528:2022 Statistical methods for use in proficiency testing by interlaboratory comparison[S].",
                     "GOST 28198-89 Основные методы испытаний на воздействие внешних факторов. Часть 1. Общие положения "
                     "и руководство (IEC 68-1:1988, IDT)[S].", "JIS Z 8703:1983 試験場所の標準状態[S].",
                     "JCGM 100:2008 Evaluation of measurement data — Guide to the expression of uncertainty in "
                     "measurement[S].", "JCGM 106:2012 Evaluation of measurement data — The role of measurement "
                     "uncertainty in conformity assessment[S]."):
            assert lead in entries, (heading, lead)
    assert "GB/T 38258—2019　信息技术　虚拟现实应用软件基本要求和测试方法[S]." in _bibliography(zh_markdown, "参考文献").values()


def _comma_joined(entry: str) -> bool:
    """An online entry whose part before its type code has no 「. 」 (no responsible party set off) and a comma outside
    brackets: 「Author, Title[EB/OL]」 or 「Title, part[EB/OL]」, which GB/T 7714-2015 writes 「Author. Title: part」."""
    code = re.search(r"\[(?:EB|CP)/OL\]", entry)
    if not code:
        return False
    head = entry[:code.start()]
    return ". " not in head and ", " in re.sub(r"\([^()]*\)", "", head)


def test_d4_no_online_entry_joins_author_and_title_by_a_comma(zh_markdown, en_markdown):
    for markdown, heading in ((zh_markdown, "参考文献"), (en_markdown, "Bibliography")):
        entries = _bibliography(markdown, heading)
        online = [e for e in entries.values() if re.search(r"\[(?:EB|CP)/OL\]", e)]
        assert len(online) > 80
        assert [f"[{n}] {e[:70]}" for n, e in entries.items() if _comma_joined(e)] == [], heading
        assert any(e.startswith("The Open University. Hearing: OpenLearn course[EB/OL]. [2026-11-26]. https://")
                   for e in online)
        assert not any("(OpenLearn course)" in e for e in entries.values())
    assert _comma_joined("The Open University, Hearing (OpenLearn course)[EB/OL]. [2026-11-26]. https://x")
    assert not _comma_joined("City University of Hong Kong. Online anthropometry: chapter 2, 18[EB/OL]. https://x")


def test_a1_the_cover_month_is_derived_and_no_access_date_is_later(catalog: Catalog, zh_markdown, en_markdown):
    spec = yaml.safe_load((ROOT / "suites" / "specification.yaml").read_text(encoding="utf-8"))
    assert "date" not in spec["cover"]  # typed, it fell behind
    data = load_data(catalog)
    newest = readings((ROOT / "docs" / "drafting.md").read_text(encoding="utf-8"))
    assert newest is not None
    latest = max([*data.accessed.values(), newest[1]])
    month = latest[:7]
    assert completed_on(data, catalog.roots.values()) == latest
    assert f"（本稿完成日期：{month}）" in zh_markdown.split("\n## ", 1)[0]
    assert f"(completed {month})" in en_markdown.split("\n## ", 1)[0]
    cited = re.findall(r"\[(\d{4}-\d\d-\d\d)\]\. https?://|\)\[(\d{4}-\d\d-\d\d)\]|\d\[(\d{4}-\d\d-\d\d)\]",
                       zh_markdown.split("\n## 参考文献", 1)[1])
    days = [d for group in cited for d in group if d]
    assert len(days) > 140 and max(days)[:7] <= month
    # derived from the records alone: a later access date moves it, no record leaves the placeholder
    later = dataclasses.replace(data, accessed={**data.accessed, "https://example.org/": "2031-04-02"})
    assert draft_month(later, catalog.roots.values()) == "2031-04"
    assert draft_month(dataclasses.replace(data, accessed={}, cover={}), []) == "XXXX-XX"


def test_a4_each_address_leads_to_the_document_cited(zh_markdown, en_markdown):
    for markdown, heading in ((zh_markdown, "参考文献"), (en_markdown, "Bibliography")):
        entries = _bibliography(markdown, heading).values()
        addresses = [m.group(0) for e in entries for m in re.finditer(r"https?://\S+", e)]
        assert len(addresses) > 140 and [a for a in addresses if SEARCH_PAGE.search(a)] == [], heading
        eeg = next(e for e in entries if e.startswith("IEC 80601-2-26:2019 "))
        assert eeg.endswith("https://www.vde-verlag.de/iec-normen/247693/iec-80601-2-26-2019.html"), eeg
        assert "en-iec-80601-2-26-2020" not in markdown
        display = next(e for e in entries if e.startswith("IEC 62629-22-1:2013 "))
        assert display.endswith("Optical[S].") and "searchform" not in display
    assert entry_of("IEC 1-2:2013 Title", "https://webstore.iec.ch/en/searchform?q=1-2", cited="2026-11-23") == \
        "IEC 1-2:2013 Title[S]."
    assert SEARCH_PAGE.search("https://www.iso.org/search.html?q=ISO%209283")
    assert not SEARCH_PAGE.search("https://webstore.iec.ch/en/publication/85273")


def test_d2_every_document_listed_in_two_editions_is_named_in_3_5(zh_markdown, note_md):
    lists = _lists(zh_markdown.replace("\u2011", "-"))
    # each edition and the names 三（五） may give it: its own, or that of the national standard adopting it (「GB
    # 4943.1—2022　…（IEC 62368-1:2018，MOD）」 is named by its GB number)
    editions: dict[str, dict[str, set[str]]] = {}
    for line in lists.splitlines():
        adoption = re.match(r"(?:\[\d+\] )?(GB(?:/T)? [\d.]+—\d{4})", line)
        for m in re.finditer(r"(?<![\w/])((?:ISO/IEC|ISO|IEC) \d+(?:-\d+)*):(\d{4})", line):
            names = editions.setdefault(m[1], {}).setdefault(f"{m[1]}:{m[2]}", {f"{m[1]}:{m[2]}"})
            if adoption and re.search(r"，(?:IDT|MOD)）", line[m.end():m.end() + 8]):
                names.add(adoption[1])
    # IEC 80601-2-26:2019 cancels and replaces IEC 60601-2-26:2012 under a new number (its foreword)
    editions["IEC 60601-2-26 / IEC 80601-2-26"] = {e: {e} for e in ("IEC 60601-2-26:2012", "IEC 80601-2-26:2019")}
    several = {number: found for number, found in editions.items() if len(found) > 1}
    assert {"IEC 60068-1", "IEC 62368-1", "IEC 60601-2-26 / IEC 80601-2-26"} <= set(several)
    versions = note_md.split("### （五）引用文件的版本", 1)[1].split("\n## ", 1)[0]
    for number, found in several.items():
        for edition, names in found.items():
            assert any(name in versions for name in names), (number, edition)
    sentence = next(s for s in versions.split("。") if "IEC 80601-2-26:2019" in s)
    assert "IEC 60601-2-26:2012" in sentence and "同一文件的两个版本" in sentence
