"""The programme log: append-only and tamper-evident, after Certificate Transparency (RFC 9162)
and Sigstore's Rekor.

Every event the programme records is a leaf of a Merkle tree (:mod:`.merkle`): a run recorded
(its history row, its outcomes, a digest of its verdict rows and of its attestation), a
certificate issued, a certificate revoked, the programme's key rotated. Each leaf is one line
of ``leaves.jsonl``: a JSON object in its RFC 8785 canonical form, with its own ``index``, whose
leaf hash is SHA-256(0x00 || the line). After every append the programme signs the tree head
(its size, root hash and time) with its key, an ``eddsa-jcs-2022`` Data Integrity proof as its
certificates carry (:mod:`.signing`), written to ``heads/<size>.json`` and ``head.json``.
An append adds its line at the end of ``leaves.jsonl`` and writes the head files whole
(:func:`conformance._io.outputs.atomic_write`): its cost does not grow with the log, and a crash
leaves the old log or the new one, as the latest head says (what lies beyond it is set aside,
never signed: see ``ProgrammeLog`` "writing").

The log lives in a folder beside the history (``programme.history.log/`` beside
``programme.history.sqlite``, or beside the programme file when the history is a database
server, :func:`log_folder`). The history's tables are the query index: :func:`.audit.audit` rebuilds
what they must hold from the log and names the first leaf or row that differs, and
``certify`` believes a row only when its leaf says the same (:class:`.audit.LogView`).

What a leaf and a head are, and how they are read strictly, is :mod:`.logformat` (a relying
party needs that and not the writer). What each part stops is in docs/programme.md (the
threat model).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import strictjson
from .._io.outputs import atomic_write
from .._io.vendorfiles import open_regular
from ..codecs.jcs import canonicalize
from ..errors import HarnessInputError, OutputFailed
from . import checkpoint, merkle, signing
from .logfiles import append_bytes, cache_write, ends_a_line, exclusive, read_log_file, truncate
from .logformat import (
    HEAD,
    HEAD_TYPE,
    HEADS,
    LEAVES,
    MAX_LEAF_BYTES,
    ROTATED,
    LogProblem,
    hex_hash,
    leaf_too_long,
    load_head,
    parse_leaf,
    unhex,
)
from .logpublish import PublishedLog

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from .spec import Programme


TREE = "tree.json"  # the writer's cache of the tree's frontier (ProgrammeLog._tip)
UNHEADED = "unheaded"  # what a writer found beyond the latest head, set aside (ProgrammeLog._tip)
#: the history's append-only triggers (:func:`conformance.programme.dbschema.append_only`)
TRIGGER_TABLES = ("runs", "outcomes", "verdicts", "certificates", "revocations", "suspensions")


def log_folder(programme: Programme) -> Path | None:
    """Where the programme's log lives: beside its history file, or beside the programme file
    when the history is a database server; None for a history in memory (its log is kept in memory too)."""
    where = programme.history_path
    if isinstance(where, Path):
        return default_folder(where)
    return programme.path.with_name(programme.path.stem + ".history.log")


def default_folder(history: Path | str) -> Path | None:
    """The log beside a history file (None for ``:memory:`` or a URL: the log is then kept in memory)."""
    if "://" in str(history) or str(history) == ":memory:":
        return None
    return Path(history).with_suffix(".log")


class ProgrammeLog(PublishedLog):
    """The log in ``folder`` (None: in memory, for a history without a file), its heads signed by
    ``key`` (None: heads without a proof, for a programme that does not sign). Its checkpoints,
    cosignatures and publishing are :class:`.logpublish.PublishedLog`'s."""

    def __init__(self, folder: Path | None, programme: str = "", key: Ed25519PrivateKey | None = None,
                 origin: str | None = None) -> None:
        self.folder = folder
        self.programme = programme
        self.key = key
        #: the log's origin line in its checkpoints (:mod:`.checkpoint`)
        self.origin = origin or checkpoint.log_origin(programme, None)
        self._checkpoint: bytes | None = None  # of the log in memory
        self._memory: list[bytes] = []
        self._head: dict[str, object] | None = None
        self._hashed: tuple[list[bytes], list[bytes]] = ([], [])  # lines hashed before, and their hashes
        self._proving = merkle.Tree()  # of the hashes in _hashed: proofs without a pass over the leaves
        self._frontier: merkle.Frontier = []  # of the tree in memory

    # -- reading ---------------------------------------------------------------------------

    def lines(self) -> list[bytes]:
        """The leaves as written (no parsing): one canonical JSON object a line; LogProblem when
        the last line is incomplete (a torn tail: see :meth:`_tip`)."""
        lines, torn = self._split()
        if torn:
            raise LogProblem(torn)
        return lines

    def _split(self) -> tuple[list[bytes], str]:
        """The complete lines, and what is wrong with the bytes after the last one (empty: nothing)."""
        if self.folder is None:
            return list(self._memory), ""
        path = self.folder / LEAVES
        if not path.is_file():
            return [], ""
        data = read_log_file(path)
        lines = data.split(b"\n")
        if lines[-1]:
            return lines[:-1], (f"{path}: its last line is incomplete ({len(lines[-1])} bytes after its "
                                f"{len(lines) - 1} whole leaves: an append that crashed before its head, or an "
                                f"edit; the next append sets them aside in {UNHEADED}/)")
        return lines[:-1], ""

    def hashes(self, lines: list[bytes] | None = None) -> list[bytes]:
        """The leaf hashes (of ``lines``, default the log's): those of a prefix hashed before
        are kept, so hashing the log again hashes only the leaves added since."""
        lines = self.lines() if lines is None else lines
        known, hashes = self._hashed
        kept = len(known) if len(known) <= len(lines) and lines[:len(known)] == known else 0
        added = [merkle.leaf_hash(line) for line in lines[kept:]]
        if kept == len(self._proving):
            self._proving.extend(added)
        else:  # fewer lines than before, or other ones: the tree is built again
            self._proving = merkle.Tree(hashes[:kept] + added)
        hashes = hashes[:kept] + added
        self._hashed = (list(lines), hashes)
        return list(hashes)

    def tree(self, lines: list[bytes] | None = None) -> merkle.Tree:
        """The tree of ``lines`` (default the log's) for its proofs, kept as :meth:`hashes`
        keeps the leaf hashes: only the leaves added since are hashed again."""
        self.hashes(lines)
        return self._proving

    def entries(self) -> list[dict[str, object]]:
        """Every leaf, parsed and checked (:func:`parse_leaf`); LogProblem for the first that is not."""
        return [parse_leaf(line, index) for index, line in enumerate(self.lines())]

    def latest_head(self) -> dict[str, Any] | None:
        if self.folder is None:
            return self._head
        path = self.folder / HEAD
        return load_head(read_log_file(path), str(path)) if path.is_file() else None

    def heads(self) -> list[tuple[Path, dict[str, Any]]]:
        """Every head the programme signed, by size."""
        if self.folder is None or not (self.folder / HEADS).is_dir():
            return []
        found = []
        for path in (self.folder / HEADS).iterdir():
            found.append((path, load_head(read_log_file(path), str(path))))
        return sorted(found, key=lambda item: item[1]["treeSize"])

    def refuse_unless_empty(self) -> None:
        """HarnessInputError unless the log is empty and nothing in its folder shows it ever
        held leaves (:meth:`traces`): what adopting a history needs."""
        try:
            lines = self.lines()
        except LogProblem as exc:  # a torn last leaf: a log existed
            raise HarnessInputError(str(self.folder), f"the programme log is not empty ({exc}): only a history "
                                    "recorded before the log existed is adopted",
                                    "see `conformance programme audit PROGRAMME`") from None
        if lines:
            raise HarnessInputError(str(self.folder), "the programme log is not empty: only a history recorded "
                                    "before the log existed is adopted", "see `conformance programme audit PROGRAMME`")
        if (found := self.traces()):
            raise HarnessInputError(str(found[0]), "the programme log existed (its leaves are gone, this is left): "
                                    "only a history recorded before the log existed is adopted",
                                    "restore the log from its published copy (the run folder's or the site's "
                                    "log/), then run `conformance programme audit PROGRAMME`")

    def traces(self) -> list[Path]:
        """What in the log's folder shows a log existed, whatever its leaves: a signed head, a
        head file, something set aside, the writer's cache."""
        if self.folder is None:
            return []
        found = [self.folder / name for name in (HEAD, checkpoint.FILE, TREE) if (self.folder / name).exists()]
        for sub in (HEADS, UNHEADED):
            with contextlib.suppress(OSError):
                found += sorted((self.folder / sub).iterdir())
        return found

    def set_aside(self) -> list[Path]:
        """What writers set aside (:meth:`_tip`): tails and heads beyond the latest head."""
        if self.folder is None or not (self.folder / UNHEADED).is_dir():
            return []
        return sorted((self.folder / UNHEADED).iterdir())

    # -- writing ---------------------------------------------------------------------------
    #
    # An append writes the new line(s) at the end of ``leaves.jsonl`` (O_APPEND, fsynced), then
    # ``heads/<size>.json`` and ``head.json`` (each whole, atomic_write), then ``tree.json``
    # (replaced whole, not fsynced: :func:`.logfiles.cache_write`): no file is rewritten, and the root
    # is the frontier of the tree (merkle.push) with the new leaves, O(log n) hashes.
    # ``tree.json`` is the writer's cache of that frontier and of the byte length of the leaves
    # the latest head covers; the audit never reads it (a cache that lies
    # makes heads that do not match the leaves, which the audit reports).
    #
    # A crash leaves the old log or the new one: the latest head (``head.json``) says which
    # leaves are the log. Bytes after them (a line written before the crash, whole or torn, or
    # lines appended behind the programme's back, and a ``heads/<n>.json`` written before
    # ``head.json``) are never signed by a later writer, since no one vouched for them (the
    # crashed append never returned, and its history transaction rolled back): the next writer
    # moves them to ``unheaded/`` and truncates the leaves to the head's length, and the audit
    # reports what is there, in the leaves or set aside, for the operator to look at.

    def append(self, event: str, body: dict[str, object], time: str) -> dict[str, object]:
        """Append one leaf (and, first, a key rotation when the last head was signed by another
        key than the programme's now), sign the new head; the leaf as written. Two writers take
        turns (a lock on the folder: a PostgreSQL history's transactions do not serialise them
        as SQLite's ``BEGIN IMMEDIATE`` does)."""
        with exclusive(self.folder):
            return self._append(event, body, time)

    def _append(self, event: str, body: dict[str, object], time: str) -> dict[str, object]:
        previous = self.latest_head()
        if self.key is None and self.folder is not None and previous is not None and "proof" in previous:
            raise HarnessInputError(str(self.folder), "the programme log is signed, and this history was opened "
                                    "without the programme's key", "record through the programme "
                                    "(conformance programme run | certify | revoke)")
        size, frontier, length = self._tip(previous, time)
        lines: list[bytes] = []
        if self.key is not None:
            current = signing.issuer_did(self.key.public_key())
            if previous is not None and previous.get("issuer") not in (None, current):
                lines.append(canonicalize({"index": size, "event": ROTATED, "time": time,
                                           "from": previous["issuer"], "to": current}))
        entry = {"index": size + len(lines), "event": event, "time": time, **body}
        lines.append(canonicalize(entry))
        if len(lines[-1]) > MAX_LEAF_BYTES:  # refused before a byte is written (the caller's transaction rolls back)
            too_long = leaf_too_long(size + len(lines) - 1, len(lines[-1]))
            raise HarnessInputError(str(self.folder), f"the {event} {too_long}; nothing is appended",
                                    "shorten what it records (a reason, a name)")
        for line in lines:
            frontier = merkle.push(frontier, merkle.leaf_hash(line))
        self._extend(lines, size, frontier, length, time)
        return entry

    def _tip(self, head: dict[str, Any] | None, time: str) -> tuple[int, merkle.Frontier, int]:
        """The log as its latest head has it: its size, the frontier of its tree, the byte
        length of its leaves; what lies beyond them is set aside first. Read from ``tree.json``
        when it agrees with the head (O(1)); otherwise (a log written before it, or a crash
        between ``head.json`` and it) from the leaves, once."""
        if self.folder is None:
            return len(self._memory), self._frontier, 0
        size = head["treeSize"] if head is not None else 0
        path = self.folder / LEAVES
        try:
            length = os.lstat(path).st_size
        except FileNotFoundError:
            length = 0
        except OSError as exc:
            raise HarnessInputError(str(path), f"the programme log cannot be read: {exc.strerror or exc}",
                                    "make it readable, or restore it from its backup") from None
        cached = self._tree()
        root = bytes.fromhex(head["rootHash"]) if head is not None else merkle.fold([])
        if cached is not None and cached[0] == size and cached[2] <= length and merkle.fold(cached[1]) == root \
                and ends_a_line(path, cached[2]):
            _, frontier, covered = cached
        else:
            lines, _ = self._split()
            lines = lines[:size]  # fewer than the head says: leaves deleted, which the audit reports
            size, covered = len(lines), sum(len(line) + 1 for line in lines)
            frontier = merkle.frontier_of([merkle.leaf_hash(line) for line in lines])
        if length > covered:
            with open_regular(path) as handle:
                handle.seek(covered)
                tail = handle.read()
            digest = hashlib.sha256(tail).hexdigest()[:16]
            atomic_write(self.folder / UNHEADED / f"leaves-after-{size}.{digest}.jsonl", tail)
            truncate(path, covered)
        return size, frontier, covered

    def _tree(self) -> tuple[int, merkle.Frontier, int] | None:
        """``tree.json`` (size, frontier, byte length), or None when it is absent or not as written."""
        assert self.folder is not None
        path = self.folder / TREE
        try:
            if not path.is_file():
                return None
            tree = strictjson.loads(read_log_file(path))
            size, length = tree["size"], tree["bytes"]
            frontier = [(n, unhex(h, "tree.json")) for n, h in tree["frontier"]]
        except (strictjson.NotStrictJSON, LogProblem, TypeError, KeyError, ValueError):
            return None
        if not (type(size) is int and type(length) is int and size >= 0 and length >= 0
                and all(type(n) is int and n > 0 for n, _ in frontier) and sum(n for n, _ in frontier) == size):
            return None
        return size, frontier, length

    def _extend(self, lines: list[bytes], size: int, frontier: merkle.Frontier, length: int, time: str) -> None:
        """Write ``lines`` after the ``size`` leaves (``length`` bytes) and sign the new head."""
        total = size + len(lines)
        head = self.sign_head(total, merkle.fold(frontier), time)
        if self.folder is None:
            self._memory, self._frontier, self._head = self._memory + lines, frontier, head
            self._checkpoint = self.checkpoint_of(head)
            return
        for stale in range(size + 1, total + 1):  # a head written before a crash, never made the latest
            orphan = self.folder / HEADS / f"{stale}.json"
            if orphan.is_file():
                kept = read_log_file(orphan)
                atomic_write(self.folder / UNHEADED / f"head-{stale}.{hashlib.sha256(kept).hexdigest()[:16]}.json",
                             kept)
                orphan.unlink()
        data = b"".join(line + b"\n" for line in lines)
        append_bytes(self.folder / LEAVES, data, length)
        self._sign(head, total, frontier, length + len(data), length)

    def _sign(self, head: dict[str, Any], size: int, frontier: merkle.Frontier, length: int, before: int) -> None:
        """Sign the leaves just written (``length`` bytes, ``before`` until this writer's):
        ``heads/<size>.json``, then ``head.json``, from which on the append has happened, then
        the writer's cache, which may fail without failing the append (the next writer rebuilds
        it, :meth:`_tip`).

        A head that cannot be written (a full disk) fails the append, and this writer first
        takes back its own leaves and head file, so the log is the old one and nothing is left
        for the operator to clear. Only a writer that dies there (a crash, a kill) leaves them,
        for the next writer to set aside and the audit to report, since no one can tell those
        from bytes appended behind the programme's back."""
        assert self.folder is not None
        data = canonicalize(head)
        try:
            atomic_write(self.folder / HEADS / f"{size}.json", data)
            atomic_write(self.folder / HEAD, data)
        except Exception:
            with contextlib.suppress(OSError):
                (self.folder / HEADS / f"{size}.json").unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                truncate(self.folder / LEAVES, before)
            raise
        # the head as a tlog-checkpoint (what the ecosystem's tools read): derived from the head
        # (Ed25519 signs deterministically, so it is the same note whenever made), so a failure
        # to write it fails nothing: publish serves the last one whose tree the leaves hold
        signed = self.checkpoint_of(head)
        if signed is not None:
            with contextlib.suppress(OSError, OutputFailed):
                atomic_write(self.folder / checkpoint.FILE, signed)
        with contextlib.suppress(OSError, OutputFailed):
            cache_write(self.folder / TREE, canonicalize({"size": size, "bytes": length,
                                                           "frontier": [[n, hex_hash(h)] for n, h in frontier]}))

    def adopt(self, events: list[tuple[str, dict[str, object], str]], time: str) -> None:
        """Write the leaves of a history recorded before the log existed, whole, under one head
        signed at ``time``; refused when the log is not empty."""
        with exclusive(self.folder):
            self.refuse_unless_empty()
            lines = [canonicalize({"index": i, "event": event, "time": when, **body})
                     for i, (event, body, when) in enumerate(events)]
            if lines:
                self._write(lines, time)

    def _write(self, lines: list[bytes], time: str) -> None:
        """The whole log written at once (adopting a history), under one head."""
        frontier = merkle.frontier_of(self.hashes(lines))
        head = self.sign_head(len(lines), merkle.fold(frontier), time)
        if self.folder is None:
            self._memory, self._frontier, self._head = list(lines), frontier, head
            self._checkpoint = self.checkpoint_of(head)
            return
        data = b"".join(line + b"\n" for line in lines)
        atomic_write(self.folder / LEAVES, data)
        self._sign(head, len(lines), frontier, len(data), 0)

    def sign_head(self, size: int, root: bytes, time: str) -> dict[str, object]:
        head: dict[str, object] = {"type": HEAD_TYPE, "programme": self.programme, "treeSize": size,
                                "rootHash": hex_hash(root), "timestamp": time}
        if self.key is None:
            return head
        return signing.add_proof({**head, "issuer": signing.issuer_did(self.key.public_key())}, self.key, time)


def inclusion(log: ProgrammeLog, index: int) -> dict[str, object]:
    """Leaf ``index`` with its inclusion proof against the latest signed head."""
    lines = log.lines()
    head = log.latest_head()
    if head is None or head["treeSize"] != len(lines):
        raise LogProblem("the log's latest head does not cover every leaf")
    tree = log.tree(lines)  # the leaves hashed for an earlier certificate are not hashed again
    proved: dict[str, object] = {"leafIndex": index, "leaf": parse_leaf(lines[index], index), "treeSize": len(lines),
                                 "inclusionProof": [hex_hash(h) for h in tree.inclusion_proof(index)],
                                 "head": head}
    signed = log.checkpoint_of(head)
    if signed is not None:  # the same tree head as a tlog-checkpoint, for the ecosystem's verifiers
        proved["checkpoint"] = signed.decode()
    return proved
