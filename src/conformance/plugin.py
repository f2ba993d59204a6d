"""The pytest plugin: options, markers and fixtures of a conformance run.

Registered through the ``pytest11`` entry point, so every pytest session in a vendor's
environment imports it: it imports nothing but pytest at load time, and stays inert
unless a run is active. A run is a :class:`~conformance._run.engine.Run`; it registers its
:class:`~conformance._run.session.ConformanceSession` with pytest, either because the CLI (or
Python code) drives it, or because pytest was given ``--conformance-manifest``, in which
case :func:`pytest_configure` starts the same Run from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._catalog.catalog import Catalog
    from ._catalog.model import Product
    from ._catalog.parameters import Parameters
    from ._catalog.schemas import SchemaRegistry
    from ._record.evidence import Evidence
    from ._run.fixturevalues import InteropMatrix, Targets
    from ._run.session import ConformanceSession

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "metaverse conformance runs")
    group.addoption("--conformance-manifest", metavar="FILE", help="run the suites against this manifest")
    group.addoption("--conformance-profile", action="append", default=[], metavar="ID",
                    help="only these claimed profiles")
    group.addoption("--conformance-out", metavar="DIR", help="write the report here")
    group.addoption("--conformance-lang", choices=("en", "zh"), default="en",
                    help="language of the HTML report (en, zh)")
    group.addoption("--conformance-plan", metavar="FILE",
                    help="the pilot program's certification plan (pins the catalog, sets parameters)")
    from ._run.budgets import DEFAULTS, megabytes, positive_seconds  # the standard library only

    prepare = DEFAULTS["prepare"]
    group.addoption("--conformance-prepare-time-limit", type=positive_seconds, default=prepare.seconds,
                    metavar="SECONDS", help=f"wall-clock bound on the run's preparation (manifest, plan, globs, "
                                            f"catalog; default {prepare.seconds:g}; 0: none); past it: one line, "
                                            "exit 3, no report")
    group.addoption("--conformance-prepare-memory-limit", type=megabytes, default=prepare.memory_mb, metavar="MB",
                    help=f"memory the run's preparation may add to what pytest holds, in MB (default "
                         f"{prepare.memory_mb}; 0: none); past it: one line, exit 3, no report")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "requirement(*ids): the requirement IDs this test checks")
    config.addinivalue_line("markers", "after_all: run after the other tests (checks over the whole run)")
    config.addinivalue_line("markers", "judges_any_status: the test judges 5xx/429 answers itself (a pass "
                                       "whose every answer was one is otherwise inconclusive)")
    manifest = config.getoption("--conformance-manifest", default=None)
    if manifest:
        from ._run.pytest_mode import PytestDriver
        from ._run.session import SESSION_PLUGIN

        if not config.pluginmanager.has_plugin(SESSION_PLUGIN):
            driver = PytestDriver(config, Path(manifest))
            config.pluginmanager.register(driver, "conformance-driver")
            if config.args_source is not pytest.Config.ArgsSource.ARGS:
                # No path given: the claimed profiles' suite modules of the installed catalog, in
                # any folder (a vendor's project has no suites/ of its own). importlib mode:
                # suite modules of different areas may share a file name.
                config.args = driver.suite_paths()
                config.option.importmode = "importlib"


def _session(request: pytest.FixtureRequest) -> ConformanceSession:
    from ._run.session import SESSION_PLUGIN

    session: ConformanceSession | None = request.config.pluginmanager.get_plugin(SESSION_PLUGIN)
    if session is None:
        pytest.fail(
            "conformance suites need a run: use `conformance run --manifest FILE` "
            "or pytest --conformance-manifest FILE", pytrace=False,
        )
    return session


@pytest.fixture(scope="session")
def conformance_session(request: pytest.FixtureRequest) -> ConformanceSession:
    return _session(request)


@pytest.fixture(scope="session")
def targets(conformance_session: ConformanceSession) -> Targets:
    """The manifest's targets by role (``targets["api"]``, ``targets["did_documents"]``)."""
    from ._run.fixturevalues import Targets

    return Targets(conformance_session.adapters, hidden=lambda: conformance_session.hidden_roles,
                   bound=lambda: conformance_session.bound_targets)


@pytest.fixture(scope="session")
def catalog(conformance_session: ConformanceSession) -> Catalog:
    """The requirement catalog of this run (requirements, profiles, schemas)."""
    return conformance_session.plan.catalog


@pytest.fixture(scope="session")
def schemas(conformance_session: ConformanceSession) -> SchemaRegistry:
    """The schema registry: validate with ``schemas.findings(instance, schema_id)``."""
    return conformance_session.schemas


@pytest.fixture(scope="session")
def features(conformance_session: ConformanceSession) -> frozenset[str]:
    """The optional features the manifest claims."""
    return frozenset(conformance_session.plan.features)


@pytest.fixture(scope="session")
def product(conformance_session: ConformanceSession) -> Product:
    """The product the manifest claims (name, version, vendor): what a target that describes
    itself is compared with."""
    return conformance_session.plan.manifest.product


@pytest.fixture
def params(request: pytest.FixtureRequest, conformance_session: ConformanceSession) -> Parameters:
    """The parameters of this test's case: the values its requirement's parameters resolve to
    in the claimed profiles the case judges (the profile's defaults, set by a plan, tightened
    by the manifest), read as ``params.name``; no fallbacks: a name the requirement does not
    take is an error verdict. A requirement whose profiles resolve them differently has one
    case each, and its test runs once per case (the session parametrizes this fixture)."""
    from ._run.requirementitems import requirement_ids

    return conformance_session.plan.case_parameters(requirement_ids(request.node))


@pytest.fixture
def interop(request: pytest.FixtureRequest, conformance_session: ConformanceSession,
            evidence: Evidence) -> InteropMatrix:
    """The interoperability matrix: ``interop.record("api", "api_b", "authenticate", ok)``."""
    from ._run.fixturevalues import InteropMatrix

    return InteropMatrix(conformance_session, request.node.nodeid, evidence)


@pytest.fixture
def evidence(request: pytest.FixtureRequest) -> Evidence:
    """Where the test records findings and notes; a recorded finding fails the test."""
    from ._run.session import evidence_of

    return evidence_of(request.node)
