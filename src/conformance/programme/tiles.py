"""The programme log served as C2SP ``tlog-tiles``: static files any tile client reads.

- ``tile/<L>/<N>``: hash tile N of level L, the 256 hashes of the tree's nodes at height 8·L
  with indices 256·N … 256·N+255, concatenated (level 0: the leaf hashes); the node hashes are
  RFC 9162's (:mod:`.merkle`);
- ``tile/<L>/<N>.p/<W>``: the same tile while only its first W (1…255) hashes exist;
- ``tile/entries/<N>[.p/<W>]``: entry bundle N, its leaves (the lines of ``leaves.jsonl``
  without their newline), each as a big-endian 16-bit length and its bytes;
- ``checkpoint``: the latest checkpoint (:mod:`.checkpoint`), whose tree the tiles hold.

N is written in groups of three digits, each but the last prefixed with ``x`` (1234067 is
``x001/x234/067``). A full tile never changes: publishing again writes only what is new (the
partial tiles of the new size and the full tiles completed since; a tile already there with
the same bytes is not written again), and a full tile already published with other bytes is
refused (the log would have been rewritten under it).

:func:`read_log` checks a published tile set whole (every entry against its leaf hash, every
tile of a higher level against the level below, the root against the checkpoint) and gives
back the leaves; proofs are then RFC 9162's over those leaf hashes (:mod:`.merkle`).
"""

from __future__ import annotations

from pathlib import Path

from .._io.outputs import atomic_write
from .._io.vendorfiles import read_capped
from . import merkle
from .logformat import MAX_LEAF_BYTES, LogProblem, leaf_too_long

HEIGHT = 8
WIDTH = 1 << HEIGHT  # 256 hashes a tile
HASH = 32
MAX_ENTRY = MAX_LEAF_BYTES  # an entry's length is a 16-bit number
ENTRIES = -1  # the "level" of the entry bundles


def tile_path(level: int, index: int, width: int = WIDTH) -> str:
    """Where tile ``index`` of ``level`` (ENTRIES: an entry bundle) is served, relative to the log."""
    groups = [f"{index % 1000:03d}"]
    index //= 1000
    while index:
        groups.insert(0, f"x{index % 1000:03d}")
        index //= 1000
    if width != WIDTH:
        groups[-1] += f".p/{width}"
    return "/".join(["tile", "entries" if level == ENTRIES else str(level), *groups])


def _levels(hashes: list[bytes]) -> list[list[bytes]]:
    """The node hashes each tile level holds: level 0 the leaf hashes, level L+1 the roots of
    the full tiles of level L (a perfect tree of 256 hashes)."""
    levels = [hashes]
    while len(levels[-1]) >= WIDTH:
        below = levels[-1]
        levels.append([merkle.root(below[i:i + WIDTH]) for i in range(0, len(below) - WIDTH + 1, WIDTH)])
    return levels


def _tiles(lines: list[bytes]) -> dict[str, bytes]:
    """Every tile and entry bundle of the tree of these leaves, by path."""
    files: dict[str, bytes] = {}
    for level, values in enumerate(_levels([merkle.leaf_hash(line) for line in lines])):
        for start in range(0, len(values), WIDTH):
            chunk = values[start:start + WIDTH]
            files[tile_path(level, start // WIDTH, len(chunk))] = b"".join(chunk)
    for start in range(0, len(lines), WIDTH):
        chunk = lines[start:start + WIDTH]
        files[tile_path(ENTRIES, start // WIDTH, len(chunk))] = b"".join(
            len(line).to_bytes(2, "big") + line for line in chunk)
    return files


def write_tiles(lines: list[bytes], destination: Path) -> list[Path]:
    """The tiles of the tree of ``lines`` written under ``destination`` (the new ones only); a
    leaf longer than an entry can be, or a published full tile that differs, is LogProblem
    and nothing is written."""
    for index, line in enumerate(lines):
        if len(line) > MAX_ENTRY:
            raise LogProblem(f"the programme log's {leaf_too_long(index, len(line))}: it cannot be published as "
                             "tiles; nothing is published (see `conformance programme audit PROGRAMME`)")
    files = _tiles(lines)
    fresh = []
    for relative, data in files.items():
        target = destination / relative
        if not target.is_file():
            fresh.append((target, data))
            continue
        partial = ".p/" in relative
        if partial:
            try:
                held: bytes | None = read_capped(target, len(data))
            except OSError:  # larger, or not a file to read: written again
                held = None
        else:
            held = _read(target, len(data))
        if held == data:
            continue  # published already (a partial tile too: the log has not grown into it)
        if not partial:
            raise LogProblem(f"{target}: a published full tile differs from the log's (the log was "
                             "rewritten under it); nothing is published")
        fresh.append((target, data))  # a partial tile of this width with other bytes: served right
    for target, data in fresh:
        atomic_write(target, data)
    return [target for target, _ in fresh]


def _read(path: Path, cap: int) -> bytes:
    try:
        return read_capped(path, cap)
    except OSError as exc:
        raise LogProblem(f"{path}: {getattr(exc, 'problem', None) or exc.strerror or exc}") from None


def _tile(folder: Path, level: int, index: int, width: int) -> bytes:
    relative = tile_path(level, index, width)
    path = folder / relative
    if level != ENTRIES:
        data = _read(path, width * HASH)
        if len(data) != width * HASH:
            raise LogProblem(f"{relative}: {len(data)} bytes, not {width} hashes")
        return data
    return _read(path, width * (2 + MAX_ENTRY))


def _entries(relative: str, data: bytes, width: int) -> list[bytes]:
    found: list[bytes] = []
    at = 0
    while at < len(data):
        length = int.from_bytes(data[at:at + 2], "big")
        if at + 2 + length > len(data):
            raise LogProblem(f"{relative}: entry {len(found)} is cut short")
        found.append(data[at + 2:at + 2 + length])
        at += 2 + length
    if len(found) != width:
        raise LogProblem(f"{relative}: {len(found)} entries, not {width}")
    return found


def read_log(folder: Path, size: int, root: bytes) -> tuple[list[bytes], list[bytes]]:
    """The leaves and leaf hashes of the published tree of ``size`` leaves, after checking
    every tile of it against its entries and the tiles below, and its root against ``root``;
    LogProblem naming the first tile that does not hold."""
    lines: list[bytes] = []
    for start in range(0, size, WIDTH):
        width = min(WIDTH, size - start)
        relative = tile_path(ENTRIES, start // WIDTH, width)
        lines += _entries(relative, _tile(folder, ENTRIES, start // WIDTH, width), width)
    levels = _levels([merkle.leaf_hash(line) for line in lines])
    for level, values in enumerate(levels):
        for start in range(0, len(values), WIDTH):
            chunk = values[start:start + WIDTH]
            if _tile(folder, level, start // WIDTH, len(chunk)) != b"".join(chunk):
                raise LogProblem(f"{tile_path(level, start // WIDTH, len(chunk))}: its hashes are not those of the "
                                 "log's entries")
    hashes = levels[0]
    if merkle.root(hashes) != root:
        raise LogProblem(f"the tiles' tree of {size} leaves does not have the checkpoint's root hash")
    return lines, hashes
