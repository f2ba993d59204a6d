"""Exceptions that carry meaning across the harness.

Every error about an input or an output is a :class:`LocatedError`: a :class:`Location`
(the file, a JSON path within it, a line, an area's own coordinates), the problem and how to
fix it, said as one line by :func:`one_line`. Four families matter:

* :class:`HarnessInputError` - the user gave the harness something wrong (a manifest, a
  profile ID, an argument, a missing path). The CLI prints its one line and exits 2.
* :class:`OutputFailed` - the harness could not write what it must (a full disk, an I/O
  error): one line, exit code 3.
* Exceptions raised *while testing a target*. The pytest plugin maps them to verdicts:
  :class:`NonConformance` (an ``AssertionError``) is a ``fail``; :class:`TargetUnreachable`
  is an ``error``; :class:`NotApplicable` and :class:`Inconclusive` are what they say.
* :class:`Rejected` - what ``conformance verify`` checks (a run's attestation, a programme's
  certificate, a trust list) does not hold: one line saying why, exit code 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from enum import IntEnum
from typing import Any, Self


class ExitCode(IntEnum):
    """Every exit code a ``conformance`` command (and the pytest driver) returns, one place.

    Each code has one meaning; a second name of a code says what that meaning is called where
    it is returned (``FINDINGS``: the lint's 1). README.md's "Exit codes" table is
    :func:`exit_code_table` (``tests/e2e/test_exit_codes.py`` holds them equal), and every
    code a command's ``--help`` lists is one of these (``tests/cli/test_help_tree.py``)."""

    CONFORMANT = 0
    NOT_CONFORMANT = 1
    BAD_INPUT = 2
    INCOMPLETE = 3
    UNMET = 4
    #: 0 for a command that is not a run: it did what it was asked
    OK = 0
    #: 1 for a command that checks: what it checks does not hold (``verify``: rejected; the
    #: lint: findings; ``programme audit``: tampering found)
    REJECTED = 1
    FINDINGS = 1


#: What each code means, across the commands: README.md's table, row by row.
EXIT_MEANINGS: dict[ExitCode, str] = {
    ExitCode.CONFORMANT: ("every claimed profile is conformant; a command that is not a run: it did what it was "
                          "asked"),
    ExitCode.NOT_CONFORMANT: (
        "a profile is not conformant (a requirement at a required level failed); a command that checks: what it "
        "checks does not hold (each command's `--help` says what); `verify`: the attestation is "
        "rejected; `programme audit`: the log or the history was tampered with; `witness add-checkpoint`: the "
        "witness refused to cosign; `verify --trust-list`: the list or the certificate's programme is not "
        "trusted (altered, expired, rolled back, withdrawn, a key outside its validity); `catalog lint`: "
        "findings"),
    ExitCode.BAD_INPUT: "bad input to the harness: manifest, profile, argument, a path that does not exist",
    ExitCode.INCOMPLETE: (
        "the run could not complete (a target unreachable, a requirement left undecided, interrupted by SIGINT "
        "or SIGTERM, its time budget spent, an output that could not be written: a full disk, an I/O error); any "
        "command: past its time or memory bound ([docs/running.md](docs/running.md#bad-input-budgets-and-bounds)); "
        "a partial run (`--requirement`) whose requirements pass: a profile cut short is never conformant (1 when "
        "one fails)"),
    ExitCode.UNMET: (
        "`verify` only: the attestation holds but a condition is unmet (of `--policy`, or the defaults), one "
        "`not certified:` line each"),
}


def exit_code_table() -> str:
    """README.md's "Exit codes" table (Markdown), from :class:`ExitCode` and its meanings."""
    rows = [f"| {int(code)} | {EXIT_MEANINGS[code]} |" for code in ExitCode]
    return "\n".join(["| code | meaning |", "|---|---|", *rows])


#: A member name a JSONPath may write after a dot; any other is written in brackets, quoted
#: (the rule python-jsonschema's ``json_path`` follows, so a schema error reads as it did).
_DOTTED = re.compile(r"[a-zA-Z][a-zA-Z0-9_]*")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a file, a place within its document as a JSON path, a line, and
    coordinates an area defines (e.g. a capture's stream, frame and time).

    ``path`` holds the document's keys and indices in order (``("profiles", 0, "x")``;
    ``()`` the whole document, None no place within it); :meth:`json_path` and
    :meth:`pointer` write it for people and for programs."""

    file: str | None = None
    path: tuple[str | int, ...] | None = None
    line: int | None = None
    #: Area-defined coordinates, in the order they should be shown (none known to the core).
    coordinates: Mapping[str, Any] = field(default_factory=dict)

    def json_path(self) -> str:
        """The path as JSONPath: ``$.profiles[0].parameters.x``, ``$['a.b']`` (``$``: the whole)."""
        return json_path(self.path or ())

    def pointer(self) -> str:
        """The path as a JSON pointer: ``/profiles/0/parameters/x`` (``""``: the whole)."""
        return json_pointer(self.path or ())

    def text(self) -> str:
        """The location as one line says it: ``file:line at $.path`` (the parts that are known),
        then any coordinates as ``name value``."""
        place = self.file or ""
        if self.line is not None:
            place = f"{place}:{self.line}" if place else f"line {self.line}"
        if self.path is not None:
            place = f"{place} at {self.json_path()}" if place else self.json_path()
        shown = ", ".join(f"{k} {v}" for k, v in self.coordinates.items() if v is not None)
        return f"{place} ({shown})" if place and shown else place or shown


def json_path(path: Iterable[str | int]) -> str:
    """``path`` as JSONPath: indices in brackets, plain names after a dot, any other name
    quoted in brackets with its backslashes and single quotes escaped."""
    text = "$"
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif _DOTTED.fullmatch(step):
            text += f".{step}"
        else:
            text += "['" + step.replace("\\", "\\\\").replace("'", "\\'") + "']"
    return text


def json_pointer(path: Iterable[str | int]) -> str:
    """``path`` as a JSON pointer (RFC 6901): ``~`` written ``~0``, ``/`` written ``~1``."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def install_hint(extra: str) -> str:
    """How to install an optional extra, as docs/install.md says it: the package is not on
    PyPI yet, so an extra is installed from a clone of the repository."""
    return f"pip install '.[{extra}]' in a clone of the repository (docs/install.md)"


def one_line(where: Location | str, problem: str, fix: str | None = None) -> str:
    """The one line that reports a located error: ``where: problem (fix)``."""
    place = where.text() if isinstance(where, Location) else where
    text = f"{place}: {problem}"
    return f"{text} ({fix})" if fix else text


class LocatedError(Exception):
    """An error about something at a :class:`Location`, said as one line (:func:`one_line`).

    ``where`` is a Location, or for the many places that name what they refuse in words
    (``--profile x``, ``m.yaml at $.targets``) that text, kept as the location's file."""

    def __init__(self, where: Location | str, problem: str, fix: str | None = None) -> None:
        self.location = where if isinstance(where, Location) else Location(where)
        self.problem = problem
        self.fix = fix
        super().__init__(self.line())

    @classmethod
    def at(cls, file: str | PurePath | None, path: Iterable[str | int], problem: str,
           fix: str | None = None) -> Self:
        """The error at ``path`` (keys and indices) within ``file``."""
        return cls(Location(None if file is None else str(file), tuple(path)), problem, fix)

    @property
    def where(self) -> str:
        """The location as the line says it."""
        return self.location.text()

    def line(self) -> str:
        return one_line(self.location, self.problem, self.fix)

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.location, self.problem, self.fix)


class HarnessInputError(LocatedError):
    """Bad input to the harness: reported as one line, exit code 2."""


class OutputFailed(LocatedError):
    """The harness could not write an output (the disk is full, an I/O error): reported as
    one line, exit code 3 (the run could not complete), never a traceback."""


class StartFailed(LocatedError):
    """A process the command serves beside the run did not start (``conformance demo``'s reference):
    reported as one line, exit code 3 (the run could not complete), never a traceback."""


class CatalogError(HarnessInputError):
    """The requirement catalog is inconsistent (duplicate IDs, dangling references...)."""


class Rejected(Exception):
    """What ``conformance verify`` checks does not hold: a run's attestation
    (:mod:`conformance.certification.verify`), or a programme's certificate or a trust list
    (:mod:`conformance.programme.certverify`, whose check of a certificate includes its run's
    attestation). The message says why, in one line; verify prints it and exits 1."""


class TargetUnreachable(Exception):
    """The target could not be reached at all (connection refused, timeout, DNS)."""


class AnswerUnreadable(TargetUnreachable):
    """The target answered, but with what the HTTP client does not read (a header longer than
    it buffers): no exchange to judge, as when nothing answers, yet the target was reached, so
    its own message says what came instead of "target unreachable"."""


class NonConformance(AssertionError):
    """What the target produced violates a requirement. Carries structured evidence."""

    def __init__(self, message: str, **evidence: object) -> None:
        super().__init__(message)
        self.evidence = {k: v for k, v in evidence.items() if v is not None}


class FileRefused(NonConformance):
    """The test equipment would not read a file: over its ``max_file_bytes`` cap (a bound of
    the equipment), not a regular file, or a link outside its declared folder (access
    refused). Its content never read, so no defect of it is known: a caller that can, leaves
    it unjudged (``evidence.unjudged``, naming the file); a caller that does not catch it
    keeps it a finding, as any NonConformance."""


class NotApplicable(Exception):
    """The requirement does not apply to this product (e.g. a feature it does not claim)."""


class Inconclusive(Exception):
    """The test ran but could not decide (e.g. the target offered nothing to check)."""


class NotRun(Exception):
    """The test equipment lacks what the test needs (a decoder, a validator the case runs): the case
    was not run (6.1's 未执行), an ``error`` verdict, never a verdict on the implementation. The
    message says what is missing and how to install it."""


class BeyondReadingBound(Inconclusive):
    """What a target answered lies past a reading bound of the test equipment (5.1): a response body
    larger than its target's ``max_response_bytes``, a JSON answer nested deeper than its
    ``max_json_depth`` (E.11). Not read, so not judged, and no finding by itself (forty-fourth reading,
    ax1: it was one, against 5.1): the test is inconclusive unless it found something else, as a
    finding recorded before still fails it. The message names the bound and its value."""
