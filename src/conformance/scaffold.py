"""``conformance new requirement``: the files a new requirement needs, as clearly marked stubs.

A new requirement touches its area's ``requirements.yaml`` (the entry), a test module (one
test marked with the requirement, failing until it is written), ``known_bad.yaml`` (a case
proving the test can fail) with a fixtures folder for it, and optionally a profile's
requirement list. YAML files are appended to as text, so their comments and layout stay;
each result is parsed and checked before anything is written, so a refusal leaves the
catalog untouched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalog import REQUIREMENTS_SCHEMA, Catalog, hint
from .errors import HarnessInputError

LEVELS = ("MUST", "SHOULD", "MAY")
# The requirement ID form of schemas/catalog/requirements.json (any area's prefix: a
# plug-in catalog's areas have their own).
_ID = re.compile(r"^(?P<prefix>[A-Z]{2,4}-[A-Z]{2,6})(-(?P<number>[0-9]{3}))?$")
_ID_ITEM = re.compile(r"^(?P<indent>\s*)- id: ")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)- \S")


@dataclass(frozen=True)
class NewRequirement:
    area: str
    requirement_id: str
    level: str
    title: str | None
    profile_id: str | None


@dataclass(frozen=True)
class Change:
    path: Path
    text: str
    created: bool


def plan_requirement(catalog: Catalog, new: NewRequirement) -> list[Change]:
    """The files to create or change, checked; nothing is written."""
    # The areas are the catalog's suite folders: a new area needs no code change.
    areas = sorted(p.parent.name for p in (catalog.root / "suites").glob("*/requirements.yaml"))
    if new.area not in areas:
        raise HarnessInputError(f"area {new.area}", f"unknown (one of: {', '.join(areas)})", hint(new.area, areas))
    area_dir = catalog.root / "suites" / new.area
    requirement_id = _requirement_id(catalog, new.area, new.requirement_id)
    if new.profile_id is not None:
        catalog.profile(new.profile_id)
    slug = _slug(new.title or requirement_id)
    test_path = area_dir / f"test_{slug}.py"
    if test_path.exists():
        raise HarnessInputError(str(test_path), "already exists", "choose another --title")
    fixtures = area_dir / "fixtures" / requirement_id.lower()

    changes = [
        Change(area_dir / "requirements.yaml", _append(area_dir / "requirements.yaml",
                                                       _requirement_entry(area_dir, requirement_id, new)), False),
        Change(test_path, _test_module(requirement_id, new, test_path.relative_to(catalog.root)), True),
        Change(area_dir / "known_bad.yaml", _append(area_dir / "known_bad.yaml",
                                                    _known_bad_case(requirement_id, new.profile_id)), False),
        Change(fixtures / "README.md", _fixtures_readme(requirement_id), True),
    ]
    if new.profile_id is not None:
        path = catalog.root / "profiles" / f"{new.profile_id}.yaml"
        changes.append(Change(path, _with_profile_requirement(path, requirement_id), False))
    _check(catalog, requirement_id, changes)
    return changes


def write(changes: list[Change]) -> None:
    from .report import atomic_write

    for change in changes:  # each file whole or not at all
        atomic_write(change.path, change.text.encode("utf-8"))


def _requirement_id(catalog: Catalog, area: str, wanted: str | None) -> str:
    """``wanted`` as given (``TD-HAND-003``), or the next free number of its prefix
    (``TD-HAND``); without one, of the prefix of the area's last requirement."""
    area_ids = [r.id for r in catalog.requirements.values() if r.area == area]
    area_prefix = area_ids[0].split("-")[0] if area_ids else None
    if not wanted and not area_ids:
        raise HarnessInputError(f"area {area}", "has no requirement yet to number from",
                                "give the new ID, e.g. --id XX-TOPIC-001")
    match = _ID.match(wanted or area_ids[-1].rsplit("-", 1)[0])
    if match is None:
        raise HarnessInputError(f"--id {wanted}", "not a requirement ID or prefix", "e.g. TD-HAND-003 or TD-HAND")
    if area_prefix and not match["prefix"].startswith(area_prefix + "-"):
        raise HarnessInputError(f"--id {wanted}", f"IDs of area {area} start with {area_prefix}-")
    if match["number"] is None:
        taken = [int(i.rsplit("-", 1)[1]) for i in catalog.requirements if i.rsplit("-", 1)[0] == match["prefix"]]
        return f"{match['prefix']}-{max(taken, default=0) + 1:03d}"
    if wanted in catalog.requirements:
        raise HarnessInputError(f"--id {wanted}", f"already exists in area {catalog.requirements[wanted].area}",
                                "leave --id out for the next free one")
    return match.group(0)


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:6]
    return "_".join(words) or "requirement"


def _item_indent(path: Path) -> str:
    """The indentation of the file's ``- id:`` items (areas differ)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if found := _ID_ITEM.match(line):
            return found["indent"]
    return "  "


def _append(path: Path, block: str) -> str:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return text + ("" if not text or text.endswith("\n") else "\n") + block


def _requirement_entry(area_dir: Path, requirement_id: str, new: NewRequirement) -> str:
    item = _item_indent(area_dir / "requirements.yaml")
    body = item + "  "
    title = json.dumps(new.title or "TODO: a short title", ensure_ascii=False)  # a YAML double-quoted scalar
    return "\n".join([
        f"{item}- id: {requirement_id}",
        f"{body}level: {new.level}",
        f"{body}title:",
        f"{body}  en: {title}",
        f'{body}  zh: "TODO：中文标题"',
        f"{body}statement:",
        f'{body}  en: "TODO: one testable statement with its level keyword ({new.level})."',
        f'{body}  zh: "TODO：一条可测试的中文陈述。"',
        f"{body}source:",
        f"{body}  policy:",
        f"{body}    # TODO: the clause this requirement serves, e.g. SH-GUIDE 3.1.3-identity;",
        f"{body}    # add standards: [{{name, section, url}}] when it follows an external standard.",
        f"{body}    - SH-GUIDE",
        f"{body}testing: automated",
        f'{body}version: "1.0"',
        f"{body}status: draft  # draft, candidate, stable or deprecated (docs/drafting.md)",
        f'{body}since: "{_catalog_version()}"',
        "",
    ])


def _catalog_version() -> str:
    """The catalog version a new requirement first appears in: the harness's major.minor."""
    from ._version import __version__

    return ".".join(__version__.split(".")[:2])


def _test_module(requirement_id: str, new: NewRequirement, rel: Path) -> str:
    name = rel.stem
    title = (new.title or "TODO: what this test checks").replace('"', "'")
    return f'''"""{requirement_id}: {title}.

TODO: judge in src/conformance/checks/{new.area}/, record findings with ``evidence``.
"""

import pytest


@pytest.mark.requirement("{requirement_id}")
def {name}(targets, evidence):
    # A stub never passes: the requirement fails until its test is written.
    pytest.fail("{requirement_id}: the test is not written yet ({rel.as_posix()})")
'''


def _known_bad_case(requirement_id: str, profile_id: str | None) -> str:
    fixtures = requirement_id.lower()
    return (
        f"\n{requirement_id}:\n"
        f"  # TODO: a case that makes {requirement_id} fail: planted `defects` (HTTP targets) or\n"
        f"  # `files` from fixtures/{fixtures}/ (file targets); see docs/known-bad.md.\n"
        f"  - profile: {profile_id or 'TODO-profile'}\n"
    )


def _fixtures_readme(requirement_id: str) -> str:
    return (
        f"# Known-bad fixtures of {requirement_id}\n\n"
        f"TODO: files that make {requirement_id} fail, named in ../../known_bad.yaml as\n"
        f"`files: {{<role>: [{requirement_id.lower()}/<file>]}}`.\n"
    )


def _with_profile_requirement(path: Path, requirement_id: str) -> str:
    """The profile's text with ``requirement_id`` added after the last item of its top-level
    ``requirements:`` list."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "requirements:")
    except StopIteration:
        raise HarnessInputError(str(path), "no block list under a top-level requirements:",
                                "add the ID by hand") from None
    end, indent = start, "  "
    for i in range(start + 1, len(lines)):
        item = _LIST_ITEM.match(lines[i])
        if item is None:
            if lines[i].strip() and not lines[i].lstrip().startswith("#"):
                break
            continue
        end, indent = i, item["indent"]
    if not lines[end].endswith("\n"):
        lines[end] += "\n"
    lines.insert(end + 1, f"{indent}- {requirement_id}\n")
    return "".join(lines)


def _check(catalog: Catalog, requirement_id: str, changes: list[Change]) -> None:
    """Each changed YAML file still parses, and holds the new ID where it should."""
    for change in changes:
        if change.path.suffix != ".yaml":
            continue
        rel = change.path.relative_to(catalog.root).as_posix()
        document = yaml.safe_load(change.text)
        if change.path.name == "requirements.yaml":
            catalog.schemas.require_valid(document, REQUIREMENTS_SCHEMA, rel, "see schemas/catalog/requirements.json")
            found = [r["id"] for r in document["requirements"]]
        elif change.path.name == "known_bad.yaml":
            found = list(document)
        else:
            found = document.get("requirements", [])
        if requirement_id not in found:
            raise HarnessInputError(rel, f"{requirement_id} could not be added to this file's layout",
                                    "add it by hand")
