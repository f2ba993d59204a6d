"""The surface and solid geometries of a city model whose boundaries are well formed: nested lists of the
depth their type says, with integer leaves indexing the model's vertices (SC-CITY-001/002 judge the rest). Only
these are validated (:mod:`.solids`); the others are recorded as malformed, members no level could judge.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeGuard

from .boundaries import Polygon, Solid
from .cityjson import geometries, int_lists, template_geometries

if TYPE_CHECKING:
    from .cityjson_lean import CityDocument

#: the geometry types judged: surfaces, one solid, several solids
SURFACES, SOLID, SOLIDS = ("MultiSurface", "CompositeSurface"), "Solid", ("MultiSolid", "CompositeSolid")


def well_formed(node: object, depth: int, count: int) -> bool:
    """``node`` is nested lists ``depth`` deep with integer leaves below ``count``: a geometry's
    boundaries of the type that says ``depth``, over ``count`` vertices."""
    if depth >= 3:  # a geometry's boundaries: decided over their JSON text where they hold only integers
        fast = int_lists(node, depth, count)
        if fast is not None:
            return fast
    return _walked_int_lists(node, depth, count)


def formed_surfaces(node: object, count: int) -> TypeGuard[list[Polygon]]:
    """A MultiSurface's or CompositeSurface's boundaries, well formed over ``count`` vertices."""
    return well_formed(node, 3, count)


def formed_solid(node: object, count: int) -> TypeGuard[Solid]:
    """A Solid's boundaries (its shells), well formed over ``count`` vertices."""
    return well_formed(node, 4, count)


def formed_solids(node: object, count: int) -> TypeGuard[list[Solid]]:
    """A MultiSolid's or CompositeSolid's boundaries, well formed over ``count`` vertices."""
    return well_formed(node, 5, count)


def _walked_int_lists(node: object, depth: int, count: int) -> bool:
    """:func:`well_formed` by walking the lists (the reference the text path is tested against)."""
    if depth == 0:
        return isinstance(node, int) and not isinstance(node, bool) and 0 <= node < count
    return isinstance(node, list) and all(_walked_int_lists(item, depth - 1, count) for item in node)


@dataclass(frozen=True, slots=True)
class FormedGeometry:
    """A surface or solid geometry whose boundaries are well formed (:func:`well_formed`)."""
    pointer: str  # /CityObjects/<id>/geometry/<index> or /geometry-templates/templates/<index>
    kind: str
    surfaces: list[Polygon]  # a MultiSurface's or CompositeSurface's polygons; else none
    solids: list[Solid]  # a Solid's one solid, a MultiSolid's or CompositeSolid's solids; else none

    def solid_pointers(self) -> list[str]:
        """The pointer of each of :attr:`solids`."""
        if self.kind == SOLID:
            return [self.pointer + "/boundaries"]
        return [f"{self.pointer}/boundaries/{s}" for s in range(len(self.solids))]

    def polygons(self) -> Iterator[Polygon]:
        """Every polygon: the surfaces, or those of every shell of every solid."""
        yield from self.surfaces
        for solid in self.solids:
            for shell in solid:
                yield from shell

    def polygon_count(self) -> int:
        """How many :meth:`polygons` yields, counted without walking them."""
        return len(self.surfaces) + sum(len(shell) for solid in self.solids for shell in solid)


def well_formed_geometries(data: CityDocument, count: int, malformed: list[tuple[str, str]] | None = None,
                           *, templates: bool = False) -> Iterator[FormedGeometry]:
    """Each surface or solid geometry of ``data``'s City Objects (``templates``: of its geometry
    templates) whose boundaries are well formed over its ``count`` vertices, in the file's order."""
    found = template_geometries(data) if templates else ((pointer, geom) for _, pointer, geom in geometries(data))
    for pointer, geom in found:
        kind, boundaries = geom.get("type"), geom.get("boundaries")
        if not isinstance(kind, str) or kind not in (*SURFACES, SOLID, *SOLIDS):
            continue
        # the JSON lists themselves, once known to have the typed shape (not copied: the
        # certificates of a batch name its shells by id)
        if kind in SURFACES and formed_surfaces(boundaries, count):
            yield FormedGeometry(pointer, kind, boundaries, [])
        elif kind == SOLID and formed_solid(boundaries, count):
            yield FormedGeometry(pointer, kind, [], [boundaries])
        elif kind in SOLIDS and formed_solids(boundaries, count):
            yield FormedGeometry(pointer, kind, [], boundaries)
        elif malformed is not None:  # a geometry of a judged type that cannot be read as one
            malformed.append((pointer, kind))
