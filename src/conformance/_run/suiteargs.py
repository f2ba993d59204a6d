"""The command line a run gives pytest: which suites, with which configuration and plugins."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .._catalog.catalog import Catalog


def pytest_args(catalog: Catalog, requirement_ids: Iterable[str], extra: Iterable[str] = (), *,
                modules: bool = False, paths: Iterable[Path] | None = None) -> list[str]:
    """The arguments a run gives pytest: the suites testing these requirements (their
    folders, or with ``modules`` only the modules the test locks name for them:
    :meth:`Catalog.suite_modules`), with the suites' own configuration (never the vendor's),
    none of pytest's terminal output, and only this plugin: whatever other pytest plugins the
    vendor's environment holds stay out of a run (they could change what runs, and loading
    them costs seconds). ``paths``, when given, are what is collected instead."""
    root = catalog.root
    if paths is None:
        paths = catalog.suite_modules(requirement_ids) if modules else catalog.suite_dirs(requirement_ids)
    return [
        *[str(p) for p in paths],
        "--disable-plugin-autoload",
        "-p", "conformance.plugin",
        "--rootdir", str(root),
        "-c", str(Path(__file__).parents[1] / "suites.ini"),
        "--confcutdir", str(root / "suites"),
        "--import-mode=importlib",
        "-p", "no:cacheprovider",
        "-p", "no:terminal",
        "-p", "no:stepwise",
        # pytest's views and tools a run never uses (junitxml alone imports xml.etree)
        "-p", "no:junitxml",
        "-p", "no:doctest",
        "-p", "no:pastebin",
        "-p", "no:setuponly",
        "-p", "no:setupplan",
        # fixtures and tools no suite uses: pdb and readline, unittest, tmp_path, monkeypatch, ...
        "-p", "no:debugging",
        "-p", "no:unittest",
        "-p", "no:legacypath",
        "-p", "no:tmpdir",
        "-p", "no:monkeypatch",
        "-p", "no:recwarn",
        "-p", "no:subtests",
        *extra,
    ]
