"""The programme history's data layer (SQLAlchemy 2, Alembic migrations) on SQLite and on a
real PostgreSQL server the test starts (``initdb``/``pg_ctl`` in a temporary folder, a Unix
socket only: no TCP port). The same tests run on both: recording, never twice, append-only,
the queries, certificates, and a whole `programme run` whose `database` is the server's URL.
Skipped on PostgreSQL where it is not installed (.ci/run installs it). The server is the
session's (tests/programme/conftest.py); the example cohort's documented walkthrough keeps its
history there too (tests/programme/test_examples.py)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy

from conformance.cli import main
from conformance.programme.database import safe_location
from conformance.programme.history import History, RunRecord

from .conftest import new_database
from .test_programme import HEADSET_CAPTURES, programme_file, write


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> Iterator[Path | str]:
    """A fresh history location on each backend (on PostgreSQL: a database of its own)."""
    if request.param == "sqlite":
        yield tmp_path / "history.sqlite"
        return
    yield new_database(request.getfixturevalue("postgresql"), f"h{abs(hash(request.node.nodeid)) % 10**9}")


@pytest.fixture(scope="module")
def real_run(tmp_path_factory, catalog) -> Path:
    """A finished run's folder (its event log), judged conformant: the headset captures."""
    from conformance._run.engine import run

    folder = tmp_path_factory.mktemp("run")
    write(folder / "headset.yaml", {"product": {"name": "headset", "version": "1"}, "profiles": ["terminal-hmd-6dof"],
                                    "targets": {"captures": {"adapter": "file",
                                                             "paths": HEADSET_CAPTURES}}})
    run(folder / "headset.yaml", out_dir=folder / "out", formats=["json"], catalog=catalog)
    return folder / "out"


def test_a_history_records_once_refuses_changes_and_answers_its_queries(database, real_run):
    finished = RunRecord(run_id="r1", programme="p", kind="participant", participant="headset", report_dir=real_run,
                         status="finished", exit_code=0)
    crashed = RunRecord(run_id="r2", programme="p", kind="participant", participant="headset",
                        report_dir=real_run / "nowhere", status="crashed", exit_code=-9, detail="killed by signal 9")
    with History(database) as history:
        assert history.record(finished) == finished
        assert history.record(finished) is None  # never twice
        assert history.record(crashed) is not None
        assert [(r["run_id"], r["status"], r["complete"]) for r in history.runs()] == [
            ("r1", "finished", 1), ("r2", "crashed", 0)]
        for statement in ("UPDATE runs SET status = 'finished'", "DELETE FROM verdicts", "DELETE FROM outcomes"):
            with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
                history.execute(statement)
        (status,) = history.status()
        assert (status["outcome"], status["outcome_run"], status["status"], status["runs"]) == (
            "conformant", "r1", "crashed", 2)  # a crash after a conformant run hides nothing
        assert history.finished("participant", "headset") and not history.finished("participant", "other")
        assert history.failing() == [] and history.changes() == []
        rates = history.failure_rates()
        assert rates and all(r["failed"] == 0 and r["judged"] == 1 for r in rates)
        assert [r["outcome"] for r in history.outcome_series()] == ["conformant"]
        assert history.latest_run("headset")["run_id"] == "r2"
        with history.issuing() as (index, insert):
            insert("urn:uuid:1", "headset", "r1", "did:key:z", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                   "certificates/headset-0.json", "0" * 64)
        assert index == 0 and history.revoke("urn:uuid:1", "test") and not history.revoke("urn:uuid:1", "again")
        assert history.revoked_indices() == {0}
        with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
            history.execute("DELETE FROM revocations")
    with History(database) as reopened:  # migrations are applied once; opening again changes nothing
        assert len(reopened.runs()) == 2 and reopened.certificates()[0]["reason"] == "test"


def test_a_history_written_before_the_migrations_is_upgraded_in_place(tmp_path):
    """A SQLite file as the first programme release wrote it (no alembic_version)."""
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE runs (seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL UNIQUE, programme TEXT NOT
            NULL, kind TEXT NOT NULL, participant TEXT NOT NULL, partner TEXT, report_dir TEXT NOT NULL, started TEXT,
            finished TEXT, recorded TEXT NOT NULL, catalog_digest TEXT, harness_version TEXT, exit_code INTEGER,
            status TEXT NOT NULL, complete INTEGER NOT NULL, report_sha256 TEXT, detail TEXT NOT NULL DEFAULT '');
        CREATE TABLE outcomes (run_id TEXT NOT NULL, profile TEXT NOT NULL, outcome TEXT NOT NULL,
            PRIMARY KEY (run_id, profile));
        CREATE TABLE verdicts (run_id TEXT NOT NULL, profile TEXT NOT NULL, requirement TEXT NOT NULL,
            verdict TEXT NOT NULL, parameters TEXT NOT NULL, PRIMARY KEY (run_id, profile, requirement));
        INSERT INTO runs VALUES (1, 'old', 'p', 'participant', 'a', NULL, '/x', NULL, NULL, '2026', NULL, NULL, 2,
            'bad-input', 0, NULL, '');
    """)
    db.close()
    with History(path) as history:
        assert [r["run_id"] for r in history.runs()] == ["old"]
        assert history.certificates() == []  # revision 0002's table is there
        assert history.suspensions() == []  # and 0003's
        assert history.rows("SELECT version_num FROM alembic_version") == [{"version_num": "0003"}]


def test_the_head_revision_is_alembics_and_a_history_at_it_is_opened_without_alembic(tmp_path, monkeypatch):
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from conformance.programme.dbschema import HEAD, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD
    with History(tmp_path / "h.sqlite"):  # created by the migrations
        pass

    def upgrade(*args: object) -> None:
        raise AssertionError("Alembic was asked to upgrade a history at the head revision")

    monkeypatch.setattr(command, "upgrade", upgrade)
    with History(tmp_path / "h.sqlite") as reopened:
        assert reopened.rows("SELECT version_num FROM alembic_version") == [{"version_num": HEAD}]
    with pytest.raises(AssertionError, match="at the head revision"), History(tmp_path / "new.sqlite"):
        pass  # a new history still goes through Alembic


def test_a_database_that_cannot_be_reached_is_one_line_without_the_password(tmp_path, capsys):
    url = f"postgresql+psycopg://user:secret@/nowhere?host={tmp_path}&port=1"
    path = programme_file(tmp_path, [{"id": "a", "manifest": "a.yaml"}], database=url)
    write(tmp_path / "a.yaml", {"product": {"name": "a", "version": "1"}, "profiles": ["terminal-hmd-6dof"],
                                "targets": {"captures": {"adapter": "file", "paths": ["x"]}}})
    pytest.importorskip("psycopg")
    assert main(["programme", "status", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "secret" not in err and "user:***@" in err, err
    assert safe_location(url) == url.replace(":secret@", ":***@")


@pytest.mark.slow
def test_a_programme_runs_with_its_history_on_postgresql(postgresql, tmp_path, capsys):
    write(tmp_path / "headset.yaml", {"product": {"name": "headset", "version": "1"},
                                      "profiles": ["terminal-hmd-6dof"],
                                      "targets": {"captures": {"adapter": "file",
                                                               "paths": HEADSET_CAPTURES}}})
    path = programme_file(tmp_path, [{"id": "headset", "manifest": "headset.yaml"}], database=postgresql)
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 0
    assert main(["programme", "run", str(path), "--out", str(tmp_path / "out")]) == 0  # resumed: not rerun
    capsys.readouterr()
    assert main(["programme", "status", str(path)]) == 0
    assert "headset\tterminal-hmd-6dof\tconformant\t" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.sqlite"))  # nothing written beside the programme but the run lock
    with History(postgresql) as history:
        assert len([r for r in history.runs() if r["participant"] == "headset"]) == 1


def test_what_changed_for_a_participant_between_two_catalog_digests(tmp_path, real_run, capsys):
    """Two whole runs of one participant under two catalog digests (the second run's event
    log says another digest, as a run with a newer harness would)."""
    older = tmp_path / "older"
    shutil.copytree(real_run, older)
    log = older / "report.events.ndjson"
    digest = log.read_text(encoding="utf-8").split('"catalog_digest":"')[1].split('"')[0]
    log.write_text(log.read_text(encoding="utf-8").replace(digest, "sha256:" + "1" * 64), encoding="utf-8")
    write(tmp_path / "headset.yaml", {"product": {"name": "headset", "version": "1"}})
    path = programme_file(tmp_path, [{"id": "headset", "manifest": "headset.yaml"}])
    with History(tmp_path / "programme.history.sqlite") as history:
        assert history.catalog_change("headset") is None
        for run_id, folder in (("r1", older), ("r2", real_run)):
            history.record(RunRecord(run_id=run_id, programme="p", kind="participant", participant="headset",
                                     report_dir=folder, status="finished", exit_code=0))
        change = history.catalog_change("headset")
    assert change is not None
    assert (change["from_catalog"], change["to_catalog"], change["from_run"], change["to_run"]) == (
        "sha256:" + "1" * 64, digest, "r1", "r2")
    assert change["profiles"] == [{"profile": "terminal-hmd-6dof", "from_outcome": "conformant",
                                   "to_outcome": "conformant", "requirements": []}]
    assert main(["programme", "catalogs", str(path), "--participant", "headset"]) == 0
    assert "terminal-hmd-6dof\tconformant → conformant\t–" in capsys.readouterr().out
    assert main(["programme", "catalogs", str(path), "--participant", "headset", "--from", digest]) == 1
    assert main(["programme", "catalogs", str(path), "--participant", "nobody"]) == 2
