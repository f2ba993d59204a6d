"""The sixty-first reading, part h122-refs (docs/drafting.md, "Sixty-first reading, part h122-refs"): 参考文献 [6]
listed GB/T 2421—2020 under an English title without its adoption mark (a1/d2); IEC 60068-1 stood in two editions with
no stated reason and 七's table left the pair out (a2/d3); 62 entries given with a URL had no 「/OL」 and no 引用日期
(a3); 四（二） and 五 said every public corpus is kept outside the project, while the glTF-Validator's and the identity
corpora are committed under tests/corpora (d1); IF-RISK-004 called the platform's AI agent listing 「生成内容」 beside
3.14's 生成合成内容 (a4). Each test fails on the draft as it was before (5527c6c40)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.drafting.test_spec_sixteenth_reading import _cases

ROOT = Path(__file__).resolve().parents[2]
#: a 参考文献 entry: its number and text
_ENTRY = re.compile(r"^\[(\d+)\] (.+)$", re.M)
#: a Chinese national or sector standard's designation (「GB/T 2421—2020」, 「YD/T 1234—2020」, 「T/CADPA 1—2020」)
_NATIONAL = re.compile(r"^((?:GB|GB/T|GB/Z|[A-Z]{2}/T|[A-Z]{2}|T/[A-Z]+) [\d.]+(?:-\d+)?—\d{4})")
#: an adoption mark as GB/T 1.1-2020 writes it after the title: 「（IEC 60068-1:2013，IDT）」
_MARK = re.compile(r"（((?:ISO|IEC)[^，）]*)，(IDT|MOD|NEQ)）")
#: a document number, without its year or edition (「IEC 60068-1」, 「ISO/IEC 9646-1」, 「RFC 7946」, 「GB/T 2421」)
_NUMBER = re.compile(r"(?<![\w/.-])((?:ISO/IEC|ISO/TS|ISO/TR|ISO|IEC|GB/T|GB|RFC|ITU-[TR] [A-Z]\.|ETSI (?:EN|ES|TS|TR)) ?"
                     r"\d+(?:[-.]\d+)*)(?=[:—\s（(]|$)")
#: an online entry (GB/T 7714-2015 8.8.2): its type code with /OL, its 引用日期, the URL, the DOI last if any
_ONLINE = re.compile(r"\[[A-Z]+/OL\](?:\. |.*?)\[\d{4}-\d{2}-\d{2}\]\. https?://\S+?(?:\. DOI:\S+)?$")


def _bibliography(markdown: str, lang: str) -> dict[int, str]:
    heading = "参考文献" if lang == "zh" else "Bibliography"
    return {int(n): text for n, text in _ENTRY.findall(markdown.split(f"\n## {heading}\n", 1)[1])}


def _clause2(markdown: str) -> list[str]:
    text = markdown.split("\n## 2 ", 1)[1].split("\n## 3 ", 1)[0]
    return [p.strip() for p in text.split("\n\n")[2:] if p.strip()]


def _adoption_rows(note: str) -> list[list[str]]:
    """七's table of the international standards cited with a national counterpart: (international, national, degree)."""
    part = note.split("\n## 七、", 1)[1].split("\n## 八、", 1)[0]
    table = part.split("| 所引国际标准 | 对应的国家标准 |", 1)[1].split("\n\n", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:] if line.startswith("|")]


def _editions(note: str) -> str:
    return note.split("### （五）引用文件的版本", 1)[1].split("\n## ", 1)[0]


def test_a1_d3_national_entries_have_chinese_titles_their_marks_and_their_rows(zh_markdown, note_md):
    """The class over clause 2 and the 参考文献: a national or sector standard is listed by its number, a full-width
    space and its Chinese title; one that 七's table gives as an adoption (IDT, MOD) carries that mark in GB/T 1.1-2020's
    form; an entry with a mark has its row in 七's table."""
    entries = _clause2(zh_markdown) + list(_bibliography(zh_markdown, "zh").values())
    rows = _adoption_rows(note_md)
    degree = {national: re.search(r"（(IDT|MOD|NEQ)）", d) for _, national, d, *_ in rows}
    national = [e for e in entries if _NATIONAL.match(e)]
    assert len(national) >= 18
    for entry in national:
        number = _NATIONAL.match(entry).group(1)  # type: ignore[union-attr]
        assert re.match(re.escape(number) + r"　[\u4e00-\u9fff]", entry), entry  # its Chinese title
        adopted = degree.get(number)
        if adopted:
            mark = _MARK.search(entry)
            assert mark and mark.group(2) == adopted.group(1), entry
        if _MARK.search(entry):
            assert number in degree, entry
    assert "GB/T 2421—2020　环境试验　概述和指南（IEC 60068-1:2013，IDT）[S]." in entries
    assert ["IEC 60068-1:1988", "GB/T 2421—2020"] in [r[:2] for r in rows]


def test_a2_a_document_listed_twice_has_its_reason_and_its_pair(zh_markdown, note_md):
    """The class over clause 2 and the 参考文献: a document number that stands in two entries (two editions, or an
    edition and the national adoption of another) is one 三（五） gives its reason for, and an adoption among them has
    its pair in 七's table; IEC 60068-1:1988, table 9's source, and GB/T 2421—2020 are such a pair."""
    entries = _clause2(zh_markdown) + list(_bibliography(zh_markdown, "zh").values())
    listed: dict[str, list[str]] = {}
    for entry in entries:
        for number in {m.group(1) for m in _NUMBER.finditer(entry)}:
            listed.setdefault(number, []).append(entry)
    editions, rows = _editions(note_md), _adoption_rows(note_md)
    twice = {number: found for number, found in listed.items() if len(found) > 1}
    assert "IEC 60068-1" in twice
    for number, found in twice.items():
        assert number in editions, (number, [e[:50] for e in found])
        for entry in found:
            adoption = _NATIONAL.match(entry)
            if adoption and _MARK.search(entry):
                assert any(r[1] == adoption.group(1) and r[0].startswith(number) for r in rows), entry
    assert "IEC 60068-1:1988 与 GB/T 2421—2020 为同一文件的两个版本" in editions


def test_a3_every_entry_read_at_a_url_is_online_with_its_date(zh_markdown, en_markdown, note_md, note_md_en):
    """The class over the whole 参考文献, in both languages: an entry giving an access path carries its type code with
    「/OL」 and its 引用日期 before the URL (GB/T 7714-2015 4.1, 8.8.2), its DOI last; 三（五） says what the date is
    for every such entry, not for [EB/OL] and [CP/OL] alone."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        entries = _bibliography(markdown, lang)
        linked = [e for e in entries.values() if "http" in e]
        assert len(linked) > 140
        assert [e[:70] for e in linked if not _ONLINE.search(e)] == []
        assert [e[:70] for e in entries.values() if "/OL]" in e and "http" not in e] == []
    assert "给出获取和访问路径（网址）的各条均为联机文献" in _editions(note_md)
    assert "Every entry of the bibliography that gives an access path (a URL) is an online resource" in note_md_en


def test_d1_the_note_says_which_corpora_the_project_commits(note_md, note_md_en):
    """四（二） names the tests/corpora folders its figures were measured on (each a folder of this checkout holding
    committed files) and keeps the 'outside the project' for the others; 五 no longer says every corpus is kept outside.
    The class: every validation section whose opening names a tests/corpora folder has it named in 四（二）."""
    import yaml

    lead = note_md.split("（二）与公开工具在公开语料上的一致性", 1)[1].split("\n", 1)[0]
    named = re.findall(r"`(tests/corpora/[\w.-]+)`", lead)
    assert named, lead
    for folder in named:
        tracked = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True)
        assert (ROOT / folder).is_dir() and tracked.stdout.strip(), folder
    data = yaml.safe_load((ROOT / "suites" / "explanatory.yaml").read_text(encoding="utf-8"))
    for entry in data["validation"]:
        text = (ROOT / entry["file"]).read_text(encoding="utf-8")
        opening = "\n".join(text.split(entry["section"], 1)[1].split("\n")[:4])
        for folder in re.findall(r"`(tests/corpora/[\w.-]+)/`", opening):
            assert folder in named, (entry["key"], folder)
    assert {"tests/corpora/assets", "tests/corpora/identity"} <= set(named)
    assert "其余语料保存在项目之外" in lead
    english = note_md_en.split("(2) Agreement with the field's own tools on public corpora", 1)[1].split("\n", 1)[0]
    assert all(f"`{folder}`" in english for folder in named)
    ip_zh = note_md.split("\n## 五、", 1)[1].split("\n## ", 1)[0]
    ip_en = note_md_en.split("\n## 5 ", 1)[1].split("\n## ", 1)[0]
    # sixty-second reading, d3: 五 names every tests/corpora folder as others' data under their own licences
    # (sixty-third reading, d2: and, apart, the files the project's scripts wrote and its altered copies)
    assert "比对所用的公开语料保存在项目之外" not in ip_zh and "项目中另提交有测试数据" in ip_zh
    assert "其中他人发布的公开数据不是起草组编写的" in ip_zh
    assert "corpora of the comparisons are kept outside" not in ip_en and "the project also commits test data" in ip_en


def test_a4_generated_content_is_only_the_defined_term(zh_markdown, note_md):
    """The class over the draft and the 编制说明: 「生成内容」 stands only inside 「用户生成内容」 (user-generated content);
    AI-generated content is 3.14's 生成合成内容, and IF-RISK-004's feature of a platform listing AI agents is
    「提供人工智能体」."""
    for text in (zh_markdown, note_md):
        stray = [text[max(0, m.start() - 12):m.end() + 6] for m in re.finditer("生成内容", text)
                 if text[max(0, m.start() - 2):m.start()] != "用户"]
        assert stray == []
    case = _cases(zh_markdown)["IF-RISK-004"]
    assert case.count("提供人工智能体") >= 3  # the purpose, step 4 and the criteria
