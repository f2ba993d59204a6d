"""The sixty-eighth reading of issue 76, part h131-tbound: the reading bounds of the bench and quilt cases, and a bound
whose reason claimed more than the draft secures.

a1 (read68a, K7; read68d's doubtful 1): the reason of 「校准时段的样本数」 ended
「前置条件所述的各时段因而全部得到读取」, true only at 10 kHz or less and spans of 200 s or less, which TD-BCI-007 fixes
neither. It says now what holds: up to
2 000 000 samples a span (200 s at 10 kHz, the 2 cycles of 0.5 Hz at any rate up to 500 kHz), a span of more left
unjudged. Class: every bound whose reason reckons by a sampling rate says what becomes of a record past it.
c3 (read68c, X): TD-FORCE-004 only counted a held step its force sensor's record did not cover, so a device passed on
the steps measured, and the bench caps (2 000 000 samples of a trace, 200 000 commands) stood in no row of table 1,
what lay past them a note or nothing. They are the bounds 「试验台记录保留的样本数」 and 「保留的指令数」; past
either the stream is unjudged. Class: every case whose check reads a record kept under those caps (the suites'
``benches`` over a trace bench_trace.keep_blocks keeps, or tactile's indenter readings) is bounded in its check and
listed, named in its steps and 不确定 line; each names in its 不确定 line what its record leaves unmeasured
(TD-FORCE-004 as TD-HAPT-003).
c5 (read68c, X): TD-HOLO-002 failed R1 for a quilt over 8192 × 8192 pixels, a cap of the test equipment's decoding
memory: it is the bound 「拼图的像素数」, past which the quilt is not judged.

Each test fails on the branch's base (ffa3fd452) but test_a1_td_bci_007s_inconclusive_line_names_a_span_past_the_bound,
which holds what the brief asked kept (TD-BCI-007's 不确定 line named the span past the bound already)."""

from __future__ import annotations

import ast
import re
import struct
import zlib

import pytest

from conformance.areas.terminal import (
    bench_trace,
    calibration,
    force_output,
    haptic_output,
    multiview,
    scent_release,
    tactile,
)
from conformance.areas.terminal.generate import rendering
from conformance.areas.terminal.haptic_interface import SCHEDULE as VIBRATIONS
from conformance.areas.terminal.scent_interface import SCHEDULE as SCENTS
from conformance.drafting.boundtable import BOUNDS, spaced
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

SAMPLES, COMMANDS, QUILT, SPAN = "试验台记录保留的样本数", "保留的指令数", "拼图的像素数", "校准时段的样本数"
ENGLISH = {SAMPLES: "samples held of a bench record", COMMANDS: "commands held", QUILT: "pixels of a quilt",
           SPAN: "samples of a calibration span"}
#: the bench cases whose check reads a record kept under a cap and whose bound is not yet stated: none (part h131-caps
#: gave TD-DISP-009 and the cases of caps of their own theirs; tests/drafting/test_reading_sixtyeighth_caps.py)
LEFT: set[str] = set()
#: the bound of the caps of 200 000 (a spectroradiometer's, a luminance meter's, a camera's), part h131-caps
READINGS = "测量保留的读数"
#: the cases the sixty-ninth reading's part h133-tcaps put under those bounds, reading no bench trace
#: (tests/drafting/test_reading_sixtyninth_tcaps.py holds them)
SIXTYNINTH = {"TD-GAZE-003", "TD-GAZE-006", "TD-PERF-004", "TD-PERF-005", "TD-AUD-005", "TD-ACC-006"}


def _bench_listed(markdown: str, name: str) -> list[str]:
    return [rid for rid in _table_row(markdown, name)[2].split("、") if rid not in SIXTYNINTH]


def _bound(name: str):
    return next(b for b in BOUNDS if b.name[0] == name)


def _general(markdown: str) -> str:
    return markdown[markdown.index("### 5.1 "):markdown.index("### 5.2")].replace("\u2011", "-")


def _table_row(markdown: str, name: str) -> list[str]:
    line = next(line for line in _general(markdown).split("\n") if line.startswith(f"| {name} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def _note_row(note_md: str, name: str) -> str:
    return next(line for line in note_md.replace("\u2011", "-").split("\n") if line.startswith(f"| {name} |"))


# a1 ---------------------------------------------------------------------------------------------------------------


def test_a1_the_calibration_bound_claims_only_what_holds(note_md, note_md_en):
    """The figures are the check's (2 000 000 samples: 200 s at 10 kHz, 50 times 2 cycles of 0.5 Hz, 500 kHz the
    fastest rate holding those cycles), and no span is said to be read whole."""
    assert calibration.MAX_SAMPLES / 10_000 == 200 and 200 / (calibration.MIN_CYCLES / 0.5) == 50
    assert calibration.MAX_SAMPLES / (calibration.MIN_CYCLES / 0.5) == 500_000
    zh, en = _note_row(note_md, SPAN), _note_row(note_md_en, ENGLISH[SPAN])
    assert "全部得到读取" not in zh and "read whole" not in en, zh
    assert "不高于 500 kHz" in zh and "up to 500 kHz" in en
    assert "时段不予判定" in zh and "不确定" in zh and "not judged" in en and "inconclusive" in en


def test_a1_class_a_bound_reckoned_by_a_sampling_rate_says_what_lies_past_it():
    """Every bound whose reason reckons by a sampling rate (a rate the case leaves to the product) says that a record
    past it is not judged and its case inconclusive, in both languages."""
    by_rate = [b for b in BOUNDS if "采样率" in b.why[0]]
    assert {SPAN, SAMPLES} <= {b.name[0] for b in by_rate}
    for bound in by_rate:
        assert "不予判定" in bound.why[0] and "不确定" in bound.why[0], bound.name[0]
        assert "not judged" in bound.why[1] and "inconclusive" in bound.why[1], bound.name[1]


def test_a1_td_bci_007s_inconclusive_line_names_a_span_past_the_bound(zh_markdown, en_markdown):
    assert f"读取界限“{SPAN}”" in _verdict_lines(_cases(zh_markdown)["TD-BCI-007"], "zh")["不确定"]
    assert ENGLISH[SPAN] in _verdict_lines(_cases(en_markdown)["TD-BCI-007"], "en")["Inconclusive"]


# c3 ---------------------------------------------------------------------------------------------------------------

_SUITES = ROOT / "suites" / "terminal"
_TERMINAL = ROOT / "src" / "conformance" / "areas" / "terminal"


def _capped_records() -> set[str]:
    """The stream attributes holding a record kept under a cap: the traces bench_trace.keep_blocks keeps
    (``keep_blocks(chunk.stats.rendering, ...)``), the readings.Readings a reference stream keeps
    (``keep(chunk.stats.board, ...)``), and each stream attribute of a module keeping frames under its own cap
    (``.take(MAX_...)``: a spectroradiometer's, a luminance meter's, a camera's, a depth sensor's, a radar's)."""
    found = set()
    for path in _TERMINAL.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"\bkeep(?:_blocks)?\(chunk\.stats\.(\w+)", text))
        if re.search(r"\.take\(MAX_\w+", text):
            found |= set(re.findall(r"chunk\.stats\.(\w+)", text))
    return found


def _read(trace_of: ast.expr) -> set[str]:
    """The stream attributes a ``benches`` call's ``trace_of`` reads: ``attrgetter("x")`` or ``lambda s: ... s.x``."""
    if isinstance(trace_of, ast.Call):
        return {a.value for a in trace_of.args if isinstance(a, ast.Constant)}
    assert isinstance(trace_of, ast.Lambda), ast.unparse(trace_of)
    arg = trace_of.args.args[-1].arg
    return {n.attr for n in ast.walk(trace_of.body) if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name) and n.value.id == arg}


def _bench_cases() -> dict[str, tuple[set[str], str, bool]]:
    """Each requirement whose suite test calls ``benches``: the stream attributes its record is read from, the module
    its ``measure`` comes from, and whether the BenchTexts it passes are ``bounded``."""
    out: dict[str, tuple[set[str], str, bool]] = {}
    for path in sorted(_SUITES.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        origin: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("conformance.areas.terminal"):
                module = node.module.rsplit(".", 1)[-1]
                for alias in node.names:
                    origin[alias.asname or alias.name] = alias.name if module == "terminal" else module
        texts = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)}
        for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
            marks = [d.args[0].value for d in fn.decorator_list if isinstance(d, ast.Call)
                     and ast.unparse(d.func) == "pytest.mark.requirement"]
            calls = [c for c in ast.walk(fn) if isinstance(c, ast.Call) and ast.unparse(c.func) == "benches"]
            if not marks or not calls:
                continue
            local = {t.id: n.value for n in ast.walk(fn) if isinstance(n, ast.Assign)
                     for t in n.targets if isinstance(t, ast.Name)}
            measure, trace_of, given = calls[0].args[3:6]
            while isinstance(measure, ast.Lambda):  # lambda analysis, s: measure(analysis, s, response)
                measure = measure.body.func  # type: ignore[attr-defined]
            name = measure.value.id if isinstance(measure, ast.Attribute) else origin.get(measure.id, measure.id)
            made = local.get(given.id, texts.get(given.id)) if isinstance(given, ast.Name) else given
            bounded = any(k.arg == "bounded" and ast.literal_eval(k.value) for k in made.keywords)
            out[marks[0]] = (_read(trace_of), name, bounded)
    return out


def test_c3_class_every_case_reading_a_capped_bench_record_leaves_it_unjudged_past_the_bound(zh_markdown):
    """The class from the code: each case whose check reads a record kept under the caps is ``bounded`` (past the cap
    its stream is unjudged), and table 1 lists exactly those cases under the samples bound, and those reading
    commands (all but the tactile benches) under the commands bound."""
    capped = _capped_records()
    assert {"rendering", "vibration", "release", "photon", "indenter", "board", "range_target", "reflector", "touch",
            "blue_light", "eyepiece_luminance"} <= capped, capped
    cases = {rid: found for rid, found in _bench_cases().items() if found[0] & capped and rid not in LEFT}
    assert len(cases) == 15 and all(bounded for *_, bounded in cases.values()), cases
    samples, readings = (_bench_listed(zh_markdown, name) for name in (SAMPLES, READINGS))
    assert sorted(samples + readings) == sorted(cases) and not set(samples) & set(readings)
    assert readings == ["TD-CAM-002", "TD-DISP-010", "TD-DISP-011"]
    commanded = sorted(rid for rid, (_, module, _) in cases.items()
                       if module.split("_")[0] in ("force", "haptic", "scent"))
    assert _table_row(zh_markdown, COMMANDS)[2].split("、") == commanded
    assert len(commanded) == 6


def test_c3_the_bounds_are_the_checks_caps(zh_markdown, en_markdown):
    assert bench_trace.MAX_TRACE_SAMPLES == tactile.MAX_READINGS
    assert bench_trace.MAX_COMMANDS == force_output.MAX_COMMANDS == haptic_output.MAX_COMMANDS \
        == scent_release.MAX_COMMANDS
    assert f"{spaced(bench_trace.MAX_TRACE_SAMPLES)} 个样本" in _table_row(zh_markdown, SAMPLES)[1]
    assert f"{spaced(bench_trace.MAX_COMMANDS)} 条指令" in _table_row(zh_markdown, COMMANDS)[1]
    for name in (SAMPLES, COMMANDS):
        row = _table_row(zh_markdown, name)
        assert "不确定" in row[3] and not _bound(name).sample, row
        assert _table_row(en_markdown, ENGLISH[name])[2] == row[2].replace("、", ", ")


def test_c3_each_bench_case_names_the_bounds_in_its_steps_and_inconclusive_line(zh_markdown, en_markdown):
    for name in (SAMPLES, COMMANDS):
        for rid in _table_row(zh_markdown, name)[2].split("、"):
            zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
            assert f"读取界限“{name}”（见 5.1）" in _row(zh, "测试步骤") or f"读取界限“{name}”，见 5.1" in \
                _row(zh, "测试步骤"), (name, rid)
            assert f"读取界限“{name}”" in _verdict_lines(zh, "zh")["不确定"], (name, rid)
            assert f'reading bound "{ENGLISH[name]}"' in _row(en, "Test procedure"), (name, rid)
            assert f'reading bound "{ENGLISH[name]}"' in _verdict_lines(en, "en")["Inconclusive"], (name, rid)


#: what a bench case's 不确定 line says of an item its record covers too little
_UNCOVERED = re.compile(r"覆盖不足|未落在其记录之内|覆盖而无法测量|测量段（[^）]*）内少于 \d+ 个[^，；]*帧而无法测量|未覆盖其后 \d+ ms 的 \d+%|下一个转台标记之前没有上升沿|"
                        r"接触数正确的帧少于 3 帧")


def test_c3_class_each_bench_case_leaves_what_its_record_does_not_cover_unjudged(zh_markdown, en_markdown):
    """TD-FORCE-004 as TD-HAPT-003: a step the trace covers too little is recorded unjudged (step and 不确定 line), and
    the pass line asks every step measured; every bench case's 不确定 line names what its record leaves uncovered."""
    for rid in _bench_listed(zh_markdown, SAMPLES):
        assert _UNCOVERED.search(_verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]), rid
    zh, en = _cases(zh_markdown)["TD-FORCE-004"], _cases(en_markdown)["TD-FORCE-004"]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if "这一窗口 90% 的阶跃" in s)
    assert "不予测量，记为未判定，结果至多为不确定" in step
    assert "有阶跃的窗口被记录覆盖不足 90% 而未能测量（即使另有阶跃得到判定）" in _verdict_lines(zh, "zh")["不确定"]
    assert "其每个阶跃均得到测量" in _verdict_lines(zh, "zh")["通过"]
    assert "a step cannot be measured because the trace covers less than 90 % of its window" in \
        _verdict_lines(en, "en")["Inconclusive"]
    # the reference bench records before its staircase, as the initial conditions now ask
    assert "力传感器自第一条指令之前至少 50 ms 起记录" in _row(zh, "前置条件")
    assert rendering.LEAD_S >= force_output.PRE_S


def test_c3_the_note_gives_each_bench_bound_its_reason(note_md, note_md_en):
    """The figures are the code's: 2 000 000 samples at 1 kHz (the force sensor's least rate) are 2 000 s, over 600
    times the example staircase of 8 levels of 400 ms; 200 000 commands at 1 kHz are 200 s, over 60 times it; the
    interface schedules hold 9 vibrations and 4 scents."""
    staircase = len(rendering.LEVELS_N) * rendering.HOLD_S
    assert staircase == pytest.approx(3.2)
    assert bench_trace.MAX_TRACE_SAMPLES / 1000 == 2000 and 600 < 2000 / staircase < 700
    assert 60 < bench_trace.MAX_COMMANDS / 1000 / staircase < 70
    assert (len(VIBRATIONS), len(SCENTS)) == (9, 4)
    samples, commands = _note_row(note_md, SAMPLES), _note_row(note_md, COMMANDS)
    assert "2 000 s" in samples and "600 余倍" in samples and "不予判定" in samples and "不确定" in samples
    assert "200 s" in commands and "60 余倍" in commands and "9 条振动与 4 个气味" in commands and "不确定" in commands
    assert "over 600 times" in _note_row(note_md_en, ENGLISH[SAMPLES])
    assert "over 60 times" in _note_row(note_md_en, ENGLISH[COMMANDS])


# c5 ---------------------------------------------------------------------------------------------------------------


def _bomb(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels and holds almost nothing."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_c5_a_quilt_past_the_pixel_bound_is_unjudged_not_failed():
    layout = multiview.Layout(4, 2, "bottom_left", 128, 96)
    for side in (8193, 20000):  # the harness's bound, and one Pillow refuses itself
        report = multiview.read_quilt(_bomb(side, side), "large_qs4x2a1.3333.png", layout, 0.02)
        assert not report.problems and report.steps is None and report.unjudged is not None, side
        assert "pixels of a quilt" in str(report.unjudged), report.unjudged


def test_c5_the_quilt_bound_is_table_1s_and_td_holo_002_states_it(zh_markdown, en_markdown):
    assert multiview.MAX_PIXELS == 8192 * 8192
    row = _table_row(zh_markdown, QUILT)
    assert row[1] == f"每幅拼图至多 8192 × 8192 像素（{spaced(multiview.MAX_PIXELS)} 像素）" and row[2] == "TD-HOLO-002"
    assert "不确定" in row[3] and _table_row(en_markdown, ENGLISH[QUILT])[2] == "TD-HOLO-002"
    zh, en = _cases(zh_markdown)["TD-HOLO-002"], _cases(en_markdown)["TD-HOLO-002"]
    zh_lines, en_lines = _verdict_lines(zh, "zh"), _verdict_lines(en, "en")
    assert "8192" not in zh_lines["不通过"] and "8192" not in en_lines["Fail"]
    assert f"读取界限“{QUILT}”" in zh_lines["不确定"] and "该拼图超出读取界限" in zh_lines["不确定"]
    assert f'reading bound "{ENGLISH[QUILT]}"' in en_lines["Inconclusive"]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if "文件头中的宽度" in s)
    assert "记录“该拼图超出读取界限”，不予判定该拼图" in step and f"读取界限“{QUILT}”" in step
    assert "is recorded \"the quilt is past the reading bound\" and not judged" in _row(en, "Test procedure")
    assert f"读取界限“{QUILT}”" in _row(zh, "前置条件")


def test_c5_the_note_gives_the_quilt_bound_row_268s_reason(note_md, note_md_en):
    assert multiview.MAX_PIXELS == 64 << 20 and multiview.MAX_PIXELS * 4 == 256 << 20  # 64 Mi pixels, 256 MiB
    zh = _note_row(note_md, QUILT)
    assert "64 Mi 像素" in zh and "256 MiB" in zh and "在解码之前按文件头判定" in zh and "不确定" in zh
    assert "256 MiB" in _note_row(note_md_en, ENGLISH[QUILT])
