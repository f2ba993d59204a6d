"""IF-CON-001 and IF-RATE-001 judge their own exchanges: their verdicts and findings are the same
whichever other test cases ran before them in the same run (issue 70, "two laboratories, one
verdict"). Before, both judged the run's shared log of answers, so an answer another test
provoked (here the 500 a malformed body gets from a defective platform, IF-ROB-001's to judge)
failed IF-CON-001 in one run and not in another."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for


def _findings(result, requirement):
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    return record.verdict.value, sorted(
        (item.get("message"), str(item.get("file"))) for item in record.evidence if item.get("kind") == "finding")


@pytest.mark.slow
def test_contract_verdict_does_not_depend_on_which_tests_ran(catalog, serve_reference, run_manifest, tmp_path):
    url = serve_reference(["malformed-body-500"])
    core = manifest_for(catalog, "interfaces-core", base_urls={"api": url})
    robustness = manifest_for(catalog, "interfaces-robustness", base_urls={"api": url})
    both = {**core, "profiles": core["profiles"] + robustness["profiles"],
            "targets": {**robustness["targets"], **core["targets"]}}
    alone = run_manifest(both, requirements=["IF-CON-001"], out_dir=tmp_path / "alone")
    with_others = run_manifest(both, requirements=["IF-ROB-001", "IF-CON-001"],
                               out_dir=tmp_path / "with-others")
    assert _findings(with_others, "IF-ROB-001")[0] == "fail"  # the other test did provoke the 500s
    assert _findings(alone, "IF-CON-001") == _findings(with_others, "IF-CON-001") == ("pass", [])
