"""S2 bounding volumes (the 3D Tiles extension ``3DTILES_bounding_volume_S2``, SC-TILE-011).

The extension's schema (CesiumGS/3d-tiles, ``extensions/3DTILES_bounding_volume_S2/schema``)
requires a ``token`` string and ``minimumHeight`` and ``maximumHeight`` numbers; a token is
"a hexadecimal representation of the S2CellId", lower-case, without whitespace and with its
trailing zeros stripped (its README, "Tokens"). An S2 cell ID (S2 geometry library's cell IDs,
which the extension follows) is a 64-bit number whose top 3 bits name a cube face 0..5 and
whose lowest set bit sits at an even position of the low 61 bits, 0..60 (the cell's level), as
the library's ``S2CellId::is_valid`` masks it; annex E's table of the token says the same. The bottom surface
(``minimumHeight``) is not above the top one (``maximumHeight``).

An S2 volume places its tile on the Earth (SC-GEO-001): the cell is a quadrilateral on the WGS 84
ellipsoid, both heights are metres above (or below) it, and a tile's ``transform`` does not apply
to it (the README, "Bounding Volume").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeGuard

from conformance import Finding, msg

from . import tiles

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

EXTENSION = "3DTILES_bounding_volume_S2"
TOKEN = re.compile(r"^[0-9a-f]{1,16}$")
LEVEL_BITS = 0x1555555555555555  # the even bit positions 0..60: bit 62 lies in the face, not a level
FACES = 6


def valid_token(token: str) -> bool:
    """Whether ``token`` is the canonical token of a valid S2 cell ID."""
    if not TOKEN.match(token) or token.endswith("0"):
        return False
    cell = int(token.ljust(16, "0"), 16)
    lowest = cell & -cell
    return cell >> 61 < FACES and bool(lowest & LEVEL_BITS)


def _volumes(tileset: JsonObject) -> Iterator[tuple[str, JsonValue]]:

    """(pointer, extension object) of every S2 bounding volume of tiles and contents."""
    for tile in tiles.walk(tileset):
        holders = [(f"{tile.pointer}/boundingVolume", tile.data.get("boundingVolume"))]
        holders += [(f"{p}/boundingVolume", c.get("boundingVolume")) for p, c in tiles.contents(tile)]
        for pointer, volume in holders:
            extensions = volume.get("extensions") if isinstance(volume, dict) else None
            if isinstance(extensions, dict) and EXTENSION in extensions:
                yield f"{pointer}/extensions/{EXTENSION}", extensions[EXTENSION]


def findings(tileset: JsonObject) -> tuple[list[Finding], int]:
    """The findings of a tileset's S2 bounding volumes, and how many there are."""
    out: list[Finding] = []
    count = 0
    for pointer, volume in _volumes(tileset):
        count += 1
        if not isinstance(volume, dict):
            out.append(Finding.of(msg("scenes.s2-member", member="token"), pointer=pointer, actual=volume,
                                  rule="R1"))
            continue
        token, low, high = volume.get("token"), volume.get("minimumHeight"), volume.get("maximumHeight")
        for member, value, ok in (("token", token, isinstance(token, str)),
                                  ("minimumHeight", low, _number(low)), ("maximumHeight", high, _number(high))):
            if not ok:
                out.append(Finding.of(msg("scenes.s2-member", member=member), pointer=f"{pointer}/{member}",
                                      actual=value, rule="R1"))
        if isinstance(token, str) and not valid_token(token):
            out.append(Finding.of(msg("scenes.s2-token", token=token), pointer=f"{pointer}/token", actual=token,
                                  rule="R2"))
        if _number(low) and _number(high) and low > high:
            out.append(Finding.of(msg("scenes.s2-heights", low=low, high=high), pointer=pointer,
                                  expected="minimumHeight <= maximumHeight", actual=[low, high], rule="R3"))
    return out, count


def root_height(tileset: JsonObject) -> tuple[str, float] | None:
    """(token, mean height) of a root tile whose bounding volume is a readable S2 cell (a valid
    token and two finite heights), the mean of its ``minimumHeight`` and ``maximumHeight`` in
    metres above the WGS 84 ellipsoid, as a region's (tiles.geolocation); else None."""
    root = tileset.get("root")
    volume = root.get("boundingVolume") if isinstance(root, dict) else None
    extensions = volume.get("extensions") if isinstance(volume, dict) else None
    cell = extensions.get(EXTENSION) if isinstance(extensions, dict) else None
    if not isinstance(cell, dict):
        return None
    token, low, high = cell.get("token"), cell.get("minimumHeight"), cell.get("maximumHeight")
    if not isinstance(token, str) or not valid_token(token):
        return None
    if not (_number(low) and _number(high)):
        return None
    mean = (float(low) + float(high)) / 2
    return (token, mean) if math.isfinite(mean) else None


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)
