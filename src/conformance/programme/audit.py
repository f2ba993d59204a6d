"""The audit of a programme's log and history: the log's leaves and signed heads checked,
the history's tables rebuilt from the leaves and compared row by row, and the first leaf or
row that differs named (``conformance programme audit``); :class:`LogView`, what the log says
indexed, is what ``certify`` believes.

The log itself (its storage, appends, heads and proofs) is :mod:`.ledger`; what each check
stops is in docs/programme.md (the threat model).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..codecs.jcs import canonicalize
from . import merkle
from .ledger import TRIGGER_TABLES, ProgrammeLog
from .logformat import (
    CERTIFICATE_FIELDS,
    HEAD,
    ISSUED,
    MAX_LEAF_BYTES,
    REINSTATED,
    REVOKED,
    RUN,
    RUN_FIELDS,
    SUSPENDED,
    SUSPENSION_FIELDS,
    LogProblem,
    head_signer,
    leaf_too_long,
    parse_leaf,
    verdicts_digest,
)

if TYPE_CHECKING:
    from .history import History

# -- the audit ---------------------------------------------------------------------------------


@dataclass
class Audit:
    """What an audit found: each problem one line, the first bad leaf or row first."""

    leaves: int = 0
    heads: int = 0
    rows: int = 0
    problems: list[tuple[float, str]] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def add(self, order: float, line: str) -> None:
        self.problems.append((order, line))

    @property
    def lines(self) -> list[str]:
        return [line for _, line in sorted(self.problems, key=lambda item: item[0])]


def audit_log(log: ProgrammeLog, trusted: set[str] | None, result: Audit) -> list[dict[str, object]] | None:
    """The log's own checks: every leaf (:func:`parse_leaf`), every head signed by a programme key
    and matching the leaves it covers, no leaf beyond the latest head. The leaves, or None when
    they cannot be read."""
    try:
        lines, torn = log._split()
    except LogProblem as exc:
        result.add(-1, str(exc))
        return None
    if torn:
        result.add(len(lines), torn)
    for path in log.set_aside():
        result.add(float("inf"), f"{path}: set aside by a writer, found beyond the latest signed head (an append "
                                 "that crashed before its head, or written behind the programme's back): look at "
                                 "it, then remove it")
    entries: list[dict[str, object]] = []
    for index, line in enumerate(lines):
        if len(line) > MAX_LEAF_BYTES:  # appended by a harness that did not bound it: it cannot be served as tiles
            result.add(index, f"{leaf_too_long(index, len(line))}: the log cannot be published as tiles")
        try:
            entries.append(parse_leaf(line, index))
        except LogProblem as exc:
            result.add(index, str(exc))
            return None
    result.leaves = len(entries)
    roots = merkle.prefix_roots([merkle.leaf_hash(line) for line in lines])
    try:
        heads = log.heads()
        latest = log.latest_head()
    except LogProblem as exc:
        result.add(-1, str(exc))
        return entries
    result.heads = len(heads)
    good = 0  # the largest size whose head matched
    for path, head in heads:
        size = head["treeSize"]
        try:
            head_signer(head, trusted, str(path))
        except LogProblem as exc:
            result.add(size - 1, str(exc))
            continue
        if path.name != f"{size}.json":
            result.add(size - 1, f"{path}: it is the head of size {size}, not of its name's")
        elif size > len(roots):
            result.add(len(roots), f"leaf {len(roots)}: missing (the programme signed a head of {size} leaves, the "
                                   f"log has {len(roots)}: leaves {len(roots)}..{size - 1} were deleted)")
        elif size and roots[size - 1] != bytes.fromhex(head["rootHash"]):
            first = good if size - good > 1 else size - 1
            result.add(first, f"leaf {first}: differs from what the programme signed (the head of size {size} does "
                              f"not match the leaves" + (f"; the one that differs is in leaves {good}..{size - 1})"
                                                         if size - good > 1 else ")"))
            break
        else:
            good = max(good, size)
    if latest is None and entries and trusted is not None:
        result.add(0, "leaf 0: the log has no signed head (head.json)")
    elif latest is not None:
        if heads and canonicalize(latest) != canonicalize(heads[-1][1]):
            result.add(latest["treeSize"], f"{log.folder}/{HEAD}: not the latest head the programme signed")
        if latest["treeSize"] < len(entries):
            result.add(latest["treeSize"], f"leaf {latest['treeSize']}: under no signed head (leaves "
                                           f"{latest['treeSize']}..{len(entries) - 1} were appended behind the "
                                           "programme's back)")
    result.checked.append(f"{len(entries)} leaves, {len(heads)} signed heads")
    return entries


def audit_history(history: History, entries: list[dict[str, Any]], result: Audit) -> None:
    """The history's tables against the log: every row a leaf, every leaf its rows, in the log's
    order; the append-only triggers in place."""
    runs = [(e["index"], e) for e in entries if e["event"] == RUN]
    issued = [(e["index"], e["certificate"]) for e in entries if e["event"] == ISSUED]
    revoked = [(e["index"], e["revocation"]) for e in entries if e["event"] == REVOKED]
    actual_runs = history.rows("SELECT * FROM runs ORDER BY seq")
    result.rows = len(actual_runs)
    _compare(result, "runs", "run_id", [(i, e["run"]) for i, e in runs],
             [({k: r.get(k) for k in RUN_FIELDS}, f"seq {r['seq']}") for r in actual_runs], ordered=True)
    outcomes = [(i, {"run_id": e["run"]["run_id"], "profile": p, "outcome": o})
                for i, e in runs for p, o in sorted(e["outcomes"].items())]
    actual_outcomes = history.rows("SELECT run_id, profile, outcome FROM outcomes ORDER BY run_id, profile")
    _compare(result, "outcomes", ("run_id", "profile"), outcomes, [(r, "") for r in actual_outcomes])
    verdicts: dict[str, list[tuple[Any, ...]]] = {}
    for row in history.rows("SELECT run_id, profile, requirement, verdict, parameters FROM verdicts"):
        verdicts.setdefault(row["run_id"], []).append((row["profile"], row["requirement"], row["verdict"],
                                                       row["parameters"]))
    expected_verdicts = {e["run"]["run_id"]: (i, e["verdicts"]) for i, e in runs}
    for run_id in verdicts:
        if run_id not in expected_verdicts:
            result.add(float("inf"), f"verdict rows of run {run_id}: not in the log (inserted behind the programme's "
                                     "back)")
    for run_id, (index, digest) in expected_verdicts.items():
        if verdicts_digest(verdicts.get(run_id, [])) != digest:
            result.add(index, f"leaf {index} (run {run_id}): its verdict rows in the history differ from the log's "
                              "digest (edited, inserted or deleted)")
    actual_certificates = history.rows("SELECT * FROM certificates ORDER BY status_index")
    _compare(result, "certificates", "certificate_id", issued,
             [({k: r.get(k) for k in CERTIFICATE_FIELDS}, f"entry {r['status_index']}") for r in actual_certificates],
             ordered=True)
    actual_revocations = history.rows("SELECT certificate_id, revoked, reason FROM revocations "
                                      "ORDER BY certificate_id")
    _compare(result, "revocations", "certificate_id", revoked, [(r, "") for r in actual_revocations])
    changes = [(e["index"], {"event": e["event"], **e["suspension"]}) for e in entries
               if e["event"] in (SUSPENDED, REINSTATED)]
    actual_changes = history.suspensions()
    _compare(result, "suspensions", ("event", *SUSPENSION_FIELDS), changes,
             [({k: r.get(k) for k in ("event", *SUSPENSION_FIELDS)}, "") for r in actual_changes], ordered=True)
    for table in _missing_triggers(history):
        result.add(-0.5, f"the history's table {table}: its append-only triggers were dropped")
    result.checked.append(f"{len(actual_runs)} runs, {len(actual_outcomes)} outcomes, "
                          f"{sum(map(len, verdicts.values()))} verdicts, {len(actual_certificates)} certificates, "
                          f"{len(actual_revocations)} revocations, {len(actual_changes)} suspensions and "
                          "reinstatements against the log")


def _compare(result: Audit, table: str, key: str | tuple[str, ...], expected: list[tuple[int, dict[str, Any]]],
             actual: list[tuple[dict[str, object], str]], ordered: bool = False) -> None:
    def key_of(row: dict[str, object]) -> Any:
        return tuple(row.get(k) for k in key) if isinstance(key, tuple) else row.get(key)

    def name(row: dict[str, Any], where: str) -> str:
        shown = "/".join(map(str, key_of(row))) if isinstance(key, tuple) else key_of(row)
        return f"row {table} {where} ({shown})".replace(f" {''} (", " (")

    leaves = {key_of(row): (index, row) for index, row in expected}
    rows = {key_of(row): (row, where) for row, where in actual}
    for row, where in actual:
        if key_of(row) not in leaves:
            result.add(float("inf"), f"{name(row, where)}: not in the log (inserted behind the programme's back)")
    for index, row in expected:
        found = rows.get(key_of(row))
        if found is None:
            result.add(index, f"leaf {index}: its {table} row ({key_of(row)}) is missing from the history (deleted)")
            continue
        differ = [k for k in row if row[k] != found[0].get(k)]
        if differ:
            result.add(index, f"leaf {index}: {name(found[0], found[1])} differs from it ({differ[0]}: log "
                              f"{row[differ[0]]!r}, history {found[0].get(differ[0])!r}): edited")
    if ordered:
        logged = [key_of(row) for _, row in expected if key_of(row) in rows]
        stored = [key_of(row) for row, _ in actual if key_of(row) in leaves]
        for want, have in zip(logged, stored, strict=False):
            if want != have:
                index = leaves[want][0]
                result.add(index, f"leaf {index}: {name(rows[have][0], rows[have][1])} stands where the log has "
                                  f"{want} (rows reordered)")
                break


def _missing_triggers(history: History) -> list[str]:
    engine = history.engine
    if engine.dialect.name == "sqlite":
        names = {r["name"] for r in history.rows("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        return [t for t in TRIGGER_TABLES if not {f"{t}_no_UPDATE", f"{t}_no_DELETE"} <= names]
    if engine.dialect.name == "postgresql":
        names = {r["trigger_name"] for r in history.rows(
            "SELECT trigger_name FROM information_schema.triggers")}
        return [t for t in TRIGGER_TABLES if f"{t}_append_only" not in names]
    return []


def audit(history: History, trusted: set[str] | None) -> Audit:
    """The log's own checks, then the history against it."""
    result = Audit()
    entries = audit_log(history.log, trusted, result)
    if entries is not None:
        audit_history(history, entries, result)
    return result


def audit_heads(old: dict[str, Any], new: dict[str, Any], log: ProgrammeLog, trusted: set[str] | None,
                result: Audit) -> None:
    """Two published heads (yesterday's and today's): each signed by a programme key, today's the
    log's, and yesterday's tree a prefix of today's (RFC 9162 consistency proof from the leaves)."""
    for label, head in (("the older head", old), ("the newer head", new)):
        try:
            head_signer(head, trusted, label)
        except LogProblem as exc:
            result.add(-1, str(exc))
            return
    size1, size2 = old["treeSize"], new["treeSize"]
    if size1 > size2:
        result.add(-1, f"the older head has {size1} leaves, the newer {size2}: the log shrank")
        return
    hashes = log.hashes()
    if size2 > len(hashes):
        result.add(len(hashes), f"leaf {len(hashes)}: missing (the newer head has {size2} leaves, the log "
                                f"{len(hashes)})")
        return
    root2 = merkle.root(hashes[:size2])
    if root2 != bytes.fromhex(new["rootHash"]):
        result.add(-1, f"the newer head (size {size2}) does not match the log's leaves")
        return
    proof = merkle.consistency_proof(hashes[:size2], size1)
    root1 = bytes.fromhex(old["rootHash"])
    if size1 and not merkle.verify_consistency(size1, size2, root1, root2, proof):
        result.add(0, f"leaves 0..{size1 - 1}: the older head (size {size1}) is not a prefix of the newer (size "
                      f"{size2}): the log was rewritten after the older head was published (compare the leaves "
                      "published with it to find which)")
        return
    result.checked.append(f"the head of size {size1} is consistent with the head of size {size2} "
                          f"(RFC 9162 consistency proof of {len(proof)} hashes)")


@dataclass
class LogView:
    """What the log says, indexed: the rows certify believes (a row the log does not carry is
    not believed)."""

    runs: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    latest: dict[str, str] = field(default_factory=dict)  # participant: its latest own run's id
    certificates: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    revoked: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: certificate id: the suspension in force (its latest change was a suspension, with its leaf index)
    suspended: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: list[dict[str, Any]]) -> LogView:
        view = cls()
        for entry in entries:
            if entry["event"] == RUN:
                run = entry["run"]
                view.runs[run["run_id"]] = (entry["index"], entry)
                if run["kind"] == "participant":
                    view.latest[run["participant"]] = run["run_id"]
            elif entry["event"] == ISSUED:
                view.certificates[entry["certificate"]["certificate_id"]] = (entry["index"], entry["certificate"])
            elif entry["event"] == REVOKED:
                view.revoked.setdefault(entry["revocation"]["certificate_id"], entry["revocation"])
            elif entry["event"] == SUSPENDED:
                view.suspended[entry["suspension"]["certificate_id"]] = {**entry["suspension"], "index": entry["index"]}
            elif entry["event"] == REINSTATED:
                view.suspended.pop(entry["suspension"]["certificate_id"], None)
        return view

    def suspended_indices(self) -> set[int]:
        return {self.certificates[c][1]["status_index"] for c in self.suspended if c in self.certificates}

    def revoked_indices(self) -> set[int]:
        return {self.certificates[c][1]["status_index"] for c in self.revoked if c in self.certificates}

    def run_problem(self, run: dict[str, Any], outcomes: dict[str, str]) -> str | None:
        """Why the history's row of a participant's latest run (with its outcome rows) is not
        believed, or None when the log says the same."""
        run_id = run["run_id"]
        if run_id not in self.runs:
            return f"its latest run {run_id} is not in the programme log (a row inserted behind the programme's back)"
        index, entry = self.runs[run_id]
        if self.latest.get(run["participant"]) != run_id:
            return (f"the programme log's latest run of {run['participant']} is "
                    f"{self.latest.get(run['participant'])}, not the history's {run_id} (rows inserted or deleted)")
        differ = [k for k in RUN_FIELDS if entry["run"][k] != run.get(k)]
        if differ:
            return f"its latest run {run_id} differs from leaf {index} of the programme log ({differ[0]}): edited"
        if entry["outcomes"] != outcomes:
            return f"the outcomes of its latest run {run_id} differ from leaf {index} of the programme log"
        return None
