"""Exceptions that carry meaning across the harness.

Three families matter:

* :class:`HarnessInputError` - the user gave the harness something wrong (a manifest, a
  profile ID, an argument, a missing path). The CLI prints its one line and exits 2.
* :class:`OutputFailed` - the harness could not write what it must (a full disk, an I/O
  error): one line, exit code 3.
* Exceptions raised *while testing a target*. The pytest plugin maps them to verdicts:
  :class:`NonConformance` (an ``AssertionError``) is a ``fail``; :class:`TargetUnreachable`
  is an ``error``; :class:`NotApplicable` and :class:`Inconclusive` are what they say.
"""

from __future__ import annotations

from typing import Any

# Exit codes of a run (the CLI's and the pytest driver's).
EXIT_CONFORMANT = 0
EXIT_NOT_CONFORMANT = 1
EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 3


class HarnessInputError(Exception):
    """Bad input to the harness: reported as one line, exit code 2."""

    def __init__(self, where: str, problem: str, fix: str | None = None) -> None:
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        text = f"{self.where}: {self.problem}"
        return f"{text} ({self.fix})" if self.fix else text


class OutputFailed(Exception):
    """The harness could not write an output (the disk is full, an I/O error): reported as
    one line, exit code 3 (the run could not complete), never a traceback."""

    def __init__(self, where: str, problem: str, fix: str | None = None) -> None:
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        text = f"{self.where}: {self.problem}"
        return f"{text} ({self.fix})" if self.fix else text


class CatalogError(HarnessInputError):
    """The requirement catalog is inconsistent (duplicate IDs, dangling references...)."""


class TargetUnreachable(Exception):
    """The target could not be reached at all (connection refused, timeout, DNS)."""


class NonConformance(AssertionError):
    """What the target produced violates a requirement. Carries structured evidence."""

    def __init__(self, message: str, **evidence: Any) -> None:
        super().__init__(message)
        self.evidence = {k: v for k, v in evidence.items() if v is not None}


class NotApplicable(Exception):
    """The requirement does not apply to this product (e.g. a feature it does not claim)."""


class Inconclusive(Exception):
    """The test ran but could not decide (e.g. the target offered nothing to check)."""
