"""metaverse-conformance: conformance tests for metaverse interoperability standards.

The public surface is small: load the catalog, run a manifest, read the report; and, for
adapters and suites (docs/extending.md), the target protocols :class:`HttpTarget` and
:class:`FileTarget`.

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
from .errors import HarnessInputError, Inconclusive, NonConformance, NotApplicable, TargetUnreachable

if TYPE_CHECKING:
    from .catalog import Catalog, load_catalog
    from .engine import Run, RunResult, run
    from .messages import msg
    from .model import Outcome, Report, Verdict
    from .targets import FileTarget, HttpTarget
    from .verdicts import judgeable, undeclared

#: public name -> the module that defines it
_LAZY = {
    "Catalog": "catalog",
    "load_catalog": "catalog",
    "Run": "engine",
    "RunResult": "engine",
    "run": "engine",
    "msg": "messages",
    "Outcome": "model",
    "Report": "model",
    "Verdict": "model",
    "FileTarget": "targets",
    "HttpTarget": "targets",
    "undeclared": "verdicts",
    "judgeable": "verdicts",
}

__all__ = [
    "Catalog",
    "FileTarget",
    "HarnessInputError",
    "HttpTarget",
    "Inconclusive",
    "NonConformance",
    "NotApplicable",
    "Outcome",
    "Report",
    "Run",
    "RunResult",
    "TargetUnreachable",
    "Verdict",
    "__version__",
    "load_catalog",
    "judgeable",
    "msg",
    "run",
    "undeclared",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
