"""Issue 72 item 6, in a programme: what a participant's run shows goes through the run's
redaction before the programme keeps it. A credential from the participant's environment that
its product echoes back, and the words of a file outside the participant's manifest folder, appear
in none of the programme's outputs: the history database, the programme log, each run's
``console.log`` and reports, the site (test_outside_files_unquoted.py does the same for one run)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from conformance.cli import main
from conformance.reference import SAMPLES
from tests.hostile import server

pytestmark = pytest.mark.slow  # a programme's child run

TOKEN = "TOKEN-5e1d-0b7a93c2"
MARKER = "MARK-7f3a9c-programme"


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _leaks(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.is_file() and any(s.encode() in p.read_bytes() for s in (TOKEN, MARKER))]


def test_no_programme_output_holds_an_environment_secret_or_an_outside_files_words(tmp_path, monkeypatch):
    document = json.loads(sorted((SAMPLES / "did_documents").glob("*.json"))[0].read_text(encoding="utf-8"))
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "a.json").write_text(json.dumps({**document, "id": MARKER}), encoding="utf-8")
    monkeypatch.setenv("ACME_TOKEN", TOKEN)
    with server.running() as hostile:
        _write(tmp_path / "programme" / "acme" / "manifest.yaml", {
            "product": {"name": "acme", "version": "1"},
            "profiles": ["interfaces-core", "identity-document"],
            "targets": {
                "api": {"adapter": "http", "base_url": f"{hostile.url}/echo/", "timeout_s": 1.0,
                        "auth": {"bearer_token_env": "ACME_TOKEN"}},
                "did_documents": {"adapter": "file", "paths": ["../../secret/*.json"]},
            }})
        programme = _write(tmp_path / "programme" / "programme.yaml", {
            "id": "leak-round", "title": "Leak round",
            "participants": [{"id": "acme", "manifest": "acme/manifest.yaml", "env": ["ACME_TOKEN"]}]})
        out = tmp_path / "out"
        code = main(["programme", "run", str(programme), "--out", str(out)])
    assert code == 0  # the run finished
    (console,) = out.glob("acme/*/console.log")
    report = json.loads((console.parent / "report.json").read_text(encoding="utf-8"))
    verdicts = {r["requirement"]: r["verdict"] for r in report["requirements"]}
    assert verdicts["ID-DOC-001"] == "fail" and console.stat().st_size > 0  # judged, and said so
    assert os.environ["ACME_TOKEN"] == TOKEN  # the secret was there to leak
    assert main(["programme", "site", str(programme), "--runs", str(out), "--out", str(tmp_path / "site")]) in (0, 1)
    assert not _leaks(tmp_path / "programme") + _leaks(out) + _leaks(tmp_path / "site")
