"""The sixty-seventh reading of issue 76, part h130-assets.

b3 (read67b, K5): the Khronos glTF-Validator runs with a capped memory (``khronos.NODE_HEAP_MB``, 96 MiB); a file
whose validation ran out of it was left unjudged, and so was every later file of the same call, while neither 5.1's
table 1, the 不确定 lines of AS-GLTF-001 and AS-GLTF-002 nor 三（三） named the cap. Now a later file is validated in a
fresh process (tests/areas/assets/test_validator_memory.py), the cap is the reading bound 「glTF 校验的内存」 of table 1
with its reason in 三（三）, and every case whose check runs the validator names it in its steps and its 不确定 line
(the class: AS-GLTF-001, AS-GLTF-002, SC-TILE-005, SC-TILE-009, found from the suites' code).
b6 (read67b, X): AS-CONT-001 failed a relative content ``uri`` with a fragment (``a.glb#x``) under R3, a rule the draft
did not state. A fragment is removed before the retrieval (RFC 3986, 3.5), so the check now hashes a.glb; a query
names no file of the folder, which R3, step 2 and the fail line now state. Each test fails on the branch's base
(a3e84674c)."""

from __future__ import annotations

import ast
import re

from conformance.areas._shared import khronos
from conformance.areas.assets.content import resolve
from conformance.drafting.readingbounds import BOUNDS
from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

MEMORY = ("glTF 校验的内存", "memory of glTF validation")


def _running_the_validator() -> set[str]:
    """The requirements whose check calls ``khronos.validate``, directly or through a helper of its suite module
    (read from suites/ by AST, so a case added later joins the class)."""
    found: set[str] = set()
    for path in sorted((ROOT / "suites").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}

        def calls(node: ast.AST) -> set[str]:
            return {ast.unparse(c.func) for c in ast.walk(node) if isinstance(c, ast.Call)}

        validating = {name for name, node in functions.items() if "khronos.validate" in calls(node)}
        while grown := {name for name, node in functions.items() if name not in validating
                        and calls(node) & validating}:
            validating |= grown
        for name, node in functions.items():
            for decorator in node.decorator_list:
                if (isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "pytest.mark.requirement"
                        and (name in validating or calls(node) & validating)):
                    found.add(ast.literal_eval(decorator.args[0]))
    return found


# b3 ---------------------------------------------------------------------------------------------------------------


def test_b3_the_memory_cap_is_a_reading_bound_of_table_1_equal_to_the_checks(zh_markdown, en_markdown):
    from conformance.drafting import boundtable

    assert boundtable.CAP_MIB == khronos.NODE_HEAP_MB == 96
    assert f"--max-old-space-size={khronos.NODE_HEAP_MB}" in khronos.NODE_FLAGS  # V8 counts mebibytes
    bound = next(b for b in BOUNDS if b.name == MEMORY)
    assert "96 MiB" in bound.value[0] and "96 MiB" in bound.value[1] and not bound.sample
    general = zh_markdown[zh_markdown.index("### 5.1 通则"):zh_markdown.index("### 5.2")]
    row = next(line for line in general.splitlines() if line.startswith(f"| {MEMORY[0]} |"))
    assert row.replace("\u2011", "-") == (
        "| glTF 校验的内存 | 校验每个 glTF 文件至多 96 MiB | AS-GLTF-001、AS-GLTF-002、SC-TILE-005、SC-TILE-009 | "
        "不予判定，测试用例按其“不确定”判定准则判定 |")
    assert f"| {MEMORY[1]} | 96 MiB for validating each glTF file |" in en_markdown


def test_b3_the_explanatory_note_gives_the_caps_reason_and_what_a_16_mib_file_needs(note_md, note_md_en):
    row = next(line for line in note_md.splitlines() if line.startswith(f"| {MEMORY[0]} |"))
    # the reason says what the cap bounds, that a file past it leaves the others judged, what fits (a count of
    # objects, a 16 MiB GLB, a model at the budgets) and that a file under the 16 MiB bound can still pass it
    for said in ("限定校验器所用的内存", "超出上限的文件不影响其他文件的校验", "68 961 个访问器", "73 945 个节点",
                 "以二进制数据为主的 16 MiB GLB 文件", "`max_draw_calls` 50", "即使不大于 16 MiB 也可能超出本界限",
                 "262 077 个访问器的 16 MiB `.gltf` 文件约需 350 MiB", "相应测试用例判定为不确定"):
        assert said in row, said
    row_en = next(line for line in note_md_en.splitlines() if line.startswith(f"| {MEMORY[1]} |"))
    assert "may pass the bound though no larger than 16 MiB" in row_en and "262 077 accessors" in row_en


def test_b3_every_case_running_the_validator_names_the_bound(zh_markdown, en_markdown, note):
    """Class: each normative case whose check runs the validator cites the bound in its steps and names it (or its
    96 MiB) in its 不确定 line, in both languages, and its row of 三（三） lists 96 MiB."""
    running = _running_the_validator()
    assert running == {"AS-GLTF-001", "AS-GLTF-002", "SC-TILE-005", "SC-TILE-009"}, running
    zh_cases, en_cases, rows = _cases(zh_markdown), _cases(en_markdown), limit_rows(note)
    for rid in sorted(running):
        zh, en = zh_cases[rid], en_cases[rid]
        assert f"读取界限“{MEMORY[0]}”" in _row(zh, "测试步骤") + _row(zh, "判定准则"), rid
        assert f'"{MEMORY[1]}"' in _row(en, "Test procedure") + _row(en, "Verdict criteria"), rid
        inconclusive = _verdict_lines(zh, "zh")["不确定"]
        assert "96 MiB" in inconclusive or f"读取界限“{MEMORY[0]}”" in inconclusive, (rid, inconclusive)
        inconclusive_en = _verdict_lines(en, "en")["Inconclusive"]
        assert "96 MiB" in inconclusive_en or MEMORY[1] in inconclusive_en, (rid, inconclusive_en)
        assert "96 MiB" in rows[rid][0], (rid, rows[rid])


def test_b3_the_unjudged_file_is_the_one_that_exceeds_the_cap_alone():
    """The record of a file left unjudged names the bound and no longer blames 「之前的文件」."""
    from conformance.messages import render

    texts = {lang: render("shared.validator-out-of-memory", {"cap": 96}, lang) for lang in ("en", "zh")}
    assert "or an earlier one" not in texts["en"] and "validated alone" in texts["en"], texts
    assert "之前的文件" not in texts["zh"] and "单独校验" in texts["zh"] and MEMORY[0] in texts["zh"], texts


# b6 ---------------------------------------------------------------------------------------------------------------


def test_b6_a_fragment_is_removed_and_a_query_names_no_file(tmp_path):
    (tmp_path / "a.glb").write_bytes(b"glTF")
    assert resolve(tmp_path, "a.glb#x").path == (tmp_path / "a.glb").resolve()
    assert resolve(tmp_path, "a.glb?v=1").path is None


def test_b6_r3_the_steps_and_the_fail_line_state_the_fragment_and_the_query(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["AS-CONT-001"], _cases(en_markdown)["AS-CONT-001"]
    assert ("R3：相对内容 `uri` 去除其片段后，应以元数据文档所在位置为基准解析为该文档所在目录内的文件，"
            "带查询部分的 `uri` 不解析为这样的文件。") in _row(zh, "测试目的")
    assert "its fragment removed, MUST resolve" in en and "which a `uri` with a query does not" in en
    steps = _row(zh, "测试步骤")
    assert re.search(r"去除其片段（`#` 及其后的部分，RFC 3986 第 3\.5 节）后.*是否不带查询部分", steps), steps
    assert "fragment (`#` and what follows, RFC 3986 section 3.5) removed" in _row(en, "Test procedure")
    assert _verdict_lines(zh, "zh")["不通过"].startswith("不通过：任一相对引用带有查询部分，或")
    assert _verdict_lines(en, "en")["Fail"].startswith("Fail: a relative reference carries a query, or")
