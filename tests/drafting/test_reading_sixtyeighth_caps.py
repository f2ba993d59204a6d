"""The sixty-eighth reading of issue 76, part h131-caps: the class of c3 (read68c, X) finished.

h131-tbound made the bench's kept samples and commands reading bounds of 5.1, past which a stream is unjudged, and
left as a note what lay past the caps of seven cases: TD-DISP-009's photodiode trace (the same 2 000 000 samples,
bench_trace.keep_blocks), and the caps of their own of TD-DEPTH-002 (depth frames and distance meter readings),
TD-RADAR-002 (radar points and reflector readings), TD-TACT-004 (touch and indenter frames), all 2 000 000, and of
TD-CAM-002 (camera frames), TD-DISP-010 (spectroradiometer readings) and TD-DISP-011 (luminance meter readings), all
200 000. The first four cite 「试验台记录保留的样本数」, whose value names what each counts; the last three a new
bound, 「测量保留的读数」 (200 000, its reason in 三（三）); TD-CAM-002's board readings, kept to 2 000 000 before,
are kept under the camera's 200 000 (one bound a case). Past either the stream is unjudged: the step that reads the
record and the 不确定 line say so (minor steps). TD-RADAR-002 counted a frame past its points' cap as one missing
the reflector (a fail of R3 from a cut record): a frame past the cap is not measured now. Class: every case whose
check reads a record kept under a cap of its own names a 5.1 bound
(tests/drafting/test_reading_sixtyeighth_tbound.py's class test, its exceptions removed), and every message saying a
record was cut names the bound.

Each test fails on the branch's base (abdd4b9fc). Unit tests: tests/areas/terminal/test_bench_caps.py."""

from __future__ import annotations

import pathlib

import yaml

from conformance.areas.terminal import bench_trace, blue_light, camera, depth, eyepiece_luminance, radar, touch
from conformance.drafting.boundtable import BOUNDS, spaced
from tests.drafting.test_reading_sixtyeighth_tbound import SIXTYNINTH, _note_row, _table_row
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

SAMPLES = ("试验台记录保留的样本数", "samples held of a bench record")
READINGS = ("测量保留的读数", "readings held of a measurement")
#: each case, the bound it cites and the caps its check keeps its records under
CASES = {
    "TD-DISP-009": (SAMPLES, [bench_trace.MAX_TRACE_SAMPLES]),
    "TD-DEPTH-002": (SAMPLES, [depth.MAX_READINGS]),
    "TD-RADAR-002": (SAMPLES, [radar.MAX_POINTS]),
    "TD-TACT-004": (SAMPLES, [touch.MAX_READINGS]),
    "TD-CAM-002": (READINGS, [camera.MAX_FRAMES]),
    "TD-DISP-010": (READINGS, [blue_light.MAX_FRAMES]),
    "TD-DISP-011": (READINGS, [eyepiece_luminance.MAX_FRAMES]),
}
FIGURE = {SAMPLES: 2_000_000, READINGS: 200_000}


def test_each_cap_is_the_figure_of_the_bound_its_case_cites():
    for rid, (bound, caps) in CASES.items():
        assert set(caps) == {FIGURE[bound]}, rid
    assert radar.places(camera.MAX_FRAMES).limit == camera.MAX_FRAMES  # the board's readings under the camera's cap


def test_table_1_lists_each_case_under_its_bound(zh_markdown, en_markdown):
    for bound in (SAMPLES, READINGS):
        zh, en = _table_row(zh_markdown, bound[0]), _table_row(en_markdown, bound[1])
        listed = zh[2].split("、")
        assert {rid for rid, (b, _) in CASES.items() if b == bound} <= set(listed), (bound, listed)
        assert en[2] == zh[2].replace("、", ", ")
        assert spaced(FIGURE[bound]) in zh[1] and spaced(FIGURE[bound]) in en[1]
        assert "不确定" in zh[3]
    assert [rid for rid in _table_row(zh_markdown, READINGS[0])[2].split("、") if rid not in SIXTYNINTH] == \
        ["TD-CAM-002", "TD-DISP-010", "TD-DISP-011"]
    value = _table_row(zh_markdown, SAMPLES[0])[1]
    assert "光电二极管" in value and "触摸阵列与深度传感器" in value and "雷达的记录按点计" in value, value
    assert not next(b for b in BOUNDS if b.name == READINGS).sample


def test_each_case_names_its_bound_in_its_step_and_inconclusive_line(zh_markdown, en_markdown):
    for rid, (bound, _) in CASES.items():
        zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
        step = next(s for s in _row(zh, "测试步骤").split("<br>") if f"读取界限“{bound[0]}”（见 5.1）" in s)
        assert "该数据流记为未判定，结果至多为不确定" in step, (rid, step)
        assert f'reading bound "{bound[1]}" (5.1), what lies past it is not measured and the stream is recorded ' \
            "unjudged" in _row(en, "Test procedure"), rid
        assert f"读取界限“{bound[0]}”" in _verdict_lines(zh, "zh")["不确定"], rid
        assert f'reading bound "{bound[1]}"' in _verdict_lines(en, "en")["Inconclusive"], rid
    # the comma TD-CAM-002's inconclusive line lacked
    assert "calibration, the camera declares" in _verdict_lines(_cases(en_markdown)["TD-CAM-002"], "en")["Inconclusive"]


def test_the_note_gives_the_readings_bound_its_reason(note_md, note_md_en):
    """The figures are the checks': 200 000 frames at 30 a second are 6 667 s, 20 000 times the 10 frames a hold
    needs (camera.MIN_FRAMES, radar's); 200 000 readings are 40 000 times the 5 a median needs."""
    assert camera.MIN_FRAMES == 10 and blue_light.MIN_FRAMES == eyepiece_luminance.MIN_FRAMES == 5
    assert 6000 < camera.MAX_FRAMES / 30 < 7000 and camera.MAX_FRAMES // camera.MIN_FRAMES == 20_000
    assert blue_light.MAX_FRAMES // blue_light.MIN_FRAMES == 40_000
    zh, en = _note_row(note_md, READINGS[0]), _note_row(note_md_en, READINGS[1])
    assert "6 000 余 s" in zh and "20 000 倍" in zh and "40 000 倍" in zh and "不予判定" in zh and "不确定" in zh, zh
    assert "over 6 000 s" in en and "40 000 times" in en and "inconclusive" in en, en
    assert "按帧、读数或点计的记录每秒 1 000 个时同为 2 000 s" in _note_row(note_md, SAMPLES[0])


def test_class_every_message_saying_a_record_was_cut_names_its_bound():
    """Each terminal message that a record was kept to a cap (``*-capped``) names the 5.1 bound, in both languages:
    the reader of a report learns which bound left the stream unjudged."""
    messages = yaml.safe_load(pathlib.Path(ROOT / "src/conformance/areas/terminal/messages.yaml").read_text("utf-8"))
    capped = {key: text for key, text in messages.items() if key.endswith("-capped")}
    assert {"photon-capped", "range-target-capped", "depth-frames-capped", "reflector-capped", "radar-points-capped",
            "board-capped", "camera-frames-capped", "spectrum-capped", "eyepiece-luminance-capped", "touch-capped",
            "touch-frames-capped"} <= set(capped)
    names = {b.name for b in BOUNDS}
    for key, text in capped.items():
        named = [n for n in names if f"读取界限“{n[0]}”" in text["zh"] and f'the reading bound "{n[1]}"' in text["en"]]
        assert len(named) == 1, (key, text)
