"""Files an organisation uploads (captures, documents, models: what its manifests' file targets
read): kept in the service's folder under ``uploads/<organisation>/``, each under a plain name.
A name outside the pattern (a folder, ``..``, a leading dot, a control character) is refused,
never rewritten; a file is written whole or not at all (never through a link), then read back
through the harness's own bounded read of a vendor's file (a regular file inside that folder, at
most the upload bound), whose SHA-256 the page shows. Nothing uploaded is served back: an
upload never reaches a browser from the service's origin."""

from __future__ import annotations

import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .._io.outputs import atomic_output
from .._io.vendorfiles import CHUNK_BYTES, hash_capped

UPLOADS = "uploads"
#: a stored file's name: letters, digits, dot, dash, underscore; a letter or digit first; no ".."
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", re.ASCII)


def folder_of(service_folder: Path, organisation_id: str) -> Path:
    return service_folder / UPLOADS / organisation_id


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a stored file (None: it can)."""
    if not NAME.fullmatch(name) or ".." in name:
        return ("a file's name is 1 to 100 letters, digits, '.', '-' or '_', a letter or digit first, "
                "no '..' and no folder")
    return None


@dataclass(frozen=True)
class Stored:
    name: str
    size: int
    sha256: str = ""


def store(service_folder: Path, organisation_id: str, name: str, source: BinaryIO, max_bytes: int) -> Stored:
    """Keep ``source`` as the organisation's file ``name`` (replacing its earlier one); check the
    name first (:func:`name_problem`)."""
    assert name_problem(name) is None
    root = folder_of(service_folder, organisation_id)
    with atomic_output(root / name, what=name) as out:
        shutil.copyfileobj(source, out, CHUNK_BYTES)
    digest, size = hash_capped(root / name, max_bytes, root=root, name=name)
    return Stored(name, size, digest)


def listed(service_folder: Path, organisation_id: str) -> list[Stored]:
    """The organisation's stored files (regular files only: a write under way is a dot file)."""
    root = folder_of(service_folder, organisation_id)
    found = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name) if root.is_dir() else ():
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISREG(info.st_mode) and name_problem(entry.name) is None:
            found.append(Stored(entry.name, info.st_size))
    return found
