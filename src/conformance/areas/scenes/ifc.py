"""Building information models as IFC files (ISO 16739-1: IFC4 ADD2 TC1, IFC4.3 ADD2).

An IFC file is an ISO 10303-21 (STEP physical file) exchange structure. Its header names the
schema (``FILE_SCHEMA``), which :func:`header` reads without any library, so SC-BIM-001 runs
everywhere. The model itself is read by IfcOpenShell (PyPI ``ifcopenshell``, the ``bim``
extra): :func:`schema_issues` is ``ifcopenshell.validate`` with EXPRESS where-rules, as
buildingSMART's validation service runs it; :func:`georeference` looks for the coordinate
operation and projected CRS that place the model in a city twin. Where IfcOpenShell is not
installed, :func:`model_of` raises :class:`NotInstalled`; the checks then end as an error of the
run (:func:`not_run`: the case is not run, 6.1's 未执行, never a verdict on the implementation;
sixty-fifth reading, c2), its message naming the install command.

IfcOpenShell's reader logs what it finds wrong while it parses (a reference to an instance the
file does not hold, an enumeration literal outside its list), which ``ifcopenshell.validate``
sees only when it opens the file itself: :func:`model_of` reads that log as it parses the
file (:func:`parse_errors`, SC-BIM-002's findings), and a file the reader cannot parse at all is
:class:`NotStep` with the line of each error (SC-BIM-001's finding; issue 71).

A run reads each model once (issue 48): :func:`run_model` keeps the opened model with the run's
file target (``files.derived``), so that the requirements that judge a model (SC-BIM-002, -003,
-004, -006 to -010) share one read and parse of it and one copy of it in memory, and
:func:`head` reads each file once a run and keeps only its header section for the checks that
judge the header (SC-BIM-001, -005 and the choice of view tests), where each of them read the
whole file before.
"""

from __future__ import annotations

import json
import re
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from conformance import Finding, Inconclusive, NotRun, msg
from conformance.area import install_hint, opened, readable

from . import ifc_rules
from .ifc_types import Model, ReadModel, is_entity

if TYPE_CHECKING:
    from conformance import FileTarget

#: The schema identifiers of the official IFC releases buildingSMART's validation service
#: accepts (its rule IFC101): IFC2X3 TC1, IFC4 ADD2 TC1, IFC4.3 ADD2.
OFFICIAL_SCHEMAS = ("IFC2X3", "IFC4", "IFC4X3_ADD2")
SUFFIXES = {".ifc"}
INSTALL = install_hint("bim")
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


def not_run(exc: NotInstalled) -> NotRun:
    """Test equipment without IfcOpenShell has not run the case: an error of the run (6.1's 未执行), never a
    verdict on the implementation (sixty-fifth reading, c2), as the cloud-rendering checks do without a decoder."""
    return NotRun(msg("scenes.ifc-not-run", reason=str(exc)))


@dataclass(frozen=True)
class IfcFile:
    path: Path
    name: str


def ifc_files(files: FileTarget) -> list[IfcFile]:
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
                           expected="ISO-10303-21;", rule="R1", check="step-file")], None
    match = _FILE_SCHEMA.search(head)
    if match is None:
        return [Finding.of(msg("scenes.ifc-no-file-schema"), rule="R2", check="file-schema")], None
    names = [n.decode("latin-1").strip() for n in _NAME.findall(match["names"])]
    line = head[:match.start()].count(b"\n") + 1
    if len(names) != 1 or names[0].upper() not in OFFICIAL_SCHEMAS:
        return [Finding.of(msg("scenes.ifc-schema-unknown", names=", ".join(names) or "-"), line=line,
                           actual=names, expected=list(OFFICIAL_SCHEMAS), rule="R2", check="official-schema")], None
    return [], names[0].upper()


def head(files: FileTarget, path: Path) -> bytes | None:
    """The first :data:`HEADER_BYTES` of the file, which hold the header section every header
    check reads (:func:`header`, ``ifc_views``), or None for a file the test equipment refuses to
    open (not a regular file, a link outside its folder): left unjudged on the running test's
    evidence (``opened``), never a finding, since its content was not obtained. Only the head is
    read, so a model of any size has one (the model itself is read within ``max_file_bytes``,
    :func:`run_model`); it is kept with the target, keyed by the file's identity, and a refusal is recorded anew in
    every test that asks."""
    derived = getattr(files, "derived", None)
    try:
        stat = path.stat()
        key: tuple[str | int, ...] | None = ("ifc-head", str(path), stat.st_dev, stat.st_ino, stat.st_size,
                                             stat.st_mtime_ns)
    except OSError:
        key = None  # opening it says what is wrong with it
    if derived is not None and key is not None and key in derived:
        return derived[key]
    stream = opened(files, path)
    if stream is None:
        return None
    with stream:
        data = stream.read(HEADER_BYTES)
    if derived is not None and key is not None:
        derived[key] = data
    return data


def _ifcopenshell() -> ModuleType:
    try:
        import ifcopenshell
        import ifcopenshell.validate  # noqa: F401  (the submodule is used through the package)
    except ImportError:
        raise NotInstalled(msg("scenes.ifcopenshell-not-installed", command=INSTALL)) from None
    return ifcopenshell


def version() -> str:
    return str(getattr(_ifcopenshell(), "version", "?"))


@dataclass(frozen=True)
class ParseError:
    """One error IfcOpenShell's reader logged while parsing: its text, the line of the file it
    points at (from the byte offset it names) and the instance it names, where it does."""

    message: str
    line: int | None = None
    instance: int | None = None


class NotStep(ValueError):
    """The reader could not parse the file as an ISO 10303-21 exchange structure."""

    def __init__(self, errors: list[ParseError], reason: str) -> None:
        first = errors[0]
        super().__init__(f"line {first.line}: {first.message}" if first.line else first.message or reason)
        self.errors = errors


_OFFSET = re.compile(r"\s*at offset (\d+)\s*")
_INSTANCE = re.compile(r"(?:used by |for )instance #(\d+)")
#: the messages ifcopenshell.validate takes from the reader's log when it opens a file itself
#: (log_internal_cpp_errors): those naming an offset, an instance or a header entity, whatever
#: their level (it logs each as an error: the reader's warning "Expected 3 attribute values,
#: found 4 for instance #98" makes the file invalid); the others restate what the schema check
#: finds (a value read where the schema asks another type)
_PLACED = re.compile(r"at offset \d+|for instance #\d+|used by instance #\d+|for header entity \w+")
#: the errors the reader logged while opening each model (parse_errors)
_PARSED: weakref.WeakKeyDictionary[Model, list[ParseError]] = weakref.WeakKeyDictionary()


def _lines_at(data: bytes, offsets: list[int]) -> dict[int, int]:
    """The 1-based line of each byte offset of the bytes the reader parsed."""
    return {offset: data.count(b"\n", 0, offset) + 1 for offset in set(offsets)}


def _logged(data: bytes, log: str, levels: tuple[str, ...] | None = None) -> list[ParseError]:
    """The placed messages in the reader's log (one JSON object a line) of the given levels (all
    where None), each with its line and instance."""
    entries = []
    for text in log.splitlines():
        try:
            entry = json.loads(text)
        except ValueError:
            continue
        if (isinstance(entry, dict) and (levels is None or entry.get("level") in levels)
                and _PLACED.search(str(entry.get("message")))):
            entries.append(str(entry.get("message", "")))
    offsets = [int(m[1]) for m in map(_OFFSET.search, entries) if m]
    lines = _lines_at(data, offsets) if offsets else {}
    found = []
    for message in entries:
        offset, instance = _OFFSET.search(message), _INSTANCE.search(message)
        found.append(ParseError(_OFFSET.sub(" ", message).strip()[:240],
                                lines.get(int(offset[1])) if offset else None,
                                int(instance[1]) if instance else None))
    return found


def model_of(data: bytes) -> Model:
    """The model an IFC file's bytes hold, as an ``ifcopenshell.file``, with the errors its reader
    logged while parsing (:func:`parse_errors`); raises :class:`NotStep` where the reader cannot
    parse the file, ValueError with the reader's reason where it cannot read it otherwise (a schema
    it does not have), NotInstalled where IfcOpenShell is not installed. Parsed from the bytes the
    target's reader gave (``readable``: within ``max_file_bytes``), not opened again by path; the
    reader takes text: an ISO 10303-21 file is ASCII, UTF-8 passes through unchanged, other bytes
    are read as Latin-1 (the offsets it logs are then of their UTF-8 form, which holds the same lines)."""
    ifcopenshell = _ifcopenshell()
    wrapper = ifcopenshell.ifcopenshell_wrapper
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        data = text.encode("utf-8")  # the bytes the reader parses, for the lines of its offsets
    ifcopenshell.get_log()  # empties the reader's log: what follows is this file's
    wrapper.set_log_format_json()
    try:
        read: ReadModel = ifcopenshell.file.from_string(text)
        read.post_init()  # as ifcopenshell.open does after reading
        failed = _open_failure(ifcopenshell, read)
        if failed is not None:
            errors = _logged(data, ifcopenshell.get_log(), levels=("error",))  # what stopped the parse
            if errors and not failed.startswith("SchemaError"):
                raise NotStep(errors, failed)
            raise ValueError(failed)
        model: Model = read
        _PARSED[model] = _logged(data, ifcopenshell.get_log())
    finally:
        wrapper.set_log_format_text()  # the reader's default, as before
    return model


def _open_failure(ifcopenshell: ModuleType, model: ReadModel) -> str | None:
    """Why the reader could not read ``model`` (its status), in the words ``ifcopenshell.open``
    raises for it; None where it read the file."""
    if model.good():
        return None
    status = ifcopenshell.ifcopenshell_wrapper.file_open_status
    found = model.good().value()
    if found == status.UNSUPPORTED_SCHEMA:  # the header read: its schema names exist
        return "SchemaError: Unsupported schema: " + ",".join(model.header.file_schema.schema_identifiers or ())
    return {
        status.READ_ERROR: "OSError: Unable to open file for reading",
        status.NO_HEADER: "Error: Unable to parse IFC SPF header",
        status.INVALID_SYNTAX: "Error: Syntax error during parse, check logs",
    }.get(found, "Error: the reader could not read the file")


def _read_model(files: FileTarget, path: Path) -> Model | None:
    """:func:`model_of` the file's bytes, read through the target; None once it is refused (run_model)."""
    try:
        data = readable(files, path)
    except OSError as exc:  # gone or unreadable meanwhile: the model's requirements say so
        raise ValueError(f"{type(exc).__name__}: {exc}") from None
    return None if data is None else model_of(data)


def parse_errors(model: Model) -> list[ParseError]:
    """What the reader logged while parsing ``model`` (model_of)."""
    return _PARSED.get(model, [])


def syntax_findings(error: NotStep) -> list[Finding]:
    """SC-BIM-001 R3: the file is not an ISO 10303-21 exchange structure its reader parses."""
    return [Finding.of(msg("scenes.ifc-step-syntax", message=e.message), line=e.line, rule="R3",
                       pointer=f"#{e.instance}" if e.instance else None) for e in error.errors]


def run_model(files: FileTarget, path: Path) -> Model | None:
    """:func:`model_of` the file, once a run: the model is kept with the run's file target
    (``files.derived``), keyed by the file's identity (device, inode, size, modification time),
    so every requirement judges the same model and a file changed meanwhile is read again. Only
    :data:`KEEP_BYTES` of files are kept open at once. A file that cannot be read is not kept:
    each test that asks records its own finding. The file is read through the target
    (``readable``): one the test equipment refuses (over ``max_file_bytes``, not a regular file,
    a link outside its folder) is None, left unjudged on the running test's evidence, never a
    finding, since its content was not obtained; one gone meanwhile is ValueError naming why."""
    derived = getattr(files, "derived", None)
    if derived is None:
        return _read_model(files, path)
    try:
        stat = path.stat()
    except OSError:
        return _read_model(files, path)  # gone meanwhile: the reader says so
    key = (str(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    #: (path, device, inode, size, modification time) -> the model
    kept: OrderedDict[tuple[str, int, int, int, int], Model] = derived.setdefault("ifc-models", OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    model = _read_model(files, path)
    if model is None:
        return None
    kept[key] = model
    while len(kept) > 1 and sum(k[3] for k in kept) > KEEP_BYTES:
        kept.popitem(last=False)
    return model


def schema_issues(model: Model) -> list[Finding]:
    """SC-BIM-002: ``ifcopenshell.validate`` (entity attributes, types, cardinalities, inverse
    attributes and the EXPRESS where-rules) on the model, one finding per statement."""
    validate = _ifcopenshell().validate
    ifc_rules.install()  # the where-rules module is compiled once per process, not per call (issue 31)
    # what the reader logged while parsing: validate sees it only when it opens the file itself
    found = [Finding.of(msg("scenes.ifc-parse-issue", message=e.message), line=e.line, check="parse",
                        pointer=f"#{e.instance}" if e.instance else None) for e in parse_errors(model)]
    logger = validate.json_logger()
    validate.validate(model, logger, express_rules=True)
    for statement in logger.statements:
        if statement.get("level", "error") != "error":
            continue
        instance = statement.get("instance")
        where = f"#{instance.id()}" if hasattr(instance, "id") else None
        text = said(str(statement.get("message", "")))
        attribute = statement.get("attribute")
        found.append(Finding.of(msg("scenes.ifc-schema-issue", message=f"{attribute}: {text}" if attribute else text),
                                pointer=where, check=str(statement.get("type") or "schema"),
                                actual=str(attribute) if attribute else None))
    return found


#: the labels ifcopenshell.validate puts before the instance it echoes (indented below, with a
#: caret line under the value), which the finding's pointer names
_ECHO_LABELS = ("For instance:", "On instance:")
#: how a statement begins when its first line says nothing of what is wrong
_LEADS = (*_ECHO_LABELS, "With attribute:")
_CARETS = re.compile(r"^\s*\^[\s^]*$")


def said(message: str) -> str:
    """What a statement of ifcopenshell.validate says, on one line. A statement that begins with
    its statement (a where-rule's expression, "Attribute not optional") is its first line; one
    that begins by echoing the instance or attribute ("For instance:" before a value of the wrong
    type) or the attribute's type ("With attribute:") is its text on one line, without the echoed
    instance and the caret under it: its first line alone said nothing of what was wrong (issue 71)."""
    lines = message.strip().splitlines()
    if not lines or lines[0].strip() not in _LEADS:
        return (lines[0] if lines else "")[:200]
    kept: list[str] = []
    echo = False
    for line in lines:
        if line.strip() in _ECHO_LABELS:
            echo = True
        elif (echo and line[:1].isspace()) or _CARETS.match(line):
            continue
        else:
            echo = False
            if line.strip():
                kept.append(line.strip())
    text = " ".join(kept) or message.strip()
    return text[:240]


def georeference(model: Model) -> tuple[list[Finding], str | None]:
    """SC-BIM-003: the model is placed in a projected CRS: an ``IfcProjectedCRS`` with a name,
    the target of a coordinate operation (``IfcMapConversion``, or ``IfcRigidOperation`` in
    IFC4.3) whose source is a geometric representation context of the model; returns the
    findings and the CRS name."""
    schema = str(getattr(model, "schema", ""))
    if schema.upper() == "IFC2X3":
        return [Finding.of(msg("scenes.ifc-2x3-no-georeference"), rule="R1")], None
    crss = [c for c in model.by_type("IfcProjectedCRS")]
    if not crss:
        return [Finding.of(msg("scenes.ifc-no-crs"), expected="IfcProjectedCRS", rule="R1")], None
    found = []
    operations = [op for op in model.by_type("IfcCoordinateOperation")]
    placing = [op for op in operations if _is(op.TargetCRS, "IfcProjectedCRS")
               and _is(op.SourceCRS, "IfcGeometricRepresentationContext")]
    if not placing:
        found.append(Finding.of(msg("scenes.ifc-no-map-conversion"), expected="IfcMapConversion",
                                actual=sorted({op.is_a() for op in operations}) or None, rule="R2"))
    given = placing[0].TargetCRS if placing else crss[0]
    target = given if is_entity(given) else crss[0]  # (placing: its TargetCRS is one)
    name = target.Name
    if not name:
        found.append(Finding.of(msg("scenes.ifc-crs-unnamed"), pointer=f"#{target.id()}", rule="R3"))
    return found, name if isinstance(name, str) or name is None else str(name)


def _is(value: object, kind: str) -> bool:
    """``value`` is an entity of class ``kind`` (or a subclass)."""
    return is_entity(value) and value.is_a(kind)

