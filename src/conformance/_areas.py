"""The registry of what extends the harness through entry points: areas (the group
``conformance.areas``, whose hooks :mod:`conformance.hookspecs` defines), catalog folders
(``conformance.catalogs``), adapters (``conformance.adapters``: their names and the kinds of
target they serve; the adapters themselves are :mod:`conformance.adapters`) and the reference
implementation (``conformance.references``).

The core names no area. The built-in areas (the packages of ``conformance.areas``) are
registered in the harness's own ``pyproject.toml``, in the same group and with the same hooks
as a third-party area; this module loads them by entry point, on first use, and answers for
all of them together: the message templates of a key prefix, the chart renderers and their
labels, the evidence kinds, what surrounds a run, the generators and their options.

Nothing here imports the rest of the harness (only :mod:`conformance.errors`,
:mod:`conformance.hookspecs` and :mod:`conformance._entrypoints`, the scan it answers from),
so the lowest modules (:mod:`conformance.messages`) may ask it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from functools import cache
from importlib.metadata import EntryPoint
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, cast

import pluggy

from . import hookspecs
from ._entrypoints import installed_entry_points
from .errors import CatalogError, install_hint

if TYPE_CHECKING:
    import argparse

GROUP = "conformance.areas"
CATALOGS_GROUP = "conformance.catalogs"
REFERENCES_GROUP = "conformance.references"
ADAPTERS_GROUP = "conformance.adapters"


@cache
def _installed() -> dict[str, list[EntryPoint]]:
    """The installed packages' entry points of both groups, by name, read once for the areas
    and their templates (the catalog reads its own group again each time it is loaded)."""
    return {group: sorted(installed_entry_points(group), key=lambda e: e.name) for group in (GROUP, CATALOGS_GROUP)}


def _where(ep: EntryPoint) -> str:
    return f"entry point {ep.group}:{ep.name} = {ep.value}"


@cache
def manager() -> pluggy.PluginManager:
    """The plug-in manager with every installed area registered, in name order."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for ep in _installed()[GROUP]:
        try:
            area = ep.load()
        except Exception as exc:
            raise CatalogError(_where(ep), f"cannot be loaded: {type(exc).__name__}: {exc}",
                               "fix or uninstall the package") from None
        if pm.has_plugin(ep.name):
            raise CatalogError(_where(ep), f"two packages add an area named {ep.name}", "uninstall one")
        try:
            pm.register(area, name=ep.name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise CatalogError(_where(ep), f"cannot be registered: {exc}", "fix the package") from None
    try:
        pm.check_pending()  # a misspelled hook is an error, not a silence
    except pluggy.PluginValidationError as exc:
        raise CatalogError(f"entry point {GROUP}:{pm.get_name(exc.plugin)}", str(exc),
                           "name only hooks of conformance.hookspecs") from None
    return pm


def forget() -> None:
    """Load the areas again on next use, and the template files of areas and plug-in
    catalogs (after a package was installed or removed)."""
    for cached in (_installed, manager, descriptions, template_files, charts, report_charts, labels,
                   evidence_kinds, corpora, xml_formats, endpoints, _generators, _commands):
        cached.cache_clear()


def _answers(hook: str, only: str | None = None, **kwargs: object) -> Iterator[tuple[str, Any]]:
    """(area, answer) of each area implementing ``hook`` (or of the plug-in ``only``), in the
    order they were registered."""
    pm = manager()
    for impl in getattr(pm.hook, hook).get_hookimpls():
        if only is not None and impl.plugin_name != only:
            continue
        answer = impl.function(*(kwargs[name] for name in impl.argnames))
        if answer is not None:
            yield impl.plugin_name, answer


def _owned(hook: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The mappings the areas answer ``hook`` with, as one, and the plug-in giving each name;
    a name two areas give is an error."""
    merged: dict[str, Any] = {}
    owners: dict[str, str] = {}
    for area, answer in _answers(hook):
        for name, value in answer.items():
            if name in owners:
                raise CatalogError(f"entry point {GROUP}:{area}", f"{hook} gives {name!r}, which area "
                                   f"{owners[name]} gives too", "rename one of them")
            merged[name], owners[name] = value, area
    return merged, owners


def _merged(hook: str) -> dict[str, Any]:
    """The mappings the areas answer ``hook`` with, as one; a name two areas give is an error."""
    return _owned(hook)[0]


def areas() -> dict[str, str]:
    """Area name -> the name of the plug-in (entry point) that brings it."""
    return {name: plugin for plugin, name in _answers("conformance_area")}


@cache
def descriptions() -> dict[str, Mapping[str, Mapping[str, str]]]:
    """Area name -> its title and test environment (``conformance_area_description``)."""
    names = {plugin: name for plugin, name in _answers("conformance_area")}
    return {names[plugin]: answer for plugin, answer in _answers("conformance_area_description")
            if plugin in names}


@cache
def template_files() -> dict[str, tuple[Path, ...]]:
    """Key prefix -> the template files of that prefix the areas bring, then those of the
    catalog ``CONFORMANCE_CATALOG`` names and of plug-in catalogs (``<catalog>/messages/<prefix>.yaml``:
    ``conformance new requirement`` writes a new requirement's template into the catalog it
    scaffolds, never into the installed package). A file several areas bring (the templates of
    code they share) is listed once."""
    found: dict[str, list[Path]] = {}
    for _, answer in _answers("conformance_message_templates"):
        for prefix, path in answer.items():
            if Path(path) not in found.setdefault(prefix, []):
                found[prefix].append(Path(path))
    chosen = [Path(env)] if (env := os.environ.get("CONFORMANCE_CATALOG")) else []
    for root in [*chosen, *plugin_catalogs(_installed()).values()]:
        for path in sorted((root / "messages").glob("*.yaml")):
            found.setdefault(path.stem, []).append(path)
    return {prefix: tuple(paths) for prefix, paths in found.items()}


@cache
def charts() -> dict[str, hookspecs.ItemChart]:
    """Renderers of ``series`` evidence items, by the item's ``chart``."""
    return _merged("conformance_charts")


@cache
def report_charts() -> dict[str, hookspecs.ReportChart]:
    """Charts of a whole run, by name (in name order)."""
    return dict(sorted(_merged("conformance_report_charts").items()))


@cache
def labels() -> dict[str, dict[str, str]]:
    """The labels the areas bring for the report views, by language then key; a key two areas
    give is an error."""
    merged: dict[str, dict[str, str]] = {}
    owners: dict[str, str] = {}
    for area, answer in _answers("conformance_labels"):
        for lang, texts in answer.items():
            for key, text in texts.items():
                if owners.setdefault(key, area) != area:
                    raise CatalogError(f"entry point {GROUP}:{area}", f"conformance_labels gives {key!r}, which "
                                       f"area {owners[key]} gives too", "rename one of them")
                merged.setdefault(str(lang), {})[str(key)] = str(text)
    return merged


@cache
def evidence_kinds() -> dict[str, Mapping[str, Any]]:
    """JSON Schema fragments of the evidence kinds areas add, by kind."""
    return _merged("conformance_evidence_kinds")


@cache
def corpora() -> dict[str, Path]:
    """The areas' reference corpora by id (``conformance_corpora``): the YAML file of each."""
    return {str(name): Path(path) for name, path in _merged("conformance_corpora").items()}


@cache
def xml_formats() -> dict[str, Path]:
    """The areas' XML formats by id (``conformance_xml_formats``): the YAML file describing each."""
    return {str(name): Path(path) for name, path in _merged("conformance_xml_formats").items()}


@cache
def endpoints() -> dict[str, str]:
    """The areas' HTTP endpoints by name: the default path template of each
    (``conformance_endpoints``), which a manifest's ``http`` target may move (``paths``)."""
    return {str(name): str(path) for name, path in _merged("conformance_endpoints").items()}


@cache
def _generators() -> tuple[dict[str, hookspecs.Generator], dict[str, str]]:
    return _owned("conformance_generators")


def generators() -> dict[str, hookspecs.Generator]:
    """``conformance generate KIND`` commands, by kind."""
    return dict(_generators()[0])


@cache
def _commands() -> tuple[dict[str, hookspecs.Command], dict[str, str]]:
    return _owned("conformance_commands")


def commands() -> dict[str, hookspecs.Command]:
    """The commands the areas add (``conformance NAME``), by name."""
    return dict(_commands()[0])


def add_generator_options(kind: str, parser: argparse.ArgumentParser) -> None:
    """The options of ``conformance generate KIND``, added to its parser by the area that
    brings the generator (``conformance_generator_options``)."""
    list(_answers("conformance_generator_options", only=_generators()[1][kind], kind=kind, parser=parser))


def environment(claimed: Mapping[str, tuple[list[str], list[str]]]) -> dict[str, dict[str, Any]]:
    """Each claimed area's facts about its tools (``conformance_environment``), by area name;
    only the areas named are asked, each with its own (profiles, requirements)."""
    plugins = areas()
    facts: dict[str, dict[str, Any]] = {}
    for area in sorted(claimed):
        if area not in plugins:
            continue
        profiles, requirements = claimed[area]
        for _, answer in _answers("conformance_environment", only=plugins[area], profiles=profiles,
                                  requirements=requirements):
            if answer:
                facts.setdefault(area, {}).update(answer)
    return facts


def warm_resources() -> list[AbstractContextManager[object]]:
    """What the areas keep ready in a warm process (``conformance_warm``), in the order to enter it."""
    found: list[AbstractContextManager[object]] = []
    for _, answer in _answers("conformance_warm"):
        found.extend(answer)
    return found


def instruments(path: Path, data: BinaryIO) -> list[dict[str, Any]] | None:
    """The instruments the first area that reads ``path`` says it declares (``conformance_instruments``),
    each area handed ``data`` at its start."""
    for impl in manager().hook.conformance_instruments.get_hookimpls():
        data.seek(0)
        answer = cast("Iterable[Mapping[str, object]] | None", impl.function(
            *({"path": path, "data": data}[name] for name in impl.argnames)))
        if answer is not None:
            return [dict(item) for item in answer]
    return None


def run_surroundings(run: hookspecs.RunContext) -> list[AbstractContextManager[object]]:
    """What the areas need to hold while ``run``'s suites run, in the order to enter it."""
    found: list[AbstractContextManager[object]] = []
    for _, answer in _answers("conformance_run_surroundings", run=run):
        found.extend(answer)
    return found


#: The built-in adapters (:mod:`conformance.adapters`), by name: (module, class, kind). Each is
#: imported only when a run uses it: the ``http`` one brings in httpx, which a run over files
#: alone need not load. Other adapters come through the ``conformance.adapters`` entry points.
BUILTIN_ADAPTERS: dict[str, tuple[str, str, str]] = {
    "file": ("conformance.adapters.file", "FileAdapter", "file"),
    "http": ("conformance.adapters.http", "HttpAdapter", "http"),
}


def adapter_plugins() -> dict[str, Any]:
    """The entry-point group's adapters, by name (a built-in's name is never taken over)."""
    found: dict[str, object] = {}
    for ep in installed_entry_points(ADAPTERS_GROUP):
        if ep.name not in BUILTIN_ADAPTERS and ep.name not in found:
            found[ep.name] = ep.load()
    return found


def adapter_kinds() -> set[str]:
    """The kinds of target every available adapter serves (the built-ins' without importing
    them): what a profile's targets may name."""
    return {kind for _, _, kind in BUILTIN_ADAPTERS.values()} | {cls.kind for cls in adapter_plugins().values()}


def plugin_catalogs(installed: Mapping[str, list[EntryPoint]] | None = None) -> dict[str, Path]:
    """The catalog folders packages add, by entry-point name: among ``installed``, or else
    as installed now (:func:`installed_entry_points`, as the catalog is loaded). An entry point resolves to a folder
    (a path, or a package whose folder it is) or to a callable returning one."""
    found: dict[str, Path] = {}
    listed = installed[CATALOGS_GROUP] if installed is not None else installed_entry_points(CATALOGS_GROUP)
    for ep in sorted(listed, key=lambda e: e.name):
        where = _where(ep)
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


class ReferenceImplementation(Protocol):
    """What an entry point of ``conformance.references`` resolves to (an object or a module):
    all the core asks of a reference implementation (``conformance serve``, ``conformance
    demo``, the lint of known-bad cases). The harness's own is ``builtin``."""

    #: The defects it can plant, by name -> what each breaks.
    DEFECTS: Mapping[str, str]
    #: Its sample data: ``SAMPLES/<target role>/*`` are good files for the file roles.
    SAMPLES: Path

    def create_app(self, defects: object = ()) -> object:
        """An ASGI app, with these defects (names of :attr:`DEFECTS`) planted."""

    def serve(self, app: object) -> AbstractContextManager[str]:
        """Serve ``app`` on 127.0.0.1 and a free port in the background; the context yields its
        base URL. A reference that names a :meth:`trust_anchor` also takes ``tls=True`` (an
        https URL, its chain leading to that anchor): ``conformance demo`` asks for it."""

    def run(self, app: object, host: str, port: int, ready: Callable[[str], None] | None = None) -> None:
        """Serve ``app`` in the foreground until interrupted; ``ready(url)`` once it accepts
        connections (a reference without the parameter: ``conformance serve`` says it is
        ready as it starts it). The builtin serves TLS here."""

    # Optional: ``trust_anchor() -> Path``, the CA certificate (PEM) its TLS servers chain to,
    # which ``conformance serve --ca-file`` copies and ``conformance demo`` names as the
    # manifest's ``ca_bundle``; a reference without it serves what it serves, named by no CA.


#: The names a reference implementation answers with (:class:`ReferenceImplementation`).
REFERENCE_NAMES = ("DEFECTS", "SAMPLES", "create_app", "serve", "run")
#: The entry point of ``conformance.references`` used unless ``CONFORMANCE_REFERENCE`` names another.
BUILTIN_REFERENCE = "builtin"
#: How the harness's own reference implementation is installed.
REFERENCE_EXTRA = install_hint("reference")


class ReferenceUnavailable(Exception):
    """No reference implementation can be loaded: ``reason`` says why, ``fix`` what to do."""

    def __init__(self, reason: str, fix: str) -> None:
        self.reason, self.fix = reason, fix
        super().__init__(f"{reason} ({fix})")


def reference_implementation() -> ReferenceImplementation:
    """The reference implementation the entry point ``conformance.references:<name>`` gives
    (``CONFORMANCE_REFERENCE``, else ``builtin``), loaded each time it is asked for (a package
    installed since is seen). Raises :class:`ReferenceUnavailable` when it is not installed,
    its libraries are missing (the harness's own without the ``reference`` extra) or it lacks
    what the core asks of it."""
    name = os.environ.get("CONFORMANCE_REFERENCE") or BUILTIN_REFERENCE
    found = {ep.name: ep for ep in installed_entry_points(REFERENCES_GROUP)}
    if name not in found:
        others = ", ".join(sorted(found))
        raise ReferenceUnavailable(f"no entry point {REFERENCES_GROUP}:{name} is installed",
                                   f"set CONFORMANCE_REFERENCE to one of: {others}" if others else REFERENCE_EXTRA)
    ep = found[name]
    try:
        reference = ep.load()
    except ImportError as exc:
        missing = (exc.name or "a library").split(".")[0]
        raise ReferenceUnavailable(f"{missing} is not installed",
                                   REFERENCE_EXTRA if name == BUILTIN_REFERENCE else
                                   f"install what {ep.value} needs") from None
    except Exception as exc:
        raise ReferenceUnavailable(f"{_where(ep)} cannot be loaded: {type(exc).__name__}: {exc}",
                                   "fix or uninstall the package") from None
    lacking = [attribute for attribute in REFERENCE_NAMES if not hasattr(reference, attribute)]
    if lacking:
        raise ReferenceUnavailable(f"{_where(ep)} has no {', '.join(lacking)}",
                                   "see docs/extending.md, 'The reference implementation'")
    return cast(ReferenceImplementation, reference)
