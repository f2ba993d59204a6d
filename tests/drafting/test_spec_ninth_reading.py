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
    assert "本章与第七章以名称书写程序与产品，以代码字体书写安装的软件包、命令与函数" in text
    assert "write a program or product by its name" in text_of(between(note_en, "note-4", "note-5"))
    for name in ("glTF-Validator", "IfcOpenShell", "urdfdom", "UsdValidation", "metaverse-conformance", "obj2gltf"):
        assert name in text and f"`{name}`" not in text.replace("（`obj2gltf` ", ""), name
    for typed in ("`usd-core`", "`ifcopenshell.validate`", "`check_urdf`", "`acapy-agent`"):
        assert typed in text, typed
    table = next(b for b in four if b.kind == "table")
    assert all(not row[0].startswith("`") for row in table.rows), table.rows


def test_no_space_follows_a_figure_in_chinese_parentheses(note):
    """「本工具 603 个（99.8%） 一致」: the count converted from the English table kept the space that followed it."""
    assert not re.search(r"）[ \u3000]+[\u4e00-\u9fff]", text_of(between(note, "note-4", "note-5")))
