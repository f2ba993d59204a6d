"""Asset content references: find the file a reference names and hash its bytes.

A content reference's ``uri`` is an RFC 3986 URI reference. A relative reference resolves
against the metadata document's own location (RFC 3986, 5.2), its fragment separated first
(3.5), so an asset exported as a folder - metadata plus its files - can be checked offline;
one with a query names no file of the folder. Absolute URIs (https:, ipfs:,
...) are not fetched here.

The harness reads only inside the metadata document's folder: a reference that climbs
out of it (``../``) or names an absolute path is refused, so a hostile metadata file cannot
make the harness read arbitrary local files, and an asset package stays self-contained.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from conformance import msg
from conformance.area import Refused, TooLarge, hash_capped, record_read


@dataclass(frozen=True)
class Resolved:
    """Where a reference leads: a local path, or why it has none."""

    path: Path | None = None
    remote: bool = False  # an absolute URI: not resolvable offline
    refused: str | None = None  # a relative reference the harness will not follow, and why


def resolve(base_dir: Path, uri: str) -> Resolved:
    """Resolve a content URI reference against the folder of the metadata document."""
    # RFC 3986, 3.5: a fragment identifies a part of the resource retrieved and is separated from the reference
    # before the retrieval, so the bytes are those the reference names without it (issue 76, sixty-seventh
    # reading, b6: `a.glb#x` is the file a.glb); a query stays: it asks a server for a resource, which a file of
    # the folder is not (R3, stated so)
    reference = uri.partition("#")[0]
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        return Resolved(remote=True)
    if "?" in reference:  # an empty query too (`a.glb?`): a query component all the same
        return Resolved(refused=msg("assets.content-query"))
    relative = PurePosixPath(unquote(parts.path))
    if not parts.path or relative.is_absolute():
        return Resolved(refused=msg("assets.content-not-relative"))
    root = base_dir.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        return Resolved(refused=msg("assets.content-escapes"))
    return Resolved(path=target)


def sha256_file(path: Path, root: Path | None = None) -> tuple[str, int]:
    """SHA-256 (lowercase hex) and length of a file's bytes, streamed and capped, a regular
    file inside ``root`` only (:func:`conformance._io.vendorfiles.hash_capped`; OSError otherwise);
    a subject of a signed run (the bytes judged)."""
    digest, size = hash_capped(path, root=root)
    record_read(path, digest)
    return digest, size


def unreadable(exc: OSError) -> bool:
    """Whether hashing failed for want of reading the file (access refused, an I/O error, more bytes
    than the harness hashes): an input the harness cannot read, AS-CONT-001's inconclusive state (the
    draft's 3.23), not the reference's fault. A refusal the reference earns - a link out of the folder,
    no regular file - is a finding instead."""
    return isinstance(exc, TooLarge) or not isinstance(exc, Refused)
