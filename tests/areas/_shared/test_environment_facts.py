"""Area facts in the report's environment (hook ``conformance_environment``): the assets area
names the Khronos glTF-Validator and its Node.js when a run judges glTF, OpenUSD and its
validator list when it judges USD; an area the run does not claim is not asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance import _areas
from conformance.areas._shared import khronos, openusd
from conformance.cli import main
from tests.conftest import SAMPLES


def _report(tmp_path: Path, profile: str, sample: Path, formats: str = "json,html") -> dict:
    out = tmp_path / "out"
    code = main(["validate", "--profile", profile, "--format", formats, "--no-progress", "--out", str(out),
                 str(sample)])
    assert code in (0, 1)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_a_gltf_run_names_the_validator_and_node(tmp_path: Path) -> None:
    report = _report(tmp_path, "asset-3d-content", SAMPLES / "models" / "triangle.glb")
    tools = report["environment"]["areas"]["assets"]
    assert set(tools) == {"gltf_validator"}  # no USD requirement judged: OpenUSD not named
    facts = tools["gltf_validator"]
    assert facts["version"] == khronos.PIN["version"] and facts["package"] == khronos.PIN["package"]
    assert facts["installed"] is True
    assert isinstance(facts["node"], str) and facts["node"][0].isdigit()
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # The tool's line lists its facts in the order the process first gathered them: look for
    # each fact on that line rather than for one order.
    line = next((part for part in html.split("<br>") if part.startswith("assets · gltf_validator:")), "")
    assert f"package {khronos.PIN['package']}" in line and f"version {khronos.PIN['version']}" in line, line or html


@pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)")
def test_a_usd_run_names_openusd_and_its_validators(tmp_path: Path) -> None:
    report = _report(tmp_path, "asset-usd", SAMPLES / "usd_assets" / "crate.usda")
    facts = report["environment"]["areas"]["assets"]["openusd"]
    assert facts["installed"] == openusd.installed_version() == openusd.PIN["version"]
    assert facts["validators"] == openusd.PIN["validators"] and len(facts["validators"]) >= 30
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert f"validators ({len(facts['validators'])}) {facts['validators'][0]}, " in html


def test_without_usd_core_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openusd, "installed_version", lambda: None)
    assert openusd.facts() == {"package": "usd-core", "installed": None, "extra": openusd.PIN["extra"]}


def test_an_area_not_claimed_is_not_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> dict:
        raise AssertionError("the assets area was asked for a run that claims none of its profiles")

    monkeypatch.setattr(khronos, "facts", refuse)
    monkeypatch.setattr(openusd, "facts", refuse)
    report = _report(tmp_path, "identity-document", SAMPLES / "did_documents" / "did-key-ed25519.json", "json")
    assert set(report["environment"]) == {"python", "platform", "pytest"}  # no area gives facts: no "areas"
    assert _areas.environment({}) == {}
