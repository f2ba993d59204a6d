"""The leftovers of the thirty-fifth reading of issue 76, part u (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part u"): annex B's citation of the Cybersecurity Law (row b1), table B.2's English naming topics and
features by the catalog's keys (b2), IF-SES-006's undated G.711 (b7), the motion-platform row's corners (b8) and
annex B's English code marks on the wrong words (b10). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

import yaml

from conformance.drafting.writer import Block


def _annex_b(markdown: str) -> str:
    """Annex B of a rendered draft, from its heading to annex C's (not the table of contents' entries)."""
    start = re.search(r"^#+ .*(?:附录 B（资料性）|Annex B \(informative\))", markdown, re.M)
    end = re.search(r"^#+ .*(?:附录 C（|Annex C \()", markdown[start.end():], re.M)
    return markdown[start.end():start.end() + end.start()]


def test_annex_b_cites_the_cybersecurity_law_as_in_force(zh_markdown, en_markdown):
    """b1: the 2025 amendment numbers the 2016 Article 21 as Article 23; 八（四）'s form, the amended article first."""
    zh, en = _annex_b(zh_markdown), _annex_b(en_markdown)
    assert "《中华人民共和国网络安全法》第二十三条（2016 年文本第二十一条）" in zh
    assert "Cybersecurity Law of the People's Republic of China sets (its Article 23; Article 21 of the 2016 text)" in en
    assert "》（2016 年文本第二十一条）" not in zh and "(Article 21 of its 2016 text)" not in en


def test_table_b2_english_names_no_topic_or_feature_by_its_key(en_markdown):
    """b2: the English of table B.2 referred to other topics (26 references in 14 rows) and four features by the
    catalog's keys, which the draft prints nowhere; it now gives the names the table and the profile print."""
    clauses = yaml.safe_load(open("suites/policy-clauses.yaml", encoding="utf-8"))
    keys = [t["key"] for t in clauses["topics"] if "-" in t["key"]]
    annex = _annex_b(en_markdown)
    for key in keys:
        assert not re.search(rf"(?<![\w`/-]){re.escape(key)}(?![\w`/-])", annex), key
    for feature in ("reference-hand-capture", "gesture-recognition", "reference-gesture-capture"):
        assert not re.search(rf"(?<![\w`/-]){feature}(?![\w`/-])", annex), feature
    assert '"Recognised gestures against the gestures a test cued"' in annex
    assert '"Access security and secure communication"' in annex


def test_named_topics_leaves_codes_and_longer_names_alone():
    from types import SimpleNamespace

    from conformance.drafting.topicnames import named_topics

    topics = {"hand-tracking": SimpleNamespace(en="Hand tracking")}
    assert named_topics("see hand-tracking; `hand-tracking`; terminal-hand-tracking", topics) == (
        'see "Hand tracking"; `hand-tracking`; terminal-hand-tracking')


def test_if_ses_006_cites_g711_with_its_date(zh_markdown, en_markdown):
    """b7: the statement (the case's test purpose) wrote a bare 「G.711」; no bare G.711 is left in either draft."""
    for markdown in (zh_markdown, en_markdown):
        body = markdown[markdown.index("## 2 "):] if "## 2 " in markdown else markdown
        assert not re.search(r"(?<!ITU-T )G\.711(?! \(1988-11\)|（1988-11）)", body.split("参考文献")[0]
                             .split("\n# Bibliography")[0]), "bare G.711"
    # outside the bracket since the lead's 1.1.5 (a dated citation does not stand inside a round bracket)
    assert "按 ITU-T G.711（1988-11）μ 律编码的每个语音帧" in zh_markdown
    assert "ITU-T G.711 (1988-11) mu-law audio (`voice.audio`: 100 ms at 8 kHz)" in en_markdown


def test_motion_platform_row_commands_each_axis_not_corners(zh_markdown, en_markdown):
    """b8: TD-MPLAT-004 commands each rated axis on its own sinusoid; the row said the envelope's corners."""
    zh, en = _annex_b(zh_markdown), _annex_b(en_markdown)
    assert "按额定包络的角点下达指令" not in zh and "试验台未下达指令的角点" not in zh
    assert "按各额定轴的额定边界（额定位移与额定速度）分别下达正弦指令" in zh
    assert "commanded to the rated envelope's corners" not in en and "a corner the bench does not command" not in en
    assert "an axis or quantity the bench does not command to its rating left inconclusive" in en


#: English function words that are never a code value in annex B's prose
_FUNCTION = ("where", "when", "to", "from", "at", "in", "on", "by", "and", "or", "of", "the", "a", "an", "as", "if")


def test_annex_b_english_marks_no_function_word_and_the_command(en_markdown):
    """b10: the marks fell on "where" ("`where` installed") and on the harness's name instead of its command."""
    annex = _annex_b(en_markdown)
    for word in _FUNCTION:
        assert f"`{word}`" not in annex.replace("`where` rules", ""), word
    assert "(command `conformance`)" in annex
    assert "`where` rules" in annex
