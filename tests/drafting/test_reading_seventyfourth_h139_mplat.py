"""The seventy-fourth reading of issue 76 (read74c), TD-MPLAT-001's displacement-only stream given no velocity
(part h139-mplat).

c4 (X): a stream whose instrument measures displacement only and which declares fewer than 100 frames a second was
noted and passed over (``continue`` before ``judged +=`` and the guarded judgement of its peaks), so its
displacement within *U* of the rating was never failed, and beside another measured stream the run passed, while
the Inconclusive line names exactly that stream. Now its displacement is judged (R1, peaks included), its velocity
is recorded unjudged (R2), so the run is at most inconclusive; step 5 and the Inconclusive line say so in both
languages, and name the same stream whose frames all follow a gap (no velocity derived either). Step 3 says the
platform's own report is outside the test and leaves the other streams' verdict as it is, as the check does
(it said "recorded as not judged", which in the terminal cases makes a passing run inconclusive).

The class: a terminal check that notes a stream and ``continue``s past it without recording it unjudged is one
whose Inconclusive line names only the absence of any stream judged; each such place is listed here with why.

The d1 of read74a (doubtful): the laboratory signed record covers the scent analyses record too (3.61, 16 j), E.6,
table 9): the terminal area declares the chromatograph of a scent analyses file (``conformance_instruments``), so a
run judging TD-OLF-006 is certifiable only on a signed record naming that file's SHA-256 and the chromatograph's
serial.

Fails on db9559929."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from conformance.areas.terminal import apparatus
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.instruments import declared_in

RID = "TD-MPLAT-001"
SUITE = Path(__file__).parents[2] / "suites" / "terminal"
SAMPLES = Path(__file__).parents[2] / "src" / "conformance" / "reference" / "samples"

#: (file, the message key of the note before ``continue``) -> why the stream passed over leaves the verdict as it
#: is: the case's Inconclusive line names only the absence of any stream judged, or the stream is out of scope
NOTED_AND_PASSED = {
    ("test_body_interface.py", "terminal.binaural-unjudged"): "a reference of TD-BODY-003's rig, no interface log",
    ("test_face_interface.py", "terminal.binaural-unjudged"): "a reference of TD-FACE-004's rig, no interface log",
    ("test_captions.py", "terminal.captions-not-claimed"): "a device not claiming captions (TD-CAPT-002, candidate)",
    ("test_hand.py", "terminal.gesture-no-hand"): "a gesture stream annotating no hand: out of TD-HAND-004's scope",
    ("test_payloads.py", "terminal.platform-unmeasured"): "the platform's own report: outside TD-MPLAT-001/-002",
    ("test_payloads.py", "terminal.platform-positions-only"): "no measured velocity: outside TD-MPLAT-002",
    ("test_power.py", "terminal.battery-session-short"): "TD-PWR-001 is inconclusive only when no session qualifies",
    ("test_timing.py", "terminal.too-few-intervals"): "TD-RATE-003 is inconclusive only when no stream has 200",
}


def _case(markdown: str) -> str:
    return dict(_cases(markdown))[RID]


def test_c4_step_5_and_the_inconclusive_line_judge_r1_on_a_stream_given_no_velocity(zh_markdown, en_markdown):
    zh = _case(zh_markdown)
    steps, criteria = _row(zh, "测试步骤"), _row(zh, "判定准则")
    assert "不求速度：其速度（规则 R2）记录为未判定并注明原因，其位移仍按第 4 步与判定规则判定（规则 R1）" in steps
    assert "或其相邻各帧的间隔均超过所声明周期的 1.5 倍" in steps
    inconclusive = criteria[criteria.index("不确定："):]
    assert "或没有不符合项，而某个仪器仅测量位移的数据流声明每秒少于 100 帧" in inconclusive
    assert "R2 未判定，其位移仍按 R1 判定" in inconclusive and "无法作出速度的判定" not in inconclusive
    en = _case(en_markdown)
    steps, criteria = _row(en, "Test procedure"), _row(en, "Verdict criteria")
    assert "record its velocity (rule R2) as not judged, with why; its displacement is still judged by step 4" in steps
    inconclusive = criteria[criteria.index("Inconclusive:"):]
    assert "with no rule broken, a stream whose instrument measures displacement only declares fewer" in inconclusive
    assert "R2 not judged; its displacement is still judged by R1" in inconclusive


def test_c4_step_3_says_the_platforms_own_report_leaves_the_verdict_as_the_check_does(zh_markdown, en_markdown):
    zh, en = _row(_case(zh_markdown), "测试步骤"), _row(_case(en_markdown), "Test procedure")
    assert "不属本测试，不论其帧中的值如何，记录其原因，不影响对其余数据流的判定" in zh
    assert "记录为未判定，不论" not in zh
    assert "such a stream is outside this test, whatever its frames hold, and leaves the other streams' verdict" in en


def test_c4_the_check_records_a_stream_given_no_velocity_unjudged():
    source = (SUITE / "test_payloads.py").read_text(encoding="utf-8")
    body = source[source.index("def test_motion_platform_within_its_rated_envelope"):source.index("def _judge_peaks")]
    assert "evidence.unjudged(name, underived(name, stats))" in body
    assert "platform-underived" not in body  # the reason is payloads.underived's, not a note


def _noted_then_passed(path: Path) -> list[str]:
    """The message keys of each ``evidence.note(msg(KEY, ...))`` directly before a ``continue`` in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        block = getattr(node, "body", None)
        if not isinstance(block, list):
            continue
        for before, statement in zip(block, block[1:], strict=False):
            if not isinstance(statement, ast.Continue) or not isinstance(before, ast.Expr):
                continue
            call = before.value
            if isinstance(call, ast.Call) and ast.unparse(call.func) == "evidence.note" and call.args \
                    and isinstance(call.args[0], ast.Call) and call.args[0].args:
                key = call.args[0].args[0]
                found.append(key.value if isinstance(key, ast.Constant) else ast.unparse(key))
    return found


def test_c4_class_every_stream_noted_and_passed_over_leaves_the_verdict_as_its_case_says():
    seen = {(path.name, key) for path in sorted(SUITE.glob("test_*.py")) for key in _noted_then_passed(path)}
    assert ("test_payloads.py", "terminal.platform-underived") not in seen
    assert seen <= set(NOTED_AND_PASSED), sorted(seen - set(NOTED_AND_PASSED))


def test_c4_the_requirement_is_2_4_a_changed_check(catalog):
    requirement = catalog.requirement(RID)
    assert requirement.version in ("2.4", "2.5")  # 2.5: the seventy-sixth reading's h142-gaze (changed check)
    assert "2.4 版（议题 76，第七十四次审读，第 h139-mplat 部分，c4）" in requirement.notes.zh
    assert "2.4 (issue 76, seventy-fourth reading, part h139-mplat, c4)" in requirement.notes.en


# -- d1: the scent analyses record is a measuring data file the signed record covers ----------------------------


def test_d1_the_chromatograph_of_a_scent_analyses_record_is_a_declared_instrument(tmp_path):
    sample = SAMPLES / "scent_analyses" / "scent-identity.json"
    gc = {"stream": "chromatograph", "pointer": "", "model": "Reference GC-MS 7800", "uncertainty": None}
    assert declared_in(apparatus.instruments, sample) == [{**gc, "serial": "GC-0042"}]
    doc = json.loads(sample.read_text(encoding="utf-8"))
    doc["chromatograph"]["serial"] = None
    unnamed = tmp_path / "unnamed.json"
    unnamed.write_text(json.dumps(doc), encoding="utf-8")
    assert declared_in(apparatus.instruments, unnamed) == [{**gc, "serial": None}]
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"method": "something else"}), encoding="utf-8")
    assert declared_in(apparatus.instruments, other) is None


def test_d1_the_text_names_the_scent_analyses_record_among_the_files_covered(zh_markdown, en_markdown):
    names = ("测量类数据文件（采集文件、跟踪记录、气味分析记录）", "measuring data files (captures, tracker captures, "
             "scent analyses records)")
    term_zh = zh_markdown[zh_markdown.index("实验室签名记录  laboratory signed record"):]
    assert names[0] in term_zh[:term_zh.index("\n###")]
    term_en = en_markdown[en_markdown.index("laboratory signed record\n"):]
    assert names[1] in term_en[:term_en.index("\n###")]
    report_zh = zh_markdown[zh_markdown.index("## 16 测试报告"):]
    assert "每个测量类数据文件（采集文件、跟踪记录、气味分析记录）的实验室签名记录（E.6）的标识" in report_zh
    report_en = en_markdown[en_markdown.index("## 16 Test report"):]
    assert "each measuring data file judged (a capture, a tracker capture, a scent analyses record)" in report_en
    e6 = zh_markdown[zh_markdown.index("### E.6"):]
    e6 = e6[:e6.index("\n### E.7")]
    assert e6.count("（采集文件、跟踪记录、气味分析记录）") == 3 and "（采集文件、跟踪记录）" not in e6
    e7 = zh_markdown[zh_markdown.index("### E.7"):]
    e7 = e7[:e7.index("\n### E.8")]
    serial = next(line for line in e7.splitlines() if line.startswith("| `chromatograph.serial` |"))
    assert "载有其校准证书的仪器条目" in serial and "该记录以 SHA-256 摘要覆盖本气味分析记录" in serial


def test_d1_table_9_and_the_haptics_profiles_row_name_the_scent_analyses_record(zh_markdown, en_markdown):
    clause = zh_markdown[zh_markdown.index("### 5.9 "):]
    calibration = next(line for line in clause.splitlines() if line.startswith("| 校准 |"))
    assert "气相色谱仪的不确定度同样在气味分析记录（E.7）中声明" in calibration
    assert "该记录指明实验室、设备及其所覆盖的采集文件与气味分析记录" in calibration
    assert "未附记录的采集文件或气味分析记录予以注明（第 16 章）" in calibration
    clause = en_markdown[en_markdown.index("### 5.9 "):]
    calibration = next(line for line in clause.splitlines() if line.startswith("| Calibration |"))
    assert "the captures and scent analyses records it covers" in calibration
    rows = [line for line in zh_markdown.splitlines() if line.startswith("| 测试实验室的记录 `laboratory_records` |")]
    # terminal-haptics's: the measuring data files of 3.61 (its captures and scent analyses records), no format cited
    own = "| 测试实验室的记录 `laboratory_records` | 测量类数据文件的实验室签名记录，"
    assert sum(row.startswith(own) and "；格式见附录 E（实验室签名记录：E.6） |" in row for row in rows) == 1
