"""Seventy-sixth reading, part h142-scenes.

c1 (X): SC-TILE-009's check failed a tile under rule R2 when it had a batch table binary part but no batch table JSON
(``scenes.tile-batch-binary-alone``), a condition neither R2 nor step 3 stated. 3D Tiles 1.1 (and 1.0) does state it,
in the Header of Batched 3D Model, Instanced 3D Model and Point Cloud: batchTableBinaryByteLength "If
batchTableJSONByteLength is zero, this will also be zero". R2 and step 3 now state it (1.4.0), with a known-bad case.
The class: every finding the legacy tile reader writes names a condition the test case's rules or steps state, under
the rule the check reports it (the composite's missing inner tiles were a second instance, now in step 3).

Doubtful 2: SC-BIM-003's step 3 recorded the Name of every IfcProjectedCRS while the check judges R3 on one, the CRS
the model is placed in (the statement's "a named IfcProjectedCRS that a coordinate operation reaches", R3's "the
IfcProjectedCRS"). The check is right; the steps now say what it judges (1.3.1). An unnamed second CRS breaks the IFC
schema (Name is not optional), which SC-BIM-002 finds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
LEGACY = ROOT / "src" / "conformance" / "areas" / "scenes" / "legacy.py"
FIXTURES = ROOT / "suites" / "scenes" / "fixtures"

#: each finding of the legacy tile reader -> (its rule, the condition the Chinese test case states for it)
CONDITIONS = {
    "scenes.tile-header-short": ("R1", "完整的瓦片头"),
    "scenes.tile-magic-unknown": ("R1", "magic 为已知格式"),
    "scenes.tile-version": ("R1", "版本为 1"),
    "scenes.tile-length": ("R1", "内容文件的 byteLength 等于文件长度"),
    "scenes.tile-length-exceeds": ("R2", "每个内部瓦片的 byteLength 位于复合瓦片余下的字节之内"),
    "scenes.tile-inner-missing": ("R2", "复合瓦片所声明的 tilesLength 个内部瓦片均在其 byteLength 之内"),
    "scenes.tile-batch-binary-alone": ("R2", "batchTableJSONByteLength 为 0 时 batchTableBinaryByteLength 亦为 0"),
    "scenes.tile-section-exceeds": ("R2", "要素表、批量表与内嵌二进制 glTF 各部分位于 byteLength 之内"),
    "scenes.tile-glb-short": ("R2", "内嵌二进制 glTF 各部分位于 byteLength 之内"),
    "scenes.tile-glb-exceeds": ("R2", "内嵌二进制 glTF 各部分位于 byteLength 之内"),
    "scenes.tile-misaligned": ("R3", "8 字节边界"),
    "scenes.tile-json-invalid": ("R4", "核对其为 JSON 对象"),
    "scenes.tile-gltf-format": ("R5", "gltfFormat 为 0 或 1"),
}


def _case(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    return markdown[start:markdown.index("\n### ", start)].replace("`", "").replace("\u2011", "-")


def _steps(case: str) -> list[str]:
    row = next(line for line in case.splitlines() if line.startswith(("| 测试步骤 |", "| Test steps |")))
    return row.split("|")[2].split("<br>")


def _emitted() -> dict[str, set[str]]:
    """Each message key the legacy tile reader writes, with the rules it writes it under."""
    found: dict[str, set[str]] = {}
    for key, rule in re.findall(r'_finding\(out, \w+, "(scenes\.[\w-]+)", "(R\d)"', LEGACY.read_text(encoding="utf-8")):
        found.setdefault(key, set()).add(rule)
    return found


def test_every_legacy_tile_finding_is_mapped_to_its_rule():
    emitted = _emitted()
    assert len(emitted) >= 12
    assert emitted == {key: {rule} for key, (rule, _) in CONDITIONS.items()}


def test_every_legacy_tile_finding_names_a_condition_its_rule_or_steps_state(zh_markdown):
    case = _case(zh_markdown, "SC-TILE-009 旧式瓦片内容的布局符合其瓦片格式的规定")
    steps = _steps(case)
    purpose = next(line for line in case.splitlines() if line.startswith("| 测试目的 |"))
    rules = dict(re.findall(r"(R\d)：([^<|]+)", purpose))
    unstated = []
    for key, (rule, condition) in CONDITIONS.items():
        # stated in the rule itself, or in a step that names the rule
        places = [rules[rule]] + [step for step in steps if f"规则 {rule}" in step]
        if not any(condition in place for place in places):
            unstated.append(key)
    assert unstated == []


def test_r2_and_step_3_state_the_batch_table_condition_in_both_languages(zh_markdown, en_markdown):
    zh = _case(zh_markdown, "SC-TILE-009 旧式瓦片内容的布局符合其瓦片格式的规定")
    assert "R2：每个旧式瓦片的要素表、批量表与二进制 glTF 各部分应位于其 byteLength 之内，" \
           "且在其 batchTableJSONByteLength 为 0 时其 batchTableBinaryByteLength 为 0。" in zh
    en = _case(en_markdown, "SC-TILE-009 Legacy tile content is laid out as its tile format defines")
    assert "with a batchTableBinaryByteLength of 0 where its batchTableJSONByteLength is 0" in en
    assert "that batchTableBinaryByteLength is 0 where batchTableJSONByteLength is 0 (rule R2)" in en


def test_the_batch_table_condition_has_a_known_bad_case_the_check_fails_under_r2():
    from conformance.areas.scenes import legacy

    cases = yaml.safe_load((ROOT / "suites" / "scenes" / "known_bad.yaml").read_text(encoding="utf-8"))["SC-TILE-009"]
    case = next(c for c in cases if "legacy-batch-binary-alone/tile.b3dm" in c["files"]["tilesets"])
    assert case["rule"] == "R2"
    layout = legacy.inspect((FIXTURES / "legacy-batch-binary-alone" / "tile.b3dm").read_bytes())
    assert [(f.rule, case["finding"] in f.message) for f in layout.findings] == [("R2", True)]


def test_sc_bim_003_steps_judge_r3_on_the_crs_the_model_is_placed_in(zh_markdown, en_markdown):
    zh = _case(zh_markdown, "SC-BIM-003 ")
    assert "并记录各自的 Name" not in zh
    assert "记录第一个此类坐标运算所指向的 IfcProjectedCRS（即放置模型的坐标参照系；没有此类坐标运算时，" \
           "为文件中的第一个 IfcProjectedCRS）的 Name（规则 R3）；其他 IfcProjectedCRS 实例不按 R3 判定" in zh
    en = _case(en_markdown, "SC-BIM-003 ")
    assert "record each one's Name" not in en
    assert "the other IfcProjectedCRS instances are not judged under R3" in en


def test_a_second_unnamed_crs_is_sc_bim_002s_finding_not_sc_bim_003s(tmp_path):
    ifcopenshell = pytest.importorskip("ifcopenshell")
    from conformance.areas.scenes import ifc

    text = (FIXTURES / "bim" / "crs-without-name.ifc").read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.startswith("#57=IFCPROJECTEDCRS($,"))
    named = line.replace("IFCPROJECTEDCRS($,", "IFCPROJECTEDCRS('EPSG:4547',")
    second = line.replace("#57=", "#9057=")  # a second CRS, unnamed, that no operation targets
    path = tmp_path / "two-crs.ifc"
    path.write_text(text.replace(line, named + "\n" + second), encoding="utf-8")
    model = ifcopenshell.open(str(path))
    assert len(model.by_type("IfcProjectedCRS")) == 2
    found, name = ifc.georeference(model)
    assert (found, name) == ([], "EPSG:4547")
    assert [f.pointer for f in ifc.schema_issues(model) if f.actual == "IfcProjectedCRS.Name"] == ["#9057"]
