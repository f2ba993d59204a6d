"""A profile's parameters as a test sees them: stated once, in the profile.

The values come from the profile's ``parameters:`` declarations, overridden by the manifest
(:func:`conformance.plan.make_plan` checks the overrides). A test reads ``params.name`` or
``params["name"]``; there is no fallback value in the test, so the profile's value is the
only one. Asking for a name the profile does not declare is a defect of the catalog (a
suite reads what its profile never declared): it raises :class:`UndeclaredParameter`, which
the plugin reports as an ``error`` verdict rather than letting the test guess a value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class UndeclaredParameter(Exception):
    """A test asked for a parameter its profile does not declare (a catalog defect)."""

    def __init__(self, profile_id: str | None, name: str) -> None:
        self.profile_id, self.name = profile_id, name
        super().__init__(
            f"no claimed profile selects this test, so it has no parameter {name!r}" if profile_id is None else
            f"profile {profile_id} declares no parameter {name!r} "
            f"(declare it under parameters: in profiles/{profile_id}.yaml)"
        )


def typed_value(default: Any, value: Any) -> Any:
    """``value`` as the type the parameter declares through its default; ValueError if it is not.

    An integer is accepted where a float is declared (and becomes one); a bool is never a number.
    """
    wanted = None if default is None else type(default)  # a default of None: any value
    if wanted is None or type(value) is wanted:
        return value
    if wanted is float and type(value) is int:
        return float(value)
    raise ValueError(f"expected {wanted.__name__}, got {value!r}")


class Parameters(Mapping[str, Any]):
    """The parameter values of one claimed profile: read-only, typed as declared."""

    __slots__ = ("_profile_id", "_values")

    def __init__(self, profile_id: str | None, values: Mapping[str, Any]) -> None:
        """``profile_id`` None: no claimed profile selects the test (it has no parameters)."""
        object.__setattr__(self, "_profile_id", profile_id)
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            # not a KeyError, so that Mapping.get cannot turn the defect into a default
            raise UndeclaredParameter(self._profile_id, name) from None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"parameters are read-only (set {name} in the manifest's profile claim)")

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Parameters({self._profile_id!r}, {self._values!r})"
