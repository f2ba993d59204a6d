"""Interop across all pairs: every ordered pair of participants claiming a two-platform profile.

A two-platform profile is one whose targets are two HTTP roles (``interop-pair``: ``api``
and ``api_b``); the core reads that from the catalog, it names no area. For participants
A and B that both claim it, the programme writes a manifest whose first role is A's own
endpoint and whose second is B's, and runs it like any participant run (its own process,
recorded in the history as a ``pair`` run). The pair's manifest binds each target to its
owner, and the run's process gets each participant's credentials bound to that participant:
each target's adapter reads its owner's alone (a participant's manifest naming its partner's
token variable finds it unset). The grid is read back from the history: row A,
column B is the latest run with A first (A produces, B consumes); the interop profile checks
both directions within a run, so a defective participant fails its whole row and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import yaml

from .._catalog.catalog import Catalog
from .._catalog.model import Profile, Verdict
from .._io.outputs import atomic_write
from .._run.plan import read_manifest
from .._run.verdicts import aggregate
from ..certification.plans import load_plan
from ..errors import HarnessInputError
from .history import FINISHED, History
from .runner import Job
from .spec import Programme
from .templating import templates
from .trust import PAIRS

GRID_JSON = "interop-grid.json"
GRID_HTML = "interop-grid.html"


def pair_roles(profile: Profile) -> tuple[str, str] | None:
    """A profile judged between two implementations: its two HTTP roles, in declared order
    (other roles it may take are optional: a pair run leaves them out); None for any other."""
    roles = [r for r, spec in profile.targets.items() if spec.kind == "http"]
    required = [r for r, spec in profile.targets.items() if not spec.optional]
    return (roles[0], roles[1]) if len(roles) == 2 and required == roles else None


def pair_profiles(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Every two-platform profile of the catalog and its two HTTP roles (parses every profile)."""
    return {profile.id: roles for profile in catalog.profiles.values() if (roles := pair_roles(profile))}


def pair_jobs(programme: Programme, catalog: Catalog, out: Path, history: History, rerun: bool) -> list[Job]:
    """A job per ordered pair of distinct participants that claim the same two-platform
    profiles (not yet run, unless ``rerun``). A participant whose manifest cannot be read
    is left out: its own run records why."""
    endpoints: dict[str, dict[str, dict[str, object]]] = {}  # participant -> profile -> its endpoint
    pairs: dict[str, tuple[str, str]] = {}  # a claimed two-platform profile -> its two roles
    for participant in programme.participants:
        try:
            manifest, _ = read_manifest(participant.manifest, catalog)
        except HarnessInputError:
            continue
        # only the claimed profiles are looked up: a lazy catalog (`programme run`'s) then parses
        # those, not every profile and the requirements each names (about 0.3 CPU-s a run); an
        # unknown one (its participant's own run is refused for it) is no pair profile
        for claim in manifest.profiles:
            profile = catalog.profiles.get(claim.id)
            roles = pair_roles(profile) if profile is not None else None
            if roles and roles[0] in manifest.targets:
                pairs[claim.id] = roles
                endpoints.setdefault(participant.id, {})[claim.id] = manifest.targets[roles[0]]
    # The plan's terms hold for a pair run when they are about its profiles only (a plan that
    # also requires other profiles could never be met by a pair's manifest).
    plan_profiles = set(load_plan(programme.plan, catalog).profiles) if programme.plan else set()
    jobs = []
    for a, mine in endpoints.items():
        for b, theirs in endpoints.items():
            shared = sorted(set(mine) & set(theirs))
            if a == b or not shared or (not rerun and history.finished("pair", a, b)):
                continue
            folder = out / PAIRS / f"{a}__{b}"
            folder.mkdir(parents=True, exist_ok=True)
            targets: dict[str, object] = {}
            owners: dict[str, str] = {}
            for profile_id in shared:
                first, second = pairs[profile_id]
                targets[first], targets[second] = mine[profile_id], theirs[profile_id]
                owners[first], owners[second] = a, b
            manifest_path = folder / "manifest.yaml"
            atomic_write(manifest_path, yaml.safe_dump({
                "product": {"name": f"{a} × {b}", "version": "interop", "vendor": programme.title},
                "profiles": [{"id": p} for p in shared],
                "targets": targets,
                "owners": owners,  # each target reads its owner's credentials, never the other's
            }, allow_unicode=True, sort_keys=False).encode())
            plan = programme.plan if plan_profiles and plan_profiles <= set(shared) else None
            credentials = tuple((p, var) for p in (a, b) for var in programme.participant(p).env)
            jobs.append(Job(kind="pair", participant=a, partner=b, manifest=manifest_path, folder=folder, plan=plan,
                            credentials=credentials))
    return jobs


def grid(history: History, out: Path) -> dict[str, Any]:
    """The grid from the history: each ordered pair's latest run, its verdict per requirement
    and overall (the worst; a run that did not finish is an error), and its report."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for row in history.latest_pairs():
        cell = cells.setdefault((row["participant"], row["partner"]), {
            "producer": row["participant"], "consumer": row["partner"], "run_id": row["run_id"],
            "status": row["status"], "requirements": {},
            "report": _relative(Path(row["report_dir"]) / "report.html", out),
        })
        if row["requirement"]:
            cell["requirements"][row["requirement"]] = row["verdict"]
    for cell in cells.values():
        verdicts = [Verdict(v) for v in cell["requirements"].values()]
        cell["verdict"] = (aggregate(verdicts).value if cell["status"] == FINISHED and verdicts
                           else Verdict.ERROR.value)
    participants = sorted({p for pair in cells for p in pair})
    return {"participants": participants, "cells": [cells[k] for k in sorted(cells)]}


def write_grid(data: dict[str, Any], out: Path, title: str) -> list[Path]:
    """The grid as JSON and as a small HTML table (rows produce, columns consume)."""
    json_path, html_path = out / GRID_JSON, out / GRID_HTML
    atomic_write(json_path, orjson.dumps({"programme": title, **data}, option=orjson.OPT_INDENT_2))
    env = templates()
    by_pair = {(c["producer"], c["consumer"]): c for c in data["cells"]}
    html = env.get_template("grid.html.j2").render(title=title, participants=data["participants"], cells=by_pair)
    atomic_write(html_path, html.encode())
    return [json_path, html_path]


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
