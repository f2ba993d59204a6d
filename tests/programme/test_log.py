"""The programme log (conformance.programme.ledger): random programme histories, each tampered
once (a leaf of the log edited, inserted, deleted, reordered or rolled back; a history row
inserted, edited, deleted or reordered), are each reported by the audit, naming the first bad
leaf or row; untampered ones are clean. Strict parsing of leaves and heads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import orjson
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.codecs.jcs import canonicalize
from conformance.errors import HarnessInputError, OutputFailed
from conformance.programme import ledger, logformat, merkle, signing
from conformance.programme.audit import Audit, audit, audit_heads, audit_log
from conformance.programme.dbschema import append_only
from conformance.programme.history import History, RunRecord
from conformance.programme.ledger import ProgrammeLog
from conformance.programme.logformat import LogProblem

KEY = Ed25519PrivateKey.generate()
TRUSTED = {signing.issuer_did(KEY.public_key())}
FIRST = r"^(leaf \d+|leaves 0\.\.|row |verdict rows|the history's table)"


def _open(folder: Path, key: Ed25519PrivateKey | None = KEY) -> History:
    return History(folder / "h.sqlite", ProgrammeLog(folder / "h.log", "test", key))


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> Path:
    """An empty history (its migrations applied once), copied for each example."""
    folder = tmp_path_factory.mktemp("empty-history")
    with _open(folder):
        pass
    return folder / "h.sqlite"


EVENTS = st.lists(st.one_of(
    st.tuples(st.just("run"), st.sampled_from(["alpha", "beta"]),
              st.sampled_from(["crashed", "timeout", "rejected", "interrupted"])),
    st.tuples(st.just("certify"), st.integers(0, 50)),
    st.tuples(st.just("revoke"), st.integers(0, 50)),
), min_size=1, max_size=7)
TAMPERINGS = ("leaf-edit", "leaf-insert", "leaf-delete", "leaf-swap", "rollback", "row-insert-run",
              "row-insert-outcome", "row-insert-verdict", "row-insert-certificate", "row-insert-revocation",
              "row-edit", "row-delete", "row-reorder")


def _build(folder: Path, events: list[tuple]) -> None:
    """A programme history from the events, through the History API (each row its leaf)."""
    runs: list[str] = []
    certificates: list[str] = []
    with _open(folder) as history:
        for event in events:
            if event[0] == "run":
                run_id = f"run-{len(runs)}"
                history.record(RunRecord(run_id=run_id, programme="test", kind="participant", participant=event[1],
                                         report_dir=folder / event[1] / run_id,
                                         status="rejected" if event[2] == "rejected" else event[2],
                                         exit_code=None, detail=f"{event[2]} run"))
                runs.append(run_id)
            elif event[0] == "certify" and runs:
                run_id = runs[event[1] % len(runs)]
                with history.issuing() as (index, insert):
                    certificate_id = f"urn:uuid:certificate-{index}"
                    insert(certificate_id, "alpha", run_id, "did:key:z", "2026-01-01T00:00:00Z",
                           "2027-01-01T00:00:00Z", f"certificates/alpha-{index}.json", "0" * 64)
                certificates.append(certificate_id)
            elif event[0] == "revoke" and certificates:
                history.revoke(certificates[event[1] % len(certificates)], "test")


def _lines(log: Path) -> list[bytes]:
    return (log / logformat.LEAVES).read_bytes().splitlines() if (log / logformat.LEAVES).exists() else []


def _rewrite(log: Path, lines: list[dict]) -> None:
    """The leaves written back as the programme would (canonical, renumbered): only the signed
    heads can tell."""
    data = b"".join(canonicalize({**entry, "index": i}) + b"\n" for i, entry in enumerate(lines))
    (log / logformat.LEAVES).write_bytes(data)


def _sql(history: History, *statements: str, params: tuple = ()) -> None:
    with history.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement, params if "?" in statement else ())


def _behind_the_back(history: History, table: str, statement: str, params: tuple = ()) -> None:
    """An UPDATE or DELETE with the table's triggers dropped, then put back (so that only the
    log can tell)."""
    _sql(history, f"DROP TRIGGER {table}_no_UPDATE", f"DROP TRIGGER {table}_no_DELETE")
    _sql(history, statement, params=params)
    with history.engine.begin() as connection:
        append_only(connection, table)


def _tamper(folder: Path, kind: str, draw) -> str:
    log = folder / "h.log"
    leaves = [orjson.loads(line) for line in _lines(log)]
    with _open(folder) as history:
        runs = history.rows("SELECT * FROM runs ORDER BY seq")
        certificates = history.rows("SELECT * FROM certificates")
        revocations = history.rows("SELECT * FROM revocations")
        tables = [t for t in (("runs", runs, "seq"), ("certificates", certificates, "status_index"),
                              ("revocations", revocations, "certificate_id")) if t[1]]
        if not leaves and (kind.startswith("leaf") or kind == "rollback") or not tables and kind in (
                "row-edit", "row-delete"):
            kind = "row-insert-run"
        if kind == "leaf-edit":
            i = draw(st.integers(0, len(leaves) - 1))
            leaves[i]["time"] = "1999-01-01T00:00:00.000Z"
            _rewrite(log, leaves)
        elif kind == "leaf-insert":
            i, j = draw(st.integers(0, len(leaves))), draw(st.integers(0, len(leaves) - 1))
            _rewrite(log, [*leaves[:i], leaves[j], *leaves[i:]])
        elif kind == "leaf-delete":
            i = draw(st.integers(0, len(leaves) - 1))
            _rewrite(log, leaves[:i] + leaves[i + 1:])
        elif kind == "leaf-swap" and len(leaves) > 1:
            i = draw(st.integers(0, len(leaves) - 2))
            j = draw(st.integers(i + 1, len(leaves) - 1))
            leaves[i], leaves[j] = leaves[j], leaves[i]
            _rewrite(log, leaves)
        elif kind == "rollback":  # the last leaf and its head gone, the head before it made the latest
            _rewrite(log, leaves[:-1])
            (log / logformat.HEADS / f"{len(leaves)}.json").unlink()
            if len(leaves) > 1:
                shutil.copy(log / logformat.HEADS / f"{len(leaves) - 1}.json", log / logformat.HEAD)
            else:
                (log / logformat.HEAD).unlink()
        elif kind == "row-insert-outcome" and runs:
            history.execute("INSERT INTO outcomes (run_id, profile, outcome) VALUES (?, ?, ?)",
                            (runs[0]["run_id"], "terminal-hmd-6dof", "conformant"))
        elif kind == "row-insert-verdict" and runs:
            history.execute("INSERT INTO verdicts (run_id, profile, requirement, verdict, parameters)"
                            " VALUES (?, ?, ?, ?, ?)", (runs[0]["run_id"], "p", "TD-X-001", "pass", "{}"))
        elif kind == "row-insert-certificate" and runs:
            history.execute("INSERT INTO certificates (status_index, certificate_id, participant, run_id, issuer,"
                            " issued, valid_until, file, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (1000, "urn:uuid:shadow", "alpha", runs[0]["run_id"], "did:key:z", "2026", "2027",
                             "certificates/shadow.json", "0" * 64))
        elif kind == "row-insert-revocation" and certificates and len(revocations) < len(certificates):
            revoked = {r["certificate_id"] for r in revocations}
            target = next(c for c in certificates if c["certificate_id"] not in revoked)
            history.execute("INSERT INTO revocations (certificate_id, revoked, reason) VALUES (?, ?, ?)",
                            (target["certificate_id"], "2026-01-02T00:00:00Z", "inserted"))
        elif kind == "row-edit":
            table, rows, key = draw(st.sampled_from(tables))
            row = draw(st.sampled_from(rows))
            column = draw(st.sampled_from(sorted(c for c in row if c not in ("seq", key))))
            value = row[column] + 7 if isinstance(row[column], int) else f"{row[column] or ''}x"
            if column == "kind":  # the schema's CHECK allows these two: the other one, then
                value = "pair" if row[column] == "participant" else "participant"
            _behind_the_back(history, table, f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, row[key]))
        elif kind == "row-delete":  # SQLite as the history opens it does not enforce foreign keys
            table, rows, key = draw(st.sampled_from(tables))
            row = draw(st.sampled_from(rows))
            _behind_the_back(history, table, f"DELETE FROM {table} WHERE {key} = ?", (row[key],))
        elif kind == "row-reorder" and len(runs) > 1:
            a, b = runs[0]["seq"], runs[-1]["seq"]
            _behind_the_back(history, "runs", "UPDATE runs SET seq = CASE seq WHEN ? THEN ? ELSE ? END"
                             " WHERE seq IN (?, ?)", (a, -1, -2, a, b))
            _behind_the_back(history, "runs", "UPDATE runs SET seq = CASE seq WHEN -1 THEN ? ELSE ? END"
                             " WHERE seq < 0", (b, a))
        else:  # the kind needs rows this history lacks: a run row inserted instead
            kind = "row-insert-run"
            history.execute("INSERT INTO runs (run_id, programme, kind, participant, report_dir, recorded, status,"
                            " complete, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ("run-inserted", "test", "participant", "alpha", "x", "2026", "finished", 1, ""))
    return kind


@pytest.mark.slow  # about 25 s: a history database per example
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=EVENTS, kind=st.sampled_from(TAMPERINGS), data=st.data())
def test_any_single_tampering_of_a_random_history_is_found_and_named(tmp_path_factory, empty, events, kind, data):
    folder = tmp_path_factory.mktemp("history")
    shutil.copy(empty, folder / "h.sqlite")
    _build(folder, events)
    with _open(folder) as history:
        clean = audit(history, TRUSTED)
    assert clean.lines == [], clean.lines
    assert clean.leaves == len(_lines(folder / "h.log"))
    kind = _tamper(folder, kind, data.draw)
    with _open(folder) as history:
        found = audit(history, TRUSTED)
    assert found.lines, f"{kind} not found"
    assert re.match(FIRST, found.lines[0]), (kind, found.lines)


def test_an_edited_leaf_is_named_exactly(tmp_path):
    _build(tmp_path, [("run", "alpha", "crashed")] * 5)
    leaves = [orjson.loads(line) for line in (tmp_path / "h.log" / logformat.LEAVES).read_bytes().splitlines()]
    leaves[2]["run"]["status"] = "finished"
    _rewrite(tmp_path / "h.log", leaves)
    with _open(tmp_path) as history:
        found = audit(history, TRUSTED)
    assert found.lines[0].startswith("leaf 2: differs from what the programme signed"), found.lines


def test_heads_by_another_key_or_unsigned_are_not_believed(tmp_path):
    _build(tmp_path, [("run", "alpha", "crashed")] * 2)
    with _open(tmp_path) as history:
        assert audit(history, {"did:key:zOther"}).lines[0].endswith("not by a programme key")
    head = orjson.loads((tmp_path / "h.log" / logformat.HEAD).read_bytes())
    head.pop("proof")
    for path in (tmp_path / "h.log" / logformat.HEAD, tmp_path / "h.log" / logformat.HEADS / "2.json"):
        path.write_bytes(canonicalize(head))
    with _open(tmp_path) as history:
        assert "no proof" in audit(history, TRUSTED).lines[0]


def test_a_signed_log_is_not_appended_to_without_the_key(tmp_path):
    _build(tmp_path, [("run", "alpha", "crashed")])
    with _open(tmp_path, key=None) as history, pytest.raises(HarnessInputError, match="the programme log is signed"):
        history.record(RunRecord(run_id="later", programme="test", kind="participant", participant="alpha",
                                 report_dir=tmp_path / "x", status="crashed", exit_code=None))
    with _open(tmp_path) as history:
        assert audit(history, TRUSTED).lines == []  # refused whole: no row, no leaf


def test_a_rotated_key_is_a_leaf_and_both_keys_heads_hold(tmp_path):
    _build(tmp_path, [("run", "alpha", "crashed")])
    new = Ed25519PrivateKey.generate()
    with _open(tmp_path, key=new) as history:
        history.record(RunRecord(run_id="after", programme="test", kind="participant", participant="alpha",
                                 report_dir=tmp_path / "x", status="crashed", exit_code=None))
        entries = history.log.entries()
        assert [e["event"] for e in entries] == [logformat.RUN, logformat.ROTATED, logformat.RUN]
        assert entries[1]["from"] in TRUSTED and entries[1]["to"] == signing.issuer_did(new.public_key())
        assert audit(history, TRUSTED | {entries[1]["to"]}).lines == []
        assert audit(history, TRUSTED).lines  # the new key's heads, not trusted


@pytest.mark.parametrize(("line", "problem"), [
    (b'{"index":0,"index":0,"event":"key-rotated","time":"t","from":"a","to":"b"}', "not strict JSON"),
    (b'{"event":"key-rotated","from":"a","index":0,"time":"t","to":"b"} ', "not in its canonical form"),
    (b'{"from":"a","index":0,"time":"t","to":"b","event":"key-rotated"}', "not in its canonical form"),
    (b'{"event":"key-rotated","from":"a","index":1,"time":"t","to":"b"}', "it says it is leaf 1"),
    (b'{"event":"deleted","index":0,"time":"t"}', "is not one the programme records"),
    (b'{"event":"key-rotated","extra":1,"from":"a","index":0,"time":"t","to":"b"}', "its members are not"),
    (b'{"event":"run-recorded","index":0,"run":{},"outcomes":{},"time":"t","verdicts":"","attestation":null}',
     "not in its canonical form"),
    (b'{"attestation":null,"event":"run-recorded","index":0,"outcomes":{},"run":{},"time":"t","verdicts":""}',
     "does not have the history's columns"),
    (b'{"event":"key-rotated","from":"a","index":9007199254740993,"time":"t","to":"b"}', "not strict JSON"),
])
def test_leaves_are_parsed_strictly(line, problem):
    with pytest.raises(LogProblem, match=problem):
        logformat.parse_leaf(line, 0)


@pytest.mark.parametrize(("column", "value"), [("status_index", "3"), ("status_index", -1), ("status_index", True),
                                               ("status_index", 1.5), ("participant", None), ("file", 7)])
def test_a_leafs_columns_have_the_historys_types(column, value):
    certificate = {"status_index": 3, "certificate_id": "urn:uuid:x", "participant": "alpha", "run_id": "r",
                   "issuer": "did:key:z", "issued": "t", "valid_until": "t", "file": "f", "sha256": "0" * 64}
    good = {"index": 0, "event": logformat.ISSUED, "time": "t", "certificate": certificate}
    assert logformat.parse_leaf(canonicalize(good), 0) == good
    bad = {**good, "certificate": {**certificate, column: value}}
    with pytest.raises(LogProblem, match=f"its certificate's {column} is .*, not the history's type"):
        logformat.parse_leaf(canonicalize(bad), 0)


@pytest.mark.parametrize(("head", "problem"), [
    (b'{"type":"ProgrammeLogHead","treeSize":1,"treeSize":2,"rootHash":"' + b"0" * 64 + b'","timestamp":"t"}',
     "not strict JSON"),
    (b'{"type":"Other","treeSize":1,"rootHash":"' + b"0" * 64 + b'","timestamp":"t"}', "not a ProgrammeLogHead"),
    (b'{"type":"ProgrammeLogHead","treeSize":-1,"rootHash":"' + b"0" * 64 + b'","timestamp":"t"}',
     "not a non-negative integer"),
    (b'{"type":"ProgrammeLogHead","treeSize":true,"rootHash":"' + b"0" * 64 + b'","timestamp":"t"}',
     "not a non-negative integer"),
    (b'{"type":"ProgrammeLogHead","treeSize":1,"rootHash":"' + b"A" * 64 + b'","timestamp":"t"}',
     "not a SHA-256 hash in lowercase hex"),
    (b'{"type":"ProgrammeLogHead","treeSize":1,"rootHash":"' + b"0" * 64 + b'"}', "no timestamp"),
])
def test_heads_are_parsed_strictly(head, problem):
    with pytest.raises(LogProblem, match=problem):
        logformat.load_head(head, "head.json")


def test_a_head_covers_exactly_its_leaves(tmp_path):
    _build(tmp_path, [("run", "alpha", "crashed"), ("run", "beta", "timeout"), ("certify", 1), ("revoke", 0)])
    log = ProgrammeLog(tmp_path / "h.log", "test", KEY)
    head = log.latest_head()
    assert head is not None and head["treeSize"] == 4 and signing.check_proof(head) in TRUSTED
    assert bytes.fromhex(head["rootHash"]) == merkle.root(log.hashes())
    proved = ledger.inclusion(log, 1)
    path = [bytes.fromhex(h) for h in proved["inclusionProof"]]
    assert merkle.verify_inclusion(1, 4, merkle.leaf_hash(canonicalize(proved["leaf"])), path,
                                   bytes.fromhex(head["rootHash"]))


def test_a_history_from_before_the_log_is_adopted_once(tmp_path):
    _build(tmp_path, [("run", "alpha", "crashed"), ("run", "beta", "timeout"), ("certify", 0), ("revoke", 0)])
    shutil.rmtree(tmp_path / "h.log")  # as a history recorded before the log existed
    with _open(tmp_path) as history:
        assert [line.split(":")[0] for line in audit(history, TRUSTED).lines] == [
            "row runs seq 1 (run-0)", "row runs seq 2 (run-1)", "row certificates entry 0 (urn",
            "row revocations (urn"]
        assert history.adopt() == 4
        assert audit(history, TRUSTED).lines == []
        with pytest.raises(HarnessInputError, match="the programme log is not empty"):
            history.adopt()


def test_an_adoption_the_full_disk_stops_at_its_head_can_be_made_again(tmp_path, monkeypatch):
    """The leaves are written whole, then the head fails (a full disk): the writer takes its
    leaves back, so the log is empty again and the next adoption is not refused as "not empty"."""
    _build(tmp_path, [("run", "alpha", "crashed"), ("certify", 0)])
    shutil.rmtree(tmp_path / "h.log")
    real = ledger.atomic_write

    def full(path, data, **kw):
        if path.name == logformat.HEAD:
            raise OutputFailed(str(path), "could not be written: No space left on device")
        real(path, data, **kw)

    with _open(tmp_path) as history:
        monkeypatch.setattr(ledger, "atomic_write", full)
        with pytest.raises(OutputFailed):
            history.adopt()
        monkeypatch.undo()
        assert history.log.lines() == [] and history.log.heads() == []
        assert history.adopt() == 2
        assert audit(history, TRUSTED).lines == []


def test_audit_exit_codes_and_adopt_from_the_command_line(tmp_path, capsys):
    from conformance.cli import main
    from conformance.programme.history import open_history
    from conformance.programme.spec import load_programme
    from tests.conftest import shipped_catalog

    from .test_programme import http_manifest, programme_file

    path = programme_file(tmp_path, [{"id": "alpha", "manifest": http_manifest(tmp_path, "alpha", ["web-viewer-basic"],
                                                                                "http://127.0.0.1:9")}])
    assert main(["programme", "audit", str(path)]) == 2  # no history yet: bad input
    with open_history(load_programme(path, shipped_catalog())) as history:
        history.record(RunRecord(run_id="r1", programme="test-round", kind="participant", participant="alpha",
                                 report_dir=tmp_path / "out" / "alpha" / "r1", status="crashed", exit_code=None))
    capsys.readouterr()
    assert main(["programme", "audit", str(path)]) == 0
    assert "the log and the history agree (1 leaves, 1 heads, unsigned" in capsys.readouterr().out
    shutil.rmtree(tmp_path / "programme.history.log")
    assert main(["programme", "audit", str(path)]) == 1
    assert "tampered: row runs seq 1 (r1): not in the log" in capsys.readouterr().out
    assert main(["programme", "audit", str(path), "--adopt"]) == 0
    assert "adopted 1 rows into the programme log" in capsys.readouterr().out
    assert main(["programme", "audit", str(path), "--adopt"]) == 2
    assert main(["programme", "audit", str(path), "--heads", str(path), str(path)]) == 2


def test_a_log_rewritten_and_re_signed_by_the_operator_is_caught_by_the_heads_published_before(tmp_path):
    """The key holder rewrites leaf 0 and signs a new head: the log holds on its own, but the
    head published before (yesterday's) is not a prefix of it (RFC 9162 consistency); and a
    newer head smaller than an older one is a log that shrank."""
    _build(tmp_path, [("run", "alpha", "crashed"), ("run", "beta", "timeout")])
    log = ProgrammeLog(tmp_path / "h.log", "test", KEY)
    yesterday, first = log.latest_head(), orjson.loads((tmp_path / "h.log" / logformat.HEADS / "1.json").read_bytes())
    assert yesterday is not None
    leaves = [orjson.loads(line) for line in _lines(tmp_path / "h.log")]
    leaves[0]["run"]["status"] = "finished"
    shutil.rmtree(tmp_path / "h.log")
    log._write([canonicalize(entry) for entry in leaves], "2026-01-03T00:00:00.000Z")
    today = log.latest_head()
    assert today is not None
    own = Audit()
    audit_log(log, TRUSTED, own)
    assert own.lines == []  # re-signed: the log alone cannot tell
    found = Audit()
    audit_heads(yesterday, today, log, TRUSTED, found)
    assert found.lines == ["leaves 0..1: the older head (size 2) is not a prefix of the newer (size 2): the log was "
                           "rewritten after the older head was published (compare the leaves published with it to "
                           "find which)"]
    shrunk = Audit()
    audit_heads(today, first, log, TRUSTED, shrunk)
    assert shrunk.lines == ["the older head has 2 leaves, the newer 1: the log shrank"]
