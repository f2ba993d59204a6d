"""The seventy-eighth reading of issue 76, part h144-term: read78c's c2 and c3 (K5), cx2 (X) and doubtful 2 to 4, and
a doubtful item of the seventy-seventh reading.

c2: TD-RUN-006's fail line did not name an error answer (no `result`) to `xrGetFaceExpressionWeights2FB`, which the
check fails under R1 (``runtime.faces`` yields ``_failed(e)``); TD-RUN-003 the same. The class: every runtime case
whose check fails an error answer in a loop over the dialogue's answers to one method (runtime's ``_failed``, or the
``terminal.runtime-call-failed`` departure of its own) names that method answered with an error in its fail line.

c3: TD-RATE-001's and TD-RATE-002's inconclusive lines named only a rated stream of fewer than two frames;
``timing.timings`` also leaves one unmeasured whose last frame's `t` is not later than its first's. The class: every
case whose check reads ``timings`` names it in its steps and its inconclusive line.

cx2: TD-TACT-002's criterion combined R3's U with the load cell's type B (``type_b_rules``), while the check passed no
``u_b`` for R3. The class: a judge handed ``b_from`` (the declaration a type B comes from) is handed that type B
too. It found TD-FORCE-004's R2 as well, a latency read at half the change the force transducer itself reads, which
the transducer's stated uncertainty (of a force) does not move: R2 left ``type_b_rules``.

Doubtful: TD-DISP-002's step 1 says a short stream's frames are still checked for a pose_t later than `t`; the
TD-DISP-009 notes call 0.1 ms the grid an edge is read on, not U; TD-TACT-001 records unjudged a tactile stream with
frames and no usable layout, which the header schema makes mandatory. The seventy-seventh's doubtful item: TD-FACE-004's
step 2 records a stream with no valid frame as no frame compared, fewer than step 5's 100 (in words, not
the numeral 0, which the 编制说明's limits table would read as a number without a source).

Each test fails on 3e4124910."""

from __future__ import annotations

import ast
import io
import json
import re

import pytest

from conformance._catalog.catalog import Catalog
from conformance.drafting.decisions import criterion
from tests.drafting.test_reading_seventyfourth_h139_hand import _DEFS, _MODULES, _given, checks_walk
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT


def _case(markdown: str, rid: str) -> str:
    return next(c for r, c in _cases(markdown).items() if r.replace("‑", "-") == rid)


def _constants(module: str) -> dict[str, str]:
    return {t.id: n.value.value for n in _MODULES[module].body if isinstance(n, ast.Assign)
            and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
            for t in n.targets if isinstance(t, ast.Name)}


def _failing_methods(key: tuple[str, str]) -> set[str]:
    """The methods whose error answers the function fails: a loop over ``dialogue.answered(METHOD)`` whose body
    calls ``_failed`` or records ``terminal.runtime-call-failed``."""
    found: set[str] = set()
    constants = _constants(key[0])
    for loop in ast.walk(_DEFS[key]):
        if not isinstance(loop, ast.For):
            continue
        asked = [c for c in ast.walk(loop.iter)
                 if isinstance(c, ast.Call) and getattr(c.func, "attr", "") == "answered"]
        body = [n for s in loop.body for n in ast.walk(s)]
        fails = any(isinstance(n, ast.Call) and getattr(n.func, "id", "") == "_failed" for n in body) or \
            any(isinstance(n, ast.Constant) and n.value == "terminal.runtime-call-failed" for n in body)
        for call in asked if fails else ():
            arg = call.args[0]
            method = arg.value if isinstance(arg, ast.Constant) else constants.get(getattr(arg, "id", ""))
            assert isinstance(method, str), ast.dump(arg)
            found.add(method)
    return found


def test_c2_class_each_runtime_case_names_the_error_answer_its_check_fails(zh_markdown, en_markdown):
    pairs = {(rid, method) for rid, key in checks_walk() for method in _failing_methods(key)}
    assert {r for r, _ in pairs} >= {"TD-RUN-002", "TD-RUN-003", "TD-RUN-005", "TD-RUN-006", "TD-BODY-004"}, pairs
    wrong = []
    for rid, method in sorted(pairs):
        zh, en = _verdict_lines(_case(zh_markdown, rid), "zh")["不通过"], \
            _verdict_lines(_case(en_markdown, rid), "en")["Fail"]
        if f"`{method}`" not in zh or "请求以错误应答" not in zh:
            wrong.append((rid, method, "zh"))
        if f"`{method}`" not in en or "answered with an error" not in en:
            wrong.append((rid, method, "en"))
    assert not wrong, wrong


def test_c2_the_steps_of_the_face_and_hand_cases_name_it(zh_markdown, en_markdown):
    for rid in ("TD-RUN-003", "TD-RUN-006", "TD-BODY-004"):
        assert "以错误应答，即应答没有 `result`，为不符合项" in _row(_case(zh_markdown, rid), "测试步骤"), rid
        assert "answered with an error, with no `result`, is a non-conformity" in \
            _row(_case(en_markdown, rid), "Test procedure"), rid


def _reads_timings(key: tuple[str, str]) -> bool:
    return any(isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "timings"
               for n in ast.walk(_DEFS[key]))


def test_c3_class_each_case_reading_timings_names_a_stream_at_one_time(zh_markdown, en_markdown):
    rids = {rid for rid, key in checks_walk() if _reads_timings(key)}
    assert rids >= {"TD-RATE-001", "TD-RATE-002", "TD-RATE-003", "TD-DISP-001", "TD-BCI-002"}, rids
    wrong = []
    for rid in sorted(rids):
        zh, en = _case(zh_markdown, rid), _case(en_markdown, rid)
        for text, words in ((_verdict_lines(zh, "zh")["不确定"], "不晚于首"), (_row(zh, "测试步骤"), "不晚于首"),
                            (_verdict_lines(en, "en")["Inconclusive"], "is not later than its first"),
                            (_row(en, "Test procedure"), "is not later than its first")):
            if words not in text:
                wrong.append((rid, words))
    assert not wrong, wrong


def test_c3_the_rate_messages_name_it(catalog: Catalog):
    from conformance.messages import msg
    text = str(msg("terminal.too-few-frames", file="f", streams="'pose'"))
    assert "not later than the first" in text
    assert "not later" in str(msg("terminal.no-measurable-stream")) or "later than its first" in \
        str(msg("terminal.no-measurable-stream"))


# cx2: a judge handed b_from is handed the type B it comes from -------------------------------------------------------

def _b_from_without_u_b() -> list[tuple[str, int]]:
    found = []
    for module, tree in _MODULES.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            given = {k.arg: k.value for k in node.keywords if k.arg}
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name == "judge" and "b_from" in given and not any(
                    k in given and _given(given[k]) for k in ("u_b", "stated")):
                found.append((module, node.lineno))
    return found


def test_cx2_class_no_judge_is_handed_b_from_without_its_type_b():
    assert not _b_from_without_u_b()


def test_cx2_the_rules_taking_the_type_b_are_stated(catalog: Catalog):
    tact, force = catalog.requirements["TD-TACT-002"], catalog.requirements["TD-FORCE-004"]
    assert tact.decision_rule is not None and "R3" in (tact.decision_rule.type_b_rules or [])
    assert force.decision_rule is not None and force.decision_rule.type_b_rules == ["R1", "R3"]
    zh = criterion(force, "zh") or ""
    assert "对 R2 仅由读数的分辨力评定" in zh and "对 R2 由读数的分辨力与仪器声明的 B 类合成" not in zh


def test_cx2_r3_s_u_takes_the_load_cell_s_type_b(tmp_path, catalog, run_manifest):
    from conformance.areas.terminal.generate.capture import generate
    from conformance.areas.terminal.generate.tactile import DURATION_S
    from tests.conftest import manifest_for
    buffer = io.BytesIO()
    generate(buffer, "tactile_bench", DURATION_S)
    path = tmp_path / "bench.ndjson"
    path.write_bytes(buffer.getvalue())
    manifest = manifest_for(catalog, "terminal-sensor-performance", features=["tactile-sensing"])
    manifest["targets"]["captures"]["paths"] = [str(path)]
    result = run_manifest(manifest, requirements=["TD-TACT-002"])
    (record,) = [r for r in result.report.requirements if r.requirement == "TD-TACT-002"]
    items = [e for e in record.evidence if e.get("kind") == "measurement" and e.get("rule") == "R3"]
    shares = [i for i in items if i["value"] > 0]
    assert shares and all(i["u_b"] > 0 and i["basis"] == "type A and B" for i in shares), items


# doubtful items ---------------------------------------------------------------------------------------------------

def test_doubtful_2_a_short_display_stream_is_still_checked_for_a_late_pose(zh_markdown, en_markdown):
    step = _row(_case(zh_markdown, "TD-DISP-002"), "测试步骤").split("<br>")[0]
    assert "其时延（第 4 步）不予判定" in step and "仍按第 3 步检查 `pose_t` 是否晚于 `t`" in step
    assert "do not judge its latency (step 4)" in _row(_case(en_markdown, "TD-DISP-002"), "Test procedure")


def test_doubtful_3_no_text_calls_the_edge_grid_u(catalog: Catalog):
    req = catalog.requirements["TD-DISP-009"]
    assert req.notes is not None
    zh, en = " ".join((req.notes.get("zh") or "").split()), " ".join((req.notes.get("en") or "").split())
    assert "读准到 0.1 毫秒，U" not in zh and "one edge read to 0.1 ms, U" not in en
    assert "其样本间隔 0.1 毫秒是读取单个边沿的网格，不是 U" in zh and "约 0.058 毫秒" in zh
    assert round(2 * 0.1 / 12 ** 0.5, 3) == 0.058 and "about 0.058 ms" in en


def test_doubtful_4_a_tactile_stream_without_a_layout_is_recorded(tmp_path, catalog, run_manifest):
    schema = json.loads((ROOT / "schemas/terminal/capture-header.json").read_text(encoding="utf-8"))
    assert {"rows", "columns"} <= set(schema["$defs"]["stream"]["properties"]["taxels"]["required"])
    from conformance.areas.terminal.generate.capture import generate
    from conformance.areas.terminal.generate.tactile import DURATION_S
    from tests.areas.terminal.captures import side_by_side, with_header
    from tests.conftest import captures_verdict
    buffer = io.BytesIO()
    generate(buffer, "tactile_bench", DURATION_S)
    bench = buffer.getvalue()

    def drop(header):
        (tactile,) = [s for s in header["streams"] if s.get("type") == "tactile"]
        tactile.pop("taxels")
    paths = side_by_side(tmp_path, bench, with_header(bench, drop))
    got, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-001", paths,
                                 features=["tactile-sensing"])
    assert got == "inconclusive" and "declares no usable rows and columns" in text, text


def test_seventy_seventh_doubtful_a_face_stream_with_no_valid_frame_is_named(zh_markdown, en_markdown):
    steps = _row(_case(zh_markdown, "TD-FACE-004"), "测试步骤").split("<br>")
    (step,) = [s for s in steps if "缺少有效帧" in s]
    counted = re.search(r"记录没有比较帧，即少于第 (\d+) 步的 100 个", step)
    assert counted and "这样的帧少于 100 个时" in steps[int(counted.group(1)) - 1], step
    assert "比较帧少于 100 个" in _verdict_lines(_case(zh_markdown, "TD-FACE-004"), "zh")["不确定"]
    assert re.search(r"record that no frame is compared, fewer than step \d+'s 100",
                     _row(_case(en_markdown, "TD-FACE-004"), "Test procedure"))


@pytest.mark.parametrize("rid", ["TD-RUN-002", "TD-RUN-003", "TD-RUN-005", "TD-RUN-006", "TD-BODY-004", "TD-RATE-001",
                                 "TD-RATE-002", "TD-RATE-003", "TD-BCI-002", "TD-DISP-001", "TD-TACT-002",
                                 "TD-FORCE-004", "TD-FACE-004", "TD-DISP-002", "TD-DISP-009", "TD-TACT-001"])
def test_each_stepped_requirement_records_its_step(catalog: Catalog, rid):
    notes = catalog.requirements[rid].notes
    assert notes is not None and "part h144-term" in (notes.get("en") or "")
    assert "第 h144-term 部分" in (notes.get("zh") or "")
