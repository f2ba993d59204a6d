"""The programme asks its witnesses to cosign a checkpoint (C2SP tlog-witness, as the log's
side): for each witness the programme file names (``witnesses``: its URL and cosignature
verifier key), it posts an add-checkpoint request from the size the witness says it holds
(first 0; on 409 the witness answers its size and the programme sends the consistency proof
from there, once), and keeps the cosignature only when it verifies under that witness's key.

A witness that cannot be reached, refuses, or answers something else is one line in the
result, never a failure of certify: how many cosignatures a certificate needs is the
relying party's policy (``conformance verify --witness-policy``), not the programme's.
Each request is bounded as every request to a peer is
(:func:`conformance.adapters.deadline.bounded_exchange`): one deadline for the whole exchange
(connect, headers and body together, so a witness trickling a byte a second is cut off at it),
no redirects, an answer read up to a cap. A witness too slow is one line like any other, and
certify goes on with those that answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._io.printable import printable
from ..adapters.deadline import PeerProblem, bounded_exchange
from . import checkpoint, merkle, note
from .witness import request

if TYPE_CHECKING:
    from .ledger import ProgrammeLog

#: the whole exchange with one witness (connect, headers, body), in seconds
DEADLINE_SECONDS = 10.0
MAX_ANSWER_BYTES = 4096
SIZE_TYPE = "text/x.tlog.size"


def collect(witnesses: Sequence[tuple[str, str]], signed: bytes, hashes: Sequence[bytes] | merkle.Tree,
            deadline_s: float = DEADLINE_SECONDS) -> tuple[bytes, list[str]]:
    """``signed`` (a checkpoint of the tree of ``hashes``' first leaves: the leaf hashes, or the
    log's :class:`~.merkle.Tree` of them) with the cosignatures of ``witnesses`` ((url, verifier
    key) pairs) that gave one, and a line for each that did not."""
    tree_of = hashes if isinstance(hashes, merkle.Tree) else merkle.Tree(hashes)
    parsed = note.parse(signed)
    tree = checkpoint.read_text(parsed.text)
    found: list[note.Signature] = []
    problems: list[str] = []
    for url, vkey in witnesses:
        key = note.parse_vkey(vkey)  # checked when the programme file was read
        try:
            found.append(_ask(url.rstrip("/") + "/add-checkpoint", key, signed, tree, tree_of, deadline_s))
        except _NotCosigned as exc:
            problems.append(f"witness {key.name} ({url}): {exc}")
    return parsed.with_signatures(*found).encode(), problems


def witness_keys(witnesses: Sequence[tuple[str, str]]) -> list[note.NoteKey]:
    """The cosignature verifier keys of the programme's witnesses ((url, verifier key) pairs)."""
    return [note.parse_vkey(vkey) for _, vkey in witnesses]


def cosign_latest(witnesses: Sequence[tuple[str, str]], log: ProgrammeLog) -> list[str]:
    """The log's latest checkpoint cosigned by ``witnesses``, the cosignatures kept beside the
    log (:meth:`.logpublish.PublishedLog.add_cosignatures`) so that the checkpoint the programme
    publishes carries them; only the witnesses whose cosignature of that very checkpoint is not
    kept yet are asked. A line for each that gave none."""
    signed = log.latest_checkpoint()
    if signed is None or not witnesses:
        return []
    held = checkpoint.with_verified_cosignatures(signed, witness_keys(witnesses))
    have = {s.name for s in note.parse(held).signatures}
    wanted = [(url, vkey) for url, vkey in witnesses if note.parse_vkey(vkey).name not in have]
    if not wanted:
        return []
    cosigned, missed = collect(wanted, signed, log.tree())
    log.add_cosignatures(cosigned)
    return missed


class _NotCosigned(Exception):
    pass


def _ask(endpoint: str, key: note.NoteKey, signed: bytes, tree: checkpoint.Checkpoint, hashes: merkle.Tree,
         deadline_s: float) -> note.Signature:
    old = 0
    for _ in range(2):
        proof = hashes.consistency_proof(old, min(tree.size, len(hashes))) if 0 < old < tree.size else []
        status, kind, body = _post(endpoint, request(old, proof, signed), deadline_s)
        if status == 409 and kind.startswith(SIZE_TYPE) and body.strip().isdigit() and old == 0:
            old = int(body.strip())
            if old > tree.size:
                raise _NotCosigned(f"it holds a tree of {old} leaves, larger than this checkpoint's {tree.size}")
            continue
        if status != 200:
            raise _NotCosigned(f"refused ({status}): {printable(body[:200].decode('utf-8', 'replace').strip())}")
        try:
            cosigned = note.parse(signed + body)
            if key.name not in note.verify(cosigned, [key]):
                raise note.NoteProblem("no cosignature by its key in the answer")
        except note.NoteProblem as exc:
            raise _NotCosigned(f"its answer is not its cosignature of this checkpoint: {exc}") from None
        return next(s for s in cosigned.signatures if (s.name, s.id) == (key.name, key.id))
    raise _NotCosigned(f"it holds another size than the {old} leaves it answered")


def _post(endpoint: str, body: bytes, deadline_s: float) -> tuple[int, str, bytes]:
    """(status, content type, the answer: at most MAX_ANSWER_BYTES)."""
    try:
        return bounded_exchange("POST", endpoint, content=body, deadline_s=deadline_s, cap=MAX_ANSWER_BYTES)
    except PeerProblem as exc:
        raise _NotCosigned(str(exc)) from None
