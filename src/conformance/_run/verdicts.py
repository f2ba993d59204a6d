"""Verdicts: from what happened in a test to pass/fail/..., and from verdicts to outcomes.

Pure functions, so the rules are easy to read and to test:

* an exception class decides a test's verdict (:func:`classify`);
* several tests of one requirement aggregate, the worst dominating (:func:`aggregate`);
* a profile's outcome follows its pass rule (:func:`profile_outcome`);
* the exit code follows the outcomes (:func:`exit_code`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .._catalog.model import Level, Outcome, Verdict
from .._record import evidence as evidence_mod
from .._record.evidence import unjudgeable
from ..errors import (
    ExitCode,
    Inconclusive,
    NotApplicable,
)
from ..messages import msg


def classify(exc: BaseException | None) -> Verdict:
    """The verdict of a test that raised ``exc`` (None: it returned normally)."""
    import pytest  # loaded already wherever tests run; a programme's coordinator never needs it

    if exc is None:
        return Verdict.PASS
    if isinstance(exc, NotApplicable):
        return Verdict.NOT_APPLICABLE
    if isinstance(exc, Inconclusive | pytest.skip.Exception):
        return Verdict.INCONCLUSIVE
    if isinstance(exc, AssertionError | pytest.fail.Exception):
        return Verdict.FAIL
    # TargetUnreachable and anything else (a fault of the harness or of a test) is an error:
    # the requirement was not judged.
    return Verdict.ERROR


def undeclared(what: str, *, mandatory: bool, evidence: Any = None, every: bool = True, **where: Any) -> None:
    """Optional data the product does not declare (``what``: "tracking volume").

    When the requirement's own statement makes the data mandatory (``mandatory``), its
    absence is a finding: the requirement fails and says why; a profile or a plan adds no
    such duty to a permission (TD-POSE-002 1.3). Otherwise, when nothing
    else is left to judge (``every``), the requirement does not apply: NotApplicable with
    the reason. ``inconclusive`` stays for what could not be decided.
    """
    if mandatory:
        if evidence is None:
            raise AssertionError(msg("engine.undeclared-mandatory", what=what))
        # ``where`` may name the requirement's rule (``rule="R2"``); the check is kept either way
        evidence.finding(msg("engine.undeclared-mandatory", what=what), **{"check": "mandatory", **where})
    elif every:
        raise NotApplicable(msg("engine.undeclared", what=what))


def judgeable(responses: Iterable[Any], what: str = "probe") -> list[object]:
    """The responses (anything with ``status``) that can be judged; Inconclusive when every
    one was a 5xx, a 429 or none. For a test whose other requests (a discovery document, a
    set-up call) would otherwise make the session's rule below see a judgeable answer."""
    responses = list(responses)
    kept = [r for r in responses if not unjudgeable(getattr(r, "status", None))]
    if responses and not kept:
        raise Inconclusive(msg("engine.every-unjudgeable", what=what, count=len(responses)))
    return kept


@contextmanager
def precondition(what: str, fix: str = "") -> Iterator[None]:
    """A set-up step (``what``: "a credential issued by POST /credentials/issue") whose
    failure is not the judged requirement's: a requirement is judged on what it observed,
    and a verifier never called has observed nothing. Within the block, a failed assertion,
    a :class:`~conformance.NonConformance` or a finding recorded makes the test
    :class:`~conformance.Inconclusive`, naming the precondition, what went wrong and
    ``fix`` (what the vendor can do: "issue it with the options the product needs"); the
    findings are kept as notes in the evidence. Verdicts raised inside (Inconclusive,
    NotApplicable) and harness faults pass through unchanged.

    >>> with precondition(msg("identity.pre-issued", path="/credentials/issue")):  # doctest: +SKIP
    ...     credential = issued(api)
    """
    import pytest  # loaded already wherever suites run

    def unmet(reason: str) -> Inconclusive:
        if fix:
            return Inconclusive(msg("engine.precondition-unmet-fix", what=what, reason=reason, fix=fix))
        return Inconclusive(msg("engine.precondition-unmet", what=what, reason=reason))

    record = evidence_mod.current()
    with record.diverted() as found:
        try:
            yield
        except (AssertionError, pytest.fail.Exception) as exc:
            why = exc.args[0] if exc.args and str(exc.args[0]).strip() else msg("engine.assertion-failed")
            members = getattr(exc, "evidence", None) or {}
            record.note(why, **{k: v for k, v in members.items() if k in ("file", "pointer")}, precondition=True)
            actual = members.get("actual")
            if actual is not None and members.get("expected") is not None:
                why = msg("engine.precondition-expected", reason=why, expected=members["expected"], actual=actual)
            raise unmet(why) from None
    if found:
        raise unmet(found[0].summary())


def credentials_refused(exchanges: int, refused: int, credentials: Iterable[str]) -> str | None:
    """Why a test's verdict is ``inconclusive``: every one of its HTTP answers refused the
    run's credentials (401, 403, 407), so the product's behaviour was never seen; its
    message names where the credentials came from (None: the verdict stands)."""
    if exchanges and refused == exchanges:
        return msg("engine.credentials-refused", count=exchanges, check=", ".join(credentials))
    return None


def partly_refused(verdict: Verdict, findings: int, first: str, credentials: Iterable[str]) -> str | None:
    """Why a test that would pass is ``inconclusive``: a check found that some answer was not
    what it needed, and that answer refused the run's credentials (401, 403, 407; the finding
    was set aside, see Evidence.record), so what the product does there was never observed and
    a pass would judge what was not seen. A refusal a check expects (a wrong-key proof) records
    no finding and changes nothing. None: the verdict stands (a fail on the answers observed
    stands)."""
    if verdict is not Verdict.PASS or not findings:
        return None
    return msg("engine.credentials-refused-some", first=first, findings=findings,
               check=", ".join(credentials) or "targets.*.auth")


def nothing_answers(verdict: Verdict, exchanges: int, absent: int, where: Iterable[Any]) -> str | None:
    """Why a failing test's verdict is really ``inconclusive``: every one of its HTTP
    answers said nothing serves the request (404, 405), so the endpoint is elsewhere (or
    absent) and the product's behaviour there was never seen; its message names the first
    such endpoint's URL and the manifest's place that moves it (None: the verdict stands).
    A pass stands (a test may expect a 404). A test judging any status (``judges_any_status``:
    a 501 it expects) is no exception: a page saying no route is there is no answer of the
    resolver it asks."""
    first = next(iter(where), None)
    if verdict not in (Verdict.FAIL, Verdict.INCONCLUSIVE) or first is None:
        return None
    if not exchanges or absent != exchanges:
        return None
    if first.name:
        return msg("engine.nothing-answers-endpoint", url=first.url, status=first.status, name=first.name,
                   place=first.place)
    return msg("engine.nothing-answers", url=first.url, status=first.status, place=first.place)


def unjudged_inputs(verdict: Verdict, inputs: dict[str, str]) -> str | None:
    """Why a passing or not-applicable test over a set of inputs is really ``inconclusive``:
    a set passes only when every member does, and these it could not judge (input -> why;
    None: it stands). Nothing to judge among the inputs read is no "not applicable" either
    when an input was never judged (a file the test equipment refused to read): it may hold
    what the case judges (issue 76, the thirty-ninth reading's part mAS)."""
    if verdict in (Verdict.PASS, Verdict.NOT_APPLICABLE) and inputs:
        first, why = next(iter(inputs.items()))
        return msg("engine.unjudged-inputs", count=len(inputs), first=first, reason=why)
    return None


def nothing_judged(verdict: Verdict, exchanges: int, judgeable: int, exempt: bool) -> str | None:
    """Why a passing test's verdict is really ``inconclusive``: it made HTTP requests and
    every answer was a 5xx, a 429 or none, so the pass rests on nothing (None: it stands).
    ``exempt``: the test judges such answers itself (marker ``judges_any_status``)."""
    if verdict is Verdict.PASS and exchanges and not judgeable and not exempt:
        return msg("engine.nothing-judged", count=exchanges)
    return None


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    return max(verdicts, key=lambda v: v.weight, default=Verdict.NOT_APPLICABLE)


def aggregate(verdicts: Sequence[Verdict]) -> Verdict:
    """One requirement judged by several tests: fail dominates, then error, inconclusive."""
    if not verdicts:
        return Verdict.ERROR
    return worst(verdicts)


def profile_outcome(
    verdicts: dict[str, tuple[Level, Verdict | None]], required: Iterable[Level], complete: bool = True,
    left_out: Iterable[str] = (), promoted: Iterable[str] = (), declared: Iterable[str] = (),
) -> tuple[Outcome, list[str]]:
    """Outcome and the requirement IDs that block conformance.

    ``verdicts`` maps each requirement of the profile to its level and verdict (None when
    it was not run). Failures at a required level make the product not conformant; a
    required requirement that did not reach a verdict (error, inconclusive, not run) leaves
    the outcome incomplete. Other levels are reported only. ``left_out``: the profile's
    requirements a partial run did not judge (or judged over only some of their tests);
    ``promoted``: requirements a certification plan makes blocking whatever their level:
    a profile with any is never conformant, nor one in which no requirement that decides its outcome
    passed (all of them not applicable: clause 6.1).
    ``declared``: requirements that read only what the product declares about itself; what a
    product says of itself decides no outcome, so they are reported only, whatever their level.
    """
    required, promoted, declared = set(required), set(promoted), set(declared)

    def counted(req_id: str, level: Level) -> bool:
        return req_id not in declared and (level in required or req_id in promoted)

    blocking = [r for r, (lvl, v) in verdicts.items() if counted(r, lvl) and v is Verdict.FAIL]
    if blocking:
        return Outcome.NOT_CONFORMANT, blocking
    undecided = [
        r for r, (lvl, v) in verdicts.items()
        if counted(r, lvl) and v in (None, Verdict.ERROR, Verdict.INCONCLUSIVE)
    ]
    # 6.1: met only when at least one deciding case passed; one whose deciding cases are all not applicable
    # (the input holds none of what the profile tests) gets no conformance statement
    passed = any(counted(r, lvl) and v is Verdict.PASS for r, (lvl, v) in verdicts.items())
    if undecided or not complete or not passed or any(True for _ in left_out):
        return Outcome.INCOMPLETE, undecided
    return Outcome.CONFORMANT, []


def exit_code(outcomes: Iterable[Outcome]) -> int:
    outcomes = list(outcomes)
    if Outcome.NOT_CONFORMANT in outcomes:
        return ExitCode.NOT_CONFORMANT
    if Outcome.INCOMPLETE in outcomes or not outcomes:
        return ExitCode.INCOMPLETE
    return ExitCode.CONFORMANT
