"""What the programme shows is what its log says (issue 44): the history the query commands
(``conformance programme status | runs | certificates | failing | changes | grid | catalogs``)
and the site read.

The history's tables are an index anyone with the database's password can INSERT into; the
log (:mod:`.ledger`) is what the programme signed. :func:`believed` rebuilds, in memory, the
history the log carries: its runs and their outcomes from the run leaves, its certificates
and revocations from theirs, and a run's verdict rows from the history only where they match
the digest its leaf holds. Every query then runs on that copy unchanged, so a row inserted
behind the programme's back (a run, a conformant outcome, a certificate, a revocation) or
edited after it was logged is in no table and no count. How many rows differ is what
:func:`.audit.audit` finds (the one comparison of history and log), said in one warning line
and, on the site, in a notice; ``conformance programme audit`` names each.

A history recorded before the log existed (its log empty) is shown as it stands, with a notice
that it is unlogged until the operator adopts it (``conformance programme audit --adopt``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import audit, logformat
from .database import execute_many
from .history import History

if TYPE_CHECKING:
    from .spec import Programme

#: the console's warning and the site's notice, in each of the site's languages
WARNING = "{n} rows of the history are not in the programme log: see `conformance programme audit PROGRAMME`"
UNLOGGED = ("the history predates the programme log: its rows are shown unchecked "
            "(adopt them with `conformance programme audit --adopt PROGRAMME`)")
NOTICES = {
    "en": {"tampered": "{n} rows of the programme's history are not in its signed log (inserted or edited behind "
                       "the programme's back); they are left out of every table and count on this site. The "
                       "programme's operator finds them with `conformance programme audit PROGRAMME`.",
           "unlogged": "This programme's history was recorded before its signed log existed: the rows shown here "
                       "are not checked against a log."},
    "zh": {"tampered": "项目历史记录中有 {n} 行不在其签名日志中（被绕过项目插入或修改）；"
                       "本网站的所有表格和计数均未计入这些行。"
                       "项目运营方可用 `conformance programme audit PROGRAMME` 找出它们。",
           "unlogged": "本项目的历史记录早于其签名日志：此处显示的行未经日志核对。"},
}


@dataclass
class Believed:
    """The history to show, and what the programme says about it: ``untrusted`` rows of the
    stored history the log does not carry (or carries otherwise); ``unlogged`` when there is no
    log to check against."""

    history: History
    untrusted: int = 0
    unlogged: bool = False

    def warning(self) -> str | None:
        if self.unlogged:
            return UNLOGGED
        return WARNING.format(n=self.untrusted) if self.untrusted else None

    def notice(self, lang: str) -> str | None:
        if self.unlogged:
            return NOTICES[lang]["unlogged"]
        return NOTICES[lang]["tampered"].format(n=self.untrusted) if self.untrusted else None


def believed(history: History, programme: Programme) -> Believed:
    """The history as the programme's log carries it (the caller closes ``Believed.history``
    when it is not ``history``). A log that fails its own checks (a head not signed by a
    programme key, a leaf edited) is bad input, as for certify (:func:`.certify.believed_log`)."""
    from .certify import believed_log, log_signers

    if not history.log.lines():
        recorded = history.rows("SELECT count(*) AS n FROM runs")[0]["n"]
        return Believed(history, unlogged=bool(recorded))
    view = believed_log(history, programme)  # the log's own checks: bad input when they fail
    found = audit.audit(history, log_signers(programme))
    verdicts: dict[str, list[tuple[str, str, str, str]]] = {}
    for row in history.rows("SELECT run_id, profile, requirement, verdict, parameters FROM verdicts"):
        verdicts.setdefault(row["run_id"], []).append((row["profile"], row["requirement"], row["verdict"],
                                                       row["parameters"]))
    # rows of the history's tables, each as its columns (values as the log carries them)
    runs: list[tuple[object, ...]] = []
    outcomes: list[tuple[object, ...]] = []
    kept: list[tuple[object, ...]] = []
    # a run logged twice (its first transaction rolled back after its leaf was written, a full
    # disk, and the run recorded again on recovery) is shown once, as its last leaf says
    for _, entry in sorted(view.runs.values(), key=lambda item: item[0]):
        run_id = entry["run"]["run_id"]
        runs.append(tuple(entry["run"][k] for k in logformat.RUN_FIELDS))
        outcomes += [(run_id, profile, outcome) for profile, outcome in sorted(entry["outcomes"].items())]
        judged = verdicts.get(run_id, [])
        if logformat.verdicts_digest(judged) == entry["verdicts"]:  # else edited: none of them believed
            kept += [(run_id, *row) for row in judged]
    certificates: list[tuple[object, ...]] = [tuple(c[k] for k in logformat.CERTIFICATE_FIELDS)
                    for _, c in sorted(view.certificates.values(), key=lambda item: item[0])]
    revocations: list[tuple[object, ...]] = [tuple(r[k] for k in logformat.REVOCATION_FIELDS)
                                             for r in view.revoked.values()]
    # suspensions and reinstatements as the log orders them (a row inserted behind its back is none)
    changes: list[tuple[object, ...]] = [
        (e["event"], *(e["suspension"][k] for k in logformat.SUSPENSION_FIELDS))  # type: ignore[index]
        for e in history.log.entries() if e["event"] in (logformat.SUSPENDED, logformat.REINSTATED)]
    copy = History(Path(":memory:"))
    with copy._transaction() as db:  # one transaction: a history of many verdicts is copied at once
        for table, columns, rows in (("runs", logformat.RUN_FIELDS, runs),
                                     ("outcomes", ("run_id", "profile", "outcome"), outcomes),
                                     ("verdicts", ("run_id", "profile", "requirement", "verdict", "parameters"), kept),
                                     ("certificates", logformat.CERTIFICATE_FIELDS, certificates),
                                     ("revocations", logformat.REVOCATION_FIELDS, revocations),
                                     ("suspensions", ("event", *logformat.SUSPENSION_FIELDS), changes)):
            execute_many(db, f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
    return Believed(copy, untrusted=len(found.lines))
