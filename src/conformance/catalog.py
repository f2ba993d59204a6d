"""The requirement catalog: requirements, profiles, schemas and the suites that test them.

Loading checks consistency and fails loudly (duplicate IDs, dangling references, an
automated requirement with no test, a test naming an unknown requirement). The catalog
digest identifies exactly what a run used.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import CatalogError, HarnessInputError
from .model import Profile, Requirement, Testing
from .schemas import BASE_URI, SchemaRegistry

REQUIREMENTS_SCHEMA = BASE_URI + "catalog/requirements.json"
PROFILE_SCHEMA = BASE_URI + "catalog/profile.json"
MANIFEST_SCHEMA = BASE_URI + "manifest/manifest.json"
REPORT_SCHEMA = BASE_URI + "report/report.json"

AREAS = ("identity", "assets", "interfaces", "terminal")
# What the digest covers: the files that decide what a run checks and how.
_DIGESTED = (("suites", ("*.yaml", "*.py")), ("schemas", ("*.json", "*.yaml")), ("profiles", ("*.yaml",)))


def default_root() -> Path:
    """Where the catalog lives: $CONFORMANCE_CATALOG, the installed package, or the checkout."""
    if env := os.environ.get("CONFORMANCE_CATALOG"):
        root = Path(env)
        if not (root / "suites").is_dir():
            raise HarnessInputError(f"CONFORMANCE_CATALOG={env}", "has no suites/ folder")
        return root
    here = Path(__file__).resolve().parent
    packaged = here / "_catalog"
    if (packaged / "suites").is_dir():
        return packaged
    checkout = here.parents[1]
    if (checkout / "suites").is_dir() and (checkout / "profiles").is_dir():
        return checkout
    raise CatalogError(str(here), "no catalog found", "reinstall the package")


def load_yaml(path: Path) -> Any:
    """Read a YAML (or JSON) file given to the harness; problems become one clear line."""
    if not path.is_file():
        raise HarnessInputError(str(path), "file does not exist", "check the path")
    try:
        with path.open("rb") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise HarnessInputError(where, f"not valid YAML: {problem}", "fix the syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HarnessInputError(str(path), f"cannot be read: {exc}") from None


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _requirement_markers(tree: ast.AST) -> Iterable[tuple[str, list[str]]]:
    """(test name, requirement IDs) for every ``@pytest.mark.requirement(...)`` use."""

    def ids(node: ast.expr) -> list[str]:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "requirement"
        ):
            return [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        return []

    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found = [i for d in node.decorator_list for i in ids(d)]
            if found:
                yield node.name, found


@dataclass
class Catalog:
    root: Path
    requirements: dict[str, Requirement]
    profiles: dict[str, Profile]
    schemas: SchemaRegistry
    tests: dict[str, list[str]] = field(default_factory=dict)
    digest: str = ""

    def requirement(self, requirement_id: str) -> Requirement:
        if requirement_id not in self.requirements:
            raise HarnessInputError(
                f"requirement {requirement_id}", "unknown", hint(requirement_id, self.requirements)
            )
        return self.requirements[requirement_id]

    def profile(self, profile_id: str) -> Profile:
        if profile_id not in self.profiles:
            raise HarnessInputError(f"profile {profile_id}", "unknown", hint(profile_id, self.profiles))
        return self.profiles[profile_id]

    def suite_dirs(self, requirement_ids: Iterable[str]) -> list[Path]:
        areas = sorted({self.requirements[r].area for r in requirement_ids})
        return [self.root / "suites" / area for area in areas]


def hint(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"did you mean {close[0]}? see `conformance list`"
    return "see `conformance list`"


def load_catalog(root: Path | None = None) -> Catalog:
    root = (root or default_root()).resolve()
    schemas = SchemaRegistry.from_directory(root / "schemas")
    for needed in (REQUIREMENTS_SCHEMA, PROFILE_SCHEMA, MANIFEST_SCHEMA, REPORT_SCHEMA):
        if needed not in schemas:
            raise CatalogError(str(root / "schemas"), f"missing schema {needed}")

    requirements: dict[str, Requirement] = {}
    where_defined: dict[str, str] = {}
    for area_dir in sorted(p for p in (root / "suites").iterdir() if p.is_dir()):
        path = area_dir / "requirements.yaml"
        if not path.is_file():
            continue
        rel = _relative(path, root)
        document = load_yaml(path)
        schemas.require_valid(document, REQUIREMENTS_SCHEMA, rel, "see schemas/catalog/requirements.json")
        if document["area"] != area_dir.name:
            raise CatalogError(rel, f"area {document['area']!r} does not match folder {area_dir.name!r}")
        for raw in document["requirements"]:
            req = Requirement(area=document["area"], **raw)
            if req.id in requirements:
                raise CatalogError(rel, f"duplicate requirement ID {req.id} (also in {where_defined[req.id]})")
            requirements[req.id] = req
            where_defined[req.id] = rel

    profiles: dict[str, Profile] = {}
    for path in sorted((root / "profiles").glob("*.yaml")):
        rel = _relative(path, root)
        document = load_yaml(path)
        schemas.require_valid(document, PROFILE_SCHEMA, rel, "see schemas/catalog/profile.json")
        profile = Profile(**document)
        if profile.id in profiles:
            raise CatalogError(rel, f"duplicate profile ID {profile.id}")
        for req_id in profile.all_requirements():
            if req_id not in requirements:
                raise CatalogError(rel, f"profile {profile.id} names unknown requirement {req_id}")
        for name, spec in profile.targets.items():
            if spec.adapter not in _adapter_names():
                raise CatalogError(rel, f"target {name}: unknown adapter {spec.adapter!r}")
        profiles[profile.id] = profile

    tests = _scan_tests(root, requirements)
    for req in requirements.values():
        if req.testing is Testing.AUTOMATED and not tests.get(req.id):
            raise CatalogError(
                where_defined[req.id], f"automated requirement {req.id} has no test",
                "add a test marked @pytest.mark.requirement or mark it manual",
            )
    return Catalog(root, requirements, profiles, schemas, tests, catalog_digest(root))


def _adapter_names() -> set[str]:
    from .adapters import available_adapters

    return set(available_adapters())


def _scan_tests(root: Path, requirements: dict[str, Requirement]) -> dict[str, list[str]]:
    tests: dict[str, list[str]] = {}
    for path in sorted((root / "suites").rglob("test_*.py")):
        rel = _relative(path, root)
        try:
            tree = ast.parse(path.read_bytes(), filename=rel)
        except SyntaxError as exc:
            raise CatalogError(f"{rel}:{exc.lineno}", f"syntax error: {exc.msg}") from None
        for name, ids in _requirement_markers(tree):
            for req_id in ids:
                if req_id not in requirements:
                    raise CatalogError(rel, f"test {name} names unknown requirement {req_id}")
                tests.setdefault(req_id, []).append(f"{rel}::{name}")
    return tests


def catalog_digest(root: Path) -> str:
    """sha256 over every catalog file, by relative path; line endings normalised."""
    return _digest_cached(root.resolve(), _fingerprint(root))


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (rel, p.stat().st_size, p.stat().st_mtime_ns) for rel, p in _digested_files(root)
    )


def _digested_files(root: Path) -> list[tuple[str, Path]]:
    files: dict[str, Path] = {}
    for folder, patterns in _DIGESTED:
        for pattern in patterns:
            for path in (root / folder).rglob(pattern):
                if "__pycache__" not in path.parts and not _is_test_material(path, root):
                    files[_relative(path, root)] = path
    return sorted(files.items())


def _is_test_material(path: Path, root: Path) -> bool:
    """Known-bad cases and fixtures prove that tests can fail; they decide no verdict."""
    parts = path.relative_to(root).parts
    return "fixtures" in parts or path.name == "known_bad.yaml"


@cache
def _digest_cached(root: Path, fingerprint: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for rel, path in _digested_files(root):
        digest.update(rel.encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()
