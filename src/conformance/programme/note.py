"""Signed notes as C2SP ``signed-note`` defines them, with the two Ed25519 signature kinds the
transparency ecosystem uses on checkpoints: a log's own (type 0x01) and a witness's
``tlog-cosignature`` (type 0x04, a timestamp beside the signature).

A note is UTF-8 text ending in a newline, a blank line, then one line per signature:
``— <key name> <base64(key ID || signature)>``. The key ID is the first four bytes of
SHA-256(key name || 0x0A || type || public key); a verifier key is written
``<name>+<hex key ID>+<base64(type || public key)>`` (the form the Go checksum database,
Sigsum and Sigstore print), so a relying party can paste ours into their tools.

Read strictly: a note that is not such text, a signature line that is not in that form, or
more signatures than a note may carry is :class:`NoteProblem`; a signature by a key the
reader does not know is skipped (as the spec says), one by a known key that fails to verify
is a problem, never skipped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ED25519 = 0x01  # signed-note: a plain Ed25519 signature over the note's text
COSIGNATURE = 0x04  # tlog-cosignature/v1: Ed25519 over a timestamped cosignature message
DASH = "\u2014"  # the em dash every signature line starts with
#: what a reader accepts at most, before parsing anything (a note is a few hundred bytes)
MAX_NOTE_BYTES = 64 * 1024
MAX_SIGNATURES = 100
_NAME = re.compile(r"[^\s+]+")  # a key name: not empty, no whitespace, no plus


class NoteProblem(Exception):
    """A note, a key or a signature that cannot be read or does not verify; the message says why."""


def key_id(name: str, kind: int, public: bytes) -> bytes:
    """signed-note's key ID: SHA-256(name || 0x0A || type || public key), its first four bytes."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


@dataclass(frozen=True)
class NoteKey:
    """A verifier key: a name, a signature type and an Ed25519 public key."""

    name: str
    kind: int
    public: Ed25519PublicKey

    @property
    def raw(self) -> bytes:
        return self.public.public_bytes_raw()

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.kind, self.raw)

    def vkey(self) -> str:
        """The verifier key as the ecosystem prints it: ``name+hexid+base64(type || key)``."""
        return f"{self.name}+{self.id.hex()}+{base64.b64encode(bytes([self.kind]) + self.raw).decode()}"


def note_key(name: str, public: Ed25519PublicKey, kind: int = ED25519) -> NoteKey:
    if not _NAME.fullmatch(name):
        raise NoteProblem(f"{name!r} is not a key name (not empty, no spaces, no '+')")
    return NoteKey(name, kind, public)


def parse_vkey(text: str) -> NoteKey:
    """A verifier key from ``name+hexid+base64(type || key)``; NoteProblem unless its ID matches."""
    name, _, rest = text.strip().partition("+")
    hexid, _, encoded = rest.partition("+")
    try:
        raw = base64.b64decode(encoded, validate=True)
        claimed = bytes.fromhex(hexid) if len(hexid) == 8 else b""
    except (binascii.Error, ValueError):
        raise NoteProblem(f"{text[:80]!r} is not a verifier key (name+hexid+base64)") from None
    if not _NAME.fullmatch(name) or len(claimed) != 4 or len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE):
        raise NoteProblem(f"{text[:80]!r} is not an Ed25519 verifier key (name+hexid+base64(type || 32 bytes))")
    key = NoteKey(name, raw[0], Ed25519PublicKey.from_public_bytes(raw[1:]))
    if key.id != claimed:
        raise NoteProblem(f"verifier key {name}: its key ID {hexid} is not the hash of its name and key")
    return key


@dataclass(frozen=True)
class Signature:
    name: str
    id: bytes
    payload: bytes  # after the key ID: the signature (with a cosignature's timestamp before it)

    def line(self) -> str:
        return f"{DASH} {self.name} {base64.b64encode(self.id + self.payload).decode()}\n"


@dataclass(frozen=True)
class Note:
    text: str
    signatures: tuple[Signature, ...]

    def encode(self) -> bytes:
        return (self.text + "\n" + "".join(s.line() for s in self.signatures)).encode()

    def with_signatures(self, *added: Signature) -> Note:
        """The note with ``added`` after its own (one per key: a key's second signature replaces none)."""
        seen = {(s.name, s.id) for s in self.signatures}
        return Note(self.text, self.signatures + tuple(s for s in added if (s.name, s.id) not in seen))


def check_text(text: str) -> None:
    """signed-note's text: not empty, ends with a newline, no control character but newlines."""
    if not text.endswith("\n") or text == "\n":
        raise NoteProblem("the note's text is empty or does not end with a newline")
    if any((ord(c) < 0x20 and c != "\n") or ord(c) == 0x7F for c in text):
        raise NoteProblem("the note's text holds a control character")


def sign(text: str, name: str, key: Ed25519PrivateKey) -> Note:
    """``text`` signed by ``key`` under ``name`` (type 0x01, the signature over the text's bytes)."""
    check_text(text)
    signer = note_key(name, key.public_key())
    return Note(text, (Signature(name, signer.id, key.sign(text.encode())),))


def cosignature_message(text: str, timestamp: int) -> bytes:
    """What a tlog-cosignature/v1 signs: its header, its time, then the checkpoint's text."""
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


def cosign(text: str, name: str, key: Ed25519PrivateKey, timestamp: int) -> Signature:
    """A witness's cosignature on a checkpoint's text at ``timestamp`` (seconds since the epoch)."""
    check_text(text)
    signer = note_key(name, key.public_key(), COSIGNATURE)
    return Signature(name, signer.id, timestamp.to_bytes(8, "big") + key.sign(cosignature_message(text, timestamp)))


def parse(data: bytes) -> Note:
    """A note read strictly (see the module's docstring); NoteProblem saying where it is not one."""
    if len(data) > MAX_NOTE_BYTES:
        raise NoteProblem(f"the note is {len(data)} bytes, more than a note carries ({MAX_NOTE_BYTES})")
    try:
        whole = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NoteProblem("the note is not UTF-8") from None
    split = whole.rfind("\n\n")
    if split < 0:
        raise NoteProblem("the note has no blank line before its signatures")
    text, block = whole[:split + 1], whole[split + 2:]
    check_text(text)
    if not block.endswith("\n"):
        raise NoteProblem("the note's last signature line does not end with a newline")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteProblem(f"the note carries {len(lines)} signatures, more than {MAX_SIGNATURES}")
    signatures = []
    for number, line in enumerate(lines, 1):
        dash, _, rest = line.partition(" ")
        name, _, encoded = rest.partition(" ")
        try:
            blob = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            blob = b""
        if dash != DASH or not _NAME.fullmatch(name) or len(blob) < 5 or " " in encoded:
            raise NoteProblem(f"signature line {number} is not '{DASH} <key name> <base64>'")
        signatures.append(Signature(name, blob[:4], blob[4:]))
    if not signatures:
        raise NoteProblem("the note carries no signature")
    return Note(text, tuple(signatures))


def verify(note: Note, keys: list[NoteKey]) -> dict[str, int | None]:
    """The names of ``keys`` whose signature on ``note`` verifies, each with its cosignature's
    timestamp (None for a plain signature). Signatures by other keys are skipped; a signature
    by one of ``keys`` that does not verify is NoteProblem."""
    known = {(k.name, k.id): k for k in keys}
    verified: dict[str, int | None] = {}
    for signature in note.signatures:
        key = known.get((signature.name, signature.id))
        if key is None:
            continue
        if key.kind == COSIGNATURE:
            if len(signature.payload) != 8 + 64:
                raise NoteProblem(f"the cosignature by {key.name} is not a timestamp and an Ed25519 signature")
            timestamp = int.from_bytes(signature.payload[:8], "big")
            message, value = cosignature_message(note.text, timestamp), signature.payload[8:]
        else:
            timestamp, message, value = None, note.text.encode(), signature.payload
        try:
            key.public.verify(value, message)
        except InvalidSignature:
            raise NoteProblem(f"the signature by {key.name} ({key.id.hex()}) does not verify: the note was "
                              "altered or signed by another key") from None
        verified[key.name] = timestamp
    return verified
