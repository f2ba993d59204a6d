"""A stand-in for an HTTP target in checks' unit tests: one answer, given as a status and a
body (bytes stand for a body that is not JSON, as a real target's ``json()`` then refuses it)."""

from __future__ import annotations

from conformance import NonConformance


class Answer:
    def __init__(self, status: int, body: object) -> None:
        self.status, self.body = status, body
        self.requested = ""  # the request as evidence names it, set by the Api that answered

    def json(self) -> object:
        if isinstance(self.body, bytes):
            raise NonConformance("the body is not JSON")
        return self.body


class Api:
    """Answers every GET with the same answer."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def get(self, path: str, **_: object) -> Answer:
        self.answer.requested = f"GET {path}"
        return self.answer
