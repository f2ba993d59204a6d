"""The leftovers of the thirty-ninth reading of issue 76, part aAS (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part aAS"): AS-REG-002's steps as the check performs them (row a5), AS-META-004 leaving a
document that is not a JSON object unjudged (row a7), AS-AIGC-017's producer as the check sends it (row a11) and
its served item read through `served_body` (row a1, this case only). Each test fails on the sources as they were."""

from __future__ import annotations

import json

import yaml

from conformance.reference import SAMPLES
from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for
from tests.paths import SUITES

NOT_JSON = b"<html>not json</html>"


def _steps(rid: str, lang: str) -> list[str]:
    procedures = yaml.safe_load((SUITES / "assets" / "procedures.yaml").read_text(encoding="utf-8"))["procedures"]
    return procedures[rid]["steps"][lang]


def test_a5_the_reissue_steps_follow_the_check():
    """Row a5: step 1 read the new asset's state, which the check never does, and the 404 probe came after the
    re-issue the check sends second; step 5 recorded a state before no step reads."""
    zh, en = _steps("AS-REG-002", "zh"), _steps("AS-REG-002", "en")
    assert "/state" not in zh[0] and "/state" not in en[0]
    assert "从未发行过的资产标识" in zh[1] and "never issued" in en[1]
    assert "409" in zh[2] and "`/assets/{asset_id}/state`" in zh[2] and "`/assets/{asset_id}/state`" in en[2]
    assert "前后状态" not in zh[4] and "before and after" not in en[4]


def test_a11_step_2_names_the_producer_the_check_sends():
    """Row a11: step 2 sent the laboratory's name as ContentProducer; the check sends a fixed name of the test
    equipment (and no step names the tool itself, the sixteenth reading's test)."""
    zh, en = _steps("AS-AIGC-017", "zh")[1], _steps("AS-AIGC-017", "en")[1]
    assert '"ContentProducer": 测试设备的固定名称' in zh and "实验室" not in zh
    assert '"ContentProducer": the test equipment\'s fixed name' in en and "laboratory" not in en


def test_a7_a_document_that_is_not_an_object_is_not_judged_by_the_transfer_rules(catalog, run_manifest, tmp_path):
    """Row a7: a metadata document that is not a JSON object carries neither member, yet AS-META-004 failed it
    under no rule (`assets.metadata-not-object`); beside a document with a valid transfer member it passes."""
    good = tmp_path / "with-transfer.json"
    sample = json.loads(next((SAMPLES / "asset_metadata").glob("*.json")).read_text(encoding="utf-8"))
    sample["transfer"] = {"locked": False, "min_holding_period_s": 60}
    good.write_text(json.dumps(sample), encoding="utf-8")
    listed = tmp_path / "a-list.json"
    listed.write_text("[1, 2, 3]", encoding="utf-8")
    manifest = manifest_for(catalog, "asset-metadata", files={"asset_metadata": [str(good), str(listed)]})
    result = run_manifest(manifest, requirements=["AS-META-004"])
    assert verdicts(result, ["AS-META-004"]) == {"AS-META-004": "pass"}


def test_a1_an_item_served_200_not_json_leaves_the_distribution_case_inconclusive(run_manifest, catalog):
    """Row a1 (AS-AIGC-017 only): a 200 whose body does not parse raised the parse's NonConformance, a fail under
    no rule, where the inconclusive line leaves serving to AS-API-001."""
    ids = ["AS-AIGC-017"]

    def picks(method: str, path: str, query: str) -> bool:
        return method == "GET" and path.startswith("/assets/conformance-aigc-") and path.count("/") == 2
    with serve_failing(picks, status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "asset-registry", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"AS-AIGC-017": "inconclusive"}
    assert "AS-API-001" in reasons(result, "AS-AIGC-017")
