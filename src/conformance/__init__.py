"""metaverse-conformance: conformance tests for metaverse interoperability standards.

The public surface is small: load the catalog, run a manifest, read the report.

>>> from conformance import load_catalog, run
>>> result = run("acme.yaml", out_dir="reports/acme")   # doctest: +SKIP
>>> result.exit_code, result.report.profiles[0].outcome  # doctest: +SKIP
"""

from ._version import __version__
from .catalog import Catalog, load_catalog
from .engine import RunResult, run
from .errors import HarnessInputError, Inconclusive, NonConformance, NotApplicable, TargetUnreachable
from .model import Outcome, Report, Verdict

__all__ = [
    "Catalog",
    "HarnessInputError",
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
