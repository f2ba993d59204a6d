"""Bad input is one line naming the file, the place and the fix, exit 2: the fix a user needs,
not only what is wrong (a typo's nearest name, the missing scheme, a tab, an empty variable,
the feature a requirement needs)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conformance.cli import main


def _run(tmp_path: Path, capsys, manifest: dict | str, *args: str) -> str:
    path = tmp_path / "m.yaml"
    path.write_text(manifest if isinstance(manifest, str) else yaml.safe_dump(manifest), encoding="utf-8")
    assert main(["run", "--manifest", str(path), "--no-progress", "--out", str(tmp_path / "out"), *args]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    return lines[0]


def _api(base_url: str, **auth: str) -> dict:
    target = {"adapter": "http", "base_url": base_url, **({"auth": auth} if auth else {})}
    return {"product": {"name": "P", "version": "1"}, "profiles": ["identity-auth"], "targets": {"api": target}}


def test_a_typo_in_a_manifests_profile_id_gets_the_nearest_one(tmp_path, capsys):
    manifest = {**_api("http://127.0.0.1:9"), "profiles": ["identity-auht"]}
    assert "unknown profile 'identity-auht' (did you mean identity-auth?" in _run(tmp_path, capsys, manifest)


def test_a_base_url_without_its_scheme_says_to_include_it(tmp_path, capsys):
    line = _run(tmp_path, capsys, _api("127.0.0.1:8099"))
    assert line.endswith("(include the scheme, e.g. http://127.0.0.1:8099)"), line


def test_a_tab_in_the_indentation_says_indent_with_spaces_and_the_line(tmp_path, capsys):
    line = _run(tmp_path, capsys, "product:\n  name: P\n\tversion: '1'\n")
    assert "m.yaml:3:" in line and line.endswith("(indent with spaces, line 3)"), line


def test_a_credential_variable_set_but_empty_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ACME_TOKEN", "")
    line = _run(tmp_path, capsys, _api("http://127.0.0.1:9", bearer_token_env="ACME_TOKEN"))
    assert "environment variable ACME_TOKEN is set but empty" in line, line


@pytest.mark.parametrize("requirement", ["ID-MFA-001"])
def test_a_requirement_behind_an_unclaimed_feature_names_the_feature_to_claim(tmp_path, capsys, requirement):
    line = _run(tmp_path, capsys, _api("http://127.0.0.1:9"), "--requirement", requirement)
    assert f"--requirement {requirement}" in line and "claim feature mfa" in line, line
