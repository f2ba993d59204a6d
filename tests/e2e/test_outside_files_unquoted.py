"""Issue 72, item 6: a file outside the manifest's folder (or --root) is named, never quoted.

A marker planted in files the manifest names as ``../secret/*.json`` and by an absolute path
must appear in no output of the run: every file it wrote, its stdout and stderr. The schema
checks quoted the product's value in their message template's ``value`` argument (``'MARK-…' is
not one of [...]``), and that message reached report.json, the EARL view, the event log and the
console through the case's "first finding" summary; the shared redaction now leaves such a
file's words unquoted (conformance._record.quoting), while the file is still named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow  # one whole CLI run

MARKER = "MARK-7f3a9c"


def _plant(folder: Path, name: str, field: str, value: str) -> Path:
    document = json.loads(sorted((SAMPLES / "did_documents").glob("*.json"))[0].read_text(encoding="utf-8"))
    document[field] = value
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_no_output_quotes_a_file_outside_the_manifests_folder(tmp_path):
    _plant(tmp_path / "secret", "a.json", "id", f"{MARKER}-relative")
    absolute = _plant(tmp_path / "elsewhere", "b.json", "@context", f"{MARKER}-absolute")
    folder = tmp_path / "vendor"
    folder.mkdir()
    (folder / "manifest.yaml").write_text(
        "product: {name: p, version: '1'}\nprofiles: [identity-document]\n"
        f"targets:\n  did_documents: {{adapter: file, paths: ['../secret/*.json', '{absolute}']}}\n",
        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("conformance")), "run", "--manifest", "manifest.yaml", "--out", "out",
         "--format", "json,junit,html,earl"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1, done.stderr  # the planted values break the data model: judged
    assert (folder / "out" / "report.json").is_file()
    hits = [name for name, text in (("stdout", done.stdout), ("stderr", done.stderr)) if MARKER in text]
    hits += [str(p.relative_to(folder)) for p in (folder / "out").rglob("*")
             if p.is_file() and MARKER.encode() in p.read_bytes()]
    assert not hits, f"the outside files' marker is quoted in {hits}"
    report = json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))
    named = {item.get("file") for r in report["requirements"] for item in r["evidence"]}
    assert {str(tmp_path / "secret" / "a.json"), str(absolute)} <= named  # named, not quoted


def test_validate_quotes_the_files_its_user_named(tmp_path):
    """``validate`` writes its manifest in a temporary folder, but the files named on its command
    line (and ``--root``) are its user's own choice: their values are quoted."""
    named = _plant(tmp_path / "mine", "a.json", "id", f"{MARKER}-named")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("conformance")), "validate", "--profile", "identity-document",
         str(named), "--out", str(tmp_path / "out"), "--format", "json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1, done.stderr
    assert f"{MARKER}-named" in (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
