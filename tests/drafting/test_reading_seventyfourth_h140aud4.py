"""Two follow-ups of the seventy-fourth reading's c1 (issue 76, part h139-aud), found by its fixer (part h140-aud4).

1. TD-AUD-004 judged every test signal of a binaural stream, TD-AUD-007's scene included. Under the linear model
   with a rolloff factor of 1 or more the gain is 0 at and beyond the maximum distance, where a correct renderer
   sends nothing (TD-AUD-007 1.4 passes it); TD-AUD-004 then failed R3 on the same capture ("the right ear at -inf
   dB FS"). TD-AUD-004 1.3 leaves out, and notes, the signals at a distance where the stream's declared distance
   model's gain is 0 (the statement, R1 to R3, step 3, the environment, the expected result, the pass and
   inconclusive lines, in both languages); only the others count towards the least 4.
2. A value that is not a finite number (a level of -inf dB at a silent output, an error of inf dB from it) cannot
   be a JSON number: the report's writer wrote null, which the report schema rejects for a measurement's value and
   which no template's {level:.1f} formats (a report's Chinese text fell back to the English). TD-AUD-007 records an
   infinite level error as the amplitude ratio it stands for (0, against the least ratio 1 dB allows); a finding's
   or note's non-finite float is written as its text ("-inf"), a message argument likewise and read back as the
   number when rendered; a measurement holding a non-finite number is recorded as a note saying so (the class: every
   check of every area, through the core's evidence).

Fails on 9e4be2a47."""

from __future__ import annotations

import gzip
import math
import re

import orjson
import pytest

from conformance import Evidence, msg
from conformance._catalog.catalog import REPORT_SCHEMA
from conformance.messages import Message, localize
from tests.conftest import manifest_for
from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

RID = "TD-AUD-004"
#: the linear scene's signals (tests/areas/terminal/test_distance.py's _linear_capture): per source 2, 4, 12 and 8 m
SILENT = {2: 12.0, 3: 8.0, 6: 12.0, 7: 8.0}
FEATURES = ["binaural-rendering", "distance-attenuation"]


def _linear(monkeypatch, path):
    from tests.areas.terminal.test_distance import _linear_capture

    return _linear_capture(monkeypatch, path)


def _report_json(result) -> dict:
    """The run's report.json as written (what the report schema judges, not the model in memory)."""
    return orjson.loads(next(p for p in result.files if p.name == "report.json").read_bytes())


def _run(catalog, run_manifest, path, requirements):
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=FEATURES)
    manifest["targets"]["captures"] = {"adapter": "file", "paths": [str(path)]}
    result = run_manifest(manifest, requirements=requirements)
    return {r.requirement: r for r in result.report.requirements}, _report_json(result)


# -- 1. TD-AUD-004 leaves out the signals the declared distance model silences ------------------------------------


def test_1_the_silenced_signals_are_those_at_and_beyond_the_linear_model_s_maximum_distance():
    from conformance.areas.terminal.distance import silenced
    from conformance.areas.terminal.generate.device import _STREAMS
    from conformance.areas.terminal.generate.distance import DISTANCE_ID, linear_scene

    spec = orjson.loads(orjson.dumps(_STREAMS[DISTANCE_ID]))
    assert silenced(spec) == {}  # the inverse model silences nothing
    linear_scene(spec)
    assert {k: round(v, 3) for k, v in silenced(spec).items()} == SILENT
    spec["binaural"]["distance_model"]["rolloff_factor"] = 0.99  # held at 1 - 0.99 beyond max: not silent
    assert silenced(spec) == {}
    del spec["binaural"]["distance_model"]
    assert silenced(spec) == {}


def test_1_one_capture_of_a_correct_renderer_passes_td_aud_004_and_td_aud_007(catalog, run_manifest, monkeypatch,
                                                                             tmp_path):
    """TD-AUD-004 failed R3 four times on it (signals 2, 3, 6 and 7, silent ears); now they are noted, left out,
    and the 4 other signals are judged."""
    path = _linear(monkeypatch, tmp_path / "linear.ndjson.gz")
    records, _ = _run(catalog, run_manifest, path, [RID, "TD-AUD-007"])
    assert records[RID].verdict.value == "pass", records[RID].evidence
    assert records["TD-AUD-007"].verdict.value == "pass", records["TD-AUD-007"].evidence
    notes = [item for item in records[RID].evidence if item.get("kind") == "note"]
    (left_out,) = [n for n in notes if n.get("text", {}).get("key") == "terminal.binaural-silenced"]
    assert "test signal(s) 2, 3, 6, 7, at 12.00, 8.00, 12.00, 8.00 m, at or beyond the declared linear model's " \
           "maximum distance of 8 m, where its gain is 0 (silent), not judged" in left_out["message"], left_out
    judged = {m["subject"] for m in records[RID].evidence if m.get("kind") == "measurement" and m.get("rule") == "R1"}
    assert judged and not any(f"signal {k}" in s for s in judged for k in SILENT), judged


def test_1_a_signal_the_declared_model_does_not_silence_is_still_judged(catalog, run_manifest, monkeypatch,
                                                                        tmp_path):
    """The same capture with its model declared at a rolloff factor of 0.99 (a gain of 0.01 held beyond the
    maximum distance, not 0): its silent 8 and 12 m signals are judged, and fail R3, as before."""
    path = _linear(monkeypatch, tmp_path / "linear.ndjson.gz")
    lines = gzip.decompress(path.read_bytes()).split(b"\n")
    header = orjson.loads(lines[0])
    (stream,) = [s for s in header["streams"] if s.get("type") == "binaural"]
    stream["binaural"]["distance_model"]["rolloff_factor"] = 0.99
    path.write_bytes(gzip.compress(b"\n".join([orjson.dumps(header), *lines[1:]])))
    records, _ = _run(catalog, run_manifest, path, [RID])
    assert records[RID].verdict.value == "fail"
    failed = [item for item in records[RID].evidence if item.get("kind") == "finding"]
    assert {f["rule"] for f in failed} == {"R3"} and len(failed) == 4, failed
    assert all("the right ear at -inf dB FS" in f["message"] for f in failed)
    assert not any(n.get("text", {}).get("key") == "terminal.binaural-silenced" for n in records[RID].evidence)


def test_1_td_aud_004_s_known_bad_silent_ear_still_fails_r3(catalog, run_manifest):
    """No distance model declared: nothing is left out, the silent right ear fails R3; its level, -inf dB FS, is
    written as text in the finding's actual (it was null), and the report validates."""
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["binaural-rendering"],
                            files={"captures": ["aud-rules/binaural-silent-ear.ndjson.gz"]})
    result = run_manifest(manifest, requirements=[RID])
    (record,) = [r for r in result.report.requirements if r.requirement == RID]
    assert record.verdict.value == "fail"
    failed = [item for item in record.evidence if item.get("kind") == "finding"]
    assert failed and {f["rule"] for f in failed} == {"R3"}
    assert all(f["actual"][1] == "-inf" for f in failed), failed
    report = _report_json(result)
    assert catalog.schemas.findings(report, REPORT_SCHEMA) == []


def _texts(markdown: str, lang: str) -> dict[str, str]:
    """Every text of the case that counts or judges the test signals, by where it stands."""
    case = _cases(markdown)[RID]
    purpose = _row(case, "测试目的" if lang == "zh" else "Test purpose").split("<br>")
    rules = {line[:2]: line for line in purpose if line.startswith(("R1", "R2", "R3"))}
    steps = [s for s in _steps(case, lang) if "100 ms" in s and ("4 " in s)]
    assert len(steps) == 1, _steps(case, lang)
    conditions = _row(case, "前置条件" if lang == "zh" else "Initial conditions").split("<br>")
    (environment,) = [c for c in conditions if "30 dB" in c]
    verdicts = _verdict_lines(case, lang)
    return {"statement": purpose[0], **rules, "step": steps[0], "environment": environment,
            "expected": _row(case, "预期结果" if lang == "zh" else "Expected result"),
            "pass": verdicts["通过" if lang == "zh" else "Pass"],
            "inconclusive": verdicts["不确定" if lang == "zh" else "Inconclusive"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_1_class_every_text_counting_or_judging_the_signals_leaves_out_those_the_model_silences(
        zh_markdown, en_markdown, lang):
    texts = _texts(zh_markdown if lang == "zh" else en_markdown, lang)
    assert set(texts) == {"statement", "R1", "R2", "R3", "step", "environment", "expected", "pass", "inconclusive"}
    zero = r"(距离模型(在其距离上)?|该模型)增益为 0" if lang == "zh" else r"(distance model's|that model's) gain is 0"
    for where, text in texts.items():
        assert re.search(zero, text), (where, text)
    assert "`distance_model`" in texts["step"] and "TD‑AUD‑007" in texts["step"], texts["step"]


def test_1_the_note_s_environment_table_reckons_td_aud_004_s_noise_against_a_signal_the_model_does_not_silence(
        note_md, note_md_en):
    """The 编制说明's table of test environments: the 30 dB is reckoned against the quietest signal the declared
    distance model does not silence for TD-AUD-004 too (a silenced signal has no level to be 30 dB below)."""
    (zh,) = [line for line in note_md.splitlines() if line.startswith("| 声学测量时耳处的背景噪声")]
    assert "比最弱测试信号（TD‑AUD‑004 与 TD‑AUD‑007 为所声明距离模型增益不为 0 者中最弱的）的电平低至少 30 dB" \
        in zh, zh
    (en,) = [line for line in note_md_en.splitlines() if line.startswith("| Background noise at the ears")]
    assert "(TD‑AUD‑004 and TD‑AUD‑007: the quietest the declared distance model does not silence)" in en, en


def test_1_the_version_is_a_minor_step_with_its_history(catalog):
    entry = catalog.requirement(RID)
    assert entry.version in ("1.3", "1.3.1")  # 1.3.1: R1's U named as the resolution (seventy-fifth reading, c2)
    assert "1.3 (issue 76, seventy-fourth reading, follow-up of part h139-aud's c1, part h140-aud4)" in entry.notes.en
    assert "1.3 版（议题 76，第七十四次审读，第 h139-aud 部分 c1 的后续，第 h140-aud4 部分）" in entry.notes.zh


# -- 2. no value that is not a finite number is written as null ----------------------------------------------------


def _silent_where_sound(monkeypatch, path):
    """The linear scene rendered linearly (silent at 8 and 12 m) but declared under the inverse model, whose gain
    is not 0 anywhere: a renderer silent where the model expects sound."""
    import copy

    from conformance.areas.terminal.generate import device
    from conformance.areas.terminal.generate.capture import write
    from conformance.areas.terminal.generate.distance import DISTANCE_ID, linear_scene

    spec = copy.deepcopy(device._STREAMS[DISTANCE_ID])
    linear_scene(spec)
    spec["binaural"]["distance_model"] = {"model": "inverse", "ref_distance_m": 2.0, "max_distance_m": 8.0,
                                          "rolloff_factor": 1.0}
    spec["x-distance-rendering"] = "linear"
    monkeypatch.setitem(device._STREAMS, DISTANCE_ID, spec)
    write(path, "distance_rig", 2.6, [])
    return path


def test_2_a_renderer_silent_where_the_model_expects_sound_fails_and_the_report_validates(
        catalog, run_manifest, monkeypatch, tmp_path):
    """The error at 8 and 12 m is inf dB: its measurement's value was null (the schema wants a number). Now it is
    recorded as the amplitude ratio 0 against the least 10^(-1/20) a 1 dB tolerance allows; the fail stands."""
    path = _silent_where_sound(monkeypatch, tmp_path / "silent.ndjson.gz")
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["distance-attenuation"])
    manifest["targets"]["captures"] = {"adapter": "file", "paths": [str(path)]}
    result = run_manifest(manifest, requirements=["TD-AUD-007"])
    (record,) = [r for r in result.report.requirements if r.requirement == "TD-AUD-007"]
    assert record.verdict.value == "fail"
    report = _report_json(result)
    assert catalog.schemas.findings(report, REPORT_SCHEMA) == []
    items = [i for r in report["requirements"] if r["requirement"] == "TD-AUD-007" for i in r["evidence"]]
    silent = [m for m in items if m["kind"] == "measurement" and m["subject"].endswith(("8.00 m", "12.00 m"))]
    assert len(silent) == 4, items
    assert all(m["value"] == 0.0 and m["outcome"] == "fail" and m["limit_kind"] == "min" and m["unit"] == "1"
               and m["limit"] == pytest.approx(10 ** (-1 / 20), abs=1e-5) for m in silent), silent
    found = [f for f in items if f["kind"] == "finding" and "-inf dB from its level" in f["message"]]
    assert len(found) == 4 and all(f["actual"] == "-inf" for f in found), found
    # each finding's Chinese text renders from the report (its -inf a text the template reads back as the number)
    zh = [localize(f["message"], f["text"], "zh") for f in found]
    assert all("为 -inf dB" in t and "相差 inf dB" in t for t in zh), zh


def test_2_a_message_argument_that_is_no_finite_number_survives_the_report():
    said = msg("terminal.distance-silent-measured", sid="'e'", source="a", distance=8.0, at="x", measured=-math.inf,
               reference=2.0, model="linear", below=20.0)
    text = orjson.loads(orjson.dumps(said.text()))  # as a report holds it
    assert text["args"]["measured"] == "-inf"
    assert Message.of(text) == said
    assert "-inf dB" in localize(str(said), text, "zh") and "的声级相对其在" in localize(str(said), text, "zh")


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_2_a_finding_s_or_note_s_value_that_is_no_finite_number_is_written_as_its_text(value):
    evidence = Evidence()
    evidence.finding("x", file="f", actual=[value, 1.5], expected={"at": value}, level=value)
    evidence.note("y", file="f", level=value)
    finding, note = evidence.export()
    assert finding["actual"] == [str(value), 1.5] and finding["expected"] == {"at": str(value)}
    assert finding["level"] == str(value) and note["level"] == str(value)
    assert b"null" not in orjson.dumps([finding, note])


def test_2_a_finding_with_finite_values_keeps_them_as_they_are():
    actual = (1.0, [2.0, 3])
    evidence = Evidence()
    evidence.finding("x", file="f", actual=actual)
    (finding,) = evidence.export()
    assert finding["actual"] == [1.0, [2.0, 3]]  # as before (the redactor's clip makes the tuple a list)


@pytest.mark.parametrize(("member", "value"), [("value", math.inf), ("value", math.nan), ("uncertainty", math.inf)])
def test_2_class_a_measurement_holding_a_non_finite_number_is_recorded_as_a_note(member, value):
    """The core's safety net, for any check of any area: the report's schema holds a measurement's numbers as JSON
    numbers; one that is not finite becomes a note saying what was judged and why it is no measurement item."""
    item = {"requirement": "TD-AUD-004", "rule": "R4", "quantity": "clock drift", "subject": "ears", "value": 0.5,
            "unit": "1", "uncertainty": 0.0, "k": 2.0, "limit": 0.001, "limit_kind": "max",
            "decision_rule": "simple", "guard_band": 0.0, "outcome": "fail", "u_a": 0.0, "u_b": 0.0,
            "basis": "type A only", "file": "c.ndjson", member: value}
    evidence = Evidence()
    evidence.measurement(item)
    (note,) = evidence.export()
    assert note["kind"] == "note" and note["text"]["key"] == "measurement.not-finite", note
    assert f"{member} is no finite number" in note["message"] and note["file"] == "c.ndjson"
    assert "R4 clock drift of ears" in note["message"] and "fail, beyond the limit" in note["message"]
    assert "不是有限数值" in localize(note["message"], orjson.loads(orjson.dumps(note["text"])), "zh")
    assert b"null" not in orjson.dumps(note)
    finite = Evidence()
    finite.measurement({**item, member: 0.0})
    assert finite.export()[0]["kind"] == "measurement"
