"""A relying party's witness policy: which witnesses it believes and how many of them must have
cosigned a checkpoint (k of n). A text file, one statement a line, ``#`` comments:

    witness witness.example/w1+5b3e2a6f+BF2y…   (a cosignature verifier key, type 0x04)
    witness witness.example/w2+9c1d0e4b+BHq3…
    quorum 2

A quorum of more than half the witnesses means any two cosigned checkpoints share a witness,
and a witness cosigns only one tree of each size (:mod:`.witness`): a split view cannot reach
two relying parties with this policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .._io.vendorfiles import read_capped
from ..errors import HarnessInputError
from . import checkpoint, note

MAX_POLICY_BYTES = 64 * 1024


@dataclass(frozen=True)
class WitnessPolicy:
    witnesses: tuple[note.NoteKey, ...]
    quorum: int

    def check(self, signed: bytes, origin: str, keys: list[Ed25519PublicKey]) -> dict[str, int]:
        """The policy's witnesses that cosigned ``signed`` (a checkpoint of ``origin`` by one of
        the log's ``keys``); NoteProblem when fewer than the quorum did."""
        _, parsed, cosigned = checkpoint.open_checkpoint(signed, origin, keys, list(self.witnesses))
        if len(cosigned) < self.quorum:
            others = len(parsed.signatures) - 1 - len(cosigned)
            named = ", ".join(sorted(cosigned)) or "none"
            raise note.NoteProblem(f"cosigned by {len(cosigned)} of the policy's {len(self.witnesses)} witnesses "
                                   f"({named}), {self.quorum} needed" +
                                   (f"; {others} other signature(s) by keys the policy does not name, not counted"
                                    if others > 0 else ""))
        return cosigned

    def check_certificate(self, certificate: dict[str, Any], keys: list[Ed25519PublicKey],
                          published: bytes | None = None) -> str:
        """What :meth:`check` found of a programme certificate's checkpoint, as verify prints it;
        else, when the certificate's own checkpoint lacks the quorum, of ``published``: the log's
        published checkpoint, once the caller has checked that the certificate's tree is a
        prefix of it (RFC 9162 consistency from the published tiles), so witnesses that
        cosigned the later tree vouch for the certificate's too (a witness cosigns a tree only
        after checking it extends the one it cosigned before)."""
        subject = certificate["credentialSubject"]
        origin = checkpoint.log_origin(str(subject["programme"].get("id")), str(subject["programme"].get("url")))
        carried = subject["programmeLog"].get("checkpoint")
        if not isinstance(carried, str):
            raise note.NoteProblem("it carries no tlog-checkpoint (programmeLog.checkpoint)")
        try:
            cosigned = self.check(carried.encode(), origin, keys)
            where = "its checkpoint is"
        except note.NoteProblem as exc:
            if published is None:
                raise
            try:
                cosigned = self.check(published, origin, keys)
            except note.NoteProblem as also:
                raise note.NoteProblem(f"{exc}; the published checkpoint: {also}") from None
            size = checkpoint.read_text(note.parse(published).text).size
            where = f"the published checkpoint of {size} leaves, which extends its own, is"
        return (f"witnessed: {where} cosigned by {len(cosigned)} of the policy's {len(self.witnesses)} "
                f"witnesses ({', '.join(sorted(cosigned))}), {self.quorum} needed (C2SP tlog-cosignature)")


def load_witness_policy(path: Path) -> WitnessPolicy:
    """The policy at ``path``; HarnessInputError (one line: file, line, fix) when it is not one."""
    try:
        text = read_capped(path, MAX_POLICY_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise HarnessInputError(f"--witness-policy {path}", f"cannot be read: "
                                f"{getattr(exc, 'problem', None) or getattr(exc, 'strerror', None) or exc}",
                                "give a witness policy file (witness VKEY lines and a quorum line)") from None
    witnesses: list[note.NoteKey] = []
    quorum = None
    for number, raw in enumerate(text.splitlines(), 1):
        words = raw.partition("#")[0].split()
        where = f"{path} line {number}"
        if not words:
            continue
        if words[0] == "witness" and len(words) == 2:
            try:
                key = note.parse_vkey(words[1])
            except note.NoteProblem as exc:
                raise HarnessInputError(where, str(exc), "give the witness's cosignature verifier key "
                                        "(`conformance witness key`)") from None
            if key.kind != note.COSIGNATURE:
                raise HarnessInputError(where, f"{key.name}'s key is not a cosignature key (type 0x04)",
                                        "give the witness's key as `conformance witness key` prints it")
            witnesses.append(key)
        elif words[0] == "quorum" and len(words) == 2 and words[1].isdigit() and quorum is None:
            quorum = int(words[1])
        else:
            raise HarnessInputError(where, f"{raw.strip()[:80]!r} is not 'witness VKEY' or one 'quorum K'",
                                    "write one statement a line")
    if quorum is None or not 0 < quorum <= len(witnesses):
        raise HarnessInputError(str(path), f"the quorum {quorum} is not between 1 and its {len(witnesses)} witnesses",
                                "add a line 'quorum K' with K at most the number of witness lines")
    if len({(w.name, w.id) for w in witnesses}) != len(witnesses):
        raise HarnessInputError(str(path), "a witness is named twice", "list each witness once")
    return WitnessPolicy(tuple(witnesses), quorum)
