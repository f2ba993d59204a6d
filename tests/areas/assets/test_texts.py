"""The assets area's report texts read in Chinese under --lang zh: findings, notes and the
steps they name come from templates (areas/assets/messages.yaml), while names, pointers and the
Khronos glTF-Validator's own words are inserted as given."""

from __future__ import annotations

from typing import Any

from conformance.messages import localize
from tests.conftest import manifest_for


def _items(result: Any, requirement: str, kind: str = "finding") -> list[dict[str, Any]]:
    record = next(r for r in result.report.requirements if r.requirement == requirement)
    return [item for item in record.evidence if item.get("kind") == kind]


def _zh(item: dict[str, Any]) -> str:
    return localize(item["message"], item["text"], "zh")


def test_history_findings_read_in_chinese_with_the_asset_and_event_as_given(catalog, run_manifest):
    manifest = manifest_for(catalog, "asset-history", files={"asset_history": ["history-tampered.ndjson"]})
    result = run_manifest(manifest, requirements=["AS-HIST-001"])
    findings = _items(result, "AS-HIST-001")
    assert findings and all(item["text"]["key"] == "assets.chain-event" for item in findings)
    broken = next(item for item in findings if item["text"]["args"]["problem"]["key"] == "assets.chain-prev-hash")
    asset, where = broken["text"]["args"]["asset"], broken["text"]["args"]["problem"]["args"]["where"]
    assert _zh(broken) == f"资产 {asset}：未链接到上一个事件 {where}"
    assert broken["message"] == f"asset {asset}: does not link to the previous event {where}"


def test_validator_code_and_message_stay_the_validators_own(catalog, run_manifest):
    manifest = manifest_for(catalog, "asset-3d-content", files={"models": ["3d/warning-incompatible-mode.gltf"]})
    result = run_manifest(manifest, requirements=["AS-GLTF-002"])
    (warning,) = _items(result, "AS-GLTF-002")
    args = warning["text"]["args"]
    assert args["code"] == "MESH_PRIMITIVE_INCOMPATIBLE_MODE" and args["message"]
    assert warning["message"] == f"{args['code']}: {args['message']}"
    assert _zh(warning) == f"glTF-Validator 报告 {args['code']}：{args['message']}"
    notes = [_zh(item) for item in _items(result, "AS-GLTF-002", "note")]
    assert any(note.startswith("已用 Khronos glTF-Validator") for note in notes)


def test_a_registry_finding_names_its_step_in_the_same_language(catalog, serve_reference, run_manifest):
    manifest = manifest_for(catalog, "asset-registry",
                            base_urls={"api": serve_reference(["registry-issue-held-by-registry"])})
    result = run_manifest(manifest, requirements=["AS-REG-001"])
    owner = next(item for item in _items(result, "AS-REG-001")
                 if item["text"]["key"] == "assets.state-member" and item["text"]["args"]["key"] == "owner")
    assert owner["message"].startswith("after issue: owner of ")
    assert _zh(owner).startswith("发行后：") and _zh(owner).endswith(" 的 owner 与预期不符")
    record = next(r for r in result.report.requirements if r.requirement == "AS-REG-001")
    assert record.text and "个不符合项" in localize(record.message, record.text, "zh")


def test_a_missing_member_and_the_profile_it_is_required_by(catalog, run_manifest, tmp_path):
    # identity members carried in part: the others are missing (AS-META-001; AS-META-004 3.0 requires no member)
    partial = tmp_path / "partial.json"
    partial.write_text('{"name": "Voxel Helmet", "asset_id": "helmet-0001"}', encoding="utf-8")
    manifest = manifest_for(catalog, "asset-metadata")
    manifest["targets"]["asset_metadata"]["paths"] = [str(partial)]
    result = run_manifest(manifest, requirements=["AS-META-001"])
    missing = [item for item in _items(result, "AS-META-001") if item["text"]["key"] == "assets.member-missing"
               and item["text"]["args"]["member"] == "issuer"]
    expected = "issuer is missing; the asset-metadata profile requires it (AS-META-001)"
    assert [m["message"] for m in missing] == [expected]
    assert _zh(missing[0]) == "缺少 issuer；asset-metadata 配置要求提供该成员（AS-META-001）"
