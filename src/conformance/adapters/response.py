"""A response of the ``http`` adapter once its body is read (within the cap), and the
judging of that body as JSON: a malformed body is the target's non-conformance, judged once
per distinct body in a run (:class:`SoundBodies`); one nested past ``max_json_depth``, a
reading bound of 5.1, is not judged (:class:`~conformance.errors.BeyondReadingBound`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import orjson

from .._io.parsing import DEFAULT_MAX_DEPTH, TooDeep, parse_json
from .._record import evidence
from ..errors import BeyondReadingBound, NonConformance
from .endpoints import no_route
from ..messages import msg

#: Bodies already judged well-formed JSON (by maximum depth), and their bytes in all: a run
#: receives the same answer over and over (a listing that did not change), and judging
#: depth and member names costs several times the parse. Only a verdict of "sound" is kept.
MAX_SOUND_BODIES = 4096
MAX_SOUND_BYTES = 16 * 1024 * 1024
PARSE_EXCERPT = 200


def redact(text: str) -> str:
    """``text`` with the run's secrets redacted (the redactor of the evidence being recorded)."""
    return evidence.current().redactor.text(text)


class SoundBodies:
    """Answer bodies one adapter (one target of one run) has judged sound JSON within its depth
    cap, bounded in count and bytes: the same body read again is only parsed."""

    def __init__(self) -> None:
        self._bodies: set[bytes] = set()
        self._bytes = 0

    def __contains__(self, content: bytes) -> bool:
        return content in self._bodies

    def add(self, content: bytes) -> None:
        if len(self._bodies) < MAX_SOUND_BODIES and self._bytes + len(content) <= MAX_SOUND_BYTES:
            self._bodies.add(content)
            self._bytes += len(content)


@dataclass
class Response:
    """A complete response (body already read, within the cap)."""

    method: str
    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    elapsed_s: float
    max_json_depth: int = DEFAULT_MAX_DEPTH
    redirects: list[str] = field(default_factory=list)
    #: The body whose depth and member names were judged already (the contract test reads
    #: again the answers a test read): later reads only parse it.
    _judged: bytes | None = field(default=None, init=False, repr=False, compare=False)
    #: bodies the adapter that made this response judged sound (its run's, see SoundBodies)
    sound: SoundBodies | None = field(default=None, repr=False, compare=False)

    @property
    def requested(self) -> str:
        """The request really sent, as a finding's location names it: "METHOD URL" (after the
        target's ``paths`` moved it and any redirect)."""
        return f"{self.method} {self.url}"

    @property
    def media_type(self) -> str:
        content_type: str = self.headers.get("content-type", "")  # httpx types Headers.get's result Any
        return content_type.split(";")[0].strip().lower()

    @property
    def says_no_route(self) -> bool:
        """Whether this is a server's "no route here" answer (a 404 or 405 that is neither
        problem details nor a resolution result): what a missing endpoint answers, and also what a
        route that serves may answer a bad input with, which a test tells apart by asking the same
        route a known-good input (a check's own helper does)."""
        return self.status in evidence.ABSENT_STATUS and no_route(self.headers.get("content-type", ""), self.content)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> object:
        """The body as JSON; a malformed body is a non-conformance, one nested past the
        target's ``max_json_depth`` is left unjudged (judged on the first read; later reads of
        the same body only parse it)."""
        content = self.content
        if self._judged is content:
            return orjson.loads(content)
        if self.sound is not None and content in self.sound:  # the same bytes were judged sound already
            value = orjson.loads(content)
        else:
            value = self._judged_json()
            if self.sound is not None:
                self.sound.add(content)
        self._judged = content
        return value

    def _named(self) -> str:
        """This body as a message names it (made only when one is)."""
        return msg("adapters.response-body", method=self.method, url=self.url)

    def _judged_json(self) -> object:
        """The body as JSON; a malformed body is a non-conformance, an overly deep one not read."""
        try:
            return parse_json(self.content, what=self._named, max_depth=self.max_json_depth)
        except TooDeep as exc:  # a reading bound (5.1, E.11), no finding
            raise BeyondReadingBound(msg("adapters.beyond-depth", what=self._named(), depth=exc.depth,
                                         limit=exc.limit)) from None
        except NonConformance as exc:
            if "actual" in exc.evidence:  # the excerpt is cut only after redaction, never a secret's prefix
                exc.evidence["actual"] = redact(self.text)[:PARSE_EXCERPT]
            exc.evidence.setdefault("file", self.requested)  # the request whose answer it is
            raise
