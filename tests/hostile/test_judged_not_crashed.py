"""Issue 71's bad-input goal, on the product's side: a redirect loop and a 10 MB header are what
a product does, so they are judged (a verdict with its evidence, the report written), never a
crash or a traceback; the manifest's own mistakes (an unknown endpoint name, a path template
without its placeholder) are the harness's bad input: one line, exit 2, nothing run."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
import yaml

from conformance.cli import main

from .battery import CANARY, TOKEN_ENV, Servers, http_manifest
from .test_bad_input import one_line_exit_2


def _judged(servers: Servers, mode: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[int, dict]:
    monkeypatch.setenv(TOKEN_ENV, CANARY)
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump(http_manifest(f"{servers.hostile.url}/{mode}/", 5.0)), encoding="utf-8")
    code = main(["run", "--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-progress",
                 # IF-CON-001 reads the discovery document where the manifest moves it, under the mode's path;
                 # IF-DISC-001 asks the origin's own well-known URI (RFC 8615 3), which no mode answers
                 "--requirement", "IF-CON-001"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and CANARY not in err, err
    assert (tmp_path / "out" / "report.json").is_file(), f"exit {code}: {err}"
    return code, orjson.loads((tmp_path / "out" / "report.json").read_bytes())


def _requirement(report: dict, requirement: str) -> dict:
    return next(r for r in report["requirements"] if r["requirement"] == requirement)


def test_a_redirect_loop_at_the_product_is_a_fail_with_the_redirects_as_evidence(servers, tmp_path, capsys,
                                                                                 monkeypatch):
    code, report = _judged(servers, "redirect-loop", tmp_path, capsys, monkeypatch)
    judged = _requirement(report, "IF-CON-001")
    assert code == 1 and judged["verdict"] == "fail", judged
    text = orjson.dumps(judged).decode()
    assert "redirect" in text.lower() and judged["evidence"], text[:2000]
    http = [e for e in judged["evidence"] if e["kind"] == "http"]
    assert any(e.get("response", {}).get("status") == 302 for e in http), text[:2000]


def test_a_10_mb_header_from_the_product_is_judged_with_evidence(servers, tmp_path, capsys, monkeypatch):
    code, report = _judged(servers, "huge-header", tmp_path, capsys, monkeypatch)
    judged = _requirement(report, "IF-CON-001")
    # the product answered what no HTTP client here reads (h11 stops at 16 KiB of header): the
    # requirement is not judged (error, naming the exchange and why), the run exits 3, reported;
    # the target was reached, so the message says the header was too long, not "unreachable"
    assert code == 3 and judged["verdict"] == "error", judged
    assert judged["text"]["key"] == "adapters.header-too-long", judged
    assert "the product answered, but with a response header longer than the 16384 bytes" in judged["message"]
    assert "unreachable" not in judged["message"] and "Receive buffer too long" in judged["message"], judged
    assert judged["evidence"] and "a" * 100_000 not in orjson.dumps(report).decode()


@pytest.mark.parametrize(("paths", "place", "says"), [
    ({"did_resolutoin": "/r/{did}"}, "$.targets.api.paths.did_resolutoin", "did you mean did_resolution"),
    ({"did_resolution": "/resolver/resolve"}, "$.targets.api.paths.did_resolution", "lacks {did}"),
])
def test_a_manifest_naming_an_unknown_endpoint_or_a_template_without_its_placeholder_is_one_line(
        tmp_path, capsys, paths, place, says):
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "x", "version": "1"}, "profiles": ["identity-resolver"],
        "targets": {"api": {"adapter": "http", "base_url": "http://127.0.0.1:9/", "paths": paths}}}), encoding="utf-8")
    line = one_line_exit_2(capsys, "run", "--manifest", str(manifest), "--out", str(tmp_path / "out"))
    assert "m.yaml" in line and place in line and says in line, line
    assert not (tmp_path / "out").exists()
