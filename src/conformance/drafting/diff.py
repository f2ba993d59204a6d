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
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalog import Catalog, load_catalog
from ..errors import HarnessInputError
from ..messages import CJK
from .tables import load_tables

if TYPE_CHECKING:
    from rich.console import Console

PARTS = ("suites", "schemas", "profiles")


def diff_command(args: argparse.Namespace, console: Console) -> int:
    with ExitStack() as stack:
        old = load_catalog(_folder(args.old, stack), plugins={})
        new = load_catalog(_folder(args.new, stack), plugins={})
        changes = diff_catalogs(old, new)
    text = json.dumps(changes, indent=2, ensure_ascii=False) if args.format == "json" else markdown(changes)
    console.out(text, highlight=False)
    return 0


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


def diff_catalogs(old: Catalog, new: Catalog) -> dict[str, Any]:
    renumbered = load_tables(new).renumbered
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
        a, b = old.requirements[req_id], new.requirements[req_id]
        if a.level != b.level:
            changes["level"][req_id] = [a.level.value, b.level.value]
        for lang in ("en", "zh"):
            before, after = a.statement.get(lang), b.statement.get(lang)
            if before != after:
                changes["text"].setdefault(req_id, {})[lang] = word_diff(before, after)
    touched = set(changes["added"]) | set(changes["removed"]) | set(changes["renumbered"]) \
        | set(changes["level"]) | set(changes["text"])
    for profile_id in sorted(set(old.profiles) | set(new.profiles)):
        a_prof, b_prof = old.profiles.get(profile_id), new.profiles.get(profile_id)
        a_reqs = set(a_prof.all_requirements()) if a_prof else set()
        b_reqs = set(b_prof.all_requirements()) if b_prof else set()
        for name in sorted(set(a_prof.parameters if a_prof else {}) | set(b_prof.parameters if b_prof else {})):
            was: Any = a_prof.parameters[name].default if a_prof and name in a_prof.parameters else None
            now: Any = b_prof.parameters[name].default if b_prof and name in b_prof.parameters else None
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
