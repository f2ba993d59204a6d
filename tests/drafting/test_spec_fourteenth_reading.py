"""The fourteenth reading of issue 76 (docs/drafting.md, "Fourteenth reading"): the scope, clause 15's notes, one
name for the manifest, code values written whole, the 编制说明's limits table, its references to its own parts and
its recorded reproducibility run. Each test fails on the draft as it was before the fix it names; the scans also on
a planted defect."""

from __future__ import annotations

import re

from conformance.drafting.annexb import area_known_bad
from conformance.drafting.explanatory_data import load_note_data
from conformance.drafting.facts import gather
from conformance.drafting.interlab_note import drift, interlab_record
from conformance.drafting.notation import notation
from conformance.drafting.testcases import for_laboratory
from conformance.drafting.writer import Writer

from .blocks import between, text_of
from .test_spec_leftovers_fourteenth import cited_only

#: the places 清单 means a list the data product ships (DP-QUAL-001: the image list beside the annotations), a
#: list a document publishes or a certification body keeps, not the manifest 3.20 names 声明文件
_OTHER_LISTS = re.compile(r"图像清单|实体清单|定义清单|信任清单|节日清单|清单中没有空单元格|清单与标注|记录于清单|清单对照")


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "", text)


def _clause(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end, markdown.index(start) + 1)]


def manifest_as_list(text: str) -> list[str]:
    """Each 清单 of ``text`` that is none of the other lists: the manifest under another name."""
    plain = _outside_code(text)
    around = (plain[max(0, m.start() - 12):m.end() + 12] for m in re.finditer("清单", plain))
    return [words for words in around if not _OTHER_LISTS.search(words)]


def broken_code_values(text: str) -> list[str]:
    """Code values that open a brace they do not close (「`GET` `/assets/{L` 的标识}」)."""
    return [m.group(0) for m in re.finditer(r"`([^`\n]*)`", text) if m.group(1).count("{") > m.group(1).count("}")]


def test_the_scope_names_every_normative_element(zh, en):
    """Clause 1 named the test environment, test cases, conformance and the ICS and IXIT forms, not clause 6's
    decision rules, clause 16's test report nor annexes D and E (GB/T 1.1-2020 8.5: the scope says what the
    document specifies)."""
    for blocks, words in ((zh, ("判定规则与测量不确定度", "接口契约与数据格式", "测试报告的内容")),
                          (en, ("decision rules and measurement uncertainty", "interface contracts and data formats",
                                "content of the test report"))):
        scope = text_of(between(blocks, "clause-1", "clause-2"))
        for word in words:
            assert word in scope, word


def test_clause_15s_notes_state_no_permission(zh_markdown):
    """「注：……不含决定符合性的规范性要求，不可用于声称符合本文件。」 set a permission's negation in a note (GB/T
    1.1-2020 9.2: a note holds no requirement, recommendation or permission): the note now says 不能据以."""
    clause = _clause(zh_markdown, "\n## 15 ", "\n## 16 ")
    notes = [line for line in clause.splitlines() if line.startswith("注：")]
    assert len(notes) == 3
    for line in notes:
        assert "不可" not in line and "不能据以声称符合本文件" in line, line


def test_the_manifest_is_called_as_clause_3_calls_it(zh_markdown, note_md):
    """3.20 names the manifest 声明文件; IR-SEC-001's and IF-TLS-001's steps, TD-ACC-003's 不确定 line, annex A's
    parameters and 编制说明 四（四） called it 清单."""
    assert manifest_as_list(zh_markdown) == []
    assert manifest_as_list(note_md) == []


def test_the_manifest_scan_finds_a_planted_list():
    assert manifest_as_list("1. 记录清单为该目标给出的信任锚文件。") and not manifest_as_list("其图像清单（表头）")


def test_a_code_value_holds_its_whole_path(zh_markdown, en_markdown):
    """AS-AIGC-017's steps 4 and 5 read 「匿名读取 `GET` `/assets/{L` 的标识}」: the placeholder's brace outside."""
    assert broken_code_values(zh_markdown) == []
    assert broken_code_values(en_markdown) == []
    assert broken_code_values("匿名读取 `GET` `/assets/{L` 的标识}") == ["`/assets/{L`"]


def test_a_status_class_is_one_code_value(zh_markdown):
    """「4`xx`」 (18) and 「2`xx`」 (1) in the identity cases beside 「`4xx`」 (54): the digit outside the code value."""
    assert not re.search(r"\d`xx`", zh_markdown)


def test_an_http_operation_is_one_code_value(zh_markdown, en_markdown, note_md):
    """「`GET` `/assets`」 (118 in the Chinese draft) beside 「`GET /assets`」 (182): one form, the operation whole."""
    for markdown in (zh_markdown, en_markdown, note_md):
        assert not re.search(r"`(?:GET|POST|PUT|PATCH|DELETE)` `/", markdown)
    assert notation("以 `POST` `/assets` 发布") == "以 `POST /assets` 发布"


def test_each_test_purpose_spaces_the_requirement_id(zh_markdown):
    """「验证被测对象满足要求ID‑AUTH‑001（……）」 in all 310 purposes: no space between Chinese and the ID, where the
    rest of the draft sets one (「另见 ID‑AUTH‑001」)."""
    assert not re.search(r"满足要求[A-Z]", zh_markdown)
    assert len(re.findall(r"满足要求 [A-Z]{2}", zh_markdown)) == 310


def test_ambisonics_conventions_are_names(zh_markdown, note_md):
    """TD-AUD-006 set 「`FuMa`」 and 「`AmbiX`」 as code values: conventions, held in no schema."""
    for markdown in (zh_markdown, note_md):
        assert "`FuMa`" not in markdown and "`AmbiX`" not in markdown


def _limit_rows(note) -> dict[str, tuple[str, ...]]:
    table = next(b for b in between(note, "note-3-2") if b.kind == "table")
    return {row[0].replace("\u2011", "-"): row for row in table.rows[1:]}


def test_the_limits_table_reads_newtons_radians_luminance_and_negative_values(note):
    """编制说明 三（二） missed TD-FORCE-004's 140 N, TD-DISP-011's 50 cd/m², SC-GEO-001's −1000 m and
    RB-JOINT-002's 0.01 rad: the limit pattern knew no newton, radian or candela per square metre, no sign; and
    TD-ACC-002's 40 mm, its statement giving the unit once after 「40 <= min < max <= 90 毫米」."""
    rows = _limit_rows(note)
    for rid, limit in (("TD-FORCE-004", "140 N"), ("TD-DISP-011", "50 cd/m²"), ("SC-GEO-001", "−1000 m"),
                       ("RB-JOINT-002", "0.01 rad"), ("TD-ACC-002", "40 mm")):
        assert limit in rows[rid][1], (rid, rows[rid][1])


def test_a_quoted_basis_is_whole_sentences(note):
    """TD-TACT-005's basis opened 「附注：2 mm，`max_tactile_position_mm`），为本文件自定的数值」: the notes were cut at a
    「；」 inside brackets. No quoted basis holds a closing bracket without its opening."""
    for rid, row in _limit_rows(note).items():
        depth = 0
        for char in _outside_code(row[2]):
            depth += (char == "（") - (char == "）")
            assert depth >= 0, (rid, row[2])


def test_a_basis_quotes_no_history(note):
    """TD-FORCE-002's basis opened 「附注：自 2.0 起（议题 70）：」, the change log and an issue number."""
    bases = "\n".join(row[2] for row in _limit_rows(note).values())
    assert "议题" not in bases and not re.search(r"自 ?\d+(?:\.\d+)+ ?起", bases)
    # the row appeared once the table read newtons: the laboratory filter now leaves the sentence out
    assert for_laboratory("自 2.0 起（议题 70）：指令力同时以 140 N 为限。", "zh") == ""
    assert for_laboratory("指令力同时以 140 N 为限。", "zh") == "指令力同时以 140 N 为限。"


def test_powers_roots_and_document_numbers_are_written_as_the_draft_does(zh_markdown, en_markdown, note_md):
    """「（X^2 + Y^2 + Z^2）」, 「1 / `sqrt` 2」, 「ITU-R `BT.709-6`」 (编制说明 三（二）), 「`ISO/TS` 19139」 (表 B.3) and
    "2 sqrt(a^2 + b^2)" (English TD-BCI-007): a caret, a function's name, a document's number as a code value."""
    for markdown in (zh_markdown, en_markdown, note_md):
        plain = _outside_code(markdown)
        assert not re.search(r"[A-Za-z)]\^\d", plain), re.search(r".{20}[A-Za-z)]\^\d.{10}", plain)
        assert "sqrt" not in plain and "`sqrt`" not in markdown
        assert not re.search(r"ITU-[RT] `|`ISO/TS`", markdown)
    assert notation("一阶能量（X^2 + Y^2）在 W 通道加权 1 / `sqrt` 2 的") == "一阶能量（X² + Y²）在 W 通道加权 1/√2 的"
    assert notation("amplitude 2 sqrt(a^2 + b^2), `x^2`") == "amplitude 2√(a² + b²), `x^2`"


def test_the_note_refers_to_its_own_parts_as_parts(note_md, note_md_en):
    """「第四章所列」, 「（第四章）」 ×2, 「本说明第四章」, 「见第三章判定规则表」: the 编制说明 has parts 一 to 十三, and its
    三 says 「第 7 章」 for the standard's chapter."""
    assert not re.search(r"第[一二三四五六七八九十]+章", note_md)
    assert "本说明第四部分" in note_md
    assert not re.search(r"\(clause [34]\)|clause [34] of this note|table of clause 3", note_md_en)


def test_the_note_sets_quantity_symbols_italic_and_cites_the_national_adoption(note_md):
    """「z 比分数或 En 值」 upright (四（四）, 十一); 十一's 「认可范围（ISO/IEC 17025）」 beside clause 16's GB/T 27025—2019."""
    assert not re.search(r"(?<![*\w])z 比分数|(?<![*\w])En 值", note_md)
    assert "*z* 比分数" in note_md and "*E*<sub>n</sub> 值" in note_md
    assert "认可范围（ISO/IEC 17025）" not in note_md and "认可范围（GB/T 27025—2019）" in note_md


def test_the_note_writes_gb_titles_as_the_draft_does(note_md, zh_markdown):
    """八's headings wrote 「GB 45438—2025《网络安全技术 人工智能生成合成内容标识方法》」 with an ASCII space between
    the title's elements, 「第 1 部分」 for GB 4943.1; the draft writes 「网络安全技术　人工智能……」, 「第1部分」."""
    cited = re.findall(r"(GB(?:/T)? [\d.]+—\d{4})《([^》]+)》", note_md)
    assert len(cited) >= 8
    for number, title in cited:
        drafted = re.search(rf"{re.escape(number)}　([^|\n<（\[]+)", zh_markdown)
        if drafted:
            assert title == drafted.group(1).strip(), (number, title, drafted.group(1))
        assert " " not in title, (number, title)


def test_the_reproducibility_section_reconciles_its_record(catalog, note_md):
    """四（四） gave the record's 1 256 cases beside 四（一）'s 1 052 without saying how they relate, claimed known-good
    cases the record does not hold, and said nothing of the cases added since the run (scenes: 157 now, 156
    recorded)."""
    section = next(line for line in note_md.splitlines() if line.startswith("（四）"))
    assert "另加每项要求的已知合格用例" not in section
    assert "附录 C 所列候选与草案要求以及已废止要求的用例" in section
    w = Writer(catalog, "zh")
    record = interlab_record(load_note_data(catalog))
    assert record is not None
    known_bad = gather(catalog).known_bad
    left = {a["area"]: len(a.get("left_out", [])) for a in record["areas"]}
    for area, old, _ in drift(w, record):  # the draft's count as table B.1's (twenty-eighth reading, b9)
        # the recorded cases with those left out, the compared ones named apart (thirty-third reading, b11)
        compared = f"，其中比对 {old} 个；" if left[area] else "，"
        assert (f"（记录 {old + left[area]} 个{compared}本稿 {area_known_bad(catalog, known_bad, area)[0]} 个"
                in section), area


def test_a_record_that_no_longer_matches_the_catalog_is_said_so(catalog):
    """The drift is read from the catalog, never typed: a record one case short in an area is named."""
    w = Writer(catalog, "zh")
    record = interlab_record(load_note_data(catalog))
    assert record is not None
    now = {area: new for area, _, new in drift(w, {**record, "areas": [{**a, "cases": -1} for a in record["areas"]]})}
    shifted = {**record, "areas": [{**a, "cases": now[a["area"]], "left_out": []} for a in record["areas"]]}
    assert drift(w, shifted) == []
    shifted["areas"][0] = {**shifted["areas"][0], "cases": shifted["areas"][0]["cases"] - 1}
    assert drift(w, shifted) == [(shifted["areas"][0]["area"], now[shifted["areas"][0]["area"]] - 1,
                                  now[shifted["areas"][0]["area"]])]


def _terms(markdown: str) -> list[str]:
    clause = _clause(markdown, "\n## 3 ", "\n## 4 ")
    return [line.split("  ")[0] for line in re.findall(r"^### 3\.\d+\n\n(.+)$", clause, re.M)]


def test_the_test_identity_has_one_name_and_a_definition(zh_markdown, en_markdown):
    """The identity the steps act as was 测试身份 (83), 测试用户 (IF-BIO-001, IF-UDP-007 to -013) and 测试账户 (3.24,
    5.4, 5.5; also AS-TRADE-011's payment account): one name, defined in clause 3."""
    assert "测试身份" in _terms(zh_markdown)
    body = zh_markdown[zh_markdown.index("\n## 4 "):]
    assert "测试用户" not in body and "测试账户" not in zh_markdown
    assert not re.search(r"\btest (?:users?|accounts?)\b", en_markdown)


def test_clause_3_orders_its_terms_by_their_concepts(zh_markdown):
    """被检对象, 测试用实现附加信息 and 特性 were appended as 3.23 to 3.25 "so that 3.1 to 3.23 keep their numbers":
    GB/T 1.1-2020 8.7 orders entries by the concept system, and a draft for comment has no numbers to keep."""
    terms = _terms(zh_markdown)
    for first, second in (("被测对象", "被检对象"), ("测试配置", "特性"), ("实现一致性声明", "测试用实现附加信息")):
        assert terms.index(second) == terms.index(first) + 1 + (second in ("被检对象", "特性")), terms
    # part h94-terms defines 提供者 (a10), who supplies the object under test, right after 被测对象, and 测试参数 (a12),
    # the values a profile sets, right after 测试配置
    assert terms.index("提供者") == terms.index("被测对象") + 1, terms
    assert terms.index("测试参数") == terms.index("测试配置") + 1, terms
    assert terms.index("认证计划") == len(terms) - 1 and terms.index("通过") > terms.index("声明文件"), terms


def test_the_uncertainty_formula_is_displayed_numbered_and_explained(zh_markdown, en_markdown):
    """6.2 set *U* = *k*·√(*u*_A² + *u*_B²) inside a sentence, unnumbered, and never explained *s*, *n* and *p*
    (GB/T 1.1-2020 9.9: a formula on a line of its own, numbered, its symbols explained after 「式中：」)."""
    zh = _clause(zh_markdown, "\n### 6.2 ", "\n### 6.3 ")
    formula = re.search(r"^\*U\* = \*k\*·√\(.*\)　+（1）$", zh, re.M)
    assert formula, zh
    after = zh[formula.end():]
    assert after.lstrip().startswith("式中：")
    for symbol in ("*U* ——", "*k* ——", "*u*<sub>A</sub> ——", "*u*<sub>B</sub> ——", "*s* 为样本标准差", "*n* 为样本量",
                   "*p* 为"):
        assert symbol in after, symbol
    assert "以式（1）评定" in zh
    en = _clause(en_markdown, "\n### 6.2 ", "\n### 6.3 ")
    assert re.search(r"^\*U\* = .*\(1\)$", en, re.M) and "by formula (1)" in en and "*s* the sample standard" in en


def test_a_basis_citing_a_paper_does_not_call_it_a_standard(catalog):
    """TD-TACT-001 and -003 (rows the table gained with newtons) and TD-BODY-006 read 「所引标准：Dahiya, Metta, …,
    IEEE Transactions on Robotics」: a journal article is no standard, as the fourth reading said of a law."""
    # TD-BODY-006's notes now say its numbers are TD-BODY-003's settings (forty-first reading, c21), TD-TACT-001's and
    # -003's that 0 N is no limit chosen (forty-third reading, part h95-basisT): their rows are written as notes giving
    # no basis would write them
    cells = cited_only(catalog, "zh")
    for rid in ("TD-TACT-001", "TD-TACT-003"):
        assert cells[rid].startswith("所引文件："), cells[rid]


def test_a_case_the_run_left_out_is_named_and_is_no_drift(catalog):
    """The run leaves out a case whose tool is not on its computer (scenes' 3D Tiles case without
    3d-tiles-validator): the record names it, the section says it was not compared, and it is not taken
    for a case added since the run (the fourteenth reading read 156 recorded against 157 as drift)."""
    from conformance.drafting.interlab_note import _left_out_text

    w = Writer(catalog, "zh")
    record = interlab_record(load_note_data(catalog))
    assert record is not None
    now = {area: new for area, _, new in drift(w, {**record, "areas": [{**a, "cases": -1} for a in record["areas"]]})}
    first = record["areas"][0]["area"]
    short = {**record, "areas": [{**a, "cases": now[a["area"]] - (a["area"] == first), "left_out": []}
                                 for a in record["areas"]]}
    assert drift(w, short) == [(first, now[first] - 1, now[first])]  # one case short, not named: drift
    short["areas"][0]["left_out"] = [{"case": "XX-LEFT-001-0-", "requires": "some-validator"}]
    assert drift(w, short) == []  # named as left out: no drift
    zh, en = _left_out_text(short)
    assert "XX-LEFT-001-0-（需 some-validator）" in zh and "未经比对" in zh
    assert "XX-LEFT-001-0- (needs some-validator)" in en
    assert _left_out_text({**short, "areas": [{**a, "left_out": []} for a in short["areas"]]}) == ("", "")


def test_the_note_dates_the_proficiency_standards(note_md):
    """The fourteenth reading left ISO/IEC 17043 and ISO 13528 undated in the note; their editions in force are
    ISO/IEC 17043:2023 (IEC webstore: edition 2.0, 2023-05-08) and ISO 13528:2022 (third edition, 2022-08)."""
    assert re.findall(r"ISO/IEC 17043(?!:2023)", note_md) == []
    assert re.findall(r"ISO 13528(?!:2022)", note_md) == []
    assert "ISO/IEC 17043:2023" in note_md and "ISO 13528:2022" in note_md
