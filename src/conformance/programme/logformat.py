"""The programme log's format: what a leaf and a signed tree head are, read strictly.

A relying party checking a certificate's inclusion proof (:mod:`.certlog`) needs this and
nothing of the writer (:mod:`.ledger`): the files of a published log, the events a leaf
records and the history's columns each carries, the shape of a head, and whether a head's
proof is by a programme key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .._io import strictjson
from ..codecs.jcs import canonicalize
from ..errors import HarnessInputError
from . import signing

#: a log folder, as the programme keeps it and publishes it (a site's or run folder's ``log/``)
LEAVES = "leaves.jsonl"
HEADS = "heads"
HEAD = "head.json"
HEAD_TYPE = "ProgrammeLogHead"
RUN, ISSUED, REVOKED, ROTATED = "run-recorded", "certificate-issued", "certificate-revoked", "key-rotated"
#: continuous conformance (``programme watch``): a certificate suspended by a regressed run, and
#: reinstated by a later whole passing one (W3C Bitstring Status List ``suspension``)
SUSPENDED, REINSTATED = "certificate-suspended", "certificate-reinstated"
#: each event and the members its leaf carries beside ``index``, ``event`` and ``time``
EVENTS: dict[str, tuple[str, ...]] = {
    RUN: ("run", "outcomes", "verdicts", "attestation"),
    ISSUED: ("certificate",),
    REVOKED: ("revocation",),
    ROTATED: ("from", "to"),
    SUSPENDED: ("suspension",),
    REINSTATED: ("suspension",),
}
RUN_FIELDS = ("run_id", "programme", "kind", "participant", "partner", "report_dir", "started", "finished",
              "recorded", "catalog_digest", "harness_version", "exit_code", "status", "complete", "report_sha256",
              "detail")
CERTIFICATE_FIELDS = ("status_index", "certificate_id", "participant", "run_id", "issuer", "issued", "valid_until",
                      "file", "sha256")
REVOCATION_FIELDS = ("certificate_id", "revoked", "reason")
#: a suspension or a reinstatement: the certificate, when, the watched run that decided it and why
SUSPENSION_FIELDS = ("certificate_id", "changed", "run_id", "reason")
#: the columns holding integers (non-negative, but a signal's negative exit code) and those that
#: may be null, as the history's schema
INTEGER_COLUMNS = {"exit_code", "complete", "status_index"}
NULLABLE_COLUMNS = {"partner", "started", "finished", "catalog_digest", "harness_version", "exit_code",
                    "report_sha256"}
#: a SHA-256 hash as the log writes it (lowercase hex)
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


#: the longest leaf the log holds: a tlog-tiles entry's length is a 16-bit number (C2SP
#: tlog-tiles, "entry bundles"), so a longer leaf could never be served as tiles
MAX_LEAF_BYTES = 0xFFFF
#: the longest free text one leaf carries (a revocation's or a suspension's reason), in
#: characters: the catalog's own bound, chosen so that a leaf with it and its other members
#: (identifiers, times, digests) stays far below MAX_LEAF_BYTES even at 4 UTF-8 bytes a character
MAX_REASON_CHARS = 2000


def leaf_too_long(index: int, length: int) -> str:
    """What is said of a leaf longer than a log entry can be, by whoever meets one."""
    return f"leaf {index} is {length} bytes, longer than a log entry can be ({MAX_LEAF_BYTES}, C2SP tlog-tiles)"


def check_reason(reason: str, where: str) -> None:
    """A reason to be logged (a revocation's), bounded before anything is appended:
    HarnessInputError (one line, exit 2) when longer than MAX_REASON_CHARS."""
    if len(reason) > MAX_REASON_CHARS:
        raise HarnessInputError(where, f"is {len(reason)} characters, longer than the {MAX_REASON_CHARS} a "
                                "reason the programme log keeps may have", "say it shorter (link to a document "
                                "for the detail)")


class LogProblem(Exception):
    """The log or a head cannot be read as the programme writes it; the message says where."""


def verdicts_digest(rows: Iterable[Sequence[object]]) -> str:
    """The sha256 of a run's verdict rows (profile, requirement, verdict, parameters), in order."""
    return hashlib.sha256(canonicalize(sorted([list(map(str, row)) for row in rows]))).hexdigest()


def hex_hash(value: bytes) -> str:
    return value.hex()


def unhex(value: object, what: str) -> bytes:
    if not isinstance(value, str) or not SHA256_HEX.fullmatch(value):
        raise LogProblem(f"{what} is not a SHA-256 hash in lowercase hex")
    return bytes.fromhex(value)


def parse_leaf(line: bytes, index: int) -> dict[str, Any]:
    """One leaf: strict JSON, an object in its canonical form, carrying its own index and an
    event with its members; LogProblem naming the leaf otherwise."""
    try:
        entry = strictjson.loads(line)
    except strictjson.NotStrictJSON as exc:
        raise LogProblem(f"leaf {index}: not strict JSON ({exc.text() if exc.path else exc.problem})") from None
    if not isinstance(entry, dict):
        raise LogProblem(f"leaf {index}: not a JSON object")
    if entry.get("index") != index or isinstance(entry.get("index"), bool):
        raise LogProblem(f"leaf {index}: it says it is leaf {entry.get('index')!r} (a leaf was deleted, inserted "
                         "or moved before it)")
    members = EVENTS.get(entry.get("event"))  # type: ignore[arg-type]
    if members is None:
        raise LogProblem(f"leaf {index}: event {entry.get('event')!r} is not one the programme records")
    if set(entry) != {"index", "event", "time", *members}:
        raise LogProblem(f"leaf {index}: its members are not those of a {entry['event']} leaf")
    if canonicalize(entry) != line:
        raise LogProblem(f"leaf {index}: not in its canonical form (RFC 8785): it was edited")
    shapes = {RUN: ("run", RUN_FIELDS), ISSUED: ("certificate", CERTIFICATE_FIELDS),
              REVOKED: ("revocation", REVOCATION_FIELDS), SUSPENDED: ("suspension", SUSPENSION_FIELDS),
              REINSTATED: ("suspension", SUSPENSION_FIELDS)}
    if entry["event"] in shapes:
        name, fields = shapes[entry["event"]]
        if not isinstance(entry[name], dict) or set(entry[name]) != set(fields):
            raise LogProblem(f"leaf {index}: its {name} does not have the history's columns")
        for column, value in entry[name].items():
            integer = column in INTEGER_COLUMNS
            counted = type(value) is int and (value >= 0 or column == "exit_code")
            if not (value is None and column in NULLABLE_COLUMNS or integer and counted
                    or not integer and isinstance(value, str)):
                raise LogProblem(f"leaf {index}: its {name}'s {column} is {type(value).__name__}, not the "
                                 "history's type")
    if entry["event"] == RUN and not (
            isinstance(entry["outcomes"], dict) and all(isinstance(v, str) for v in entry["outcomes"].values())
            and isinstance(entry["verdicts"], str) and SHA256_HEX.fullmatch(entry["verdicts"])
            and (entry["attestation"] is None or isinstance(entry["attestation"], str))):
        raise LogProblem(f"leaf {index}: its outcomes, verdicts or attestation are not shaped as the programme "
                         "writes them")
    if entry["event"] == ROTATED and not (isinstance(entry["from"], str) and isinstance(entry["to"], str)) \
            or not isinstance(entry["time"], str):
        raise LogProblem(f"leaf {index}: its time or keys are not text")
    return entry


def load_head(data: bytes, where: str) -> dict[str, Any]:
    """A signed tree head, strictly read and shaped; LogProblem otherwise."""
    try:
        head = strictjson.loads(data)
    except strictjson.NotStrictJSON as exc:
        raise LogProblem(f"{where}: not strict JSON ({exc.text() if exc.path else exc.problem})") from None
    if not isinstance(head, dict) or head.get("type") != HEAD_TYPE:
        raise LogProblem(f"{where}: not a {HEAD_TYPE}")
    size = head.get("treeSize")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise LogProblem(f"{where}: its treeSize {size!r} is not a non-negative integer")
    unhex(head.get("rootHash"), f"{where}: its rootHash")
    if not isinstance(head.get("timestamp"), str):
        raise LogProblem(f"{where}: it has no timestamp")
    return head


def head_signer(head: dict[str, Any], trusted: set[str] | None, where: str) -> str | None:
    """The did:key that signed the head (None: unsigned, accepted only when ``trusted`` is None,
    a programme that does not sign); LogProblem when the proof fails or the key is not trusted."""
    if "proof" not in head and trusted is None:
        return None
    try:
        signer = signing.check_proof(head)
    except ValueError as exc:
        raise LogProblem(f"{where}: {exc}") from None
    if trusted is not None and signer not in trusted:
        raise LogProblem(f"{where}: signed by {signer}, not by a programme key")
    return signer
