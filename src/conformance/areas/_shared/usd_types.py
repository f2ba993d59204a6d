"""What the USD worker (:mod:`.usd_worker`) calls on OpenUSD's objects, as protocols (pxr ships no type
information), and the request the harness sends it. Read by mypy only: the worker imports this module under
``TYPE_CHECKING``, so it still runs without the harness.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TypedDict


class SdfPath(Protocol):
    def IsPropertyPath(self) -> bool: ...


class AttributeSpec(Protocol):
    typeName: object
    default: object

    def HasDefaultValue(self) -> bool: ...


class Layer(Protocol):
    identifier: str
    customLayerData: Mapping[str, object]

    def GetAttributeAtPath(self, path: SdfPath) -> AttributeSpec | None: ...

    def QueryTimeSample(self, path: SdfPath, time: float) -> object: ...

    def ListTimeSamplesForPath(self, path: SdfPath) -> Iterable[float]: ...

    def Traverse(self, path: object, visit: Callable[[SdfPath], None]) -> None: ...


class Site(Protocol):
    """An UsdValidation error site: a prim, a property, or a spec in a layer."""

    def IsProperty(self) -> bool: ...

    def IsPrim(self) -> bool: ...

    def GetProperty(self) -> Described: ...

    def GetPrim(self) -> Described: ...

    def GetPropertySpec(self) -> Spec | None: ...

    def GetPrimSpec(self) -> Spec | None: ...

    def GetLayer(self) -> Layer | None: ...


class Described(Protocol):
    def GetPath(self) -> object: ...


class Spec(Protocol):
    path: object


class Prim(Protocol):
    def __bool__(self) -> bool: ...  # an invalid prim (no default prim) is false

    def GetPath(self) -> object: ...

    def GetName(self) -> str: ...

    def GetAssetInfo(self) -> Mapping[str, object]: ...

    def IsA(self, schema: object) -> bool: ...


class Stage(Protocol):
    def GetRootLayer(self) -> Layer: ...

    def GetDefaultPrim(self) -> Prim: ...

    def GetPseudoRoot(self) -> Prim: ...

    def Traverse(self, predicate: object) -> Iterable[Prim]: ...


class Request(TypedDict):
    """What the harness asks of the worker: a file, the folder it must stay in, the guards' caps."""

    path: str
    folder: str
    limits: dict[str, int]
