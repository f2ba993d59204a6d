"""What the IFC checks read of IfcOpenShell's objects, as Protocols (IfcOpenShell is imported
only by the checks that run, when they run: a start's cost).

IfcOpenShell's ``entity_instance`` reads an entity's attributes by name (``wall.Name``) and by
position (``relation[4]``) at run time, whatever the schema; a value is what the attribute's
EXPRESS type gives: another entity, a tuple (an aggregate), a string, a number, a boolean, or
None (:data:`Value`). A check narrows a value before it relies on its shape (:func:`is_entity`,
:func:`entities`, ``isinstance``): a model whose attribute holds what its schema does not say
is judged, never an AttributeError.
"""

from __future__ import annotations

from typing import Protocol, TypeAlias, TypeGuard, overload

#: an attribute's value as IfcOpenShell gives it
Value: TypeAlias = "Entity | tuple[Value, ...] | str | int | float | bool | None"


class Entity(Protocol):
    """An entity instance of a model (``ifcopenshell.entity_instance``)."""

    @overload
    def is_a(self) -> str:
        """The entity's class (``IfcWall``)."""

    @overload
    def is_a(self, name: str) -> bool:
        """Whether the entity is an instance of class ``name`` or a subclass of it."""

    @overload
    def is_a(self, with_schema: bool) -> str:
        """The entity's class with its schema (``IFC4.IfcWall``)."""


    def id(self) -> int:
        """The instance's step id (``#42``)."""
        ...

    def __getattr__(self, name: str) -> Value: ...

    def __getitem__(self, index: int) -> Value: ...


class Model(Protocol):
    """An IFC model as IfcOpenShell opens it (``ifcopenshell.file``)."""

    #: the schema the file declares, as IfcOpenShell names it (``IFC4``, ``IFC2X3``)
    schema_identifier: str

    def by_type(self, name: str) -> tuple[Entity, ...]:
        """Every instance of class ``name`` and of its subclasses."""
        ...



class ReadStatus(Protocol):
    """How the reader ended reading a file (``ifcopenshell.file_open_status``): true when it read it."""

    def __bool__(self) -> bool: ...

    def value(self) -> int: ...


class FileSchema(Protocol):
    """The header's FILE_SCHEMA entity, as the reader read it."""

    schema_identifiers: tuple[str, ...] | None


class ReadHeader(Protocol):
    """The header section of a file the reader read."""

    file_schema: FileSchema


class ReadModel(Model, Protocol):
    """A model as the reader parsed it from text, before its status is known (``ifcopenshell.file.from_string``)."""

    header: ReadHeader

    def post_init(self) -> None: ...

    def good(self) -> ReadStatus: ...

def is_entity(value: object) -> TypeGuard[Entity]:
    """``value`` is an entity instance (not a string, a number, a tuple or None)."""
    return hasattr(value, "is_a") and hasattr(value, "id") and not isinstance(value, str | tuple)


def entities(value: Value) -> list[Entity]:
    """The entities of an aggregate attribute (none when it is unset or not an aggregate)."""
    return [item for item in value if is_entity(item)] if isinstance(value, tuple) else []
