"""A witness, as C2SP ``tlog-witness`` describes one: it keeps the latest checkpoint it cosigned
for each log it witnesses, and cosigns a new one (``tlog-cosignature/v1``, :func:`.note.cosign`)
only when the log's key signed it and a consistency proof shows the tree it cosigned before is
a prefix of the new one. So it never cosigns two different trees of the same size (a split
view): a relying party that needs cosignatures from a quorum of witnesses any two of which
overlap (more than half of them) cannot be shown a history that another relying party does
not also see.

The ``add-checkpoint`` request is the spec's: ``old <size>``, the consistency proof from that
size (one base64 hash a line), a blank line, then the checkpoint note. Refusals carry the
spec's HTTP status: 400 malformed, 403 not signed by the log's key, 404 a log the witness does
not witness, 409 the old size is not the one the witness holds (it says which, so the log can
send a proof from there) or a different tree of the size it holds, 422 the proof does not hold.

The state is a folder: ``logs/<sha256 of the origin>`` holds the latest cosigned checkpoint of
each log; a request takes the folder's lock for its whole check-and-write, so two requests at
once (an operator racing two heads) are taken one after the other. A checkpoint of the size the
witness holds with another root (two signed heads of one size: the log's key signed a split
view) is kept in ``split/`` as evidence.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .._io.outputs import atomic_write
from .._io.vendorfiles import read_capped
from ..errors import HarnessInputError
from . import checkpoint, merkle, note

MAX_REQUEST_BYTES = note.MAX_NOTE_BYTES + 64 * 64  # a note and a proof of up to 63 hashes
MAX_PROOF = 63


class Refused(Exception):
    """The witness does not cosign: ``status`` is tlog-witness's HTTP status, ``size`` the size it
    holds (on 409)."""

    def __init__(self, status: int, message: str, size: int | None = None) -> None:
        super().__init__(message)
        self.status, self.size = status, size


def request(old: int, proof: list[bytes], signed: bytes) -> bytes:
    """An add-checkpoint request body."""
    return (f"old {old}\n" + "".join(base64.b64encode(h).decode() + "\n" for h in proof) + "\n").encode() + signed


def parse_request(body: bytes) -> tuple[int, list[bytes], bytes]:
    """(old size, consistency proof, checkpoint note) of an add-checkpoint request; Refused 400."""
    if len(body) > MAX_REQUEST_BYTES:
        raise Refused(400, f"the request is {len(body)} bytes, more than an add-checkpoint request carries")
    head, sep, signed = body.partition(b"\n\n")
    lines = head.split(b"\n")
    if not sep or not lines[0].startswith(b"old ") or not lines[0][4:].isdigit() \
            or (len(lines[0]) > 5 and lines[0][4:5] == b"0") or len(lines) - 1 > MAX_PROOF:
        raise Refused(400, "the request is not 'old <size>', proof lines, a blank line and a checkpoint")
    try:
        proof = [base64.b64decode(line, validate=True) for line in lines[1:]]
    except binascii.Error:
        raise Refused(400, "a line of the request's consistency proof is not base64") from None
    if any(len(h) != 32 for h in proof):
        raise Refused(400, "a hash of the request's consistency proof is not 32 bytes")
    return int(lines[0][4:]), proof, signed


@dataclass
class Witness:
    folder: Path
    name: str
    key: Ed25519PrivateKey
    #: the logs it witnesses: origin -> the log's verifier keys
    logs: dict[str, list[note.NoteKey]] = field(default_factory=dict)

    def verifier(self) -> note.NoteKey:
        """The witness's cosignature verifier key (type 0x04), for relying parties' policies."""
        return note.note_key(self.name, self.key.public_key(), note.COSIGNATURE)

    def _state(self, origin: str) -> Path:
        return self.folder / "logs" / hashlib.sha256(origin.encode()).hexdigest()

    def latest(self, origin: str) -> checkpoint.Checkpoint | None:
        """The latest checkpoint it cosigned of ``origin`` (None: none yet)."""
        path = self._state(origin)
        if not path.exists():
            return None
        try:
            return checkpoint.read_text(note.parse(read_capped(path, note.MAX_NOTE_BYTES)).text)
        except (OSError, note.NoteProblem) as exc:
            raise HarnessInputError(str(path), "the witness's state for this log cannot be read: "
                                    f"{getattr(exc, 'problem', None) or getattr(exc, 'strerror', None) or exc}",
                                    "restore it from its backup (removing it would let the witness cosign any "
                                    "tree of this log again)") from None

    def add_checkpoint(self, body: bytes, now: int) -> note.Signature:
        """Cosign the request's checkpoint at ``now`` (seconds), or Refused saying why."""
        old, proof, data = parse_request(body)
        try:
            signed = note.parse(data)
            tree = checkpoint.read_text(signed.text)
        except note.NoteProblem as exc:
            raise Refused(400, f"the checkpoint: {exc}") from None
        keys = self.logs.get(tree.origin)
        if keys is None:
            raise Refused(404, f"{tree.origin[:80]!r} is not a log this witness witnesses")
        try:
            if not note.verify(signed, keys):
                raise Refused(403, f"the checkpoint is not signed by the key of {tree.origin}")
        except note.NoteProblem as exc:
            raise Refused(403, f"the checkpoint: {exc}") from None
        with _locked(self.folder):
            latest = self.latest(tree.origin)
            size, root = (latest.size, latest.root) if latest else (0, merkle.root([]))
            if old != size:
                raise Refused(409, f"this witness holds the tree of {size} leaves of {tree.origin}, not of {old}",
                              size)
            if tree.size < size:
                raise Refused(400, f"the checkpoint's tree ({tree.size}) is older than the one sent ({size})")
            if tree.size == size and tree.root != root:
                atomic_write(self.folder / "split" / f"{hashlib.sha256(data).hexdigest()[:16]}.checkpoint", data)
                raise Refused(409, f"a split view: the log's key signed another tree of {size} leaves of "
                                   f"{tree.origin} than the one this witness cosigned (kept in split/)", size)
            if size == 0 or tree.size == size:
                if proof:  # nothing to prove: a proof sent anyway is not one this witness checked
                    raise Refused(422, f"a consistency proof from {size} to {tree.size} leaves must be empty")
            elif not merkle.verify_consistency(size, tree.size, root, tree.root, proof):
                raise Refused(422, f"the consistency proof from {size} to {tree.size} leaves does not hold")
            atomic_write(self._state(tree.origin), data)
        return note.cosign(signed.text, self.name, self.key, now)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """The witness's state held for one request (``flock`` on ``.lock``, waiting its turn)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except (ImportError, OSError):  # pragma: no cover - no flock: one process at a time is the operator's
            pass
        yield
    finally:
        os.close(fd)
