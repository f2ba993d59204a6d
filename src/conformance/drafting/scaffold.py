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
writing, :func:`regenerate` rewrites the test lock and the docs' tables from the catalog as
written (``conformance catalog lock``, ``conformance catalog docs``).
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .._catalog.catalog import REQUIREMENTS_SCHEMA, Catalog, hint, load_catalog
from .._catalog.lock import lock_bytes, lock_path, read_lock
from ..errors import HarnessInputError
from ..messages import forget, templates, templates_file
from . import areashape
from .lint import ZH_OF
from .tables import Standard, Tables, load_tables

LEVELS = ("MUST", "SHOULD", "MAY")
# The requirement ID form of schemas/catalog/requirements.json (any area's prefix: a
# plug-in catalog's areas have their own).
_ID = re.compile(r"^(?P<prefix>[A-Z]{2,4}-[A-Z]{2,6})(-(?P<number>[0-9]{3}))?$")
_ID_ITEM = re.compile(r"^(?P<indent>\s*)- id: ")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)- \S")
#: ``--standard none``: the requirement follows no external standard
NO_STANDARD = "none"


@dataclass(frozen=True)
class NewRequirement:
    area: str
    #: the ID, or a prefix for its next free number (None: the next of the area's last prefix)
    requirement_id: str | None
    level: str
    title: str | None
    #: the profiles that select it (at least one: its known-bad case runs under the first)
    profiles: tuple[str, ...]
    #: the clause keys of suites/policy-clauses.yaml it serves (at least one)
    policy: tuple[str, ...]
    #: the canonical name of the external standard it follows (suites/standards.yaml), or "none"
    standard: str
    #: the part of the standard it follows (default: a TODO marker)
    section: str | None = None
    #: where the standard says it (default: the standard's own URL)
    url: str | None = None
    #: the seed topic of suites/policy-clauses.yaml it serves: it is added to the topic's
    #: requirements, so the coverage table counts it (required when the catalog has topics)
    topic: str | None = None
    #: the suite module the check goes into (default: the one deciding requirements like it)
    module: str | None = None


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
    if not new.profiles:
        raise HarnessInputError("--profile", "missing: a requirement no profile selects is never run",
                                "name the profile that selects it, see `conformance list profiles`")
    for profile_id in new.profiles:
        catalog.profile(profile_id)
    tables = load_tables(catalog)
    _check_policy(tables, new.policy)
    _check_topic(tables, new)
    standard = _standard(tables, new)
    lock = read_lock(catalog.root, catalog.display(lock_path(catalog.root)))  # missing: refused, nothing written
    profile = catalog.profile(new.profiles[0])
    selected = [i for p in new.profiles for i in catalog.profile(p).requirements]
    module = areashape.suite_module(area_dir, lock, requirement_id, selected, new.module)
    node = f"{module.name}::{areashape.function_name(requirement_id)}"
    messages = messages_file(catalog, new.area)
    key = f"{new.area}.{template_key(requirement_id)}"
    if key in templates() or (messages.is_file() and template_key(requirement_id) in
                              (yaml.safe_load(messages.read_bytes()) or {})):
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


def regenerate(catalog: Catalog) -> tuple[list[Path], list[str]]:
    """After :func:`write`: what ``conformance catalog lock`` and ``conformance catalog docs``
    would rewrite, rewritten from the catalog as it is now on disk (``catalog`` as it was
    loaded before): the test lock of the catalog's own suites, as collecting them finds it,
    and the docs' tables of requirement IDs. A plug-in catalog's lock is left alone (the new
    requirement is not in it). Returns the files written and what could not be done, one
    line each (the files the scaffold wrote stay: each is whole)."""
    from .._io.outputs import atomic_write
    from .._run.collect import collect, stale_locks
    from . import docs

    plugins = {name.removeprefix("catalogs/"): folder for name, folder in catalog.roots.items() if name != "catalog"}
    now = load_catalog(catalog.root, plugins=plugins)
    written: list[Path] = []
    problems: list[str] = []
    collection = collect(now)
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
        raise HarnessInputError(f"--id {wanted}", "not a requirement ID or prefix", "e.g. XX-TOPIC-003 or XX-TOPIC")
    if area_prefix and not match["prefix"].startswith(area_prefix + "-"):
        raise HarnessInputError(f"--id {wanted}", f"IDs of area {area} start with {area_prefix}-")
    if match["number"] is None:
        taken = [int(i.rsplit("-", 1)[1]) for i in catalog.requirements if i.rsplit("-", 1)[0] == match["prefix"]]
        return f"{match['prefix']}-{max(taken, default=0) + 1:03d}"
    if wanted is not None and wanted in catalog.requirements:
        raise HarnessInputError(f"--id {wanted}", f"already exists in area {catalog.requirements[wanted].area}",
                                "leave --id out for the next free one")
    return match.group(0)


def _close(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` known names near ``name``: those that contain it (any case), then the closest spellings."""
    known = list(known)
    folded = name.casefold()
    found = [k for k in known if folded and folded in k.casefold()]
    by_case = {k.casefold(): k for k in known}
    found += [by_case[k] for k in difflib.get_close_matches(folded, list(by_case), n=n, cutoff=0.5)]
    return list(dict.fromkeys(found))[:n]


def _check_policy(tables: Tables, keys: Iterable[str]) -> None:
    keys = list(keys)
    if not keys:
        raise HarnessInputError("--policy", "missing: the clause of suites/policy-clauses.yaml the requirement "
                                "serves", 'e.g. --policy "SH-GUIDE 3.1.1-testing"')
    for key in keys:
        if key not in tables.clauses:
            close = _close(key, tables.clauses)
            raise HarnessInputError(f"--policy {key}", "no clause of suites/policy-clauses.yaml",
                                    f"close: {', '.join(close)}" if close else "see suites/policy-clauses.yaml")


def _check_topic(tables: Tables, new: NewRequirement) -> None:
    """The topic is one of the table's, and given when the catalog has topics (lint's
    ``topic`` rule counts every requirement in one)."""
    if new.topic is None and not tables.topics:
        return
    drawing = [t.key for t in tables.topics.values() if set(t.clauses) & set(new.policy)]
    if new.topic is None:
        raise HarnessInputError("--topic", "missing: the seed topic of suites/policy-clauses.yaml the requirement "
                                "serves (the coverage table counts it there)",
                                f"topics drawing on its clauses: {', '.join(drawing)}" if drawing
                                else "see `conformance catalog coverage`")
    if new.topic not in tables.topics:
        close = _close(new.topic, tables.topics)
        raise HarnessInputError(f"--topic {new.topic}", "no topic of suites/policy-clauses.yaml",
                                f"close: {', '.join(close)}" if close else "see `conformance catalog coverage`")


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


def _standard(tables: Tables, new: NewRequirement) -> Standard | None:
    """The canonical standard ``--standard`` names (None: ``none``), its ``--url`` checked
    as the lint's ``standard`` rule checks it."""
    if new.standard.casefold() == NO_STANDARD:
        if new.section is not None or new.url is not None:
            raise HarnessInputError("--standard none", "takes no --section or --url", "leave them out, or name "
                                    "the standard")
        return None
    standard = tables.standards.get(new.standard)
    if standard is None:
        by_url = tables.standard_for_url(new.standard) if "://" in new.standard else None
        close = [by_url.name] if by_url else _close(new.standard, tables.standards)
        shown = "; ".join(repr(name) for name in close)
        raise HarnessInputError(f"--standard {new.standard}", "no canonical standard name of suites/standards.yaml",
                                f"close: {shown}" if close else "name one of suites/standards.yaml, add it "
                                "there first, or give --standard none")
    if new.url is not None and not new.url.startswith(standard.url):
        raise HarnessInputError(f"--url {new.url}", f"not under the URL of {standard.name!r}",
                                f"start it with {standard.url}")
    return standard


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
        document = yaml.safe_load(change.text)
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


def _check_templates(rel: str, document: object, requirement_id: str) -> None:
    """The area's templates still parse and hold the stub's, in both languages."""
    entry = document.get(template_key(requirement_id)) if isinstance(document, dict) else None
    if not isinstance(entry, dict) or set(entry) != {"en", "zh"}:
        raise HarnessInputError(rel, f"the template {template_key(requirement_id)} could not be added to this "
                                "file's layout", "add it by hand")
