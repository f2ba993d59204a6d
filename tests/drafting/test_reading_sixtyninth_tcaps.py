"""The sixty-ninth reading of issue 76, part h133-tcaps: the terminal caps the sixty-eighth reading's bench parts
missed, and the census of every cap the terminal and robots checks keep.

c3 (read69c, X) and d1 (read69d, X), one finding: TD-PERF-004 kept the first 200 000 valid poses of each stream
(``motion_programme.MAX_FRAMES``) and TD-GAZE-003/-006 the first 2 000 000 samples and answers
(``gaze_steps.MAX_SAMPLES``), dropping the rest uncounted and judging what was kept; neither cap stood in 5.1. Now the
poses are 5.1's 「测量保留的读数」 (TD-PERF-005 reads the same tracks) and the gaze samples 「试验台记录保留的样本数」:
past either the stream is counted and unjudged, its step and 不确定 line naming the bound (minor steps).
read69d's doubtful 1: ``headtracking.MAX_POSES`` (TD-AUD-005, 250 000, now the readings bound's 200 000),
``magnification.MAX_READINGS`` (TD-ACC-006, 100 000, now 200 000) and ``recognition.MAX_KEPT`` (TD-VOICE-004,
TD-CAPT-004: a new bound, 「设备输出保留的条目数」) judged what was kept too: the same fix. ``lightfield.MAX_ROWS`` is a
finding and ``decoding.MAX_EVENTS`` 5.1's 「标记数据流的标记数」, as the reader said.
Class: :data:`CAPS` classifies every cap tests/drafting/module_caps.py finds in the terminal and robots checks (a new
one fails the census until classified) and checks what each class can.
read69d's doubtful 3: TD-HOLO-002's 三（三） cell ended in a bare 「8192」 (the bound's product figure lost its unit
when the cell took the bound's quantities): it reads 「8192 × 8192 像素」. Class: every bound figure a case cites
stands in its 三（三） row with its unit.

Each test fails on the branch's base (54fe4344c) but test_caps_census_every_cap_is_classified and
test_caps_class_finding_schema_method_and_evidence, which hold the census and the classes of the caps found harmless
(the census adds no cap: it fails when a check adds one unclassified). Unit tests: tests/areas/terminal/test_stream_caps.py."""

from __future__ import annotations

import importlib
import re

import yaml

from conformance.areas.terminal import headtracking, motion_programme
from conformance.areas.terminal.capture import blocks
from conformance.areas.terminal.shifts import SHIFTS_MS
from conformance.drafting.boundtable import BOUNDS, spaced
from conformance.drafting.readingbounds import named_bounds
from tests.drafting.module_caps import module_caps
from tests.drafting.test_reading_sixtyeighth_tbound import _note_row, _table_row
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

S, M, O = "试验台记录保留的样本数", "测量保留的读数", "设备输出保留的条目数"
FRAMES, MARKERS, SPAN, COMMANDS, QUILT = "数据流保留的帧数", "标记数据流的标记数", "校准时段的样本数", "保留的指令数", "拼图的像素数"

#: every cap of the terminal and robots checks: its class, what the class checks, and why
CAPS: dict[str, tuple[str, object, str]] = {
    # a 5.1 reading bound: (the bound, the cases whose checks read under the cap)
    "terminal/bench_trace.py:MAX_TRACE_SAMPLES": ("bound", (S, {"TD-DISP-009", "TD-FORCE-004", "TD-HAPT-003"}),
                                                  "a bench trace's samples"),
    "terminal/bench_trace.py:MAX_COMMANDS": ("bound", (COMMANDS, {"TD-FORCE-004", "TD-HAPT-003", "TD-OLF-003"}),
                                             "a bench's commands"),
    "terminal/blue_light.py:MAX_FRAMES": ("bound", (M, {"TD-DISP-010"}), "a spectroradiometer's readings"),
    "terminal/body_accuracy.py:MAX_FRAMES": ("bound", (FRAMES, {"TD-BODY-003"}), "a body stream's frames"),
    "terminal/calibration.py:MAX_SAMPLES": ("bound", (SPAN, {"TD-BCI-007"}), "a calibration span's samples"),
    "terminal/camera.py:MAX_FRAMES": ("bound", (M, {"TD-CAM-002"}), "a camera's and its board's frames"),
    "terminal/decoding.py:MAX_EVENTS": ("bound", (MARKERS, {"TD-BCI-006"}), "a marker stream's markers"),
    "terminal/depth.py:MAX_READINGS": ("bound", (S, {"TD-DEPTH-002"}), "a depth sensor's and meter's frames"),
    "terminal/eyepiece_luminance.py:MAX_FRAMES": ("bound", (M, {"TD-DISP-011"}), "a luminance meter's readings"),
    "terminal/face_accuracy.py:MAX_FRAMES": ("bound", (FRAMES, {"TD-FACE-004"}), "a face stream's frames"),
    "terminal/gaze_steps.py:MAX_SAMPLES": ("bound", (S, {"TD-GAZE-003", "TD-GAZE-006"}),
                                           "an eye-gaze stream's samples and logged answers (c3, d1)"),
    "terminal/hand_accuracy.py:MAX_FRAMES": ("bound", (FRAMES, {"TD-HAND-005"}), "a hand stream's frames"),
    "terminal/headtracking.py:MAX_POSES": ("bound", (M, {"TD-AUD-005"}), "the head's poses (doubtful 1)"),
    "terminal/magnification.py:MAX_READINGS": ("bound", (M, {"TD-ACC-006"}), "a view_scale camera's readings"),
    "terminal/motion_programme.py:MAX_FRAMES": ("bound", (M, {"TD-PERF-004", "TD-PERF-005"}),
                                                "the poses of a programme's or a session's streams (c3, d1)"),
    "terminal/multiview.py:MAX_PIXELS": ("bound", (QUILT, {"TD-HOLO-002"}), "a quilt's pixels"),
    "terminal/radar.py:MAX_POINTS": ("bound", (S, {"TD-RADAR-002"}), "a radar's points"),
    "terminal/recognition.py:MAX_KEPT": ("bound", (O, {"TD-VOICE-004", "TD-CAPT-004"}),
                                         "the device's results, events and cues about a voice stream (doubtful 1)"),
    "terminal/tactile.py:MAX_READINGS": ("bound", (S, {"TD-TACT-002", "TD-TACT-005"}), "an indenter's frames"),
    "terminal/touch.py:MAX_READINGS": ("bound", (S, {"TD-TACT-004"}), "a touch array's and indenter's frames"),
    # past it the input is a finding: the message key
    "terminal/audio.py:MAX_ORDER": ("finding", "terminal.audio-order", "an ambisonic order above 7 is a finding"),
    "terminal/capture/blocks.py:MAX_LINE_BYTES": ("finding", "terminal.line-too-long", "a line over 1 MiB is a finding"),
    "terminal/header.py:MAX_STREAMS": ("finding", "terminal.too-many-streams",
                                       "more than 256 streams is a finding (the header schema's maxItems)"),
    "terminal/lightfield.py:MAX_ROWS": ("finding", "terminal.lf-csv-too-long", "a sweep table too long is a finding"),
    "terminal/lightfield.py:MAX_LUMINANCE": ("finding", "terminal.lf-csv-values",
                                             "a luminance over 10¹⁰ cd/m² is a row of bad values, a finding"),
    # the capture header schema's own bound (annex E): (the property, its value)
    "terminal/gaze_select.py:MAX_MS": ("schema", ("duration_ms", 60000), "a fixation's duration_ms, the schema's"),
    "terminal/gestures.py:MAX_CUE_MS": ("schema", ("duration_ms", 60000), "a cue's duration_ms, the schema's"),
    "terminal/platform_response.py:MAX_FREQUENCY_HZ": ("schema", ("frequency_hz", 5),
                                                       "a commanded axis's frequency, the schema's"),
    # a parameter of the method or a limit of the requirement the case states: (the case, the figure as written)
    "terminal/binaural.py:MAX_LAG_S": ("method", ("TD-AUD-004", "1 ms"), "the cross-correlation's lag searched"),
    "terminal/blue_light.py:MAX_STEP_NM": ("method", ("TD-DISP-010", "5 nm"), "the spectral step the case asks"),
    "terminal/body_accuracy.py:MAX_GAP_NS": ("method", ("TD-BODY-003", "100 ms"), "no interpolation across a gap"),
    "terminal/calibration.py:MAX_NOISE_UV_PV": ("method", ("TD-BCI-007", "6 μV"), "the noise limit of R-rules"),
    "terminal/caption_timing.py:MAX_WAIT_S": ("method", ("TD-CAPT-004", "5 s"), "the window a cue is assigned in"),
    "terminal/decoding.py:MAX_DECISION_LATENCY_S": ("method", ("TD-BCI-006", "2 s"), "the decision latency limit"),
    "terminal/face_accuracy.py:MAX_GAP_NS": ("method", ("TD-FACE-004", "100 ms"), "no interpolation across a gap"),
    "terminal/hand_accuracy.py:MAX_GAP_NS": ("method", ("TD-HAND-005", "100 ms"), "no interpolation across a gap"),
    "terminal/motion_programme.py:MAX_GAP_NS": ("method", ("TD-PERF-004", "100 ms"), "no interpolation across a gap"),
    "terminal/platform_response.py:LATENCY_MAX_FREQUENCY_HZ": ("method", ("TD-MPLAT-003", "1 Hz"),
                                                               "the commanded frequencies the latency is judged at"),
    "terminal/scent_identity.py:MAX_OTHER_SHARE": ("method", ("TD-OLF-006", "10%"), "the other scents' share limit"),
    "robots/tracking.py:MAX_LAG_SEARCHED": ("method", ("RB-TRACK-001", "2 s"), "the lag searched"),
    # caps only what the report names or keeps as evidence
    "terminal/model.py:DETAIL_LIMIT": ("evidence", None, "the details a finding lists"),
    "terminal/apparatus.py:MAX_DEPTH": ("evidence", None, "where the report's apparatus list looks for instruments"),
    "terminal/apparatus.py:MAX_HEADER_BYTES": ("evidence", None, "the header read for the report's apparatus list, "
                                               "above the 1 MiB past which a line is a finding"),
    # seventy-second reading, h136-robotlab: the robots area names a tracker record's instruments to the laboratory
    # assessment as the terminal area names a capture's
    "robots/apparatus.py:MAX_DECLARATION_BYTES": ("evidence", None, "the tracker record's first line read for the "
                                                  "laboratory assessment: its declaration, never the frames"),
    # seventy-fourth reading, h139-mplat (a's doubtful d1): the scent analyses record's chromatograph is named to the
    # laboratory assessment as a capture's instruments are
    "terminal/apparatus.py:MAX_RECORD_BYTES": ("evidence", None, "the scent analyses record read for the laboratory "
                                               "assessment's chromatograph; TD-OLF-006 reads the record itself"),
    # not a cap on what is read or judged
    "terminal/capture/lists.py:MAX_ITEMS": ("internal", None, "longer lists go to the general decoder, none dropped"),
    "terminal/calibration.py:CMRR_CAP_DB": ("internal", None, "what an unresolved residual is reported as"),
    "terminal/calibration.py:IMPEDANCE_CAP_OHM": ("internal", None, "what an unresolved loss is reported as"),
    "robots/urdf.py:LIMIT_KEYS": ("internal", None, "the attributes of URDF's <limit> element, no cap"),
    "robots/urdf.py:LIMIT_REQUIRED": ("internal", None, "whether URDF requires <limit>, no cap"),
}
ENGLISH = {b.name[0]: b.name[1] for b in BOUNDS}
#: the cases this part bounded, each with its bound
NEW = {"TD-PERF-004": M, "TD-PERF-005": M, "TD-AUD-005": M, "TD-ACC-006": M, "TD-GAZE-003": S, "TD-GAZE-006": S,
       "TD-VOICE-004": O, "TD-CAPT-004": O}


def _value(place: str) -> object:
    path, name = place.split(":")
    module = "conformance.areas." + path.removesuffix(".py").replace("/", ".")
    return getattr(importlib.import_module(module), name)


def _figure(bound: str) -> int:
    """The number a bound's value states first, 「8192 × 8192 像素」 as their product."""
    quantity = next(iter(named_bounds(f"读取界限“{bound}”")))
    factors = re.findall(r"\d+(?: \d{3})*", quantity)
    product = 1
    for factor in factors:
        product *= int(factor.replace(" ", ""))
    return product


def test_caps_census_every_cap_is_classified():
    """A cap a check adds fails here until it is classified (and, if it judges what was kept, made a bound)."""
    census = module_caps("terminal", "robots")
    assert set(census) == set(CAPS), (set(census) ^ set(CAPS))
    assert {kind for kind, *_ in CAPS.values()} == {"bound", "finding", "schema", "method", "evidence", "internal"}
    assert all(reason for *_, reason in CAPS.values())


def test_caps_class_bound_each_is_its_bounds_figure_and_table_1_lists_its_cases(zh_markdown):
    for place, (kind, detail, _) in CAPS.items():
        if kind != "bound":
            continue
        bound, cases = detail  # type: ignore[misc]
        assert _value(place) == _figure(bound), (place, bound)
        listed = set(_table_row(zh_markdown, bound)[2].split("、"))
        assert cases <= listed, (place, bound, cases - listed)


def test_caps_class_finding_schema_method_and_evidence(zh_markdown, note_md):
    messages = yaml.safe_load((ROOT / "src/conformance/areas/terminal/messages.yaml").read_text("utf-8"))
    schema = (ROOT / "schemas/terminal/capture-header.json").read_text("utf-8")
    cases = _cases(zh_markdown)
    note = note_md.replace("\u2011", "-")
    for place, (kind, detail, _) in CAPS.items():
        if kind == "finding":
            assert str(detail).removeprefix("terminal.") in messages, place
        elif kind == "schema":
            name, value = detail  # type: ignore[misc]
            assert _value(place) == value and re.search(rf'"{name}": \{{[^{{}}]*"maximum": {value}\b', schema), place
        elif kind == "method":
            rid, figure = detail  # type: ignore[misc]
            rows = [line for line in note.split("\n") if line.startswith(f"| {rid} |")]
            assert figure in cases[rid] or any(figure in row for row in rows), (place, rid, figure)
    assert _value("terminal/apparatus.py:MAX_HEADER_BYTES") > blocks.MAX_LINE_BYTES
    assert _value("terminal/header.py:MAX_STREAMS") == 256 and '"maxItems": 256' in schema


# c3, d1 and doubtful 1 -------------------------------------------------------------------------------------------


def test_c3_d1_each_newly_bounded_case_names_its_bound_in_its_step_and_inconclusive_line(zh_markdown, en_markdown):
    for rid, bound in NEW.items():
        zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
        step = next((s for s in _row(zh, "测试步骤").split("<br>") if f"读取界限“{bound}”（见 5.1）" in s), "")
        assert "超出的部分不予测量，该数据流记为未判定，结果至多为不确定" in step, (rid, step)
        assert f'reading bound "{ENGLISH[bound]}" (5.1), what lies past it is not measured and the stream is ' \
            "recorded unjudged" in _row(en, "Test procedure"), rid
        assert f"读取界限“{bound}”" in _verdict_lines(zh, "zh")["不确定"], rid
        assert f'reading bound "{ENGLISH[bound]}"' in _verdict_lines(en, "en")["Inconclusive"], rid


def test_c3_d1_table_1_lists_the_new_cases_and_the_note_gives_each_bound_its_reason(zh_markdown, note_md, note_md_en):
    for bound in (S, M, O):
        listed = set(_table_row(zh_markdown, bound)[2].split("、"))
        assert {rid for rid, b in NEW.items() if b == bound} <= listed, bound
    assert _table_row(zh_markdown, O)[2] == "TD-CAPT-004、TD-VOICE-004"
    assert "人工眼试验台上眼动数据流的有效样本与经接口读取的应答按样本计" in _table_row(zh_markdown, S)[1]
    assert "位姿数据流按有效位姿计" in _table_row(zh_markdown, M)[1]
    # the figures: 200 000 poses at 1 kHz are 200 s, 40-odd times the programme (1.2 + 1.5 + 0.6 + 0.6 + 0.18 s),
    # and over 3 000 head poses a second through a 60 s signal and the shift search's margins
    programme = 1.2 + 1.5 + 0.6 + 0.6 + 0.18
    assert 40 < motion_programme.MAX_FRAMES / 1000 / programme < 50
    assert headtracking.MAX_POSES / (60 + (SHIFTS_MS[-1] - SHIFTS_MS[0]) / 1000) > 3000
    readings = _note_row(note_md, M)
    assert "40 余倍" in readings and "3 000 个以上" in readings and "不确定" in readings
    assert "over 40 times the motion programme" in _note_row(note_md_en, ENGLISH[M])
    output = _note_row(note_md, O)
    assert "6 个语句" in output and "36 000" in output and "不予判定" in output and "不确定" in output, output
    assert "inconclusive" in _note_row(note_md_en, ENGLISH[O])


# doubtful 3 -------------------------------------------------------------------------------------------------------


def test_doubtful_3_td_holo_002s_cell_writes_the_quilt_bound_with_its_unit(note_md):
    row = next(line for line in note_md.replace("\u2011", "-").split("\n") if line.startswith("| TD-HOLO-002 |")
               and "像素" in line.split("|")[2])
    assert row.split("|")[2].strip().endswith("8192 × 8192 像素"), row


def test_doubtful_3_class_every_bound_figure_in_a_limit_cell_carries_its_unit(zh_markdown, note_md):
    """Each quantity a bound's value states is a number with its unit, and no case citing the bound has its figure
    bare in its 三（三） row's limit cell (「8192」, 「200 000」 stood so)."""
    note = note_md.replace("\u2011", "-")
    cells: dict[str, list[list[str]]] = {}
    for line in note.split("\n"):
        found = re.match(r"\| ([A-Z]{2}-[A-Z0-9]+-\d{3}) \|([^|]*)\|", line)
        if found:
            cells.setdefault(found.group(1), []).append([item.strip() for item in found.group(2).split("，")])
    cases = _cases(zh_markdown)
    checked = 0
    for bound in BOUNDS:
        quantities = named_bounds(f"读取界限“{bound.name[0]}”")
        assert quantities and all(not re.search(r"\d$", q) for q in quantities), (bound.name, quantities)
        bare = {re.match(r"[\d ×⁰¹²³⁴⁵⁶⁷⁸⁹]+", q).group(0).strip() for q in quantities}  # type: ignore[union-attr]
        bare |= {number for q in quantities for number in re.findall(r"\d+(?: \d{3})*", q)}
        for rid, text in cases.items():
            if f"读取界限“{bound.name[0]}”" in text:
                for items in cells.get(rid, []):
                    assert not bare & set(items), (rid, bound.name[0], bare & set(items))
                    checked += 1
    assert checked > 40


def test_doubtful_3_the_readings_bound_cites_its_unit_too(note_md):
    """The same cause: 「200 000 次读数」 stood in TD-CAM-002's cell as a bare 「200 000」."""
    cell = next(line for line in note_md.replace("\u2011", "-").split("\n") if line.startswith("| TD-CAM-002 |")
                and "像素" in line).split("|")[2]
    assert f"{spaced(200_000)} 次读数" in cell, cell
