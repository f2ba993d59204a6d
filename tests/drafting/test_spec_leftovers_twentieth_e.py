"""The twentieth reading of issue 76, rows 18 to 26 (docs/drafting.md, "Leftovers of the twentieth reading, part e"):
numbers, units and cited facts. A value is a number times a unit, in one form wherever it stands (the 前置条件 and
annex A); a formula is no code value and an interval no programming notation; units are no code values; a cited fact
is stated as its source states it, with its place; a profile names the editions it claims. Each test fails on the
draft as it was before the fix it names; each scan also on a planted defect."""

from __future__ import annotations

import re

import pytest

from conformance.areas.scenes.ifc import OFFICIAL_SCHEMAS
from conformance.drafting.wording import UNITS
from tests.drafting.blocks import text_of
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_CONDITIONS = {"zh": "前置条件", "en": "Initial conditions"}
_PURPOSE = {"zh": "测试目的", "en": "Test purpose"}


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "`…`", text)


# ---- row 18: a number with its unit, 15 m/s³ and 2 m/s² as the purpose writes them

#: a parameter's name ending in a unit's symbol: its value is a quantity, shown with that unit
_UNIT_SUFFIX = re.compile(r"(?<!_per)_(ms|s|m|mm|hz|deg|m_s2|m_s3|n|nm|h|min|db|ns|us)$")  # not a rate, "_per_min"


def test_a_parameter_named_by_its_unit_carries_the_unit(catalog):
    """Row 18: `max_platform_jerk_m_s3` had no unit, so the 前置条件 read 「= 15.0」 beside 「2.0 m/s²」."""
    missing = [f"{p.id}: {name}" for p in catalog.profiles.values() for name, spec in p.parameters.items()
               if _UNIT_SUFFIX.search(name) and isinstance(spec.default, int | float)
               and not isinstance(spec.default, bool) and not spec.unit]
    assert missing == []


def test_the_motion_platform_limits_read_as_the_purpose_writes_them(zh_markdown, en_markdown):
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        conditions = _row(_cases(markdown)["TD-MPLAT-002"], _CONDITIONS[lang])
        assert "`max_platform_acceleration_m_s2` = 2 m/s²" in conditions, lang
        assert "`max_platform_jerk_m_s3` = 15 m/s³" in conditions, lang


_TRAILING_ZERO = re.compile(r"` = -?\d+\.0(?![\d])")


def _trailing_zeros(markdown: str, lang: str) -> list[str]:
    return [f"{rid}: {m.group(0)}" for rid, case in _cases(markdown).items()
            for m in _TRAILING_ZERO.finditer(_row(case, _CONDITIONS[lang]))]


def test_no_test_parameter_is_shown_with_a_decimal_zero(zh_markdown, en_markdown):
    """Row 18: a whole number is written as one (「2 m/s²」 in the purpose, 「2.0 m/s²」 in the 前置条件 before)."""
    assert _trailing_zeros(zh_markdown, "zh") == []
    assert _trailing_zeros(en_markdown, "en") == []


def test_the_decimal_zero_scan_finds_a_planted_value():
    planted = "### 9.1 TD-XX-001 x\n\n| 前置条件 | 测试参数：`max_platform_acceleration_m_s2` = 2.0 m/s²。 |\n"
    assert len(_trailing_zeros(planted, "zh")) == 1


# ---- row 19: 「300 ms 加 *n*/60 s」, the quotient no code value and its unit the symbol s

def _quotients_as_code(text: str) -> list[str]:
    return re.findall(r".{0,20}\*`/[^`]*`.{0,10}|.{0,20}\*/\d+ ?秒.{0,10}", text)


def test_a_quotient_after_a_quantity_symbol_is_no_code_value(zh_markdown, en_markdown):
    assert _quotients_as_code(zh_markdown) == []
    assert _quotients_as_code(en_markdown) == []
    purpose = _row(_cases(zh_markdown)["SC-RENDER-002"], _PURPOSE["zh"])
    assert "300 ms 加 *n*/60 s 内" in purpose


def test_the_quotient_scan_finds_a_planted_form():
    assert len(_quotients_as_code("在请求后 300 ms 加 *n*`/60` 秒内到达")) == 1
    assert len(_quotients_as_code("在请求后 300 ms 加 *n*/60 秒内到达")) == 1


# ---- row 20: an interval in words, not 「0 .. 1」

_DOTS = re.compile(r"(?<![\w.])\d+(?:\.\d+)? ?\.\. ?\d")


def _dotted_intervals(text: str) -> list[str]:
    body = _outside_code(text)
    return [body[max(0, m.start() - 30):m.end() + 10] for m in _DOTS.finditer(body)]


def test_no_interval_is_written_with_two_dots(zh_markdown, en_markdown, note, note_en):
    """Row 20: TD-PWR-001 wrote 「每个电量在 0 .. 1 之内」 in its purpose, R1, steps, expected result and criteria; annex
    E's English and two notes the English 编制说明 quotes wrote "0..1"."""
    for text in (zh_markdown, en_markdown, text_of(note), text_of(note_en)):
        assert _dotted_intervals(text) == []
    case = _cases(zh_markdown)["TD-PWR-001"]
    assert case.count("0 至 1 之间（含两端）") >= 5
    assert _cases(en_markdown)["TD-PWR-001"].count("between 0 and 1 inclusive") >= 5


def test_the_interval_scan_finds_a_planted_form():
    assert len(_dotted_intervals("每个电量在 0 .. 1 之内；weights, 0..1, indexed")) == 2
    assert _dotted_intervals("`allow`... 成员；`view_0 .. view_<N-1>`") == []


# ---- row 21: ⌈0.99*n*⌉ and rounding in words, not a function's name as a code value

_FUNCTION_NAMES = re.compile(r"`(?:ceil|floor|round)`|(?<![\w`])(?:ceil|floor|round)\(")


def _function_names(text: str) -> list[str]:
    return [text[max(0, m.start() - 20):m.end() + 20] for m in _FUNCTION_NAMES.finditer(text)]


def test_no_formula_names_a_function_as_code(zh_markdown, en_markdown, note, note_en):
    for text in (zh_markdown, en_markdown, text_of(note), text_of(note_en)):
        assert _function_names(text) == []
    for markdown in (zh_markdown, en_markdown):
        assert "⌈0.99*n*⌉" in _cases(markdown)["TD-RATE-003"]
    assert "四舍五入取整后减一" in _cases(zh_markdown)["TD-DISP-009"]
    assert "rounded to the nearest integer, minus one" in _cases(en_markdown)["TD-DISP-009"]


def test_the_function_scan_finds_a_planted_form():
    assert len(_function_names("第 `ceil`(0.99 *n*) 个；rank ceil(0.99 *n*)；`round`(间隔 / 周期)")) == 3


# ---- row 22: units are no code values; ppm is not used; the standard acceleration of free fall is *g*ₙ

def _units_as_code(text: str) -> list[str]:
    units = UNITS | {"ppm", "N/m", "mV/g", "m/s²", "m/s³"}  # the scan, not the writer's list, decides
    found = [m.group(0) for m in re.finditer(r"以 `([^`]+)` 计", text) if m.group(1) in units]
    found += re.findall(r"\d `(?:ppm|N/m|mV/g)`", text)
    found += re.findall(r"\d ppm\b", text)
    return found


def test_no_unit_is_set_as_a_code_value(zh_markdown, en_markdown):
    """Row 22: 「以 `N/m` 计」 (3), 「以 `mV/g` 计」 (2), 「0.05 `ppm`」 (2) and 「以 `ppm` 计」 in the Chinese; "0.05 ppm"
    in the English. ``ppm`` stays the code value of the member ``unit``."""
    assert _units_as_code(zh_markdown) == []
    assert _units_as_code(en_markdown) == []
    assert "以 N/m 计" in zh_markdown and "以 mV/g 计" in zh_markdown
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        case = _cases(markdown)["TD-OLF-003"]
        assert case.count("0.05 μmol/mol") == 2, lang
        assert "`ppm`" in case, lang  # the code value of `unit`


def test_the_unit_scan_finds_a_planted_form():
    assert len(_units_as_code("以 `N/m` 计；以 `mV/g` 计；0.05 `ppm`；以 `ppm` 计；within 0.05 ppm")) == 5


def test_the_standard_acceleration_of_free_fall_is_written_as_its_symbol(zh_markdown, en_markdown):
    for markdown in (zh_markdown, en_markdown):
        assert "*g*ₙ = 9.806 65 m/s²" in markdown
        assert re.search(r"(?<![*\w])g = 9\.806", markdown) is None


# ---- row 23: annex A writes a plain number as the cases do, its digits grouped

def _annex_a_values(markdown: str, lang: str) -> dict[str, set[str]]:
    label = "参数" if lang == "zh" else "Parameter"
    values: dict[str, set[str]] = {}
    for m in re.finditer(rf"^\| {label} `([\w]+)` \| .* \| ([^|]+) \|$", markdown, re.M):
        values.setdefault(m.group(1), set()).add(m.group(2).strip())
    return values


def _case_values(markdown: str, lang: str) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for case in _cases(markdown).values():
        line = next((x for x in _row(case, _CONDITIONS[lang]).split("<br>") if "` = " in x), "")
        for m in re.finditer(r"`(\w+)` = ([^、,；;（(。]+?)(?=[、；;（(。]|, `|\s*$)", line):
            values.setdefault(m.group(1), set()).add(re.sub(r"\.$", "", m.group(2).strip()))  # the sentence's stop
    return values


def _clashes(markdown: str, lang: str, words: frozenset[str] = frozenset()) -> list[str]:
    """Annex A's number rows written as code, and a case's value of a parameter that annex A writes otherwise;
    ``words``: the parameters whose value is a word that looks like a number (a version, 「`0.0`」)."""
    annex = _annex_a_values(markdown, lang)
    out = [f"{name}: {v}" for name, shown in annex.items() for v in shown
           if re.match(r"`-?\d", v) and name not in words]
    for name, shown in _case_values(markdown, lang).items():
        heads = {re.split(r"[（(]", v)[0].strip() for v in annex.get(name, set())}
        out += [f"{name}: case {v} / annex A {sorted(heads)}" for v in shown
                if heads and not v.startswith("`") and v not in heads]
    return out


def test_annex_a_writes_each_number_in_the_form_the_cases_write_it(zh_markdown, en_markdown, catalog):
    """Row 23: annex A wrote 「`100000`（只可调低，最严 `1`）」 where AS-GLTF-003's 前置条件 read
    「`max_triangles` = 100 000」; 108 rows wrote a plain number as a code value."""
    words = frozenset(name for p in catalog.profiles.values() for name, spec in p.parameters.items()
                      if isinstance(spec.default, str))
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        assert _clashes(markdown, lang, words) == [], lang
    assert "| 100 000（只可调低，最严 1） |" in zh_markdown
    assert "`max_triangles` = 100 000" in _row(_cases(zh_markdown)["AS-GLTF-003"], _CONDITIONS["zh"])
    assert "`max_triangles` = 100 000, " in _row(_cases(en_markdown)["AS-GLTF-003"], _CONDITIONS["en"])


def test_the_annex_a_scan_finds_a_planted_clash():
    planted = ("### 9.1 AS-XX-001 x\n\n| 前置条件 | 测试参数：`max_triangles` = 100 000、`max_draw_calls` = 50。 |\n\n"
               "| 参数 `max_triangles` | 三角形数 | `100000`（只可调低，最严 `1`） |\n"
               "| 参数 `max_draw_calls` | 绘制调用数 | 50（只可调低，最严 1） |\n")
    assert len(_clashes(planted, "zh")) == 2


# ---- row 24: the 编制说明 quotes the value this document sets as 规定值, with its unit

_SIX = {"TD-DISP-002": "规定值 20 ms", "TD-FORCE-004": "规定值 140 N", "TD-FORCE-005": "规定值 200 ms",
        "TD-MPLAT-002": "规定值 2 m/s²", "TD-PWR-003": "规定值 2 h"}


def test_the_limits_table_calls_the_set_value_by_annex_a_s_name(note, note_en):
    """Row 24: six rows of 三（三） quoted 「默认 200」 and the like, a value without its unit under a name annex A
    does not use (its column is 规定值)."""
    zh, en = text_of(note), text_of(note_en)
    assert re.findall(r"默认 \d", zh) == []
    rows = {row[0]: " ".join(row) for b in note for row in b.rows if row and row[0] in _SIX}
    for rid, value in _SIX.items():
        assert value in rows.get(rid, ""), rid
    assert "`max_platform_jerk_m_s3`（规定值 15 m/s³" in zh
    # the names marked as the Chinese marks them (twenty-fourth reading, row 40)
    for quoted in ("`max_motion_to_photon_ms` (set at 20 ms", "`max_safety_force_n`, set at 140 N",
                   "`max_stop_ms`, set at 200 ms", "`max_platform_acceleration_m_s2` (set at 2 m/s²",
                   "`max_platform_jerk_m_s3` (set at 15 m/s³", "`min_battery_life_h`, set at 2 h"):
        assert quoted in en, quoted


# ---- row 25: OpenXR's XrPosef stated as it states it, with its place

def test_the_pose_tolerance_is_stated_as_xrposef_states_it(zh_markdown, en_markdown, catalog):
    zh = _row(_cases(zh_markdown)["TD-POSE-001"], _PURPOSE["zh"])
    en = _row(_cases(en_markdown)["TD-POSE-001"], _PURPOSE["en"])
    assert "视位姿为无效" not in zh and "treats a pose as invalid" not in en
    assert "的 `XrPosef` 规定：位姿的朝向之模与单位长度相差超过 1% 时，运行时返回 `XR_ERROR_POSE_INVALID`" in zh
    assert "`XrPosef`, has a runtime return `XR_ERROR_POSE_INVALID`" in en
    sections = [s.section for s in catalog.requirements["TD-POSE-001"].source.standards]
    assert any(s and s.startswith("XrPosef, Description") for s in sections)


# ---- row 26: the IFC profile names the editions it claims by the schemas R2 accepts

def test_the_ifc_profile_names_the_schemas_sc_bim_001_accepts(catalog, zh_markdown, en_markdown):
    title = catalog.profiles["scene-ifc"].title
    for lang in ("zh", "en"):
        text = title.get(lang)
        assert "16739" not in text, lang  # no one dated edition for three schemas of three editions
        assert all(schema in text for schema in OFFICIAL_SCHEMAS), (lang, text)
    assert "ISO 16739-1:2024）交付" not in zh_markdown
    notes = catalog.requirements["SC-BIM-001"].notes
    for lang in ("zh", "en"):
        assert all(edition in notes.get(lang) for edition in
                   ("buildingSMART IFC2x3 TC1", "ISO 16739:2013", "ISO 16739-1:2018", "ISO 16739-1:2024")), lang
        # sixtieth reading, part h120-note: IFC2X3 by the release clause 2 cites, not the ISO/PAS it no longer lists
        assert not re.search(r"ISO/PAS 16739:2005(?:（第 2 章所引者）| \(as clause 2 cites it\))", notes.get(lang)), lang


@pytest.mark.parametrize("schema", OFFICIAL_SCHEMAS)
def test_each_accepted_schema_is_named_in_the_statement(catalog, schema):
    req = catalog.requirements["SC-BIM-001"]
    assert schema in req.statement.zh and schema in req.statement.en
