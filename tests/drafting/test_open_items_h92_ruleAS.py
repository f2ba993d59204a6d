"""Issue 76's open items in the assets area, part h92-ruleAS (docs/drafting.md, "Open items of issue 76, part
h92-ruleAS"): AS-VRM-001's thumbnail findings and AS-MINOR-002's play-time terms' schema findings name the rule
that now states them (rows 1 and 2), and a referenced model or medium the test equipment refuses to read is left
unjudged by AS-AIGC-003/-005/-006/-007 (row 4; the behaviour is tests/areas/assets/test_generated.py's). Each test
fails on the sources as they were at c0dd8477."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import manifest_for
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.e2e.interlab import known_bad_cases

#: (requirement, index in suites/assets/known_bad.yaml) of the cases this part added
CASES = [("AS-VRM-001", 30), ("AS-VRM-001", 31), ("AS-MINOR-002", 4)]


def _case(requirement: str, index: int) -> dict[str, Any]:
    area, case = known_bad_cases()[requirement][index]
    assert area == "assets"
    return case


@pytest.mark.parametrize(("requirement", "index"), CASES, ids=[f"{r}#{i}" for r, i in CASES])
def test_the_finding_no_rule_stated_is_recorded_under_its_rule(catalog, serve_reference, run_manifest,
                                                               requirement, index):
    """Rows 1 and 2: the thumbnails' findings (R3 for VRM 1.0, R6 for 0.x) and the terms' schema findings (R5)
    named no rule, so the report's 规则 column was empty."""
    case = _case(requirement, index)
    base_urls = {"api": serve_reference(case["defects"])} if case.get("defects") else None
    manifest = manifest_for(catalog, case["profile"], base_urls=base_urls, files=case.get("files"))
    result = run_manifest(manifest, requirements=[requirement])
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    assert record.verdict.value == "fail", record.message
    named = [item for item in record.evidence if item.get("kind") == "finding" and case["finding"] in item["message"]]
    assert named and {f.get("rule") for f in named} == {case["rule"]}, [i for i in record.evidence if i.get("kind") == "finding"]


def test_the_rules_state_the_thumbnails_and_the_terms_schema(catalog):
    """Rows 1 and 2: a rule of the requirement states each finding, in both languages."""
    vrm = {rule.id: rule for rule in catalog.requirement("AS-VRM-001").rules}
    assert "thumbnailImage" in vrm["R3"].en and "thumbnailImage" in vrm["R3"].zh
    assert "`texture` (the thumbnail)" in vrm["R6"].en and "texture（缩略图）" in vrm["R6"].zh
    minor = {rule.id: rule for rule in catalog.requirement("AS-MINOR-002").rules}
    assert "playtime-terms schema" in minor["R5"].en and "playtime-terms 模式" in minor["R5"].zh


def test_the_vrm_case_reads_the_thumbnails_under_their_rules(zh_markdown, en_markdown):
    """Row 1: the rendered case's steps look at the thumbnail under R3 and R6."""
    zh = _cases(zh_markdown)["AS-VRM-001"]
    assert "`thumbnailImage` 是否为 `images` 的有效索引（规则 R3）" in zh
    assert "`textures` 的有效索引（规则 R6）" in zh
    en = _cases(en_markdown)["AS-VRM-001"]
    assert "a `thumbnailImage` present is an index into `images` (rule R3)" in en
    assert "an index into `textures` (rule R6)" in en


@pytest.mark.parametrize("requirement", ["AS-AIGC-003", "AS-AIGC-005", "AS-AIGC-006", "AS-AIGC-007"])
def test_a_file_refused_unread_is_stated_not_judged(catalog, requirement):
    """Row 4 (m2.6): the notes say a referenced file the test equipment refuses to read is not judged."""
    notes = catalog.requirement(requirement).notes
    assert "refused unread by the test equipment (over its file size cap" in notes.en
    assert "测试设备拒绝读取（超过文件大小上限" in notes.zh


def test_review_terms_not_schema_valid_leave_the_named_record_unjudged(catalog, serve_reference, run_manifest):
    """Row 3: AS-REVIEW-002 reads the declared content review as a set-up; terms the review-terms schema refuses
    failed it under none of its rules. They are AS-REVIEW-001's finding, and AS-REVIEW-002 is inconclusive naming
    AS-REVIEW-001."""
    manifest = manifest_for(catalog, "content-rating", base_urls={"api": serve_reference(["review-terms-malformed"])})
    result = run_manifest(manifest, requirements=["AS-REVIEW-001", "AS-REVIEW-002"])
    records = {r.requirement: r for r in result.report.requirements}
    assert records["AS-REVIEW-001"].verdict.value == "fail"
    assert records["AS-REVIEW-002"].verdict.value == "inconclusive", records["AS-REVIEW-002"].message
    assert "AS-REVIEW-001" in records["AS-REVIEW-002"].message
    assert not [i for i in records["AS-REVIEW-002"].evidence if i.get("kind") == "finding"]
