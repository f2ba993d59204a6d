"""The eleventh reading's leftovers (issue 76; docs/drafting.md, "Leftovers of the eleventh reading"): the one-letter
quantity symbols still upright in the Chinese rendering, the 32 not-applicable criteria that were one sentence, the
first reference's issuer and date, the order of the references after GB/T 1.1-2020, and the 编制说明's section on
the reproducibility of the results read from a recorded run. Each test fails on the draft as it was before its fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.drafting.blocks import between, text_of

ROOT = Path(__file__).resolve().parents[2]
#: the unit symbols a value (or a bracket naming a unit) may carry: upright by GB 3102.11, not quantity symbols
_UNIT = re.compile(r"m|s|h|N|A|V|W|g|K|B|Hz|lx|ns|min|rad|mm|cm|dB|ms")
#: a single Latin letter (``Zs``: one with its subscript run on) standing alone in running text
_LETTER = re.compile(r"(?<![A-Za-z0-9_.\-/@*#‑&\[<>μµ+])([A-Za-z]s?)(?![A-Za-z0-9_\-*‑&\]<>Ω]|\.[A-Za-z0-9])")
#: a capital is a quantity's symbol in a formula (beside an operator) or after the quantity it names; elsewhere it
#: names a thing and stays upright: a test identity, platform, key, item or token a case names by a capital
#: (「测试身份 A 与 B」, 「平台 A」, 「密钥 H」), Type A and B evaluations (「A 类」), the ambisonic channels W, X,
#: Y, Z, the axis +Y, a letter quoted as such (「大写字母 H」), B-splines and the binomial distribution's name
_FORMULA = re.compile(r"[=·/×+−]")
_QUANTITY_NAME = re.compile(r"(上限|幅值|阻抗|增益|系数|类别数|频率|样本数|帧数) ?$")


def upright_symbols(markdown: str) -> list[tuple[str, str]]:
    """(where, context) of each single-letter quantity symbol set upright in the Chinese Markdown: a lower-case
    letter (or ``Zs``) standing alone outside code values, URLs and italics, or a capital in a formula; not a unit
    symbol after a value or in a bracket, an annex, table or figure letter, a list item's letter, an ICS status (m,
    o, c, i), a GB/T 7714 type code ([Z]), or a capital naming a thing (see ``_FORMULA``)."""
    found: list[tuple[str, str]] = []
    where = ""
    for line in markdown.splitlines():
        heading = re.match(r"^#+ ([\d.]+ [A-Z]{2}-[A-Z0-9]+-\d{3}|.{0,24})", line)
        if heading:
            where = heading.group(1)
        if not re.search(r"[\u4e00-\u9fff]", line):
            continue
        text = re.sub(r"`[^`]*`", "``", line)
        text = re.sub(r"https?://\S+|<[^>]+>", "", text)
        text = re.sub(r"\*[A-Za-zα-ωΑ-Ω]\*", "@", text)
        for m in _LETTER.finditer(text):
            letter, before, after = m.group(1), text[:m.start()], text[m.end():]
            if _UNIT.fullmatch(letter) and (re.search(r"(\d|[)）])[\s\u2009]?$|[/·（，、]$|(或|与|以) $", before)
                                            or re.match(r"\s?[/·）]|·", after)):
                continue
            if re.search(r"(附录|表|图) ?$", before) or after.startswith(")"):
                continue
            if letter in "moci" and (re.search(r"\| ?$", before) and re.match(r" ?(\||（)", after) or "为必备" in text):
                continue
            if letter.isupper() and not (_FORMULA.search(before[-3:]) or _FORMULA.match(after[:3].lstrip())
                                         or _QUANTITY_NAME.search(before)):
                continue  # a capital naming a thing: a test identity, platform, key, channel, Type A or B
            found.append((where, text[max(0, m.start() - 12):m.end() + 10]))
    return found


def test_no_quantity_symbol_stands_upright_in_the_chinese_text(zh_markdown, zh_html):
    """About 60 single letters stood upright in the terminal, interfaces, scenes, data and robots texts: 「(n - 1) 除以
    首末样本的时间差」, 「Zs·r / (1 − r)」, 「每页条目数上限 L」, 「（x、z）」, 「客户端 c」, 「幅值 A 与频率 f」, 「g(d)」,
    「V(λ)」, 〔k〕 in annexes D and E. GB 3102.11 and GB/T 1.1-2020 set a quantity's symbol in italics; the catalog's
    texts now mark them (``*n*``, ``*Z*_s``), and 「帧的 t」, the capture format's field, is a code value."""
    left = upright_symbols(zh_markdown)
    assert left == [], left[:20]
    assert "(*n* − 1) 除以" in zh_markdown and "*Z*<sub>s</sub>·*r* / (1 − *r*)" in zh_markdown
    assert "每页条目数上限 *L*" in zh_markdown and "首末样本的 `t`" in zh_markdown
    assert "<i>Z</i><sub>s</sub>·<i>r</i>" in zh_html and "第 <i>n</i> 帧" in zh_html


@pytest.mark.parametrize("planted", ["查看第 n 帧是否到达", "输入阻抗为 Zs·r", "每页条目数上限 L：取 100", "平均高度（y）之差",
                                     "幅值 A 与频率 f"])
def test_the_scan_finds_a_planted_upright_symbol(planted):
    """The scan is the test: a symbol set upright again is found (and a test identity's capital is not)."""
    case = "### 9.1 TD-RATE-001 采样率\n\n1. 取得被测对象的采集文件。{}。\n"
    assert upright_symbols(case.format(planted)), planted
    assert upright_symbols(case.format("以测试身份 A 的令牌请求，平台 B 不响应；1 ms 内；表 A.1；c) 一项")) == []


def test_each_not_applicable_criterion_names_what_its_case_checks(zh_markdown, en_markdown):
    """The tenth and eleventh readings left 32 generated criteria one sentence for all: 「不适用：所提供的……中没有
    本要求逐一检查的被检对象；记录原因。」. Each now names its items (``items`` in the area's procedures.yaml), or
    says that the supplied file is itself the item and none applies (``whole``)."""
    assert "中没有本要求逐一检查的被检对象" not in zh_markdown
    assert "hold no item this requirement checks one by one" not in en_markdown
    assert "文本序列中没有几何实例以外的几何，本要求无可逐一检查的被检对象" in zh_markdown
    assert "不适用：无（声明本测试配置的被测对象均适用本要求）；所提供的每个 IFC 文件本身即被检对象。" in zh_markdown
    assert "hold no tile with a parent tile, so this requirement has no item checked" in en_markdown
    lines = re.findall(r"不适用：所提供的[^<|]*?中没有([^<|]*?)，本要求无可逐一检查的被检对象", zh_markdown)
    # SC-TILE-007 has none since the thirty-third reading (t, a11): its check passes a tileset using no extension;
    # RB-URDF-002 and DP-LABEL-002 write their own since the thirty-sixth reading (parts k3, q: a state beside the items)
    assert len(lines) == len(set(lines)) >= 21  # each case its own items


def test_the_normative_references_follow_gbt_1_1_order(zh_markdown):
    """GB/T 1.1-2020 8.6.3: national standards, then ... ISO, ISO/IEC or IEC documents, then the others; national,
    ISO and IEC standards by their number. The list set GB before GB/T and ISO, ISO/IEC, IEC as three groups."""
    clause = zh_markdown[zh_markdown.index("\n## 2 "):zh_markdown.index("\n## 3 ")]
    refs = [line for line in clause.splitlines()[1:] if re.match(r"(GB|ISO|IEC)[ /]", line)]
    national = [float(re.match(r"GB(?:/T)? (\d+(?:\.\d+)?)", line).group(1)) for line in refs if line.startswith("GB")]
    assert national == sorted(national) and refs.index(next(r for r in refs if r.startswith("GB/T 10000"))) < \
        refs.index(next(r for r in refs if r.startswith("GB 11643")))
    numbered = [int(re.match(r"\S+ (\d+)", line).group(1)) for line in refs
                if line.startswith(("ISO", "IEC")) and not re.search(r" (Guide|指南) ", line)]
    assert numbered == sorted(numbered)
    assert max(i for i, r in enumerate(refs) if r.startswith("GB")) < min(i for i, r in enumerate(refs)
                                                                          if r.startswith(("ISO", "IEC")))


def test_the_order_key_mixes_gb_and_gbt_and_puts_guides_last():
    from conformance.drafting.listorder import _order
    from conformance.drafting.tables import Standard

    names = ["IEC 62471:2006", "GB 11643-1999", "ISO/IEC Guide 98-3:2008", "GB/T 10000-2023", "ISO 376:2011",
             "ISO/IEC 21794-2:2021", "RFC 9110", "YD/T 1234-2020"]
    ordered = sorted(names, key=lambda n: _order(Standard(name=n, url=""), n))
    assert ordered == ["GB/T 10000-2023", "GB 11643-1999", "YD/T 1234-2020", "ISO 376:2011", "ISO/IEC 21794-2:2021",
                       "IEC 62471:2006", "ISO/IEC Guide 98-3:2008", "RFC 9110"]


def test_the_first_reference_invents_no_issuer_or_date(zh_markdown):
    """参考文献 [1], seed 000: its text names no issuer, date or 文号 and none was found (docs/drafting.md says so);
    the entry stays the title and type code, no invented issuer."""
    bibliography = zh_markdown[zh_markdown.index("\n## 参考文献"):]
    first = re.search(r"\[1\]\s*(.*)", bibliography).group(1)
    assert "关于推进本市元宇宙标准体系建设的指导意见[Z]" in first
    assert not re.search(r"〔\d{4}〕|\d{4}-\d{2}-\d{2}|上海市.*(局|办公厅|委员会)\.", first)
    drafting = (ROOT / "docs" / "drafting.md").read_text(encoding="utf-8")
    assert "Leftovers of the eleventh reading" in drafting and "could not be confirmed" in drafting


def test_the_reproducibility_section_reads_the_recorded_run(note, note_en):
    """编制说明 四（四） gave no run's figures; it now reports the run ``scripts/interlab_record.py`` recorded in
    docs/interlab-run.json: the set-ups, how many cases, how many agreed, counted from that file."""
    record = json.loads((ROOT / "docs" / "interlab-run.json").read_text(encoding="utf-8"))
    assert record["agreed"] <= record["cases"] == sum(a["cases"] for a in record["areas"])
    four = text_of(between(note, "note-4", "note-5"))
    # the whole set first, then the part compared, when a case was left out (thirty-second reading, b15)
    whole = record["cases"] + sum(len(a.get("left_out", [])) for a in record["areas"])
    compared = f"{record['cases']} 个（{record['requirements']} 项要求）"
    assert (f"共 {whole} 个，其中 {compared}经比对" if whole != record["cases"] else f"共 {compared}") in four
    assert f"在其中 {record['agreed']} 个上一致" in four and "`Pacific/Chatham`" in four
    assert f"{record['cases']} cases of {record['requirements']} requirements" in text_of(note_en)


def test_the_reproducibility_section_follows_the_file_not_typed_numbers(catalog, tmp_path):
    """Another record gives other figures: the section is generated from the file."""
    from conformance.drafting import interlab_note
    from conformance.drafting.explanatory_data import NoteData, load_note_data
    from conformance.drafting.writer import Writer

    record = json.loads((ROOT / "docs" / "interlab-run.json").read_text(encoding="utf-8"))
    record.update(cases=4321, agreed=4320, requirements=99)
    record["areas"][0]["differing"] = ["XX-TEST-001#0"]
    path = tmp_path / "run.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    data = load_note_data(catalog)
    data = NoteData({**data.document, "interlab": {"file": str(path)}}, data.path, data.root)
    text = interlab_note.reproducibility(Writer(catalog, "zh"), data, 1, 2).text
    left = sum(len(a.get("left_out", [])) for a in record["areas"])
    assert f"共 {4321 + left} 个，其中 4321 个（99 项要求）经比对" in text
    assert "在其中 4320 个上一致，不一致的为 XX-TEST-001#0" in text


def test_the_word_file_sets_the_catalogs_symbols_italic(zh):
    """The DOCX writer draws the texts' marks as runs: TD-BCI-007's 「*Z*_s·*r*」 an italic Z, a lowered s, an italic r."""
    from docx import Document
    from docx.shared import Pt

    from conformance.drafting.wordfile import _runs

    cell = next(c for b in zh for c in ([b.text] + [c for row in b.rows for c in row]) if "*Z*_s·*r*" in c)
    paragraph = Document().add_paragraph()
    _runs(paragraph, cell, Pt)
    runs = [(r.text, bool(r.italic), bool(r.font.subscript)) for r in paragraph.runs]
    assert ("Z", True, False) in runs and ("s", False, True) in runs and ("r", True, False) in runs
    assert not any("*" in text for text, _, _ in runs), runs
