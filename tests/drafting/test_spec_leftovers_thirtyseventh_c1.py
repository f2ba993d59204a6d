"""The leftovers of the thirty-seventh reading of issue 76, part c1 (docs/drafting.md, "Leftovers of the
thirty-seventh reading, part c1"): rows c1 to c8 of read37c, each a case's text against its check. SC-CITY-008
and its siblings are inconclusive, not not applicable, when every geometry was left unjudged (c1); SC-GEO-001 records
an entry tileset it cannot place (c2); SC-BIM-003 says what an IFC2X3 model gives (c3); TD-BCI-008 records an
unmeasured stream and sine as TD-BCI-007 does (c4); TD-BIO-003 is not applicable with no biometric stream exported
(c5); TD-DISP-001 names a display stream without its rate (c6); TD-DISP-009 does not pass with one eyepiece
measured (c7); TD-DISP-011 gives its field points as the check has them (c8). Each test fails on the sources as they
were before these fixes."""

from __future__ import annotations

import io
import json

import orjson

from conformance.areas.terminal.eyepiece_luminance import POINT_TOLERANCE_DEG, POINTS
from conformance.areas.terminal.generate import photon
from conformance.areas.terminal.generate.capture import generate, write
from tests.conftest import captures_verdict, manifest_for, verdict_and_evidence
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_a_model_whose_only_solid_is_malformed_is_inconclusive(catalog, run_manifest, tmp_path):
    """c1: a Solid indexing a vertex that is not there (SC-CITY-002's finding) was recorded unjudged and then the
    run was not applicable, where step 3 and the 不确定 line make it inconclusive."""
    model = {"type": "CityJSON", "version": "2.0", "transform": {"scale": [1, 1, 1], "translate": [0, 0, 0]},
             "CityObjects": {"b": {"type": "Building", "geometry": [
                 {"type": "Solid", "lod": "1", "boundaries": [[[[0, 1, 2, 99]]]]}]}},
             "vertices": [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]]}
    path = tmp_path / "broken.city.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    manifest = manifest_for(catalog, "scene-cityjson")
    manifest["targets"]["city_models"]["paths"] = [str(path)]
    result = run_manifest(manifest, requirements=["SC-CITY-008"])
    verdict, evidence = verdict_and_evidence(result, "SC-CITY-008")
    assert verdict == "inconclusive", evidence


def test_an_entry_tileset_that_cannot_be_placed_is_not_passed_over(zh_markdown, en_markdown):
    """c2: a root with no readable bounding volume was skipped silently, so a run could pass with nothing judged;
    it is now unjudged, and step 3 and the 不确定 line say so."""
    zh, en = _cases(zh_markdown)["SC-GEO-001"], _cases(en_markdown)["SC-GEO-001"]
    assert "无法确定其位置而未予判定" in _verdict_lines(zh, "zh")["不确定"]
    assert "so it cannot be placed and is not judged" in _verdict_lines(en, "en")["Inconclusive"]
    assert "该瓦片集未予判定" in _steps(zh, "zh")[2]
    assert "leaves its tileset not judged" in _steps(en, "en")[2]
    from tests.paths import ROOT
    source = (ROOT / "suites" / "scenes" / "test_tilesets.py").read_text(encoding="utf-8")
    assert 'evidence.unjudged(tileset.name, msg("scenes.root-unplaced")' in source


def test_the_bim_case_says_an_ifc2x3_model_fails_r1(zh_markdown, en_markdown):
    """c3: the check fails every IFC2X3 model under R1, which only a note (not rendered) said."""
    zh, en = _cases(zh_markdown)["SC-BIM-003"], _cases(en_markdown)["SC-BIM-003"]
    assert "模式为 `IFC2X3` 的模型没有 `IfcProjectedCRS` 与 `IfcMapConversion`" in "".join(_steps(zh, "zh"))
    assert "a model of schema `IFC2X3` has neither `IfcProjectedCRS` nor `IfcMapConversion`" in "".join(
        _steps(en, "en"))


def test_the_bci_interface_case_names_its_unjudged_streams_and_sines(zh_markdown, en_markdown):
    """c4: TD-BCI-008 passed over an unmeasured read_through stream and the sines too short or too fast to
    measure; its lines now say so per stream, as TD-BCI-007's do, and the check records both unjudged."""
    zh, en = _verdict_lines(_cases(zh_markdown)["TD-BCI-008"], "zh"), _verdict_lines(
        _cases(en_markdown)["TD-BCI-008"], "en")
    assert "每个声明 `read_through` 的数据流均得到判定、其所声明的每个正弦均得到测量" in zh["通过"]
    assert "过短、频率过高而无法测量（即使另有数据流得到判定）" in zh["不确定"]
    assert "every stream declaring `read_through` is judged and each sine it declares is measured" in en["Pass"]
    assert "too short or too fast for the sampling to measure, even beside a stream judged" in en["Inconclusive"]
    from tests.paths import ROOT
    source = (ROOT / "suites" / "terminal" / "test_bci.py").read_text(encoding="utf-8")
    interface = source[source.index("def test_the_interface_answers_the_calibrated_test_signal"):]
    assert '"terminal.calibration-unjudged"' in interface and '"terminal.calibration-tone-skipped"' in interface


def test_an_export_without_a_biometric_stream_is_not_applicable(catalog, run_manifest, tmp_path):
    """c5: an exported capture holding no biometric stream passed with nothing judged; the 不适用 line names it."""
    buffer = io.BytesIO()
    generate(buffer, "luminance_rig", 0.5)
    lines = buffer.getvalue().splitlines(keepends=True)
    header = orjson.loads(lines[0])
    header["export"] = {"off_device": True}
    path = tmp_path / "exported.ndjson"
    path.write_bytes(orjson.dumps(header) + b"\n" + b"".join(lines[1:]))
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-biometric-data", "TD-BIO-003", [path])
    assert verdict == "not_applicable", evidence


def test_the_luminance_case_gives_its_points_as_the_check_has_them(zh_markdown, en_markdown):
    """c8: the text put the eight points 15 degrees from the centre; the check has the diagonals at (±15°, ±15°)
    (about 21° out) and takes a declared point within 0.5°, which no step said."""
    assert (15.0, 15.0) in POINTS and POINT_TOLERANCE_DEG == 0.5
    zh, en = _cases(zh_markdown)["TD-DISP-011"], _cases(en_markdown)["TD-DISP-011"]
    assert "距中心 15" not in zh and "15 degrees from it" not in en and "15° from it" not in en
    assert "（±15，±15）" in _row(zh, "前置条件") and "(±15, ±15)" in _row(en, "Initial conditions")
    assert "不超过 0.5" in _steps(zh, "zh")[1] and "within 0.5" in _steps(en, "en")[1]


def test_a_display_stream_without_its_rate_is_named_as_such(catalog, run_manifest, tmp_path, zh_markdown,
                                                            en_markdown):
    """c6: a display stream without rate_hz was reported as one of 0 frames; it now has its own reason, named in
    不确定, and step 2 says what an undeclared refresh-rate list gives."""
    buffer = io.BytesIO()
    generate(buffer, "display_headset", 0.5)
    lines = buffer.getvalue().splitlines(keepends=True)
    header = orjson.loads(lines[0])
    for stream in header["streams"]:
        if stream["type"] == "display":
            stream.pop("rate_hz", None)
    path = tmp_path / "no-rate.ndjson"
    path.write_bytes(orjson.dumps(header) + b"\n" + b"".join(lines[1:]))
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-001", [path])
    assert verdict == "inconclusive" and "declares no rate_hz" in evidence and "0 frame" not in evidence, evidence
    zh, en = _cases(zh_markdown)["TD-DISP-001"], _cases(en_markdown)["TD-DISP-001"]
    assert "未声明 `rate_hz`" in _verdict_lines(zh, "zh")["不确定"]
    assert "declares no `rate_hz`" in _verdict_lines(en, "en")["Inconclusive"]
    assert any("refresh_rates_hz` 时，此项不予判定" in s for s in _steps(zh, "zh"))
    assert any("refresh_rates_hz`, this is not judged" in s for s in _steps(en, "en"))


def test_a_photon_rig_with_one_eyepiece_measured_does_not_pass(catalog, run_manifest, tmp_path, zh_markdown,
                                                              en_markdown):
    """c7: with one eyepiece's photodiode R4 was never judged and the run passed; it is now unjudged, and steps 3
    and 6 say what an unanswered crossing and one eye measured give."""
    path = tmp_path / "one-eye.ndjson"
    write(path, "photon_rig_headset", 4.0, only=["head", "display", photon.STAGE_ID, photon.LEFT_ID])
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-009", [path],
                                         features=["photon-rig"])
    assert verdict == "inconclusive" and "one eyepiece only" in evidence, evidence
    zh, en = _cases(zh_markdown)["TD-DISP-009"], _cases(en_markdown)["TD-DISP-009"]
    assert "某一显示仅有一个目镜得到测量而 R4 未判定" in _verdict_lines(zh, "zh")["不确定"]
    assert "a display has one eyepiece measured so R4 is not judged" in _verdict_lines(en, "en")["Inconclusive"]
    assert any("没有上升沿的越过，其时延未得到测量，记录为未判定" in s for s in _steps(zh, "zh"))
    assert any("no rise before the next stage marker has no latency measured" in s for s in _steps(en, "en"))
