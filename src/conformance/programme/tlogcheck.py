"""What a relying party checks of a certificate's log proof in the ecosystem's formats: the
tlog-checkpoint it carries (:mod:`.checkpoint`) and, where the programme's log is at hand, the
published checkpoint and tiles (:mod:`.tiles`). :mod:`.certlog` calls these beside its
checks of the JSON head; each failure is :class:`~.logformat.LogProblem` saying what.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .._io.jsontypes import JsonObject
from .._io.vendorfiles import read_capped
from . import checkpoint, merkle, note, signing, tiles
from .logformat import LogProblem


def _open(data: bytes, origin: str, keys: list[Ed25519PublicKey], what: str) -> checkpoint.Checkpoint:
    try:
        tree, _, _ = checkpoint.open_checkpoint(data, origin, keys)
    except note.NoteProblem as exc:
        raise LogProblem(f"{what}: {exc}") from None
    return tree


def certificate_checkpoint(proved: JsonObject, head: JsonObject, origin: str,
                           keys: list[Ed25519PublicKey]) -> checkpoint.Checkpoint:
    """The checkpoint a certificate carries (``programmeLog.checkpoint``): of the programme's
    log ``origin``, signed by one of ``keys``, and the tree of the JSON head it carries."""
    text = proved.get("checkpoint")
    if not isinstance(text, str):
        raise LogProblem("it carries no tlog-checkpoint of its head (programmeLog.checkpoint)")
    tree = _open(text.encode(), origin, keys, "its checkpoint")
    if tree.size != head["treeSize"] or tree.root.hex() != head["rootHash"]:
        raise LogProblem("its checkpoint is not the tree of its head (another size or root hash)")
    return tree


def published_checkpoint(published: Path, tree: checkpoint.Checkpoint, origin: str, keys: list[Ed25519PublicKey],
                         index: int, leaf: bytes) -> tuple[checkpoint.Checkpoint, bytes, list[bytes]] | None:
    """The log published at ``published`` as tlog-tiles (None: it serves no checkpoint): its
    checkpoint of ``origin`` signed by one of ``keys``, every tile of its tree whole, the
    certificate's ``tree`` a prefix of it (RFC 9162 consistency, computed from the tiles), and
    ``leaf`` its entry ``index``; with the checkpoint's note as read (its cosignatures, for a
    relying party's witness policy) and the tree's entries (the leaves, for :mod:`.certlog` to
    hold the published JSON head and leaves to the same tree)."""
    path = published / checkpoint.FILE
    if not path.is_file():
        return None
    try:
        data = read_capped(path, note.MAX_NOTE_BYTES)
    except OSError as exc:
        raise LogProblem(f"{path}: {getattr(exc, 'problem', None) or exc.strerror or exc}") from None
    latest = _open(data, origin, keys, "the published checkpoint")
    lines, hashes = tiles.read_log(published, latest.size, latest.root)
    if not (tree.size <= latest.size and merkle.verify_consistency(
            tree.size, latest.size, tree.root, latest.root, merkle.consistency_proof(hashes, tree.size))):
        raise LogProblem(f"the certificate's checkpoint (size {tree.size}) is not a prefix of the published one "
                         f"(size {latest.size}): the log was rewritten")
    if index >= latest.size or lines[index] != leaf or not merkle.verify_inclusion(
            index, latest.size, merkle.leaf_hash(leaf), merkle.inclusion_proof(hashes, index), latest.root):
        raise LogProblem(f"the published tiles do not hold the certificate's run as entry {index}")
    return latest, data, lines


def trusted_keys(dids: set[str]) -> list[Ed25519PublicKey]:
    """The Ed25519 keys of trusted did:keys (the programme's checkpoints are signed by them)."""
    return [signing.key_of_method(f"{did}#{did.removeprefix('did:key:')}") for did in sorted(dids)]
