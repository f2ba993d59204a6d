"""Asset lifecycle histories: is each asset's history a valid, unbroken hash chain?

An asset's life is ``issue -> (transfer | lock | unlock | trade event)* -> burn?``, where a
trade's settlement moves the asset to the buyer and its refund back to the seller, and an
order or a cancellation moves nothing (their own rules: :mod:`.trading`). Its events are linked
by ``prev_hash``, the SHA-256 of the RFC 8785 canonical form of the asset's previous event
(see :mod:`conformance.codecs.jcs` and ``schemas/assets/lifecycle-event.json``). A
:class:`Ledger` replays the events of every history document it is given, in order, and
reports each rule an event breaks, located by a JSON pointer into its document.

Structure (required members, DIDs, time format) is the schema's job; the ledger checks
what a schema cannot: ownership, order and the links between events. It skips events too
malformed to replay, which the schema reports.

Transfer rules an issuer sets in an asset's metadata (``transfer.locked``,
``transfer.min_holding_period_s``) are given to the ledger as :class:`TransferRule` and
checked on every transfer when known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from conformance import Finding, Message, msg

from ...codecs.jcs import sha256_hex

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

EVENT_TYPES = frozenset({"issue", "transfer", "lock", "unlock", "burn",
                         "order", "settlement", "cancellation", "refund"})
#: Events that hand the asset to a new holder (``to``).
MOVES = frozenset({"transfer", "settlement", "refund"})


@dataclass(frozen=True)
class TransferRule:
    """What an asset's metadata says about transferring it: never (locked), or only after
    the holder has held it ``min_holding_period_s`` seconds."""

    locked: bool = False
    min_holding_period_s: int = 0
    source: str = ""  # where the rule was read, for messages


@dataclass
class _AssetState:
    owner: str | None
    issued_at: str  # "file#pointer" of the issue event, for messages
    last_hash: str
    last_time: datetime | None
    last_event: str
    locked_at: str | None = None
    burned_at: str | None = None
    held_since: datetime | None = None  # when the current holder received the asset


def _parse_time(value: JsonValue) -> datetime | None:
    """An RFC 3339 time with an offset, or None (the schema reports bad times)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


class Ledger:
    """Replays history documents; remembers every asset across documents."""

    def __init__(self, rules: dict[str, TransferRule] | None = None) -> None:
        self.assets: dict[str, _AssetState] = {}
        self.rules: dict[str, TransferRule] = dict(rules or {})
        self.events_seen = 0
        self.rule_findings: list[Finding] = []  # broken transfer rules, apart from the chain

    def replay(self, file: str, history: object) -> list[Finding]:
        """Replay one history document (``{"events": [...]}``); return what it breaks."""
        events = history.get("events") if isinstance(history, dict) else None
        if not isinstance(events, list):
            return []  # the schema reports the missing events array
        return self.replay_events((file, None, f"/events/{index}", event) for index, event in enumerate(events))

    def replay_events(self, located: Iterable[tuple[str, int | None, str, JsonValue]]) -> list[Finding]:
        """Replay events given as (file, line, JSON pointer of the event, event), in order.

        An NDJSON export names each event by its line, with an empty pointer; a JSON
        document by its pointer, with no line."""
        findings: list[Finding] = []
        for file, line, pointer, event in located:
            findings.extend(self.step(file, line, pointer, event))
        return findings

    def step(self, file: str, line: int | None, pointer: str, event: JsonValue) -> list[Finding]:
        """Replay one event (located as in :meth:`replay_events`); what it breaks."""
        if isinstance(event, dict) and event.get("type") in EVENT_TYPES and isinstance(event.get("asset_id"), str):
            return _Step(self, (file, line, pointer), event).apply()
        return []


def _party(value: JsonValue) -> str | None:
    """A holder an event names (a DID, a string by the schema), else None: nobody known."""
    return value if isinstance(value, str) else None


class _Step:
    """Applying one event to the ledger: the checks, then the new state."""

    def __init__(self, ledger: Ledger, where: tuple[str, int | None, str], event: JsonObject) -> None:
        self.ledger, self.event = ledger, event
        self.file, self.line, self.pointer = where
        kind, asset_id = event.get("type"), event.get("asset_id")
        assert isinstance(kind, str) and isinstance(asset_id, str), "Ledger.step admits no other event"
        self.kind, self.asset_id = kind, asset_id
        self.here = f"{self.file}:{self.line}" if self.line is not None else \
            f"{self.file}#{self.pointer}" if self.pointer else self.file
        self.findings: list[Finding] = []
        self.when: datetime | None = None

    def _finding(self, member: str, problem: Message, expected: object, actual: object) -> Finding:
        pointer = f"{self.pointer}/{member}" if member else self.pointer
        return Finding(msg("assets.chain-event", asset=self.asset_id, problem=problem), file=self.file, line=self.line,
                       pointer=pointer or None, expected=expected, actual=actual)

    def report(self, member: str, problem: Message, expected: object = None, actual: object = None) -> None:
        self.findings.append(self._finding(member, problem, expected, actual))

    def apply(self) -> list[Finding]:
        self.ledger.events_seen += 1
        event, kind = self.event, self.kind
        digest, when = sha256_hex(event), _parse_time(event.get("time"))
        self.when = when
        state = self.ledger.assets.get(self.asset_id)
        if state is None:
            if kind != "issue":
                self.report("type", msg("assets.chain-first-not-issue", kind=kind),
                            expected="issue", actual=kind)
            # Track the asset anyway: one missing issue should not make every later event a finding.
            owner = _party(event.get("to") if kind == "issue" or kind in MOVES else event.get("from"))
            self.ledger.assets[self.asset_id] = _AssetState(
                owner, issued_at=self.here, last_hash=digest, last_time=when, last_event=self.here,
                held_since=when,
            )
            return self.findings
        self.check_link(state, when)
        if kind != "issue" and not state.burned_at:
            self.check_holder(state)
            self.advance(state)
        state.last_hash, state.last_event = digest, self.here
        if when is not None:
            state.last_time = when
        return self.findings

    def check_link(self, state: _AssetState, when: datetime | None) -> None:
        """Rules for any event after the first: one issue, nothing after burn, hash, time."""
        event = self.event
        if self.kind == "issue":
            self.report("type", msg("assets.chain-issued-again", where=state.issued_at),
                        expected=msg("assets.expect-one-issue"), actual="issue")
        if state.burned_at:
            self.report("", msg("assets.chain-after-burn", where=state.burned_at))
        if event.get("prev_hash") != state.last_hash:
            self.report("prev_hash", msg("assets.chain-prev-hash", where=state.last_event),
                        expected=state.last_hash, actual=event.get("prev_hash"))
        if when is not None and state.last_time is not None and when < state.last_time:
            self.report("time", msg("assets.chain-time-earlier", where=state.last_event),
                        expected=f">= {state.last_time.isoformat()}", actual=event.get("time"))

    def check_holder(self, state: _AssetState) -> None:
        """Rules for a live asset: only its holder acts on it, and a lock holds it in place."""
        kind = self.kind
        if self.event.get("from") != state.owner:
            self.report("from", msg("assets.chain-not-holder", kind=kind),
                        expected=state.owner, actual=self.event.get("from"))
        if (kind in MOVES or kind in ("burn", "order")) and state.locked_at:
            self.report("type", msg("assets.chain-while-locked", kind=kind, where=state.locked_at),
                        expected=msg("assets.expect-unlock-first"), actual=kind)
        elif kind == "lock" and state.locked_at:
            self.report("type", msg("assets.chain-locked-again", where=state.locked_at),
                        expected="unlock", actual="lock")
        elif kind == "unlock" and not state.locked_at:
            self.report("type", msg("assets.chain-unlock-not-locked"),
                        expected=msg("assets.expect-lock-before-unlock"), actual="unlock")

    def advance(self, state: _AssetState) -> None:
        if self.kind in MOVES:
            if self.kind != "refund":  # a refund undoes a settlement, which the rule allowed
                self.check_rule(state)
            state.owner = _party(self.event.get("to"))
            state.held_since = self.when
        elif self.kind == "lock":
            state.locked_at = self.here
        elif self.kind == "unlock":
            state.locked_at = None
        elif self.kind == "burn":
            state.burned_at = self.here
            state.owner = None

    def check_rule(self, state: _AssetState) -> None:
        """The metadata's transfer rule: a locked asset never moves; a holder keeps it for
        the minimum holding period before passing it on."""
        rule = self.ledger.rules.get(self.asset_id)
        if rule is None:
            return
        if rule.locked:
            self.ledger.rule_findings.append(self._finding(
                "type", msg("assets.rule-nontransferable", source=rule.source),
                expected=msg("assets.expect-no-transfer-locked"), actual="transfer"))
            return
        when = self.when
        if rule.min_holding_period_s and when is not None and state.held_since is not None:
            held = (when - state.held_since).total_seconds()
            if held < rule.min_holding_period_s:
                self.ledger.rule_findings.append(self._finding(
                    "time", msg("assets.rule-holding-period", held=held, period=rule.min_holding_period_s,
                                source=rule.source),
                    expected=msg("assets.expect-held-until", period=rule.min_holding_period_s,
                                 since=state.held_since.isoformat()),
                    actual=self.event.get("time")))
