"""The requirement catalog: requirements, profiles, schemas and the suites that test them.

The catalog is the checkout's (or the installed package's) folder, merged with every folder
a package adds through the ``conformance.catalogs`` entry-point group. Loading checks what
it can without importing a test (duplicate IDs, profiles naming unknown requirements or
target kinds, schema references that do not resolve) and fails loudly; ``conformance lint``
(:mod:`conformance.drafting.keys`) checks the rest. The catalog digest identifies exactly what
decided a run's verdicts.
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from .._areas import adapter_kinds, plugin_catalogs
from .._entrypoints import one_scan
from .._io.inputs import MAX_INPUT_BYTES, check_input_file, check_numbers
from .._io.vendorfiles import open_regular
from .._io.yamlload import YamlLimit, load_limited
from ..errors import CatalogError, HarnessInputError
from . import held as held_catalogs
from .cache import CatalogDocuments, cache_dir, catalog_roots
from .digest import PACKAGE_DIR, Identity, catalog_digest, identity, settled, walk_files
from .files import Definitions
from .lock import has_suites, lock_path, read_lock, shown_nodes
from .model import Profile, Requirement
from .schemas import BASE_URI, SchemaRegistry

REQUIREMENTS_SCHEMA = BASE_URI + "catalog/requirements.json"
PROFILE_SCHEMA = BASE_URI + "catalog/profile.json"
MANIFEST_SCHEMA = BASE_URI + "manifest/manifest.json"
REPORT_SCHEMA = BASE_URI + "report/report.json"

#: Names pytest would load as test code or configuration: refused under a ``fixtures`` folder.
COLLECTED_NAMES = ("test_*.py", "*_test.py", "conftest.py")


def default_root() -> Path:
    """Where the catalog lives: $CONFORMANCE_CATALOG, the installed package, or the checkout."""
    if env := os.environ.get("CONFORMANCE_CATALOG"):
        root = Path(env)
        if not (root / "suites").is_dir():
            raise HarnessInputError(f"CONFORMANCE_CATALOG={env}", "has no suites/ folder")
        return root
    packaged = Path(__file__).resolve().parent / "shipped"
    if (packaged / "suites").is_dir():
        return packaged
    here = PACKAGE_DIR
    checkout = here.parents[1]
    if (checkout / "suites").is_dir() and (checkout / "profiles").is_dir():
        return checkout
    raise CatalogError(str(here), "no catalog found", "reinstall the package")


def load_yaml_kept(path: Path) -> Any:
    """:func:`load_yaml` for a catalog file that lint, coverage and the docs read again and
    again in one process (drafting tables, known-bad cases): the same bytes are checked
    against the limits and parsed once per process (:func:`conformance._io.yamlload.parse_kept`),
    each call getting objects of its own."""
    return load_yaml(path, _never_passed)


def _never_passed(_data: bytes) -> bool:
    return False  # no record of these bytes: the limits walk runs (once per process for them)


def _character_at(path: Path, line: int, column: int) -> str | None:
    """The character at (0-based) ``line`` and ``column`` of a file given to the harness:
    the one the YAML parser stopped at (libyaml's message does not name it)."""
    try:
        with open_regular(path, max_bytes=MAX_INPUT_BYTES) as handle:
            for number, text in enumerate(handle):
                if number == line:
                    found = text.decode("utf-8", "replace")
                    return found[column] if column < len(found) else None
    except (OSError, HarnessInputError):
        return None
    return None


def load_yaml(path: Path, passed_before: Callable[[bytes], bool] | None = None) -> Any:
    """Read a YAML (or JSON) file given to the harness, within limits of size, depth and
    aliases (:mod:`conformance._io.yamlload`; ``passed_before`` as there); problems become one
    clear line."""
    check_input_file(path)
    try:
        with open_regular(path, max_bytes=MAX_INPUT_BYTES) as handle:  # a FIFO swapped in: refused
            return load_limited(handle, passed_before)
    except YamlLimit as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise HarnessInputError(where, f"YAML over the harness's limits: {exc.problem}",
                                exc.fix or "write the values out without deep nesting or aliases") from None
    except yaml.reader.ReaderError:  # bytes that are not text (YAML is UTF-8 or UTF-16)
        where, problem = _undecodable(path)
        raise HarnessInputError(where, f"not UTF-8 text: {problem}", "save the file as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        fix = "fix the syntax"
        if "\\t" in problem or "tab character" in problem or (mark is not None and "cannot start any token" in problem
                                 and _character_at(path, mark.line, mark.column) == "\t"):
            problem = "a tab in the indentation"
            fix = f"indent with spaces, line {mark.line + 1}" if mark else "indent with spaces"
        raise HarnessInputError(where, f"not valid YAML: {problem}", fix) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HarnessInputError(str(path), f"cannot be read: {exc}") from None
    except RecursionError:  # a limit missed: still one line, never a traceback
        raise HarnessInputError(str(path), "YAML nested too deeply", "flatten it") from None
    except ValueError as exc:  # a value PyYAML matched but cannot build (a 30 February, a huge integer)
        from .._io.printable import excerpt

        raise HarnessInputError(str(path), f"a value cannot be read: {excerpt(str(exc))}",
                                "write it as a valid value or quote it") from None


def _undecodable(path: Path) -> tuple[str, str]:
    """Where (path:line:column) the first byte that is not UTF-8 is, and which byte."""
    try:
        data = path.read_bytes()  # within the input size cap: load_yaml checked it
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return f"{path}:{line}:{column}", f"byte 0x{data[exc.start]:02x} cannot be decoded"
    except OSError:
        pass
    return str(path), "a character cannot be decoded"


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


@dataclass
class Catalog:
    root: Path
    #: requirement ID -> requirement (a :class:`~conformance._catalog.files.Definitions`
    #: when loaded by :func:`load_catalog`: files parsed as lookups need them)
    requirements: Mapping[str, Requirement]
    profiles: Mapping[str, Profile]
    schemas: SchemaRegistry
    digest: str = ""
    #: Every catalog folder: ``catalog`` (the root), ``catalogs/<entry point>`` (plug-ins).
    roots: dict[str, Path] = field(default_factory=dict)
    #: requirement ID -> the requirements.yaml defining it (its folder is its suite)
    requirement_files: Mapping[str, Path] = field(default_factory=dict)
    #: profile ID -> its file
    profile_files: Mapping[str, Path] = field(default_factory=dict)
    _markers: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    #: the target kinds the adapters served when its first profile was checked (empty: none yet)
    kinds: set[str] = field(default_factory=set, repr=False, compare=False)

    def requirement(self, requirement_id: str) -> Requirement:
        if requirement_id not in self.requirements:
            raise HarnessInputError(
                f"requirement {requirement_id}", "unknown", hint(requirement_id, self.requirements)
            )
        return self.requirements[requirement_id]

    def profile(self, profile_id: str) -> Profile:
        if profile_id not in self.profiles:
            raise HarnessInputError(f"profile {profile_id}", "unknown", hint(profile_id, self.profiles, "conformance list profiles"))
        return self.profiles[profile_id]

    def normative_requirements(self, profile: Profile) -> list[str]:
        """The requirements of a profile that decide a claim of conformance to it: normative
        (``stable``, or without a status in a catalog without maturity) and of a level its pass
        rule requires, and not ``measures: declared`` (what a product declares about itself decides
        no claim, whatever its level). A profile with none cannot be claimed for conformance (clause
        14 of the specification says so, and a certification plan naming it is refused)."""
        levels = set(profile.pass_rule.require)
        return [r for r in profile.all_requirements() if r in self.requirements
                and self.requirements[r].status in (None, "stable") and self.requirements[r].level in levels
                and self.requirements[r].measures != "declared"]

    def suite_dirs(self, requirement_ids: Iterable[str]) -> list[Path]:
        """The suite folders testing these requirements, whichever catalog folder they are in."""
        return sorted({self.requirement_files[r].parent for r in requirement_ids})

    def suite_modules(self, requirement_ids: Iterable[str]) -> list[Path]:
        """What a run of these requirements collects: the suite modules whose tests decide
        them, as the test locks record them, so that a run imports no other suite module (nor
        the libraries those use); the whole suite folder of a requirement the locks name no
        existing module for (or of a catalog folder without a lock). ``conformance catalog
        lock``, which writes the locks, collects the folders."""
        wanted = set(requirement_ids)
        modules: set[Path] = set()
        covered: set[str] = set()
        for folder in self.roots.values():
            try:
                lock = read_lock(folder, self.display(lock_path(folder))) if has_suites(folder) else {}
            except CatalogError:  # no lock (yet): the folders, as `catalog lock` collects them
                continue
            for node, ids in lock.items():
                if not wanted.intersection(ids):  # most nodes, in a run of a few requirements: no path made
                    continue
                module = folder / "suites" / node.split("::")[0]
                if module.is_file():
                    modules.add(module)
                    covered.update(ids)
        folders = set(self.suite_dirs(wanted - covered))
        return sorted(folders | {m for m in modules if not any(m.is_relative_to(f) for f in folders)})

    def display(self, path: Path) -> str:
        """A catalog file as a user finds it: relative to the root, else in full."""
        return _relative(path, self.root) if path.is_relative_to(self.root) else str(path)

    def reread_lock(self) -> None:
        """Read the test locks again at the next :attr:`markers` (``catalog lock`` rewrites
        them; the digest does not cover them): for a catalog given again (held.py)."""
        self._markers = None

    @property
    def markers(self) -> dict[str, list[str]]:
        """test node ID -> the requirement IDs its markers name, as each catalog folder's test
        lock records it (:mod:`conformance._catalog.lock`; read once, no test module imported).
        A missing lock is a CatalogError naming the fix, ``conformance catalog lock``."""
        if self._markers is None:
            locks = {folder: read_lock(folder, self.display(lock_path(folder)))
                     for folder in self.roots.values() if has_suites(folder)}
            self._markers = shown_nodes(self.roots, locks)
        return self._markers

    @property
    def tests(self) -> dict[str, list[str]]:
        """requirement ID -> the node IDs of the tests marked with it (unknown IDs included)."""
        tests: dict[str, list[str]] = {}
        for node, ids in self.markers.items():
            for req_id in ids:
                tests.setdefault(req_id, []).append(node)
        return tests


def hint(name: str, known: Iterable[str], see: str = "conformance list requirements") -> str:
    """What to do about an unknown name: the closest known one, and a command that lists them all."""
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"did you mean {close[0]}? see `{see}`"
    return f"see `{see}`"


@one_scan()  # its asks for plug-in catalogs and adapters: one fingerprint of the packages
def load_catalog(root: Path | None = None, *, plugins: Mapping[str, Path] | None = None,
                 lazy: bool = False) -> Catalog:
    """The catalog at ``root`` merged with the plug-in catalogs (default: the installed ones).

    ``lazy``: parse a requirement or profile file only when a lookup needs what it defines
    (:mod:`conformance._catalog.files`): a run of one area's profiles parses that area's
    requirements and those profiles, not the rest. Without it every file is parsed and
    checked here. Either way the digest covers every byte of the catalog."""
    root = (root or default_root()).resolve()
    found = plugin_catalogs() if plugins is None else plugins
    added = {name: Path(folder).resolve() for name, folder in found.items()}
    roots = catalog_roots(root, added)  # as the cache's key names them (CatalogDocuments.of_catalog too)
    for folder in roots.values():
        refuse_fixture_tests(folder)
    digest = catalog_digest(root, plugins=added)
    held_key = (tuple(roots.items()), lazy, cache_dir())
    keep = KEEP_LOADED or held_catalogs.wanted()
    if keep and _still_holds(held := held_catalogs.kept(held_key), digest):
        held.reread_lock()
        return held
    # Checked once per digest (catalog_cache.py): a hit skips meta-validation, never parsing.
    cache = CatalogDocuments.open(digest, roots)
    schemas = SchemaRegistry.from_directories((r / "schemas" for r in roots.values()), cache.checked_before)
    for needed in (REQUIREMENTS_SCHEMA, PROFILE_SCHEMA, MANIFEST_SCHEMA, REPORT_SCHEMA):
        if needed not in schemas:
            raise CatalogError(str(root / "schemas"), f"missing schema {needed}")
    if not cache.checked:  # the schemas' $refs: checked before anything is parsed against them
        for problem in schema_problems_of(schemas, root):
            raise problem
    catalog = Catalog(root, {}, {}, schemas, digest, roots)
    display = catalog.display
    kinds = catalog.kinds

    def requirements_of(path: Path) -> Iterator[tuple[str, Requirement]]:
        rel = display(path)
        document = _checked_document(cache, schemas, path, REQUIREMENTS_SCHEMA, rel,
                                     "see schemas/catalog/requirements.json")
        if document["area"] != path.parent.name:
            raise CatalogError(rel, f"area {document['area']!r} does not match folder {path.parent.name!r}")
        for raw in document["requirements"]:
            yield raw["id"], Requirement(area=document["area"], **raw)
        if lazy:  # a full load saves once, at its end
            cache.save()

    def profiles_of(path: Path) -> Iterator[tuple[str, Profile]]:
        rel = display(path)
        document = _checked_document(cache, schemas, path, PROFILE_SCHEMA, rel, "see schemas/catalog/profile.json")
        profile = Profile(**document)
        kinds.update(kinds or adapter_kinds())  # read once a load
        for problem in profile_problems(profile, rel, catalog.requirements, kinds):
            raise problem
        yield profile.id, profile
        if lazy:
            cache.save()

    requirement_files = [d / "requirements.yaml" for r in roots.values() for d in _subfolders(r / "suites")
                         if (d / "requirements.yaml").is_file()]
    profile_files = [p for r in roots.values() for p in sorted((r / "profiles").glob("*.yaml"))]
    requirements = Definitions(requirement_files, requirements_of, kind="requirement", display=display)
    profiles = Definitions(profile_files, profiles_of, kind="profile", display=display)
    catalog.requirements, catalog.requirement_files = requirements, requirements.files
    catalog.profiles, catalog.profile_files = profiles, profiles.files
    if not lazy:
        requirements.load_all()
        profiles.load_all()
    cache.save()
    if KEEP_LOADED and lazy:  # everything parsed now, once for all the runs the process forks
        requirements.load_all()
        profiles.load_all()
    if keep:
        held_catalogs.keep(held_key, catalog)
    return catalog


def _still_holds(held: object, digest: str) -> TypeGuard[Catalog]:
    """Whether a kept catalog is what a load would make now (held.py): the same digest, the
    same target kinds for its profiles, nothing registered in its schemas since."""
    if not isinstance(held, Catalog) or held.digest != digest or held.schemas.registered:
        return False
    if held.kinds:  # its profiles were checked against these kinds: they must still be the ones
        try:
            return adapter_kinds() == held.kinds
        except Exception:  # a broken adapter: a fresh load says so where it says it
            return False
    return True


#: Set by a warm process (cli/warm.py): every loaded catalog is kept and given again while its
#: digest (every byte of every file) is the same (held.py), a lazy one parsed whole first. Each
#: run is a forked child, so what a run changes in it stays in that run. Elsewhere a catalog is
#: kept only while a command runs (``held.holding``, the CLI's): other loads are fresh catalogs.
KEEP_LOADED = False


def _checked_document(cache: CatalogDocuments, schemas: SchemaRegistry, path: Path, schema_id: str, rel: str,
                      fix: str) -> Any:
    """A requirement or profile file, parsed, and valid against its schema (checked only
    when the cache has no record of these very bytes passing)."""
    checked: list[bool] = []

    def passed_before(data: bytes) -> bool:  # the bytes parsed, read once
        checked.append(cache.checked_before(path, data))
        return checked[-1]

    document = load_yaml(path, passed_before)
    if not checked or not checked[0]:  # the same bytes passed all of this before: skipped
        check_numbers(document, rel)  # before the schema: NaN passes every range check, and bounds
        schemas.require_valid(document, schema_id, rel, fix)
    return document


def profile_problems(
    profile: Profile, rel: str, requirements: Mapping[str, Requirement], kinds: set[str]
) -> Iterator[CatalogError]:
    """A profile's dangling keys: requirement IDs and target kinds."""
    for req_id in profile.all_requirements():
        if req_id not in requirements:
            yield CatalogError(rel, f"profile {profile.id} names unknown requirement {req_id}",
                               hint(req_id, requirements))
            continue
        for name in requirements[req_id].parameters:  # each case of the requirement needs its value
            if name not in profile.parameters:
                yield CatalogError(f"{rel} at $.parameters", f"{req_id} takes parameter {name!r}, "
                                   f"which profile {profile.id} does not declare", f"declare {name} under parameters:")
    for name, spec in profile.targets.items():
        if spec.kind not in kinds:
            yield CatalogError(f"{rel} at $.targets.{name}.kind", f"no adapter serves targets of kind {spec.kind!r}",
                               f"known kinds: {', '.join(sorted(kinds))}")
    from .parameters import declaration_problems

    for name, problem in declaration_problems(profile):
        yield CatalogError(f"{rel} at $.parameters.{name}", problem)


def schema_problems(catalog: Catalog) -> Iterator[CatalogError]:
    """Every ``$ref`` of every schema resolves in the registry (never over the network)."""
    return schema_problems_of(catalog.schemas, catalog.root)


def schema_problems_of(schemas: SchemaRegistry, root: Path) -> Iterator[CatalogError]:
    for schema_id, pointer, ref in schemas.unresolved_refs():
        path = schemas.files.get(schema_id)
        where = (_relative(path, root) if path.is_relative_to(root) else str(path)) if path else schema_id
        yield CatalogError(f"{where} at {pointer or '/'}", f"$ref {ref!r} does not resolve",
                           "point it at a schema $id of the catalog")


def _subfolders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def refuse_fixture_tests(root: Path) -> None:
    """A test module (or conftest) under a suite's ``fixtures`` folder would be collected by
    pytest as a test of the suite while looking like data: refused when the catalog loads.

    Within a process a catalog found clean is not walked again while every folder under its
    suites/ keeps its identity (a folder's times move whenever an entry is added, removed or
    renamed in it), as the digest's walk (digest.py ``_files``): one ``stat`` a folder, not a
    listing and a match of every name. A walk that met a folder changed a moment ago, or a
    symbolic link, is not remembered."""
    key = str(root)
    kept = _clean_walks.get(key)
    if kept is not None and all(identity(folder) == found for folder, found in kept):
        return
    started_ns = time.time_ns()
    walked: list[tuple[str, Identity | None]] = []
    for rel, entry in walk_files(root, "suites", walked):
        if "fixtures" in rel.split("/")[:-1] and any(fnmatchcase(entry.name, p) for p in COLLECTED_NAMES):
            raise CatalogError(rel, "a test module under a fixtures folder",
                               "move it beside requirements.yaml, or rename it (fixtures hold data)")
    _clean_walks.pop(key, None)
    if all(settled(found, started_ns) for _, found in walked):
        if len(_clean_walks) >= 64:  # tests write hundreds of small catalogs
            _clean_walks.pop(next(iter(_clean_walks)))
        _clean_walks[key] = tuple(walked)


#: root -> (folder, identity) of every folder under its suites/ when it was last found clean
_clean_walks: dict[str, tuple[tuple[str, Identity | None], ...]] = {}
