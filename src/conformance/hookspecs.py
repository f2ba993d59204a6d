"""What an area may bring to the harness: the hooks of the ``conformance.areas`` entry point.

An area is a module registered in the entry-point group ``conformance.areas`` (the built-in
areas, the packages of ``conformance.areas``, are registered the same way, in the harness's own
``pyproject.toml``)::

    [project.entry-points."conformance.areas"]
    acme = "acme_conformance.area"

The module implements some of the hooks below as plain functions marked with
:data:`hookimpl`, as a pytest plug-in does (pluggy is pytest's own plug-in system)::

    from conformance import hookimpl

    @hookimpl
    def conformance_area():
        return "acme"

An area implements only the hooks it needs; the harness calls every implementation and
combines the answers (:mod:`conformance._areas`). The module is imported whenever the
harness first needs any area (to render a message, draw a chart, start a run), so it should
import nothing heavy at module level: each hook imports what it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

import pluggy

if TYPE_CHECKING:
    import argparse

    from markupsafe import Markup
    from rich.console import Console

#: The name of the plug-in system: markers, entry-point group and hook names derive from it.
PROJECT = "conformance"

hookspec = pluggy.HookspecMarker(PROJECT)
#: Marks an area's hook implementations.
hookimpl = pluggy.HookimplMarker(PROJECT)

#: Draws one evidence item of kind ``series`` (its ``chart`` member names the renderer) with
#: the report's labels ``t``; None when the item holds nothing to draw. The markup must be
#: built from numbers and escaped text only.
ItemChart = Callable[[Mapping[str, object], Mapping[str, str]], "Markup | None"]
#: Draws a chart of the whole run from its report (a :class:`conformance._catalog.model.Report`),
#: with the labels ``t``; None when there is nothing to draw.
ReportChart = Callable[[object, Mapping[str, str]], "Markup | None"]
#: Runs ``conformance generate KIND``: the parsed arguments and the console; the exit code.
#: The first line of its docstring is its help in ``conformance generate --help``.
Generator = Callable[["argparse.Namespace", "Console"], int]


class Command(Protocol):
    """A command an area adds to the command line: ``conformance NAME ...``. ``help`` is its
    line in ``conformance --help``; ``add_arguments`` adds its options and subcommands to its
    parser; ``run`` takes the parsed arguments and the console and returns the exit code
    (bad input raised as :class:`conformance.errors.HarnessInputError`: one line, exit 2).
    It may also carry ``description``, ``example`` (a command line, or several one a line)
    and ``exits`` (``"exit codes:\n  0 ..."``) for its ``--help``, as the harness's own
    commands give (without them: its help line, ``conformance NAME --help``, 0 and 2); its
    subcommands' parsers take the same (argparse's ``description`` and ``epilog``)."""

    help: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace, console: Console) -> int: ...


class RunContext(Protocol):
    """What an area sees of a run that is about to start (``conformance_run_surroundings``):
    what it judges, what the manifest declared, the targets. Nothing else of the engine."""

    @property
    def selected(self) -> Collection[str]:
        """The IDs of the requirements the run judges (whatever decides them)."""

    @property
    def automated(self) -> Collection[str]:
        """The IDs of those of them its tests decide (the suites that will run)."""

    @property
    def jsonld_contexts(self) -> Mapping[str, object]:
        """The JSON-LD context documents the manifest declares (``jsonld_contexts``), by URL."""

    @property
    def targets(self) -> Mapping[str, object]:
        """The run's targets (its adapters, open), by role."""


@hookspec
def conformance_area() -> str:  # type: ignore[empty-body]
    """The area's name: its requirements' ``area``, its folder under ``suites/`` and
    ``profiles/``, and the prefix of its message keys."""


@hookspec
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:  # type: ignore[empty-body]
    """How the test specification (``catalog render``) and OSCAL name the area and describe its
    test environment: ``{"title": {"zh": ..., "en": ...}, "environment": {"zh": ..., "en": ...}}``,
    and optionally ``"scope": {"zh": ..., "en": ...}``, the words the specification's scope
    (clause 1) lists the area by, within a sentence (default: its title); and optionally
    ``"jsonld_contexts"``, the URLs (one a line) of the JSON-LD contexts the area's checks hold, which
    clause 5.1 lists; and optionally ``"own_jsonld_contexts"``, a JSON object (the same text in both
    languages) of the held contexts this project itself publishes, URL -> document, whose terms annex E
    gives. An area without one is named by its name, with a generic environment."""


@hookspec
def conformance_message_templates() -> Mapping[str, Path]:  # type: ignore[empty-body]
    """Message template files by key prefix: ``{"acme": path}`` makes the YAML file at
    ``path`` (``key: {en: ..., zh: ...}`` entries) the templates of the keys ``acme.<key>``.
    A file is read on the first use of its prefix; a prefix may be spread over several
    files (areas and plug-in catalogs), but a key is defined once."""


@hookspec
def conformance_charts() -> Mapping[str, ItemChart]:  # type: ignore[empty-body]
    """Renderers of evidence items of kind ``series``, by the item's ``chart`` member."""


@hookspec
def conformance_report_charts() -> Mapping[str, ReportChart]:  # type: ignore[empty-body]
    """Charts of a whole run, by name: the HTML report draws each in its own section, under
    the heading its label of that name gives."""


@hookspec
def conformance_labels() -> Mapping[str, Mapping[str, str]]:  # type: ignore[empty-body]
    """The area's labels of the report views, by language then key: ``{"en": {key: text},
    "zh": {key: text}}``: what its chart renderers read from ``t``, and the heading of each of
    its charts of a whole run (the chart's name is the key). A key is the harness's or one
    area's; a language the area does not give shows its English."""


@hookspec
def conformance_evidence_kinds() -> Mapping[str, Mapping[str, object]]:  # type: ignore[empty-body]
    """Evidence kinds the area's checks write, by ``kind``: each a JSON Schema (2020-12)
    fragment an item of that kind satisfies."""


@hookspec
def conformance_endpoints() -> Mapping[str, str]:  # type: ignore[empty-body]
    """The HTTP endpoints the area's tests call, by name: each a path template under a
    target's base URL (``/1.0/identifiers/{did}``; ``{name}`` a path segment the test fills
    in). A manifest's ``http`` target may move any of them (its ``paths``: name -> template
    with the same ``{...}`` names); the adapter then sends each request for the default path
    to the moved one. A name two areas give is an error."""


@hookspec
def conformance_corpora() -> Mapping[str, Path]:  # type: ignore[empty-body]
    """The reference corpora the area's tests present to a product (the phrases played to a voice device), by
    id: each a YAML file ``{id, languages: {lang: {unit, phrases: {phrase id: text}}}}`` (``unit``: ``character``
    or ``word``, the unit of the error rate scored against it). The draft's data formats annex tables each one,
    so that two laboratories present the same stimulus (forty-first reading a6). A name two areas give is an error."""


@hookspec
def conformance_xml_formats() -> Mapping[str, Path]:  # type: ignore[empty-body]
    """The XML formats the area's tests read that no JSON Schema states, by id: each a YAML file ``{title, read_as,
    found_by, lead, elements: {tag: {parents, required, attributes: {name: {required, numbers, unit, values,
    default, read_by}}}}}`` that the area's reader takes its element and attribute names from. The draft's data
    formats annex tables each one (forty-second reading a7: URDF was defined only in the bibliography). A name two
    areas give is an error."""


@hookspec
def conformance_run_surroundings(run: RunContext) -> Iterable[AbstractContextManager[object]]:  # type: ignore[empty-body]
    """What must hold while the suites of ``run`` run: context managers, entered in order
    before the first test and left after the last. A problem with what the manifest declared
    may be raised as :class:`conformance.errors.HarnessInputError` (the run stops: exit 2)."""


@hookspec
def conformance_commands() -> Mapping[str, Command]:  # type: ignore[empty-body]
    """Commands by name: ``conformance NAME`` runs one. A name the harness uses itself (run,
    validate, list...) or another area gives is an error."""


@hookspec
def conformance_generators() -> Mapping[str, Generator]:  # type: ignore[empty-body]
    """Synthetic-data generators by kind: ``conformance generate KIND`` calls one."""


@hookspec
def conformance_generator_options(kind: str, parser: argparse.ArgumentParser) -> None:
    """Add the command-line options of the generator ``kind`` to ``parser``, the parser of
    ``conformance generate KIND`` (``parser.add_argument(...)``), as pytest's
    ``pytest_addoption`` does. Called on the area whose ``conformance_generators`` gives
    ``kind`` only, and only when the command line asks for ``conformance generate``; the
    harness adds the command's time and memory limits itself."""


@hookspec
def conformance_environment(  # type: ignore[empty-body]  # a specification: pluggy calls the areas' hooks
        profiles: Collection[str], requirements: Collection[str]) -> Mapping[str, object]:
    """Facts about the tools the area judges with, for a run claiming ``profiles`` (the IDs of
    the area's profiles the run judges) and judging ``requirements`` (the area's requirements
    it selected). Called only for an area the run claims, once per run, before its first
    test. JSON values by name, shown in the report's ``environment`` under the area's name
    (an external validator's version and what it checks with). Cheap: read what is
    installed, never start a tool only to ask it. None or ``{}``: nothing."""


@hookspec
def conformance_instruments(path: Path, data: BinaryIO) -> Iterable[Mapping[str, object]] | None:
    """The instruments a data file read by a run declares, each ``{"stream", "pointer", "model",
    "serial", "uncertainty"}`` (``serial`` and ``uncertainty`` None when undeclared); None when the
    file is not one of the area's. Called once per file after the run's tests, only in a run that
    judged a measured requirement. ``data`` is the file, opened by the harness at its start (a
    regular file, inside the run's folder; the harness then hashes the same open file, so the
    declarations read are those of the bytes the laboratory record is compared with); ``path``
    names its format by its suffix and is never opened again. Reads the declarations only, within
    the area's caps."""


@hookspec
def conformance_warm() -> Iterable[AbstractContextManager[object]]:  # type: ignore[empty-body]
    """What a warm process (``conformance warm``) keeps ready for the runs it forks: context
    managers entered once when it starts (an external validator started and loaded), left
    when it stops. Each run forked from it then uses what they made as if it had made it,
    and must leave it as it found it (or the process starts them again)."""
