"""The programme's history: every run it made, append-only, in a database.

Written by consuming each participant run's event log (``report.events.ndjson``, folded with
:func:`conformance._run.aggregation.replay_file`), never by parsing a report's views. Every run is
recorded, the failed, timed-out and interrupted ones too, so that a best-of-N selection is
visible: nothing is ever updated or deleted (triggers refuse it).

One data layer, SQLAlchemy 2 (Core, plain SQL), over SQLite by default (one file beside the
programme: nothing to install) or PostgreSQL when the programme names a database URL
(``postgresql+psycopg://...``). The schema is kept by Alembic migrations
(:mod:`.dbschema`, ``migrations/``), applied whenever a history is opened.

Every row written is also a leaf of the programme log (:mod:`.ledger`), appended inside the
row's transaction (a log that cannot be written records nothing): the tables are the query
index, the log what is believed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from .._io.vendorfiles import MAX_HASH_BYTES
from ..certification.attestation import ENVELOPE_NAME
from ..errors import HarnessInputError
from . import checkpoint, ledger, logformat
from .database import execute_many, open_engine, safe_location, sql_text, write_failure
from .dbschema import migrate
from .runfolders import fold, folder_digest, verdict_rows

#: A run's status: how its process ended (``finished``: a whole run, conformant or not);
#: ``rejected``: a run folder the programme does not believe (:mod:`.trust`: not where the
#: programme puts that run, an attestation that does not hold, another product than the
#: manifest's or than the participant registered in the programme file), recorded
#: with the reason and without outcomes or verdicts, never certified.
FINISHED = "finished"
REJECTED = "rejected"
STATUSES = (FINISHED, "bad-input", "incomplete", "crashed", "timeout", "interrupted", REJECTED)


@dataclass(frozen=True)
class RunRecord:
    """What the runner knows of one run, before its event log is read."""

    run_id: str
    programme: str
    kind: str
    participant: str
    report_dir: Path
    status: str
    exit_code: int | None
    partner: str | None = None
    detail: str = ""
    started: str | None = None
    finished: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class History:
    """The history database of one programme: a SQLite file (a Path, or ``:memory:``) or a
    database URL (``postgresql+psycopg://user@host/db``); ``log``: the programme log its rows
    are appended to (default: an unsigned log beside a history file, in memory otherwise;
    :func:`open_history` gives a programme's own, signed)."""

    def __init__(self, location: Path | str, log: ledger.ProgrammeLog | None = None) -> None:
        self.path = location
        self.log = log if log is not None else ledger.ProgrammeLog(ledger.default_folder(location))
        where = str(location)
        self.engine = open_engine(location)
        try:
            with self._transaction() as connection:
                migrate(connection)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            if (failed := write_failure(exc, location)) is not None:
                raise failed from None
            raise HarnessInputError(safe_location(where), f"not a programme history database, or not reachable: "
                                    f"{str(exc).splitlines()[0]}", "name another database ($.database)") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One write transaction (on SQLite ``BEGIN IMMEDIATE``: the write lock from the start).
        A write the database cannot make (a full disk, an I/O error) is :class:`OutputFailed`:
        the transaction is rolled back, so what was recorded before stays as it was."""
        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(immediate=True)
                with connection.begin():
                    yield connection
        except (OSError, SQLAlchemyError) as exc:
            if (failed := write_failure(exc, self.path)) is not None:
                raise failed from None
            raise

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> None:
        """One statement in its own transaction (what the append-only tests try)."""
        with self._transaction() as connection:
            connection.execute(*sql_text(sql, params))

    def known(self, run_id: str, connection: Connection | None = None) -> bool:
        return bool(self.rows("SELECT 1 AS one FROM runs WHERE run_id = ?", (run_id,), connection))

    def record(self, run: RunRecord) -> RunRecord | None:
        """Record one run and its verdicts, from its event log, in one transaction (a run is
        recorded whole or not at all); the run as recorded (its status judged with its report),
        or None when it was recorded already (never twice)."""
        if run.status == REJECTED:  # nothing its folder says is believed: no outcome, no verdict
            report, problem, sha = None, "", None
        else:
            report, problem = fold(run.report_dir)
            report_json = run.report_dir / "report.json"
            sha = folder_digest(report_json, MAX_HASH_BYTES) if report_json.is_file() else None
        status, detail = run.status, run.detail
        if status == FINISHED and report is None:  # exit 0 or 1 without a report: a Python traceback
            status = "crashed"
        elif status == FINISHED and report is not None and not report.complete:
            status = "incomplete"
        if problem and not detail:
            detail = problem
        recorded = _now()
        row = (run.run_id, run.programme, run.kind, run.participant, run.partner, str(run.report_dir),
               report.started if report else run.started, report.finished if report else run.finished, recorded,
               report.catalog_digest if report else None, report.harness.version if report else None,
               run.exit_code, status, int(bool(report and report.complete)), sha, detail)
        outcomes = [(run.run_id, p.id, p.outcome.value) for p in report.profiles] if report is not None else []
        verdicts = list(verdict_rows(run.run_id, report)) if report is not None else []
        envelope = run.report_dir / ENVELOPE_NAME
        with self._transaction() as db:
            if self.known(run.run_id, db):
                return None
            db.execute(*sql_text(
                "INSERT INTO runs (run_id, programme, kind, participant, partner, report_dir, started, finished,"
                " recorded, catalog_digest, harness_version, exit_code, status, complete, report_sha256, detail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row))
            execute_many(db, "INSERT INTO outcomes (run_id, profile, outcome) VALUES (?, ?, ?)", outcomes)
            execute_many(db, "INSERT INTO verdicts (run_id, profile, requirement, verdict, parameters)"
                  " VALUES (?, ?, ?, ?, ?)", verdicts)
            self.log.append(logformat.RUN, {
                "run": dict(zip(logformat.RUN_FIELDS, row, strict=True)),
                "outcomes": {profile: outcome for _, profile, outcome in outcomes},
                "verdicts": logformat.verdicts_digest(v[1:] for v in verdicts),
                "attestation": folder_digest(envelope),
            }, recorded)
        return dataclasses.replace(run, status=status, detail=detail)

    def adopt(self) -> int:
        """Log every row of a history recorded before the programme log existed (its log
        empty): the runs in their order (with their outcomes, a digest of their verdict rows and
        of their attestation), then the certificates by status list entry, then the revocations,
        each leaf at its row's own time, written at once under one signed head. What the rows say
        is taken as it stands: the operator adopts them once, after checking them; from then on
        the log is what is believed. The number of leaves written."""
        events: list[tuple[str, str, dict[str, object]]] = []
        for run in self.rows("SELECT * FROM runs ORDER BY seq"):
            outcomes = {r["profile"]: r["outcome"] for r in self.rows(
                "SELECT profile, outcome FROM outcomes WHERE run_id = ?", (run["run_id"],))}
            verdicts = [(r["profile"], r["requirement"], r["verdict"], r["parameters"]) for r in self.rows(
                "SELECT profile, requirement, verdict, parameters FROM verdicts WHERE run_id = ?", (run["run_id"],))]
            events.append((str(run["recorded"]), logformat.RUN, {
                "run": {k: run[k] for k in logformat.RUN_FIELDS}, "outcomes": outcomes,
                "verdicts": logformat.verdicts_digest(verdicts),
                "attestation": folder_digest(Path(run["report_dir"]) / ENVELOPE_NAME)}))
        for row in self.rows("SELECT * FROM certificates ORDER BY status_index"):
            events.append((str(row["issued"]), logformat.ISSUED,
                           {"certificate": {k: row[k] for k in logformat.CERTIFICATE_FIELDS}}))
        for row in self.rows("SELECT * FROM revocations ORDER BY certificate_id"):
            events.append((str(row["revoked"]), logformat.REVOKED,
                           {"revocation": {k: row[k] for k in logformat.REVOCATION_FIELDS}}))
        self.log.adopt([(kind, body, time) for time, kind, body in events], _now())
        return len(events)

    # -- queries -------------------------------------------------------------------------

    def rows(self, sql: str, params: tuple[object, ...] = (), connection: Connection | None = None
             ) -> list[dict[str, Any]]:
        """The rows of a query (plain SQL, ``?`` placeholders), as dicts."""
        if connection is not None:
            return [dict(row._mapping) for row in connection.execute(*sql_text(sql, params))]
        with self.engine.connect() as opened:
            return [dict(row._mapping) for row in opened.execute(*sql_text(sql, params))]

    def finished(self, kind: str, participant: str, partner: str | None = None) -> bool:
        """Whether a whole run of this participant (or pair) is recorded: resume skips it."""
        return bool(self.rows(
            "SELECT 1 AS one FROM runs WHERE kind = ? AND participant = ? AND coalesce(partner, '') = ?"
            " AND status = ?", (kind, participant, partner or "", FINISHED)))

    def runs(self, participant: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE participant = ?", (participant,)) if participant else ("", ())
        return self.rows(f"SELECT * FROM runs {where} ORDER BY seq", params)

    def status(self) -> list[dict[str, Any]]:
        """Each participant's latest outcome per profile (from the latest of its own runs that
        judged the profile), beside its latest run's status and how many runs it had: a crash
        after a conformant run does not hide the outcome, and best-of-N stays visible."""
        return self.rows(
            "SELECT p.participant, o.profile, o.outcome, o.run_id AS outcome_run, p.run_id AS latest_run,"
            " p.status, p.runs FROM (SELECT r.participant, r.run_id, r.status, (SELECT count(*) FROM runs a"
            " WHERE a.kind = 'participant' AND a.participant = r.participant) AS runs FROM runs r"
            " WHERE r.kind = 'participant' AND r.seq = (SELECT max(l.seq) FROM runs l"
            " WHERE l.kind = 'participant' AND l.participant = r.participant)) p"
            " LEFT JOIN (SELECT r.participant, x.profile, x.outcome, x.run_id FROM outcomes x"
            " JOIN runs r ON r.run_id = x.run_id WHERE r.kind = 'participant' AND r.seq = (SELECT max(l.seq)"
            " FROM runs l JOIN outcomes y ON y.run_id = l.run_id WHERE l.kind = 'participant'"
            " AND l.participant = r.participant AND y.profile = x.profile)) o ON o.participant = p.participant"
            " ORDER BY p.participant, o.profile")

    def failing(self, limit: int = 20) -> list[dict[str, Any]]:
        """Requirements failing most across participants, judged on each participant's latest
        whole run: the drafters' signal that a requirement is unclear or too strict."""
        who: dict[str, set[str]] = {}
        for row in self.rows(
                "SELECT DISTINCT v.requirement, r.participant FROM verdicts v JOIN runs r ON r.run_id = v.run_id"
                " WHERE r.kind = 'participant' AND v.verdict = 'fail' AND r.seq = (SELECT max(l.seq) FROM runs l"
                " WHERE l.kind = 'participant' AND l.participant = r.participant AND l.status = 'finished')"):
            who.setdefault(row["requirement"], set()).add(row["participant"])
        ranked = sorted(who.items(), key=lambda item: (-len(item[1]), item[0]))[:limit]
        return [{"requirement": req, "participants": len(names), "who": ",".join(sorted(names))}
                for req, names in ranked]

    def changes(self, participant: str | None = None) -> list[dict[str, Any]]:
        """When a participant's outcome of a profile changed between two of its whole runs, and
        the requirements whose verdict changed with it (each run's catalog digest beside, so a
        change that came with a new catalog shows as such)."""
        where, params = ("AND r.participant = ?", (participant,)) if participant else ("", ())
        rows = self.rows(
            "SELECT r.participant, r.run_id, r.started, r.catalog_digest, o.profile, o.outcome FROM runs r"
            " JOIN outcomes o ON o.run_id = r.run_id WHERE r.kind = 'participant' AND r.complete = 1"
            f" {where} ORDER BY r.participant, o.profile, r.seq", params)
        changes = []
        for previous, row in zip(rows, rows[1:], strict=False):
            same = (previous["participant"], previous["profile"]) == (row["participant"], row["profile"])
            if not same or previous["outcome"] == row["outcome"]:
                continue
            before, after = (self._verdicts(r["run_id"], r["profile"]) for r in (previous, row))
            changes.append({
                "participant": row["participant"], "profile": row["profile"],
                "from_run": previous["run_id"], "to_run": row["run_id"], "when": row["started"],
                "from_outcome": previous["outcome"], "to_outcome": row["outcome"],
                "from_catalog": previous["catalog_digest"], "to_catalog": row["catalog_digest"],
                "requirements": [(req, before.get(req, "–"), after.get(req, "–"))
                                 for req in sorted(set(before) | set(after)) if before.get(req) != after.get(req)],
            })
        return changes

    def catalog_change(self, participant: str, before: str | None = None, after: str | None = None
                       ) -> dict[str, Any] | None:
        """What changed for a participant between two catalog digests (default: the two most
        recent it was judged under): its latest whole run under each, and per profile the
        outcomes and the requirements whose verdict differs (one missing under a catalog: '–').
        None when it has no whole run under two digests."""
        whole = self.rows("SELECT run_id, catalog_digest, started FROM runs WHERE kind = 'participant'"
                          " AND participant = ? AND complete = 1 ORDER BY seq", (participant,))
        latest = {r["catalog_digest"]: r for r in whole}  # the latest whole run under each digest
        digests = list(dict.fromkeys(r["catalog_digest"] for r in reversed(whole)))
        before = before or (digests[1] if len(digests) > 1 else None)
        after = after or (digests[0] if digests else None)
        if before not in latest or after not in latest or before == after:
            return None
        runs = {"before": latest[before], "after": latest[after]}
        outcomes = {k: {r["profile"]: r["outcome"] for r in self.rows(
            "SELECT profile, outcome FROM outcomes WHERE run_id = ?", (run["run_id"],))} for k, run in runs.items()}
        profiles = []
        for profile in sorted(set(outcomes["before"]) | set(outcomes["after"])):
            old, new = (self._verdicts(runs[k]["run_id"], profile) for k in ("before", "after"))
            profiles.append({"profile": profile, "from_outcome": outcomes["before"].get(profile, "–"),
                             "to_outcome": outcomes["after"].get(profile, "–"),
                             "requirements": [(req, old.get(req, "–"), new.get(req, "–"))
                                              for req in sorted(set(old) | set(new)) if old.get(req) != new.get(req)]})
        return {"participant": participant, "from_catalog": before, "to_catalog": after,
                "from_run": runs["before"]["run_id"], "to_run": runs["after"]["run_id"], "profiles": profiles}

    def _verdicts(self, run_id: str, profile: str) -> dict[str, str]:
        return {r["requirement"]: r["verdict"] for r in self.rows(
            "SELECT requirement, verdict FROM verdicts WHERE run_id = ? AND profile = ?", (run_id, profile))}

    def outcome_series(self) -> list[dict[str, Any]]:
        """Every outcome of every participant's own runs, oldest first (a trend per profile)."""
        return self.rows(
            "SELECT r.participant, o.profile, r.run_id, r.started, r.status, o.outcome FROM runs r"
            " JOIN outcomes o ON o.run_id = r.run_id WHERE r.kind = 'participant' ORDER BY r.participant, o.profile,"
            " r.seq")

    def failure_rates(self) -> list[dict[str, Any]]:
        """Per requirement, over each participant's latest whole run: how many participants it
        was judged for (not applicable left out) and how many of them it failed, highest rate first."""
        rows = self.rows(
            "SELECT v.requirement, count(DISTINCT r.participant) AS judged,"
            " count(DISTINCT CASE WHEN v.verdict = 'fail' THEN r.participant END) AS failed"
            " FROM verdicts v JOIN runs r ON r.run_id = v.run_id"
            " WHERE r.kind = 'participant' AND v.verdict <> 'not_applicable' AND r.seq = (SELECT max(l.seq)"
            " FROM runs l WHERE l.kind = 'participant' AND l.participant = r.participant AND l.status = 'finished')"
            " GROUP BY v.requirement")
        return sorted(rows, key=lambda r: (-r["failed"] / max(r["judged"], 1), -r["failed"], r["requirement"]))

    def latest_run(self, participant: str) -> dict[str, object] | None:
        """The participant's latest own run (whatever its status), with its outcomes."""
        rows = self.rows("SELECT * FROM runs WHERE kind = 'participant' AND participant = ? ORDER BY seq DESC LIMIT 1",
                         (participant,))
        if not rows:
            return None
        run = rows[0]
        run["outcomes"] = {r["profile"]: r["outcome"] for r in self.rows(
            "SELECT profile, outcome FROM outcomes WHERE run_id = ?", (run["run_id"],))}
        return run

    def certificates(self, participant: str | None = None) -> list[dict[str, Any]]:
        """Every certificate issued, oldest first, with its revocation (if any)."""
        where, params = ("WHERE c.participant = ?", (participant,)) if participant else ("", ())
        return self.rows("SELECT c.*, r.revoked, r.reason FROM certificates c LEFT JOIN revocations r"
                         f" ON r.certificate_id = c.certificate_id {where} ORDER BY c.status_index", params)

    def revoked_indices(self) -> set[int]:
        return {r["status_index"] for r in self.rows(
            "SELECT c.status_index FROM certificates c JOIN revocations r ON r.certificate_id = c.certificate_id")}

    @contextmanager
    def issuing(self) -> Iterator[tuple[int, Callable[..., None]]]:
        """The next status list index and a function recording the certificate given it, in one
        transaction: the caller writes the certificate's file inside it, so a failed write
        records nothing and two certificates never share an index."""
        with self._transaction() as db:
            (row,) = self.rows("SELECT max(status_index) AS last FROM certificates", (), db)
            index = 0 if row["last"] is None else int(row["last"]) + 1

            def insert(certificate_id: str, participant: str, run_id: str, issuer: str, issued: str,
                       valid_until: str, file: str, sha256: str) -> None:
                row = (index, certificate_id, participant, run_id, issuer, issued, valid_until, file, sha256)
                db.execute(*sql_text(
                    "INSERT INTO certificates (status_index, certificate_id, participant, run_id, issuer, issued,"
                    " valid_until, file, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row))
                certificate = dict(zip(logformat.CERTIFICATE_FIELDS, row, strict=True))
                self.log.append(logformat.ISSUED, {"certificate": certificate}, _now())
            yield index, insert

    def revoke(self, certificate_id: str, reason: str, logged: bool | None = None) -> bool:
        """Record a revocation (once: False when it was revoked already). With ``logged`` (whether
        the programme log records it revoked already) the log decides: a revocation row the log
        does not carry (inserted behind the programme's back) does not stop the revocation from
        being logged; the forged row stays for the audit to name."""
        with self._transaction() as db:
            has_row = bool(self.rows("SELECT 1 AS one FROM revocations WHERE certificate_id = ?", (certificate_id,),
                                     db))
            if logged if logged is not None else has_row:
                return False
            row = (certificate_id, _now(), reason)
            if not has_row:
                db.execute(*sql_text("INSERT INTO revocations (certificate_id, revoked, reason) VALUES (?, ?, ?)", row))
            self.log.append(logformat.REVOKED, {"revocation": dict(zip(logformat.REVOCATION_FIELDS, row, strict=True))},
                            row[1])
        return True

    def change_suspension(self, event: str, certificate_id: str, run_id: str, reason: str) -> dict[str, object]:
        """Record that a certificate was suspended or reinstated (``event``, :data:`.logformat.SUSPENDED`
        or :data:`.logformat.REINSTATED`) by the watched run ``run_id``: its row and its log leaf in
        one transaction. Whether it changes is the caller's to decide from the log
        (:class:`.audit.LogView`), never from these rows. The suspension as logged."""
        with self._transaction() as db:
            row = (certificate_id, _now(), run_id, reason)
            db.execute(*sql_text("INSERT INTO suspensions (event, certificate_id, changed, run_id, reason)"
                              " VALUES (?, ?, ?, ?, ?)", (event, *row)))
            suspension: dict[str, object] = dict(zip(logformat.SUSPENSION_FIELDS, row, strict=True))
            self.log.append(event, {"suspension": suspension}, row[1])
        return suspension

    def suspensions(self) -> list[dict[str, Any]]:
        """Every suspension and reinstatement recorded, oldest first (a query index: the log decides)."""
        return self.rows("SELECT event, certificate_id, changed, run_id, reason FROM suspensions ORDER BY seq")

    def suspended(self) -> dict[str, dict[str, Any]]:
        """Each certificate whose latest change is a suspension: that suspension (run, time, why)."""
        found: dict[str, dict[str, Any]] = {}
        for row in self.suspensions():
            if row["event"] == logformat.SUSPENDED:
                found[row["certificate_id"]] = row
            else:
                found.pop(row["certificate_id"], None)
        return found

    def latest_pairs(self) -> list[dict[str, Any]]:
        """The latest run of each ordered pair with its verdicts (the interop grid's cells)."""
        return self.rows(
            "SELECT r.participant, r.partner, r.run_id, r.status, r.report_dir, v.requirement, v.verdict"
            " FROM runs r LEFT JOIN verdicts v ON v.run_id = r.run_id"
            " WHERE r.kind = 'pair' AND r.seq = (SELECT max(l.seq) FROM runs l WHERE l.kind = 'pair'"
            " AND l.participant = r.participant AND l.partner = r.partner)"
            " ORDER BY r.participant, r.partner, v.requirement")


def open_history(programme: Any) -> History:
    """The programme's history with its own log (:func:`.ledger.log_folder`), whose heads are
    signed by the programme's key when it has one."""
    key = None
    if programme.signing_key is not None:
        from ..certification.attestation import load_private_key

        key = load_private_key(programme.signing_key, "signing_key")
    origin = checkpoint.log_origin(programme.id, programme.site_url)
    return History(programme.history_path,
                   ledger.ProgrammeLog(ledger.log_folder(programme), programme.id, key, origin))
