"""metaverse-conformance: conformance tests for metaverse interoperability standards.

This module is the harness's public surface: what suites, plug-in areas, adapters and
Python callers may import. Load the catalog, run a manifest, read the report; write a
suite (messages, evidence, verdict exceptions, target protocols); plug in an area
(:data:`hookimpl`, see :mod:`conformance.hookspecs`) or an adapter (:class:`HttpAdapter`,
:class:`FileAdapter`, :class:`AdapterContext`). Beside it, :mod:`conformance.area` (what an area's code uses
beyond this surface: hook types, parsing within the harness's caps, schemas, chart helpers),
:mod:`conformance.codecs` (the public standards' encodings: JCS, multibase keys, TOTP) and,
for an area's own suite, its package ``conformance.areas.<area>``. Every other module is private: its names may change
in any release (``tests/house/test_public_surface.py`` fails when a suite or the docs import one).

>>> from conformance import load_catalog, run
>>> result = run("acme.yaml", out_dir="reports/acme")   # doctest: +SKIP
>>> result.exit_code, result.report.profiles[0].outcome  # doctest: +SKIP

Names are imported on first use, so that importing the package (as every pytest session
does through the plugin) costs almost nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    BeyondReadingBound,
    FileRefused,
    HarnessInputError,
    Inconclusive,
    NonConformance,
    NotApplicable,
    NotRun,
    TargetUnreachable,
)

if TYPE_CHECKING:
    from ._catalog.catalog import Catalog, load_catalog
    from ._catalog.model import Outcome, Product, Report, Verdict
    from ._catalog.parameters import Parameters
    from ._catalog.schemas import ecma_regex
    from ._record.evidence import Evidence, discarding, recording
    from ._record.evidence import current as current_evidence
    from ._record.findings import Finding
    from ._run.aggregation import replay_file
    from ._run.engine import Run, RunResult, run
    from ._run.fixturevalues import InteropMatrix, Targets
    from ._run.targets import FileTarget, HttpTarget
    from ._run.verdicts import judgeable, precondition, undeclared
    from .adapters import AdapterContext
    from .adapters.file import FileAdapter
    from .adapters.http import HttpAdapter, is_loopback_host
    from .hookspecs import hookimpl
    from .messages import Message, alternatives, msg, reason

#: public name -> (the module that defines it, its name there)
_LAZY = {
    "AdapterContext": ("adapters", "AdapterContext"),
    "FileAdapter": ("adapters.file", "FileAdapter"),
    "HttpAdapter": ("adapters.http", "HttpAdapter"),
    "is_loopback_host": ("adapters.http", "is_loopback_host"),
    "replay_file": ("_run.aggregation", "replay_file"),
    "Catalog": ("_catalog.catalog", "Catalog"),
    "load_catalog": ("_catalog.catalog", "load_catalog"),
    "Run": ("_run.engine", "Run"),
    "RunResult": ("_run.engine", "RunResult"),
    "run": ("_run.engine", "run"),
    "Evidence": ("_record.evidence", "Evidence"),
    "recording": ("_record.evidence", "recording"),
    "discarding": ("_record.evidence", "discarding"),
    # The running test's evidence: where a check reports a bad input it found (a file, an answer).
    "current_evidence": ("_record.evidence", "current"),
    "Finding": ("_record.findings", "Finding"),
    "hookimpl": ("hookspecs", "hookimpl"),
    "Message": ("messages", "Message"),
    "alternatives": ("messages", "alternatives"),
    "msg": ("messages", "msg"),
    "reason": ("messages", "reason"),
    "Outcome": ("_catalog.model", "Outcome"),
    "Report": ("_catalog.model", "Report"),
    "Verdict": ("_catalog.model", "Verdict"),
    "Parameters": ("_catalog.parameters", "Parameters"),
    "ecma_regex": ("_catalog.schemas", "ecma_regex"),
    "FileTarget": ("_run.targets", "FileTarget"),
    "HttpTarget": ("_run.targets", "HttpTarget"),
    # What a suite's test is handed (its fixtures): targets by role, the interop matrix, the product.
    "Targets": ("_run.fixturevalues", "Targets"),
    "InteropMatrix": ("_run.fixturevalues", "InteropMatrix"),
    "Product": ("_catalog.model", "Product"),
    "undeclared": ("_run.verdicts", "undeclared"),
    "judgeable": ("_run.verdicts", "judgeable"),
    # A set-up step whose failure makes the test inconclusive, never the product's fail.
    "precondition": ("_run.verdicts", "precondition"),
}

__all__ = [
    "AdapterContext",
    "BeyondReadingBound",
    "Catalog",
    "Evidence",
    "FileAdapter",
    "FileRefused",
    "FileTarget",
    "Finding",
    "HarnessInputError",
    "HttpAdapter",
    "HttpTarget",
    "Inconclusive",
    "InteropMatrix",
    "Message",
    "NonConformance",
    "NotApplicable",
    "NotRun",
    "Outcome",
    "Parameters",
    "Product",
    "Report",
    "Run",
    "RunResult",
    "TargetUnreachable",
    "Targets",
    "Verdict",
    "__version__",
    "alternatives",
    "current_evidence",
    "discarding",
    "ecma_regex",
    "hookimpl",
    "is_loopback_host",
    "judgeable",
    "load_catalog",
    "msg",
    "precondition",
    "reason",
    "recording",
    "replay_file",
    "run",
    "undeclared",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
