"""``conformance catalog diff A B``: what changed between two catalogs (folders or git refs):
requirements added, removed and renumbered, level and text changes (word by word), parameter
default changes, and the profiles each change touches."""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .._catalog.catalog import Catalog, load_catalog
from ..errors import ExitCode, HarnessInputError
from ..messages import CJK
from .tables import load_tables

if TYPE_CHECKING:
    from rich.console import Console

PARTS = ("suites", "schemas", "profiles")


@dataclass
class Snapshot:
    """What a diff compares: each requirement's level and statement, each profile's
    requirements and parameter defaults, and the renumbering map."""

    requirements: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    profiles: dict[str, tuple[list[str], dict[str, Any]]] = field(default_factory=dict)
    renumbered: dict[str, list[str]] = field(default_factory=dict)


def snapshot(catalog: Catalog) -> Snapshot:
    return Snapshot(
        {r.id: (r.level.value, {"en": r.statement.en, "zh": r.statement.zh}) for r in catalog.requirements.values()},
        {p.id: (p.all_requirements(), {n: spec.default for n, spec in p.parameters.items()})
         for p in catalog.profiles.values()},
        load_tables(catalog).renumbered)


def load_snapshot(folder: Path, spec: str) -> Snapshot:
    """The catalog of a folder; one of an older format (which today's schemas refuse) is read
    field by field (:func:`raw_snapshot`), and one that cannot be read is refused in a line."""
    try:
        return snapshot(load_catalog(folder, plugins={}))
    except Exception:  # an older catalog format: read what a diff needs, field by field
        return raw_snapshot(folder, spec)


def changes_since(catalog: Catalog, spec: str) -> dict[str, object]:
    """The changes from an earlier catalog (a git ref or a folder) to this one, with ``since``."""
    with ExitStack() as stack:
        old = load_snapshot(_folder(spec, stack), spec)
    return {"since": spec, **diff_catalogs(old, catalog)}


def diff_command(args: argparse.Namespace, console: Console) -> int:
    with ExitStack() as stack:
        old = load_snapshot(_folder(args.old, stack), args.old)
        new = load_snapshot(_folder(args.new, stack), args.new)
        changes = diff_catalogs(old, new)
    text = json.dumps(changes, indent=2, ensure_ascii=False) if args.format == "json" else markdown(changes)
    console.out(text, highlight=False)
    return ExitCode.OK


def _folder(spec: str, stack: ExitStack) -> Path:
    """A catalog folder as given, or a git ref of the checkout extracted to a temporary folder."""
    path = Path(spec)
    if (path / "suites").is_dir():
        return path
    done = subprocess.run(["git", "archive", "--format=tar", spec, *PARTS], capture_output=True, check=False)
    if done.returncode != 0:
        raise HarnessInputError(spec, "neither a catalog folder (with suites/) nor a git ref of this checkout",
                                "give a folder or a commit, branch or tag")
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="catalog-")))
    with tarfile.open(fileobj=BytesIO(done.stdout)) as archive:
        archive.extractall(folder, filter="data")
    return folder


def raw_snapshot(folder: Path, spec: str) -> Snapshot:
    """Requirements (ID, level, statement), profiles (requirements, features' requirements,
    parameter defaults) and the renumbering map, read from the YAML of any catalog version."""
    snap = Snapshot()
    try:
        for path in sorted((folder / "suites").glob("*/requirements.yaml")):
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            items = document.get("requirements", []) if isinstance(document, dict) else document
            for item in items or []:
                statement = item.get("statement", "")
                texts = ({"en": str(statement.get("en", "")), "zh": str(statement.get("zh", ""))}
                         if isinstance(statement, dict) else {"en": str(statement), "zh": ""})
                snap.requirements[str(item["id"])] = (str(item.get("level", "")), texts)
        for path in sorted((folder / "profiles").glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            ids = [_req_id(r) for r in data.get("requirements", []) or []]
            for feature in (data.get("features") or {}).values():
                ids += [i for i in map(_req_id, (feature or {}).get("requirements", []) or []) if i not in ids]
            params = {str(n): (v.get("default") if isinstance(v, dict) else v)
                      for n, v in (data.get("parameters") or {}).items()}
            snap.profiles[str(data.get("id", path.stem))] = (ids, params)
        renumbered = folder / "suites" / "renumbered.yaml"
        if renumbered.is_file():
            for row in (yaml.safe_load(renumbered.read_text(encoding="utf-8")) or {}).get("renumbered", []):
                snap.renumbered[str(row["old"])] = [str(n) for n in row["new"]]
    except (OSError, ValueError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise HarnessInputError(spec, f"a catalog of a format this version cannot read ({type(exc).__name__}: "
                                f"{str(exc).splitlines()[0] if str(exc) else exc!r})",
                                "diff against a later catalog version") from None
    if not snap.requirements:
        raise HarnessInputError(spec, "holds no suites/*/requirements.yaml with requirements",
                                "diff against a catalog version that has requirements")
    return snap


def _req_id(item: object) -> str:
    return str(item.get("id")) if isinstance(item, dict) else str(item)


def diff_catalogs(old: Catalog | Snapshot, new: Catalog | Snapshot) -> dict[str, Any]:
    old = old if isinstance(old, Snapshot) else snapshot(old)
    new = new if isinstance(new, Snapshot) else snapshot(new)
    renumbered = new.renumbered
    old_ids, new_ids = set(old.requirements), set(new.requirements)
    # an ID of A that B's map leads to requirements of B, some of which A did not have or
    # which replace it: renumbered (or split), not removed
    moved = {i: renumbered[i] for i in sorted(old_ids) if i in renumbered
             and set(renumbered[i]) & new_ids and (i not in new_ids or not set(renumbered[i]) <= old_ids)}
    changes: dict[str, Any] = {
        "added": sorted(new_ids - old_ids),
        "removed": sorted(old_ids - new_ids - set(moved)),
        "renumbered": moved,
        "level": {}, "text": {}, "parameters": {}, "profiles": {},
    }
    for req_id in sorted(old_ids & new_ids):
        (a_level, a_text), (b_level, b_text) = old.requirements[req_id], new.requirements[req_id]
        if a_level != b_level:
            changes["level"][req_id] = [a_level, b_level]
        for lang in ("en", "zh"):
            before, after = a_text[lang], b_text[lang]
            if before != after:
                changes["text"].setdefault(req_id, {})[lang] = word_diff(before, after)
    touched = set(changes["added"]) | set(changes["removed"]) | set(changes["renumbered"]) \
        | set(changes["level"]) | set(changes["text"])
    for profile_id in sorted(set(old.profiles) | set(new.profiles)):
        a_reqs_list, a_params = old.profiles.get(profile_id, ([], {}))
        b_reqs_list, b_params = new.profiles.get(profile_id, ([], {}))
        a_reqs, b_reqs = set(a_reqs_list), set(b_reqs_list)
        for name in sorted(set(a_params) | set(b_params)):
            was: Any = a_params.get(name)
            now: Any = b_params.get(name)
            if was != now:
                changes["parameters"].setdefault(profile_id, {})[name] = [was, now]
        why = sorted((a_reqs | b_reqs) & touched)
        if why or a_reqs != b_reqs or profile_id in changes["parameters"]:
            changes["profiles"][profile_id] = {"requirements added": sorted(b_reqs - a_reqs),
                                               "requirements removed": sorted(a_reqs - b_reqs),
                                               "changed requirements": why}
    return changes


_TOKENS = re.compile(rf"\s+|[{CJK}]|[^\s{CJK}]+")


def word_diff(before: str, after: str) -> str:
    """Words (and single Chinese characters) removed as [-...-] and added as {+...+}."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)


def markdown(changes: dict[str, Any]) -> str:
    lines = ["# Catalog changes", ""]
    lines += ["## Added", ""] + [f"- {i}" for i in changes["added"]] + [""]
    lines += ["## Removed", ""] + [f"- {i}" for i in changes["removed"]] + [""]
    lines += ["## Renumbered", ""] + [f"- {i} → {', '.join(n)}" for i, n in changes["renumbered"].items()] + [""]
    lines += ["## Level changes", ""] + [f"- {i}: {a} → {b}" for i, (a, b) in changes["level"].items()] + [""]
    lines += ["## Text changes", ""]
    for req_id, langs in changes["text"].items():
        lines += [f"### {req_id}", ""] + [f"- {lang}: {text}" for lang, text in langs.items()] + [""]
    lines += ["## Parameter default changes", ""]
    lines += [f"- {p}: {n}: {a!r} → {b!r}" for p, params in changes["parameters"].items()
              for n, (a, b) in params.items()] + [""]
    lines += ["## Profiles affected", ""]
    for profile_id, what in changes["profiles"].items():
        parts = [f"{k}: {', '.join(v)}" for k, v in what.items() if v]
        lines.append(f"- {profile_id}: " + ("; ".join(parts) or "parameters"))
    return "\n".join(lines) + "\n"
