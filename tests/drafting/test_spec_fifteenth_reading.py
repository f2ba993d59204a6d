"""The fifteenth reading of issue 76 (docs/drafting.md, "Fifteenth reading"): the rules a test case cites stated in
it, a not-applicable criterion that is one, a JSON test parameter written as one code value, the DOCX's tables
repeating their header rows, annexes D and E saying what 「必需」 means and typing every member, the members each
stream type's frames carry, and clause 16 against GB/T 27025—2019 7.8. Each test fails on the draft as it was before
the fix it names; the scans also on a planted defect."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


#: a test case's subclause in the Markdown: its heading, up to the next heading
_CASE = re.compile(r"^### \d+\.\d+ (?:〔[^〕]*〕)?([A-Z]+-[A-Z0-9]+-\d+) .*?(?=^#{2,3} |\Z)", re.M | re.S)


_ID = r"[A-Z]+[‑-][A-Z0-9]+[‑-]\d+"
_OTHERS_RULE = re.compile(rf"{_ID} 的规则 R\d+|rule R\d+ of {_ID}")


def unstated_rules(markdown: str, lang: str) -> dict[str, list[str]]:
    """Each test case citing a rule (R1 ...) whose text the case does not give, with the rules."""
    stated = re.compile(r"(?:^|<br>|\|)\s*(?:[a-z]\) )?(R\d+)" + ("：" if lang == "zh" else ": "))
    out = {}
    for case in _CASE.finditer(markdown):
        # a rule of another requirement (「TD‑BCI‑001 的规则 R3」, "rule R3 of TD‑BCI‑001") is that one's, not the case's
        own = _OTHERS_RULE.sub("", case.group(0))
        cited = set(re.findall(r"(?<![\w‑-])R(\d+)\b", own))
        given = {m[1:] for m in stated.findall(case.group(0))}
        missing = sorted(cited - given, key=int)
        if missing:
            out[case.group(1)] = [f"R{n}" for n in missing]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_rule_a_test_case_cites_is_stated_in_it(lang, zh_markdown, en_markdown):
    """181 cases cited R1 ... in their purpose and criteria while their hand-written steps, replacing the generated
    list, stated no rule (DP-DESC-001's five in neither language)."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    assert unstated_rules(markdown, lang) == {}
    case = next(c.group(0) for c in _CASE.finditer(markdown) if c.group(1) == "DP-DESC-001")
    assert ("R1：数据集应有标题" if lang == "zh" else "R1: The dataset MUST have a title") in case
    # the scan finds a case whose rules are cited but not given
    planted = re.sub(r"<br>R\d+[：:][^<|]*", "", case)
    # six since the rule-tag texts' R6 (a description that is JSON-LD)
    assert unstated_rules(planted, lang) == {"DP-DESC-001": ["R1", "R2", "R3", "R4", "R5", "R6"]}


def _criteria(markdown: str, label: str) -> dict[str, str]:
    return {c.group(1): m.group(1) for c in _CASE.finditer(markdown)
            for m in [re.search(rf"(?:<br>|\| ){label}(.*?)(?=<br>|\s*\|\s*$)", c.group(0), re.M)] if m}


def inconclusive_under_not_applicable(markdown: str, lang: str) -> list[str]:
    """The cases whose not-applicable criterion states when the requirement is inconclusive (the whole-file form,
    「……本身即被检对象，未提供时判为不确定」, names both on purpose)."""
    label, word, whole = (("不适用：", "不确定", "未提供时判为不确定") if lang == "zh"
                          else ("Not applicable: ", "inconclusive", "none supplied is inconclusive"))
    return sorted(case for case, text in _criteria(markdown, label).items() if word in text.replace(whole, ""))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_not_applicable_criterion_states_an_inconclusive_rule(lang, zh_markdown, en_markdown):
    """RB-JOINT-003's 不适用 line held its notes' inconclusive rule: the sentence was sorted by its history clause
    (「1.0 版本跳过此类关节，使……判为不适用」), which the laboratory filter then cut."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    assert inconclusive_under_not_applicable(markdown, lang) == []
    criteria = _criteria(markdown, "不适用：" if lang == "zh" else "Not applicable: ")
    assert criteria["RB-JOINT-003"].startswith("ICS 未声明支持特性" if lang == "zh" else "the ICS does not declare")
    planted = markdown.replace(f"<br>{'不适用：' if lang == 'zh' else 'Not applicable: '}"
                               + criteria["RB-JOINT-003"],
                               "<br>不适用：此时判为不确定。" if lang == "zh" else
                               "<br>Not applicable: it is then inconclusive.")
    assert inconclusive_under_not_applicable(planted, lang) == ["RB-JOINT-003"]


def json_parameters_outside_code(markdown: str) -> list[str]:
    """Test parameters in initial conditions whose JSON value (a mapping or list) is not one code value."""
    return re.findall(r"`([a-z_]+)` = (?=[{\[])", markdown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_json_test_parameter_is_one_code_value(lang, zh_markdown, en_markdown):
    """`play_windows`, `required_measures` and `required_members` stood in pieces in the Chinese initial conditions,
    their strings in ASCII quotation marks outside code, and plain in the English; annex A sets them whole."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    assert json_parameters_outside_code(markdown) == []
    assert '`play_windows` = `{"utc_offset": "+08:00", "days": ["fri", "sat", "sun"]' in markdown
    assert json_parameters_outside_code('`required_members` = ["transfer"]') == ["required_members"]


def test_the_word_files_tables_repeat_their_header_rows(cli_docx):
    """No table of the DOCX marked its header row to repeat on the pages it runs onto (annex E's member tables run
    for pages); the test-case tables, which have no header row, are not marked."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    code, out, _ = cli_docx
    assert code == 0
    tables = docx.Document(str(out)).tables

    def unrepeated(tables) -> list[str]:
        out = []
        for table in tables:
            first = table.rows[0]
            heads = all(run.bold for cell in first.cells for p in cell.paragraphs for run in p.runs if run.text.strip())
            marked = first._tr.trPr is not None and first._tr.trPr.find(qn("w:tblHeader")) is not None
            if heads != marked:
                out.append(first.cells[0].text)
        return out

    assert unrepeated(tables) == []
    assert sum(1 for t in tables if t.rows[0]._tr.trPr is not None
               and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None) > 200
    members = next(t for t in tables if t.rows[0].cells[0].text == "成员")
    members.rows[0]._tr.trPr.remove(members.rows[0]._tr.trPr.find(qn("w:tblHeader")))
    assert unrepeated([members]) == ["成员"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_annexes_d_and_e_say_what_required_means(lang, zh_markdown, en_markdown):
    """「必需」 marked 是 for members of optional objects (`export.off_device`) and 「—」 for an array's elements, and
    neither annex's lead-in said what the column means."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    sentence = ("“必需”为“是”的成员在其所属对象出现时应出现" if lang == "zh"
                else "A member marked \"yes\" under \"Required\" shall be present whenever the object holding it is")
    annex_d = markdown[markdown.index("## 附录 D" if lang == "zh" else "## Annex D"):]
    annex_e = annex_d[annex_d.index("## 附录 E" if lang == "zh" else "## Annex E"):]
    assert sentence in annex_d[:len(annex_d) - len(annex_e)]
    assert sentence in annex_e


def untyped_fixed_values(markdown: str) -> list[str]:
    """Member rows of annexes D and E given by a fixed value or a list of values with no type (「—」)."""
    return re.findall(r"^\| (`[^|]+`) \| — \| [^|]* \| (?:取值为|取值之一|the value|one of)", markdown, re.M)


def test_every_member_given_by_its_values_has_a_type(zh_markdown, en_markdown):
    """`format`, `device.class`, `device.offers[].type` and their like were typed 「—」."""
    assert untyped_fixed_values(zh_markdown) == []
    assert untyped_fixed_values(en_markdown) == []
    assert "| `format` | `string` | 是 | 取值为 `mvx-capture` |" in zh_markdown
    assert untyped_fixed_values("| `format` | — | 是 | 取值为 `mvx-capture` |\n") == ["`format`"]


def payloads() -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """(stream types, members carried, members that may be carried) as the terminal reader's frame structures have
    them, the types sharing a structure on one row: what the catalog's ``payloads`` list states."""
    import msgspec

    from conformance.areas.terminal.capture.frames import FRAME_TYPES

    types: dict[type, list[str]] = {}
    for name, struct in FRAME_TYPES.items():
        types.setdefault(struct, []).append(name)
    rows = []
    for struct, names in types.items():
        fields = [f for f in msgspec.structs.fields(struct) if f.encode_name not in ("stream", "t")]
        rows.append((tuple(names), tuple(f.encode_name for f in fields if f.required),
                     tuple(f.encode_name for f in fields if not f.required)))
    # the stream types without a structure of their own, read as bare frames (`stream` and `t` only): the
    # twenty-seventh reading's row 8 (`input` and `other` had no row)
    import json

    from conformance.areas.terminal.capture.frames import BareFrame
    enum = json.loads((Path(__file__).parents[2] / "schemas" / "terminal" / "device-descriptor.json").read_text(
        encoding="utf-8"))["$defs"]["stream_type"]["enum"]
    assert not [f for f in msgspec.structs.fields(BareFrame) if f.encode_name not in ("stream", "t")]
    rows.append((tuple(t for t in enum if t not in FRAME_TYPES), (), ()))
    return rows


def test_the_catalogs_payload_list_is_the_readers(catalog):
    """The annex's table comes from ``payloads`` of the frame format in suites/specification.yaml; it states what
    the reader reads, so that the text and the reader cannot drift."""
    from conformance.drafting.writer import load_data

    listed = [(tuple(p["types"]), tuple(p["carried"]), tuple(p["optional"]))
              for entry in load_data(catalog).formats for p in entry.get("payloads", [])]
    assert listed == payloads()


def test_the_annex_gives_the_members_each_stream_types_frames_carry(zh_markdown, en_markdown):
    """The frame's table marks every payload member optional, and no text said which a frame of each stream type
    carries: a frame of `stream` and `t` alone read as conforming. The table is the reader's own structures."""
    annex = zh_markdown[zh_markdown.index("## 附录 E"):zh_markdown.index("## 参考文献")]
    clause = annex[annex.index("各类数据流的帧所携带的成员\n"):]
    rows = payloads()
    assert len(rows) > 30
    for names, required, optional in rows:
        row = "| " + "、".join(f"`{n}`" for n in names) + " | " + ("、".join(f"`{n}`" for n in required) or "—")
        assert row in clause, row
    pose = next(r for r in rows if "pose" in r[0])
    assert pose[1] == ("pose",) and "flags" in pose[2]
    # the frame's clause names the table by its number, which is that table's (what `t` is: its row in the frame's
    # table, stated once; thirty-third reading)
    said = re.search(r"各类数据流的帧除 `stream` 与 `t` 外所携带的成员见 (E\.\d+) 的表 (E\.\d+)。", annex)
    assert said, "the frame's clause names the payload table"
    assert f"### {said.group(1)} 各类数据流的帧所携带的成员" in annex
    assert f"表 {said.group(2)}　各类数据流的帧所携带的成员" in annex
    assert "Members of each stream type's frames" in en_markdown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_test_report_clause_covers_gbt_27025_7_8_2(lang, zh_markdown, en_markdown):
    """Clause 16 followed 7.8.2.1 a) to o) but not 7.8.2.2 (data supplied by the customer identified, with a
    disclaimer) nor 7.8.2.1 p) (results from external providers), while the declaration, the IXIT and every capture
    file are the supplier's."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    clause = markdown[markdown.index("## 16 "):markdown.index("## 附录 A" if lang == "zh" else "## Annex A")]
    if lang == "zh":
        assert "由被测对象的提供者提供的信息与数据" in clause and "可能影响结果有效性时的声明" in clause
        assert "由外部供方提供的测试结果" in clause
    else:
        assert "identified as such, with a disclaimer" in clause and "result from an external provider" in clause
