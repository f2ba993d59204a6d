"""The sixtieth reading (issue 76), part h120-note (docs/drafting.md, "Sixtieth reading, part h120-note"): 一（二）'s count
of readings was typed by hand and went stale (d1); 四（五） said every requirement of the profiles was judged while the
recorded run lacked one, named nowhere (d2); ID-VC-002 rests on XML Schema 1.1 Part 2 and 三（三） sources 23 ℃ to
ISO 554:1976, neither listed in clause 2 or the 参考文献 (d6, d7); SC-TILE-002's row of 三（三） left 10⁻⁹ rad out of the
limits and stopped before its reason (c1). Each test fails on the draft as it was before (6bd5f93b2)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conformance.drafting.limitnumbers import clauses, deciding_text
from conformance.drafting.stages import cardinal, ordinal, readings
from conformance.drafting.testcases import case_for
from conformance.drafting.wording import zh_number
from conformance.drafting.writer import Writer, normative
from tests.paths import ROOT

_LIMITS = "### （三）各项限值的确定依据"


def _paragraph(markdown: str, start: str) -> str:
    return next(line for line in markdown.splitlines() if start in line)


def _row(markdown: str, first: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {first}"))


def _table_rows(markdown: str, start: str, end: str) -> dict[str, str]:
    """The rows of 三（三）'s limits table by requirement id (the hyphens as the table writes them, non-breaking)."""
    part = markdown.split(start, 1)[1].split(end, 1)[0]
    return {cells[1].strip().replace("\u2011", "-"): line for line in part.splitlines()
            if line.startswith("| ") and len(cells := line.split("|")) > 3}


# d1 ---------------------------------------------------------------------------------------------------------------

def test_d1_ordinals_read_as_the_drafting_record_writes_them():
    assert [ordinal(n) for n in (1, 2, 3, 5, 9, 12, 20, 21, 40, 59, 60, 73)] == [
        "first", "second", "third", "fifth", "ninth", "twelfth", "twentieth", "twenty-first", "fortieth",
        "fifty-ninth", "sixtieth", "seventy-third"]
    assert cardinal(59) == "fifty-nine" and cardinal(60) == "sixty"
    text = ("### Fifty-eighth reading, 2026-11-30 (issue 76)\n#### Fifty-eighth reading, part x\n"
            "### Leftovers of the fifty-ninth reading, 2026-12-01 (issue 76)\n### Sixty-first reading, 2026-12-02 (x)\n")
    assert readings(text) == (61, "2026-12-02")


def test_d1_the_count_of_readings_is_the_drafting_records(note_md, note_md_en):
    """The count and its date are the newest reading heading's of docs/drafting.md, in both languages, and no stage
    of suites/explanatory.yaml types a count of its own."""
    count, day = readings((ROOT / "docs" / "drafting.md").read_text(encoding="utf-8")) or (0, "")
    assert count >= 59
    zh = _paragraph(note_md, "本项目工作的各阶段")
    assert f"对本稿的逐次通读及据此所作的修改开始（至 {day} 共{zh_number(count)}次）" in zh
    assert f"({cardinal(count)} by {day})" in _paragraph(note_md_en, "The stages of this project's work")
    stages = yaml.safe_load((ROOT / "suites" / "explanatory.yaml").read_text(encoding="utf-8"))["stages"]
    assert not [s for s in stages if re.search(r"共[一二三四五六七八九十]+次|\b\w+ by \d{4}-", s["zh"] + s["en"])]


# d2 ---------------------------------------------------------------------------------------------------------------

def _record() -> dict[str, object]:
    return json.loads((ROOT / "docs" / "reference-run.json").read_text(encoding="utf-8"))


def test_d2_the_recorded_run_names_every_requirement_it_lacks(catalog, note_md, note_md_en):
    """The paragraph on the recorded run gives how many requirements of the profiles the record judged, the record's
    count, and names each requirement of the profiles it holds no verdict of (any status), so that with 四（五）'s
    first paragraph, the catalog's count, the counts add up."""
    verdicts = _record()["verdicts"]
    assert isinstance(verdicts, dict)
    selected = list(dict.fromkeys(i for p in catalog.profiles.values() for i in p.all_requirements()
                                  if i in catalog.requirements))
    held, lacking = [i for i in selected if i in verdicts], [i for i in selected if i not in verdicts]
    covers = _paragraph(note_md, "（五）参考实现的验证结果")
    withdrawn = sum(catalog.requirements[i].status == "deprecated" for i in selected)
    assert f"这些测试配置所含的 {len(selected) - withdrawn} 项要求" in covers
    run = _paragraph(note_md, "记录的一次运行")
    assert f"判定了测试配置所含 {len(selected)} 项要求（含已废止者）中的 {len(held)} 项" in run
    assert f"judged {len(held)} of the {len(selected)} requirements of the profiles" in note_md_en
    assert len(held) + len(lacking) == len(selected)
    for i in lacking:
        assert i in run.split("该记录没有判定的", 1)[1], i
    if not lacking:
        assert "该记录没有判定的" not in run


def test_d2_a_lacking_requirement_of_any_status_is_named(catalog, monkeypatch):
    """The class: a candidate the record lacks is named as a normative one is (ID-VC-008 was named nowhere)."""
    from conformance.drafting import measurednote

    record = _record()
    candidate = next(r.id for r in catalog.requirements.values() if r.status == "candidate"
                     and any(r.id in p.all_requirements() for p in catalog.profiles.values()))
    verdicts = {k: v for k, v in record["verdicts"].items() if k != candidate}  # type: ignore[union-attr]
    real = json.loads
    monkeypatch.setattr(measurednote.json, "loads", lambda text: {**real(text), "verdicts": verdicts})
    w = Writer(catalog, "zh")
    blocks = measurednote.reference_figures(w, [r for r in catalog.requirements.values() if normative(r)])
    assert candidate in blocks[0].text.split("该记录没有判定的", 1)[1]


# d6, d7 -----------------------------------------------------------------------------------------------------------

#: a document cited by its number: the body's prefix, the number (parts joined by 「-」 or 「.」), the year if dated
_DOC = re.compile(r"(?<![\w/])(ISO/IEC|ISO/PAS|ISO/TS|ISO|IEC|GB/T|GB|ITU-[TR]|ASTM|ANSI/NCSL|ETSI (?:ES|TS|EN)|IEEE|RFC) ?"
                  r"([A-Z]?\d+(?:\.\d+)*(?:-\d{1,3}(?!\d))*)(?:[:—-]((?:19|20)\d\d)(?!\d))?")
#: a W3C document cited by its name and part
_NAMED = {"XML Schema 1.1 第 2 部分": "W3C XML Schema Definition Language (XSD) 1.1 Part 2"}
#: what a text names but does not cite: the copy the drafting group read (「起草组所读为……」), an edition named only as the
#: one replacing the edition cited (「已由 IEC 60068-1:2013（第 7 版）取代」), a document a version note says was cited before
_NOT_CITED = re.compile(r"起草组所读为[^；。]*|(?:已由|由) ?[A-Z][^，；。（]{0,40}?(?:（[^）]*）)? ?(?:取代|代替)|此前为其引用的[^，；。（]*")
#: cited by number and left unlisted, each with its reason (docs/drafting.md, "Sixtieth reading, part h120-note", Left):
#: the rules for writing this document, which a version note cites about its wording (GB/T 1.1—2020 the foreword
#: names); ISO 9241-920, whose edition read the notes do not say; RFC 5246 and RFC 7638, named only in notes the draft
#: does not print, so an entry would be cited nowhere (test_spec_fortysecond_h94_refs.py) until a step names them;
#: ISO 16739 (its 2013 edition, SC-BIM-001's notes) likewise, its entry dropped at the sixty-fourth reading (a1)
LEFT = {"GB/T 1.1", "GB/T 15834", "GB 3101", "ISO 9241-920", "RFC 5246", "RFC 7638", "ISO 16739"}


def _listed(spec: str) -> str:
    text = spec.split("\n## 2 ", 1)[1].split("\n## 3 ", 1)[0] + spec.split("\n## 参考文献\n", 1)[1]
    return text.replace("\u2011", "-")


def _cited(text: str) -> set[tuple[str, str]]:
    """(document, year or "") of each document ``text`` cites by number."""
    text = _NOT_CITED.sub("", text.replace("\u2011", "-"))
    found = {(f"{m.group(1)} {m.group(2)}", m.group(3) or "") for m in _DOC.finditer(text)}
    return found | {(name, "") for name in _NAMED if name in text}


def _is_listed(document: str, year: str, listed: str) -> bool:
    if document in _NAMED:
        return _NAMED[document] in listed
    if not re.search(rf"(?<![\w/]){re.escape(document)}(?![\d.])", listed):
        return False
    return not year or bool(re.search(rf"{re.escape(document)}[:—-]{year}", listed))


def test_d6_d7_every_document_cited_by_number_is_listed(catalog, zh_markdown, note_md):
    """The class: each document a requirement's statement, rules or notes, or a row of 三（三） cites by its number (an
    edition too, when it gives one) stands in clause 2 or the 参考文献."""
    listed = _listed(zh_markdown)
    texts = [t for r in catalog.requirements.values() if r.status != "deprecated"
             for t in [r.statement.zh, *(rule.zh for rule in r.rules), r.notes.zh if r.notes else ""]]
    texts.append(note_md.split(_LIMITS, 1)[1].split("\n### ", 1)[0])
    unlisted = {document for text in texts for document, year in _cited(text)
                if not _is_listed(document, year, listed)}
    assert unlisted == LEFT


def test_d6_xml_schema_is_a_normative_reference_and_iso_554_is_in_the_bibliography(zh_markdown):
    clause2 = zh_markdown.split("\n## 2 ", 1)[1].split("\n## 3 ", 1)[0]
    assert "W3C XML Schema Definition Language (XSD) 1.1 Part 2: Datatypes (2012-04-05)" in clause2
    bibliography = zh_markdown.split("\n## 参考文献\n", 1)[1]
    assert "ISO 554:1976 Standard atmospheres for conditioning and/or testing — Specifications[S]" in bibliography
    assert "ISO 554" not in clause2


def test_d7_the_temperature_row_says_what_was_read(note_md):
    row = _row(note_md, "测量类测试用例的温度")
    assert "ISO 554:1976" in row and "起草组所读为 JIS Z 8703" in row


# c1 ---------------------------------------------------------------------------------------------------------------

#: a number in scientific notation or with a superscript exponent, with its unit: 「10⁻⁹ rad」, 「10⁻⁶ 倍」
_POWER = re.compile(r"(?<![\w.])(?:\d+(?:\.\d+)? ?× ?)?10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+ ?(?:[A-Za-zμ°℃²·]+|倍)")
#: a comparison bounding it
_BOUNDED = re.compile(r"(?:不超过|不大于|不小于|不低于|至多|至少|超过|小于|大于|低于|高于|以内)")


def test_c1_every_power_of_ten_a_step_bounds_stands_in_its_row(catalog, note_md, note_md_en):
    """The class: each number in scientific notation that a normative requirement's statement, rules, criteria or a
    step's clause bounding a comparison gives stands in the limits column of its row, and the row's quote is not cut
    before the reason of 10⁻⁹ rad (SC-TILE-002)."""
    w = Writer(catalog, "zh")
    rows = _table_rows(note_md, _LIMITS, "\n| 条件")
    seen = 0
    for req in (r for r in catalog.requirements.values() if normative(r)):
        case = case_for(catalog, req, "zh", w.data.procedures.get(req.id), w.ics_prepended)
        lines = [req.statement.zh, *(rule.zh for rule in req.rules), *case.criteria,
                 *(clause for step in case.steps for clause in clauses(step))]
        for line in lines:
            for m in _POWER.finditer(line):
                if not _BOUNDED.search(line[:m.start()]):
                    continue
                seen += 1
                limits = rows[req.id].split("|")[2]
                assert m.group(0).replace(" ", "") in limits.replace(" ", ""), (req.id, m.group(0))
    assert seen >= 3
    row = rows["SC-TILE-002"]
    assert "10⁻⁹ rad" in row.split("|")[2] and "10⁻⁹ rad 在地球表面约为 6 mm" in row and not row.rstrip(" |").endswith("……")
    en = _row(note_md_en, "SC‑TILE‑002")
    assert "10⁻⁹ rad" in en.split("|")[2] and "about 6 mm on the earth's surface" in en


def test_c1_a_list_a_step_announces_as_set_here_is_read_to_the_sentences_end(catalog):
    """The root: 「本文件规定的数值容差：A；B；C。」 is one list; each of its clauses decides, not the first alone."""
    text = deciding_text(Writer(catalog, "zh"), catalog.requirements["SC-TILE-002"])
    assert "区域的经度与纬度越出不超过 10⁻⁹ rad" in text


@pytest.mark.parametrize("rid", ["RB-URDF-003"])
def test_c1_other_powers_of_ten_keep_their_rows(note_md, rid):
    assert "10⁻¹² kg·m²" in _row(note_md, rid.replace("-", "\u2011"))
