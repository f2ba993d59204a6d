"""Change control of the requirements: what a version stands for, and the numbers a statement states.

``suites/versions.lock.json`` (:mod:`conformance._catalog.versions`) records, per requirement,
its version and a digest of what that version means: its level, its statement (and rules) in
both languages and the defaults of the profile parameters it reads. ``conformance catalog
lock`` records new requirements and new versions; it keeps the record of a requirement whose
version did not change (with the date the version was first recorded, which an assessment of
a manual requirement is not dated before), so a changed statement, level or default without a
version bump stays a lint finding (``version-bump``) until the version is raised. Each new
version's entry keeps its base, the last version recorded on an earlier day, and every version
is judged against it too: as large a step from the base as the change since the base asks.
``parameter-number``: a statement states the default of each parameter it reads (in the unit
its name gives); a number the default does not match is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .._catalog.versions import defaults_of, digest, parts, read_versions, today_iso

#: What each step of a requirement's version means: docs/drafting.md ("What a version step
#: means") states these very words, and the lint's ``version-bump`` fix quotes them.
STEPS = {
    "major": "a major step (1.4 -> 2.0) when the requirement is restated: a rule removed or renumbered, or its "
             "statement first split into rules, so that an earlier report's rule IDs no longer name the same "
             "obligations",
    "minor": "a minor step (1.4 -> 1.5) when what it asks changes: a rule added, a rule's obligation, a number "
             "or a parameter default changed (stricter or looser), or its level changed; rules count as the "
             "statement does",
    "patch": "a patch step (1.4 -> 1.4.1) when only the wording changes: the same rules, numbers, level and "
             "defaults",
}
_ORDER = ("patch", "minor", "major")


def version_problems(catalog: Catalog, req: Requirement, today: date | None = None) -> Iterator[tuple[str, str]]:
    """(problem, fix) when the requirement means something else than its recorded version, or
    its version is a smaller step than what changed since the version it steps from asks.

    A new version steps from the recorded one; and every version, recorded or new, steps from its
    base (the last version recorded on an earlier date, which landed): a rule removed at a
    second version the same day is a major step from the base even after a minor step that day."""
    recorded = read_versions(catalog).get(req.id)
    if not recorded:
        return
    if recorded.get("version") == (req.version or ""):
        if recorded.get("digest") != digest(catalog, req):
            yield (f"statement, level or a parameter default changed since version {req.version} was recorded",
                   f"raise version: {'; '.join(STEPS.values())}; then `conformance catalog lock`")
            return
        base = recorded.get("base")
    else:
        problem = _smaller_step(catalog, req, recorded, "")
        if problem:
            yield problem
            return
        # recorded on an earlier day, the recorded version is the base itself (judged above)
        base = recorded.get("base") if str(recorded.get("recorded", "")) >= today_iso(today) else None
    if isinstance(base, dict):
        problem = _smaller_step(catalog, req, base, f" ({BASE})")
        if problem:
            yield problem


#: docs/drafting.md's words ("What a version step means") for the version a day's versions step
#: from; the lint quotes them
BASE = "the last version recorded on an earlier day"


def _smaller_step(catalog: Catalog, req: Requirement, since: dict[str, object],
                  which: str) -> tuple[str, str] | None:
    """(problem, fix) when ``req``'s version is a smaller step from ``since`` than the change asks."""
    before = since.get("parts")
    if not isinstance(before, dict):  # recorded before the lock kept the parts: the step cannot be told
        return None
    needed, why = required_step(before, parts(catalog, req))
    taken = step(str(since.get("version", "")), req.version or "")
    if taken is not None and _ORDER.index(taken) < _ORDER.index(needed):
        return (f"version {since.get('version')}{which} -> {req.version} is a {taken} step, but {why}",
                f"take {STEPS[needed]}")
    return None


def _canonical(version: str) -> tuple[int, ...] | None:
    """``1.4`` as (1, 4, 0); None for what is not a version."""
    try:
        numbers = [int(x) for x in version.split(".")]
    except ValueError:
        return None
    return tuple(numbers + [0] * (3 - len(numbers)))


def required_step(before: dict[str, object], now: dict[str, object]) -> tuple[str, str]:
    """The least step the change from ``before`` to ``now`` (:func:`parts`) asks, and why."""
    old_rules, new_rules = (rules if isinstance(rules := side.get("rules"), dict) else {} for side in (before, now))
    gone = sorted(set(old_rules) - set(new_rules))
    if gone:
        return "major", f"rule {', '.join(gone)} was removed or renumbered"
    if new_rules and not old_rules:
        return "major", "the statement was first split into rules"
    added = sorted(set(new_rules) - set(old_rules))
    if added:
        return "minor", f"rule {', '.join(added)} was added"
    changed = [what for what in ("level", "numbers", "defaults") if before.get(what) != now.get(what)]
    if changed:
        return "minor", f"the {' and the '.join(changed)} changed"
    return "patch", "only the wording changed"


def step(old: str, new: str) -> str | None:
    """``major``, ``minor`` or ``patch``: which part of ``old`` ``new`` raised (None: not a raise)."""
    a, b = _canonical(old), _canonical(new)
    if a is None or b is None or b <= a:
        return None
    return _ORDER[2 - next(i for i in range(3) if b[i] != a[i])]


#: a number, its digits grouped by threes with spaces as GB 3101 writes them (86 400 is one number)
_NUMBER = re.compile(r"(?<![\w.`-])-?\d{1,3}(?: \d{3})+(?![\w`.])|(?<![\w.`-])-?\d+(?:\.\d+)?(?![\w`])")
_CODE = re.compile(r"`[^`]*`")
#: a parameter name's unit suffix -> the factors by which a statement may state its default
_SCALES = (("_ratio", (100.0, 1.0)), ("tolerance", (100.0, 1.0)), ("_m", (1000.0, 1.0)),
           ("_s", (1.0, 1000.0)), ("_ms", (1.0,)), ("_hz", (1.0,)), ("_bytes", (1.0,)), ("_mm", (1.0,)))


def number_problems(catalog: Catalog, req: Requirement) -> Iterator[tuple[str, str]]:
    """(problem, fix) for a parameter whose default the statement does not state.

    Only a statement that states numbers is held to it, and only for numeric defaults that
    every profile agrees on (a default varying by profile is stated in the notes)."""
    numbers = [float(n.replace(" ", "")) for n in _NUMBER.findall(_CODE.sub(" ", req.statement.en))]
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
