"""What the pytest plug-in's fixtures hand a test of a run, beside its evidence: the
manifest's targets by role (``targets``) and the interoperability matrix (``interop``), both
reading the running :class:`~.session.ConformanceSession`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from .._catalog.model import InteropCell, Verdict
from ..messages import msg, text_of
from .events import InteropResult

if TYPE_CHECKING:
    from .._record.evidence import Evidence
    from .session import ConformanceSession
    from .targets import FileTarget, HttpTarget


class Targets(Mapping[str, object]):
    """The manifest's targets by role, as adapters: each role served by the target the
    running test's profiles bind it to (their claims' ``targets``), by default its namesake.

    A role's adapter is of the kind its profile binds it to: ``targets.http("api")`` is an
    :class:`~conformance.HttpTarget`, ``targets.file("did_documents")`` a
    :class:`~conformance.FileTarget`; ``targets["api"]`` is the same adapter, untyped (a
    plug-in kind's role: narrow it with ``isinstance`` against its protocol)."""

    def __init__(self, adapters: dict[str, object], hidden: Callable[[], Iterable[str]] = tuple,
                 bound: Callable[[], Mapping[str, str]] = dict) -> None:
        self._adapters = adapters
        #: the targets the running test does not see (unreachable targets no profile of its
        #: verdict needs: see ConformanceSession.pytest_runtest_setup)
        self._hidden = hidden
        #: role -> the target serving it for the running test's case, where not its namesake
        self._bound = bound

    def _roles(self) -> dict[str, object]:
        hidden, bound = set(self._hidden()), self._bound()
        if not hidden and not bound:
            return self._adapters
        roles = {**self._adapters, **{r: self._adapters[n] for r, n in bound.items() if n in self._adapters}}
        return {r: a for r, a in roles.items() if bound.get(r, r) not in hidden}

    def __getitem__(self, role: str) -> object:
        roles = self._roles()
        if role not in roles:
            raise KeyError(f"the manifest has no target {role!r}")
        return roles[role]

    def __iter__(self) -> Iterator[str]:
        return iter(self._roles())

    def __len__(self) -> int:
        return len(self._roles())

    def http(self, role: str) -> HttpTarget:
        """The live HTTP service serving ``role`` (a profile's ``kind: http``)."""
        from .targets import HttpTarget  # here: httpx is loaded only by a run that has an HTTP target

        target = self[role]
        if not isinstance(target, HttpTarget):
            raise _wrong_kind(role, target, "HttpTarget")
        return target

    def file(self, role: str) -> FileTarget:
        """The files serving ``role`` (a profile's ``kind: file``)."""
        from .targets import FileTarget

        target = self[role]
        if not isinstance(target, FileTarget):
            raise _wrong_kind(role, target, "FileTarget")
        return target


def _wrong_kind(role: str, target: object, kind: str) -> TypeError:
    """A suite asked for a role as a kind its profile does not bind it to: the suite's error."""
    return TypeError(f"the target {role!r} is a {type(target).__name__}, not a {kind}")


class InteropMatrix:
    """Records cells of the interoperability matrix for the report (``interop`` fixture)."""

    def __init__(self, session: ConformanceSession, nodeid: str, evidence: Evidence) -> None:
        self._session, self._nodeid, self._evidence = session, nodeid, evidence

    def record(self, source: str, target: str, capability: str, ok: bool, detail: str = "") -> None:
        """``capability`` made at ``source`` worked at ``target`` (ok) or not; a failure is also a finding."""
        redact = self._session.redactor
        cell = InteropCell(
            source=source, target=target, capability=capability, verdict=Verdict.PASS if ok else Verdict.FAIL,
            test=self._nodeid, detail=redact.text(detail), detail_text=redact.value(text_of(detail)),
        )
        self._session.events.emit(InteropResult(test=self._nodeid, cell=cell.model_dump(mode="json")))
        if not ok:
            where = {"capability": capability, "source": source, "target": target}
            self._evidence.finding(msg("engine.interop-refused-because", **where, detail=detail) if detail
                                   else msg("engine.interop-refused", **where))
