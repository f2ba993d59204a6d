"""The 编制说明 (issue 76 item 6) as a reviewer reads its rendered HTML: every customary part present
and none hollow, each limit of a normative statement with its basis, each law and mandatory standard
the requirements use analysed, the verification built from figures read where they were measured."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conformance.drafting.explanatory_data import LIMIT, NoteData, figures, load_note_data, section
from conformance.drafting.facts import ordered
from conformance.drafting.limitnumbers import COUNT
from conformance.drafting.render import html_of
from conformance.drafting.writer import normative
from conformance.errors import CatalogError

PARTS = ("一、工作简况", "二、标准编制原则", "三、主要内容及其确定依据", "四、主要试验（验证）情况", "五、知识产权说明",
         "六、产业化情况与推广应用论证", "七、与国际、国外同类标准的对比",
         "八、与有关的现行法律、法规和强制性国家标准的关系", "九、重大分歧意见的处理经过和依据", "十、标准性质的建议",
         "十一、贯彻标准的要求和措施建议", "十二、废止现行有关标准的建议", "十三、其他应予说明的事项")
#: a text a drafting group fills and nothing else: a part made only of it is hollow
PLACEHOLDER = re.compile(r"（起草组填写[^）]*）")


@pytest.fixture(scope="module")
def page(note_html) -> str:
    return note_html  # the session's Chinese note, as render_html(catalog, part="explanatory") writes it


def _parts(page: str) -> dict[str, str]:
    """Each part's text (tags dropped) under its level-2 heading, up to the next one."""
    pieces = re.split(r"<h2[^>]*>(.*?)</h2>", page)
    out = {}
    for title, body in zip(pieces[1::2], pieces[2::2]):
        out[html.unescape(re.sub(r"<[^>]+>", "", title)).strip()] = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return out


def test_every_customary_part_is_present_in_order_and_none_is_hollow(page):
    parts = _parts(page)
    assert [t for t in parts if t in PARTS] == list(PARTS)
    for title in PARTS:
        # what the part says beyond a drafting group's placeholder, in Chinese characters
        said = re.findall(r"[\u4e00-\u9fff]", PLACEHOLDER.sub("", parts[title]))
        assert len(said) >= 30, (title, parts[title][:200])


def test_each_limit_of_a_normative_statement_has_its_basis(catalog, page):
    limited = [r for r in ordered(catalog) if normative(r)
               and any(p.search(r.statement.zh + "".join(rule.zh for rule in r.rules)) for p in (LIMIT, COUNT))]
    part = _parts(page)["三、主要内容及其确定依据"]
    # the 判定准则's numbers and those without a unit are limits too (forty-first reading, d7, d10): more rows than these
    assert re.search(r"决定判定结果的限值（带单位或计数的数值，以及比较所限定的无量纲数值）共出现在 \d+ 项要求中", part)
    rows = dict(re.findall(r"<tr><td[^>]*>.*?([A-Z]{2}.[A-Z0-9]+.\d{3}).*?</td><td[^>]*>.*?</td><td[^>]*>(.*?)</td></tr>",
                           # the first table only: 5.9's test-environment limits follow it, naming cases too
                           page.split("各项限值的确定依据")[1].split("<h2")[0].split("<h3")[0].split("</table>")[0]))
    ids = {key.replace("\u2011", "-") for key in rows}
    assert ids >= {r.id for r in limited}
    assert f"共出现在 {len(ids)} 项要求中" in part
    assert all(re.sub(r"<[^>]+>", "", cell).strip() not in ("", "—") for cell in rows.values())
    # the limits an outside review found unjustified are traced: the 43 °C of skin contact, the 2 h session
    assert "43 ℃" in part and "2 h" in part  # units by their symbols (ninth reading)


def test_each_law_and_mandatory_standard_the_requirements_use_is_analysed(catalog, page):
    part = _parts(page)["八、与有关的现行法律、法规和强制性国家标准的关系"]
    for title in ("《中华人民共和国个人信息保护法》", "《中华人民共和国数据安全法》", "《中华人民共和国未成年人保护法》",
                  "国新出发〔2021〕14号", "GB 45438—2025", "GB/T 22240—2020", "GB 4943.1—2022"):
        assert title in part, title
    data = load_note_data(catalog)
    analysed = {entry["name"] for entry in data.get("relations")}
    laws = re.compile(r"Law of|Law \(|Provisions on|Notice on|Regulations on|Measures (?:on|for)|^GB \d")
    used = {ref.name for r in ordered(catalog) if normative(r) for ref in r.source.standards if laws.search(ref.name)}
    assert used <= analysed, used - analysed
    # an analysis, not an assertion of consistency: each subsection says what is and is not tested
    for body in re.split(r"（[一二三四五六七八九十]+）《|（[一二三四五六七八九十]+）GB", part)[1:]:
        assert "一致。" not in body[:40] and len(re.findall(r"[\u4e00-\u9fff]", body)) >= 60


def test_the_verification_is_built_from_figures_read_where_they_were_measured(catalog, page):
    part = _parts(page)["四、主要试验（验证）情况"]
    data = load_note_data(catalog)
    for entry in data.get("validation"):
        found = figures(data, entry, "suites/explanatory.yaml")
        assert found, entry["key"]
        text = section(data.root, entry["file"], entry["section"])
        assert all(value in text for value in found.values())
        kind = "文档" if entry["file"].endswith(".md") else "文件"  # a test's record is no 文档 (62nd reading, d2)
        assert f"数据见开源项目metaverse-conformance的{kind}{entry['file']}" in re.sub(r"\s", "", part)
    assert "580/580" in part and "1 124 个公开 IFC 文件" in part and "其拒绝的 603 个文件本工具均判定不通过" in part
    # the real products and their verdicts, as docs/real-products.md records them
    assert "acapy-agent" in part and "pygeoapi" in part
    assert "实验室间比对" in part
    # the reference's own self-test is no longer the whole verification
    assert part.index("与公开工具在公开语料上的一致性") < part.index("参考实现的验证结果")


def test_a_figure_that_moved_is_the_catalogs_error_not_a_wrong_number(tmp_path):
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "README.md").write_text("## Corpus\n\n| overall | 570/580 |\n## Next\n| overall | 580/580 |\n")
    data = NoteData({}, tmp_path / "suites" / "explanatory.yaml", tmp_path)
    entry = {"key": "usd", "file": "bench/README.md", "section": "Corpus", "figures": {"all": r"overall \| (\d+/\d+)"}}
    assert figures(data, entry, "x.yaml") == {"all": "570/580"}
    entry["figures"] = {"all": r"agreed \| (\d+/\d+)"}
    with pytest.raises(CatalogError, match="no figure matches"):
        figures(data, entry, "x.yaml")
    assert figures(data, {**entry, "file": "absent.md"}, "x.yaml") is None


def test_a_table_the_draft_does_not_hold_is_the_catalogs_error_at_its_entry(catalog):
    """A relation's text citing ``{table:<anchor>}`` of no table of the draft: one line naming the data file and
    the entry (a CatalogError, exit 2), not a ValueError's traceback (the twenty-eighth stop's leftover)."""
    from conformance.drafting.notetables import cited_tables, entry_place
    from conformance.drafting.writer import Writer

    w = Writer(catalog, "zh")
    entry = {"name": "x", "zh": "见表 {table:no-such-table}。"}
    data = NoteData({"relations": [{"name": "y"}, entry]}, catalog.root / "suites" / "explanatory.yaml", catalog.root)
    assert cited_tables(w, catalog, "见表 {table:traceability}。", entry_place(w, data, "relations", entry)) != \
        "见表 {table:traceability}。"
    with pytest.raises(CatalogError) as raised:
        cited_tables(w, catalog, w.text(entry), entry_place(w, data, "relations", entry))
    line = raised.value.line()
    assert "explanatory.yaml" in line and "relations[1].zh" in line and "'no-such-table'" in line, line


def test_the_zh_parts_the_drafting_group_states_are_chinese(page):
    parts = _parts(page)
    for title in PARTS[4:]:
        text = re.sub(r"\s+", " ", parts[title])
        english = re.findall(r"[A-Za-z]+(?: [A-Za-z]+){3,}", text)
        assert not english, (title, english)


def test_the_english_rendering_has_the_same_parts(note_en):
    page = html_of(note_en, "en")  # render_html(catalog, part="explanatory", lang="en")
    for heading in ("5 Intellectual property", "7 Comparison with international", "10 Recommendation on the nature",
                    "12 Recommendation on withdrawing", "3.3 The basis of each limit"):
        assert heading in page, heading


def test_the_note_names_the_chapter_the_test_cases_start_at_and_counts_every_requirement(catalog, page, zh):
    # review 2026-11-26: the note said 第 6 章, the draft's clause 6 being the decision rules, and its
    # counts left out the deprecated requirement (235 + 64 + 5 of 305)
    first = next(b.text for b in zh if b.kind == "heading" and b.text.endswith("测试用例"))
    chapter = first.split()[0]
    text = _parts(page)["三、主要内容及其确定依据"]
    assert f"第 {chapter} 章起按领域给出测试用例" in text
    counts = re.search(r"共有要求[^；]*；", _parts(page)["一、工作简况"]).group(0)
    # the deprecated requirement, not in the draft, is said apart in brackets (twenty-ninth reading b23)
    total, *parts = map(int, re.findall(r"(\d+) 项", re.sub(r"（另有已废止要求[^）]*）", "", counts)))
    assert total == sum(parts) == sum(r.status != "deprecated" for r in catalog.requirements.values()), counts
