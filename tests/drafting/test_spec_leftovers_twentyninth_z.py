"""The leftovers of the twenty-ninth reading of issue 76, part z (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part z"): annex E. The header paragraph calls the file's first line the header, not 「本文件头」, and the
English dates OpenXR as the Chinese does (row 18); tables are cited by number, never 「见…的表」 (row 19); a stream
member the stream's `type` makes required says when (row 20); table E.3's `set`, `field` and gas rows say the same in
both languages, without "ppm" as a unit (row 21); no ASCII comma between Chinese words in tables E.1 and E.2 (row 22).
Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _annex_e(markdown: str) -> str:
    """The data formats annex (from its heading to the next annex or the bibliography)."""
    start = re.search(r"^## (附录 E（规范性）|Annex E \(normative\))", markdown, re.M)
    assert start, "no annex E"
    end = re.search(r"^## ", markdown[start.end():], re.M)
    return markdown[start.start():start.end() + (end.start() if end else len(markdown))]


def _row(annex: str, member: str) -> list[str]:
    """The cells of every row of ``member`` in the annex's tables."""
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in annex.splitlines()
            if line.startswith(f"| `{member}` |")]
    return [cells for cells in rows if len(cells) == 5]  # the member tables (not 表 E.7's three columns)


def _streams(annex: str) -> str:
    """Tables E.1 and E.2 (the header and the stream declaration), up to table E.3's caption."""
    return annex[:re.search(r"^(表 E\.3　|Table E\.3 — )", annex, re.M).start()]


def test_the_header_paragraph_names_the_header_and_dates_openxr(zh_markdown, en_markdown):
    """Row 18: 「本文件」 is the document itself; the English dropped the edition date."""
    zh, en = _annex_e(zh_markdown), _annex_e(en_markdown)
    assert "本文件头" not in zh and "第一行为文件头" in zh
    assert "OpenXR Specification 1.1（2024-04-15）" in zh
    assert "Units and axes follow the OpenXR Specification 1.1 (2024-04-15)" in en
    assert "this header on its first line" not in en


def test_no_table_is_cited_by_its_description(zh_markdown, en_markdown):
    """Row 19: 「（见数据流声明的表）」 / "(see the stream declaration's table)" for 表 E.2; every 「见…的表」 in the
    draft."""
    assert not re.findall(r"见[^。；，）]{1,30}的表(?!\s*[A-Z]\.?\d)", zh_markdown)
    assert not re.findall(r"see the [^.;)]{1,40}'s table", en_markdown)
    zh, en = _annex_e(zh_markdown), _annex_e(en_markdown)
    assert _row(zh, "streams[]")[0][4] == "一个数据流的声明（见表 E.2）。"
    assert _row(en, "streams[]")[0][4] == "The declaration of one stream (see Table E.2)."
    assert "表 E.2　采集文件的数据流声明" in zh


def test_a_stream_member_required_by_the_type_says_when(zh_markdown, en_markdown):
    """Row 20: every member the stream schema's ``allOf`` ``if``/``then`` requires, in tables E.1 and E.2, names the
    `type` values that require it (the validator rejects a `pose` stream without `space`)."""
    schema = json.loads((ROOT / "schemas/terminal/capture-header.json").read_text(encoding="utf-8"))
    needs: dict[str, list[str]] = {}
    for part in schema["$defs"]["stream"]["allOf"]:
        rule = part["if"]["properties"]["type"]
        for name in part["then"]["required"]:
            needs.setdefault(name, []).extend([rule["const"]] if "const" in rule else rule["enum"])
    assert len(needs) >= 24
    zh, en = _streams(_annex_e(zh_markdown)), _streams(_annex_e(en_markdown))
    for name, types in needs.items():
        for member in (name,):  # 表 E.1's `streams[]` refers to 表 E.2 (thirty-first reading, b11)
            (zh_cells,), (en_cells,) = _row(zh, member), _row(en, member)
            # the member a condition reads is named by its path in the table (thirtieth reading, b7)
            on = "`type`" if member == name else "`streams[].type`"
            assert zh_cells[2].startswith(f"{on} 为 ") and zh_cells[2].endswith("时是，否则否"), (member, zh_cells[2])
            assert en_cells[2].startswith(f"yes when {on} is ") and en_cells[2].endswith("; otherwise no")
            assert all(f"`{t}`" in zh_cells[2] and f"`{t}`" in en_cells[2] for t in types), member
    (space,) = _row(zh, "space")
    assert space[2] == "`type` 为 `pose`、`hand`、`eye_gaze`、`body` 之一时是，否则否"
    (language,) = _row(en, "language")
    assert language[2] == "yes when `type` is `caption`; otherwise no"
    assert _row(zh, "id")[0][2] == "是"  # always required: unchanged


def test_the_frame_rows_say_the_same_in_both_languages(zh_markdown, en_markdown):
    """Row 21: `set` names the OpenXR extensions in Chinese too; `field` gives the channel order, the array length
    and the channel count in both; the gas rows give the volume fraction 10⁻⁶, not "ppm" as a unit."""
    zh, en = _annex_e(zh_markdown), _annex_e(en_markdown)
    (zh_set,), (en_set,) = _row(zh, "set"), _row(en, "set")
    for words in ("XR_FB_face_tracking2", "XR_HTC_facial_tracking"):
        assert words in zh_set[4] and words in en_set[4]
    (zh_field,), (en_field,) = _row(zh, "field"), _row(en, "field")
    assert "按所声明的声道顺序" in zh_field[4] and "`samples`" in zh_field[4] and "（阶数 + 1）的平方" in zh_field[4]
    assert "declared channel order" in en_field[4] and "`samples`" in en_field[4] and "(order + 1)²" in en_field[4]
    for member in ("concentration_ppm", "concentration_ppm[]", "gas_sensor", "streams[].gas_sensor"):
        for cells in _row(en, member):
            assert re.sub(r"`[^`]*`", "", cells[4]).count("ppm") == 0 and "10⁻⁶" in cells[4], (member, cells[4])


def test_no_ascii_comma_between_chinese_words_in_the_formats(zh_markdown):
    """Row 22: 「[宽, 高]」, 「[下限, 上限]」, 「（水平, 垂直）」."""
    zh = _annex_e(zh_markdown)
    text = re.sub(r"`[^`]*`", "", zh)
    assert not re.findall(r"[\u4e00-\u9fff], ?[\u4e00-\u9fff]", text)
    assert "[宽，高]" in zh and "[下限，上限]" in zh and "（水平，垂直）" in zh


def test_the_history_cases_name_the_tables_of_their_formats(zh_markdown, en_markdown):
    """Row 17: AS-HIST-001 and AS-TRADE-001 validated with a 「生命周期事件模式」 and a 「交易模式」 no annex names; they
    name the table of annex D that gives each (`assets/asset-history.json`'s `events[]` and `events[].trade`)."""
    from tests.drafting.test_spec_sixteenth_reading import _cases
    from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps

    zh, en = _cases(zh_markdown), _cases(en_markdown)
    assert any("以生命周期事件模式（附录 D 所列 `assets/asset-history.json` 的 `events[]` 元素）校验每一行" in s
               for s in _steps(zh["AS-HIST-001"], "zh"))
    assert any("the lifecycle event schema (the element of `events[]` of `assets/asset-history.json`, annex D)" in s
               for s in _steps(en["AS-HIST-001"], "en"))
    assert any("以交易模式（附录 D 所列 `assets/asset-history.json` 的 `events[].trade`）校验" in s
               for s in _steps(zh["AS-TRADE-001"], "zh"))
    assert any("the trade schema (`events[].trade` of `assets/asset-history.json`, annex D)" in s
               for s in _steps(en["AS-TRADE-001"], "en"))
    assert "`assets/asset-history.json` 的成员" in zh_markdown  # the table they name is there
