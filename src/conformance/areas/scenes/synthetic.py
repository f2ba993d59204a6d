"""Large synthetic scene models with defects planted at known places, so that size tests and
``bench/scenes.py`` need no downloads: ``conformance generate city`` (CityJSON 2.0) and
``conformance generate building`` (IFC4, ISO 10303-21).

A city model is a grid of box-shaped Buildings (a Solid at LoD 2.2 each, every tenth with a
BuildingPart touching its side, every tenth a CompositeSolid of two stacked boxes). Every
geometry, extent, link and LoD is valid until a defect is planted: each defect changes one
object, chosen at an even spacing through the file, and breaks exactly one requirement
(:data:`CITY_DEFECTS`). A building model is a storey of extruded walls, each with its own
placement and profile, georeferenced by an ``IfcMapConversion`` (:data:`BUILDING_DEFECTS`).
Same arguments, same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import orjson

#: metres between grid cells; each box fits in a 14 x 8 m footprint
CELL = 20.0
TRANSLATE = (553500.0, 3379200.0, 0.0)
CRS = "https://www.opengis.net/def/crs/EPSG/0/4547"
#: faces of a box with corners 0-3 at the bottom (counterclockwise seen from above), 4-7 on top:
#: every ring counterclockwise seen from outside (normals outwards)
BOX_FACES = ((0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7))
SEMANTICS = {"surfaces": [{"type": "GroundSurface"}, {"type": "RoofSurface"}, {"type": "WallSurface"}],
             "values": [[0, 1, 2, 2, 2, 2]]}


@dataclass(frozen=True)
class Defect:
    requirement: str
    kind: str  # which objects can carry it: "solid", "part" (has a BuildingPart), "composite", "file"
    description: str


#: name -> the requirement it breaks, the kind of object it is planted on, what it changes
CITY_DEFECTS: dict[str, Defect] = {
    "schema": Defect("SC-CITY-001", "solid", "a Building's type misspelt (no City Object type matches)"),
    "vertex-index": Defect("SC-CITY-002", "solid", "a boundary index past the last vertex"),
    "link": Defect("SC-CITY-003", "solid", "a Building names a child that is not in the file"),
    "extent": Defect("SC-CITY-004", "solid", "a Building's geographicalExtent shifted 100 m east"),
    "crs": Defect("SC-CITY-005", "file", "metadata.referenceSystem names EPSG code 0 (codes are positive)"),
    "lod": Defect("SC-CITY-006", "file", "an extension object (+NoiseBarrier) with a MultiSurface at LoD 4"),
    "polygon": Defect("SC-CITY-007", "solid", "a roof corner raised 0.5 m (three faces not planar, val3dity 203)"),
    "shell": Defect("SC-CITY-008", "solid", "one wall's ring reversed (val3dity 307)"),
    "solid": Defect("SC-CITY-009", "solid", "every ring of a box reversed: normals inwards (val3dity 405)"),
    "composite": Defect("SC-CITY-012", "composite", "a CompositeSolid's upper box lifted 5 m (val3dity 503)"),
    "overlap": Defect("SC-CITY-013", "part", "a BuildingPart moved 2 m into its Building (val3dity 601)"),
}

BUILDING_DEFECTS: dict[str, Defect] = {
    "header": Defect("SC-BIM-001", "file", "FILE_SCHEMA names IFC4X3, a pre-release schema"),
    "globalid": Defect("SC-BIM-002", "wall", "a wall without its GlobalId"),
    "map-conversion": Defect("SC-BIM-003", "file", "no IfcMapConversion from the model's context"),
}


def _kind(i: int) -> str:
    return "part" if i % 10 == 0 else "composite" if i % 10 == 5 else "solid"


def placements(objects: int, defects: list[str], table: dict[str, Defect]) -> dict[int, str]:
    """Object index -> defect: defect k of d on the first object of its kind from k/(d+1) of
    the way through the file, never two on one object."""
    placed: dict[int, str] = {}
    positional = [d for d in defects if table[d].kind != "file"]
    for k, name in enumerate(positional):
        start = (k + 1) * objects // (len(positional) + 1)
        want = table[name].kind
        for step in range(objects):
            i = (start + step) % objects
            if i not in placed and (want == "wall" or _kind(i) == want):
                placed[i] = name
                break
        else:
            raise ValueError(f"--objects {objects} is too few to plant {name!r}: no free object of its kind")
    return placed


class _City:
    """Vertices (integer millimetres) and City Objects as they are built."""

    def __init__(self) -> None:
        self.vertices: list[list[int]] = []
        self.objects: dict[str, dict[str, object]] = {}

    def box(self, x: float, y: float, z: float, dx: float, dy: float, dz: float) -> list[list[list[int]]]:
        """A box's eight corners appended; its shell (six faces of one ring each)."""
        base = len(self.vertices)
        for cz in (z, z + dz):
            for cx, cy in ((x, y), (x + dx, y), (x + dx, y + dy), (x, y + dy)):
                self.vertices.append([round(cx * 1000), round(cy * 1000), round(cz * 1000)])
        return [[[base + v for v in face]] for face in BOX_FACES]

    def extent(self, boundaries: object) -> list[float]:
        used = sorted(set(_leaves(boundaries)))
        points = [self.vertices[i] for i in used if 0 <= i < len(self.vertices)]
        low = [min(p[a] for p in points) / 1000 + TRANSLATE[a] for a in range(3)]
        high = [max(p[a] for p in points) / 1000 + TRANSLATE[a] for a in range(3)]
        return [*low, *high]


def _leaves(node: object) -> Iterator[int]:
    if isinstance(node, list):
        for item in node:
            yield from _leaves(item)
    elif isinstance(node, int):
        yield node


def city_model(objects: int, defects: list[str], seed: int = 1) -> tuple[dict[str, object], list[tuple[str, str, str]]]:
    """A CityJSON 2.0 model of ``objects`` Buildings (and their BuildingParts) with ``defects``
    planted (built to be written as JSON: its members typed as built, not as parsed); and
    (defect, requirement, pointer) of each planted defect."""
    unknown = [d for d in defects if d not in CITY_DEFECTS]
    if unknown:
        raise ValueError(f"unknown defect {unknown[0]!r} (known: {', '.join(CITY_DEFECTS)})")
    placed = placements(objects, defects, CITY_DEFECTS)
    city = _City()
    planted: list[tuple[str, str, str]] = []
    width = max(1, math.ceil(math.sqrt(objects)))
    for i in range(objects):
        x, y = (i % width) * CELL, (i // width) * CELL
        height = 6.0 + (i * 7 + seed) % 5
        key = f"b{i}"
        defect = placed.get(i)
        obj: dict[str, object] = {"type": "Building", "attributes": {"storeys": int(height // 3), "seed": seed}}
        if _kind(i) == "composite":
            lift = 5.0 if defect == "composite" else 0.0
            lower = city.box(x, y, 0.0, 10.0, 8.0, height)
            upper = city.box(x, y, height + lift, 10.0, 8.0, 3.0)
            boundaries: list[list[list[list[list[int]]]]] | list[list[list[list[int]]]] = [[lower], [upper]]
            geometry: dict[str, object] = {"type": "CompositeSolid", "lod": "2.2", "boundaries": boundaries}
        else:
            shell = city.box(x, y, 0.0, 10.0, 8.0, height)
            if defect == "polygon":
                city.vertices[shell[1][0][0]][2] += 500  # a roof corner 0.5 m up
            elif defect == "shell":
                shell[2][0].reverse()
            elif defect == "solid":
                for face in shell:
                    face[0].reverse()
            boundaries = [shell]
            geometry = {"type": "Solid", "lod": "2.2", "boundaries": boundaries, "semantics": SEMANTICS}
        extent = city.extent(boundaries)
        obj["geographicalExtent"] = extent
        obj["geometry"] = [geometry]
        city.objects[key] = obj
        if _kind(i) == "part":
            shift = -2.0 if defect == "overlap" else 0.0
            part_shell = city.box(x + 10.0 + shift, y + 2.0, 0.0, 4.0, 4.0, 3.0)
            obj["children"] = [f"{key}-part"]
            city.objects[f"{key}-part"] = {
                "type": "BuildingPart", "parents": [key], "geographicalExtent": city.extent([part_shell]),
                "geometry": [{"type": "Solid", "lod": "2.2", "boundaries": [part_shell]}]}
        if defect == "schema":
            obj["type"] = "Bulding"
        elif defect == "vertex-index":
            shell[0][0][0] = 10 ** 9
        elif defect == "link":
            obj["children"] = [f"{key}-missing"]
        elif defect == "extent":
            extent[0] += 100.0
            extent[3] += 100.0
        if defect is not None:
            pointer = f"/CityObjects/{key}" + ("/geometry/0/boundaries" if defect in ("polygon", "shell", "solid",
                                                                                     "vertex-index", "composite")
                                                else "/geographicalExtent" if defect == "extent" else "")
            planted.append((defect, CITY_DEFECTS[defect].requirement, pointer))
    metadata: dict[str, object] = {"title": f"Synthetic city of {objects} buildings",
                                   "referenceSystem": CRS[:-4] + "0" if "crs" in defects else CRS}
    data: dict[str, object] = {"type": "CityJSON", "version": "2.0",
                               "transform": {"scale": [0.001, 0.001, 0.001], "translate": list(TRANSLATE)},
                               "metadata": metadata}
    if "crs" in defects:
        planted.append(("crs", "SC-CITY-005", "/metadata/referenceSystem"))
    if "lod" in defects:
        start = len(city.vertices)
        for cx, cy in ((0.0, -5.0), (30.0, -5.0), (30.0, -5.0), (0.0, -5.0)):
            city.vertices.append([round(cx * 1000), round(cy * 1000), 0])
        city.vertices[start + 2][2] = city.vertices[start + 3][2] = 3000
        city.objects["barrier-1"] = {"type": "+NoiseBarrier", "geometry": [
            {"type": "MultiSurface", "lod": "4", "boundaries": [[[start, start + 1, start + 2, start + 3]]]}]}
        data["extensions"] = {"Noise": {"url": "https://www.cityjson.org/extensions/noise.ext.json", "version": "2.0"}}
        planted.append(("lod", "SC-CITY-006", "/CityObjects/barrier-1/geometry/0/lod"))
    metadata["geographicalExtent"] = city.extent(list(range(len(city.vertices))))

    data["CityObjects"] = city.objects
    data["vertices"] = city.vertices
    return data, planted


VERTEX_SLICE = 50_000  # vertices serialised at a time by write_city


def write_city(out: BinaryIO, objects: int, defects: list[str], seed: int = 1, *,
               sequence: bool = False) -> list[tuple[str, str, str]]:
    """The model's compact JSON (the bytes of ``orjson.dumps`` of it), written member by member,
    City Object by City Object and vertices a slice at a time: orjson 3.13 crashes (SIGSEGV)
    serialising a 100 MB model in one call, and one call holds its whole text besides. With
    ``sequence``, the same model as a CityJSONSeq (``.city.jsonl``), a line at a time."""
    data, planted = city_model(objects, defects, seed)
    if sequence:
        from .cityjson_seq import lines  # (NumPy: only when a sequence is written)

        for line in lines(data):
            out.write(line + b"\n")
        return planted
    out.write(b"{")
    for n, (key, value) in enumerate(data.items()):
        out.write((b"," if n else b"") + orjson.dumps(key) + b":")
        if key == "CityObjects" and isinstance(value, dict):
            out.write(b"{")
            for m, (name, obj) in enumerate(value.items()):
                out.write((b"," if m else b"") + orjson.dumps(name) + b":" + orjson.dumps(obj))
            out.write(b"}")
        elif key == "vertices" and isinstance(value, list):
            out.write(b"[")

            for start in range(0, len(value), VERTEX_SLICE):
                out.write((b"," if start else b"") + orjson.dumps(value[start:start + VERTEX_SLICE])[1:-1])
            out.write(b"]")
        else:
            out.write(orjson.dumps(value))
    out.write(b"}")
    return planted


# --- building models (IFC4) ---

_IFC64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$"
_HEADER = """ISO-10303-21;
HEADER;
FILE_DESCRIPTION(('ViewDefinition[DesignTransferView]'),'2;1');
FILE_NAME('{name}','2026-11-24T00:00:00+00:00',(''),(''),'conformance generate building','','');
FILE_SCHEMA(('{schema}'));
ENDSEC;
DATA;
#1=IFCPROJECT('{g1}',$,'Synthetic building',$,$,$,$,(#10),#5);
#2=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
#3=IFCSIUNIT(*,.AREAUNIT.,$,.SQUARE_METRE.);
#4=IFCSIUNIT(*,.VOLUMEUNIT.,$,.CUBIC_METRE.);
#5=IFCUNITASSIGNMENT((#2,#3,#4));
#6=IFCCARTESIANPOINT((0.,0.,0.));
#7=IFCDIRECTION((0.,0.,1.));
#8=IFCDIRECTION((1.,0.,0.));
#9=IFCAXIS2PLACEMENT3D(#6,#7,#8);
#10=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#9,$);
#11=IFCGEOMETRICREPRESENTATIONSUBCONTEXT('Body','Model',*,*,*,*,#10,$,.MODEL_VIEW.,$);
#12=IFCSITE('{g2}',$,'Site',$,$,#20,$,$,$,$,$,$,$,$);
#13=IFCBUILDING('{g3}',$,'Building',$,$,#21,$,$,$,$,$,$);
#14=IFCBUILDINGSTOREY('{g4}',$,'Ground floor',$,$,#22,$,$,$,$);
#15=IFCRELAGGREGATES('{g5}',$,$,$,#1,(#12));
#16=IFCRELAGGREGATES('{g6}',$,$,$,#12,(#13));
#17=IFCRELAGGREGATES('{g7}',$,$,$,#13,(#14));
#20=IFCLOCALPLACEMENT($,#9);
#21=IFCLOCALPLACEMENT(#20,#9);
#22=IFCLOCALPLACEMENT(#21,#9);
#23=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);
#24=IFCPROJECTEDCRS('EPSG:4547','CGCS2000 / 3-degree Gauss-Kruger CM 114E','CGCS2000',$,'Transverse Mercator',\
'CM 114E',#23);
"""
_MAP = "#25=IFCMAPCONVERSION(#10,#24,553500.,3379200.,0.,1.,0.,0.001);\n"
WALL_LINES = 11  # entity instances per wall


def guid(n: int) -> str:
    """A 22-character IFC GlobalId, unique per ``n`` (first character 0-3, as compressed UUIDs)."""
    chars = []
    for _ in range(21):
        n, r = divmod(n, 64)
        chars.append(_IFC64[r])
    return "0" + "".join(reversed(chars))


def write_building(out: BinaryIO, objects: int, defects: list[str], seed: int = 1,
                   name: str = "building.ifc") -> list[tuple[str, str, str]]:
    """An IFC4 model of ``objects`` walls on one storey, written line by line (a 100 MB model
    never held in memory); (defect, requirement, place) of each planted defect."""
    unknown = [d for d in defects if d not in BUILDING_DEFECTS]
    if unknown:
        raise ValueError(f"unknown defect {unknown[0]!r} (known: {', '.join(BUILDING_DEFECTS)})")
    placed = placements(objects, defects, BUILDING_DEFECTS)
    planted: list[tuple[str, str, str]] = []
    schema = "IFC4X3" if "header" in defects else "IFC4"
    if "header" in defects:
        planted.append(("header", "SC-BIM-001", "FILE_SCHEMA"))
    out.write(_HEADER.format(name=name, schema=schema, **{f"g{k}": guid(seed * 10 ** 9 + k) for k in range(1, 8)})
              .encode())
    if "map-conversion" in defects:
        planted.append(("map-conversion", "SC-BIM-003", "IfcMapConversion"))
    else:
        out.write(_MAP.encode())
    width = max(1, math.ceil(math.sqrt(objects)))
    walls = []
    chunk: list[str] = []
    for i in range(objects):
        n = 100 + i * WALL_LINES
        walls.append(n)
        x, y = (i % width) * 6000, (i // width) * 1000
        length = 5000 + (i * 37 + seed) % 1000
        gid = "$" if placed.get(i) == "globalid" else f"'{guid(seed * 10 ** 12 + i)}'"
        if placed.get(i) == "globalid":
            planted.append(("globalid", "SC-BIM-002", f"#{n}=IFCWALL"))
        chunk.append(
            f"#{n}=IFCWALL({gid},$,'Wall {i}',$,$,#{n + 10},#{n + 9},$,.STANDARD.);\n"
            f"#{n + 1}=IFCCARTESIANPOINTLIST2D(((0.,0.),(0.,200.),({length}.,200.),({length}.,0.),(0.,0.)));\n"
            f"#{n + 2}=IFCINDEXEDPOLYCURVE(#{n + 1},$,.F.);\n"
            f"#{n + 3}=IFCARBITRARYCLOSEDPROFILEDEF(.AREA.,$,#{n + 2});\n"
            f"#{n + 4}=IFCCARTESIANPOINT(({x}.,{y}.,0.));\n"
            f"#{n + 5}=IFCAXIS2PLACEMENT3D(#{n + 4},#7,#8);\n"
            f"#{n + 6}=IFCAXIS2PLACEMENT3D(#6,#7,#8);\n"
            f"#{n + 7}=IFCEXTRUDEDAREASOLID(#{n + 3},#{n + 6},#7,3000.);\n"
            f"#{n + 8}=IFCSHAPEREPRESENTATION(#11,'Body','SweptSolid',(#{n + 7}));\n"
            f"#{n + 9}=IFCPRODUCTDEFINITIONSHAPE($,$,(#{n + 8}));\n"
            f"#{n + 10}=IFCLOCALPLACEMENT(#22,#{n + 5});\n")
        if len(chunk) >= 1000:
            out.write("".join(chunk).encode())
            chunk = []
    out.write("".join(chunk).encode())
    members = ",".join(f"#{n}" for n in walls)
    out.write(f"#30=IFCRELCONTAINEDINSPATIALSTRUCTURE('{guid(seed * 10 ** 9 + 8)}',$,$,$,({members}),#14);\n"
              "ENDSEC;\nEND-ISO-10303-21;\n".encode())
    return planted
