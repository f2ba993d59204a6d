"""RFC 9457 problem details: the one way every area's error answers are judged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Finding, msg

from .ownread import own_json

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import Response, SchemaRegistry

PROBLEM_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/problem-details.json"
PROBLEM_MEDIA_TYPE = "application/problem+json"


def check_problem(response: Response, schemas: SchemaRegistry, evidence: Evidence, *,
                  expected_status: int | None = None, rule: str | None = None, schema: str = PROBLEM_SCHEMA) -> None:
    """Record every way ``response`` departs from an RFC 9457 problem (with that status).

    Findings go to ``evidence``; a body that is not JSON raises NonConformance (a fail).
    ``rule``: the R-number of the caller's requirement whose rule states the problem answer, so
    the record names the rule the text says it names (issue 76); None where no rule states it. ``schema``: the
    problem schema of the caller's interface, where annex D gives one with its own extension members.
    """
    where = f"{response.method} {response.url}"
    if expected_status is not None and response.status != expected_status:
        evidence.finding(msg("shared.answered", status=response.status), file=where, expected=expected_status,
                         actual=response.status, rule=rule)
        return
    # Read the body whatever the Content-Type says, so one run reports every departure.
    if response.media_type != PROBLEM_MEDIA_TYPE:
        evidence.finding(msg("shared.not-problem-details"), file=where,
                         expected=f"Content-Type {PROBLEM_MEDIA_TYPE}",
                         actual=response.media_type or msg("engine.none"), rule=rule)
    own_json(response, rule)  # a body that is no JSON: the same rule's failure, naming the request and its status
    evidence.findings_from(problem_findings(response, schemas, schema), file=where, rule=rule)


def problem_findings(response: Response, schemas: SchemaRegistry, schema: str = PROBLEM_SCHEMA) -> list[Finding]:
    """How the body of ``response`` departs from an RFC 9457 problem with the members this catalog
    requires and the status of the answer. A body that is not JSON raises NonConformance."""
    body = response.json()
    found = list(schemas.findings(body, schema))
    # RFC 9457 3.1.3: status is the HTTP status code the origin server generated.
    if isinstance(body, dict) and "status" in body and body["status"] != response.status:
        found.append(Finding(msg("shared.problem-status-differs"), pointer="/status", expected=response.status,
                             actual=body["status"]))
    return found


def check_refused(response: Response, schemas: SchemaRegistry, evidence: Evidence, why: str, *,
                  expected: str | None = None, rule: str | None = None) -> None:
    """``why`` (a request the target must refuse) got a 4xx answer, and that answer is a problem.
    ``why`` is inserted into the finding's message: give it as a message (:func:`msg`), so that
    it is shown in the report's language too. ``expected``: what the finding says was expected, as
    a message (by default "a 4xx problem"). ``rule``: as for :func:`check_problem`."""
    if not 400 <= response.status < 500:
        evidence.finding(msg("shared.not-refused", request=why), file=f"{response.method} {response.url}",
                         expected=msg("shared.expect-4xx-problem") if expected is None else expected,
                         actual=response.status, rule=rule)
    else:
        check_problem(response, schemas, evidence, rule=rule)
