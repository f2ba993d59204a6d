"""Programmes (conformance.programme): the programme file, isolated participant runs, the
append-only history, resuming, and the interop grid over every ordered pair."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy
import yaml

from conformance.cli import main
from conformance.programme import runner
from conformance.programme.history import History, RunRecord
from conformance.programme.interop import GRID_HTML, GRID_JSON, pair_profiles
from conformance.programme.spec import load_programme
from conformance.reference import SAMPLES
from tests.conftest import http_target
from tests.paths import ROOT

EXAMPLES = ROOT / "examples"


def write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def programme_file(tmp_path: Path, participants: list[dict[str, str]], **extra: Any) -> Path:
    return write(tmp_path / "programme.yaml", {"id": "test-round", "title": "Test round", **extra,
                                               "participants": participants})


def http_manifest(tmp_path: Path, name: str, profiles: list[str], api: str, api_b: str | None = None) -> str:
    targets: dict[str, Any] = {"api": http_target(api)}  # an https one trusts the reference's test CA
    if api_b:
        targets["api_b"] = http_target(api_b)
    write(tmp_path / f"{name}.yaml", {"product": {"name": name, "version": "1"}, "profiles": profiles,
                                       "targets": targets})
    return f"{name}.yaml"


#: The two sample captures terminal-hmd-6dof judges (examples/device-export.yaml's): its verdicts
#: on them are those on all 68 sample captures, and a participant run analyses two files instead
#: of 68 (about 0.9 of its 2.2 CPU-s).
HEADSET_CAPTURES = [str(SAMPLES / "captures" / name) for name in ("headset-session.ndjson.gz",
                                                                  "display-headset.ndjson.gz")]


def file_manifest(tmp_path: Path) -> str:
    write(tmp_path / "headset.yaml", {
        "product": {"name": "headset", "version": "1"}, "profiles": ["terminal-hmd-6dof"],
        "targets": {"captures": {"adapter": "file", "paths": HEADSET_CAPTURES}},
    })
    return "headset.yaml"


# --- the programme file ------------------------------------------------------------------


def test_the_example_programme_is_valid(catalog):
    programme = load_programme(EXAMPLES / "programme" / "programme.yaml", catalog)
    assert [p.id for p in programme.participants] == ["example-headset", "example-platform"]
    assert programme.concurrency == 2 and programme.history_path.name == "programme.history.sqlite"
    assert programme.participant("example-platform").env == ("PLATFORM_TOKEN",)



def test_a_programme_title_and_description_in_english_and_chinese(catalog, tmp_path):
    """Issue 73: a title in both languages (the schema allowed one string); one string is the
    same in both."""
    path = programme_file(tmp_path, [{"id": "a", "manifest": file_manifest(tmp_path)}],
                          title={"en": "Pilot round one", "zh": "试点第一轮"},
                          description={"en": "The first round.", "zh": "第一轮。"})
    programme = load_programme(path, catalog)
    assert (programme.title, programme.title_in("zh"), programme.description_in("zh")) == \
        ("Pilot round one", "试点第一轮", "第一轮。")
    plain = load_programme(programme_file(tmp_path, [{"id": "a", "manifest": "headset.yaml"}]), catalog)
    assert plain.title_in("zh") == plain.title == "Test round" and plain.description_in("zh") is None
@pytest.mark.parametrize(("content", "where", "problem"), [
    ("id: x\ntitle: X\n", "at $", "participants"),
    ("id: x\ntitle: X\nconcurrency: 0\nparticipants: [{id: a, manifest: m.yaml}]\n", "at $.concurrency", ""),
    ("id: x\ntitle: X\nparticipants: [{id: a, manifest: m.yaml}, {id: a, manifest: m.yaml}]\n",
     "at $.participants[1].id", "listed twice"),
    ("id: x\ntitle: X\nparticipants: [{id: a, manifest: missing.yaml}]\n", "at $.participants[0].manifest",
     "does not exist"),
    ("id: x\ntitle: X\nparticipants: [{id: a, manifest: m.yaml}]\nplan: nowhere.yaml\n", "at $.plan",
     "does not exist"),
    ("id: x\ntitle: [unclosed\n", "programme.yaml:", "not valid YAML"),
])
def test_bad_programme_file_is_one_line_and_exit_2(tmp_path, capsys, content, where, problem):
    (tmp_path / "m.yaml").write_text("product: {name: a, version: '1'}\n", encoding="utf-8")
    path = tmp_path / "programme.yaml"
    path.write_text(content, encoding="utf-8")
    for command in ("run", "status", "failing", "runs", "changes", "grid"):
        assert main(["programme", command, str(path)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "Traceback" not in err, err
        assert str(path) in err and where in err and problem in err, err
    assert not (tmp_path / "programme.history.sqlite").exists()


def test_queries_before_any_run_write_nothing(tmp_path, capsys):
    path = programme_file(tmp_path, [{"id": "headset", "manifest": file_manifest(tmp_path)}])
    out = ["--out", str(tmp_path / "out")]
    for command in ("status", "failing", "runs", "changes", "grid"):
        assert main(["programme", command, str(path), *(out if command == "grid" else [])]) == 0
    assert "headset\t–\t–\t–\t–\tnot run\t0" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["headset.yaml", "programme.yaml"]


def test_a_plan_pinned_to_another_catalog_is_the_programmes_bad_input(tmp_path, capsys):
    write(tmp_path / "plan.yaml", {"id": "round-1", "program": "Test", "catalog_digest": "sha256:" + "0" * 64,
                                   "profiles": {"terminal-hmd-6dof": {}}})
    path = programme_file(tmp_path, [{"id": "headset", "manifest": file_manifest(tmp_path)}], plan="plan.yaml")
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "plan.yaml at $.catalog_digest" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_one_programme_run_at_a_time(tmp_path, capsys):
    import fcntl

    path = programme_file(tmp_path, [{"id": "headset", "manifest": file_manifest(tmp_path)}])
    with (tmp_path / "programme.history.sqlite-lock").open("a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "another `conformance programme run`" in err, err
    assert not (tmp_path / "out" / "headset").exists()


# --- the history ---------------------------------------------------------------------------


def test_the_history_is_append_only_and_records_a_run_once(tmp_path):
    run_dir = tmp_path / "a" / "r1"
    run_dir.mkdir(parents=True)
    record = RunRecord(run_id="r1", programme="p", kind="participant", participant="a", report_dir=run_dir,
                       status="crashed", exit_code=-9, detail="killed by signal 9")
    with History(tmp_path / "h.sqlite") as history:
        assert history.record(record) == record
        assert history.record(record) is None  # never twice
        (row,) = history.runs("a")
        assert (row["status"], row["complete"], row["detail"]) == ("crashed", 0, "killed by signal 9")
        for statement in ("UPDATE runs SET status = 'finished'", "DELETE FROM runs"):
            with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
                history.execute(statement)
        assert not history.finished("participant", "a")


@pytest.mark.slow
def test_status_keeps_the_latest_outcome_when_a_later_run_crashed(tmp_path, catalog):
    from conformance._run.engine import run

    manifest = tmp_path / file_manifest(tmp_path)
    run(manifest, catalog=catalog, out_dir=tmp_path / "a" / "r1", formats=["json"])
    (tmp_path / "a" / "r2").mkdir()
    common = {"programme": "p", "kind": "participant", "participant": "a"}
    with History(tmp_path / "h.sqlite") as history:
        history.record(RunRecord(run_id="r1", report_dir=tmp_path / "a" / "r1", status="finished", exit_code=0,
                                 **common))
        history.record(RunRecord(run_id="r2", report_dir=tmp_path / "a" / "r2", status="crashed", exit_code=-11,
                                 **common))
        (row,) = history.status()
        assert (row["profile"], row["outcome"], row["outcome_run"]) == ("terminal-hmd-6dof", "conformant", "r1")
        assert (row["latest_run"], row["status"], row["runs"]) == ("r2", "crashed", 2)
        (first, second) = history.runs("a")
        report_json = (tmp_path / "a" / "r1" / "report.json").read_bytes()
        assert first["report_sha256"] == hashlib.sha256(report_json).hexdigest()
        assert first["complete"] == 1 and second["complete"] == 0 and "no event log" in second["detail"]
        verdicts = history.rows("SELECT * FROM verdicts WHERE run_id = 'r1'")
        assert verdicts and {v["profile"] for v in verdicts} == {"terminal-hmd-6dof"}
        assert all(orjson.loads(v["parameters"]) is not None for v in verdicts)


def test_a_participant_over_its_budget_is_stopped_and_recorded(tmp_path, catalog, monkeypatch):
    (tmp_path / "m.yaml").write_text("{}", encoding="utf-8")
    path = programme_file(tmp_path, [{"id": "slow", "manifest": "m.yaml"}, {"id": "crash", "manifest": "m.yaml"},
                                     {"id": "traceback", "manifest": "m.yaml"}], run_timeout_s=1, concurrency=3)
    programme = load_programme(path, catalog)
    jobs = [runner.Job(kind="participant", participant=p.id, manifest=p.manifest, folder=tmp_path / "out" / p.id)
            for p in programme.participants]
    woke = tmp_path / "slow-woke"  # written by the slow participant only if it outlives its sleep
    monkeypatch.setattr(runner, "command", lambda job, programme: [sys.executable, "-c", (
        f"import time; time.sleep(60); open({str(woke)!r}, 'w')" if job.participant == "slow"
        else "import os; os._exit(7)" if job.participant == "crash" else "raise SystemExit(1)")])
    with History(programme.history_path) as history:
        records = {r.participant: r for r in runner.run_jobs(jobs, programme, history)}
        # Stopped by the budget, not waited for: ended by the programme's signal, gone, and
        # never past its sleep (a runner that waited would record exit 0 and the file).
        slow = records["slow"]
        assert slow.status == "timeout" and "budget of 1 s" in slow.detail
        assert slow.exit_code == -signal.SIGTERM, slow
        assert not woke.exists()
        with pytest.raises(ProcessLookupError):
            os.kill(int((slow.report_dir / runner.PID_FILE).read_text(encoding="ascii")), 0)
        assert (records["crash"].status, records["crash"].exit_code) == ("crashed", 7)
        assert records["traceback"].status == "crashed" and "no event log" in records["traceback"].detail
        # exit 1 is "not conformant" only with a report: without one, the run crashed (and is rerun)
        assert {r["participant"]: r["status"] for r in history.runs()} == {
            "slow": "timeout", "crash": "crashed", "traceback": "crashed"}
        assert not history.finished("participant", "traceback")


@pytest.mark.slow
def test_participant_runs_follow_the_plan_and_are_signed_with_the_programmes_key(tmp_path, catalog, capsys):
    from conformance.certification.attestation import generate_keys

    generate_keys(tmp_path / "program.key")
    write(tmp_path / "plan.yaml", {"id": "round-1", "program": "Test", "catalog_digest": catalog.digest,
                                   "profiles": {"terminal-hmd-6dof": {"parameters": {"rate_tolerance": 0.03}}}})
    path = programme_file(tmp_path, [{"id": "headset", "manifest": file_manifest(tmp_path)}],
                          plan="plan.yaml", signing_key="program.key")
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 0
    (report_dir,) = (tmp_path / "out" / "headset").iterdir()
    report = orjson.loads((report_dir / "report.json").read_bytes())
    assert report["certification_plan"]["id"] == "round-1"
    capsys.readouterr()
    assert main(["verify", str(report_dir), "--trust", str(tmp_path / "program.key.pub")]) == 0, capsys.readouterr()
    # finished: not run again, unless --rerun (then a second run, both kept)
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 0
    assert len(list((tmp_path / "out" / "headset").iterdir())) == 1
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out"), "--rerun"]) == 0
    with History(tmp_path / "programme.history.sqlite") as history:
        assert [r["status"] for r in history.runs("headset")] == ["finished", "finished"]


@pytest.mark.slow
def test_a_run_over_its_memory_limit_fails_alone_and_is_recorded(tmp_path, catalog):
    path = programme_file(tmp_path, [{"id": "headset", "manifest": file_manifest(tmp_path)}], memory_limit_mb=64)
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 3
    with History(load_programme(path, catalog).history_path) as history:
        (run,) = history.runs()
        assert (run["status"], run["complete"]) == ("crashed", 0)
    (console,) = (tmp_path / "out" / "headset").glob(f"*/{runner.CONSOLE_FILE}")
    assert "Error" in console.read_text(encoding="utf-8")


@pytest.mark.slow
def test_changes_name_the_requirements_behind_an_outcome_change(tmp_path, catalog, serve_reference, capsys):
    from conformance._run.engine import run

    common = {"programme": "test-round", "kind": "participant", "participant": "acme"}
    path = programme_file(tmp_path, [{"id": "acme", "manifest": "good.yaml"}], database="h.sqlite")
    with History(tmp_path / "h.sqlite") as history:
        for run_id, defects in (("r1", []), ("r2", ["json-as-text"]), ("r3", ["json-as-text"])):
            manifest = tmp_path / http_manifest(tmp_path, "good" if not defects else run_id, ["interfaces-core"],
                                                serve_reference(defects, tls=True))
            run(manifest, catalog=catalog, out_dir=tmp_path / run_id, formats=["json"])
            history.record(RunRecord(run_id=run_id, report_dir=tmp_path / run_id, status="finished",
                                     exit_code=None, **common))
        (change,) = history.changes("acme")  # r2 -> r3 changed nothing
    assert (change["from_run"], change["to_run"]) == ("r1", "r2")
    assert (change["from_outcome"], change["to_outcome"]) == ("conformant", "not_conformant")
    assert ("IF-CON-001", "pass", "fail") in change["requirements"]
    assert all(a != b for _, a, b in change["requirements"]) and change["from_catalog"] == change["to_catalog"]
    assert main(["programme", "changes", str(path)]) == 0
    out = capsys.readouterr().out
    assert "conformant → not_conformant" in out and "IF-CON-001 pass→fail" in out


def test_a_run_sees_only_the_harness_environment_and_its_own_credentials(tmp_path):
    environ = {"PATH": "/bin", "LC_ALL": "C", "CONFORMANCE_CACHE_DIR": "off", "ACME_TOKEN": "acme-secret",
               "RIVAL_TOKEN": "rival-secret", "AWS_SECRET_ACCESS_KEY": "x"}
    acme = runner.Job(kind="participant", participant="acme", manifest=tmp_path / "m.yaml", folder=tmp_path,
                      env=("ACME_TOKEN",))
    assert runner.child_environment(acme, environ) == {
        "PATH": "/bin", "LC_ALL": "C", "CONFORMANCE_CACHE_DIR": "off", "ACME_TOKEN": "acme-secret"}


def test_at_most_concurrency_runs_at_once(tmp_path, catalog, monkeypatch):
    (tmp_path / "m.yaml").write_text("{}", encoding="utf-8")
    # three runs, two at a time: two overlap, the third waits (all three at once fails)
    path = programme_file(tmp_path, [{"id": f"p{i}", "manifest": "m.yaml"} for i in range(3)], concurrency=2)
    programme = load_programme(path, catalog)
    jobs = [runner.Job(kind="participant", participant=p.id, manifest=p.manifest, folder=tmp_path / "out" / p.id)
            for p in programme.participants]
    spans = tmp_path / "spans"
    monkeypatch.setattr(runner, "command", lambda job, programme: [sys.executable, "-c", (
        "import time, sys; a = time.time(); time.sleep(0.4); "
        f"open({str(spans)!r}, 'a').write(f'{{a}} {{time.time()}}\\n')")])
    with History(programme.history_path) as history:
        runner.run_jobs(jobs, programme, history)
    intervals = [tuple(map(float, line.split())) for line in spans.read_text().splitlines()]
    assert len(intervals) == 3
    most = max(sum(a <= t < b for a, b in intervals) for t, _ in intervals)
    assert most == 2


def test_the_grid_page_escapes_what_it_shows(tmp_path):
    from conformance.programme.interop import write_grid

    cell = {"producer": "a", "consumer": "b", "verdict": "fail", "requirements": {"<b>X</b>": "fail"},
            "report": "_pairs/a__b/r/report.html?\"><script>alert(1)</script>"}
    write_grid({"participants": ["a", "b"], "cells": [cell]}, tmp_path, "<script>alert(1)</script>")
    html = (tmp_path / GRID_HTML).read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;X&lt;/b&gt;" in html
    assert orjson.loads((tmp_path / GRID_JSON).read_bytes())["cells"] == [cell]


def test_two_platform_profiles_are_read_from_the_catalog(catalog):
    assert pair_profiles(catalog)["interop-pair"] == ("api", "api_b")
    # two required roles; any other role (interop-pair's asset_pairs) is optional
    assert all(sum(not t.optional for t in catalog.profile(p).targets.values()) == 2 for p in pair_profiles(catalog))


def test_finding_the_pairs_parses_only_the_profiles_the_participants_claim(tmp_path):
    """`programme run`'s catalog is lazy: looking for two-platform participants reads the
    profiles they claim, not every profile (nor the requirements each names)."""
    from conformance._catalog.catalog import load_catalog
    from conformance.programme.interop import pair_jobs

    lazy = load_catalog(lazy=True)
    path = programme_file(tmp_path, [{"id": "headset", "manifest": file_manifest(tmp_path)}])
    programme = load_programme(path, lazy)
    with History(tmp_path / "h.sqlite") as history:
        assert pair_jobs(programme, lazy, tmp_path / "out", history, rerun=True) == []
    assert {p.name for p in lazy.profiles.parsed} <= {"terminal-hmd-6dof.yaml"}


# --- a cohort of simulated participants, end to end ----------------------------------------


@pytest.fixture
def cohort(tmp_path, serve_reference) -> Path:
    """Reference instances with planted defects, a file-only participant and a broken one."""
    partner = serve_reference()
    participants = [
        {"id": "clean-a", "manifest": http_manifest(tmp_path, "clean-a", ["interop-pair"], serve_reference(), partner)},
        {"id": "clean-b", "manifest": http_manifest(tmp_path, "clean-b", ["interop-pair"], serve_reference(), partner)},
        {"id": "iop-bad", "manifest": http_manifest(tmp_path, "iop-bad", ["interop-pair"],
                                                    serve_reference(["import-authentication-dropped"]), partner)},
        {"id": "json-text", "manifest": http_manifest(tmp_path, "json-text", ["interfaces-core"],
                                                      serve_reference(["json-as-text"], tls=True))},
        {"id": "headset", "manifest": file_manifest(tmp_path)},
        {"id": "broken", "manifest": http_manifest(tmp_path, "broken", ["no-such-profile"], partner)},
    ]
    return programme_file(tmp_path, participants, concurrency=2, run_timeout_s=300)


def latest_verdicts(history: History, participant: str) -> dict[tuple[str, str], str]:
    (run,) = [r for r in history.runs(participant) if r["kind"] == "participant"][-1:]
    return {(row["profile"], row["requirement"]): row["verdict"]
            for row in history.rows("SELECT * FROM verdicts WHERE run_id = ?", (run["run_id"],))}


@pytest.mark.slow
def test_a_programme_runs_every_participant_and_every_pair(cohort, tmp_path, catalog, capsys):
    out = tmp_path / "out"
    assert main(["programme", "run", str(cohort), "--out", str(out)]) == 3  # "broken" could not run
    programme = load_programme(cohort, catalog)
    with History(programme.history_path) as history:
        status = {(r["participant"], r["profile"]): r for r in history.status()}
        assert status["clean-a", "interop-pair"]["outcome"] == "conformant"
        assert status["headset", "terminal-hmd-6dof"]["outcome"] == "conformant"
        assert status["broken", None]["status"] == "bad-input"
        # each planted defect shows in its participant's history as failing
        assert latest_verdicts(history, "json-text")["interfaces-core", "IF-CON-001"] == "fail"
        assert latest_verdicts(history, "iop-bad")["interop-pair", "IF-IOP-001"] == "fail"
        clean = latest_verdicts(history, "clean-b")
        # AS-USD-012 belongs to the asset-pairs feature, which a pair run does not claim
        assert clean.pop(("interop-pair", "AS-USD-012")) == "not_applicable"
        assert set(clean.values()) == {"pass"}
        failing = {r["requirement"]: r["who"].split(",") for r in history.failing()}
        assert failing["IF-CON-001"] == ["json-text"] and failing["IF-IOP-001"] == ["iop-bad"]
        run = history.runs("headset")[0]
        assert run["report_sha256"] and run["catalog_digest"] == catalog.digest and run["complete"] == 1
    # every participant's reports in OUT/<participant>/<run-id>/
    assert len(list((out / "headset").glob("*/report.json"))) == 1
    # the grid: every ordered pair of the interop participants; failing exactly where iop-bad is
    grid = orjson.loads((out / GRID_JSON).read_bytes())
    cells = {(c["producer"], c["consumer"]): c["verdict"] for c in grid["cells"]}
    members = ["clean-a", "clean-b", "iop-bad"]
    assert set(cells) == {(a, b) for a in members for b in members if a != b}
    assert {pair for pair, verdict in cells.items() if verdict != "pass"} == {
        pair for pair in cells if "iop-bad" in pair}
    html = (out / GRID_HTML).read_text(encoding="utf-8")
    assert html.count("<td class=\"fail\"") == 4 and "_pairs/clean-a__clean-b/" in html
    written = (out / GRID_JSON).read_bytes()
    (out / GRID_JSON).unlink()
    assert main(["programme", "grid", str(cohort), "--out", str(out)]) == 0
    assert (out / GRID_JSON).read_bytes() == written  # the grid is a view of the history
    # run again: nothing finished is rerun; the broken participant's second attempt is recorded too
    capsys.readouterr()
    assert main(["programme", "run", str(cohort), "--out", str(out)]) == 3
    with History(programme.history_path) as history:
        runs = history.runs()
        assert [r["participant"] for r in runs if r["participant"] == "broken"] == ["broken", "broken"]
        assert len([r for r in runs if r["participant"] == "clean-a" and r["kind"] == "participant"]) == 1
        assert len({r["run_id"] for r in runs}) == len(runs)
    assert main(["programme", "status", str(cohort)]) == 0
    assert "json-text" in capsys.readouterr().out
    assert main(["programme", "runs", str(cohort), "--participant", "broken"]) == 0
    assert capsys.readouterr().out.count("bad-input") == 2


@pytest.mark.slow
def test_an_interrupted_programme_resumes_without_rerunning_or_losing_runs(cohort, tmp_path, catalog):
    out = tmp_path / "out"
    programme = load_programme(cohort, catalog)
    child = _started_until_a_run_finishes(cohort, out, programme.history_path, output=subprocess.PIPE)
    child.send_signal(signal.SIGTERM)
    output = child.communicate(timeout=60)[0].decode()
    assert child.returncode == 3, output
    before = _runs(programme.history_path)
    done_before = {r["participant"] for r in before if r["status"] == "finished"}
    assert done_before and len(done_before) < 5, output
    assert main(["programme", "run", str(cohort), "--out", str(out), "--no-interop"]) == 3
    after = _runs(programme.history_path)
    assert after[:len(before)] == before  # nothing changed, nothing lost
    assert len({r["run_id"] for r in after}) == len(after)  # nothing twice
    for participant in done_before:  # not rerun
        assert [r["status"] for r in after if r["participant"] == participant] == ["finished"]
    finished = [r["participant"] for r in after if r["status"] == "finished"]
    assert sorted(finished) == sorted(set(finished)) == ["clean-a", "clean-b", "headset", "iop-bad", "json-text"]
    # every run folder the programme made is recorded, exactly once
    folders = {p.parent.name for p in out.glob(f"*/*/{runner.JOB_FILE}")}
    assert folders == {r["run_id"] for r in after}


@pytest.mark.slow
def test_a_programme_killed_outright_loses_no_run(cohort, tmp_path, catalog):
    """SIGKILL leaves the programme no chance to record: the next run records what it left
    (stopping a participant run still going) before running what is not finished."""
    out = tmp_path / "out"
    programme = load_programme(cohort, catalog)
    child = _started_until_a_run_finishes(cohort, out, programme.history_path, output=subprocess.DEVNULL)
    child.kill()
    child.wait()
    before = _runs(programme.history_path)
    left = {p.parent.name for p in out.glob(f"*/*/{runner.JOB_FILE}")} - {r["run_id"] for r in before}
    assert main(["programme", "run", str(cohort), "--out", str(out), "--no-interop"]) == 3
    after = _runs(programme.history_path)
    assert after[:len(before)] == before
    assert left <= {r["run_id"] for r in after[len(before):]}  # recorded, not lost
    assert len({r["run_id"] for r in after}) == len(after)
    assert {p.parent.name for p in out.glob(f"*/*/{runner.JOB_FILE}")} == {r["run_id"] for r in after}
    finished = sorted(r["participant"] for r in after if r["status"] == "finished")
    assert finished == ["clean-a", "clean-b", "headset", "iop-bad", "json-text"]


def _started_until_a_run_finishes(cohort: Path, out: Path, history: Path, output: int) -> subprocess.Popen[bytes]:
    """``programme run`` in a process of its own, returned once a participant run has finished
    (or after two minutes)."""
    child = subprocess.Popen([sys.executable, "-m", "conformance.cli", "programme", "run", str(cohort),
                              "--out", str(out), "--no-interop"], stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _finished_runs(history):
        time.sleep(0.1)
    return child


def _runs(path: Path) -> list[dict[str, Any]]:
    with History(path) as history:
        return history.runs()


def _finished_runs(path: Path) -> int:
    if not path.exists():
        return 0
    with History(path) as history:
        return sum(r["status"] == "finished" for r in history.runs())
