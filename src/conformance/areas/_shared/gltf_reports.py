"""Reading the Khronos glTF-Validator's reports (:mod:`.khronos` runs it): the files it loaded, what it declined
to read, whether a bound of the harness stopped it, its counts and its messages, each tolerant of a report
shaped otherwise than expected.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from conformance import msg

if TYPE_CHECKING:
    from conformance.area import JsonObject, SchemaRegistry


SEVERITIES = {0: "error", 1: "warning", 2: "info", 3: "hint"}
#: the report as the test cases read it (annex E's "glTF validation report", rendered from this schema): every member
#: the functions below read, as the validator's published report schema defines it
REPORT_SCHEMA = "https://metaverse-conformance.org/schemas/assets/gltf-validation-report.json"
#: what the harness's runner (gltf_validator.js, khronos.py) puts in a report beside the validator's own members: the
#: resources its bounds kept from the validator (``declined``), a bound that ran out (``bound``), no report (``error``)
HARNESS_MEMBERS = ("declined", "bound", "error")


def departure(report: JsonObject, schemas: SchemaRegistry) -> str | None:
    """Why a report the validator gave is no report the cases judge (sixty-first reading, b1): where it departs from
    :data:`REPORT_SCHEMA` (the first place, and how many), or None when it conforms. The file is then not judged,
    never passed on what the tolerant readers below would make of it."""
    found = schemas.findings(report, REPORT_SCHEMA)
    if not found:
        return None
    first = found[0]
    return msg("shared.gltf-report-departs", pointer=first.pointer or "#", reason=first.message, count=len(found))


@dataclass(frozen=True)
class Message:
    severity: str
    code: str
    message: str
    pointer: str | None


def external_files(path: Path, report: JsonObject, root: Path | None = None) -> list[Path]:
    """The local files the validator loaded for ``path``: its external buffers and images
    (``info.resources`` of storage ``external`` with a relative URI, inside its root: the
    declared folder, by default the asset's own)."""
    info = report.get("info") if isinstance(report, dict) else None
    resources = info.get("resources") if isinstance(info, dict) else None
    found = []
    folder = path.parent.resolve()
    inside = (root or folder).resolve()
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):  # a report shaped otherwise names no file
            continue
        uri = resource.get("uri")
        if resource.get("storage") != "external" or not isinstance(uri, str) or ":" in uri.split("/")[0]:
            continue
        target = (folder / unquote(uri)).resolve()
        if target.is_relative_to(inside) and target.is_file():
            found.append(target)
    return found


def over_bound(report: JsonObject) -> bool:
    """Whether the file was not validated because a bound of the harness ran out (the size
    given to the validator, its heap): no defect of the file, which is then not judged."""
    return isinstance(report, dict) and report.get("bound") is True


def declined(report: JsonObject) -> list[JsonObject]:
    """The external resources the validator declined to read for the harness's safety (outside
    the declared folder, over the cap, not a regular file): each its pointer and why."""
    found = report.get("declined") if isinstance(report, dict) else None
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def counts(report: JsonObject) -> dict[str, int]:
    """numErrors, numWarnings, numInfos, numHints of a report (0 where absent)."""
    issues = report.get("issues") if isinstance(report, dict) else None
    issues = issues if isinstance(issues, dict) else {}
    found: dict[str, int] = {}
    for key in ("numErrors", "numWarnings", "numInfos", "numHints"):
        value = issues.get(key)
        found[key] = value if isinstance(value, int) and not isinstance(value, bool) else 0
    return found


def messages(report: JsonObject) -> Iterator[Message]:
    """The issues of one report, tolerant of a report shaped differently than expected."""
    issues = report.get("issues") if isinstance(report, dict) else None
    listed = issues.get("messages") if isinstance(issues, dict) else None
    for item in listed if isinstance(listed, list) else []:
        if not isinstance(item, dict):
            continue
        pointer = item.get("pointer")
        severity = item.get("severity")
        yield Message(SEVERITIES.get(severity, "error") if isinstance(severity, int) else "error",
                      str(item.get("code", "?")),
                      str(item.get("message", "")), pointer if isinstance(pointer, str) else None)
