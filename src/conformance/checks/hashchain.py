"""Asset lifecycle histories: is each asset's history a valid, unbroken hash chain?

An asset's life is ``issue -> (transfer | lock | unlock)* -> burn?``. Its events are linked
by ``prev_hash``, the SHA-256 of the RFC 8785 canonical form of the asset's previous event
(see :mod:`conformance.checks.jcs` and ``schemas/assets/lifecycle-event.json``). A
:class:`Ledger` replays the events of every history document it is given, in order, and
reports each rule an event breaks, located by a JSON pointer into its document.

Structure (required members, DIDs, time format) is the schema's job; the ledger checks
what a schema cannot: ownership, order and the links between events. It skips events too
malformed to replay, which the schema reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .jcs import sha256_hex

EVENT_TYPES = frozenset({"issue", "transfer", "lock", "unlock", "burn"})


@dataclass(frozen=True)
class ChainFinding:
    """One broken rule: where (document name and JSON pointer), what, and the values."""

    file: str
    pointer: str
    message: str
    expected: Any = None
    actual: Any = None


@dataclass
class _AssetState:
    owner: str | None
    issued_at: str  # "file#pointer" of the issue event, for messages
    last_hash: str
    last_time: datetime | None
    last_event: str
    locked_at: str | None = None
    burned_at: str | None = None


def _parse_time(value: Any) -> datetime | None:
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

    def __init__(self) -> None:
        self.assets: dict[str, _AssetState] = {}
        self.events_seen = 0

    def replay(self, file: str, history: Any) -> list[ChainFinding]:
        """Replay one history document (``{"events": [...]}``); return what it breaks."""
        events = history.get("events") if isinstance(history, dict) else None
        if not isinstance(events, list):
            return []  # the schema reports the missing events array
        findings: list[ChainFinding] = []
        for index, event in enumerate(events):
            findings.extend(self._apply(file, f"/events/{index}", event))
        return findings

    def _apply(self, file: str, pointer: str, event: Any) -> list[ChainFinding]:
        if not isinstance(event, dict):
            return []
        kind, asset_id = event.get("type"), event.get("asset_id")
        if kind not in EVENT_TYPES or not isinstance(asset_id, str):
            return []
        self.events_seen += 1
        here = f"{file}#{pointer}"

        def found(member: str, message: str, expected: Any = None, actual: Any = None) -> ChainFinding:
            return ChainFinding(file, f"{pointer}/{member}" if member else pointer,
                                f"asset {asset_id}: {message}", expected, actual)

        digest, when = sha256_hex(event), _parse_time(event.get("time"))
        state = self.assets.get(asset_id)
        if state is None:
            findings = []
            if kind != "issue":
                findings.append(found("type", f"its first event is a {kind}; a history starts with issue",
                                      expected="issue", actual=kind))
            # Track the asset anyway, so one missing issue does not make every later event a finding.
            owner = event.get("to") if kind in ("issue", "transfer") else event.get("from")
            self.assets[asset_id] = _AssetState(owner, here, digest, when, here)
            return findings

        findings = self._check_link(state, event, kind, when, found)
        if kind != "issue" and not state.burned_at:
            self._advance(state, event, kind, here)
        state.last_hash, state.last_event = digest, here
        if when is not None:
            state.last_time = when
        return findings

    def _check_link(self, state: _AssetState, event: dict[str, Any], kind: str,
                    when: datetime | None, found: Any) -> list[ChainFinding]:
        findings: list[ChainFinding] = []
        if kind == "issue":
            findings.append(found("type", f"issued again; it was issued at {state.issued_at}",
                                  expected="one issue event per asset", actual="issue"))
        if state.burned_at:
            findings.append(found("", f"event after the asset was burned at {state.burned_at}"))
        if event.get("prev_hash") != state.last_hash:
            findings.append(found("prev_hash", f"does not link to the previous event {state.last_event}",
                                  expected=state.last_hash, actual=event.get("prev_hash")))
        if when is not None and state.last_time is not None and when < state.last_time:
            findings.append(found("time", f"goes back in time from the previous event {state.last_event}",
                                  expected=f">= {state.last_time.isoformat()}", actual=event.get("time")))
        if kind == "issue" or state.burned_at:
            return findings  # holder and lock rules only make sense for a live asset
        if event.get("from") != state.owner:
            findings.append(found("from", f"a {kind} must come from the current holder",
                                  expected=state.owner, actual=event.get("from")))
        if kind in ("transfer", "burn") and state.locked_at:
            findings.append(found("type", f"a {kind} while the asset is locked (since {state.locked_at})",
                                  expected="unlock first", actual=kind))
        if kind == "lock" and state.locked_at:
            findings.append(found("type", f"locked again; already locked at {state.locked_at}",
                                  expected="unlock", actual="lock"))
        if kind == "unlock" and not state.locked_at:
            findings.append(found("type", "unlocked but it is not locked", expected="lock before unlock",
                                  actual="unlock"))
        return findings

    @staticmethod
    def _advance(state: _AssetState, event: dict[str, Any], kind: str, here: str) -> None:
        if kind == "transfer":
            state.owner = event.get("to")
        elif kind == "lock":
            state.locked_at = here
        elif kind == "unlock":
            state.locked_at = None
        elif kind == "burn":
            state.burned_at = here
            state.owner = None
