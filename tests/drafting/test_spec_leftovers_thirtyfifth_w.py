"""The leftovers of the thirty-fifth reading of issue 76, part w (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part w"): the 参考文献. The Chinese laws, regulations, notices and the group standard are one entry in both
languages, issuer, [Z] (or [S]), date and order, linked only at an official site (b5); every journal article gives
year, volume and pages or an article number, its journal and title whole, its authors as they write their names
(b6). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

_HEADS = {"zh": "## 参考文献", "en": "## Bibliography"}


def _entries(markdown: str, lang: str) -> dict[str, str]:
    """The bibliography's entries by number ("[31]" -> its text)."""
    part = markdown.split(_HEADS[lang], 1)[1]
    part = re.split(r"\n## ", part, maxsplit=1)[0]
    return dict(re.findall(r"^\\?\[(\d+)\\?\]\s*(.+)$", part, flags=re.M))


def test_each_document_has_one_type_code_in_both_languages(zh_markdown, en_markdown):
    """b5: 17 Chinese laws, regulations and notices were [Z] in Chinese and [EB/OL] in English."""
    zh, en = _entries(zh_markdown, "zh"), _entries(en_markdown, "en")
    assert len(zh) == len(en) > 100
    codes = {n: (re.findall(r"\[([A-Z/]+)\]", zh[n])[:1], re.findall(r"\[([A-Z/]+)\]", en[n])[:1]) for n in zh}
    assert {n: c for n, c in codes.items() if c[0] != c[1]} == {}
    laws = [n for n in zh if re.search(r"\[Z(?:/OL)?\]", zh[n])]  # a law read at its URL is [Z/OL] (61st reading, a3)
    assert len(laws) >= 16
    for n in laws:  # issuer first, the date last, as in Chinese
        if int(n) <= 5 and not re.search(r"\d{4}", zh[n]):  # a seed document without a date (37th b6: English since)
            continue
        assert en[n].split(". ")[-1].rstrip(".") == zh[n].split(". ")[-1].rstrip("."), (en[n], zh[n])


def test_no_law_is_linked_at_a_translation_or_news_site(en_markdown):
    """b5: the English linked chinalawtranslate, wikisource, gmw.cn and a mirror of npc.gov.cn."""
    assert not re.search(r"chinalawtranslate|wikisource|gmw\.cn|cdurl\.cn|jinbao\.people", en_markdown)


def test_the_wearable_standard_has_its_whole_title(en_markdown):
    """b5: [25] was cut to "IEC 63203-406-1:2021 Wearable electronic devices and technologies[S]"."""
    assert "IEC 63203-406-1:2021 Wearable electronic devices and technologies — Part 406-1: Test method" in en_markdown


def test_every_journal_article_gives_year_volume_and_pages_or_number(zh_markdown, en_markdown):
    """b6: [94] and [136] had no page or article number, [57] gave its journal as JAES."""
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        for n, text in _entries(markdown, lang).items():
            if "[J]" in text:
                after = text.split("[J].", 1)[1]
                assert re.search(r", (?:1[89]|20)\d\d, \d+(?:\([\d/]+\))?: [\dA-Za-z]+(?:-[\dA-Za-z]+)?(?:\.|$| DOI)",
                                 after), (lang, n, text)
                assert "JAES" not in text


def test_titles_and_names_as_the_source_writes_them(zh_markdown, en_markdown):
    """b6: [90]'s title was "Human3.6M" alone; Čoh, Hébert-Losier, Štuhec and Nyström lost their diacritics."""
    for markdown in (zh_markdown, en_markdown):
        assert ("Human3.6M: Large Scale Datasets and Predictive Methods for 3D Human Sensing in Natural "
                "Environments[J/OL]") in markdown  # read at its URL (sixty-first reading, a3)
        assert "Čoh M, Hébert-Losier K, Štuhec S" in markdown and "Nyström M" in markdown
        assert "Journal of the Audio Engineering Society, 2006, 54(1/2): 32-44" in markdown
