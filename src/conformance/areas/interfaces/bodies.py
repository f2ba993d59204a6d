"""The JSON body of an answer a check takes in more than one status (an acknowledgement 200/201/202,
a challenge 200/201), and the state to name when there is none.

`_shared.dependent.served_body` does this for a 200 alone; these reads accept the statuses annex D
or the case lets through, so a body that does not parse is a named state, never an exception that
fails a case under no rule.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from conformance import NonConformance, msg, reason

if TYPE_CHECKING:
    from conformance.area import Response


def answered_body(answer: Response, statuses: Collection[int]) -> tuple[object | None, object]:
    """``(body, status)`` when ``answer`` is in ``statuses`` and its body parses; otherwise
    ``(None, status)`` or ``(None, state)``, the state saying the body does not parse."""
    if answer.status not in statuses:
        return None, answer.status
    try:
        return answer.json(), answer.status
    except NonConformance as exc:
        return None, msg("interfaces.answered-unparsed", status=answer.status, reason=reason(exc))
