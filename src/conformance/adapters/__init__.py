"""Adapters: how the harness reaches an implementation.

This is the one seam where behaviour plugs in (like httpx transports). An adapter is a
class registered in the ``conformance.adapters`` entry-point group; the manifest names it
in each target's ``adapter`` field. It takes its configuration from the manifest (checked
against the schema named by ``config_schema``) and offers whatever the tests of its kind
need. The two built-in ones are ``file`` and ``http``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from ..errors import HarnessInputError

GROUP = "conformance.adapters"


@runtime_checkable
class Adapter(Protocol):
    kind: ClassVar[str]
    #: $id of the JSON Schema its manifest configuration must satisfy.
    config_schema: ClassVar[str]

    def __init__(self, role: str, config: Mapping[str, Any], context: AdapterContext) -> None: ...

    def preflight(self) -> None:
        """Raise TargetUnreachable (or HarnessInputError) if the target cannot be used."""

    def secrets(self) -> list[str]:
        """Values to redact from every piece of evidence."""

    def close(self) -> None: ...


class AdapterContext:
    """What an adapter may use from the run: where the manifest lives, the environment."""

    def __init__(self, manifest_path: Path, environ: Mapping[str, str]) -> None:
        self.manifest_path = manifest_path
        self.base_dir = manifest_path.parent
        self.environ = environ

    def where(self, role: str, *path: str | int) -> str:
        """A JSONPath into the manifest, for one-line error messages."""
        tail = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        return f"{self.manifest_path} at $.targets.{role}{tail}"


def _builtin() -> dict[str, Any]:
    from .file import FileAdapter
    from .http import HttpAdapter

    return {"file": FileAdapter, "http": HttpAdapter}


def available_adapters() -> dict[str, Any]:
    """Adapters by name: the entry-point group, with the built-ins always present."""
    found = _builtin()
    for ep in entry_points(group=GROUP):
        if ep.name not in found:
            found[ep.name] = ep.load()
    return found


def create_adapter(
    role: str, config: Mapping[str, Any], context: AdapterContext, schemas: Any
) -> Adapter:
    adapters = available_adapters()
    name = config.get("adapter")
    if name not in adapters:
        raise HarnessInputError(
            context.where(role, "adapter"),
            f"unknown adapter {name!r}",
            f"use one of: {', '.join(sorted(adapters))}",
        )
    cls = adapters[name]
    schemas.require_valid(dict(config), cls.config_schema, context.where(role), f"see {cls.config_schema}")
    adapter: Adapter = cls(role, config, context)
    return adapter
