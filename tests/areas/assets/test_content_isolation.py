"""AS-CONT-002 judges the registry's own assets, not the probes other test cases left in it: its
verdict is the same whether or not a test that issues assets ran before it against the same
registry, in this run or an earlier one (issue 70, "two laboratories, one verdict"). Before, the
asset IF-ROB-002 issues with the contract's example (content on the registry's origin, never
uploaded) was judged too, and AS-CONT-002 failed after it on a conformant registry."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for


def _judged(result, requirement):
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    return record.verdict.value, sorted(str(item.get("message")) for item in record.evidence
                                        if item.get("kind") == "finding")


@pytest.mark.slow
def test_served_content_verdict_does_not_depend_on_which_tests_ran(catalog, serve_reference, run_manifest, tmp_path):
    url = serve_reference()
    registry = manifest_for(catalog, "asset-registry", base_urls={"api": url})
    robustness = manifest_for(catalog, "interfaces-robustness", base_urls={"api": url})
    before = run_manifest(registry, requirements=["AS-CONT-002"], out_dir=tmp_path / "before")
    probes = run_manifest(robustness, requirements=["IF-ROB-002"], out_dir=tmp_path / "probes")
    after = run_manifest(registry, requirements=["AS-CONT-002"], out_dir=tmp_path / "after")
    assert _judged(probes, "IF-ROB-002")[0] == "pass"  # the other test did issue its probe asset
    assert _judged(before, "AS-CONT-002") == _judged(after, "AS-CONT-002") == ("pass", [])
