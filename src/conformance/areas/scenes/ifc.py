"""Building information models as IFC files (ISO 16739-1: IFC4 ADD2 TC1, IFC4.3 ADD2).

An IFC file is an ISO 10303-21 (STEP physical file) exchange structure. Its header names the
schema (``FILE_SCHEMA``), which :func:`header` reads without any library, so SC-BIM-001 runs
everywhere. The model itself is read by IfcOpenShell (PyPI ``ifcopenshell``, the ``bim``
extra): :func:`schema_issues` is ``ifcopenshell.validate`` with EXPRESS where-rules, as
buildingSMART's validation service runs it; :func:`georeference` looks for the coordinate
operation and projected CRS that place the model in a city twin. Where IfcOpenShell is not
installed, :func:`open_model` raises :class:`NotInstalled` (the requirement is ``inconclusive``,
its message naming the install command).

A run reads each model once (issue 48): :func:`run_model` keeps the opened model with the run's
file target (``files.derived``), so that the requirements that judge a model (SC-BIM-002, -003,
-004, -006 to -010) share one ``ifcopenshell.open`` of it and one copy of it in memory, and
:func:`head` reads each file once a run and keeps only its header section for the checks that
judge the header (SC-BIM-001, -005 and the choice of view tests), where each of them read the
whole file before.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance import Finding, Inconclusive, msg

from . import ifc_rules

#: The schema identifiers of the official IFC releases buildingSMART's validation service
#: accepts (its rule IFC101): IFC2X3 TC1, IFC4 ADD2 TC1, IFC4.3 ADD2.
OFFICIAL_SCHEMAS = ("IFC2X3", "IFC4", "IFC4X3_ADD2")
SUFFIXES = {".ifc"}
INSTALL = 'pip install "metaverse-conformance[bim]"'
HEADER_BYTES = 64 * 1024  # the header section comes first; a safety cap, not a requirement
_FILE_SCHEMA = re.compile(rb"FILE_SCHEMA\s*\(\s*\(\s*(?P<names>[^)]*)\)\s*\)\s*;", re.IGNORECASE)
_NAME = re.compile(rb"'([^']*)'")
#: the models a run keeps open at once, by the total size of their files: past it the model
#: opened first is let go (and opened again by a later test that needs it), so a target of many
#: large files holds a few in memory, not all of them (an opened model takes about 30 times
#: its file's size)
KEEP_BYTES = 256 << 20


class NotInstalled(RuntimeError):
    """IfcOpenShell is not installed here; the message says how to install it."""


@dataclass(frozen=True)
class IfcFile:
    path: Path
    name: str


def ifc_files(files: Any) -> list[IfcFile]:
    """The .ifc files of a file target; none makes the test inconclusive."""
    found = [IfcFile(p, files.display_name(p)) for p in files.files() if p.suffix.lower() in SUFFIXES]
    if not found:
        raise Inconclusive(msg("scenes.no-ifc"))
    return found


def header(data: bytes) -> tuple[list[Finding], str | None]:
    """SC-BIM-001: an ISO 10303-21 file whose header's FILE_SCHEMA names exactly one official
    IFC schema; returns the findings and the schema identifier."""
    # a byte order mark is refused, as buildingSMART's validation service refuses it
    head = data[:HEADER_BYTES].lstrip(b" \t\r\n")
    if not head.startswith(b"ISO-10303-21;"):
        return [Finding.of(msg("scenes.ifc-not-step"), line=1, actual=head[:20].decode("latin-1"),
                           expected="ISO-10303-21;", rule="step-file")], None
    match = _FILE_SCHEMA.search(head)
    if match is None:
        return [Finding.of(msg("scenes.ifc-no-file-schema"), rule="file-schema")], None
    names = [n.decode("latin-1").strip() for n in _NAME.findall(match["names"])]
    line = head[:match.start()].count(b"\n") + 1
    if len(names) != 1 or names[0].upper() not in OFFICIAL_SCHEMAS:
        return [Finding.of(msg("scenes.ifc-schema-unknown", names=", ".join(names) or "-"), line=line,
                           actual=names, expected=list(OFFICIAL_SCHEMAS), rule="official-schema")], None
    return [], names[0].upper()


def head(files: Any, path: Path) -> bytes:
    """The first :data:`HEADER_BYTES` of the file, which hold the header section every header
    check reads (:func:`header`, ``ifc_views``). The file is read through ``files.read_bytes``
    once a run, so a file the target refuses (not a regular file, over its ``max_file_bytes``)
    is the target's own finding in every test that asks, as before; only its head is kept with
    the target, keyed by the file's identity."""
    derived = getattr(files, "derived", None)
    try:
        stat = path.stat()
        key: tuple[Any, ...] | None = ("ifc-head", str(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = None  # read_bytes says what is wrong with it
    if derived is not None and key is not None and key in derived:
        return derived[key]
    data = files.read_bytes(path)[:HEADER_BYTES]
    if derived is not None and key is not None:
        derived[key] = data
    return data


def _ifcopenshell() -> Any:
    try:
        import ifcopenshell
        import ifcopenshell.validate  # noqa: F401  (the submodule is used through the package)
    except ImportError:
        raise NotInstalled(msg("scenes.ifcopenshell-not-installed", command=INSTALL)) from None
    return ifcopenshell


def version() -> str:
    return str(getattr(_ifcopenshell(), "version", "?"))


def open_model(path: Path) -> Any:
    """The model as an ``ifcopenshell.file``; raises ValueError with the reader's reason where
    the file cannot be read, NotInstalled where IfcOpenShell is not installed."""
    ifcopenshell = _ifcopenshell()
    try:
        return ifcopenshell.open(str(path))
    except Exception as exc:  # noqa: BLE001  (the reader raises its own error types; the text is the evidence)
        raise ValueError(f"{type(exc).__name__}: {exc}") from None


def run_model(files: Any, path: Path) -> Any:
    """:func:`open_model` of the file, once a run: the model is kept with the run's file target
    (``files.derived``), keyed by the file's identity (device, inode, size, modification time),
    so every requirement judges the same model and a file changed meanwhile is read again. Only
    :data:`KEEP_BYTES` of files are kept open at once. A file that cannot be read is not kept:
    each test that asks records its own finding."""
    derived = getattr(files, "derived", None)
    if derived is None:
        return open_model(path)
    try:
        stat = path.stat()
    except OSError:
        return open_model(path)  # gone meanwhile: the reader says so
    key = (str(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    kept: OrderedDict[tuple[Any, ...], Any] = derived.setdefault("ifc-models", OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    model = open_model(path)
    kept[key] = model
    while len(kept) > 1 and sum(k[3] for k in kept) > KEEP_BYTES:
        kept.popitem(last=False)
    return model


def schema_issues(model: Any) -> list[Finding]:
    """SC-BIM-002: ``ifcopenshell.validate`` (entity attributes, types, cardinalities, inverse
    attributes and the EXPRESS where-rules) on the model, one finding per statement."""
    validate = _ifcopenshell().validate
    ifc_rules.install()  # the where-rules module is compiled once per process, not per call (issue 31)
    logger = validate.json_logger()
    validate.validate(model, logger, express_rules=True)
    found = []
    for statement in logger.statements:
        if statement.get("level", "error") != "error":
            continue
        instance = statement.get("instance")
        where = f"#{instance.id()}" if hasattr(instance, "id") else None
        text = str(statement.get("message", "")).strip().splitlines()[0][:200]
        attribute = statement.get("attribute")
        found.append(Finding.of(msg("scenes.ifc-schema-issue", message=f"{attribute}: {text}" if attribute else text),
                                pointer=where, rule=str(statement.get("type") or "schema"),
                                actual=str(attribute) if attribute else None))
    return found


def georeference(model: Any) -> tuple[list[Finding], str | None]:
    """SC-BIM-003: the model is placed in a projected CRS: an ``IfcProjectedCRS`` with a name,
    the target of a coordinate operation (``IfcMapConversion``, or ``IfcRigidOperation`` in
    IFC4.3) whose source is a geometric representation context of the model; returns the
    findings and the CRS name."""
    schema = str(getattr(model, "schema", ""))
    if schema.upper() == "IFC2X3":
        return [Finding.of(msg("scenes.ifc-2x3-no-georeference"), rule="crs")], None
    crss = [c for c in model.by_type("IfcProjectedCRS")]
    if not crss:
        return [Finding.of(msg("scenes.ifc-no-crs"), expected="IfcProjectedCRS", rule="crs")], None
    found = []
    operations = [op for op in model.by_type("IfcCoordinateOperation")]
    placing = [op for op in operations if op.TargetCRS is not None and op.TargetCRS.is_a("IfcProjectedCRS")
               and op.SourceCRS is not None and op.SourceCRS.is_a("IfcGeometricRepresentationContext")]
    if not placing:
        found.append(Finding.of(msg("scenes.ifc-no-map-conversion"), expected="IfcMapConversion",
                                actual=sorted({op.is_a() for op in operations}) or None, rule="map-conversion"))
    target = placing[0].TargetCRS if placing else crss[0]
    if not target.Name:
        found.append(Finding.of(msg("scenes.ifc-crs-unnamed"), pointer=f"#{target.id()}", rule="crs-name"))
    return found, target.Name
