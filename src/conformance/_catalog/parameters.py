"""A profile's parameters as a test sees them: stated once, in the profile.

The values come from the profile's ``parameters:`` declarations, set by a certification plan
within the profile's ``bounds`` and tightened by the manifest in the ``stricter`` direction
(:func:`resolve` checks both; :func:`conformance._run.plan.make_plan` calls it). A test reads ``params.name`` or
``params["name"]``; there is no fallback value in the test, so the profile's value is the
only one. Asking for a name the profile does not declare is a defect of the catalog (a
suite reads what its profile never declared): it raises :class:`UndeclaredParameter`, which
the plugin reports as an ``error`` verdict rather than letting the test guess a value.
"""

from __future__ import annotations

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


def bounds_problem(spec: ParameterSpec, value: Any) -> str | None:
    """Why a certification plan may not set ``value`` (None: it may)."""
    if spec.bounds is None or not _number(value):
        return None
    low, high = spec.bounds.min, spec.bounds.max
    if (low is not None and value < low) or (high is not None and value > high):
        return f"{value:g} is outside the profile's bounds [{'' if low is None else f'{low:g}'}, " \
               f"{'' if high is None else f'{high:g}'}]"
    return None


def _loosening(direction: str, name: str, reference: Any, set_by: str) -> tuple[str, str]:
    """(problem, fix) for a manifest value that does not tighten ``reference``."""
    whose = "profile" if set_by == PROFILE else "certification plan's"
    if direction == "none":
        return (f"{name} is not the manifest's to set ({whose} value {reference!r})",
                "only a certification plan may set it; remove it")
    verb = "lower" if direction == "lower" else "raise"
    if isinstance(reference, list):
        verb = "narrow" if direction == "lower" else "extend"
    return (f"this loosens {name} ({whose} value {reference!r}; a manifest may only {verb} it)",
            f"remove it, or {verb} it")


def resolve(
    profile: Profile,
    plan_values: Mapping[str, object],
    claim_values: Mapping[str, object],
    plan_where: Callable[[str], Location | str],
    claim_where: Callable[[str], Location | str],
) -> tuple[Parameters, dict[str, str]]:
    """The profile's parameters: its defaults, set by the certification plan within bounds,
    tightened by the manifest's claim. A value the plan sets for a parameter of direction
    ``any`` (a probe value deciding MUSTs: a known DID, an identity path) is fixed: the
    manifest may not change it. Returns the values and who set each (``profile``, ``plan``,
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
            try:
                value = typed_value(spec.default, value)
            except ValueError as exc:
                raise HarnessInputError(where(name), str(exc)) from None
            if spec.values is not None:
                problem = values_problem(spec.values, value)
                if problem:
                    raise HarnessInputError(where(name), problem, f"see `conformance show {profile.id}`")
            if source == PLAN:
                problem = bounds_problem(spec, value)
                if problem:
                    raise HarnessInputError(where(name), problem, f"choose a value within the bounds of {profile.id}")
            elif spec.direction == "any" and name in plan_values and value != values[name]:
                raise HarnessInputError(where(name), f"the certification plan fixes {name} at {values[name]!r}",
                                        "remove it from the manifest")
            elif not tightens(spec.direction, values[name], value):
                problem, fix = _loosening(spec.direction, name, values[name], set_by[name])
                raise HarnessInputError(where(name), problem, fix)
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
    hold: bounds on what is not a number, a default outside its own bounds, a direction
    on a value that has no order."""
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
            elif bounds_problem(spec, default):
                yield name, f"the default {default!r} lies outside its own bounds"
        ordered = isinstance(default, bool | int | float | list)
        if spec.stricter in ("lower", "higher") and not ordered:
            yield name, f"stricter: {spec.stricter} needs a number, a boolean or a list as default"
