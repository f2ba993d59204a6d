"""What an ``http`` target answered in a run, kept as the run's subjects: one per distinct
method, URL and body (by the SHA-256 of the decoded body) up to :data:`MAX_SUBJECTS`, then one
running digest over the rest, so a signed run binds what its verdicts rest on."""

from __future__ import annotations

import hashlib
from typing import Any

from .._record.redaction import Redactor
from ..certification.subjects import REMOTE_LIST
from .response import Response

#: Distinct answers named one by one as subjects; past them, one digest covers the rest.
MAX_SUBJECTS = 512


class AnswersRead:
    """(method, URL as shown, body sha256) -> status, and past :data:`MAX_SUBJECTS` one
    running digest over the rest (a line ``<status> <method> <url> <sha256>`` each, in the
    order read) and their number."""

    def __init__(self) -> None:
        self._read: dict[tuple[str, str, str], int] = {}
        self._more = hashlib.sha256()
        self._more_count = 0

    def remember(self, response: Response) -> None:
        key = (response.method, response.url, hashlib.sha256(response.content).hexdigest())
        if key in self._read:
            return
        if len(self._read) < MAX_SUBJECTS:
            self._read[key] = response.status
        else:
            self._more.update(f"{response.status} {' '.join(key)}\n".encode())
            self._more_count += 1

    def subjects(self, role: str, base_url: str, redactor: Redactor) -> list[dict[str, Any]]:
        """The answers as subjects (kind ``http``, then one of kind ``http-answers`` for the
        rest), URLs redacted."""
        found: list[dict[str, Any]] = []
        for (method, url, digest), status in self._read.items():
            shown_url = redactor.text(url)
            found.append({"name": f"{method} {shown_url}", "uri": shown_url, "digest": {"sha256": digest},
                          "annotations": {"kind": "http", "role": role, "method": method, "status": str(status)}})
        if self._more_count:
            base = redactor.text(base_url)
            # no uri: the digest is of the list of answers, not of a resource at the base URL
            found.append({"name": f"{base} (further answers)", "digest": {"sha256": self._more.hexdigest()},
                          "annotations": {"kind": REMOTE_LIST, "role": role, "base": base,
                                          "answers": str(self._more_count)}})
        return found
