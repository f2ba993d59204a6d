"""The leftovers of the thirty-sixth reading of issue 76, part m (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part m"): TD-MPLAT-004's English says per-axis bounds as the Chinese does (b2); 3.3 and 3.4 cite their
sources as clause 2 lists them (b3); every defined term is used as defined, with an admitted term where the text uses
a short form (b4); 表 8's calibration row and A.1 give their provisions with "shall" in English (b8); the English names
Chinese documents as the bibliography does, never their numbers in Chinese script (b9). Each test fails on the draft
as it was before these fixes."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def _clause(markdown: str, heading: str, following: str) -> str:
    start = markdown.index(heading)
    return markdown[start:markdown.index(following, start)]


def test_the_motion_platform_bench_judges_bounds_in_english(en_markdown):
    """b2: the English promised "the corners of its rated envelope", which annex B says the test does not measure."""
    case = _cases(en_markdown)["TD-MPLAT-004"]
    assert "A motion platform reaches its rated bounds on a test bench" in case
    lines = " ".join(_verdict_lines(case, "en").values())
    assert "the displacement and velocity bounds of every rated axis" in lines and "corner" not in lines
    assert "corners of its rated envelope" not in en_markdown


def test_the_did_and_vc_sources_are_cited_as_clause_2_lists_them(zh_markdown, en_markdown):
    """b3: 3.3 was cited undated in both languages, 3.4 dated in English only and by translated titles in Chinese."""
    for text, dated in ((zh_markdown, "（{}）"), (en_markdown, " ({})")):
        assert f"W3C Decentralized Identifiers (DIDs) v1.0{dated.format('2022-07-19')}, 2" in text \
            or f"W3C Decentralized Identifiers (DIDs) v1.0{dated.format('2022-07-19')}，2" in text
        assert re.search(re.escape(f"W3C Verifiable Credentials Data Model v2.0{dated.format('2025-05-15')}") + "[,，] ?2",
                         text)
    assert "《去中心化标识符" not in zh_markdown and "《可验证凭证数据模型" not in zh_markdown


def test_every_defined_term_is_used_as_defined(catalog, zh_markdown, en_markdown):
    """b4: "AI-generated synthetic content" was used nowhere outside clause 3, and the English said "profile" and
    "capture" over a thousand times where it defined "test profile" and "capture file": an admitted term now gives
    the short form the text uses (GB/T 1.1-2020 8.7)."""
    terms = load_data(catalog).terms
    for lang, markdown, heading in (("zh", zh_markdown, "## 3 术语和定义"), ("en", en_markdown, "## 3 Terms")):
        clause = _clause(markdown, heading, "\n## 4 ")
        body = markdown.replace(clause, "")
        for number, term in enumerate(terms, 1):
            names = [term[lang], *([term["admitted"][lang]] if lang in term.get("admitted", {}) else [])]
            assert any(re.search(re.escape(name), body, re.I) for name in names), (lang, number, names)
            entry = clause.split(f"### 3.{number}\n")[1].split("\n### ")[0]
            assert all(name in entry for name in names), (lang, number)
    english = _clause(en_markdown, "## 3 Terms", "\n## 4 ")
    for short in ("\n\nprofile\n\n", "\n\ncapture\n\n", "\n\ngenerated content\n\n"):
        assert short in english
    assert "生成合成内容  generated content" in _clause(zh_markdown, "## 3 术语和定义", "\n## 4 ")


def test_calibration_and_annex_a_provisions_say_shall(en_markdown):
    """b8: the Chinese says 应 / 不应 six times where the English gave statements of fact."""
    row = next(line for line in en_markdown.splitlines() if line.startswith("| Calibration | Photometers"))
    for provision in ("shall be verified or calibrated", "shall have an expanded uncertainty",
                      "shall list each instrument"):
        assert provision in row
    general = _clause(en_markdown, "\n### A.1 ", "\n### A.2 ")
    for provision in ("a value marked fixed shall not be changed", "it shall not be relaxed",
                      "shall list in its discovery document's `endpoints`"):
        assert provision in general
    assert "nobody changes" not in general and "never looser" not in general


def test_chinese_documents_are_named_in_english_as_the_bibliography_names_them(en_markdown, note_md_en):
    """b9: annex A, AS-MINOR-003 and the 编制说明's 8.15 to 8.18 wrote 文号 in Chinese script and informal names."""
    assert not re.search(r"[国信办发明电通字出]+〔\d{4}〕\d+号", en_markdown.split("\n## Bibliography")[0])
    assert not re.search(r"〔\d{4}〕\d+号", note_md_en)
    for informal in ("labelling measures' art.", "art. 25 of the consumer protection law", "the NPPA's 2021 notice ("):
        assert informal not in en_markdown
    assert "Article 25 of the Law of the People's Republic of China on the Protection of Consumer Rights" in en_markdown
    assert "Article 4 of the Measures for Labeling Artificial Intelligence-Generated Synthetic Content" in en_markdown
    assert "(Guo Ban Fa Ming Dian [2025] No. 7)" in _cases(en_markdown)["AS-MINOR-003"]
    # 8.17 since h94-post ranks the algorithm provisions and the generative AI measures (departmental rules) before it;
    # 8.18 since part h97-note2 lists the Cybersecurity Review Measures (8.12)
    assert ("8.18 Notice of the National Press and Publication Administration on Further Strictly Managing and "
            "Effectively Preventing Minors' Addiction to Online Games (National Press and Publication Administration, "
            "Guo Xin Chu Fa [2021] No. 14, 2021)") in note_md_en
