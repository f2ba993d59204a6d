"""The twenty-second reading of issue 76, part g (docs/drafting.md, "Leftovers of the twenty-second reading, part g"):
rows 15, 24, 29, 30, 31, 42, 44, 46 and 47. A rule stated once and checked as stated; a verdict for one situation; a
step for each input a case takes; a 前置条件 naming only what the case reads; the two languages citing the same annex
clauses. Each test fails on the draft as it was before the fix it names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from tests.drafting.test_spec_sixteenth_reading import _cases, _row

ROOT = Path(__file__).resolve().parents[2]
_LABELS = {"zh": {"purpose": "测试目的", "conditions": "前置条件", "steps": "测试步骤", "expected": "预期结果",
                  "criteria": "判定准则"},
           "en": {"purpose": "Test purpose", "conditions": "Initial conditions", "steps": "Test procedure",
                  "expected": "Expected result", "criteria": "Verdict criteria"}}


def _part(markdown: str, rid: str, lang: str, part: str) -> str:
    return _row(_cases(markdown)[rid], _LABELS[lang][part])


def _line(text: str, start: str) -> str:
    """The piece of a table cell (its lines are joined by <br>) that starts with ``start``."""
    return next((piece for piece in text.split("<br>") if piece.startswith(start)), "")


# ---- row 31: SC-RENDER-004 fails a refused display size; only an unreachable interface is inconclusive

def test_a_refused_display_size_fails_and_only_an_unreachable_interface_is_inconclusive(zh_markdown, en_markdown):
    zh = _part(zh_markdown, "SC-RENDER-004", "zh", "criteria")
    # a decoder the test equipment lacks is no verdict: the case is not run (forty-first reading, c5)
    assert _line(zh, "不确定：").startswith("不确定：渲染接口无法访问（连接失败，或在 5.1 规定的请求时限内未得到应答），致使测量无法完成")
    assert "拒绝 1920 × 1080 的请求" in _line(zh, "不通过：")
    en = _part(en_markdown, "SC-RENDER-004", "en", "criteria")
    assert _line(en, "Inconclusive:").startswith("Inconclusive: the rendering binding cannot be reached (a connection "
                                                 "failure, or no answer within the request time limit of clause 5.1), "
                                                 "so nothing can be measured")
    assert "refuses the 1920 × 1080 request" in _line(en, "Fail:")
    # the steps say what a refusal is, the session's (R3) and the display size's (R1)
    assert "规则 R3 不满足" in _part(zh_markdown, "SC-RENDER-004", "zh", "steps")
    assert "规则 R1 不满足" in _part(zh_markdown, "SC-RENDER-004", "zh", "steps")
    assert "rule R1 not met" in _part(en_markdown, "SC-RENDER-004", "en", "steps")


def test_the_check_turns_no_refusal_of_the_display_size_into_inconclusive():
    """The check behind row 31: no ``raise Inconclusive`` in SC-RENDER-004's test function (the known-bad case
    ``render-refuses-display-size`` fails its R1 in a run, tests/e2e/test_known_bad.py)."""
    tree = ast.parse((ROOT / "suites/scenes/test_cloud_rendering.py").read_text(encoding="utf-8"))
    function = next(f for f in tree.body if isinstance(f, ast.FunctionDef)
                    and f.name == "test_rendered_stream_keeps_a_display_rate_at_full_resolution_and_over_a_session")
    raised = [ast.unparse(n) for n in ast.walk(function) if isinstance(n, ast.Raise)]
    assert raised == []
    known_bad = yaml.safe_load((ROOT / "suites/scenes/known_bad.yaml").read_text(encoding="utf-8"))["SC-RENDER-004"]
    assert any(case.get("defects") == ["render-refuses-display-size"] and case.get("rule") == "R1"
               for case in known_bad)


# ---- row 15: SC-TILE-004's one rule, in its statement, step 3, expected result and 通过

def test_the_tileset_reference_rule_is_stated_once_in_the_same_words(zh_markdown, en_markdown):
    words = {"zh": "以瓦片集 JSON 自身所在文件夹为基准解析后指向所提供瓦片集中存在的文件",
             "en": "resolves, against the tileset JSON's own folder, to an existing file of the tileset provided"}
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        purpose, steps = _part(markdown, "SC-TILE-004", lang, "purpose"), _part(markdown, "SC-TILE-004", lang, "steps")
        expected, criteria = (_part(markdown, "SC-TILE-004", lang, "expected"),
                              _part(markdown, "SC-TILE-004", lang, "criteria"))
        passes = _line(criteria, "通过：" if lang == "zh" else "Pass:")
        for name, text in (("purpose", purpose), ("step 3", _line(steps, "3. ")), ("expected", expected),
                           ("pass", passes)):
            assert words[lang] in text, (lang, name)
        # no third condition in step 3 the statement does not state, and not the harness's word 「目标」
        assert "离开该文件夹" not in steps and "leave the folder" not in steps, lang
    assert "目标" not in "".join(_part(zh_markdown, "SC-TILE-004", "zh", part)
                               for part in ("purpose", "steps", "expected", "criteria"))


# ---- row 42: how a CityJSON text sequence is read, in each case that takes one

CITY = [f"SC-CITY-{n:03d}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 12, 13)]


def test_each_city_case_says_how_a_text_sequence_is_read(zh_markdown, en_markdown):
    for rid in CITY:
        # the step obtaining the files: the first, or the second after the ICS check (twenty-fifth reading, row 18)
        first = "2. " if "ICS" in _line(_part(zh_markdown, rid, "zh", "steps"), "1. ") else "1. "
        zh = _line(_part(zh_markdown, rid, "zh", "steps"), first)
        assert "每个 CityJSON 文本序列（`.jsonl`）按 SC‑CITY‑001 第 4 步合成的模型" in zh, rid
        en = _line(_part(en_markdown, rid, "en", "steps"), first)
        assert "the model each CityJSON Text Sequence (`.jsonl`) makes up by step 4 of SC‑CITY‑001" in en, rid
    # SC-CITY-002's R1 for a sequence: each line's indices against its own vertices, as the reader checks them
    assert "该行自身 `vertices` 的条目数" in _line(_part(zh_markdown, "SC-CITY-002", "zh", "steps"), "3. ")
    assert "that line's own `vertices`" in _line(_part(en_markdown, "SC-CITY-002", "en", "steps"), "3. ")


# ---- row 29: a 前置条件 names only the targets its case reads (the robots area, every case)

def _read_roles(path: Path) -> dict[str, set[str]]:
    """The target roles each requirement's test function reads, following the module's own helpers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}

    def roles(node: ast.AST, seen: set[str]) -> set[str]:
        found: set[str] = set()
        for n in ast.walk(node):
            if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "targets" \
                    and isinstance(n.slice, ast.Constant):
                found.add(n.slice.value)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions \
                    and n.func.id not in seen:
                seen.add(n.func.id)
                found |= roles(functions[n.func.id], seen)
        return found

    out: dict[str, set[str]] = {}
    for function in functions.values():
        for mark in function.decorator_list:
            if isinstance(mark, ast.Call) and getattr(mark.func, "attr", "") == "requirement":
                out[mark.args[0].value] = roles(function, {function.name})
    return out


def test_a_robot_case_names_only_the_targets_it_reads(catalog, zh_markdown):
    read = _read_roles(ROOT / "suites/robots/test_robots.py")
    profile = catalog.profiles["robot-joint-data"]
    for rid, roles in sorted(read.items()):
        conditions = _part(zh_markdown, rid, "zh", "conditions")
        for role, target in profile.targets.items():
            named = target.description.zh.split("（")[0].split("：")[-1][:8]  # the start of what the IXIT line names
            assert (named in conditions) == (role in roles), (rid, role, named)


#: cases the scan over every area found naming a target their check does not read, and what they read
_READ_ONLY = {"TD-CAP-001": "采集文件", "TD-CAP-002": "采集文件", "TD-DESC-002": "采集文件",
              "TD-ACC-001": "设备描述 JSON 文件", "TD-ACC-002": "设备描述 JSON 文件", "TD-DESC-001": "设备描述 JSON 文件",
              "TD-HOLO-002": "显示器的设备描述 JSON 文件；多视点内容的拼图图像", "SC-BIM-001": "被测对象导出的 IFC 文件"}


def test_a_case_names_no_input_its_check_does_not_read(zh_markdown, en_markdown):
    """Row 29's scan beyond the robots: TD-CAP-002 (a timestamp-order check, the reading's example) named the
    laboratory's scent analyses and signed records, as TD-CAP-001 and TD-DESC-002 did (none has ``measures``, so the run
    reads no laboratory record for them); TD-ACC-001, -002 and TD-DESC-001 named the captures, TD-HOLO-002 the
    luminance sweeps, SC-BIM-001 the IDS information requirements."""
    for rid, inputs in _READ_ONLY.items():
        assert _line(_part(zh_markdown, rid, "zh", "conditions"), "已按 IXIT") == f"已按 IXIT（附录 A）提供：{inputs}。", rid
        en = _line(_part(en_markdown, rid, "en", "conditions"), "The IXIT")
        assert en.count(";") == inputs.count("；"), rid


# ---- row 30: RB-JOINT-002's tolerance with its units

def test_the_position_tolerance_is_given_with_its_units(zh_markdown, en_markdown):
    zh = _line(_part(zh_markdown, "RB-JOINT-002", "zh", "steps"), "2. ")
    assert "`position_tolerance`：0.01 rad（`revolute`）或 0.01 m（`prismatic`）" in zh
    en = _line(_part(en_markdown, "RB-JOINT-002", "en", "steps"), "2. ")
    assert "`position_tolerance`, 0.01 rad (`revolute`) or 0.01 m (`prismatic`)" in en


# ---- row 44: RB-URDF-001's step 2 checks the prefix; its expected result covers R5 and R6

def test_the_urdf_case_checks_and_expects_every_rule_it_passes_on(zh_markdown, en_markdown):
    assert "不带命名空间前缀" in _line(_part(zh_markdown, "RB-URDF-001", "zh", "steps"), "2. ")
    assert "without a namespace prefix" in _line(_part(en_markdown, "RB-URDF-001", "en", "steps"), "2. ")
    zh = _part(zh_markdown, "RB-URDF-001", "zh", "expected")
    assert all(words in zh for words in ("不带命名空间前缀", "未展开的 `xacro` 表达式", "材质均具名称"))
    en = _part(en_markdown, "RB-URDF-001", "en", "expected")
    assert all(words in en for words in ("without a namespace prefix", "unexpanded `xacro` expression",
                                         "material has a name"))


# ---- row 46: the annex E line stands in a case in both languages or in neither, citing the same clauses

_FORMATS = {"zh": re.compile(r"所读数据的格式见附录 (\S)（([^）]*)）"),
            "en": re.compile(r"The formats of the data read are in annex (\S) \((.*?)\)\.")}


def _cited(markdown: str, lang: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for rid, case in _cases(markdown).items():
        m = _FORMATS[lang].search(_row(case, _LABELS[lang]["conditions"]))
        out[rid] = tuple(re.findall(r"[A-Z]\.\d+", m.group(2))) if m else ()
    return out


def test_the_formats_line_is_the_same_in_both_languages(zh_markdown, en_markdown):
    zh, en = _cited(zh_markdown, "zh"), _cited(en_markdown, "en")
    assert {rid: (zh[rid], en.get(rid)) for rid in zh if zh[rid] != en.get(rid)} == {}
    # DP-QUAL-001 reads the COCO annotation file (part h94-fmt3) and the image listing (part h94-fmt2, a8), each found
    # by its schema
    coco = re.search(r"^### (E\.\d+) .*\(`data/coco-annotations\.json`\)$", en_markdown, re.M).group(1)
    listing = re.search(r"^### (E\.\d+) .*\(`data/image-listing-row\.json`\)$", en_markdown, re.M).group(1)
    assert set(en["DP-QUAL-001"]) == {coco, listing}
    # part fmt (forty-first reading) gave the robots' files their annex E clauses: the line now stands, the same in both
    assert all(en[rid] and zh[rid] == en[rid] for rid in ("RB-JOINT-001", "RB-JOINT-002", "RB-JOINT-003",
                                                           "RB-TRACK-001", "RB-TRACK-002"))


# ---- row 47: 「同一测试动作」 only after the line has named the test motion

def test_the_same_test_motion_is_named_before_it_is_referred_to(zh_markdown):
    for rid, case in _cases(zh_markdown).items():
        conditions = _row(case, _LABELS["zh"]["conditions"])
        at = conditions.find("同一测试动作")
        if at >= 0:
            assert "的测试动作期间" in conditions[:at], rid


# ---- row 24: a coordinate pair written as one

def test_the_unlabelled_keypoint_is_at_a_pair(zh_markdown, en_markdown):
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        text = _part(markdown, "DP-LABEL-004", lang, "purpose") + _part(markdown, "DP-LABEL-004", lang, "steps")
        assert "0,0" not in text, lang
        assert text.count("(0, 0)") == 2, lang
