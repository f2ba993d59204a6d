"""The programme log's tree heads as C2SP ``tlog-checkpoint`` signed notes.

A checkpoint's text is three lines: the log's origin, the tree size in decimal, the root hash
(RFC 9162 Merkle Tree Hash, standard base64); extension lines may follow, this programme
writes none. It is a signed note (:mod:`.note`) whose key name is the origin, signed with
the programme's Ed25519 key: the same key that signs the JSON heads and the certificates,
so a relying party that trusts the programme's did:key can check its checkpoints too, and
any tool of the ecosystem can with the verifier key :func:`verifier_key` prints.

The origin is the programme's site host and the programme's id (``<host>/<programme-id>``):
a checkpoint names the log it is of, so one signed for another log (or for this programme's
log under another origin) is never taken for this one's.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from . import note

FILE = "checkpoint"  # where a tlog-tiles log serves its latest checkpoint, and where the programme keeps it
_SIZE = re.compile(r"0|[1-9][0-9]{0,19}")
#: the origin of a programme without a site: a reserved name (RFC 2606), never a real host
NO_HOST = "conformance.invalid"


def log_origin(programme_id: str, site_url: str | None) -> str:
    """The programme log's origin line: ``<site host>/<programme id>``."""
    host = (urlsplit(site_url).hostname or "") if site_url else ""
    origin = f"{host or NO_HOST}/{programme_id or 'programme'}"
    return re.sub(r"[\s+]", "-", origin)  # an origin is a key name too: no spaces, no plus


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"


def verifier_key(origin: str, public: Ed25519PublicKey) -> note.NoteKey:
    return note.note_key(origin, public)


def sign(checkpoint: Checkpoint, key: Ed25519PrivateKey) -> bytes:
    """The checkpoint as a note signed by ``key`` under its origin."""
    return note.sign(checkpoint.text(), checkpoint.origin, key).encode()


def read_text(text: str) -> Checkpoint:
    """A checkpoint's text read strictly: origin, size (decimal, no leading zero), a 32-byte
    root in standard base64, extension lines (accepted, not used)."""
    lines = text.split("\n")[:-1]
    if len(lines) < 3:
        raise note.NoteProblem("the checkpoint's text is not origin, tree size and root hash lines")
    origin, size, encoded = lines[:3]
    if not origin or not _SIZE.fullmatch(size):
        raise note.NoteProblem("the checkpoint's origin is empty or its tree size is not a decimal number")
    try:
        root = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        root = b""
    if len(root) != 32:
        raise note.NoteProblem("the checkpoint's root hash is not 32 bytes in base64")
    if any(not line for line in lines[3:]):
        raise note.NoteProblem("the checkpoint has an empty extension line")
    return Checkpoint(origin, int(size), root)


def open_checkpoint(data: bytes, origin: str, keys: list[Ed25519PublicKey],
                    witnesses: list[note.NoteKey] | None = None) -> tuple[Checkpoint, note.Note, dict[str, int]]:
    """A checkpoint of the log ``origin`` signed by one of ``keys`` (under that origin), with its
    note and the ``witnesses`` that cosigned it (name: cosignature time); NoteProblem when it is
    malformed, of another log, signed by none of ``keys``, or carries a cosignature by one of
    ``witnesses`` that does not verify. The log's keys and the witnesses' are checked apart, so a
    witness named like the log never stands in for the log's signature."""
    signed = note.parse(data)
    checkpoint = read_text(signed.text)
    if checkpoint.origin != origin:
        raise note.NoteProblem(f"the checkpoint is of the log {checkpoint.origin[:80]!r}, not of {origin!r}")
    if not note.verify(signed, [verifier_key(origin, k) for k in keys]):
        raise note.NoteProblem(f"the checkpoint is not signed by the key of the log {origin!r}")
    cosigned = note.verify(signed, [w for w in witnesses or [] if w.kind == note.COSIGNATURE])
    return checkpoint, signed, {name: when for name, when in cosigned.items() if when is not None}


def with_verified_cosignatures(signed: bytes, witnesses: Sequence[note.NoteKey]) -> bytes:
    """``signed`` as a checkpoint is published: the log's own signature lines (named as its
    origin) and, after them, one cosignature line for each of ``witnesses`` whose cosignature of
    this text verifies (C2SP tlog-cosignature: key name the witness's, key ID, timestamp,
    Ed25519). Every other line is left out: a line by a key not named (a reader skips it anyway),
    a second line by one witness, and a line of a named witness that does not verify on this
    checkpoint (one of another checkpoint, or altered), which would make a reader that knows
    the witness refuse the whole note (signed-note)."""
    parsed = note.parse(signed)
    origin = read_text(parsed.text).origin
    kept = [s for s in parsed.signatures if s.name == origin]
    known = {(w.name, w.id): w for w in witnesses if w.kind == note.COSIGNATURE and w.name != origin}
    for signature in parsed.signatures:
        key = known.pop((signature.name, signature.id), None)
        if key is None:
            continue
        try:
            if note.verify(note.Note(parsed.text, (signature,)), [key]):
                kept.append(signature)
        except note.NoteProblem:
            known[key.name, key.id] = key  # a later line by the same witness may be the good one
    return note.Note(parsed.text, tuple(kept)).encode()
