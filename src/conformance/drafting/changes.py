"""Change control of the requirements: what a version stands for, and the numbers a statement states.

``suites/versions.lock.json`` (:mod:`conformance._catalog.versions`) records, per requirement,
its version and a digest of what that version means: its level, its statement (and rules) in
both languages and the defaults of the profile parameters it reads. ``conformance catalog
lock`` records new requirements and new versions; it keeps the record of a requirement whose
version did not change (with the date the version was first recorded, which an assessment of
a manual requirement is not dated before), so a changed statement, level or default without a
version bump stays a lint finding (``version-bump``) until the version is raised.
``parameter-number``: a statement states the default of each parameter it reads (in the unit
its name gives); a number the default does not match is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .._catalog.versions import defaults_of, digest, read_versions


def version_problems(catalog: Catalog, req: Requirement) -> Iterator[tuple[str, str]]:
    """(problem, fix) when the requirement means something else than its recorded version."""
    recorded = read_versions(catalog).get(req.id)
    if recorded and recorded.get("version") == (req.version or "") and recorded.get("digest") != digest(catalog, req):
        yield (f"statement, level or a parameter default changed since version {req.version} was recorded",
               "raise version (1.1 -> 1.2 for a clarification, 2.0 for a stricter rule), then "
               "`conformance catalog lock`")


_NUMBER = re.compile(r"(?<![\w.`-])-?\d+(?:\.\d+)?(?![\w`])")
_CODE = re.compile(r"`[^`]*`")
#: a parameter name's unit suffix -> the factors by which a statement may state its default
_SCALES = (("_ratio", (100.0, 1.0)), ("tolerance", (100.0, 1.0)), ("_m", (1000.0, 1.0)),
           ("_s", (1.0, 1000.0)), ("_ms", (1.0,)), ("_hz", (1.0,)), ("_bytes", (1.0,)), ("_mm", (1.0,)))


def number_problems(catalog: Catalog, req: Requirement) -> Iterator[tuple[str, str]]:
    """(problem, fix) for a parameter whose default the statement does not state.

    Only a statement that states numbers is held to it, and only for numeric defaults that
    every profile agrees on (a default varying by profile is stated in the notes)."""
    numbers = [float(n) for n in _NUMBER.findall(_CODE.sub(" ", req.statement.en))]
    if not numbers:
        return
    for name, by_profile in defaults_of(catalog, req).items():
        if not _threshold(catalog, req, name):
            continue
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in by_profile.values()):
            continue
        values = set(by_profile.values())
        if len(values) != 1:
            continue
        value = float(next(iter(values)))
        scales = next((s for suffix, s in _SCALES if name.endswith(suffix)),
                      next((s for suffix, s in _SCALES[:2] if suffix in name), ()))
        if not any(abs(value * scale - n) <= 1e-9 * max(1.0, abs(n)) for scale in scales for n in numbers):
            yield (f"statement.en states {', '.join(_fmt(n) for n in numbers)} but the default of {name} is "
                   f"{_fmt(value)}", "state the default (in the unit the statement uses), or change the default "
                   "and raise the version")


def _threshold(catalog: Catalog, req: Requirement, name: str) -> bool:
    """A parameter the statement is held to: a threshold (stricter lower or higher) of a unit
    (its name ends in one: _m, _ms, _ratio...) its notes name as the one that sets the
    statement's number; counts (how many assets or mutations a run tries) are not stated."""
    if not any(name.endswith(suffix) for suffix, _ in _SCALES) and not any(s in name for s, _ in _SCALES[:2]):
        return False
    named = req.notes is not None and re.search(rf"\b{re.escape(name)}\b", req.notes.en) is not None
    specs = [p.parameters[name] for p in catalog.profiles.values()
             if req.id in p.all_requirements() and name in p.parameters]
    return named and any(spec.stricter in ("lower", "higher") for spec in specs)


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else repr(number)
