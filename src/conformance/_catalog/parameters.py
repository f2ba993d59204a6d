"""A profile's parameters as a test sees them: stated once, in the profile.

The values come from the profile's ``parameters:`` declarations: a default is the value the
standard sets. A certification plan, then the manifest, may move a threshold only in its
``stricter`` direction from there, never past the strict end of its ``bounds``; a ``none``
parameter (a seed, a sample size, a procedure's number) is fixed by the standard and nobody
sets it; an ``any`` setting (where the product is) decides nothing and stays within its bounds
(:func:`resolve` checks all of it; :func:`conformance._run.plan.make_plan` calls it). A test reads ``params.name`` or
``params["name"]``; there is no fallback value in the test, so the profile's value is the
only one. Asking for a name the profile does not declare is a defect of the catalog (a
suite reads what its profile never declared): it raises :class:`UndeclaredParameter`, which
the plugin reports as an ``error`` verdict rather than letting the test guess a value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .._io.jsontypes import JsonValue
from ..errors import HarnessInputError, Location

if TYPE_CHECKING:
    from .model import ParameterSpec, Profile

#: who set a parameter's value, as the report says
PROFILE, PLAN, MANIFEST = "profile", "plan", "manifest"


class UndeclaredParameter(Exception):
    """A test asked for a parameter its requirement or profile does not declare (a catalog defect)."""

    def __init__(self, profile_id: str | None, name: str, requirement: str | None = None) -> None:
        self.profile_id, self.name, self.requirement = profile_id, name, requirement
        if profile_id is None:
            text = f"no claimed profile selects this test, so it has no parameter {name!r}"
        elif requirement is not None:
            text = (f"requirement {requirement} does not take parameter {name!r} "
                    f"(list it under the requirement's parameters: in its requirements.yaml)")
        else:
            text = (f"profile {profile_id} declares no parameter {name!r} "
                    f"(declare it under parameters: in profiles/{profile_id}.yaml)")
        super().__init__(text)


def _sample(items: Any) -> object:
    """What each item of a default list or mapping is typed as: its items' one type (None: mixed)."""
    kinds = {type(item) for item in items}
    return next(iter(items)) if len(kinds) == 1 else None


def typed_value(default: Any, value: Any) -> Any:
    """``value`` as the type the parameter declares through its default; ValueError if it is not.

    An integer is accepted where a float is declared (and becomes one); a bool is never a number.
    The items of a list, and the values of a mapping, are typed as the default's items are
    when they share one type (a mapping of grade -> list of names takes no bare name).
    """
    wanted = None if default is None else type(default)  # a default of None: any value
    if wanted is dict and type(value) is dict and default:
        return {key: typed_value(_sample(default.values()), item) for key, item in value.items()}
    if wanted is list and type(value) is list and default:
        return [typed_value(_sample(default), item) for item in value]
    if wanted is None or type(value) is wanted:
        return value
    if wanted is float and type(value) is int:
        return float(value)
    from .._io.printable import excerpt

    raise ValueError(f"expected {wanted.__name__}, got {excerpt(value)}")


class ParameterType(Exception):
    """A test read a parameter as a type its profile does not declare it as (a catalog defect,
    like :class:`UndeclaredParameter`: an ``error`` verdict, never a guess)."""

    def __init__(self, profile_id: str | None, name: str, wanted: str, value: object) -> None:
        super().__init__(f"parameter {name!r} of profile {profile_id} is read as {wanted}, but the profile "
                         f"declares {type(value).__name__} ({value!r:.60})")


class Parameters(Mapping[str, JsonValue]):
    """The parameter values of one claimed profile: read-only, typed as declared (each a JSON
    value of its declaration's type, :func:`typed_value`). A test reads ``params.name`` or,
    to say what it expects and have that checked, ``params.number("name")``,
    ``params.integer(...)``, ``params.text(...)``, ``params.flag(...)``, ``params.texts(...)``."""

    __slots__ = ("_profile_id", "_requirement", "_values")
    _profile_id: str | None
    _requirement: str | None
    _values: dict[str, JsonValue]

    def __init__(self, profile_id: str | None, values: Mapping[str, JsonValue], *,
                 requirement: str | None = None) -> None:
        """``profile_id`` None: no claimed profile selects the test (it has no parameters);
        ``requirement``: the values are a case's, of the parameters that requirement takes."""
        object.__setattr__(self, "_profile_id", profile_id)
        object.__setattr__(self, "_requirement", requirement)
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, name: str) -> JsonValue:
        try:
            return self._values[name]
        except KeyError:
            # not a KeyError, so that Mapping.get cannot turn the defect into a default
            raise UndeclaredParameter(self._profile_id, name, self._requirement) from None

    def __getattr__(self, name: str) -> JsonValue:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def number(self, name: str) -> float:
        """A number (an integer declaration reads as one too; a bool never does)."""
        value = self[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterType(self._profile_id, name, "a number", value)
        return float(value)

    def integer(self, name: str) -> int:
        value = self[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterType(self._profile_id, name, "an integer", value)
        return value

    def text(self, name: str) -> str:
        value = self[name]
        if not isinstance(value, str):
            raise ParameterType(self._profile_id, name, "a string", value)
        return value

    def flag(self, name: str) -> bool:
        value = self[name]
        if not isinstance(value, bool):
            raise ParameterType(self._profile_id, name, "a boolean", value)
        return value

    def texts(self, name: str) -> list[str]:
        value = self[name]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ParameterType(self._profile_id, name, "a list of strings", value)
        return [str(item) for item in value]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"parameters are read-only (set {name} in the manifest's profile claim)")

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Parameters({self._profile_id!r}, {self._values!r})"


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def tightens(direction: str, reference: object, value: object) -> bool:
    """``value`` is as strict as ``reference`` or stricter, in ``direction``.

    Numbers and booleans compare as numbers (true is higher than false); a list is higher
    when it holds every item of the reference (a superset), lower when it holds no other item.
    """
    if direction == "any":
        return True
    if value == reference:
        return True
    if direction not in ("lower", "higher"):
        return False
    if isinstance(reference, list) and isinstance(value, list):
        return all(r in value for r in reference) if direction == "higher" else all(v in reference for v in value)
    if isinstance(reference, bool | int | float) and isinstance(value, bool | int | float):
        return bool(value <= reference) if direction == "lower" else bool(value >= reference)
    return False


def _ranked(spec: ParameterSpec, value: object) -> Any:
    """A string of an enumerated parameter as its place in ``values.enum`` (listed from the
    loosest to the strictest, so a version such as VRM's "0.0" < "1.0" has an order); any other
    value as it is."""
    enum = (spec.values or {}).get("enum")
    if isinstance(value, str) and isinstance(enum, list) and value in enum:
        return enum.index(value)
    return value


def bounds_problem(spec: ParameterSpec, value: Any) -> str | None:
    """Why ``value`` lies outside the parameter's ``bounds`` (None: it does not, or none apply)."""
    if spec.bounds is None or not _number(value):
        return None
    low, high = spec.bounds.min, spec.bounds.max
    if (low is not None and value < low) or (high is not None and value > high):
        return f"{value:g} is outside the profile's bounds [{'' if low is None else f'{low:g}'}, " \
               f"{'' if high is None else f'{high:g}'}]"
    return None


def strict_end(spec: ParameterSpec) -> float | None:
    """How far a plan or a manifest may tighten a threshold: the end of its ``bounds`` in its
    ``stricter`` direction (the other end is the standard's value, its default)."""
    if spec.bounds is None:
        return None
    return spec.bounds.min if spec.direction == "lower" else spec.bounds.max if spec.direction == "higher" else None


def _verb(direction: str, reference: object) -> str:
    if isinstance(reference, list):
        return "narrow" if direction == "lower" else "extend"
    return "lower" if direction == "lower" else "raise"


def _loosening(spec: ParameterSpec, name: str, reference: object, set_by: str, source: str) -> tuple[str, str]:
    """(problem, fix) for a value ``source`` sets that does not tighten ``reference`` (set by
    ``set_by``): one line naming the parameter, the standard's value and the direction."""
    who = "a certification plan" if source == PLAN else "a manifest"
    if spec.direction == "none":
        return (f"{name} is fixed by the standard at {spec.default!r} (stricter: none): {who} may not set it",
                "remove it")
    verb = _verb(spec.direction, reference)
    plan_value = "" if set_by != PLAN else f", the certification plan's {reference!r}"
    return (f"this loosens {name} (the standard's value {spec.default!r}{plan_value}; "
            f"{who} may only {verb} it, stricter: {spec.direction})", f"remove it, or {verb} it")


def _past_strict_end(spec: ParameterSpec, name: str, value: Any) -> tuple[str, str] | None:
    """(problem, fix) for a tightening beyond the strictest value the profile allows."""
    end = strict_end(spec)
    if end is None or not _number(value):
        return None
    beyond = value < end if spec.direction == "lower" else value > end
    if not beyond:
        return None
    return (f"{value:g} tightens {name} past the strictest value the profile allows ({end:g}; "
            f"the standard's value {spec.default!r})", f"choose a value between {end:g} and {spec.default!r}")


def resolve(
    profile: Profile,
    plan_values: Mapping[str, object],
    claim_values: Mapping[str, object],
    plan_where: Callable[[str], Location | str],
    claim_where: Callable[[str], Location | str],
) -> tuple[Parameters, dict[str, str]]:
    """The profile's parameters: the standard's values (the profile's defaults), tightened by
    the certification plan, then by the manifest's claim, each only in the parameter's
    ``stricter`` direction and never past the strict end of its bounds. A ``none`` parameter
    is fixed: neither may set it. An ``any`` setting (where the product is: a path, a DID to
    probe) may be set by either within its bounds; a value the plan sets for one is fixed (the
    manifest may not change it). Returns the values and who set each (``profile``, ``plan``,
    ``manifest``). Any other move is bad input (:class:`HarnessInputError`), located by
    ``plan_where(name)`` or ``claim_where(name)``."""
    values = {name: spec.default for name, spec in profile.parameters.items()}
    set_by = dict.fromkeys(values, PROFILE)
    for source, given, where in ((PLAN, plan_values, plan_where), (MANIFEST, claim_values, claim_where)):
        for name, value in given.items():
            spec = profile.parameters.get(name)
            if spec is None:
                known = ", ".join(sorted(profile.parameters)) or "none"
                raise HarnessInputError(where(name), f"profile {profile.id} has no parameter {name!r}",
                                        f"known: {known}")
            if spec.direction == "none":  # before its type: a fixed number is refused whatever is given
                raise HarnessInputError(where(name), *_loosening(spec, name, values[name], set_by[name], source))
            try:
                value = typed_value(spec.default, value)
            except ValueError as exc:
                raise HarnessInputError(where(name), str(exc)) from None
            if spec.values is not None:
                problem = values_problem(spec.values, value)
                if problem:
                    raise HarnessInputError(where(name), problem, f"see `conformance show {profile.id}`")
            if spec.direction == "any":
                if source == MANIFEST and name in plan_values and value != values[name]:
                    raise HarnessInputError(where(name), f"the certification plan fixes {name} at {values[name]!r}",
                                            "remove it from the manifest")
                problem = bounds_problem(spec, value)
                if problem:
                    raise HarnessInputError(where(name), problem, f"choose a value within the bounds of {profile.id}")
            elif not tightens(spec.direction, _ranked(spec, values[name]), _ranked(spec, value)):
                raise HarnessInputError(where(name), *_loosening(spec, name, values[name], set_by[name], source))
            else:
                past = _past_strict_end(spec, name, value)
                if past:
                    raise HarnessInputError(where(name), *past)
            if value != values[name]:
                values[name], set_by[name] = value, source
    return Parameters(profile.id, values), set_by


def values_problem(schema: Mapping[str, Any], value: object) -> str | None:
    """Why ``value`` breaks a parameter's ``values`` schema (its most telling error), or None."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(dict(schema)).iter_errors(value))
    if error is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"{where + ': ' if where else ''}{error.message[:300]}"


def overrides(profile: Profile, values: Mapping[str, object], set_by: Mapping[str, str]) -> list[dict[str, object]]:
    """Every parameter whose value differs from the profile's default, and who set it."""
    return [
        {"name": name, "value": values[name], "default": spec.default, "set_by": set_by.get(name, MANIFEST)}
        for name, spec in profile.parameters.items()
        if name in values and values[name] != spec.default
    ]


def declaration_problems(profile: Profile) -> Iterator[tuple[str, str]]:
    """(name, problem) for each parameter declared so that its direction or bounds cannot
    hold: a threshold (``lower``/``higher``) whose default is no finite standard value or is
    not the loose end of its bounds, a number without the strict end of its bounds, bounds on
    what is not a number or on what nobody moves (``none``), an ``any`` number unbounded, a
    direction on a value that has no order."""
    for name, spec in profile.parameters.items():
        default = spec.default
        if spec.values is not None:
            from jsonschema import Draft202012Validator
            from jsonschema.exceptions import SchemaError

            try:
                Draft202012Validator.check_schema(spec.values)
            except SchemaError as exc:
                yield name, f"values is not a JSON Schema: {exc.message[:200]}"
        if spec.bounds is not None:
            if not _number(default):
                yield name, "bounds apply to numbers only"
                continue
            if bounds_problem(spec, default):
                yield name, f"the default {default!r} lies outside its own bounds"
                continue
        ordered = isinstance(_ranked(spec, default), bool | int | float | list)
        if spec.stricter in ("lower", "higher") and not ordered:
            yield name, (f"stricter: {spec.stricter} needs a number, a boolean, a list or a string of its "
                         "values.enum (loosest first) as default")
        if not _number(default):
            continue
        if not math.isfinite(default):
            yield name, f"the default {default!r} is no finite value the standard could set"
        elif spec.direction == "none" and spec.bounds is not None:
            yield name, "stricter: none is fixed by the standard: nobody moves it, so it takes no bounds"
        elif spec.direction == "any" and (spec.bounds is None or None in (spec.bounds.min, spec.bounds.max)):
            yield name, "a number of stricter: any needs bounds: {min, max} (a manifest sets it too)"
        elif spec.direction in ("lower", "higher"):
            loose = None if spec.bounds is None else (spec.bounds.max if spec.direction == "lower" else spec.bounds.min)
            if strict_end(spec) is None:
                side = "min" if spec.direction == "lower" else "max"
                yield name, f"a threshold needs the strict end of its bounds ({side}: the strictest value a plan may set)"
            elif loose is not None and loose != default:
                side = "max" if spec.direction == "lower" else "min"
                yield name, (f"the default {default!r} is not the loose end of its bounds ({side}: {loose:g}): "
                             f"the standard's value is the loosest a plan may set")
