"""Bad input to the harness, in-process: one line on stderr and exit 2, nothing written;
and a run stopped by its budget still writes its report, marked incomplete."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest
import yaml

from conformance._catalog.catalog import REPORT_SCHEMA, load_catalog
from conformance._run import engine, runguard, surroundings
from conformance.cli import main

from .battery import ALIAS_BOMB_TEXT, CANARY, TOKEN_ENV, file_manifest, http_manifest
from .server import running


def write(path: Path, document: object) -> Path:
    path.write_text(yaml.safe_dump(document) if not isinstance(document, str) else document)
    return path


def one_line_exit_2(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("conformance: "), err
    assert "Traceback" not in err and CANARY not in err
    return err


@pytest.mark.parametrize(("manifest", "problem"), [
    ("a: " + "[" * 600 + "]" * 600, "nested more than 100 levels"),
    (ALIAS_BOMB_TEXT, "expands to more than"),
    (http_manifest("http://127.0.0.1/" + "a" * 100_000, 1), "is too long"),
    (http_manifest("http://127.0.0.1:9/", 1, max_response_bytes=2**70), "integer out of range"),
    (http_manifest("http://127.0.0.1:9/", 1, max_response_bytes=2**40), "is greater than the maximum"),
    ("product: {name: x, version: '1'}\nprofiles: [interfaces-core]\n"
     "targets: {api: {adapter: http, base_url: 'http://127.0.0.1:9/', timeout_s: .inf}}\n", "not a usable number"),
])
def test_a_bad_manifest_is_one_line(tmp_path, capsys, manifest, problem):
    path = write(tmp_path / "m.yaml", manifest)
    assert problem in one_line_exit_2(capsys, "run", "--manifest", str(path), "--out", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("where", "name", "value", "says"), [
    ("plan", "max_contact_temperature_c", 60,
     "this loosens max_contact_temperature_c (the standard's value 43; a certification plan may only lower it"),
    ("manifest", "max_contact_temperature_c", 60,
     "this loosens max_contact_temperature_c (the standard's value 43; a manifest may only lower it"),
    ("plan", "min_battery_life_h", 1, "this loosens min_battery_life_h (the standard's value 2; a certification "
                                      "plan may only raise it, stricter: higher)"),
])
def test_a_plan_or_manifest_that_loosens_a_threshold_is_one_line_and_runs_nothing(tmp_path, capsys, where, name,
                                                                                   value, says):
    """Issue 70: a number of the standard can only be tightened, by a plan as by a manifest."""
    profile = "terminal-sensor-performance"
    claim: dict[str, object] = {"id": profile}
    argv = []
    if where == "plan":
        plan = {"id": "p", "version": "1", "program": "P", "title": "P", "catalog_digest": load_catalog().digest,
                "profiles": {profile: {"parameters": {name: value}}}}
        argv = ["--plan", str(write(tmp_path / "plan.yaml", plan))]
    else:
        claim["parameters"] = {name: value}
    manifest = write(tmp_path / "m.yaml", {"product": {"name": "x", "version": "1"}, "profiles": [claim],
                                            "targets": {"captures": {"adapter": "file", "paths": ["none.ndjson"]}}})
    err = one_line_exit_2(capsys, "run", "--manifest", str(manifest), *argv, "--out", str(tmp_path / "out"))
    assert says in err and ("m.yaml at $.profiles[0]" if where == "manifest" else "plan.yaml at $.profiles") in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", [f"{CANARY}\r\nX-Injected: 1", f"{CANARY}\u00e9"])
def test_a_credential_that_cannot_be_sent_is_one_line_naming_the_variable(tmp_path, capsys, monkeypatch, value):
    monkeypatch.setenv(TOKEN_ENV, value)
    path = write(tmp_path / "m.yaml", http_manifest("http://127.0.0.1:9/", 1))
    err = one_line_exit_2(capsys, "run", "--manifest", str(path), "--out", str(tmp_path / "out"))
    assert f"environment variable {TOKEN_ENV} holds a" in err


def test_special_files_are_refused_before_reading(tmp_path, capsys):
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    assert "not a regular file" in one_line_exit_2(capsys, "run", "--manifest", str(tmp_path / "fifo.yaml"))
    assert "not a regular file" in one_line_exit_2(capsys, "run", "--manifest", str(tmp_path / "zero.yaml"))
    assert "not a regular file" in one_line_exit_2(capsys, "validate", "--profile", "identity-document",
                                                   str(tmp_path / "fifo.yaml"))


def test_generate_out_must_be_a_file_in_an_existing_folder(tmp_path, capsys):
    capture = ["generate", "capture", "--device", "vr_headset", "--seconds", "1", "--out"]
    assert "its folder does not exist" in one_line_exit_2(capsys, *capture, str(tmp_path / "no" / "c.ndjson"))
    assert "is a folder" in one_line_exit_2(capsys, *capture, str(tmp_path))


@pytest.mark.slow
def test_a_run_stopped_by_its_budget_still_reports_incomplete(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "run_budget", lambda plan: (1.5, "a test's budget"))
    monkeypatch.setenv(TOKEN_ENV, CANARY)
    with running() as server:
        path = write(tmp_path / "m.yaml", http_manifest(f"{server.url}/hang/", 60))
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "report.json").write_text("STALE")
        # IF-CON-001 reads the discovery document at the moved path the mode answers (IF-DISC-001 asks the origin's)
        result = engine.run(path, out_dir=tmp_path / "out", formats=["json"], requirements=["IF-CON-001"])
    assert result.exit_code == 3
    report = orjson.loads((tmp_path / "out" / "report.json").read_bytes())
    assert load_catalog().schemas.findings(report, REPORT_SCHEMA) == []
    assert report["complete"] is False
    assert report["budget"]["seconds"] == 1.5
    assert (tmp_path / "out" / "previous" / "report.json").read_text() == "STALE"


@pytest.mark.slow
def test_an_interrupt_while_the_suites_are_planned_is_not_raised_again_in_the_clean_up(tmp_path, monkeypatch):
    # The whole suite at load 11: the budget's interrupt came while the suites were planned, outside
    # the runners that acknowledge it, and the clean-up after it (rmtree of hypothesis's scratch
    # folder) outlasted the grace period: the watchdog interrupted rmtree, which broke on a closed fd.
    monkeypatch.setattr(engine, "run_budget", lambda plan: (0.5, "a test's budget"))
    monkeypatch.setattr(runguard, "GRACE_S", 0.2)
    planned, restored = engine.plan_direct, surroundings.HypothesisHome.restore
    cleaned: list[bool] = []

    def slow_plan(*args, **kwargs):
        time.sleep(3)  # the budget's alarm rings in here
        return planned(*args, **kwargs)

    def slow_restore(self):
        time.sleep(0.7)  # three grace periods
        restored(self)
        cleaned.append(True)

    monkeypatch.setattr(engine, "plan_direct", slow_plan)
    monkeypatch.setattr(surroundings.HypothesisHome, "restore", slow_restore)
    document = write(tmp_path / "did.json", {"id": "did:example:123"})
    path = write(tmp_path / "m.yaml", file_manifest([str(document)]))
    result = engine.run(path, out_dir=tmp_path / "out", formats=["json"], requirements=["ID-DOC-001"])
    assert result.exit_code == 3
    assert orjson.loads((tmp_path / "out" / "report.json").read_bytes())["complete"] is False
    assert cleaned == [True], "the clean-up was interrupted again"
