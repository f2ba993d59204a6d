"""The leftovers of the thirty-fourth reading of issue 76, part j (docs/drafting.md, "Leftovers of the thirty-fourth
reading, part j"): the 参考文献's journal articles give 「年，卷(期): 页码」 (row b7), one type code and one form for one
kind of document (b8), and the Cybersecurity Law is listed and headed as amended in 2025 (b9). Each test fails on
the draft as it was before these fixes."""

from __future__ import annotations

import re

import pytest


def _entry(markdown: str, words: str) -> str:
    """The bibliography entry (「[n] …」) holding ``words``."""
    return next(line for line in markdown.split("\n") if re.match(r"\[\d+\] ", line) and words in line)


@pytest.mark.parametrize("words, place", [
    ("The five percent electrode system", "Clinical Neurophysiology, 2001, 112(4): 713-719."),
    ("rotational head perturbations during locomotion", "Experimental Brain Research, 1988, 70(3): 470-476."),
    ("From Humans to Humanoids", "IEEE Transactions on Robotics, 2010, 26(1): 1-20."),
    ("Standards for passenger comfort", "Applied Ergonomics, 2023, 106: 103881[2026-11-23]."),  # online (61st a3)
])
def test_journal_articles_give_volume_issue_and_pages(zh_markdown, en_markdown, words, place):
    """b7: 「… Clinical Neurophysiology, 2001, 112.」 and three more gave no issue or pages (GB/T 7714-2015 8.8)."""
    assert place in _entry(zh_markdown, words) and place in _entry(en_markdown, words)


def test_a_journal_article_is_no_online_document(zh_markdown, en_markdown):
    """b8: Kaaresoja, Brewster and Lantz's article stood as 「[EB/OL]. (2014).」 without its journal."""
    for markdown in (zh_markdown, en_markdown):
        entry = _entry(markdown, "Towards the Temporally Perfect Virtual Button")
        # read at its URL, an online article (sixty-first reading, a3), its DOI last
        assert "Interactions[J/OL]. ACM Transactions on Applied Perception, 2014, 11(2): 9[" in entry
        assert entry.endswith(". DOI:10.1145/2611387")
        assert "[EB/OL]" not in entry


def test_one_kind_of_document_has_one_form_and_one_code(zh_markdown, en_markdown):
    """b8: BS.2076 stood as 「ITU-R BS.2076 … (BS.2076-2, 2019-10)[S]」 beside 「Recommendation ITU-R BT.1359-1 …
    (1998)[EB/OL]」; a Khronos glTF extension was [S], a 3D Tiles extension and the OMI extensions [EB/OL]."""
    for markdown in (zh_markdown, en_markdown):
        assert _entry(markdown, "BS.2076").startswith(
            tuple(f"[{n}] Recommendation ITU-R BS.2076-2 Audio Definition Model (2019-10)[S/OL]." for n in range(1, 300)))
        assert "(1998)[S/OL]." in _entry(markdown, "Recommendation ITU-R BT.1359-1")  # online (61st reading, a3)
        for extension in ("KHR_node_visibility", "3DTILES_bounding_volume_S2", "OMI glTF extensions"):
            assert "[EB/OL]." in _entry(markdown, extension)


def test_the_cybersecurity_law_is_cited_as_amended(zh_markdown, en_markdown, note_md, note_md_en):
    """b9: 「中华人民共和国网络安全法：中华人民共和国主席令第五十三号[Z]. 2016-11-07.」 and 八（四）'s heading named the
    2016 text, while 八（四） says the amendment of 2025-10-28 is in force since 2026-01-01."""
    assert "全国人民代表大会常务委员会. 中华人民共和国网络安全法（2025年修正）[Z/OL]. 2025-10-28[" in _entry(
        zh_markdown, "网络安全法")
    assert ("Standing Committee of the National People's Congress. Cybersecurity Law of the People's Republic of China "
            "(2025 amendment)[Z/OL]. 2025-10-28[") in _entry(en_markdown, "Cybersecurity")
    assert "主席令第五十三号" not in zh_markdown and "(2016) (2016-11-07)" not in en_markdown
    # part note (forty-first reading, d17) names the 2016 order in 八（四）'s heading, beside the amendment: once only
    assert ("### （四）《中华人民共和国网络安全法》（2016 年 11 月 7 日第十二届全国人民代表大会常务委员会第二十四次会议通过，"
            "中华人民共和国主席令第五十三号公布，根据 2025 年 10 月 28 日第十四届全国人民代表大会常务委员会第十八次会议"
            "《关于修改〈中华人民共和国网络安全法〉的决定》修正）") in note_md
    assert "该法第二十六条（2016 年文本第二十四条" in note_md and note_md.count("主席令第五十三号") == 1
    assert "### 8.4 Cybersecurity Law of the People's Republic of China (Standing Committee of the National People's " \
           "Congress, Presidential Order No. 53, 2016, amended by its decision of 28 October 2025)" in note_md_en
    assert "Its Article 26 (Article 24 of the 2016 text" in note_md_en
