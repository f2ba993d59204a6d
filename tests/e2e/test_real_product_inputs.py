"""Bad input in what describes a real product (a claim's targets, a target's paths, its
authentication, its client certificate): one line naming the file, the place and the fix,
exit 2, no traceback, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import manifest_for

pytestmark = pytest.mark.slow  # each test starts the CLI in a subprocess

UNREACHABLE = "http://127.0.0.1:9"


def _resolver(catalog) -> dict:
    return manifest_for(catalog, "identity-resolver", base_urls={"api": UNREACHABLE})


def _bad_path(catalog) -> dict:
    manifest = _resolver(catalog)
    manifest["targets"]["api"]["paths"] = {"did_resolve": "/resolver/resolve/{did}"}
    return manifest


def _path_without_did(catalog) -> dict:
    manifest = _resolver(catalog)
    manifest["targets"]["api"]["paths"] = {"did_resolution": "/resolver/resolve"}
    return manifest


def _platform_path_without_asset_id(catalog) -> dict:
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": UNREACHABLE})
    manifest["targets"]["api"]["paths"] = {"asset": "/v2/items"}
    return manifest


def _unknown_platform_endpoint(catalog) -> dict:
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": UNREACHABLE})
    manifest["targets"]["api"]["paths"] = {"discovery_document": "/meta/interop.json"}
    return manifest


def _unknown_claim_target(catalog) -> dict:
    manifest = _resolver(catalog)
    manifest["profiles"][0]["targets"] = {"api": "resolvr"}
    return manifest


def _certificate_not_loading(catalog) -> dict:
    manifest = _resolver(catalog)
    manifest["targets"]["api"]["client_cert"] = {"cert_file": "manifest.yaml"}  # a file, but no certificate
    return manifest


def _two_ways(catalog) -> dict:
    manifest = _resolver(catalog)
    manifest["targets"]["api"]["auth"] = {"bearer_token_env": "HOME",
                                          "basic": {"username_env": "HOME", "password_env": "HOME"}}
    return manifest


CASES = {
    "unknown endpoint": (_bad_path, "$.targets.api.paths.did_resolve", "did you mean did_resolution"),
    "template without {did}": (_path_without_did, "$.targets.api.paths.did_resolution", "lacks {did}"),
    "interfaces: template without {asset_id}": (_platform_path_without_asset_id, "$.targets.api.paths.asset",
                                                "lacks {asset_id}"),
    "interfaces: unknown endpoint": (_unknown_platform_endpoint, "$.targets.api.paths.discovery_document",
                                     "did you mean discovery"),
    "unknown claim target": (_unknown_claim_target, "$.profiles[0].targets.api", "no target 'resolvr'"),
    "certificate not loading": (_certificate_not_loading, "$.targets.api.client_cert.cert_file",
                                "does not load"),
    "two ways to authenticate": (_two_ways, "$.targets.api.auth", "more than one way"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_real_product_input_is_one_line_and_exit_2(catalog, tmp_path: Path, case):
    make, place, words = CASES[case]
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump(make(catalog)), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "400"}
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "run", "--manifest", str(path), "--out", str(out),
                           "--no-progress"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert str(path) in lines[0] and place in lines[0] and words in lines[0]
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())
