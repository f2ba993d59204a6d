"""``conformance new requirement``: the files a new requirement needs, as clearly marked stubs.

A new requirement touches its area's places only: in ``suites/<area>/`` its ``requirements.yaml``
(the entry), a test module (one test marked with the requirement, failing until it is written,
with a finding whose words are a template), ``known_bad.yaml`` (a case proving the test can
fail) with a fixtures folder for it; in the area's package its message templates (that
template); the requirement lists of the profiles that select it; and what is generated from them: the
suites' test lock (the new test, :mod:`conformance._catalog.lock`) and the docs' tables of
requirement IDs (:mod:`conformance.drafting.docs`).

The entry is lint-clean as written: it cites a clause of ``suites/policy-clauses.yaml`` the
drafter names, states its level with the verb the lint expects in both languages (MUST 应,
SHOULD 宜, MAY 可), and cites an external standard by its canonical name and URL, or says
(``source.no_standard``) why none applies. Its texts still say ``TODO`` where the drafter
writes; the lint has no rule for such markers (the stub test fails when it runs).

YAML files are appended to as text, so their comments and layout stay; each result is parsed
and checked before anything is written, so a refusal leaves the catalog untouched. After
writing, :func:`regenerate` rewrites the test lock (collecting the new test's module) and the
docs' tables from the catalog as written (``conformance catalog lock``, ``conformance catalog docs``).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .._catalog.catalog import REQUIREMENTS_SCHEMA, Catalog, hint, load_catalog
from .._catalog.lock import lock_bytes, lock_path, read_lock
from .._io.yamlload import Loader
from ..errors import HarnessInputError
from ..messages import forget, templates, templates_file
from . import areashape
from .modals import ZH_OF
from .newinput import NewRequirement, check_policy, check_topic, requirement_id_for, standard_of
from .tables import Standard, Tables, load_tables

LEVELS = ("MUST", "SHOULD", "MAY")
_ID_ITEM = re.compile(r"^(?P<indent>\s*)- id: ")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)- \S")
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
    requirement_id = requirement_id_for(catalog, new.area, new.requirement_id)
    if not new.profiles:
        raise HarnessInputError("--profile", "missing: a requirement no profile selects is never run",
                                "name the profile that selects it, see `conformance list profiles`")
    for profile_id in new.profiles:
        catalog.profile(profile_id)
    tables = load_tables(catalog)
    check_policy(tables, new.policy)
    check_topic(tables, new)
    standard = standard_of(tables, new)
    lock = read_lock(catalog.root, catalog.display(lock_path(catalog.root)))  # missing: refused, nothing written
    profile = catalog.profile(new.profiles[0])
    selected = [i for p in new.profiles for i in catalog.profile(p).requirements]
    module = areashape.suite_module(area_dir, lock, requirement_id, selected, new.module)
    node = f"{module.name}::{areashape.function_name(requirement_id)}"
    messages = messages_file(catalog, new.area)
    key = f"{new.area}.{template_key(requirement_id)}"
    if key in templates() or (messages.is_file() and template_key(requirement_id) in
                              (_parsed(messages.read_bytes()) or {})):
        raise HarnessInputError(catalog.display(messages), f"already has a template {template_key(requirement_id)}",
                                "remove it, or choose another --id")
    lock[f"{new.area}/{node}"] = [requirement_id]
    files = [role for role, spec in profile.targets.items() if spec.kind == "file"]
    rel = f"suites/{new.area}/{node}"
    entry = _requirement_entry(area_dir, requirement_id, new, standard, catalog_version(catalog))
    check = areashape.with_check(module, requirement_id, (new.title or "TODO: what it checks").replace('"', "'"),
                                 key, f'test="{rel}"', files or list(profile.targets))
    changes = [
        Change(area_dir / "requirements.yaml", _append(area_dir / "requirements.yaml", entry), False),
        Change(module, check, False),
        Change(messages, _append(messages, _template(requirement_id, rel)), not messages.is_file()),
        Change(area_dir / "known_bad.yaml", _append(area_dir / "known_bad.yaml",
                                                    _known_bad_case(requirement_id, new.profiles[0], bool(files))),
               False),
    ]
    generate = area_dir / "fixtures" / "generate.py"
    if files:
        changes.append(Change(generate, areashape.with_fixture_function(generate, requirement_id, files[0]),
                              not generate.is_file()))
    for profile_id in dict.fromkeys(new.profiles):
        path = catalog.root / "profiles" / f"{profile_id}.yaml"
        changes.append(Change(path, _with_profile_requirement(path, requirement_id), False))
    if new.topic is not None:
        clauses = catalog.root / "suites" / "policy-clauses.yaml"
        changes.append(Change(clauses, _with_topic_requirement(clauses, new.topic, requirement_id), False))
    changes.append(Change(lock_path(catalog.root), lock_bytes(lock).decode("utf-8"), False))
    _check(catalog, requirement_id, changes, messages)
    return changes


def write(changes: list[Change]) -> None:
    from .._io.outputs import atomic_write

    for change in changes:  # each file whole or not at all
        atomic_write(change.path, change.text.encode("utf-8"))
    forget()  # a template was added: read them again (the catalog's messages/ may be new)


def write_fixture(catalog: Catalog, new: NewRequirement, changes: list[Change]) -> Path | None:
    """After :func:`write`, for a profile reading files: run the new function of the area's
    ``fixtures/generate.py`` and name the fixture it wrote in the known-bad case. Returns the
    fixture (None: the case plants a defect in the reference instead)."""
    from .._io.outputs import atomic_write

    generate = catalog.root / "suites" / new.area / "fixtures" / "generate.py"
    if not any(change.path == generate for change in changes):
        return None
    requirement_id = next(i for i in _ids_added(changes))
    fixture = areashape.write_fixture(generate, requirement_id)
    role = next(r for r, spec in catalog.profile(new.profiles[0]).targets.items() if spec.kind == "file")
    known_bad = catalog.root / "suites" / new.area / "known_bad.yaml"
    line = f"    files: {{{role}: [{fixture.parent.name}/{fixture.name}]}}\n"
    atomic_write(known_bad, (known_bad.read_text(encoding="utf-8") + line).encode("utf-8"))
    return fixture


def _ids_added(changes: list[Change]) -> list[str]:
    return [m[1] for change in changes if change.path.name == "known_bad.yaml"
            for m in re.finditer(r"^([A-Z]{2,4}-[A-Z]{2,6}-[0-9]{3}):$", change.text, re.MULTILINE)][-1:]


def messages_file(catalog: Catalog, area: str) -> Path:
    """Where the new template goes: the area's templates file when it is part of the catalog
    scaffolded (a checkout), else that catalog's own ``messages/<area>.yaml`` (read as the
    catalog's, :func:`conformance._areas.template_files`), never the installed package's."""
    brought = templates_file(area)
    if brought is None:
        raise HarnessInputError(f"area {area}", "brings no message templates (its package registers none "
                                "through conformance_message_templates)", "add its templates file first")
    if "CONFORMANCE_CATALOG" in os.environ and not brought.resolve().is_relative_to(catalog.root.resolve()):
        return catalog.root / "messages" / f"{area}.yaml"
    return brought


def regenerate(catalog: Catalog, changes: list[Change]) -> tuple[list[Path], list[str]]:
    """After :func:`write`: what ``conformance catalog lock`` and ``conformance catalog docs``
    would rewrite, rewritten from the catalog as it is now on disk (``catalog`` as it was
    loaded before): the test lock of the catalog's own suites, with the module of the new
    test as collecting it finds it (the scaffold changed no other suite module: the others
    are not imported; the lint collects them all), and the docs' tables of requirement IDs.
    A plug-in catalog's lock is left alone (the new requirement is not in it). Returns the
    files written and what could not be done, one line each (the files the scaffold wrote
    stay: each is whole)."""
    from .._io.outputs import atomic_write
    from .._run.collect import collect_modules, stale_locks
    from . import docs

    plugins = {name.removeprefix("catalogs/"): folder for name, folder in catalog.roots.items() if name != "catalog"}
    now = load_catalog(catalog.root, plugins=plugins)
    written: list[Path] = []
    problems: list[str] = []
    collection = collect_modules(now, now.suite_modules(_ids_added(changes)))
    if collection.errors:
        problems += [f"{error} (the test lock is not regenerated: fix the module, then run "
                     "`conformance catalog lock`)" for error in collection.errors]
    else:
        path = lock_path(now.root)
        wanted = stale_locks(collection).get(path)
        if wanted is not None:
            atomic_write(path, wanted)
            written.append(path)
    try:
        stale = docs.stale_documents(now, docs.documents(now.root / "docs"))
    except HarnessInputError as exc:
        problems.append(f"{exc.line()} (the docs' tables are not regenerated)")
    else:
        for path, text in stale.items():
            atomic_write(path, text.encode("utf-8"))
            written.append(path)
    return written, problems


def _with_topic_requirement(path: Path, topic: str, requirement_id: str) -> str:
    """The clause table's text with ``requirement_id`` added to ``topic``'s ``requirements:``
    flow list (or a new one after its ``clauses:``), its comments kept."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == f"- key: {topic}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    # the topic's status stays: a new requirement is a draft, normative for no topic (lint: topic)
    for i in range(start + 1, end):
        listed = re.match(r"^(\s+requirements: \[)(.*)\]\s*$", lines[i])
        if listed:
            items = [item.strip() for item in listed[2].split(",") if item.strip()]
            lines[i] = f"{listed[1]}{', '.join([*items, requirement_id])}]\n"
            return "".join(lines)
        if re.match(r"^\s+requirements:", lines[i]):
            raise HarnessInputError(f"{path} at topic {topic}", "its requirements: is not a list on one line",
                                    f"add {requirement_id} to it by hand")
    clauses = next((i for i in range(start + 1, end) if re.match(r"^\s+clauses:", lines[i])), start)
    line = lines[clauses + 1] if clauses == start else lines[clauses]
    indent = line[:len(line) - len(line.lstrip())] or "  "
    lines.insert(clauses + 1, f"{indent}requirements: [{requirement_id}]\n")
    return "".join(lines)


def _item_indent(path: Path) -> str:
    """The indentation of the file's ``- id:`` items (areas differ)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if found := _ID_ITEM.match(line):
            return found["indent"]
    return "  "


def _append(path: Path, block: str) -> str:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return text + ("" if not text or text.endswith("\n") else "\n") + block


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def _requirement_entry(area_dir: Path, requirement_id: str, new: NewRequirement, standard: Standard | None,
                       since: str) -> str:
    item = _item_indent(area_dir / "requirements.yaml")
    body = item + "  "
    # the level's verb, as the lint's modal rules want it: one in each language, the same rule
    en_verb, zh_verb = new.level, ZH_OF[new.level]
    if standard is None:
        why = "TODO: why no external standard applies (its policy clauses alone set the rule)"
        cited = [f"{body}  no_standard: {_quoted(why)}"]
    else:
        cited = [f"{body}  standards:",
                 f"{body}    - name: {_quoted(standard.name)}",
                 f"{body}      section: {_quoted(new.section or 'TODO: the section it follows')}",
                 f"{body}      url: {_quoted(new.url or standard.url)}"]
    return "\n".join([
        f"{item}- id: {requirement_id}",
        f"{body}level: {new.level}",
        f"{body}title:",
        f"{body}  en: {_quoted(new.title or 'TODO: a short title')}",
        f'{body}  zh: "TODO：中文标题"',
        f"{body}statement:",
        f'{body}  en: "TODO: <the subject> {en_verb} <do what the test checks>."',
        f'{body}  zh: "TODO：<被测对象>{zh_verb}<做测试检查的事>。"',
        f"{body}source:",
        f"{body}  policy:",
        *(f"{body}    - {_quoted(key)}" for key in new.policy),
        *cited,
        f"{body}testing: automated",
        f'{body}version: "1.0"',
        f"{body}status: draft  # draft, candidate, stable or deprecated (docs/drafting.md)",
        f'{body}since: "{since}"',
        "",
    ])


def catalog_version(catalog: Catalog) -> str:
    """The catalog's current version, which a new requirement's ``since`` names: the highest
    ``since`` of its requirements (docs/drafting.md, "Versions"); a catalog with none starts
    at the harness's major.minor."""
    def key(version: str) -> tuple[int, ...]:
        return tuple(int(part) for part in version.split("."))

    known = [r.since for r in catalog.requirements.values() if r.since]
    if known:
        return max(known, key=key)
    from .._version import __version__

    return ".".join(__version__.split(".")[:2])


def template_key(requirement_id: str) -> str:
    """The key (within its area's file) of the template a new requirement's stub finding uses."""
    return requirement_id.lower()


def _template(requirement_id: str, rel: str) -> str:
    """The stub's template, with what the real ones need (a key per kind of finding, both
    languages, the same placeholders)."""
    return (
        f"\n# {requirement_id}, tested by {rel}. TODO: one template per kind of\n"
        f"# finding its check records, named for what it says, en and zh with the same {{placeholders}}\n"
        f"# (this one marks the stub).\n"
        f"{template_key(requirement_id)}:\n"
        f'  en: "{requirement_id}: the test is not written yet ({{test}})"\n'
        f'  zh: "{requirement_id}：测试尚未编写（{{test}}）"\n'
    )


def _known_bad_case(requirement_id: str, profile_id: str, files: bool) -> str:
    how = (f"  # TODO: the fixture is written by fixtures/generate.py's {areashape.fixture_function(requirement_id)}:\n"
           f"  # make it break exactly the rule, and add `rule:` and `finding:` (docs/known-bad.md).\n") if files else (
        f"  # TODO: plant a defect in the reference implementation that breaks {requirement_id}'s rule and\n"
        f"  # name it: `defects: [<name>]` (`conformance serve --list-defects`; docs/known-bad.md).\n")
    return f"\n{requirement_id}:\n{how}  - profile: {profile_id}\n"


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


def _check(catalog: Catalog, requirement_id: str, changes: list[Change], messages: Path) -> None:
    """Each changed YAML file still parses, and holds the new ID (or its template) where it should."""
    for change in changes:
        if change.path.suffix != ".yaml":
            continue
        rel = catalog.display(change.path)
        document = _parsed(change.text)
        if change.path == messages:
            _check_templates(rel, document, requirement_id)
            continue
        if change.path.name == "requirements.yaml":
            catalog.schemas.require_valid(document, REQUIREMENTS_SCHEMA, rel, "see schemas/catalog/requirements.json")
            found = [r["id"] for r in document["requirements"]]
        elif change.path.name == "known_bad.yaml":
            found = list(document)
        elif change.path.name == "policy-clauses.yaml":
            found = [r for topic in document.get("topics", []) for r in topic.get("requirements", [])]
        else:
            found = document.get("requirements", [])
        if requirement_id not in found:
            raise HarnessInputError(rel, f"{requirement_id} could not be added to this file's layout",
                                    "add it by hand")


def _parsed(text: str | bytes) -> Any:
    # The catalog's own loader (libyaml where installed): the pure-Python safe_load took
    # ~0.75 CPU-s a scaffold over these five files, a sixth of the command.
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)


def _check_templates(rel: str, document: object, requirement_id: str) -> None:
    """The area's templates still parse and hold the stub's, in both languages."""
    entry = document.get(template_key(requirement_id)) if isinstance(document, dict) else None
    if not isinstance(entry, dict) or set(entry) != {"en", "zh"}:
        raise HarnessInputError(rel, f"the template {template_key(requirement_id)} could not be added to this "
                                "file's layout", "add it by hand")
