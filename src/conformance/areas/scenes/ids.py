"""Information requirements of building models: buildingSMART IDS 1.0 (Information Delivery
Specification), checked with ifctester (IfcOpenShell's IDS auditor, the ``bim`` extra).

An IDS file is the programme's input, not the product's output: a malformed one is bad input
to the harness (:func:`check_documents`, called before the first test through the scenes
area's ``conformance_run_surroundings``; one line, exit 2). It is judged against the IDS 1.0
XML Schema vendored in ``ids/`` beside this module (its commit and SHA-256 in
``ids/SOURCES.md``), parsed with entities forbidden and nothing fetched (xmlschema's
``defuse="always"``, ``allow="none"``), and read through the file target's bounded read.
:func:`audit` runs every specification of every IDS on an IFC model and returns a finding per
specification that fails, naming it and its failing entities.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TypeGuard

from conformance import Finding, HarnessInputError, Inconclusive, NonConformance, msg

from .ifc import INSTALL
from .ifc_types import Entity, Model

if TYPE_CHECKING:
    import xmlschema
    from ifctester.ids import Ids

    from conformance import FileTarget
    from conformance.area import RunContext

XSD = Path(__file__).with_name("ids") / "ids.xsd"
ROLE = "information_requirements"
SUFFIXES = {".ids", ".xml"}
MAX_ENTITIES = 10  # failing entities named in one finding; the rest are counted
NAMESPACE = "http://standards.buildingsmart.org/IDS"


@dataclass(frozen=True)
class IdsFile:
    path: Path
    name: str
    text: str


def _xmlschema() -> ModuleType:
    try:
        import xmlschema
    except ImportError:
        raise Inconclusive(msg("scenes.ifctester-not-installed", command=INSTALL)) from None
    return xmlschema


@cache
def _schema() -> xmlschema.XMLSchemaBase:
    # allow="local": the schema's imports of the XML and XSD namespaces resolve to xmlschema's
    # bundled copies, never to www.w3.org
    return _xmlschema().XMLSchema(str(XSD), allow="local")


def problems(data: bytes) -> list[tuple[str, str]]:
    """(where, what) of an IDS document against the IDS 1.0 schema: not XML, an entity
    declared (refused, not expanded), or a schema error; empty when valid."""
    xmlschema = _xmlschema()
    try:
        resource = xmlschema.XMLResource(data, defuse="always", allow="none")
        errors = list(_schema().iter_errors(resource))
    except Exception as exc:  # noqa: BLE001  (parser and resource errors alike: the reason is the message)
        return [("document", f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")]
    found = []
    for error in errors[:5]:
        reason = (error.reason or str(error)).splitlines()[0][:200]
        found.append((error.path or "document", reason))
    return found


def ids_files(files: FileTarget) -> list[IdsFile]:
    """The IDS files of the programme's target, each read through its bounded read and
    checked against the IDS 1.0 schema: a malformed one raises HarnessInputError."""
    found = []
    for path in files.files():
        if path.suffix.lower() not in SUFFIXES:
            continue
        name = files.display_name(path)
        try:
            data = files.read_bytes(path)
        except NonConformance as exc:
            raise HarnessInputError(name, str(exc), "give an IDS file within the target's max_file_bytes") from None
        wrong = problems(data)
        if wrong:
            where, what = wrong[0]
            raise HarnessInputError(f"{name} at {where}", f"not a valid IDS 1.0 document: {what}",
                                    f"correct it against the IDS 1.0 schema, {NAMESPACE}/1.0/ids.xsd")
        found.append(IdsFile(path, name, data.decode("utf-8")))
    return found


def check_documents(run: RunContext) -> None:
    """Before the first test of a run that judges SC-BIM-004: every IDS file of the
    programme's target is a valid IDS 1.0 document (HarnessInputError, exit 2, otherwise).
    Where xmlschema is not installed the requirement is inconclusive in its test instead."""
    target = run.targets.get(ROLE)
    if not _file_target(target) or "SC-BIM-004" not in run.selected:
        return  # (the profile binds the role to a file target)
    try:
        ids_files(target)
    except Inconclusive:
        return


def _file_target(target: object) -> TypeGuard[FileTarget]:
    """A target of kind ``file`` (what the profile binds the role to), told by what this module
    calls on it: ``isinstance`` against the protocol would import the HTTP adapter (httpx) into
    a run over files."""
    return all(callable(getattr(target, name, None)) for name in ("files", "display_name", "read_bytes"))


def _ifctester() -> ModuleType:

    try:
        from ifctester import ids
    except ImportError:
        raise Inconclusive(msg("scenes.ifctester-not-installed", command=INSTALL)) from None
    return ids


def load(item: IdsFile) -> Ids:
    """The document as an ifctester ``Ids`` (already schema-valid)."""
    return _ifctester().from_string(item.text)


def _entity(element: Entity) -> str:
    global_id = getattr(element, "GlobalId", None)
    return f"#{element.id()} {element.is_a()}" + (f" {global_id}" if global_id else "")


def audit(document: Ids, model: Model, name: str) -> tuple[list[Finding], int]:

    """SC-BIM-004: every specification of the IDS on the model (ifctester's audit, its
    specifications applied whatever IFC versions they name, as the IDS test cases expect);
    a finding per failing specification; returns the findings and how many specifications ran."""
    document.validate(model)
    found = []
    for spec in document.specifications:
        if spec.status is not False:
            continue
        usage = spec.get_usage()
        if usage == "prohibited":
            entities = list(spec.applicable_entities)
            text = msg("scenes.ids-prohibited", spec=spec.name, ids=name, count=len(entities))
            rule = "R3"
        elif not spec.applicable_entities:
            entities, rule = [], "R2"
            text = msg("scenes.ids-none-applicable", spec=spec.name, ids=name)
        else:
            entities, rule = sorted(spec.failed_entities, key=lambda e: e.id()), "R1"
            reasons = sorted({f["reason"] for facet in spec.requirements for f in facet.failures if f["reason"]})
            text = msg("scenes.ids-requirements", spec=spec.name, ids=name, count=len(entities),
                       reason="; ".join(reasons[:3])[:300] or "-")
        found.append(Finding.of(text, rule=rule, actual=[_entity(e) for e in entities[:MAX_ENTITIES]] or None,
                                expected=usage))
    return found, len(document.specifications)
