"""Tables of requirement IDs in the project's Markdown docs, generated from the catalog.

A table is a region of a Markdown file between two comments, which say what it shows::

    <!-- catalog: profiles identity -->
    | profile | targets | requirements | parameters |
    ...
    <!-- /catalog -->

``profiles AREA``: each profile of the area (the area of its first requirement), its target
roles with their kinds, the requirements it selects (those of each feature after it) and
its parameters; ``requirements AREA``: each requirement of the area, in the order of its
``requirements.yaml``, with its level, title and the external standards it follows;
``profiles all``: every profile of the catalog, its area, the kinds of its targets and what
it checks (its description), the catalog's table in docs/catalog.md.
``conformance catalog docs`` rewrites the regions from the catalog (``--check``: only say
which files are stale); a test fails when the docs in the checkout are stale, so adding a
requirement never means editing a table by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .._catalog.catalog import Catalog
from .._catalog.model import Profile
from ..errors import HarnessInputError

_REGION = re.compile(r"(<!-- catalog: (?P<kind>[a-z]+) (?P<area>[A-Za-z0-9_-]+) -->\n)(?P<body>.*?)(<!-- /catalog -->)",
                     re.DOTALL)
KINDS = ("profiles", "requirements")


def id_ranges(ids: Iterable[str]) -> str:
    """IDs as a reader scans them: three or more consecutive numbers of one prefix as a
    range (``ID-DOC-001..003``), the rest one by one, in the order given."""
    runs: list[list[str]] = []
    for req_id in ids:
        prefix, _, number = req_id.rpartition("-")
        last = runs[-1][-1] if runs else None
        if last is not None and number.isdigit():
            last_prefix, _, last_number = last.rpartition("-")
            if last_prefix == prefix and last_number.isdigit() and int(number) == int(last_number) + 1:
                runs[-1].append(req_id)
                continue
        runs.append([req_id])
    return ", ".join(f"{run[0]}..{run[-1].rpartition('-')[2]}" if len(run) >= 3 else ", ".join(run)
                     for run in runs)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _value(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, int | float | str):
        return "null" if value is None else str(value)
    return None  # a list or a mapping: the profile file says it


def _area_of(catalog: Catalog, profile: Profile) -> str | None:
    ids = profile.all_requirements()
    return catalog.requirements[ids[0]].area if ids else None


def profiles_table(catalog: Catalog, area: str) -> str:
    rows = ["| profile | targets | requirements | parameters (default) |", "|---|---|---|---|"]
    for profile in sorted(catalog.profiles.values(), key=lambda p: p.id):
        if _area_of(catalog, profile) != area:
            continue
        targets = ", ".join(f"`{role}` ({spec.kind})" for role, spec in profile.targets.items())
        selected = [id_ranges(profile.requirements)]
        selected += [f"with `{name}`: {id_ranges(feature.requirements)}" for name, feature in profile.features.items()]
        parameters = []
        for name, spec in profile.parameters.items():
            shown = _value(spec.default)
            parameters.append(f"`{name}`" if shown is None else f"`{name}` {shown}")
        rows.append(f"| `{profile.id}` | {targets} | {_cell('; '.join(selected))} | {_cell(', '.join(parameters))} |")
    return "\n".join(rows) + "\n"


def _kinds(profile: Profile) -> str:
    """The profile's targets as a reader counts them: ``HTTP``, ``HTTP ×2``, ``files``."""
    counts: dict[str, int] = {}
    for spec in profile.targets.values():
        counts[spec.kind] = counts.get(spec.kind, 0) + 1
    shown = {"http": "HTTP", "file": "files"}
    return ", ".join(shown.get(kind, kind) + (f" ×{n}" if n > 1 and kind != "file" else "")
                     for kind, n in counts.items())


def catalog_table(catalog: Catalog) -> str:
    """Every profile, by area then ID: its targets and what it checks (its description, else its title)."""
    rows = ["| profile | area | targets | what it checks |", "|---|---|---|---|"]
    for profile in sorted(catalog.profiles.values(), key=lambda p: (_area_of(catalog, p) or "", p.id)):
        what = (profile.description or profile.title).en
        rows.append(f"| `{profile.id}` | {_area_of(catalog, profile) or ''} | {_kinds(profile)} | {_cell(what)} |")
    return "\n".join(rows) + "\n"


def requirements_table(catalog: Catalog, area: str) -> str:
    rows = ["| ID | level | title | standards |", "|---|---|---|---|"]
    for req in (r for r in catalog.requirements.values() if r.area == area):  # in the order of its file
        standards = ", ".join(dict.fromkeys(s.name for s in req.source.standards))
        rows.append(f"| {req.id} | {req.level.value} | {_cell(req.title.en)} | {_cell(standards)} |")
    return "\n".join(rows) + "\n"


def render_regions(catalog: Catalog, text: str, where: str = "") -> str:
    """``text`` with every generated region written anew from the catalog."""
    areas = {r.area for r in catalog.requirements.values()}

    def region(match: re.Match[str]) -> str:
        kind, area = match["kind"], match["area"]
        if kind not in KINDS:
            raise HarnessInputError(f"{where}: <!-- catalog: {kind} {area} -->", f"unknown table {kind!r}",
                                    f"one of: {', '.join(KINDS)}")
        if kind == "profiles" and area == "all":
            return f"{match.group(1)}{catalog_table(catalog)}{match.group(5)}"
        if area not in areas:
            raise HarnessInputError(f"{where}: <!-- catalog: {kind} {area} -->", f"no requirement has area {area!r}",
                                    f"one of: all (profiles), {', '.join(sorted(areas))}")
        table = profiles_table(catalog, area) if kind == "profiles" else requirements_table(catalog, area)
        return f"{match.group(1)}{table}{match.group(5)}"

    return _REGION.sub(region, text)


def documents(folder: Path) -> list[Path]:
    """The Markdown files of a folder that hold a generated table."""
    return [path for path in sorted(folder.glob("*.md")) if _REGION.search(path.read_text(encoding="utf-8"))]


def stale_documents(catalog: Catalog, paths: Iterable[Path]) -> dict[Path, str]:
    """The files whose tables differ from the catalog's, with their text as it should be."""
    stale = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        wanted = render_regions(catalog, text, str(path))
        if wanted != text:
            stale[path] = wanted
    return stale
