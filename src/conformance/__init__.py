"""metaverse-conformance: conformance tests for metaverse interoperability standards.

The public surface is small: load the catalog, run a manifest, read the report; and, for
adapters and suites (docs/extending.md), the target protocols :class:`HttpTarget` and
:class:`FileTarget`.

>>> from conformance import load_catalog, run
>>> result = run("acme.yaml", out_dir="reports/acme")   # doctest: +SKIP
>>> result.exit_code, result.report.profiles[0].outcome  # doctest: +SKIP
"""

from ._version import __version__
from .catalog import Catalog, load_catalog
from .engine import RunResult, run
from .errors import HarnessInputError, Inconclusive, NonConformance, NotApplicable, TargetUnreachable
from .model import Outcome, Report, Verdict
from .targets import FileTarget, HttpTarget

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
    "RunResult",
    "TargetUnreachable",
    "Verdict",
    "__version__",
    "load_catalog",
    "run",
]
