"""Adapters: how the harness reaches an implementation.

This is the one seam where behaviour plugs in (like httpx transports). An adapter is a
class registered in the ``conformance.adapters`` entry-point group; the manifest names it
in each target's ``adapter`` field. Its ``kind`` says which profile roles it can serve
(a profile binds a role to a kind, never to an adapter name). It takes its configuration
from the manifest, checked against ``config_schema``: the ``$id`` of a catalog schema, or
the schema document itself (with its ``$id``), which is registered when the adapter is
created. It offers what the tests of its kind need (:mod:`conformance._run.targets`) and declares
what it read (``subjects()``), which a signed run attests. The two built-in ones are
``file`` and ``http``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from .. import _areas
from .._areas import BUILTIN_ADAPTERS, adapter_kinds  # noqa: F401  (read from here too)
from ..errors import CatalogError, HarnessInputError, Location

if TYPE_CHECKING:
    from .._catalog.schemas import SchemaRegistry


@runtime_checkable
class Adapter(Protocol):
    #: Which profile roles it serves: ``http``, ``file``, or a kind of its own.
    kind: ClassVar[str]
    #: The JSON Schema its manifest configuration must satisfy: a $id, or the document.
    config_schema: ClassVar[str | Mapping[str, Any]]

    def __init__(self, role: str, config: Mapping[str, object], context: AdapterContext) -> None: ...

    def preflight(self) -> None:
        """Raise TargetUnreachable (or HarnessInputError) if the target cannot be used."""

    def secrets(self) -> list[str]:
        """Values to redact from every piece of evidence."""

    def subjects(self) -> list[dict[str, object]]:
        """In-toto subjects of everything it read during the run (each file with its SHA-256,
        each document fetched with the SHA-256 of its body...), as :mod:`conformance.certification.subjects`
        says; called once, after the suites ran and before :meth:`close`. A signed run's
        statement lists exactly these: what is not declared is not signed."""

    def close(self) -> None: ...


class AdapterContext:
    """What an adapter may use from the run: where the manifest lives, the environment."""

    def __init__(self, manifest_path: Path, environ: Mapping[str, str], run_deadline: float | None = None) -> None:
        self.manifest_path = manifest_path
        self.base_dir = manifest_path.parent
        self.environ = environ
        #: When the run's time budget is spent (``time.monotonic()``), or None: no exchange
        #: an adapter makes should last past it.
        self.run_deadline = run_deadline

    def where(self, role: str, *path: str | int) -> str:
        """A JSONPath into the manifest, for one-line error messages."""
        tail = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        return f"{self.manifest_path} at $.targets.{role}{tail}"


def _builtin(name: str) -> object:
    module, cls, _ = BUILTIN_ADAPTERS[name]
    return getattr(import_module(module), cls)


def available_adapters() -> dict[str, Any]:
    """Adapters by name: the entry-point group, with the built-ins always present."""
    return {**{name: _builtin(name) for name in BUILTIN_ADAPTERS}, **_areas.adapter_plugins()}


def adapter_class(name: object, where: Location | str) -> Any:
    """The adapter class a manifest target names, or one clear line."""
    if isinstance(name, str) and name in BUILTIN_ADAPTERS:
        return _builtin(name)
    adapters = available_adapters()
    if not isinstance(name, str) or name not in adapters:
        raise HarnessInputError(where, f"unknown adapter {name!r}", f"use one of: {', '.join(sorted(adapters))}")
    return adapters[name]


def adapters_of_kind(kind: str) -> list[str]:
    """Names of the adapters that can serve a role of this kind."""
    builtin = [name for name, (_, _, of_kind) in BUILTIN_ADAPTERS.items() if of_kind == kind]
    return sorted(builtin + [name for name, cls in _areas.adapter_plugins().items() if cls.kind == kind])


def config_schema_id(cls: Any, schemas: Any) -> str:
    """The $id of an adapter's configuration schema, registering it if the adapter carries it."""
    schema = cls.config_schema
    where = f"{cls.__module__}.{cls.__qualname__}.config_schema"
    if isinstance(schema, Mapping):
        return str(schemas.register(dict(schema), where))
    if schema not in schemas:
        raise CatalogError(where, f"no schema with $id {schema!r}", "ship the schema or give the document itself")
    return str(schema)


def contract_problem(cls: object) -> str | None:
    """What an adapter class lacks of the :class:`Adapter` protocol's methods, or None."""
    missing = [name for name in ("preflight", "secrets", "subjects", "close") if not callable(getattr(cls, name, None))]
    return f"has no {', '.join(f'{m}()' for m in missing)}" if missing else None


def create_adapter(
    role: str, config: Mapping[str, Any], context: AdapterContext, schemas: SchemaRegistry
) -> Adapter:
    cls = adapter_class(config.get("adapter"), context.where(role, "adapter"))
    problem = contract_problem(cls)
    if problem:
        raise CatalogError(f"adapter {config.get('adapter')} ({cls.__module__}.{cls.__qualname__})", problem,
                           "see docs/extending.md, 'Writing an adapter'")
    schema_id = config_schema_id(cls, schemas)
    from .._catalog.schemas import show_command

    schemas.require_valid(dict(config), schema_id, Location(str(context.manifest_path), ("targets", role)),
                          f"`{show_command(schema_id)}` lists the keys")
    adapter: Adapter = cls(role, config, context)
    return adapter
