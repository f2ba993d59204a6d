"""The ninth reading of issue 76 (docs/drafting.md, "Ninth reading"): the eighth reading's leftovers and what a
reader who wrote none of the draft found reading the rendered Chinese 征求意见稿 and 编制说明 against GB/T 1.1-2020
and the issue's defect kinds, mostly in what issue 75 added. Each test fails on the draft as it was before the
fix it names. The draft and the 编制说明 are rendered once a process (conftest's ``zh``, ``note`` ...)."""

from __future__ import annotations

import re

from conformance.drafting.render import _inline
from tests.drafting.blocks import between, text_of


def test_quantity_symbols_are_italic_with_their_subscripts_in_every_format(zh, en, zh_markdown):
    """Clause 6.2 wrote 「U = k·√(`u_A`² + `u_B`²)」: the symbols of quantities set as code values, in a monospaced
    font. GB 3102.11 and GB/T 1.1-2020 set a quantity's symbol in italics and a descriptive subscript upright; the
    writers now have a form for it (textbreaks.QUANTITY): italic, the subscript in <sub> (Markdown, HTML) or a
    subscript run (DOCX)."""
    for blocks in (zh, en):
        text = text_of(between(blocks, "uncertainty", "decision-rules"))
        assert "`u_" not in text and "u_A" not in text.replace("*u*_A", ""), text
        assert "*U* = *k*·√(*u*_A² + *u*_B²)" in text
        assert "*w* = *U*" in text_of(between(blocks, "decision-rules", "decision-rules-table"))
    assert "*U* = *k*·√(*u*<sub>A</sub>² + *u*<sub>B</sub>²)" in zh_markdown
    assert _inline("*u*_A 与 `u_A`") == "<i>u</i><sub>A</sub> 与 <code>u_<wbr>A</code>"


def test_the_word_file_sets_a_quantity_symbol_italic_and_its_subscript_lowered():
    from docx import Document
    from docx.shared import Pt

    from conformance.drafting.wordfile import _runs

    paragraph = Document().add_paragraph()
    _runs(paragraph, "*U* = *k*·√(*u*_A²)，`u_A`", Pt)
    runs = [(r.text, bool(r.italic), bool(r.font.subscript)) for r in paragraph.runs]
    assert ("U", True, False) in runs and ("k", True, False) in runs
    assert ("u", True, False) in runs and ("A", False, True) in runs
    assert not any("*" in text for text, _, _ in runs), runs


def test_the_note_names_programs_one_way_and_says_how(note, note_en):
    """编制说明 四 and 七 set `glTF-Validator`, `IfcOpenShell`, `urdfdom` as code values while 七 wrote OGC CITE (TEAM
    Engine) plain and 四（三）'s table set one product as code and another (ACA-Py) plain. One convention now, stated in
    四（二）: a program or product by its name, plain; a package as installed, a command, a module or function as code."""
    four, seven = between(note, "note-4", "note-5"), between(note, "note-7", "note-8")
    text = text_of(four) + text_of(seven)
    assert "本说明以名称书写程序与产品，以代码字体书写安装的软件包、命令与函数" in text
    assert "writes a program or product by its name" in text_of(between(note_en, "note-4", "note-5"))
    for name in ("glTF-Validator", "IfcOpenShell", "urdfdom", "UsdValidation", "metaverse-conformance", "obj2gltf"):
        assert name in text and f"`{name}`" not in text.replace("（`obj2gltf` ", ""), name
    for typed in ("`usd-core`", "`ifcopenshell.validate`", "`check_urdf`", "`acapy-agent`"):
        assert typed in text, typed
    table = next(b for b in four if b.kind == "table")
    assert all(not row[0].startswith("`") for row in table.rows), table.rows


def test_no_space_follows_a_figure_in_chinese_parentheses(note):
    """「本工具 603 个（99.8%） 一致」: the count converted from the English table kept the space that followed it."""
    assert not re.search(r"）[ \u3000]+[\u4e00-\u9fff]", text_of(between(note, "note-4", "note-5")))


_UNIT_NAME_AFTER_VALUE = re.compile(r"(?<=[\d)）]) ?(?:毫秒|微秒|秒|分钟|小时|毫米|厘米|米|分贝|赫兹|度)(?!片)")


def test_a_value_takes_its_units_symbol_in_the_chinese_text(zh_markdown, note):
    """The draft wrote a value's unit by its name (毫秒 258 times, 秒 187, 毫米 129, 度 126) and by its symbol (ms 47,
    dB 60) in one text, 「九条 150 毫秒的振动……80、170 与 250 Hz」 in one sentence (TD-HAPT-004). GB 3100-1993 and the
    rules for the legal units give a value its unit's symbol, in running text too, and keep the Chinese names for text
    with no value: the Chinese rendering now writes 「150 ms 的振动」, 「1.0°」, 「86 400 s」; calendar periods (日, 月,
    年) and counts stay words; 瓦片集 is a tileset, not watts."""
    outside_code = re.sub(r"`[^`]*`", "", zh_markdown)
    left = [outside_code[max(0, m.start() - 15):m.end() + 5] for m in _UNIT_NAME_AFTER_VALUE.finditer(outside_code)]
    assert left == [], left[:10]
    assert "九条 150 ms 的振动" in zh_markdown and "80 Hz、170 Hz 与 250 Hz" in zh_markdown
    assert "SC-TILE-006 瓦片集" in zh_markdown.replace("\u2011", "-")
    assert re.search(r"不超过 1\.0°", zh_markdown)
    # a rate in words around a value (「以每秒 20 毫米沿一条直线滑动」, TD-TACT-004) is the value with its compound unit
    assert "以 20 mm/s 沿一条直线滑动" in zh_markdown
    assert not re.search(r"每秒 ?\d[\d.]* ?(?:mm|m|°|s|ms)(?![A-Za-z])", outside_code)  # 「每秒 60 帧」 counts
    limits = text_of(between(note, "note-3-2", "note-3-3"))
    assert not _UNIT_NAME_AFTER_VALUE.search(re.sub(r"`[^`]*`", "", limits)), limits[:300]


def test_table_b3_cites_the_online_publishing_provisions_with_their_order_number(zh):
    """Table B.3's out-of-scope reason for digital environments and games cited 「《网络出版服务管理规定》（2016 年）
    第二十七条」 where the 参考文献 and 编制说明 八 give its issuers, 文号 and date (eighth reading, left)."""
    b3 = text_of([b for b in zh if b.anchor == "traceability"])
    assert "《网络出版服务管理规定》（国家新闻出版广电总局、工业和信息化部令第5号，2016 年 2 月 4 日公布）第二十七条" in b3
    assert "（2016 年）第二十七条" not in b3


def test_each_inconclusive_criterion_asks_for_the_reason_in_the_same_words(zh):
    """Three hand-written 不确定 criteria (TD-TACT-005, TD-GAZE-006, TD-BCI-008) ended 「原因被记录」 beside 266 「记录原因」,
    and TD-BODY-005's asked for no record of the reason at all. Since the fourteenth reading's leftovers no line says
    it (clause 16 i) asks the report for every reason once): TD-BODY-005's states its condition alone."""
    criteria = {b.anchor[len("test-"):]: row[1] for b in zh if b.kind == "table" and b.anchor.startswith("test-")
                for row in b.rows if row[0] == "判定准则"}
    assert not [rid for rid, c in criteria.items() if "原因被记录" in c]
    inconclusive = next(line for line in criteria["TD-BODY-005"].split("\n") if line.startswith("不确定"))
    assert inconclusive.endswith("。") and "记录原因" not in inconclusive, inconclusive


def test_annex_d_defines_the_runtime_test_interfaces_own_methods(zh, en):
    """Annex D gave the runtime test interface as one operation (GET /xr/runtime) and its answer as the JSON-RPC
    envelope (`result`: an object), while TD-OLF-005, TD-TACT-005, TD-BCI-008 and TD-FACE-007 read methods no other
    document defines (test.applyScent, test.readTactile, test.readBiosignal, test.getRecognizedExpression): a laboratory
    or a vendor's bridge could not tell their parameters or results from the normative text. Each is now a row of
    D.3 with its parameters and result, the result's schema summarised in D.4 (its $defs in the message schema). The
    leftovers of the thirteenth reading put a first subclause 通则 before the contracts: D.3 is D.4, D.4 is D.5."""
    methods = ("test.getHapticOutput", "test.applyScent", "test.getScentOutput", "test.readTactile",
               "test.readBiosignal", "test.getRecognizedExpression")
    for blocks, head in ((zh, "方法"), (en, "Method")):
        d3 = next(i for i, b in enumerate(blocks) if b.anchor == "contract-3")
        # the table after D.3's operations (the thirteenth reading put a sentence naming that table before it)
        # (and, since the forty-fourth reading's a4, after the table of the OpenXR functions it carries)
        table = [b for b in blocks[d3 + 1:] if b.kind == "table"][2]
        assert table.rows[0][0] == head and [row[0] for row in table.rows[1:]] == [f"`{m}`" for m in methods]
        assert all(re.search(r"D\.5\.\d+", row[2]) for row in table.rows[1:]), table.rows
    rows = {row[0]: row for b in zh if b.kind == "table" for row in b.rows if row and row[0].startswith("`test.")}
    assert "`intensity`：强度，0 至 1" in rows["`test.applyScent`"][1]
    headings = [b.text for b in zh if b.kind == "heading" and "$defs/tactileFrame" in b.text]
    assert headings and headings[0].startswith("D.5."), headings


def test_the_haptic_schedule_states_one_gap_in_conditions_and_steps(zh):
    """TD-HAPT-004's 前置条件 send each vibration 「在上一条结束后至少 200 毫秒」 and its step 3 checked 「与上一条的间隔
    不短于 350 毫秒」: two intervals for one schedule unless a reader works out that the step measures from send to
    send (the check does: 150 ms of vibration and the 200 ms gap). The step now says so."""
    rows = {row[0]: row[1] for b in zh if b.anchor == "test-TD-HAPT-004" for row in b.rows}
    assert "至少 200 ms 发送" in rows["前置条件"]
    assert "与上一条的发送时刻相隔不短于 350 ms，即 150 ms 时长加前置条件的 200 ms 间隔" in rows["测试步骤"], rows["测试步骤"]
