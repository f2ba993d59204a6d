"""Rest reminders during use: a device reminds the user to rest as often as it declares."""

import numpy as np
import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.areas.terminal.health import declared_minutes, stretches
from conformance.areas.terminal.model import DETAIL_LIMIT, finding
from conformance.areas.terminal.suite import analyses, record


@pytest.mark.requirement("TD-REST-001")
def test_rest_reminders_come_as_often_as_declared(targets: Targets, evidence: Evidence, params: Parameters):
    ceiling = params.max_rest_interval_min
    judged = shown = unread = 0
    for name, analysis in analyses(targets["captures"]):
        record(evidence, name, analysis.log("session_events"), "R3")  # an event not of the five
        minutes = declared_minutes(analysis)
        unread += not analysis.header_usable
        if not analysis.header_usable or not isinstance(minutes, int | float) or isinstance(minutes, bool) \
                or minutes <= 0:
            continue
        judged += 1
        if minutes > ceiling:
            evidence.finding(msg("terminal.rest-interval-long", minutes=minutes, ceiling=ceiling), file=name, line=1,
                             pointer="/device/health/rest_reminder_min", rule="R1", actual=minutes,
                             expected=f"<= {ceiling:g}")
        spans = [(s.first_t, s.last_t) for s in analysis.streams.values() if s.first_t is not None]
        if not spans:
            continue
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        sessions = [s.session for s in analysis.streams_of("session") if s.session is not None]
        events = [state.events() for state in sessions]
        t = np.concatenate([e[0] for e in events]) if events else np.empty(0, np.int64)
        code = np.concatenate([e[1] for e in events]) if events else np.empty(0, np.int64)
        use = stretches(t, code, first, last)
        limit_ns = minutes * 60e9
        long = use[(use[:, 1] - use[:, 0]) > limit_ns]
        for start, end in long.tolist():
            shown += 1
            if shown <= DETAIL_LIMIT:
                finding(evidence, msg("terminal.rest-missed", start=start, end=end, minutes=(end - start) / 60e9,
                                      declared=minutes, sessions=len(sessions)),
                                  file=name, t=start, rule="R2", actual=round((end - start) / 60e9, 4),
                                  expected=f"<= {minutes:g}")
        if not len(long):
            evidence.note(msg("terminal.rest-kept", file=name, stretches=len(use), declared=minutes,
                              longest=float((use[:, 1] - use[:, 0]).max() / 60e9) if len(use) else 0.0))
    if shown > DETAIL_LIMIT:
        evidence.note(msg("terminal.more-like-these", count=shown - DETAIL_LIMIT, listed=DETAIL_LIMIT))
    if not judged and not evidence.findings_count:
        # a header that could not be read might have declared an interval; none declared: nothing applies
        if unread:
            raise Inconclusive(msg("terminal.no-usable-header", count=unread))
        raise NotApplicable(msg("terminal.no-rest-declaration"))
