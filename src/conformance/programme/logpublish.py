"""The programme log as the transparency ecosystem reads it (:mod:`.ledger`): its heads as C2SP
tlog-checkpoint signed notes by the programme's key, the witnesses' cosignatures kept beside the
latest one, and the log published into a site's or run folder's ``log/``: the leaves, the signed
heads (a published head never rewritten), the checkpoint with the cosignatures that verify, and
the tlog-tiles of its tree. Split from :mod:`.ledger`, which appends and signs."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io.outputs import atomic_write
from ..errors import HarnessInputError
from . import checkpoint, merkle, note, tiles
from .logfiles import exclusive, held, read_log_file
from .logformat import HEAD, HEADS, LEAVES, LogProblem

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

_HEAD_NAME = re.compile(r"(0|[1-9][0-9]{0,19})\.json")  # heads/<size>.json


class PublishedLog:
    """The checkpoint, cosignature and publishing half of :class:`.ledger.ProgrammeLog`, which
    sets these members and defines the reading methods named below."""

    folder: Path | None
    key: Ed25519PrivateKey | None
    origin: str  #: the log's origin line in its checkpoints (:mod:`.checkpoint`)
    _checkpoint: bytes | None  # of a log in memory

    if TYPE_CHECKING:  # ProgrammeLog's own, declared for the type checker only
        def lines(self) -> list[bytes]: ...

        def hashes(self, lines: list[bytes] | None = None) -> list[bytes]: ...

        def latest_head(self) -> dict[str, Any] | None: ...

    def checkpoint_of(self, head: dict[str, Any]) -> bytes | None:
        """The head as a tlog-checkpoint signed note by the programme's key (None: no key)."""
        if self.key is None:
            return None
        tree = checkpoint.Checkpoint(self.origin, head["treeSize"], bytes.fromhex(head["rootHash"]))
        return checkpoint.sign(tree, self.key)

    def latest_checkpoint(self) -> bytes | None:
        """The latest checkpoint: made from the latest head when the log has the key (with the
        witnesses' cosignatures kept beside it for that same checkpoint, :meth:`add_cosignatures`),
        else the one kept beside the heads (None: there is none)."""
        head = self.latest_head()
        if head is not None and self.key is not None:
            signed = self.checkpoint_of(head)
            kept = self._kept_checkpoint()
            if signed is None or kept is None:
                return signed
            try:
                own, stored = note.parse(signed), note.parse(kept)
            except note.NoteProblem:
                return signed
            # the cosignatures kept for this very text; the log's own signature is the one made here
            return own.with_signatures(*stored.signatures).encode() if stored.text == own.text else signed
        return self._kept_checkpoint()

    def _kept_checkpoint(self) -> bytes | None:
        if self.folder is None:
            return self._checkpoint
        path = self.folder / checkpoint.FILE
        return read_log_file(path) if path.is_file() else None

    def add_cosignatures(self, cosigned: bytes) -> bool:
        """Keep the cosignature lines of ``cosigned`` (the latest checkpoint as the witnesses
        cosigned it, :func:`.cosign.collect`) beside the log, served with the checkpoint by
        :meth:`publish`; False (nothing kept) when it is not the latest checkpoint's text."""
        with exclusive(self.folder):
            latest = self.latest_checkpoint()
            if latest is None:
                return False
            try:
                own, theirs = note.parse(latest), note.parse(cosigned)
            except note.NoteProblem:
                return False
            if own.text != theirs.text:
                return False  # the log grew since: these cosign an older checkpoint
            merged = own.with_signatures(*theirs.signatures).encode()
            if self.folder is None:
                self._checkpoint = merged
            else:
                atomic_write(self.folder / checkpoint.FILE, merged)
            return True

    def publish(self, destination: Path, witnesses: Sequence[note.NoteKey] | None = None) -> list[Path]:
        """Copy the leaves and the heads to ``destination`` (a site's or run folder's ``log/``):
        the heads already there are kept (a published head is never rewritten); and serve the
        log as tlog-tiles there (:mod:`.tiles`): the latest checkpoint, with the cosignatures of
        ``witnesses`` on it that verify (none when None), and the tiles of its tree. Only what
        changed is written: a file already there with the same bytes is left, so publishing
        after one event writes a few files, whatever the log's size. The files written."""
        if self.folder is None:
            return []
        written = self._publish_tiles(destination, witnesses or ())
        for name in (LEAVES, HEAD):
            if (self.folder / name).is_file():
                data = read_log_file(self.folder / name)
                if held(destination / name) != data:
                    atomic_write(destination / name, data)
                    written.append(destination / name)
        heads = self.folder / HEADS
        for name in sorted(os.listdir(heads)) if heads.is_dir() else ():
            # by name, not parsed: publishing pays for the heads that are new, not for every head
            target = destination / HEADS / name
            if _HEAD_NAME.fullmatch(name) and not os.path.lexists(target) and (heads / name).is_file():
                atomic_write(target, read_log_file(heads / name))
                written.append(target)
        return written

    def _publish_tiles(self, destination: Path, witnesses: Sequence[note.NoteKey]) -> list[Path]:
        """The latest checkpoint and its tiles, when its tree is a prefix of the leaves (a stale
        or foreign checkpoint file is not served: the tiles would not match it)."""
        signed = self.latest_checkpoint()
        if signed is None:
            return []
        try:
            tree = checkpoint.read_text(note.parse(signed).text)
            signed = checkpoint.with_verified_cosignatures(signed, witnesses)
        except note.NoteProblem:
            return []
        lines = self.lines()
        if tree.size > len(lines) or merkle.root(self.hashes(lines)[:tree.size]) != tree.root:
            return []
        try:
            written = tiles.write_tiles(lines[:tree.size], destination)
        except LogProblem as exc:  # an over-long leaf an older harness appended, or a tile rewritten
            raise HarnessInputError(str(self.folder), str(exc), "the log is append-only: keep it as evidence "
                                    "and start the programme's log afresh (docs/programme.md)") from None
        if held(destination / checkpoint.FILE) != signed:
            atomic_write(destination / checkpoint.FILE, signed)
            written.insert(0, destination / checkpoint.FILE)
        return written
