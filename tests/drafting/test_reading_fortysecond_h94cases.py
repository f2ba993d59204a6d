"""The forty-second reading of issue 76, part h94-cases (docs/drafting.md, "Forty-second reading, part h94-cases"):
cases whose verdict lines or formats did not fit them (rows b7, b8, b9, c3, c4, c6 and x1 of read42b/c). Each test
fails on the draft or the harness as they were at dd1052d1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from conformance.areas._shared.discovery import DISCOVERY
from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

ROOT = Path(__file__).resolve().parents[2]
#: a verdict given inside another verdict's line: 「……，判为通过」 on 不适用, 「（……，判为不通过）」 on 不确定
_OTHER_VERDICT = {"不适用": re.compile(r"判为(?:通过|不通过|不确定)"), "不确定": re.compile(r"判为不通过")}


def test_c3_c4_no_not_applicable_or_inconclusive_line_gives_another_verdict(zh_markdown):
    """Rows c3 and c4, over the whole draft: SC-TILE-007's 不适用 line ended 「判为通过」 and TD-ACC-001/-002's 不确定
    line said 「（无法解析的文件为不符合项，判为不通过）」, verdicts their own lines did not list."""
    found = []
    for case, text in _cases(zh_markdown).items():
        lines = _verdict_lines(text, "zh")
        found += [(case, label) for label, pattern in _OTHER_VERDICT.items() if pattern.search(lines[label])]
    assert found == [], found
    tile = _verdict_lines(_cases(zh_markdown)["SC-TILE-007"], "zh")
    assert tile["不适用"] == "不适用：无（声明本测试配置的被测对象均适用本要求）。", tile["不适用"]
    assert tile["通过"].endswith("瓦片集未使用任何扩展时，其 `extensionsUsed` 无须列出任何一项，亦判为通过。"), \
        tile["通过"]


def test_c3_the_english_pass_line_carries_the_sentence_too(en_markdown):
    tile = _verdict_lines(_cases(en_markdown)["SC-TILE-007"], "en")
    assert tile["Not applicable"].endswith("subject to this requirement)."), tile["Not applicable"]
    assert tile["Pass"].endswith("has nothing its `extensionsUsed` must list, and passes too."), tile["Pass"]


def test_c4_the_fail_lines_list_a_descriptor_that_does_not_parse_or_is_not_an_object(zh_markdown, en_markdown):
    for case in ("TD-ACC-001", "TD-ACC-002"):
        zh, en = _verdict_lines(_cases(zh_markdown)[case], "zh"), _verdict_lines(_cases(en_markdown)[case], "en")
        assert "设备描述文件无法解析或不是 JSON 对象" in zh["不通过"], case
        assert zh["不确定"].startswith("不确定：未提供设备描述文件；或没有其他不符合项"), zh["不确定"]
        assert "does not parse or is not a JSON object" in en["Fail"], case
        assert "JSON object" not in en["Inconclusive"], en["Inconclusive"]


def test_c4_a_descriptor_that_parses_but_is_not_an_object_fails(catalog, run_manifest, tmp_path):
    """Before: `_descriptors` skipped it, so a run with only such a file was inconclusive."""
    listed = tmp_path / "device.json"
    listed.write_text("[]", encoding="utf-8")
    result = run_manifest(manifest_for(catalog, "terminal-accessibility", files={"descriptors": [str(listed)]}),
                          requirements=["TD-ACC-001", "TD-ACC-002"])
    assert verdicts(result, ["TD-ACC-001", "TD-ACC-002"]) == {"TD-ACC-001": "fail", "TD-ACC-002": "fail"}
    assert "is JSON but not an object" in reasons(result, "TD-ACC-001")


def test_b9_an_empty_list_is_inconclusive_only_when_r1_and_r3_hold(zh_markdown, en_markdown):
    zh = _verdict_lines(_cases(zh_markdown)["AS-API-001"], "zh")["不确定"]
    assert "资产列表为空，致使 R2 无资产可查，且 R1、R3 无不符合项" in zh, zh
    en = _verdict_lines(_cases(en_markdown)["AS-API-001"], "en")["Inconclusive"]
    assert "and nothing breaks R1 or R3" in en, en


def test_b9_an_empty_list_with_r3_broken_fails(catalog, run_manifest):
    """The check already gave it (R3's test is its own): an empty list beside a 200 for an unknown ID fails."""
    empty = json.dumps({"items": []}).encode()
    with serve_failing(lambda method, path, query: method == "GET" and path == "/assets", status=200,
                       body=empty, defects=("asset-unknown-200",)) as url:
        result = run_manifest(manifest_for(catalog, "asset-registry", base_urls={"api": url}),
                              requirements=["AS-API-001"])
    assert verdicts(result, ["AS-API-001"]) == {"AS-API-001": "fail"}


def _discovery_without_common_extensions(url: str) -> bytes:
    document = httpx.get(url + DISCOVERY).json()
    document["shared_scenes"]["extensions"] = []
    return json.dumps(document).encode()


def test_b8_a_pair_without_a_common_interactive_extension_is_judged_by_if_scn_001(catalog, run_manifest,
                                                                                  serve_reference):
    """Before: `_pair` raised Inconclusive for both cases; only IF-SCN-002 compares interactive nodes."""
    body = _discovery_without_common_extensions(serve_reference([]))
    with serve_failing(lambda method, path, query: method == "GET" and path == DISCOVERY, status=200,
                       body=body) as a, serve_failing(lambda *_: False) as b:
        result = run_manifest(manifest_for(catalog, "shared-scenes", base_urls={"api": a, "api_b": b}),
                              requirements=["IF-SCN-001", "IF-SCN-002"])
    assert verdicts(result, ["IF-SCN-001", "IF-SCN-002"]) == {"IF-SCN-001": "pass", "IF-SCN-002": "inconclusive"}


def test_b8_only_if_scn_002_names_the_missing_common_extension(zh_markdown, en_markdown):
    one, two = (_verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"] for case in ("IF-SCN-001", "IF-SCN-002"))
    assert "交互扩展" not in one and "两个平台没有共同声明的交互扩展" in two, (one, two)
    one, two = (_verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"]
                for case in ("IF-SCN-001", "IF-SCN-002"))
    assert "interactive extension" not in one and "no interactive extension in common" in two, (one, two)


def test_x1_the_transfer_after_the_unlock_is_rule_r6(catalog, zh_markdown, en_markdown):
    (r6,) = [rule for rule in catalog.requirement("AS-REG-006").rules if rule.id == "R6"]
    assert r6.zh == "解锁后持有者对该资产的转让应以 200 完成。", r6.zh
    zh = _row(_cases(zh_markdown)["AS-REG-006"], "测试步骤")
    assert "查看是否得到 200（规则 R6）" in zh and "R1：解锁后" not in zh, zh
    en = _row(_cases(en_markdown)["AS-REG-006"], "Test procedure")
    assert "whether the answer is 200 (rule R6)" in en, en


def test_x1_a_registry_refusing_the_transfer_after_the_unlock_fails_r6_once(catalog, run_manifest, serve_reference):
    url = serve_reference(["registry-unlock-keeps-refusing"])
    result = run_manifest(manifest_for(catalog, "asset-registry", base_urls={"api": url}),
                          requirements=["AS-REG-006"])
    assert verdicts(result, ["AS-REG-006"]) == {"AS-REG-006": "fail"}
    (record,) = [r for r in result.report.requirements if r.requirement == "AS-REG-006"]
    rules = [dict(item).get("rule") for item in record.evidence if dict(item).get("kind") == "finding"]
    assert rules == ["R6"], rules


def test_c6_the_tracker_declaration_prose_says_what_its_schema_holds():
    """Row c6: E.10's prose said `measured_by` had the motion platform's instrument members; its table differs
    (an `uncertainty` array, one element per unit, `model` required, `rate_hz`). No schema claims another's members."""
    schema = json.loads((ROOT / "schemas" / "robots" / "tracker-capture.json").read_text(encoding="utf-8"))
    for text in (schema["description"], schema["x-description-zh"]):
        assert "motion_platform" not in text and "`uncertainty`" in text, text
    for path in (ROOT / "schemas").rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert "same members as" not in text and not re.search(r"成员与[^。]*相同", text), path


def test_b7_annex_d_defines_each_sanction_id_the_checks_give_a_meaning(zh, en):
    """Row b7: IF-CODE-004 to -006 read `mute`, `suspension` and `ban` with fixed meanings while annex D allowed any
    string and defined none; the IDs the checks know are those annex D's paragraph defines, and it says what a case
    does with another."""
    from conformance.areas.interfaces.sanctions import BAN, REFUSED

    known = {*REFUSED, BAN}
    (zh_text,) = [b.text for b in zh if b.text.startswith("处罚标识（")]
    (en_text,) = [b.text for b in en if b.text.startswith("Sanction IDs (")]
    for sanction, meaning in (("mute", "禁言"), ("suspension", "暂停"), ("ban", "封禁")):
        assert f"`{sanction}`" in zh_text and f"为{meaning}" in zh_text, sanction
        assert f"`{sanction}`" in en_text, sanction
    assert set(re.findall(r"`(\w+)`（", zh_text)) == known, zh_text
    assert "其他标识不予判定" in zh_text and "leave any other ID not judged" in en_text
