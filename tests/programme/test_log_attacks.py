"""The programme log against a database writer (issue 44): rows inserted into the history (a
run, a conformant outcome, a revocation, a shadow certificate) are not believed by certify,
because the log does not carry them; each test also shows what the same history does without
the log check. Certificates carry their run's inclusion proof, which `conformance verify`
checks offline, and `conformance programme audit` names what was tampered with (exit 1), says
the log holds (exit 0) or refuses bad input (exit 2)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import orjson
import pytest

from conformance.certification.plans import load_plan
from conformance.cli import main
from conformance.programme import logformat, runner, statuslist
from conformance.programme.certify import Eligible, believed_log, eligibility
from conformance.programme.history import RunRecord, open_history
from conformance.programme.runner import new_run_id
from conformance.programme.spec import load_programme
from conformance.programme.trust import programme_keys

from .test_certificates import headset_and_dropper

pytestmark = pytest.mark.slow  # a programme run (two participant processes)


@pytest.fixture(scope="module")
def programme(tmp_path_factory, catalog) -> Path:
    """A signed programme run, not certified yet: headset (conformant) and dropper (not)."""

    folder = tmp_path_factory.mktemp("programme-log")
    headset_and_dropper(folder, catalog, "--no-interop", version="3")
    return folder


def _programme(folder: Path, catalog):
    return load_programme(folder / "programme.yaml", catalog)


def _said(capsys) -> str:
    return " ".join(capsys.readouterr().out.split())


def _audit(folder: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["programme", "audit", str(folder / "programme.yaml"), *extra])
    return code, _said(capsys)


def _certify(folder: Path, capsys, participant: str = "headset") -> tuple[int, str]:
    capsys.readouterr()
    code = main(["programme", "certify", str(folder / "programme.yaml"), "--out", str(folder / "out"),
                 "--participant", participant])
    return code, _said(capsys)


def _latest(folder: Path, catalog, participant: str) -> dict:
    with open_history(_programme(folder, catalog)) as history:
        run = history.latest_run(participant)
    assert run is not None
    return run


def _execute(folder: Path, catalog, sql: str, params: tuple) -> None:
    with open_history(_programme(folder, catalog)) as history:
        history.execute(sql, params)


def _eligible(folder: Path, catalog, run: dict, *, with_log: bool) -> Eligible | str:
    programme = _programme(folder, catalog)
    with open_history(programme) as history:
        view = believed_log(history, programme) if with_log else None
    return eligibility(programme, load_plan(programme.plan, catalog), run["participant"], run, folder / "out",
                       programme_keys(programme), view)


def test_an_honest_programme_audits_clean_and_its_published_heads_are_consistent(programme, catalog, capsys):
    code, said = _audit(programme, capsys)
    assert code == 0 and "the log and the history agree (2 leaves, 2 signed heads" in said, said
    old = programme / "head-yesterday.json"
    shutil.copy(programme / "programme.history.log" / logformat.HEAD, old)
    with open_history(_programme(programme, catalog)) as history:  # a run the next day: a crash
        history.record(RunRecord(run_id=new_run_id(), programme="test-round", kind="participant",
                                 participant="dropper", report_dir=programme / "out" / "dropper" / "none",
                                 status="crashed", exit_code=None))
    assert main(["programme", "site", str(programme / "programme.yaml"), "--runs", str(programme / "out")]) == 0
    assert (programme / "out" / "site" / "log" / logformat.LEAVES).is_file()
    published = programme / "out" / "site" / "log"
    code, said = _audit(programme, capsys, "--heads", str(old), str(published / logformat.HEAD))
    assert code == 0 and "the published heads of 2 and 3 leaves consistent" in said, said
    assert "the head of size 2 is consistent with the head of size 3 (RFC 9162 consistency proof" in said, said
    code, said = _audit(programme, capsys, "--heads", str(programme / "missing.json"), str(old))
    assert code == 2, said


def test_a_shadow_certificate_row_does_not_block_or_pass_for_a_certificate(programme, catalog, capsys):
    """A certificate row inserted for headset's run: without the log, certify would take the run
    as certified already; the log says it is not, and certify issues the real one."""
    run = _latest(programme, catalog, "headset")
    _execute(programme, catalog, "INSERT INTO certificates (status_index, certificate_id, participant, run_id, issuer,"
             " issued, valid_until, file, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             (41, "urn:uuid:shadow", "headset", run["run_id"], "did:key:z", "2026-01-01T00:00:00Z",
              "2027-01-01T00:00:00Z", "certificates/headset-41.json", "0" * 64))
    with open_history(_programme(programme, catalog)) as history:  # the check certify made before the log
        assert any(c["run_id"] == run["run_id"] for c in history.certificates("headset"))
    code, said = _certify(programme, capsys)
    assert code == 0 and "certified headset" in said, said
    code, said = _audit(programme, capsys)
    assert code == 1 and "tampered: row certificates entry 41 (urn:uuid:shadow): not in the log" in said, said


def test_an_inserted_revocation_revokes_nothing(programme, catalog, capsys):
    """A revocation row inserted for headset's real certificate: the status list is built from
    the log's revocations, so the certificate stays valid; without the log it would be revoked."""
    issued = [p for p in (programme / "out" / "certificates").glob("headset-*.json")]
    assert len(issued) == 1
    certificate = orjson.loads(issued[0].read_bytes())
    index = int(certificate["credentialStatus"][0]["statusListIndex"])
    _execute(programme, catalog, "INSERT INTO revocations (certificate_id, revoked, reason) VALUES (?, ?, ?)",
             (certificate["id"], "2026-01-02T00:00:00Z", "inserted"))
    with open_history(_programme(programme, catalog)) as history:
        assert index in history.revoked_indices()  # what the list was built from before the log
    code, said = _certify(programme, capsys, "dropper")  # any certify publishes the status list again
    assert code == 1, said
    listed = orjson.loads((programme / "out" / statuslist.STATUS_PATH).read_bytes())
    assert not statuslist.is_set(statuslist.decode(listed["credentialSubject"]["encodedList"]), index)
    capsys.readouterr()
    assert main(["verify", str(issued[0]), "--trust", str(programme / "program.key.pub")]) == 0
    said = _said(capsys)
    assert "participant: headset" in said and "certification plan: round-1 version 3 of Test" in said, said
    assert re.search(r"programme log: run \S+ is leaf [01] of the signed head of 3 leaves", said), said
    assert "consistent with the published head of" in said, said
    code, said = _audit(programme, capsys)
    assert code == 1 and "row revocations (" in said and "not in the log" in said, said


def test_an_inserted_conformant_outcome_is_not_believed(programme, catalog, capsys):
    """An outcome row inserted for headset's latest run: without the log, certify reads the
    signed report and would pass it; the log's leaf says the run had no such outcome."""
    run = _latest(programme, catalog, "headset")
    _execute(programme, catalog, "INSERT INTO outcomes (run_id, profile, outcome) VALUES (?, ?, ?)",
             (run["run_id"], "web-viewer-basic", "conformant"))
    run = _latest(programme, catalog, "headset")
    assert isinstance(_eligible(programme, catalog, run, with_log=False), Eligible)
    assert re.fullmatch(f"the outcomes of its latest run {run['run_id']} differ from leaf [01] of the programme log",
                        _eligible(programme, catalog, run, with_log=True))


def test_an_inserted_run_row_is_not_believed(programme, catalog, capsys):
    """headset's own signed run copied under a new run ID and a row inserted for it: the folder
    holds (its attestation, its product), so without the log certify would issue a second
    certificate; the log has no leaf for it."""
    source = Path(_latest(programme, catalog, "headset")["report_dir"])
    run_id = new_run_id()
    copied = programme / "out" / "headset" / run_id
    shutil.copytree(source, copied)
    (copied / runner.PID_FILE).unlink(missing_ok=True)
    row = {k: v for k, v in _latest(programme, catalog, "headset").items() if k not in ("seq", "outcomes")}
    row.update(run_id=run_id, report_dir=str(copied))
    _execute(programme, catalog, f"INSERT INTO runs ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
             tuple(row.values()))
    run = _latest(programme, catalog, "headset")
    assert run["run_id"] == run_id
    assert isinstance(_eligible(programme, catalog, run, with_log=False), Eligible)
    code, said = _certify(programme, capsys)
    assert code == 1 and f"its latest run {run_id} is not in the programme log" in said, said
    code, said = _audit(programme, capsys)
    assert code == 1 and f"row runs seq {run['seq']} ({run_id}): not in the log" in said, said


def test_a_certificate_whose_log_proof_or_published_log_was_altered_is_rejected(programme, tmp_path, capsys):
    if not list((programme / "out" / "certificates").glob("headset-*.json")):  # run alone or on another worker
        _certify(programme, capsys)
    (issued,) = (programme / "out" / "certificates").glob("headset-*.json")
    trust = ["--trust", str(programme / "program.key.pub")]
    # the published log rewritten: its head no longer matches (or, re-signed by another key, is not trusted)
    published = tmp_path / "log"
    shutil.copytree(programme / "out" / "log", published)
    leaves = (published / logformat.LEAVES).read_bytes().replace(b'"status":"finished"', b'"status":"finishes"', 1)
    (published / logformat.LEAVES).write_bytes(leaves)
    capsys.readouterr()
    assert main(["verify", str(issued), *trust, "--log", str(published)]) == 1
    said = _said(capsys)
    assert said.startswith("rejected: the published log") and "does not match its signed head" in said, said
    # the certificate's proof altered: its signature breaks, so the proof is in what the issuer signed
    certificate = orjson.loads(issued.read_bytes())
    proof = certificate["credentialSubject"]["programmeLog"]["inclusionProof"]
    proof[0] = hashlib.sha256(b"other").hexdigest()
    altered = issued.with_name("altered.json")
    altered.write_bytes(orjson.dumps(certificate))
    try:
        assert main(["verify", str(altered), *trust]) == 1
        assert "does not verify" in _said(capsys)
    finally:
        altered.unlink()


# -- issue 60: revocation always wins ----------------------------------------------------------


def _copy_certified(programme: Path, tmp_path: Path, capsys) -> tuple[Path, Path]:
    """A copy of the programme with headset certified: (the copy, headset's certificate)."""
    _certify(programme, capsys)  # certified already when the earlier tests ran
    copy = tmp_path / "copy"
    shutil.copytree(programme, copy)
    (issued,) = (copy / "out" / "certificates").glob("headset-*.json")
    return copy, issued


def _verify(issued: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", str(issued), "--trust", str(issued.parents[2] / "program.key.pub"), *extra])
    return code, _said(capsys)


def test_verify_applies_the_logs_revocation_over_a_status_list_from_before_it(programme, tmp_path, capsys):
    """The holder keeps the status list from before its certificate's revocation (still within
    its validity) and presents it: the published log records the revocation, so verify rejects
    (before: accepted, since only the issue was looked for in the log)."""
    copy, issued = _copy_certified(programme, tmp_path, capsys)
    old = tmp_path / "before.json"
    shutil.copy(copy / "out" / statuslist.STATUS_PATH, old)
    assert main(["programme", "revoke", str(copy / "programme.yaml"), issued.stem, "--reason", "defect",
                 "--out", str(copy / "out")]) == 0
    code, said = _verify(issued, capsys, "--status-list", str(old))
    assert code == 1 and said.startswith("rejected: revoked: the programme log records its revocation"), said
    assert "defect" in said, said


def test_a_status_list_older_than_the_logs_latest_revocation_is_stale(programme, catalog, tmp_path, capsys):
    """Another certificate revoked after the holder's list was signed: the list may not show
    what the log records, so it is refused as stale (before: accepted)."""
    from datetime import UTC, datetime, timedelta

    from .test_certificates import _list_by

    copy, issued = _copy_certified(programme, tmp_path, capsys)
    old = tmp_path / "a-minute-ago.json"  # the programme's list as signed a minute ago, within its validity
    old.write_bytes(orjson.dumps(_list_by(copy / "program.key", datetime.now(UTC) - timedelta(minutes=1), 24)))
    assert _verify(issued, capsys, "--status-list", str(old))[0] == 0
    with open_history(_programme(copy, catalog)) as history:
        history.revoke("urn:uuid:another", "test")
        history.log.publish(copy / "out" / "log")
    code, said = _verify(issued, capsys, "--status-list", str(old))
    assert code == 1 and "before the programme log's latest revocation" in said and "stale" in said, said


def test_a_status_list_signed_by_a_key_the_log_rotated_out_is_refused(programme, catalog, tmp_path, capsys):
    """The programme rotated its key (the log records it); a fresh list signed afterwards by the
    old key, revoking nothing, is refused even where issuers.json gives no retirement time."""
    from conformance.certification.attestation import generate_keys

    from .test_certificates import _list_by
    from .test_programme import programme_file

    copy, issued = _copy_certified(programme, tmp_path, capsys)
    generate_keys(copy / "program-2.key")
    participants = [{"id": "headset", "manifest": "headset.yaml"}, {"id": "dropper", "manifest": "dropper.yaml"}]
    programme_file(copy, participants, plan="plan.yaml", signing_key="program-2.key",
                   retired_keys=["program.key.pub"], site_url="https://programme.example/round-1/")
    with open_history(_programme(copy, catalog)) as history:  # the first append after the rotation
        history.revoke("urn:uuid:another", "test")
        history.log.publish(copy / "out" / "log")
    from datetime import UTC, datetime

    listed = tmp_path / "by-old-key.json"
    listed.write_bytes(orjson.dumps(_list_by(copy / "program.key", datetime.now(UTC), 24)))
    code, said = _verify(issued, capsys, "--trust", str(copy / "program-2.key.pub"), "--status-list", str(listed))
    assert code == 1 and "which the programme log records as rotated out" in said, said


def test_revoke_works_from_the_log_whatever_rows_the_history_holds(programme, catalog, tmp_path, capsys):
    """A shadow certificate row (index -1, the real certificate's file name) and a forged
    revocation row: `programme revoke` of the real certificate revokes it and logs it (before:
    exit 2 on the shadow row; 'already revoked', nothing logged, on the forged revocation)."""
    import sqlite3

    copy, issued = _copy_certified(programme, tmp_path, capsys)
    certificate = orjson.loads(issued.read_bytes())
    db = sqlite3.connect(copy / "programme.history.sqlite")
    with db:
        db.execute("INSERT INTO certificates (status_index, certificate_id, participant, run_id, issuer, issued,"
                   " valid_until, file, sha256) VALUES (-1, 'urn:uuid:shadow-2', 'dropper', 'r', 'did:key:x',"
                   " '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', ?, 'x')",
                   (f"certificates/{issued.name}",))
        db.execute("INSERT OR IGNORE INTO revocations (certificate_id, revoked, reason) VALUES (?, ?, ?)",
                   (certificate["id"], "2026-01-02T00:00:00Z", "inserted"))
    db.close()
    for named in (issued.stem, certificate["id"]):
        capsys.readouterr()
        assert main(["programme", "revoke", str(copy / "programme.yaml"), named, "--reason", "real",
                     "--out", str(copy / "out")]) == 0
    said = capsys.readouterr().out
    assert said.count("already revoked") == 1 and "revoked: " + certificate["id"] in said, said
    index = int(certificate["credentialStatus"][0]["statusListIndex"])
    listed = orjson.loads((copy / "out" / statuslist.STATUS_PATH).read_bytes())
    assert statuslist.is_set(statuslist.decode(listed["credentialSubject"]["encodedList"]), index)
    code, said = _verify(issued, capsys)
    assert code == 1 and "revoked" in said, said
    capsys.readouterr()
    assert main(["programme", "revoke", str(copy / "programme.yaml"), "urn:uuid:shadow-2", "--reason", "r",
                 "--out", str(copy / "out")]) == 2
    assert "no such certificate in the programme log" in capsys.readouterr().err


# -- issue 60: recovery that cannot launder ----------------------------------------------------


@pytest.mark.parametrize("left", ["published", "certificates", "heads"])
def test_adopt_refuses_a_history_whose_log_was_deleted(programme, catalog, tmp_path, capsys, monkeypatch, left):
    """A revocation forged into the history, then the log folder deleted: `audit --adopt` would
    sign the forged row into a new log. The published log, a certificate carrying its log proof
    or a head left in the log folder shows a log existed: refused, exit 2, one line saying how to
    restore (before: adopted, exit 0)."""
    copy, issued = _copy_certified(programme, tmp_path, capsys)
    certificate = orjson.loads(issued.read_bytes())
    _execute(copy, catalog, "INSERT OR IGNORE INTO revocations (certificate_id, revoked, reason) VALUES (?, ?, ?)",
             (certificate["id"], "2026-01-02T00:00:00Z", "forged"))
    log = copy / "programme.history.log"
    if left == "heads":
        shutil.rmtree(copy / "out")
        (log / logformat.LEAVES).unlink()
    else:
        shutil.rmtree(log)
        shutil.rmtree(copy / "out" / "site", ignore_errors=True)
        if left == "certificates":
            shutil.rmtree(copy / "out" / "log")
    moved = []
    if left == "certificates":  # only the certificates are left: the copy's run folder as the default one, and
        # the original programme's published logs (its runs' rows name its folder) out of the way meanwhile
        (copy / "reports").mkdir()
        (copy / "out").rename(copy / "reports" / "test-round")
        monkeypatch.chdir(copy)
        for folder in (programme / "out" / "log", programme / "out" / "site"):
            if folder.exists():
                folder.rename(folder.with_name(folder.name + ".away"))
                moved.append(folder)
    try:
        capsys.readouterr()
        assert main(["programme", "audit", str(copy / "programme.yaml"), "--adopt"]) == 2
    finally:
        for folder in moved:
            folder.with_name(folder.name + ".away").rename(folder)
    captured = capsys.readouterr()
    assert "adopted" not in captured.out and len(captured.err.strip().splitlines()) == 1, captured
    assert "restore the log from its published copy" in captured.err, captured.err
    if left == "certificates":
        assert "certificates/headset-" in captured.err, captured.err
    assert not (log / logformat.LEAVES).exists()


def test_adopt_refuses_when_the_configured_site_outside_the_run_folder_holds_the_log(programme, catalog, tmp_path,
                                                                                     capsys, monkeypatch):
    """The site published to a folder of its own (the programme's site_folder, e.g. a web
    server's), not the run folder's site/: the forged revocation, then the log folder and the
    whole run folder deleted. Adopt looked only inside the run folders for a published log
    and signed the forged row; now the configured site's log/ shows a log existed: refused,
    one line naming it as the copy to restore from."""
    from .test_certificates import SITE
    from .test_programme import programme_file

    copy, issued = _copy_certified(programme, tmp_path, capsys)
    participants = [{"id": "headset", "manifest": "headset.yaml"}, {"id": "dropper", "manifest": "dropper.yaml"}]
    programme_file(copy, participants, plan="plan.yaml", signing_key="program.key", site_url=SITE,
                   site_folder="../www")
    monkeypatch.chdir(tmp_path)  # no reports/<id> of the working folder in the way
    shutil.rmtree(copy / "out" / "site", ignore_errors=True)  # an earlier test's site, copied
    capsys.readouterr()
    assert main(["programme", "site", str(copy / "programme.yaml"), "--runs", str(copy / "out")]) == 0
    published = tmp_path / "www" / "log"
    assert (published / "head.json").is_file() and not (copy / "out" / "site").exists()
    certificate = orjson.loads(issued.read_bytes())
    _execute(copy, catalog, "INSERT OR IGNORE INTO revocations (certificate_id, revoked, reason) VALUES (?, ?, ?)",
             (certificate["id"], "2026-01-02T00:00:00Z", "forged"))
    log = copy / "programme.history.log"
    shutil.rmtree(log)
    shutil.rmtree(copy / "out")
    moved = []  # the original programme's published logs (the copied history's rows name its folder) away
    for folder in (programme / "out" / "log", programme / "out" / "site", programme / "out" / "certificates"):
        if folder.exists():
            folder.rename(folder.with_name(folder.name + ".away"))
            moved.append(folder)
    try:
        capsys.readouterr()
        code = main(["programme", "audit", str(copy / "programme.yaml"), "--adopt"])
    finally:
        for folder in moved:
            folder.with_name(folder.name + ".away").rename(folder)
    captured = capsys.readouterr()
    assert code == 2, captured
    assert "adopted" not in captured.out and len(captured.err.strip().splitlines()) == 1, captured
    assert f"restore the log from its published copy (copy {published}/ to {log}/)" in captured.err, captured.err
    assert not (log / logformat.LEAVES).exists()


def test_adopt_on_a_torn_last_leaf_is_one_line(programme, tmp_path, capsys):
    copy, _ = _copy_certified(programme, tmp_path, capsys)
    with open(copy / "programme.history.log" / logformat.LEAVES, "ab") as handle:
        handle.write(b'{"event":"run-rec')
    capsys.readouterr()
    assert main(["programme", "audit", str(copy / "programme.yaml"), "--adopt"]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err, captured.err
    assert "its last line is incomplete" in captured.err, captured.err


# -- issue 60: no read blocks on a FIFO -----------------------------------------------------------


@pytest.mark.parametrize("command", ["audit", "certify"])
def test_a_fifo_among_the_log_heads_is_one_line_not_a_hang(programme, tmp_path, capsys, command):
    """A FIFO at heads/9.json of the log: audit and certify opened it and waited forever for a
    writer (before); now it is refused as not a regular file, one line, exit 2. Run in a child
    with a generous timeout, so a regression fails instead of hanging the suite."""
    import os
    import subprocess
    import sys

    from tests.paths import ROOT

    copy, _ = _copy_certified(programme, tmp_path, capsys)
    os.mkfifo(copy / "programme.history.log" / logformat.HEADS / "9.json")
    extra = ["--out", str(copy / "out")] if command == "certify" else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    try:
        done = subprocess.run([sys.executable, "-m", "conformance.cli", "programme", command,
                               str(copy / "programme.yaml"), *extra], capture_output=True, timeout=120, env=env,
                              cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"programme {command} waited on the FIFO")
    err = done.stderr.decode()
    assert done.returncode == 2 and len(err.strip().splitlines()) == 1, (done.returncode, err, done.stdout)
    assert "not a regular file" in err and "9.json" in err, err


# -- issue 60: the key in use listed as retired ---------------------------------------------------


@pytest.mark.parametrize("command", ["run", "certify"])
def test_a_retired_key_that_is_the_key_in_use_is_refused_before_signing(programme, tmp_path, capsys, command):
    """`retired_keys` listing the signing key's own public key: before, run and certify exited 0
    and signed certificates and status lists every verifier refuses (signed after the key's
    retirement); now the programme file is refused, one line, exit 2, before anything runs."""
    from .test_programme import programme_file

    copy, _ = _copy_certified(programme, tmp_path, capsys)
    participants = [{"id": "headset", "manifest": "headset.yaml"}, {"id": "dropper", "manifest": "dropper.yaml"}]
    programme_file(copy, participants, plan="plan.yaml", signing_key="program.key", site_url="https://x.example/r/",
                   retired_keys=[{"key": "program.key.pub", "retired": "2026-01-01T00:00:00Z"}])
    before = sorted(p.name for p in (copy / "out").iterdir())
    status = (copy / "out" / statuslist.STATUS_PATH).read_bytes()
    capsys.readouterr()
    assert main(["programme", command, str(copy / "programme.yaml"), "--out", str(copy / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "retired_keys[0]" in err and "the key in use" in err, err
    assert sorted(p.name for p in (copy / "out").iterdir()) == before
    assert (copy / "out" / statuslist.STATUS_PATH).read_bytes() == status


def test_a_job_file_naming_a_participant_the_programme_does_not_have_is_not_in_status(programme, catalog, tmp_path,
                                                                                      capsys):
    """Whoever writes the run folder leaves OUT/ghost/<run>/job.json naming participant "ghost":
    recovery records the folder rejected, and before, `programme status` listed ghost as one of
    the programme's participants; now status lists only the programme's own."""
    copy, _ = _copy_certified(programme, tmp_path, capsys)
    run_id = new_run_id()
    folder = copy / "out" / "ghost" / run_id
    folder.mkdir(parents=True)
    (folder / runner.JOB_FILE).write_bytes(orjson.dumps({"programme": "test-round", "kind": "participant",
                                                         "run_id": run_id, "participant": "ghost"}))
    spec = _programme(copy, catalog)
    with open_history(spec) as history:
        (recorded,) = runner.recover(history, spec, copy / "out")
    assert recorded.participant == "ghost" and recorded.status == "rejected"
    capsys.readouterr()
    assert main(["programme", "status", str(copy / "programme.yaml")]) == 0
    said = capsys.readouterr().out
    assert "ghost" not in said and "headset" in said and "dropper" in said, said
