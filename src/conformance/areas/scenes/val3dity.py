"""val3dity's error classes as this harness reports them (their names, their bilingual message templates), an
error found in a city model, and a model's report of them level by level (:mod:`.solids` decides them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance import Finding, msg

from .cityjson import MAX_FINDINGS

#: val3dity's names of the error classes decided here (601 in :mod:`.building_parts`)
NAMES = {101: "TOO_FEW_POINTS", 102: "CONSECUTIVE_POINTS_SAME", 104: "RING_SELF_INTERSECTION",
         201: "INTERSECTION_RINGS", 202: "DUPLICATED_RINGS", 203: "NON_PLANAR_POLYGON_DISTANCE_PLANE",
         204: "NON_PLANAR_POLYGON_NORMALS_DEVIATION",
         205: "POLYGON_INTERIOR_DISCONNECTED", 206: "INNER_RING_OUTSIDE", 207: "INNER_RINGS_NESTED",
         208: "ORIENTATION_RINGS_SAME", 301: "TOO_FEW_POLYGONS", 302: "SHELL_NOT_CLOSED",
         303: "NON_MANIFOLD_CASE", 305: "MULTIPLE_CONNECTED_COMPONENTS", 306: "SHELL_SELF_INTERSECTION",
         307: "POLYGON_WRONG_ORIENTATION", 401: "INTERSECTION_SHELLS", 402: "DUPLICATED_SHELLS",
         403: "INNER_SHELL_OUTSIDE", 404: "SOLID_INTERIOR_DISCONNECTED", 405: "WRONG_ORIENTATION_SHELL",
         501: "INTERSECTION_SOLIDS", 502: "DUPLICATED_SOLIDS", 503: "DISCONNECTED_SOLIDS",
         601: "BUILDINGPARTS_OVERLAP"}
#: each class's message template (bilingual, messages.yaml), spelled out so
#: tests/messages/test_texts.py sees each key used
KEYS = {101: "scenes.v3d-101", 102: "scenes.v3d-102", 104: "scenes.v3d-104", 201: "scenes.v3d-201",
        202: "scenes.v3d-202", 203: "scenes.v3d-203", 204: "scenes.v3d-204", 205: "scenes.v3d-205",
        206: "scenes.v3d-206", 207: "scenes.v3d-207", 208: "scenes.v3d-208", 301: "scenes.v3d-301",
        302: "scenes.v3d-302", 303: "scenes.v3d-303", 305: "scenes.v3d-305", 306: "scenes.v3d-306",
        307: "scenes.v3d-307", 401: "scenes.v3d-401", 402: "scenes.v3d-402", 403: "scenes.v3d-403",
        404: "scenes.v3d-404", 405: "scenes.v3d-405", 501: "scenes.v3d-501", 502: "scenes.v3d-502",
        503: "scenes.v3d-503", 601: "scenes.v3d-601"}
assert set(KEYS) == set(NAMES)
#: each class -> the rule of its requirement (SC-CITY-007 to -009, -012) its notes give it; 601 is
#: SC-CITY-013's, which defines no rules
RULES = {101: "R1", 102: "R2", 104: "R3", 201: "R4", 202: "R5", 203: "R6", 204: "R11", 205: "R7", 206: "R8",
         207: "R9", 208: "R10", 301: "R1", 302: "R2", 303: "R3", 305: "R4", 307: "R5", 306: "R6",
         402: "R1", 405: "R2", 401: "R3", 403: "R4", 404: "R5", 501: "R1", 502: "R2", 503: "R3"}
SKIPPED = 0  # not an error: a shell or solid too large for the pairwise 3D tests (Report.skipped)


@dataclass(frozen=True)
class Error:
    code: int
    pointer: str
    detail: str = ""

    def finding(self) -> Finding:
        return Finding.of(msg(KEYS[self.code], detail=self.detail), pointer=self.pointer,
                          rule=RULES.get(self.code), check=f"{self.code} {NAMES[self.code]}")


@dataclass
class Report:
    """Errors of one file by level (1 and 2: rings and polygons; 3: shells; 4: solids; 5: the
    solids of a CompositeSolid) and how many primitives of each level were judged; ``skipped``:
    shells and solids too large for the pairwise 3D intersection tests, and ``skipped_at`` their
    pointers by level (members of the set that level's requirement could not judge)."""
    errors: dict[int, list[Error]] = field(default_factory=lambda: {2: [], 3: [], 4: [], 5: []})
    judged: dict[int, int] = field(default_factory=lambda: {2: 0, 3: 0, 4: 0, 5: 0})
    skipped: int = 0
    skipped_at: dict[int, list[str]] = field(default_factory=lambda: {2: [], 3: [], 4: [], 5: []})
    #: by level, the members passed over for an invalid member of the level below (a shell of an invalid
    #: polygon, a solid of an invalid shell, a CompositeSolid of an invalid solid): another level's finding
    invalid_at: dict[int, list[str]] = field(default_factory=lambda: {3: [], 4: [], 5: []})
    #: (pointer, type) of the surface and solid geometries whose boundaries are not well formed
    #: (SC-CITY-002's finding): members of the set that no level could judge
    malformed: list[tuple[str, str]] = field(default_factory=list)
    #: the well-formed geometries of the file, and how many were judged within the budget
    geometries: int = 0
    geometries_judged: int = 0
    last: str = ""  # the pointer of the last geometry judged
    #: the polygons the validation may examine (geometry_budget_polygons), and those of the
    #: geometries judged: a count of the model, the same on every machine
    budget_polygons: int | None = None
    polygons: int = 0

    @property
    def stopped(self) -> bool:
        return self.geometries_judged < self.geometries

    def add(self, level: int, error: Error) -> None:
        if error.code == SKIPPED:
            self.skipped += 1
            self.skipped_at[level].append(error.pointer)
            return
        self.errors[level].append(error)

    def findings(self, level: int) -> list[Finding]:
        errors = self.errors[level]
        found = [e.finding() for e in errors[:MAX_FINDINGS]]
        if len(errors) > MAX_FINDINGS:
            found.append(Finding.of(msg("scenes.cityjson-more", count=len(errors) - MAX_FINDINGS)))
        return found
