"""`conformance replay DIR`: rerun what failed in a finished run, against the same target, and
compare. A defect that remains gives the same finding again; once fixed, a pass."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conformance.cli import main
from conformance.reference import create_app
from conformance.reference.server import serve
from tests.conftest import http_target

pytestmark = pytest.mark.slow  # runs interfaces-core three times against a live reference


def test_replay_finds_the_defect_again_and_passes_once_it_is_fixed(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    with serve(create_app(["json-as-text"]), tls=True) as url:  # over TLS, as IF-TLS-001 asks
        port = urlparse(url).port
        Path("m.yaml").write_text(yaml.safe_dump({
            "product": {"name": "p", "version": "1"}, "profiles": ["interfaces-core"],
            "targets": {"api": http_target(url)}}), encoding="utf-8")
        assert main(["run", "--manifest", "m.yaml", "--out", "out", "--no-progress", "-q"]) == 1
        capsys.readouterr()
        assert main(["replay", "out", "--requirement", "IF-CON-001", "--no-progress", "-q"]) == 1
        again = capsys.readouterr().out
    assert "IF-CON-001: fail -> fail; findings again" in again
    assert "again: GET " + url + "/.well-known/metaverse-interop: Content-Type is not documented" in again
    assert "findings again 0" not in again
    assert (tmp_path / "out" / "replay" / "report.json").is_file()
    with serve(create_app(), port=port or 0, tls=True) as fixed:  # the vendor's fix, at the same address
        assert fixed == url
        assert main(["replay", "out", "--no-progress", "-q"]) == 0
        passed = capsys.readouterr().out
    assert "IF-CON-001: fail -> pass" in passed and "IF-DISC-001: fail -> pass" in passed


@pytest.mark.parametrize(("args", "says"), [
    (["replay", "nowhere"], "holds no report.json"),
    (["replay", "out", "--requirement", "XX-NONE-001"], "was not judged in out"),
    (["replay", "out", "--manifest", "other.yaml"], "changed since the run"),
])
def test_replay_refuses_bad_input_with_one_line(tmp_path: Path, monkeypatch, capsys, args, says) -> None:
    monkeypatch.chdir(tmp_path)
    Path("out").mkdir()
    Path("m.yaml").write_text("a: 1\n", encoding="utf-8")
    Path("other.yaml").write_text("a: 2\n", encoding="utf-8")
    import hashlib

    digest = hashlib.sha256(b"a: 1\n").hexdigest()
    report = {"inputs": [{"name": "m.yaml", "sha256": digest, "kind": "manifest"}],
              "requirements": [{"requirement": "IF-CON-001", "verdict": "fail", "evidence": []}]}
    Path("out/report.json").write_text(json.dumps(report), encoding="utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and says in err, err
