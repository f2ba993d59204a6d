"""The catalog folders installed packages add, through the ``conformance.catalogs`` entry-point group.

Kept apart from :mod:`conformance.catalog` so that what needs only the folders (the message
templates of plug-in catalogs, :mod:`conformance.messages`) does not load the catalog.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from .errors import CatalogError

CATALOGS_GROUP = "conformance.catalogs"


def plugin_catalogs() -> dict[str, Path]:
    """The catalog folders packages add, by entry-point name. An entry point resolves to a
    folder (a path, or a package whose folder it is) or to a callable returning one."""
    found: dict[str, Path] = {}
    for ep in sorted(entry_points(group=CATALOGS_GROUP), key=lambda e: e.name):
        where = f"entry point {CATALOGS_GROUP}:{ep.name} = {ep.value}"
        try:
            value = ep.load()
            if callable(value):
                value = value()
            folder = _module_folder(value) if isinstance(value, ModuleType) else Path(value)
        except Exception as exc:
            raise CatalogError(where, f"cannot be loaded: {type(exc).__name__}: {exc}",
                               "fix or uninstall the package") from None
        if not ((folder / "suites").is_dir() or (folder / "profiles").is_dir()):
            raise CatalogError(where, f"{folder} has neither suites/ nor profiles/", "point it at a catalog folder")
        folder = folder.resolve()
        if ep.name in found and found[ep.name] != folder:
            raise CatalogError(where, f"two packages add a catalog named {ep.name} ({found[ep.name]})")
        found[ep.name] = folder
    return found


def _module_folder(module: ModuleType) -> Path:
    """The folder of a package (also a namespace package, which has no ``__file__``)."""
    if module.__file__:
        return Path(module.__file__).parent
    return Path(next(iter(module.__path__)))
