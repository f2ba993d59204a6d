"""A run with the certificate verification 5.1 requires switched off (``verify_tls: false``) cannot support a claim
of conformance: under a certification plan it is refused, one line and exit 2; without a plan it runs, its report
copying the manifest that says so (forty-ninth reading, part h102-ixit, ax1)."""

from __future__ import annotations

import pytest
import yaml

from conformance import HarnessInputError
from conformance._run.plan import make_plan
from conformance.certification.plans import load_plan
from tests.conftest import shipped_catalog


def _files(folder, verify_tls: bool):
    target = {"adapter": "http", "base_url": "https://platform.test/", **({} if verify_tls else {"verify_tls": False})}
    manifest = folder / "manifest.yaml"
    manifest.write_text(yaml.safe_dump({"product": {"name": "P", "version": "1"}, "profiles": ["interfaces-core"],
                                        "targets": {"api": target}}))
    plan = folder / "plan.yaml"
    plan.write_text(yaml.safe_dump({"id": "pilot-1", "version": "1", "program": "Pilot",
                                    "catalog_digest": shipped_catalog().digest, "profiles": {"interfaces-core": {}}}))
    return manifest, load_plan(plan, shipped_catalog())


def test_a_certification_run_with_verification_off_is_refused(tmp_path):
    manifest, plan = _files(tmp_path, verify_tls=False)
    with pytest.raises(HarnessInputError) as refused:
        make_plan(manifest, shipped_catalog(), certification=plan)
    assert refused.value.where.endswith("$.targets.api.verify_tls")
    assert "5.1" in refused.value.line()


def test_a_run_with_verification_off_and_no_plan_is_planned_and_a_verified_one_is_certified(tmp_path):
    manifest, plan = _files(tmp_path, verify_tls=False)
    assert make_plan(manifest, shipped_catalog()).manifest.targets["api"]["verify_tls"] is False
    manifest, plan = _files(tmp_path, verify_tls=True)
    assert make_plan(manifest, shipped_catalog(), certification=plan).certification is plan
