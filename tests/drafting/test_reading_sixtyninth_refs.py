"""The sixty-ninth reading of issue 76, leftovers of its caps parts, part h133-refs:

1. The reason 三（三） gives for 5.1's bound 「密钥文本的长度」 (h133-ocaps5) rests on the size of ML-DSA-87's public
   key, 「FIPS 204 所定……2 592 B」, and FIPS 204 stood in neither clause 2 nor the 参考文献. ID-DOC-001 now cites it
   for information (section 4, Table 2; 1.4.1), so the 参考文献 lists it. Class: every document a bound's reason
   names by its designation (RFC, ISO, IEC, FIPS, ITU-T, GB, a W3C title) is listed in clause 2 or the 参考文献.
2. The candidate cases AS-AIGC-009 and -010 (h133-ocaps2) cited their bound 「读取界限“读取的 DASH 清单”，见 5.1」,
   which 5.1's table leaves out (it lists only the bounds normative cases cite, ``readingbounds.stated``, as the
   编制说明's table does). The bound is stated with its figures, no pointer to 5.1 (as BBS+ 2020's in ID-VC-008's
   step 6), and the criteria h133-ocaps2 copied from the generator to add that clause are generated again, the
   clause joined by ``unjudged_beside``. Class: no candidate's or draft's text points to 5.1 for a bound 5.1 does not
   list.

Each test fails on the branch's base (b59df7668)."""

from __future__ import annotations

import re

import pytest

from conformance.drafting.boundtable import BOUNDS

#: a document's designation as a reason names it: a number after its publisher, or a W3C title up to its version
_DESIGNATION = re.compile(r"(?<![\w-])(?:RFC \d+|FIPS \d+(?:-\d+)?|ISO(?:/IEC)? \d+(?:-\d+)*|IEC \d+(?:-\d+)*"
                          r"|ITU-T [A-Z]\.\d+|GB(?:/T)? \d+(?:\.\d+)?|IEEE \d+(?:\.\d+)*"
                          r"|W3C [A-Z][\w ()-]*? v?\d+\.\d+)(?![\w.])")


def _section(markdown: str, start: str, end: str | None) -> str:
    text = markdown[markdown.index(start):]
    return text[:text.index(end)] if end else text


def _bound_reasons(note: str, header: str) -> list[str]:
    """The rows of the 编制说明's table of the reading bounds' reasons."""
    lines = note.replace("\u2011", "-").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[at + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_document_a_bounds_reason_names_is_referenced(lang, zh_markdown, en_markdown, note_md, note_md_en):
    markdown, note = (zh_markdown, note_md) if lang == "zh" else (en_markdown, note_md_en)
    clause_2 = _section(markdown, "## 2 规范性引用文件" if lang == "zh" else "## 2 Normative references",
                        "## 3 " if lang == "zh" else "## 3 ")
    bibliography = _section(markdown, "## 参考文献" if lang == "zh" else "## Bibliography", None)
    listed = (clause_2 + bibliography).replace("\u2011", "-")
    rows = _bound_reasons(note, "| 读取界限 | 数值 | 确定依据 |" if lang == "zh" else "| Reading bound | Value | Basis |")
    assert len(rows) > 20, rows  # the table was found
    named = {m.group(0) for row in rows for m in _DESIGNATION.finditer(row)}
    assert "FIPS 204" in named and "RFC 8259" in named, named
    missing = [d for d in sorted(named) if not re.search(rf"(?<![\w-]){re.escape(d)}(?![\d])", listed)]
    assert not missing, missing


def test_fips_204_is_in_the_bibliography_with_its_date(zh_markdown):
    bibliography = _section(zh_markdown, "## 参考文献", None)
    entry = next(line for line in bibliography.split("\n") if "FIPS 204" in line)
    assert "Module-Lattice-Based Digital Signature Standard" in entry and "(2024-08)[S/OL]" in entry, entry
    assert "[2026-12-01]. https://csrc.nist.gov/pubs/fips/204/final" in entry, entry  # its 引用日期 and address
    clause_2 = _section(zh_markdown, "## 2 规范性引用文件", "## 3 ")
    assert "FIPS 204" not in clause_2  # cited for information: no check follows it


def test_the_reasons_figure_is_fips_204s():
    """FIPS 204's public key is 32 + 32·k·(bitlen(q − 1) − d) bytes (pkEncode); ML-DSA-87 has k = 8, d = 13 and
    q = 8 380 417 (Table 1), 2 592 B (Table 2), the figure the reason states."""
    k, d, q = 8, 13, 8_380_417
    assert 32 + 32 * k * ((q - 1).bit_length() - d) == 2_592
    bound = next(b for b in BOUNDS if b.name[0] == "密钥文本的长度")
    assert "FIPS 204 表 2" in bound.why[0] and "2 592 B" in bound.why[0], bound.why[0]
    assert "FIPS 204 lists (Table 2)" in bound.why[1], bound.why[1]


def test_id_doc_001_cites_fips_204(catalog):
    req = catalog.requirements["ID-DOC-001"]
    cited = [s for s in req.source.standards if s.name.startswith("FIPS 204 ")]
    assert cited and "Table 2" in cited[0].section, cited
    assert req.version == "1.4.1"


# 2 ----------------------------------------------------------------------------------------------------------------


def _candidate_texts(catalog) -> dict[str, dict[str, str]]:
    """Each candidate's or draft's texts, its test case as the generator gives it and its notes, in both languages."""
    from conformance.drafting.testcases import case_for
    from conformance.drafting.writer import load_data

    procedures = load_data(catalog).procedures
    out: dict[str, dict[str, str]] = {}
    for rid, req in sorted(catalog.requirements.items()):
        if req.status not in ("candidate", "draft"):
            continue
        out[rid] = {}
        for lang in ("zh", "en"):
            case = case_for(catalog, req, lang, procedures.get(rid))
            parts = [case.purpose, case.conditions, *case.steps, case.expected, *case.criteria,
                     req.notes.get(lang) if req.notes else "", req.statement.get(lang)]
            out[rid][lang] = "\n".join(str(p) for p in parts)
    return out


def _pointing_at_5_1(text: str, name: str, lang: str) -> list[str]:
    name = re.escape(name)
    patterns = ([rf"读取界限“{name}”[^。；\n]*?见 5\.1", rf"5\.1 ?所列的?读取界限“{name}”"] if lang == "zh" else
                [rf'reading bound "{name}"[^.;\n]*?see 5\.1', rf"5\.1's reading bound \"{name}\""])
    return [m.group(0) for pattern in patterns for m in re.finditer(pattern, text)]


def test_no_candidate_points_to_5_1_for_a_bound_it_does_not_list(catalog, zh_markdown, en_markdown):
    unlisted = [b for b in BOUNDS if f"| {b.name[0]} |" not in zh_markdown]
    assert {b.name[0] for b in unlisted} >= {"读取的 DASH 清单", "BBS+ 2020 证明所签的文档"}, unlisted
    assert all(f"| {b.name[1]} |" not in en_markdown for b in unlisted)
    texts = _candidate_texts(catalog)
    assert {"AS-AIGC-009", "AS-AIGC-010", "ID-VC-008"} <= set(texts)
    found = [(rid, hit) for rid, by_lang in texts.items() for lang, text in by_lang.items() for bound in unlisted
             for hit in _pointing_at_5_1(text, bound.name[0 if lang == "zh" else 1], lang)]
    assert not found, found


def test_the_dash_cases_state_the_bound_in_generated_criteria(catalog):
    """The inconclusive line names the bound with its figures, generated; the written copy of the criteria is gone."""
    import yaml

    from tests.paths import ROOT

    written = yaml.safe_load((ROOT / "suites/assets/procedures.yaml").read_text(encoding="utf-8"))["procedures"]
    texts = _candidate_texts(catalog)
    for rid in ("AS-AIGC-009", "AS-AIGC-010"):
        assert "criteria" not in written[rid], rid
        assert "大于 4 MiB 或所列分段多于 100 000 个（读取界限“读取的 DASH 清单”），该 MPD 未予判定" in texts[rid]["zh"], rid
        assert ('larger than 4 MiB or lists more than 100 000 segments (the reading bound "DASH manifest read"), so '
                "that MPD is not judged") in texts[rid]["en"], rid
    assert "`max_file_bytes`" in texts["AS-AIGC-009"]["zh"]  # its refused file, as before
    assert catalog.requirements["AS-AIGC-009"].version == "1.5.1"
    assert catalog.requirements["AS-AIGC-010"].version == "1.3.1"
