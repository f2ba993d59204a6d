"""Continuous conformance (conformance.programme.watch, `conformance programme watch`): a
certified product that regresses is suspended within one cycle, with the failing run logged as
evidence and `verify` saying since when; fixed, it is reinstated; unreachable, nothing changes;
a suspension row inserted into the history without its log leaf suspends nothing; a suspended
certificate can still be revoked; the schedule runs on a controlled clock."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import NamedTuple

import orjson
import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.certification.attestation import generate_keys, load_private_key
from conformance.cli import main
from conformance.programme import checkpoint, note, statuslist
from conformance.programme.spec import load_programme
from conformance.programme.watch import watch
from conformance.programme.witness import Witness
from conformance.programme.witnesscli import server
from tests.conftest import fixture_path, once_per_session

from .test_programme import HEADSET_CAPTURES, programme_file, write

pytestmark = pytest.mark.slow  # each cycle is a programme run (a participant process)

SITE = "https://programme.example/round-1/"


def _live(folder: Path, state: str) -> None:
    """The headset's target as the next run finds it: ``good`` (the two sample captures it judges), ``bad`` (a
    capture whose pose is not a unit quaternion, TD-POSE-001: a regression) or ``gone`` (nothing there: unreachable)."""
    live = folder / "live"
    shutil.rmtree(live, ignore_errors=True)
    live.mkdir()
    if state == "good":
        for capture in map(Path, HEADSET_CAPTURES):
            shutil.copy(capture, live / capture.name)
    elif state == "bad":
        shutil.copy(fixture_path("terminal", "cap-denormalized.ndjson"), live / "session.ndjson")


def _certified(folder: Path, catalog) -> Path:
    """A signed programme in ``folder`` whose one participant (headset, reading its captures
    from live/) was run and certified."""
    generate_keys(folder / "program.key")
    write(folder / "plan.yaml", {"id": "round-1", "program": "Test", "catalog_digest": catalog.digest,
                                 "profiles": {"terminal-hmd-6dof": {}}})
    captures = {"adapter": "file", "paths": ["live/*"]}  # beside the manifest: the copies read their own
    write(folder / "headset.yaml", {"product": {"name": "headset", "version": "2.1", "vendor": "Acme"},
                                    "profiles": ["terminal-hmd-6dof"], "targets": {"captures": captures}})
    _live(folder, "good")
    path = programme_file(folder, [{"id": "headset", "manifest": "headset.yaml"}], plan="plan.yaml",
                          signing_key="program.key", site_url=SITE, watch={"interval_minutes": 60})
    assert main(["programme", "run", str(path), "--out", str(folder / "out")]) == 0
    assert main(["programme", "certify", str(path), "--out", str(folder / "out")]) == 0
    return folder


@pytest.fixture
def watched(tmp_path_factory, catalog, tmp_path) -> Path:
    """A copy of the certified programme (:func:`_certified`, run and certified once for the
    session: a programme run and a certification each cost about a second of CPU): the
    folder (programme.yaml, program.key, live/, out/). A copy per test, so that each test
    starts from a certificate in force whatever ran before it, in any worker. The history,
    the log and the certificate name the certified run's folder in the original (signed: they
    cannot be rewritten); nothing here writes there, and every run a test makes is the copy's."""
    folder = tmp_path / "watched"
    shutil.copytree(_certified_once(tmp_path_factory, catalog), folder, symlinks=True)
    return folder


def _certified_once(tmp_path_factory, catalog) -> Path:
    """The certified programme's folder, made once a session (:func:`_certified`): its files
    are the state every copy starts from, from before any watch cycle. Never written to."""
    return Path(once_per_session(tmp_path_factory, "watch-certified",
                                 lambda folder: {"folder": str(_certified(folder, catalog))})["folder"])


class Suspended(NamedTuple):
    folder: Path  # this test's copy of the programme, suspended
    certified: Path  # the certified programme's folder: its out/ holds the files from before the suspension
    code: int  # what the watch cycle that suspended it exited with and said
    said: str


@pytest.fixture
def suspended(tmp_path_factory, catalog, tmp_path, capsys) -> Suspended:
    """A copy of the certified programme after one watch cycle found the headset regressed
    (live/ holds the bad capture, TD-POSE-001): the cycle run once a session, in a copy of
    the certified folder, as :func:`watched` is; a copy of it per test. Each watch cycle is a
    participant run: eight tests here and in test_verify_one_log_state.py start from this
    state instead of making it themselves."""
    certified = _certified_once(tmp_path_factory, catalog)

    def make(folder: Path) -> dict[str, object]:
        copy = folder / "watched"
        shutil.copytree(certified, copy, symlinks=True)
        # A list's proof is timed to the second: the suspension falls in a later second than
        # the certified lists, or a test keeping those lists finds them simultaneous, not stale.
        time.sleep(1.1)
        _live(copy, "bad")
        code, said = _watch(copy, capsys)
        return {"folder": str(copy), "code": int(code), "said": said}

    made = once_per_session(tmp_path_factory, "watch-suspended", make)
    folder = tmp_path / "watched"
    shutil.copytree(made["folder"], folder, symlinks=True)
    return Suspended(folder, certified, made["code"], made["said"])


def _said(capsys) -> str:
    return " ".join(capsys.readouterr().out.split())


def _watch(folder: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["programme", "watch", str(folder / "programme.yaml"), "--once", "--out", str(folder / "out")])
    return code, _said(capsys)


def _verify(folder: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", str(folder / "out" / "certificates" / "headset-0.json"),
                 "--trust", str(folder / "program.key.pub")])
    return code, _said(capsys)


def _leaves(folder: Path) -> list[dict]:
    return [orjson.loads(line) for line in (folder / "out" / "log" / "leaves.jsonl").read_bytes().splitlines()]


def _suspended_bit(folder: Path) -> bool:
    listed = orjson.loads((folder / "out" / statuslist.SUSPENSION_PATH).read_bytes())
    assert listed["credentialSubject"]["statusPurpose"] == "suspension"
    return statuslist.is_set(statuslist.decode(listed["credentialSubject"]["encodedList"]), 0)


def test_a_passing_product_stays_certified(watched, capsys):
    code, said = _watch(watched, capsys)
    assert code == 0 and "headset: passing:" in said and "suspended" not in said, said
    assert not _suspended_bit(watched)
    assert _verify(watched, capsys)[0] == 0


def test_an_unreachable_target_is_not_observed_and_suspends_nothing(watched, capsys):
    _live(watched, "gone")
    try:
        code, said = _watch(watched, capsys)
    finally:
        _live(watched, "good")
    assert code == 3 and "headset: could not observe:" in said, said
    assert not any(leaf["event"] == "certificate-suspended" for leaf in _leaves(watched))
    assert not _suspended_bit(watched)
    code, said = _verify(watched, capsys)
    assert code == 0 and "suspension list entry 0: not suspended" in said, said


def test_a_regression_suspends_with_the_run_as_evidence_and_a_fix_reinstates(suspended, catalog, capsys):
    watched, code, said = suspended.folder, suspended.code, suspended.said  # live/ bad, one cycle watched
    assert code == 1 and "headset: regressed:" in said and "terminal-hmd-6dof not_conformant" in said, said
    suspension = [leaf for leaf in _leaves(watched) if leaf["event"] == "certificate-suspended"]
    assert len(suspension) == 1
    run_id = suspension[0]["suspension"]["run_id"]
    run = [leaf for leaf in _leaves(watched) if leaf["event"] == "run-recorded" and leaf["run"]["run_id"] == run_id]
    assert run and run[0]["outcomes"]["terminal-hmd-6dof"] == "not_conformant"  # the evidence, logged before
    assert _suspended_bit(watched)
    page = (watched / "out" / "certificates" / "headset-0.html").read_text(encoding="utf-8")
    assert 'data-status="suspended"' in page and f"(run {run_id})" in page and "已暂停" in page  # issue 73
    code, said = _verify(watched, capsys)
    assert code == 1, said
    assert re.search(rf"rejected: suspended since \S+Z \(run {run_id}\)", said), said
    # the log and the history agree (the suspension row is its leaf's)
    capsys.readouterr()
    assert main(["programme", "audit", str(watched / "programme.yaml")]) == 0, _said(capsys)
    # a second regressed cycle changes nothing more
    code, said = _watch(watched, capsys)
    assert code == 1 and "suspended urn" not in said, said
    assert sum(leaf["event"] == "certificate-suspended" for leaf in _leaves(watched)) == 1
    # a reinstatement row inserted behind the programme's back reinstates nothing
    with sqlite3.connect(load_programme(watched / "programme.yaml", catalog).history_path) as db:
        db.execute("INSERT INTO suspensions (event, certificate_id, changed, run_id, reason) VALUES "
                   "('certificate-reinstated', ?, '2099-01-01T00:00:00Z', ?, 'forged')",
                   (suspension[0]["suspension"]["certificate_id"], run_id))
    assert _watch(watched, capsys)[0] == 1
    assert _suspended_bit(watched)
    assert _verify(watched, capsys)[0] == 1

    _live(watched, "good")
    code, said = _watch(watched, capsys)
    assert code == 0 and "headset: passing:" in said and "reinstated urn:uuid:" in said, said
    assert [leaf["event"] for leaf in _leaves(watched)][-1] == "certificate-reinstated"
    assert not _suspended_bit(watched)
    assert 'data-status="valid"' in (watched / "out" / "certificates" / "headset-0.html").read_text(encoding="utf-8")
    code, said = _verify(watched, capsys)
    assert code == 0 and "not suspended (reinstated at leaf" in said, said


def test_the_site_shows_a_suspended_certificate_on_the_overview_and_the_participant_page(suspended, capsys):
    watched = suspended.folder  # live/ bad, one cycle watched
    try:
        assert suspended.code == 1
        run_id = [leaf for leaf in _leaves(watched) if leaf["event"] == "certificate-suspended"][-1]["suspension"][
            "run_id"]
        assert main(["programme", "site", str(watched / "programme.yaml"), "--runs", str(watched / "out"),
                     "--out", str(watched / "site")]) == 0
        for lang, words in (("en", "certificate suspended"), ("zh", "证书已暂停")):
            overview = (watched / "site" / lang / "index.html").read_text()
            assert words in overview and 'class="revoked suspended"' in overview
            page = (watched / "site" / lang / "participants" / "headset.html").read_text()
            assert "data-suspended=" in page and run_id in page
        capsys.readouterr()
        assert main(["programme", "certificates", str(watched / "programme.yaml")]) == 0
        assert re.search(rf"\tsince \S+Z \(run {run_id}\)$", capsys.readouterr().out, re.M)
    finally:
        _live(watched, "good")
        assert _watch(watched, capsys)[0] == 0
    assert main(["programme", "site", str(watched / "programme.yaml"), "--runs", str(watched / "out"),
                 "--out", str(watched / "site")]) == 0
    assert "certificate suspended" not in (watched / "site" / "en" / "index.html").read_text()


def test_an_old_suspension_list_is_a_stale_copy(suspended, capsys, tmp_path):
    """The suspension list from before the log's latest change of the certificate does not hide it."""
    watched = suspended.folder  # live/ bad, one cycle watched
    try:
        # the list as certified: the suspension fell in a later second (:func:`suspended`), or
        # the two would be simultaneous and the list not stale (the log still wins)
        before = (suspended.certified / "out" / statuslist.SUSPENSION_PATH).read_bytes()
        assert suspended.code == 1
        (watched / "out" / statuslist.SUSPENSION_PATH).write_bytes(before)  # a host serving yesterday's list
        code, said = _verify(watched, capsys)
        assert code == 1 and "the suspension list was signed at" in said and "a stale copy" in said, said
    finally:
        _live(watched, "good")
        assert _watch(watched, capsys)[0] == 0  # reinstated, the lists published afresh


def test_a_forged_suspension_row_suspends_nothing_and_the_audit_names_it(watched, catalog, capsys):
    programme = load_programme(watched / "programme.yaml", catalog)
    with sqlite3.connect(programme.history_path) as db:
        (certificate_id,) = db.execute("SELECT certificate_id FROM certificates").fetchone()
        (run_id,) = db.execute("SELECT run_id FROM runs ORDER BY seq DESC").fetchone()
        db.execute("INSERT INTO suspensions (event, certificate_id, changed, run_id, reason) VALUES "
                   "('certificate-suspended', ?, '2026-01-01T00:00:00Z', ?, 'forged')", (certificate_id, run_id))
    code, said = _watch(watched, capsys)
    assert code == 0 and "headset: passing:" in said and "reinstated" not in said, said
    assert not _suspended_bit(watched)
    assert _verify(watched, capsys)[0] == 0
    capsys.readouterr()
    code = main(["programme", "audit", str(watched / "programme.yaml")])
    said = _said(capsys)
    assert code == 1 and "row suspensions" in said and "not in the log (inserted behind" in said, said


def test_a_suspension_is_witnessed_when_the_programme_has_witnesses(watched, catalog, capsys):
    """The checkpoint published after the suspension carries the cosignature of the programme's
    witness (which checked it against the tree it saw before); one it cannot reach is named."""
    raw = yaml.safe_load((watched / "programme.yaml").read_text())
    origin = checkpoint.log_origin(raw["id"], raw["site_url"])
    log_key = checkpoint.verifier_key(origin, load_private_key(watched / "program.key").public_key())
    witness = Witness(watched / "witness-w1", "witness.example/w1",
                      Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32), {origin: [log_key]})
    httpd = server(witness)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    gone = note.note_key("witness.example/gone", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    raw["witnesses"] = [{"url": f"http://127.0.0.1:{httpd.server_address[1]}/", "key": witness.verifier().vkey()},
                        {"url": "http://127.0.0.1:9/", "key": gone.vkey()}]
    original = (watched / "programme.yaml").read_text()
    (watched / "programme.yaml").write_text(yaml.safe_dump(raw))
    _live(watched, "bad")
    try:
        code, said = _watch(watched, capsys)
        assert code == 1 and "suspended urn:uuid:" in said, said
        assert "not cosigned: witness witness.example/gone" in said, said
        published = note.parse((watched / "out" / "log" / "checkpoint").read_bytes())
        assert set(note.verify(published, [witness.verifier()])) == {"witness.example/w1"}
        tree = checkpoint.read_text(published.text)
        assert tree.size == len(_leaves(watched))  # the head that records the suspension
    finally:
        _live(watched, "good")
        assert _watch(watched, capsys)[0] == 0
        (watched / "programme.yaml").write_text(original)
        httpd.shutdown()
        httpd.server_close()


def test_a_watch_dispatched_through_dask_suspends_and_reinstates_alike(watched, capsys):
    """With `dispatch.engine: dask` the cycle's runs go to the programme's own Dask cluster, as
    `programme run`'s do; the decisions are the same."""
    pytest.importorskip("distributed")
    raw = yaml.safe_load((watched / "programme.yaml").read_text())
    original = (watched / "programme.yaml").read_text()
    (watched / "programme.yaml").write_text(yaml.safe_dump({**raw, "dispatch": {"engine": "dask", "workers": 1}}))
    _live(watched, "bad")
    try:
        code, said = _watch(watched, capsys)
        assert code == 1 and "headset: regressed:" in said and "suspended urn:uuid:" in said, said
        _live(watched, "good")
        code, said = _watch(watched, capsys)
        assert code == 0 and "reinstated urn:uuid:" in said, said
    finally:
        _live(watched, "good")
        (watched / "programme.yaml").write_text(original)


def test_a_suspended_certificate_can_still_be_revoked(suspended, capsys):
    watched = suspended.folder  # live/ bad, one cycle watched
    try:
        assert suspended.code == 1
        capsys.readouterr()
        assert main(["programme", "revoke", str(watched / "programme.yaml"), "headset-0", "--reason", "regressed",
                     "--out", str(watched / "out")]) == 0
        assert "revoked:" in _said(capsys)
        code, said = _verify(watched, capsys)
        assert code == 1 and "revoked" in said, said
        # a revoked certificate is no longer watched
        code, said = _watch(watched, capsys)
        assert "no participant holds a certificate in force to watch" in said, said
    finally:
        _live(watched, "good")


def test_the_schedule_runs_cycles_from_each_start_on_a_controlled_clock(tmp_path, catalog):
    """Each cycle takes five seconds of the schedule's clock, whatever it takes on the wall: the
    clock alone decides how long the watch sleeps. The programme's one participant holds no
    certificate yet, so each cycle is the watch's own work (its history and log read, nobody in
    force to run again), not a participant process: the sleeps are compared exactly, so a wall
    clock read anywhere in the schedule shows however short the cycle (a second of CPU a cycle
    saved, bench/README.md)."""
    generate_keys(tmp_path / "program.key")
    write(tmp_path / "plan.yaml", {"id": "round-1", "program": "Test", "catalog_digest": catalog.digest,
                                   "profiles": {"terminal-hmd-6dof": {}}})
    write(tmp_path / "headset.yaml", {"product": {"name": "headset", "version": "2.1"},
                                      "profiles": ["terminal-hmd-6dof"],
                                      "targets": {"captures": {"adapter": "file", "paths": HEADSET_CAPTURES}}})
    path = programme_file(tmp_path, [{"id": "headset", "manifest": "headset.yaml"}], plan="plan.yaml",
                          signing_key="program.key", site_url=SITE, watch={"interval_minutes": 60})
    programme = load_programme(path, catalog)
    now = [1000.0]
    slept: list[float] = []
    seen: list[object] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    def clock() -> float:
        now[0] += 5  # each reading moves on: a cycle takes five seconds of the schedule's time
        return now[0]

    watch(programme, catalog, tmp_path / "out", interval_s=3600, participants=None, report=seen.append, cycles=3,
          clock=clock, sleep=sleep)
    assert len(seen) == 3 and slept == [3595.0, 3595.0]


@pytest.mark.parametrize(("change", "args", "expected"), [
    ({}, [], "no schedule: watch.interval_minutes is not set"),
    ({"watch": {"interval_minutes": 5, "participants": ["nobody"]}}, ["--once"], "at $.watch.participants[0]"),
    ({"watch": {"interval_minutes": 0}}, ["--once"], "interval_minutes"),
    ({"watch": {"interval_minutes": 5}}, ["--interval", "0"], "--interval: 0 is not a positive number"),
    ({"watch": {"interval_minutes": 5}}, ["--once", "--participant", "nobody"], "no participant 'nobody'"),
])
def test_bad_watch_input_is_one_line_exit_2(tmp_path, capsys, change, args, expected):
    generate_keys(tmp_path / "program.key")
    write(tmp_path / "headset.yaml", {"product": {"name": "headset", "version": "1"}, "profiles": ["terminal-hmd-6dof"],
                                      "targets": {"captures": {"adapter": "file", "paths": ["x.ndjson"]}}})
    path = programme_file(tmp_path, [{"id": "headset", "manifest": "headset.yaml"}], signing_key="program.key",
                          site_url=SITE, **change)
    capsys.readouterr()
    assert main(["programme", "watch", str(path), *args, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists()
